import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dataDump, sequenceState, startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, fileHash, tempDir, withDb } from './support/sqlite.ts';

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
      const r = cli(['seed', '--db', `sqlite:${file}`, '--config', cfg, '--rows', '5']);
      assert.notEqual(r.code, 0, r.stdout);
      const line = lineOf(readFileSync(cfg, 'utf8'), c.rule.split(':')[0] + ':');
      assert.match(r.stderr, new RegExp(`seedbed\\.config\\.ts:${line}: tables\\.t\\.columns\\.${c.rule[0]} `));
      assert.match(r.stderr, c.shown);
      assert.match(r.stderr, c.needs);
      assert.match(r.stderr, /Fix: Make it /);
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
    const r = cli(['seed', '--db', pg.url('wrong'), '--config', cfg, '--rows', '2']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /seedbed\.config\.ts:4: tables\.t\.columns\.n returned, for row 0, the string "x+"… \(10,000,000 characters\), but t\.n is int4: it needs a whole number/);
    assert.ok(r.stderr.length < 1500, `${r.stderr.length} characters`);
    const obj = cli(['seed', '--db', pg.url('wrong'), '--config', config(`{ t: { columns: { n: () => ({}) } } }`), '--rows', '2']);
    assert.match(obj.stderr, /tables\.t\.columns\.n returned, for row 0, an object \{\}, but t\.n is int4/);
    assert.equal(await dataDump(pg, 'wrong'), '-- t\n');
    assert.equal(await sequenceState(pg, 'wrong'), seqBefore);
  });

  test('a value PostgreSQL itself refuses and quotes (an enum label) is echoed cut short', async () => {
    await pg.createDatabase('echo', `CREATE TYPE mood AS ENUM ('ok', 'sad'); CREATE TABLE e (id serial PRIMARY KEY, m mood);`);
    const cfg = config(`{ e: { columns: { m: () => 'y'.repeat(10_000_000) } } }`);
    const r = cli(['seed', '--db', pg.url('echo'), '--config', cfg, '--rows', '2']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /invalid input value for enum mood: "yyyy/);
    assert.match(r.stderr, /characters in all/);
    assert.ok(r.stderr.length < 2000, `${r.stderr.length} characters`);
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
