import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { checkServerIdentity, type ConnectionOptions } from 'node:tls';
import type { Pool, PoolClient } from 'pg';
import { SeedbedError } from '../errors.ts';
import type { SslMode } from './pg-params.ts';
import { passfilePassword, passfilePath } from './pgpass.ts';
import { rememberSecret, type DatabaseTarget } from './url.ts';

// How Seedbed connects to PostgreSQL, as psql would with the same parameters: sslmode (prefer by
// default: TLS when the server offers it), certificates, application_name, timeouts; the password
// from the URL, PGPASSWORD or the password file, asked for only when the server wants one (and
// failing at once, with the fix, when there is none).

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** How long a statement waits for a lock another session holds (a table it is altering, an open
 *  transaction's lock) before failing with a message that names the session: PostgreSQL's
 *  default is to wait for ever, and Seedbed then hung without a word. Only where the session has
 *  no lock_timeout of its own (the URL's options, PGOPTIONS, the role's or database's setting). */
export const LOCK_WAIT = '15s';
const BOUNDED_LOCK_WAIT = `SELECT set_config('lock_timeout', $1, false) WHERE current_setting('lock_timeout') = '0'`;
/** How often the server checks, while it runs a statement, that Seedbed is still connected: a
 *  Seedbed killed outright (kill -9, a closed terminal, VS Code gone) otherwise leaves its session
 *  running a statement that may never end (a trigger's pg_sleep), its locks held, its transaction
 *  open until then. PostgreSQL 14+ on Linux, macOS and the BSDs (a cheap poll); where the server
 *  has no such setting, or refuses it, nothing changes. Only where the session has none of its own. */
export const CONNECTION_CHECK = '1s';
const CONNECTION_CHECK_SQL = `SELECT set_config('client_connection_check_interval', $1, false) WHERE current_setting('client_connection_check_interval', true) = '0'`;

/** MikroORM options for a target: its connection, and the pool settings the URL implies. */
export function pgOrmOptions(t: DatabaseTarget): Record<string, unknown> {
  const s = t.settings!;
  const ssl = tlsOptions(t);
  return {
    host: t.host,
    port: t.port,
    user: t.user,
    dbName: t.database,
    // Set on the pool itself: MikroORM would copy (and so lose) what an options object holds.
    driverOptions: {
      connectionTimeoutMillis: s.connectTimeout ? s.connectTimeout * 1000 : DEFAULT_CONNECT_TIMEOUT_MS,
      keepAlive: s.keepalives,
      ...(s.keepalivesIdle !== undefined ? { keepAliveInitialDelayMillis: s.keepalivesIdle * 1000 } : {}),
      ...(s.applicationName !== undefined ? { application_name: s.applicationName } : {}),
      ...(s.options !== undefined ? { options: s.options } : {}),
      sslnegotiation: s.sslnegotiation ?? 'postgres',
      onPoolCreated: (pool: Pool) => {
        pool.options.ssl = ssl;
        pool.options.password = passwordSource(t);
        closeFailedConnections(pool);
        // Each new connection, before the pool hands it out (a server that refuses: unbounded, as before).
        (pool.options as { onConnect?: (c: PoolClient) => Promise<void> }).onConnect = async (client) => {
          try { await client.query(BOUNDED_LOCK_WAIT, [LOCK_WAIT]); } catch { /* not worth failing the connection */ }
          try { await client.query(CONNECTION_CHECK_SQL, [CONNECTION_CHECK]); } catch { /* an older server, an unsupported platform */ }
        };
      },
    },
  };
}

interface RawClient { connect(cb?: (err?: Error) => void): unknown; connection?: { stream?: { destroy(): void } } }

/**
 * pg leaves the socket of a connection that failed during authentication open (when the password
 * function throws, say), and the server keeps it for authentication_timeout (60 s): the process
 * could not exit until then. The pool's clients close it on any failed connect.
 */
function closeFailedConnections(pool: Pool): void {
  const p = pool as unknown as { Client: new (o: unknown) => RawClient };
  const Base = p.Client;
  const open = openSockets(pool);
  p.Client = function ClosingClient(o: unknown) {
    const c = new Base(o);
    const connect = c.connect.bind(c);
    c.connect = (cb) => (cb ? connect((err) => { if (err) c.connection?.stream?.destroy(); cb(err); }) : connect());
    // Every socket the pool opens, connecting or connected, until it closes (destroySockets).
    const stream = c.connection?.stream as (RawStream | undefined);
    if (stream) {
      open.add(stream);
      stream.once('close', () => open.delete(stream));
    }
    return c;
  } as unknown as new (o: unknown) => RawClient;
}

interface RawStream { destroy(): void; once(event: 'close', f: () => void): void }
const SOCKETS = new WeakMap<Pool, Set<RawStream>>();
function openSockets(pool: Pool): Set<RawStream> {
  let set = SOCKETS.get(pool);
  if (!set) SOCKETS.set(pool, (set = new Set()));
  return set;
}

/** Closes every socket of the pool still open: a server that stopped answering never ends the
 *  sessions it holds (nor answers a connection attempt), and they would keep the process alive. */
export function destroySockets(pool: Pool): void {
  for (const s of openSockets(pool)) s.destroy();
}

/**
 * The first query on a new pool. sslmode=prefer falls back to plain text when the server has no
 * TLS; allow tries plain text first and TLS when the server refuses it — both as libpq does.
 */
export async function firstQuery(pool: Pool, t: DatabaseTarget): Promise<void> {
  try {
    await pool.query('SELECT 1');
    return;
  } catch (e) {
    const mode = t.settings!.sslmode;
    if (mode === 'prefer' && (noTls(e) || tlsFailed(e))) pool.options.ssl = false;
    else if (mode === 'allow' && plainRefused(e)) pool.options.ssl = tlsOptions(t, 'require');
    else throw e;
  }
  await pool.query('SELECT 1');
}

export const noTls = (e: unknown) => /server does not support SSL/i.test((e as Error)?.message ?? '');
export const plainRefused = (e: unknown) => /no encryption/i.test((e as Error)?.message ?? '') && /^28/.test(String((e as { code?: string })?.code));
export const tlsFailed = (e: unknown) => /^(ERR_TLS|ERR_SSL|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|CERT_|ERR_OSSL)/.test(String((e as { code?: string })?.code ?? ''));

/** pg's `ssl` option for an sslmode (the target's, else `mode`). */
export function tlsOptions(t: DatabaseTarget, mode: SslMode = t.settings!.sslmode): false | ConnectionOptions {
  const s = t.settings!;
  if (mode === 'disable' || mode === 'allow') return false;
  const dir = join(homedir(), '.postgresql');
  const o: ConnectionOptions = {};
  if (s.sslMinProtocol) o.minVersion = s.sslMinProtocol as ConnectionOptions['minVersion'];
  if (s.sslMaxProtocol) o.maxVersion = s.sslMaxProtocol as ConnectionOptions['maxVersion'];
  // Client certificate: sslcert/sslkey, else ~/.postgresql/postgresql.crt and .key when present.
  const certFile = s.sslcert ?? join(dir, 'postgresql.crt');
  if (s.sslcert || existsSync(certFile)) {
    o.cert = readPem(certFile, 'client certificate (sslcert)');
    const keyFile = s.sslkey ?? join(dir, 'postgresql.key');
    if (!existsSync(keyFile)) {
      throw new SeedbedError('BAD_INPUT', `The client certificate ${certFile} has no private key: ${keyFile} does not exist.`, { fix: 'Pass sslkey=/path/to/postgresql.key in the URL (or PGSSLKEY).' });
    }
    const st = statSync(keyFile);
    if (st.isFile() && process.platform !== 'win32' && (st.mode & 0o077) !== 0 && !(st.uid === 0 && (st.mode & 0o037) === 0)) {
      throw new SeedbedError('BAD_INPUT', `The private key file ${keyFile} has group or world access; libpq refuses it too.`, { fix: `chmod 0600 ${keyFile}` });
    }
    o.key = readPem(keyFile, 'private key (sslkey)');
    if (s.sslpassword) o.passphrase = s.sslpassword;
  }
  if (s.sslcrl) o.crl = readPem(s.sslcrl, 'certificate revocation list (sslcrl)');
  // require verifies nothing, unless a root certificate is there (then it is verify-ca, as in libpq).
  const rootFile = s.sslrootcert ?? join(dir, 'root.crt');
  const haveRoot = s.sslrootcert === 'system' || existsSync(rootFile);
  const verify = mode === 'verify-ca' || mode === 'verify-full' || (mode === 'require' && haveRoot && t.settings!.sslmode === 'require');
  if (!verify) return { ...o, rejectUnauthorized: false };
  if (s.sslrootcert !== 'system') {
    if (!haveRoot) {
      throw new SeedbedError('BAD_INPUT', `sslmode=${mode} checks the server's certificate, and the root certificate file ${rootFile} does not exist.`, {
        fix: 'Pass sslrootcert=/path/to/root.crt (the CA that signed the server\'s certificate), or sslrootcert=system for the system\'s trusted roots, or sslmode=require to encrypt without checking.',
      });
    }
    o.ca = readPem(rootFile, 'root certificate (sslrootcert)');
  }
  o.rejectUnauthorized = true;
  // verify-ca: the chain only; verify-full: the chain and the host name (or IP address).
  const host = t.host!;
  o.checkServerIdentity = mode === 'verify-full' ? (_name, cert) => checkServerIdentity(host, cert) : () => undefined;
  return o;
}

/** A PEM file is kilobytes; one larger than this is not a certificate or key. */
const PEM_LIMIT = 1024 * 1024;

/** A certificate or key file named by the URL (or PGSSL…), read only when it is a plain file of
 *  PEM size: a named pipe blocked the read for ever (Ctrl-C could not end it: the read held the
 *  thread), and /dev/zero was read until the machine ran out of memory. */
function readPem(file: string, what: string): string {
  const fix = 'Check the path in the URL (or the PGSSL… variable).';
  let fd: number;
  try {
    // Non-blocking: opening a named pipe for reading otherwise waits for a writer.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new SeedbedError('BAD_INPUT', `Cannot read the ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, { fix });
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      const kind = st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : st.isDirectory() ? 'a directory' : 'a device';
      throw new SeedbedError('BAD_INPUT', `The ${what} ${file} is ${kind}, not a file.`, { fix: `${fix} It names a PEM file.` });
    }
    if (st.size > PEM_LIMIT) {
      throw new SeedbedError('BAD_INPUT', `The ${what} ${file} is ${(st.size / 1024 / 1024).toFixed(1)} MB: no certificate or key is that large.`, { fix: `${fix} It names a PEM file.` });
    }
    return readFileSync(fd, 'utf8');
  } catch (e) {
    if (e instanceof SeedbedError) throw e;
    throw new SeedbedError('BAD_INPUT', `Cannot read the ${what} ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}.`, { fix });
  } finally {
    closeSync(fd);
  }
}

/** pg asks for the password only when the server wants one: then URL/PGPASSWORD, else the password file, else a clear error at once. */
export function passwordSource(t: DatabaseTarget): () => string {
  let cached: string | undefined = t.password;
  return () => {
    if (cached !== undefined) return cached;
    const r = passfilePassword(passfilePath(t.settings?.passfile), t.host!, t.port!, t.database!, t.user!);
    if (r.password !== undefined) {
      rememberSecret(r.password, [t.user ?? '', t.host ?? '', t.database ?? '']);
      return (cached = r.password);
    }
    throw new SeedbedError('CONNECT_FAILED',
      `PostgreSQL at ${t.host}:${t.port} wants a password for user "${t.user}", and none was given${r.ignored ? ` (the password file ${r.file} was not read: ${r.ignored})` : ''}.`, {
        fix: `Add the password to the URL (postgresql://${t.user}:PASSWORD@${t.host}:${t.port}/${t.database}), set PGPASSWORD, or add the line ${t.host}:${t.port}:${t.database}:${t.user}:PASSWORD to ${r.file} (mode 0600).`,
      });
  };
}
