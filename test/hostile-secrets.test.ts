import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { errorText, openDatabase, parseDatabaseUrl, redact, SeedbedError } from '../src/seeders/index.ts';
import { passfilePassword } from '../src/seeders/drivers/pgpass.ts';
import { splitPassword, withPassword } from '../src/seeders/drivers/url.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cliEntry, ROOT, tempDir } from './support/sqlite.ts';

// Issue #14 items 2 and 9: a password never shows — not with '@', ':', '/', '?', '#', '%', spaces,
// quotes or non-ASCII in it, not in the user-info, ?password= or a key=value string, in no output,
// written file or ledger row — and it is used to connect wherever it is given (URL, ?password=,
// PGPASSWORD, the password file). A role that needs a password, given none, fails at once with
// the fix.

const MAIN = cliEntry();
const dir = tempDir('seedbed-secrets-');
const SHOP = `
  CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text UNIQUE);
  CREATE TABLE orders (id serial PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), total numeric(10, 2) CHECK (total >= 0));
`;

/** Every form a password can take in text: raw, percent-encoded, JSON-escaped, WHATWG-encoded. */
function forms(pw: string): string[] {
  const u = new URL('x://h');
  u.password = pw;
  return [...new Set([pw, encodeURIComponent(pw), JSON.stringify(pw).slice(1, -1), u.password])];
}

function assertNoSecret(pw: string, text: string, where: string): void {
  for (const f of forms(pw)) assert.ok(!text.includes(f), `${where} holds the password (${JSON.stringify(f)}):\n${text.slice(0, 2000)}`);
}

/** key=value quoting, as libpq reads it. */
const kvQuote = (v: string) => `'${v.replace(/[\\']/g, (c) => `\\${c}`)}'`;

const run = (args: string[], env: Record<string, string> = {}, cwd = dir) => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [MAIN, ...args], {
    cwd, encoding: 'utf8', input: '',
    env: { ...process.env, CI: '1', SEEDBED_DATABASE_URL: '', PGPASSWORD: '', PGPASSFILE: join(dir, 'no-such-pgpass'), PGHOST: '', PGUSER: '', PGDATABASE: '', PGPORT: '', PGSSLMODE: '', ...env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
};

// ---- parsing and redaction, no server ---------------------------------------------------------

const HOSTILE = ['p@ss@word', 'a:b:c', 'sl/ash', 'q?uest', 'ha#sh', 'per%cent', 'sp ace', "it's", 'say "hi"', 'ünï©ødé✓', 'Ab3/x+Y=', '123/4', `P@:/?#% '"ü x✓`];

describe('connection strings with hostile passwords', () => {
  for (const pw of HOSTILE) {
    const urls = {
      'user-info, unencoded': `postgresql://bob:${pw}@127.0.0.1:5433/app?application_name=me@laptop`,
      'user-info, encoded': `postgresql://bob:${encodeURIComponent(pw)}@127.0.0.1:5433/app`,
      '?password=': `postgresql://bob@127.0.0.1:5433/app?sslmode=disable&password=${encodeURIComponent(pw)}`,
      'key=value': `host=127.0.0.1 port=5433 dbname=app user=bob password=${kvQuote(pw)}`,
    };
    for (const [form, url] of Object.entries(urls)) {
      test(`${JSON.stringify(pw)} in ${form}: parsed whole, never displayed`, () => {
        const t = parseDatabaseUrl(url);
        assert.deepEqual([t.user, t.password, t.host, t.port, t.database], ['bob', pw, '127.0.0.1', 5433, 'app']);
        assert.match(t.display, /^postgresql:\/\/bob:\*\*\*@127\.0\.0\.1:5433\/app/);
        assertNoSecret(pw, t.display, 'display');
        assertNoSecret(pw, redact(`could not connect to ${url}: refused`), 'redact()');
      });
    }
  }

  test('the extension keeps the password out of settings: splitPassword / withPassword round-trip every hostile password', () => {
    for (const pw of HOSTILE) {
      for (const url of [`postgresql://bob:${pw}@127.0.0.1:5433/app?sslmode=require`, `postgresql://bob@127.0.0.1:5433/app?password=${encodeURIComponent(pw)}&sslmode=require`]) {
        const { bare, password } = splitPassword(url);
        assert.equal(password, pw);
        assert.equal(bare, 'postgresql://bob@127.0.0.1:5433/app?sslmode=require');
        const back = parseDatabaseUrl(withPassword(bare, pw));
        assert.deepEqual([back.password, back.user, back.database, back.settings?.sslmode], [pw, 'bob', 'app', 'require']);
      }
    }
    assert.deepEqual(splitPassword('postgresql://bob@h/app'), { bare: 'postgresql://bob@h/app' }, 'a URL without a password is left as it is');
  });

  test('a huge URL is refused at once, without echoing it', () => {
    const t0 = performance.now();
    const e = (() => { try { parseDatabaseUrl(`postgresql://u:${'@'.repeat(200_000)}x@h/db`); } catch (x) { return x; } })();
    assert.ok(e instanceof SeedbedError && /longer than 4096 characters/.test(e.message) && e.message.length < 400, String(e));
    assert.ok(performance.now() - t0 < 500);
    const slow = performance.now();
    assert.equal(parseDatabaseUrl(`postgresql://u:${'@'.repeat(4000)}/db`).password, '@'.repeat(3999));
    assert.ok(performance.now() - slow < 1000, `${Math.round(performance.now() - slow)} ms for 4,000 '@'`);
  });

  test('an invalid URL is not echoed (any part of it may be the password)', () => {
    for (const url of ['postgresql://bob:Secret-1-pw@127.0.0.1:99999/app', 'postgresql://bob:Secret-2 pw@[::1/app', 'postgresql://bob:Secret-3%pw@h/app?nonsense']) {
      const e = (() => { try { parseDatabaseUrl(url); } catch (x) { return x; } })();
      assert.ok(e instanceof SeedbedError, url);
      assert.ok(!/Secret-/.test(errorText(e)), errorText(e));
    }
  });

  test('the message for an unparsable URL reaches the user whole (redaction once ate it: "(postgresql://…):***@ as %40")', () => {
    const r = run(['status', '--db', 'postgresql://bob:Secret-2 pw@[::1/app']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'seedbed: Cannot use the PostgreSQL URL: its host part is not valid (percent-encode special characters in the user name and password: @ as %40, / as %2F, ? as %3F).\n'
      + "Fix: Write postgresql://USER:PASSWORD@HOST:PORT/DATABASE with special characters percent-encoded (encodeURIComponent), or host=… port=… dbname=… user=… password='…'.\n");
  });

  test('redact() scrubs passwords it never parsed: URLs of any scheme, ?password=, key=value', () => {
    const text = 'a mysql://u:n3ver-seen-1@h/db b; postgresql://u:n3ver@seen-2@h:5/db c; postgresql://h/db?x=1&password=n3ver-seen-3&y=2 d; host=h password=\'n3ver seen-4\' port=5';
    const out = redact(text);
    assert.ok(!/n3ver/.test(out), out);
    assert.match(out, /mysql:\/\/u:\*\*\*@h\/db b/);
    assert.match(out, /host=h password=\*\*\* port=5/);
  });

  test('parameters Seedbed cannot honour are refused by name, never dropped', () => {
    const refused: [string, RegExp, RegExp][] = [
      ['postgresql://u@h/db?sslmode=requir', /Seedbed cannot honour sslmode="requir"/, /disable, allow, prefer, require, verify-ca, verify-full/],
      ['postgresql://u@h/db?sslmod=require', /"sslmod" is not a connection parameter Seedbed knows/, /Seedbed honours host, port/],
      ['postgresql://u@h/db?target_session_attrs=read-write', /target_session_attrs="read-write"/, /connects to one server/],
      ['postgresql://u@h/db?gssencmode=require', /gssencmode="require"/, /sslmode=verify-full/],
      ['postgresql://u@h/db?ssl=1', /does not support the connection parameter "ssl"/, /sslmode=require/],
      ['postgresql://u@h/db?service=prod', /"service"/, /pg_service\.conf/],
      ['postgresql://u@h1,h2/db', /several hosts/, /one server/],
      ['postgresql://u@h1:5432,h2:5433/db', /several hosts/, /one server/],
      ['postgresql://u@h/db?constructor=1&toString=2', /"constructor" is not a connection parameter/, /Remove it/],
      ['postgresql://u@h/db?sslcompression=1', /sslcompression="1"/, /insecure/],
      ['postgresql://u@h/db?sslrootcert=system&sslmode=require', /sslrootcert=system needs sslmode=verify-full/, /verify-full/],
    ];
    for (const [url, message, fix] of refused) {
      const e = (() => { try { parseDatabaseUrl(url); } catch (x) { return x; } })();
      assert.ok(e instanceof SeedbedError, `${url} was accepted`);
      assert.match(e.message, message, url);
      assert.match(e.fix ?? '', fix, url);
    }
    // libpq's own spellings are honoured.
    const t = parseDatabaseUrl('postgresql://u@h/db?ssl=true&application_name=seedbed-test&connect_timeout=3&options=-c%20statement_timeout%3D5s&keepalives=1');
    assert.equal(t.settings?.sslmode, 'require');
    assert.equal(t.settings?.applicationName, 'seedbed-test');
    assert.equal(t.settings?.connectTimeout, 3);
    assert.equal(t.settings?.options, '-c statement_timeout=5s');
    assert.equal(parseDatabaseUrl('postgresql://u@h/db').settings?.sslmode, 'prefer', 'libpq\'s default');
    assert.equal(parseDatabaseUrl('postgresql://u@h/db?sslrootcert=system').settings?.sslmode, 'verify-full');
  });
});

describe('redaction never hangs on long text', () => {
  // A 10 MB error message went through redact(); its URL pattern was quadratic (70 s on 200 KB).
  test('megabytes of letters, schemes and @ around a URL still redact its password, at once', { timeout: 20_000 }, () => {
    const noise = ['a'.repeat(1_000_000), 'postgres://'.repeat(100_000), 'x@'.repeat(500_000)];
    for (const n of noise) {
      const out = redact(`${n} postgresql://app:S3cret-pw@db.example:5432/app ${n}`);
      assert.ok(!out.includes('S3cret-pw'), 'the password is gone');
      assert.ok(out.includes(':***@db.example:5432/app'));
    }
  });
});

describe('the password file (libpq format)', () => {
  test('fields, * wildcards, \\ escapes, comments, first match wins; group/world-readable files are ignored', () => {
    const f = join(dir, 'pgpass-unit');
    writeFileSync(f, [
      '# comment',
      'otherhost:5432:*:bob:nope',
      '127.0.0.1:5433:app:bob:first\\:pw\\\\x',
      '127.0.0.1:5433:app:bob:second',
      '*:*:*:ali\\:ce:a:b:c',
      '*:*:we\\*rd:*:literal-star',
    ].join('\n'), { mode: 0o600 });
    chmodSync(f, 0o600);
    assert.equal(passfilePassword(f, '127.0.0.1', 5433, 'app', 'bob').password, 'first:pw\\x');
    assert.equal(passfilePassword(f, 'anywhere', 1, 'db', 'ali:ce').password, 'a:b:c');
    assert.equal(passfilePassword(f, 'h', 1, 'we*rd', 'u').password, 'literal-star');
    assert.equal(passfilePassword(f, 'h', 1, 'weird', 'u').password, undefined);
    assert.equal(passfilePassword(f, '/var/run/postgresql', 5432, 'x', 'nobody').password, undefined);
    chmodSync(f, 0o644);
    const r = passfilePassword(f, '127.0.0.1', 5433, 'app', 'bob');
    assert.equal(r.password, undefined);
    assert.match(r.ignored ?? '', /group or world access .*chmod 0600/);
  });
});

// ---- a real server: every command, every output, every file ----------------------------------------

let pg: PgServer;
const PW = `P@:/?#% '"ü x✓`; // every hostile class at once
const PW9 = 'needs-a-password-9';
before(async () => {
  pg = await startPostgres();
  await pg.createDatabase('shop', SHOP);
  // The role's password set by the server's own quoting (no hand-built SQL literal).
  await pg.query('postgres', `SELECT format('CREATE ROLE hostile LOGIN PASSWORD %L', $1::text) AS sql`, [PW]).then(async (rows) => {
    await pg.query('postgres', (rows[0] as { sql: string }).sql);
  });
  await pg.query('postgres', `SELECT 1; CREATE ROLE needpw LOGIN PASSWORD '${PW9}'; ALTER DATABASE shop OWNER TO hostile`);
  await pg.query('shop', 'ALTER TABLE customers OWNER TO hostile; ALTER TABLE orders OWNER TO hostile; GRANT ALL ON SCHEMA public TO hostile, needpw; GRANT SELECT ON ALL TABLES IN SCHEMA public TO needpw');
});
after(async () => {
  await pg?.stop();
  cleanup(dir);
});

describe('a hostile password on PostgreSQL', () => {
  const url = () => ({
    raw: `postgresql://hostile:${PW}@127.0.0.1:${pg.port}/shop`,
    encoded: `postgresql://hostile:${encodeURIComponent(PW)}@127.0.0.1:${pg.port}/shop`,
    query: `postgresql://hostile@127.0.0.1:${pg.port}/shop?password=${encodeURIComponent(PW)}`,
    keywords: `host=127.0.0.1 port=${pg.port} dbname=shop user=hostile password=${kvQuote(PW)}`,
  });

  test('connects with it in every form (user-info raw or encoded, ?password=, key=value)', () => {
    for (const [form, u] of Object.entries(url())) {
      const r = run(['status', '--json', '--db', u]);
      assert.equal(r.code, 0, `${form}: ${r.stderr}`);
      assertNoSecret(PW, r.stdout + r.stderr, `status (${form})`);
    }
  });

  test('no command output, prompt, error, report, config or ledger row holds it', () => {
    const u = url().raw;
    const project = join(dir, 'project');
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "type": "module" }');
    symlinkSync(ROOT, join(project, 'node_modules', 'seedbed'), 'dir');
    const html = join(dir, 'coverage.html');
    const outputs: string[] = [];
    const ok = (args: string[], cwd = dir) => {
      const r = run(args, {}, cwd);
      outputs.push(`$ ${args[0]}\n${r.stdout}${r.stderr}`);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
      return r;
    };
    const fails = (args: string[]) => {
      const r = run(args);
      outputs.push(`$ ${args[0]}\n${r.stdout}${r.stderr}`);
      assert.notEqual(r.code, 0, args.join(' '));
      return r;
    };
    ok(['schema', '--json', '--db', u]);
    ok(['schema', '--db', u]);
    ok(['plan', '--json', '--db', u, '--rows', '20']);
    ok(['plan', '--explain', '--db', u, '--rows', '20']);
    ok(['seed', '--db', u, '--rows', '20']);
    ok(['seed', '--json', '--db', u, '--rows', '5', '--top-up']);
    ok(['seed', '--db', u, '--rows', '5', '--dry-run']);
    ok(['status', '--db', u]);
    ok(['coverage', '--json', '--db', u, '--html', html]);
    ok(['coverage', '--db', u]);
    ok(['runs', '--json', '--db', u]);
    ok(['validate', '--db', u]);
    ok(['init', '--db', u], project);
    const prompt = fails(['clear', '--db', u]);
    assert.match(prompt.stderr, /Delete all rows of every table in postgresql:\/\/hostile:\*\*\*@127\.0\.0\.1:\d+\/shop\? needs confirmation/);
    const unknown = fails(['seed', '--db', u, '--tables', 'nope']);
    assert.match(unknown.stderr, /Unknown table "nope"/);
    const remote = fails(['seed', '--db', `postgresql://hostile:${PW}@db.example.invalid/shop`]);
    assert.match(remote.stderr, /Refusing to write to postgresql:\/\/hostile:\*\*\*@db\.example\.invalid\/shop/);
    const wrong = fails(['status', '--db', `postgresql://hostile:${PW}-wrong@127.0.0.1:${pg.port}/shop`]);
    assert.match(wrong.stderr, /authentication failed/);
    ok(['undo', '--yes', '--db', u]);

    const files = [html, ...readdirSync(project).filter((f) => f.startsWith('seedbed.')).map((f) => join(project, f))];
    assert.ok(existsSync(join(project, 'seedbed.config.ts')) && existsSync(html), files.join(', '));
    const config = readFileSync(join(project, 'seedbed.config.ts'), 'utf8');
    assert.match(config, new RegExp(`database: 'postgresql://hostile@127\\.0\\.0\\.1:${pg.port}/shop'`));
    for (const f of files) assertNoSecret(PW, readFileSync(f, 'utf8'), f);
    for (const o of outputs) assertNoSecret(PW, o, o.split('\n')[0]);
    // The ledger: every row of Seedbed's own tables, as text.
    return (async () => {
      for (const t of ['seedbed_runs', 'seedbed_run_keys']) {
        const rows = await pg.query<{ r: string }>('shop', `SELECT x::text AS r FROM ${t} x`);
        // seed, then a --top-up that adds nothing (not recorded) and a dry run (nothing written): one run.
        assert.ok(t !== 'seedbed_runs' || rows.length >= 1, `${t}: ${rows.length} rows`);
        assertNoSecret(PW, rows.map((r) => r.r).join('\n'), t);
      }
    })();
  });

  test('init with ?password= writes neither it nor sslpassword into the config', () => {
    const project = join(dir, 'project-q');
    mkdirSync(project, { recursive: true });
    const r = run(['init', '--db', `${url().query}&sslmode=disable&application_name=seedbed-init`], {}, project);
    assert.equal(r.code, 0, r.stderr);
    const config = readFileSync(join(project, 'seedbed.config.ts'), 'utf8');
    assertNoSecret(PW, config, 'seedbed.config.ts');
    assert.match(config, /the password is not written here/);
    assert.match(config, new RegExp(`database: 'postgresql://hostile@127\\.0\\.0\\.1:${pg.port}/shop\\?sslmode=disable&application_name=seedbed-init'`));
  });
});

describe('a role that needs a password', () => {
  const bare = () => `postgresql://needpw@127.0.0.1:${pg.port}/shop`;

  test('given none, fails at once with the fix (psql takes 40 ms; Seedbed took 60 s)', async () => {
    // The connection attempt itself, in this process: well under 2 s.
    const saved = { ...process.env };
    Object.assign(process.env, { PGPASSWORD: '', PGPASSFILE: join(dir, 'no-such-pgpass') });
    try {
      // Loading the PostgreSQL driver is not part of it: open once with the password first.
      await (await openDatabase(`postgresql://needpw:${PW9}@127.0.0.1:${pg.port}/shop`)).close();
      const t0 = performance.now();
      await assert.rejects(openDatabase(bare()), (e: unknown) => e instanceof SeedbedError && /wants a password for user "needpw"/.test(e.message));
      const ms = performance.now() - t0;
      assert.ok(ms < 2000, `took ${Math.round(ms)} ms`);
    } finally {
      for (const k of ['PGPASSWORD', 'PGPASSFILE']) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
    }
    // The whole command (Node's start-up included): no wait for the server's 60 s authentication_timeout.
    const r = run(['status', '--db', bare()]);
    assert.equal(r.code, 1, r.stdout);
    assert.ok(r.ms < 10_000, `took ${Math.round(r.ms)} ms`);
    assert.match(r.stderr, /wants a password for user "needpw", and none was given/);
    assert.match(r.stderr, /Fix: Add the password to the URL \(postgresql:\/\/needpw:PASSWORD@127\.0\.0\.1:\d+\/shop\), set PGPASSWORD, or add the line 127\.0\.0\.1:\d+:shop:needpw:PASSWORD to /);
  });

  test('PGPASSWORD is used', () => {
    const r = run(['status', '--db', bare()], { PGPASSWORD: PW9 });
    assert.equal(r.code, 0, r.stderr);
  });

  test('the password file is used: PGPASSFILE, and ~/.pgpass; a world-readable one is ignored, and said so', () => {
    const file = join(dir, 'pgpass');
    writeFileSync(file, `# Seedbed test\n127.0.0.1:${pg.port}:shop:other:x\n127.0.0.1:${pg.port}:*:needpw:${PW9.replace(/[:\\]/g, (c) => `\\${c}`)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    const viaEnv = run(['status', '--db', bare()], { PGPASSFILE: file });
    assert.equal(viaEnv.code, 0, viaEnv.stderr);

    const home = join(dir, 'home');
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, '.pgpass'), readFileSync(file, 'utf8'), { mode: 0o600 });
    chmodSync(join(home, '.pgpass'), 0o600);
    const viaHome = run(['status', '--db', bare()], { HOME: home, PGPASSFILE: '' });
    assert.equal(viaHome.code, 0, viaHome.stderr);

    chmodSync(file, 0o644);
    const open = run(['status', '--db', bare()], { PGPASSFILE: file });
    assert.equal(open.code, 1);
    assert.match(open.stderr, /the password file .*pgpass was not read: it has group or world access \(mode 0644\).*chmod 0600/);
  });

  test('PGHOST, PGPORT, PGUSER and PGDATABASE fill what the URL leaves out, as for psql', () => {
    const r = run(['status', '--db', 'postgresql:///shop'], { PGHOST: '127.0.0.1', PGPORT: String(pg.port), PGUSER: 'needpw', PGPASSWORD: PW9 });
    assert.equal(r.code, 0, r.stderr);
    const kv = run(['status', '--json', '--db', 'dbname=shop'], { PGHOST: '127.0.0.1', PGPORT: String(pg.port), PGUSER: 'needpw', PGPASSWORD: PW9 });
    assert.equal(kv.code, 0, kv.stderr);
    // The guard sees the host the environment names.
    const remote = run(['seed', '--db', 'postgresql:///shop'], { PGHOST: 'db.example.invalid', PGPASSWORD: PW9 });
    assert.match(remote.stderr, /Refusing to write to postgresql:\/\/db\.example\.invalid\/shop: db\.example\.invalid is not this machine/);
  });

  test('URL parameters that are given are used: ?password= and ?user= (it was ignored)', () => {
    const r = run(['status', '--db', `postgresql://127.0.0.1:${pg.port}/shop?user=needpw&password=${PW9}`]);
    assert.equal(r.code, 0, r.stderr);
    assertNoSecret(PW9, r.stdout + r.stderr, 'status');
  });
});
