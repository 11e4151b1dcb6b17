import { SeedbedError } from '../errors.ts';
import type { DatabaseTarget } from './url.ts';

// PostgreSQL errors as one clear message: host, port, database and user, never the password.

function where(t: DatabaseTarget): string {
  return `PostgreSQL at ${t.host}:${t.port}, database "${t.database}"${t.user ? ` as user "${t.user}"` : ''}`;
}

/** Removes the password from a driver message, should one ever echo it. */
function scrub(t: DatabaseTarget, msg: string): string {
  return t.password ? msg.split(t.password).join('***') : msg;
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
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new SeedbedError('CONNECT_FAILED', `${head}: the host name does not resolve.`, { fix: 'Check the host in the database URL.', cause: e });
  }
  if (code === 'ETIMEDOUT' || /timeout/i.test(msg)) {
    return new SeedbedError('CONNECT_FAILED', `${head}: the connection timed out.`, { fix: 'Check the host, port and any firewall.', cause: e });
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

export function pgWriteError(t: DatabaseTarget, e: unknown, table?: string): SeedbedError {
  if (e instanceof SeedbedError) return e;
  const code = String((e as { code?: string }).code ?? '');
  if (/^(ECONN|ETIMEDOUT|ENOTFOUND|08|28|3D000)/.test(code)) return pgConnectError(t, e);
  const err = e as { message?: string; detail?: string; where?: string; constraint?: string };
  const msg = scrub(t, err.message ?? String(e));
  const detail = err.detail ? ` (${scrub(t, err.detail)})` : '';
  const at = table ? ` while writing table "${table}"` : '';
  if (code === '25006' || code === '42501') {
    return new SeedbedError('READ_ONLY', `PostgreSQL refused a write${at}: ${msg}.`, { fix: 'Connect as a user allowed to write these tables.', cause: e, table });
  }
  return new SeedbedError('WRITE_FAILED', `PostgreSQL refused a statement${at}: ${msg}${detail}`, { cause: e, table });
}
