import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dataDump, sequenceState, startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, cliEntry, createDb, Database, fileHash, ROOT, tempDir, withDb } from './support/sqlite.ts';

// Issue #14 item 12: hostile config files. A config value of the wrong type (an object, a
// Promise, a Symbol, a function, NaN, a 10 MB string in an INTEGER column) is one error naming
// table.column and the config line, with the value cut short; the database is left as it was.

const dir = tempDir();
after(() => cleanup(dir));

let n = 0;
/** A config file whose `tables` setting is `tables` (TypeScript source); returns its path. */
function config(tables: string, head = ''): string {
  const d = join(dir, `cfg${++n}`);
  mkdirSync(d);
  const file = join(d, 'seedbed.config.ts');
  writeFileSync(file, `import { defineConfig } from 'seedbed';\n${head}\nexport default defineConfig({\n  tables: ${tables},\n});\n`);
  return file;
}

/** 1-based line of the first line of `file` containing `text`. */
const lineOf = (source: string, text: string) => source.split('\n').findIndex((l) => l.includes(text)) + 1;

const SQLITE_DDL = 'CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT, d DATE, r REAL);';

describe('wrong-typed config values on SQLite: one error naming the column and the line', () => {
  const cases: { name: string; rule: string; shown: RegExp; needs: RegExp }[] = [
    { name: 'an object', rule: 'n: () => ({ a: 1 })', shown: /an object \{"a":1\}/, needs: /t\.n is INTEGER: it needs a whole number/ },
    { name: 'a Promise', rule: 'n: async () => 1', shown: /a Promise/, needs: /a whole number/ },
    { name: 'a Symbol', rule: 'n: () => Symbol(\'x\')', shown: /a Symbol/, needs: /a whole number/ },
    { name: 'a function', rule: 'n: () => () => 1', shown: /a function/, needs: /a whole number/ },
    { name: 'NaN', rule: 'n: () => NaN', shown: /NaN/, needs: /a whole number/ },
    { name: 'a fraction in an INTEGER column', rule: 'n: () => 1.5', shown: /1\.5/, needs: /a whole number/ },
    { name: 'a 10 MB string in an INTEGER column', rule: 'n: () => BIG', shown: /the string "xxxx[x]*"… \(10,000,000 characters\)/, needs: /a whole number/ },
    { name: 'a BigInt in a DATE column', rule: 'd: () => 5n', shown: /the BigInt 5n/, needs: /t\.d is DATE: it needs a date/ },
    { name: 'an object in a values list', rule: 'r: { values: [1.5, { x: 1 } as never] }', shown: /lists \(at \[1\]\) an object/, needs: /t\.r is REAL: it needs a number/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const file = join(dir, `t${++n}.db`);
      createDb(file, SQLITE_DDL);
      const before = fileHash(file);
      const cfg = config(`{\n    t: {\n      columns: {\n        ${c.rule},\n      },\n    },\n  }`, 'const BIG = \'x\'.repeat(10_000_000);');
      // --strict: the run fails (without it, the table is left out with this warning).
      const r = cli(['seed', '--db', `sqlite:${file}`, '--config', cfg, '--rows', '5', '--strict']);
      assert.notEqual(r.code, 0, r.stdout);
      const line = lineOf(readFileSync(cfg, 'utf8'), c.rule.split(':')[0] + ':');
      assert.match(r.stderr, new RegExp(`seedbed\\.config\\.ts:${line}: tables\\.t\\.columns\\.${c.rule[0]} `));
      assert.match(r.stderr, c.shown);
      assert.match(r.stderr, c.needs);
      assert.ok(r.stderr.length < 1500, `the message is short (${r.stderr.length} characters)`);
      assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('seedbed: ')).length, 1, r.stderr);
      assert.equal(fileHash(file), before);
    });
  }

  test('values that fit are written in the column\'s form: BigInt, Date, boolean, numeric text', () => {
    const file = join(dir, 'fit.db');
    createDb(file, SQLITE_DDL);
    const cfg = config(`{
    t: {
      columns: {
        n: ({ index }) => BigInt(index) * 10n,
        d: () => new Date(Date.UTC(2024, 4, 1, 13, 45)),
        s: () => true,
        r: () => '2.5',
      },
    },
  }`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--config', cfg, '--rows', '3']);
    assert.equal(r.code, 0, r.stderr);
    const rows = withDb(file, (db) => db.prepare('SELECT n, typeof(n) AS tn, d, s, r, typeof(r) AS tr FROM t ORDER BY id').all());
    assert.deepEqual(rows, [0, 10, 20].map((v) => ({ n: v, tn: 'integer', d: '2024-05-01', s: 'true', r: 2.5, tr: 'real' })));
  });
});

describe('wrong-typed config values on PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  const DDL = `CREATE TABLE t (id serial PRIMARY KEY, n integer, j jsonb, ts timestamptz, tags text[], s text CHECK (length(s) < 5));`;

  test('a 10 MB string in an integer column: a short error naming the column; nothing written', async () => {
    await pg.createDatabase('wrong', DDL);
    const seqBefore = await sequenceState(pg, 'wrong');
    const cfg = config(`{ t: { columns: { n: () => 'x'.repeat(10_000_000) } } }`);
    const r = cli(['seed', '--db', pg.url('wrong'), '--config', cfg, '--rows', '2', '--strict']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /seedbed\.config\.ts:4: tables\.t\.columns\.n returned, for row 0, the string "x+"… \(10,000,000 characters\), but t\.n is (int4|integer): it needs a whole number/);
    assert.ok(r.stderr.length < 1500, `${r.stderr.length} characters`);
    // Without --strict the table is left out, with the same words in the warning.
    const obj = cli(['seed', '--db', pg.url('wrong'), '--config', config(`{ t: { columns: { n: () => ({}) } } }`), '--rows', '2']);
    assert.equal(obj.code, 0, obj.stderr);
    assert.match(obj.stderr, /warning: t: cannot fill: .*seedbed\.config\.ts:\d+: /);
    assert.match(obj.stderr, /tables\.t\.columns\.n returned, for row 0, an object \{\}, but t\.n is (int4|integer)/);
    assert.equal(await dataDump(pg, 'wrong'), '-- t\n');
    assert.equal(await sequenceState(pg, 'wrong'), seqBefore);
  });

  test('a value PostgreSQL itself refuses and quotes (an enum label) is echoed cut short', async () => {
    await pg.createDatabase('echo', `CREATE TYPE mood AS ENUM ('ok', 'sad'); CREATE TABLE e (id serial PRIMARY KEY, m mood);`);
    const cfg = config(`{ e: { columns: { m: () => 'y'.repeat(10_000_000) } } }`);
    // --strict: the run fails; without it the table is left out with a warning. Short either way.
    // (Spawned asynchronously: the test server logs the 10 MB value, and its log pipe must drain.)
    const r = await spawnCli(['seed', '--db', pg.url('echo'), '--config', cfg, '--rows', '2', '--strict'], { killAfterMs: 120_000 });
    assert.notEqual(r.code, 0);
    const w = await spawnCli(['seed', '--db', pg.url('echo'), '--config', cfg, '--rows', '2'], { killAfterMs: 120_000 });
    for (const out of [r.stderr, w.stdout + w.stderr]) {
      assert.match(out, /invalid input value for enum mood: "yyyy/);
      assert.match(out, /characters in all/);
      assert.ok(out.length < 2000, `${out.length} characters`);
    }
    assert.equal(await dataDump(pg, 'echo'), '-- e\n');
  });

  test('Ctrl-C during a column function that loops forever: rolled back at once, no session or lock left', async () => {
    await pg.createDatabase('hang', 'CREATE TABLE parent (id serial PRIMARY KEY, name text NOT NULL); CREATE TABLE h (id serial PRIMARY KEY, parent_id int REFERENCES parent(id), n integer);');
    const seqBefore = await sequenceState(pg, 'hang');
    const cfg = config(`{ h: { columns: { n: ({ index }) => { if (index === 3) while (true) {} return index; } } } }`);
    const r = await spawnCli(['seed', '--db', pg.url('hang'), '--config', cfg, '--rows', '20'], { interruptWhen: /Seeding 2 tables/, delayMs: 1500 });
    assert.equal(r.signal, null, `killed by the test's guard; stderr: ${r.stderr}`);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.sigintToExitMs !== undefined && r.sigintToExitMs < 3000, `exit ${Math.round(r.sigintToExitMs ?? -1)} ms after SIGINT`);
    assert.match(r.stderr, /Seeding was cancelled; nothing was written/);
    assert.equal(await dataDump(pg, 'hang'), '-- h\n\n-- parent\n');
    assert.equal(await sequenceState(pg, 'hang'), seqBefore);
    // The server dropped the session (and its locks) with the client: only the test's own is left.
    const own = (await pg.query<{ pid: number }>('hang', 'SELECT pg_backend_pid() AS pid'))[0].pid;
    let sessions = -1;
    for (let i = 0; i < 20 && sessions !== 0; i++) {
      const s = await pg.query<{ n: string }>('postgres', `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = 'hang' AND pid <> $1`, [own]);
      sessions = Number(s[0].n);
      if (sessions) await new Promise((res) => setTimeout(res, 100));
    }
    assert.equal(sessions, 0, 'no session of the cancelled run is left');
  });

  test('Date, JSON object and list values fit their columns', async () => {
    await pg.createDatabase('fit', DDL);
    const cfg = config(`{ t: { columns: {
    n: () => 7n,
    j: ({ index }) => ({ index, tags: ['a', 'b'] }),
    ts: () => new Date(Date.UTC(2024, 4, 1, 13, 45)),
    tags: () => ['x', 'y, z'],
    s: () => 'ok',
  } } }`);
    const r = cli(['seed', '--db', pg.url('fit'), '--config', cfg, '--rows', '2']);
    assert.equal(r.code, 0, r.stderr);
    const rows = await pg.query<Record<string, unknown>>('fit', `SELECT n, j::text AS j, to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS ts, tags, s FROM t ORDER BY id`);
    assert.deepEqual(rows, [0, 1].map((i) => ({ n: 7, j: `{"tags": ["a", "b"], "index": ${i}}`, ts: '2024-05-01 13:45', tags: ['x', 'y, z'], s: 'ok' })));
  });
});

// Issue #14 item 8: config code that never returns. Column functions run in a worker thread that
// Seedbed can stop: Ctrl-C (SIGINT) rolls back and exits at once, a call past the time limit
// (SEEDBED_CONFIG_TIMEOUT) is named by its column and line, and a top-level await that never
// settles names the config file.

interface Spawned { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number; sigintToExitMs?: number }

/** Runs the CLI; with `interruptWhen`, sends SIGINT once stderr matches it (plus `delayMs`). */
function spawnCli(args: string[], options: { env?: Record<string, string>; interruptWhen?: RegExp; delayMs?: number; killAfterMs?: number } = {}): Promise<Spawned> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [cliEntry(), ...args], { cwd: ROOT, env: { ...process.env, CI: '1', ...options.env } });
    let stdout = '', stderr = '', sentAt: number | undefined;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (options.interruptWhen && sentAt === undefined && options.interruptWhen.test(stderr)) {
        sentAt = -1;
        setTimeout(() => { sentAt = performance.now(); child.kill('SIGINT'); }, options.delayMs ?? 1000);
      }
    });
    // A hung CLI must not hang the test run: killed hard, and the assertions then fail.
    const guard = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 30_000);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      const now = performance.now();
      resolve({ code, signal, stdout, stderr, ms: now - t0, sigintToExitMs: sentAt && sentAt > 0 ? now - sentAt : undefined });
    });
  });
}

/** True when a write transaction can start on the file at once (no lock left behind). */
function unlocked(file: string): boolean {
  const db = new Database(file, { timeout: 0 } as object);
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

const HANG = `{
    t: {
      columns: {
        s: ({ faker }) => faker.person.firstName(),
        n: ({ index }) => {
          if (index === 3) while (true) {}
          return index;
        },
      },
    },
  }`;

describe('config code that never returns', () => {
  test('Ctrl-C during a column function that loops forever: rolled back, exits at once, file unlocked and unchanged', async () => {
    const file = join(dir, 'sigint.db');
    createDb(file, SQLITE_DDL);
    const before = fileHash(file);
    const cfg = config(HANG);
    const r = await spawnCli(['seed', '--db', `sqlite:${file}`, '--config', cfg, '--rows', '20'], { interruptWhen: /Seeding 1 table\b/, delayMs: 1500 });
    assert.equal(r.signal, null, `killed by the test's guard (${r.signal}); stderr: ${r.stderr}`);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.sigintToExitMs !== undefined && r.sigintToExitMs < 3000, `exit ${Math.round(r.sigintToExitMs ?? -1)} ms after SIGINT`);
    assert.match(r.stderr, /Seeding was cancelled; nothing was written/);
    assert.equal(fileHash(file), before);
    assert.ok(unlocked(file), 'no lock left on the file');
  });

  test('a call past the time limit is stopped, naming the column and its line', async () => {
    const file = join(dir, 'timeout.db');
    createDb(file, SQLITE_DDL);
    const before = fileHash(file);
    const cfg = config(HANG);
    const r = await spawnCli(['seed', '--db', `sqlite:${file}`, '--config', cfg, '--rows', '20'], { env: { SEEDBED_CONFIG_TIMEOUT: '1' } });
    assert.equal(r.code, 1, r.stderr);
    const line = lineOf(readFileSync(cfg, 'utf8'), 'n: ({ index })');
    assert.match(r.stderr, new RegExp(`seedbed\\.config\\.ts:${line}: tables\\.t\\.columns\\.n did not return within 1 s \\(called for row 3\\); the run was stopped and rolled back\\.\\nFix: Make the function return: .*SEEDBED_CONFIG_TIMEOUT=SECONDS`));
    assert.equal(fileHash(file), before);
    assert.ok(unlocked(file), 'no lock left on the file');
  });

  test('a top-level await that never settles names the config file and line', async () => {
    const file = join(dir, 'tla.db');
    createDb(file, SQLITE_DDL);
    const cfg = config('{}', 'await new Promise(() => {});');
    const r = await spawnCli(['seed', '--db', `sqlite:${file}`, '--config', cfg]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /seedbed\.config\.ts:2: loading the config did not finish: a top-level await waits for something that never happens\.\nFix: Look for a top-level `await`/);
    assert.doesNotMatch(r.stderr, /main\.ts|unsettled/);
    // One that waits on something alive (a timer) hits the time limit.
    const live = config('{}', 'await new Promise(() => { setInterval(() => {}, 1000); });');
    const l = await spawnCli(['plan', '--db', `sqlite:${file}`, '--config', live], { env: { SEEDBED_CONFIG_TIMEOUT: '1' } });
    assert.equal(l.code, 1, l.stderr);
    assert.match(l.stderr, /seedbed\.config\.ts:2: loading the config did not finish: it was still running after 1 s\./);
  });
});
