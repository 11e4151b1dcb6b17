import { clip, SeedbedError } from '../errors.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS, noTls, plainRefused, tlsFailed } from './pg-connect.ts';
import { redact, type DatabaseTarget } from './url.ts';

// PostgreSQL errors as one clear message: host, port, database and user, never the password.

function where(t: DatabaseTarget): string {
  return `PostgreSQL at ${t.host}:${t.port}, database "${t.database}"${t.user ? ` as user "${t.user}"` : ''}`;
}

/** Removes the password from a driver message, should one ever echo it. */
function scrub(t: DatabaseTarget, msg: string): string {
  return redact(t.password ? msg.split(t.password).join('***') : msg);
}

export function pgConnectError(t: DatabaseTarget, e: unknown): SeedbedError {
  if (e instanceof SeedbedError) return e;
  const code = String((e as { code?: string }).code ?? '');
  const msg = scrub(t, (e as Error)?.message ?? String(e));
  const head = `Cannot connect to ${where(t)}`;
  if (code === 'ECONNREFUSED') {
    return new SeedbedError('CONNECT_FAILED', `${head}: nothing is listening there (connection refused).`, {
      fix: 'Start PostgreSQL, or check the host and port in the database URL.', cause: e });
  }
  // A unix-socket folder (host=/var/run/postgresql): node's words name only the errno.
  if (t.host?.startsWith('/') && /^(ENOENT|ENOTDIR|EACCES|ECONNREFUSED|ENOTSOCK|ENAMETOOLONG|EINVAL)$/.test(code)) {
    const socket = `${t.host}/.s.PGSQL.${t.port}`;
    // Linux refuses a socket path past 107 bytes with EINVAL.
    const tooLong = `the socket path ${socket.length > 120 ? `${socket.slice(0, 100)}…` : socket} is longer than a unix socket path may be (about 107 bytes)`;
    const why: Record<string, string> = {
      ENOENT: `there is no PostgreSQL socket ${socket}`,
      ENOTDIR: `${t.host} is not a folder`,
      EACCES: `permission denied on the socket ${socket} or its folder`,
      ECONNREFUSED: `nothing is listening on the socket ${socket} (connection refused)`,
      ENOTSOCK: `${socket} is not a socket`,
      EINVAL: tooLong,
      ENAMETOOLONG: tooLong,
    };
    return new SeedbedError('CONNECT_FAILED', `${head}: ${why[code]}.`, {
      fix: 'Start PostgreSQL, or name the folder its unix_socket_directories setting gives (often /var/run/postgresql or /tmp) and the port it listens on; or connect over TCP (host=localhost).',
      cause: e });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new SeedbedError('CONNECT_FAILED', `${head}: the host name does not resolve.`, { fix: 'Check the host in the database URL.', cause: e });
  }
  const tls = tlsProblem(t, e, msg);
  if (tls) return new SeedbedError('CONNECT_FAILED', `${head}: ${tls.message}`, { fix: tls.fix, cause: e });
  if (code === 'ETIMEDOUT' || /timeout/i.test(msg)) {
    // A host that drops the connection attempt, or something that accepts it and never speaks
    // PostgreSQL's protocol (a stalled proxy, another service, a frozen server).
    const seconds = t.settings?.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_MS / 1000;
    return new SeedbedError('CONNECT_FAILED', `${head}: no answer within ${seconds} s (connect_timeout); the connection timed out.`, {
      fix: 'Check the host, port and any firewall: is PostgreSQL running there? On a slow network, allow more time with connect_timeout=SECONDS in the URL.', cause: e });
  }
  if (code === '28P01' || code === '28000') {
    return new SeedbedError('CONNECT_FAILED', `${head}: authentication failed (${msg.replace(/"[^"]*"/g, (m) => m)}).`, {
      fix: 'Check the user name and password (the password is never shown).', cause: e });
  }
  if (code === '3D000') {
    return new SeedbedError('NOT_FOUND', `${head}: the database does not exist.`, {
      fix: `Create it first (createdb ${t.database}) and run your migrations; Seedbed fills existing tables.`, cause: e });
  }
  return new SeedbedError('CONNECT_FAILED', `${head}: ${msg}`, { cause: e });
}

/** A driver text as a message quotes it: scrubbed, then cut short. Scrubbed on its first 2,000
 *  characters only (redaction's patterns are slow on megabytes; a password cut in half at that
 *  point is beyond what the message shows anyway). */
function said(t: DatabaseTarget, text: string): string {
  const WINDOW = 2000;
  const shown = clip(scrub(t, text.slice(0, WINDOW)));
  return text.length <= WINDOW ? shown : `${shown.replace(/… \([\d,]+ characters in all\)$/, '')}… (${text.length.toLocaleString('en-US')} characters in all)`;
}

export function pgWriteError(t: DatabaseTarget, e: unknown, table?: string): SeedbedError {
  if (e instanceof SeedbedError) return e;
  const code = String((e as { code?: string }).code ?? '');
  if (/^(ECONN|ETIMEDOUT|ENOTFOUND|08|28|3D000)/.test(code)) return pgConnectError(t, e);
  const err = e as { message?: string; detail?: string; where?: string; constraint?: string };
  // PostgreSQL quotes the offending value (a 10 MB string, say): cut short.
  const msg = said(t, err.message ?? String(e));
  const detail = err.detail ? ` (${said(t, err.detail)})` : '';
  const at = table ? ` while writing table "${table}"` : '';
  if (code === LOCK_NOT_AVAILABLE) return lockTimeoutError(e, table, []);
  if (code === '25006' || code === '42501') {
    return new SeedbedError('READ_ONLY', `PostgreSQL refused a write${at}: ${msg}.`, { fix: 'Connect as a user allowed to write these tables.', cause: e, table });
  }
  return new SeedbedError('WRITE_FAILED', `PostgreSQL refused a statement${at}: ${msg}${detail}`, { cause: e, table });
}

const LOCK_NOT_AVAILABLE = '55P03';
const LONGER_WAIT = 'To wait longer, set lock_timeout in the URL (?options=-c%20lock_timeout%3D60s) or in PGOPTIONS.';

/** A session holding locks on the run's tables, from pg_locks and pg_stat_activity. */
export interface LockHolder {
  pid: number;
  who: string;
  state: string;
  since: string | null;
  locks: string;
  wait: string;
}

/** Whether `err` (from pgWriteError) is a lock timeout: another session held a lock too long. */
export function isLockTimeout(err: unknown): err is SeedbedError {
  return err instanceof SeedbedError && String((err.cause as { code?: string } | undefined)?.code) === LOCK_NOT_AVAILABLE;
}

/** A lock timeout (pgWriteError) with the sessions that hold locks on the run's tables named,
 *  and how to end them; any other error unchanged. */
export function withLockHolders(err: unknown, holders: LockHolder[]): unknown {
  return isLockTimeout(err) && holders.length ? lockTimeoutError(err.cause, err.table, holders) : err;
}

/** One message for a lock timeout: the table if known, the sessions holding locks if found. */
function lockTimeoutError(e: unknown, table: string | undefined, holders: LockHolder[]): SeedbedError {
  const shown = holders.slice(0, 3);
  const who = shown.map((h) => `pid ${h.pid} (${h.who}, ${h.state}${h.since ? ` since ${h.since}` : ''}) holds ${h.locks}`);
  const more = holders.length > 3 ? `, and ${holders.length - 3} more` : '';
  const several = shown.length > 1;
  const end = shown.length
    ? `Let ${several ? 'those sessions' : 'that session'} finish (COMMIT or ROLLBACK there), or end ${several ? 'them' : 'it'}: ${shown.map((h) => `SELECT pg_terminate_backend(${h.pid});`).join(' ')} Then run again.`
    : 'Let that session finish (COMMIT or ROLLBACK its open transaction: a migration, psql, a running app), then run again.';
  return new SeedbedError('WRITE_FAILED',
    `PostgreSQL: ${table ? `table "${table}"` : 'a table Seedbed needs'} is locked by another session; Seedbed waited ${shown.length ? `${shown[0].wait} ` : ''}for it (lock_timeout) and stopped${shown.length ? `: ${who.join('; ')}${more}` : ''}. Nothing was written.`,
    { fix: `${end} ${LONGER_WAIT}`, cause: e, table });
}

/** TLS failures in psql's terms: what sslmode demanded, and what to change. */
function tlsProblem(t: DatabaseTarget, e: unknown, msg: string): { message: string; fix: string } | undefined {
  const s = t.settings;
  if (!s) return undefined;
  if (noTls(e)) {
    return {
      message: `the server does not support TLS (SSL), and ${s.sslmodeFrom} demands it; Seedbed does not fall back to plain text.`,
      fix: 'Turn ssl on in the server\'s postgresql.conf; or, only where plain text is acceptable on this network, use sslmode=prefer (or disable).',
    };
  }
  if (plainRefused(e)) {
    return {
      message: `the server accepts only TLS connections here (pg_hba.conf), and ${s.sslmodeFrom} does not use TLS (${msg}).`,
      fix: 'Use sslmode=verify-full with sslrootcert=/path/to/root.crt (or sslmode=require to encrypt without checking the certificate).',
    };
  }
  if (!tlsFailed(e)) return undefined;
  const code = String((e as { code?: string }).code);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return {
      message: `the server's TLS certificate is not for the host "${t.host}" (${s.sslmodeFrom} checks the host name): ${msg}`,
      fix: 'Connect with a host name the certificate names, or use sslmode=verify-ca to check only that a trusted CA signed it.',
    };
  }
  const root = s.sslrootcert ?? '~/.postgresql/root.crt';
  return {
    message: `the server's TLS certificate could not be verified against ${s.sslrootcert === 'system' ? 'the system\'s trusted roots' : `the root certificate ${root}`} (${s.sslmodeFrom}): ${msg}.`,
    fix: 'Pass sslrootcert=/path/to/root.crt with the CA that signed the server\'s certificate; or use sslmode=require to encrypt without checking it.',
  };
}
