import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase, SeedbedError, type Driver } from '../src/seeders/index.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cliEntry, ROOT, tempDir } from './support/sqlite.ts';

// Issue #14 item 3: sslmode is honoured as psql honours it, never dropped. A real server with
// ssl=on and a certificate signed by a CA made here with openssl; pg_stat_ssl (the server's own
// view) says whether Seedbed's session is encrypted.

const dir = tempDir('seedbed-tls-');
const MAIN = cliEntry();
const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

/** A CA, and a server certificate it signs for the IP address 127.0.0.1 only (not "localhost"). */
function makeCertificates(): void {
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Seedbed test CA', '-keyout', 'ca.key', '-out', 'ca.crt');
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=Some other CA', '-keyout', 'other.key', '-out', 'other.crt');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', 'server.key', '-out', 'server.csr');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  ssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-extfile', 'san.ext', '-out', 'server.crt');
  // A client certificate for the role certuser (certificate authentication, no password).
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=certuser', '-keyout', 'client.key', '-out', 'client.csr');
  ssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '2', '-out', 'client.crt');
  chmodSync(join(dir, 'client.key'), 0o600);
}

let tls: PgServer;
let plain: PgServer;
before(async () => {
  makeCertificates();
  [tls, plain] = await Promise.all([
    startPostgres({
      ssl: { cert: readFileSync(join(dir, 'server.crt'), 'utf8'), key: readFileSync(join(dir, 'server.key'), 'utf8'), ca: readFileSync(join(dir, 'ca.crt'), 'utf8') },
      hba: ['hostnossl all tlsonly 127.0.0.1/32 reject', 'hostssl all certuser 127.0.0.1/32 cert'],
    }),
    startPostgres(),
  ]);
  for (const s of [tls, plain]) await s.createDatabase('app', 'CREATE TABLE t (id serial PRIMARY KEY, name text);');
  await tls.query('postgres', "CREATE ROLE tlsonly LOGIN PASSWORD 'tls-only-pw'; CREATE ROLE certuser LOGIN");
});
after(async () => {
  await Promise.all([tls?.stop(), plain?.stop()]);
  cleanup(dir);
});

const ca = () => join(dir, 'ca.crt');
const other = () => join(dir, 'other.crt');

/** Opens the URL and asks the server whether this session is encrypted. */
async function encrypted(url: string): Promise<boolean> {
  const db: Driver = await openDatabase(url);
  try {
    const rows = await db.query!('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    return rows[0]?.ssl === true;
  } finally {
    await db.close();
  }
}

async function refusal(url: string): Promise<SeedbedError> {
  try {
    const db = await openDatabase(url);
    await db.close();
  } catch (e) {
    assert.ok(e instanceof SeedbedError, String(e));
    return e;
  }
  assert.fail(`${url} connected`);
}

describe('sslmode, as psql honours it', () => {
  test('require: TLS (pg_stat_ssl says so); disable: plain; the default (prefer): TLS when the server has it, plain when not', async () => {
    assert.equal(await encrypted(`${tls.url('app')}?sslmode=require`), true);
    assert.equal(await encrypted(`${tls.url('app')}?sslmode=disable`), false);
    assert.equal(await encrypted(tls.url('app')), true, 'prefer uses TLS when offered');
    assert.equal(await encrypted(plain.url('app')), false, 'prefer falls back to plain text');
    assert.equal(await encrypted(`${plain.url('app')}?sslmode=allow`), false);
  });

  test('verify-ca and verify-full with the right root certificate connect with TLS', async () => {
    assert.equal(await encrypted(`${tls.url('app')}?sslmode=verify-ca&sslrootcert=${encodeURIComponent(ca())}`), true);
    assert.equal(await encrypted(`${tls.url('app')}?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca())}`), true);
    // require with a root certificate given checks the chain, as libpq does (verify-ca).
    const e = await refusal(`${tls.url('app')}?sslmode=require&sslrootcert=${encodeURIComponent(other())}`);
    assert.match(e.message, /certificate could not be verified/);
  });

  test('verify-full with the wrong root certificate fails, saying why and what to do', async () => {
    const e = await refusal(`${tls.url('app')}?sslmode=verify-full&sslrootcert=${encodeURIComponent(other())}`);
    assert.match(e.message, new RegExp(`Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${tls.port}, database "app" as user "postgres": the server's TLS certificate could not be verified against the root certificate .*other\\.crt \\(sslmode=verify-full\\)`));
    assert.match(e.fix ?? '', /sslrootcert=\/path\/to\/root\.crt/);
  });

  test('verify-full to a host name the certificate does not name fails (verify-ca accepts it)', async () => {
    const url = (mode: string) => `postgresql://postgres:${tls.password}@localhost:${tls.port}/app?sslmode=${mode}&sslrootcert=${encodeURIComponent(ca())}`;
    const e = await refusal(url('verify-full'));
    assert.match(e.message, /the server's TLS certificate is not for the host "localhost" \(sslmode=verify-full checks the host name\)/);
    assert.match(e.fix ?? '', /sslmode=verify-ca/);
    assert.equal(await encrypted(url('verify-ca')), true);
  });

  test('a server without TLS and sslmode=require (or verify-full) fails clearly instead of connecting in plain text', async () => {
    for (const mode of ['require', 'verify-ca', 'verify-full']) {
      const e = await refusal(`${plain.url('app')}?sslmode=${mode}&sslrootcert=${encodeURIComponent(ca())}`);
      assert.match(e.message, new RegExp(`the server does not support TLS \\(SSL\\), and sslmode=${mode} demands it; Seedbed does not fall back to plain text`));
      assert.match(e.fix ?? '', /Turn ssl on/);
    }
    // PGSSLMODE too, as for psql.
    const r = spawnSync(process.execPath, [MAIN, 'status', '--db', plain.url('app')], { encoding: 'utf8', env: { ...process.env, CI: '1', PGSSLMODE: 'require' } });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /does not support TLS \(SSL\), and PGSSLMODE=require demands it/);
    assert.ok(!r.stderr.includes(plain.password), r.stderr);
  });

  test('a missing root certificate file is named, with libpq\'s choices', async () => {
    const e = await refusal(`${tls.url('app')}?sslmode=verify-full&sslrootcert=${encodeURIComponent(join(dir, 'nope.crt'))}`);
    assert.match(e.message, /sslmode=verify-full checks the server's certificate, and the root certificate file .*nope\.crt does not exist/);
    assert.match(e.fix ?? '', /sslrootcert=system/);
  });

  test('allow: plain text first, TLS when the server refuses plain text; disable there says what to change', async () => {
    const url = (mode: string) => `postgresql://tlsonly:tls-only-pw@127.0.0.1:${tls.port}/app?sslmode=${mode}`;
    assert.equal(await encrypted(url('allow')), true);
    const e = await refusal(url('disable'));
    assert.match(e.message, /the server accepts only TLS connections here \(pg_hba\.conf\), and sslmode=disable does not use TLS/);
    assert.match(e.fix ?? '', /sslmode=verify-full/);
  });

  test('a client certificate (sslcert, sslkey) logs in without a password; a key others can read is refused as libpq does', async () => {
    const url = `postgresql://certuser@127.0.0.1:${tls.port}/app?sslmode=verify-full&sslrootcert=${encodeURIComponent(ca())}&sslcert=${encodeURIComponent(join(dir, 'client.crt'))}&sslkey=${encodeURIComponent(join(dir, 'client.key'))}`;
    assert.equal(await encrypted(url), true);
    chmodSync(join(dir, 'client.key'), 0o644);
    try {
      const e = await refusal(url);
      assert.match(e.message, /The private key file .*client\.key has group or world access/);
      assert.match(e.fix ?? '', /chmod 0600/);
    } finally {
      chmodSync(join(dir, 'client.key'), 0o600);
    }
  });

  test('application_name and options reach the server', async () => {
    const db = await openDatabase(`${tls.url('app')}?application_name=seedbed-tls-test&options=${encodeURIComponent('-c statement_timeout=4321')}`);
    try {
      const rows = await db.query!(`SELECT current_setting('application_name') AS a, current_setting('statement_timeout') AS s`);
      assert.deepEqual(rows[0], { a: 'seedbed-tls-test', s: '4321ms' });
    } finally {
      await db.close();
    }
  });
});
