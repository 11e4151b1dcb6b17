import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase, seed, SeedbedError, validate } from '../src/seeders/index.ts';
import { fuzzSchema, fuzzSchemaPg } from './support/fuzz-schema.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, tempDir } from './support/sqlite.ts';

// Schemas Seedbed has never seen must never crash it, hang it or blow up its time: at worst a
// table it cannot fill is left out with one clear warning, and every other table is filled with
// rows the database accepts. (a) the minimal reproducers of what a seeded schema fuzzer
// (support/fuzz-schema.ts) found, as fixtures of their own; (b) a small fixed-seed fuzz batch.

const dir = tempDir('seedbed-fuzz-');
after(() => cleanup(dir));

function fresh(name: string, sql: string): string {
  const file = join(dir, `${name}.db`);
  createDb(file, sql);
  return file;
}
const warningLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('warning:'));

describe('fixtures: what the fuzzer found', () => {
  test('a foreign key to columns that are no key of the parent (SQLite: "foreign key mismatch"): the child left out, named; the parent and the rest filled; validate clean (was: the run failed, and validate failed)', () => {
    const file = fresh('mismatch', `
      CREATE TABLE authors (id INTEGER PRIMARY KEY, code TEXT NOT NULL);
      CREATE TABLE books (id INTEGER PRIMARY KEY, author_code TEXT REFERENCES authors (code), title TEXT);
      CREATE TABLE shelves (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
      CREATE TABLE nodes (id INTEGER, parent INTEGER REFERENCES nodes (id), PRIMARY KEY (id, parent));
      CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE UNIQUE);
      CREATE TABLE tagged (id INTEGER PRIMARY KEY, tag TEXT NOT NULL REFERENCES tags (name));`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warningLines(r.stderr), [
      'warning: nodes: cannot fill: its foreign key (parent) references nodes (id), which is neither its primary key nor a unique key: SQLite refuses its rows ("foreign key mismatch"); make (id) unique or reference the key; left out',
      'warning: books: cannot fill: its foreign key (author_code) references authors (code), which is neither its primary key nor a unique key: SQLite refuses its rows ("foreign key mismatch"); make (code) unique or reference the key; left out',
    ]);
    // A key SQLite accepts (a NOCASE unique column referenced as is) is no mismatch.
    assert.deepEqual(counts(file), { authors: 10, books: 0, nodes: 0, shelves: 10, tagged: 10, tags: 10 });
    const v = cli(['validate', '--db', `sqlite:${file}`]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('keys SQLite judges a mismatch however they look: a partial unique index, an index listing a column twice, a parent without a primary key', () => {
    const file = fresh('mismatch-odd', `
      CREATE TABLE codes (id INTEGER PRIMARY KEY, code TEXT);
      CREATE UNIQUE INDEX codes_live ON codes (code) WHERE id > 0;
      CREATE TABLE uses (id INTEGER PRIMARY KEY, code TEXT REFERENCES codes (code));
      CREATE TABLE twice (id INTEGER PRIMARY KEY, k INT);
      CREATE UNIQUE INDEX tw ON twice (k, k);
      CREATE TABLE tw_child (id INTEGER PRIMARY KEY, k INT REFERENCES twice (k), up INTEGER REFERENCES fine (id));
      CREATE TABLE loose (a TEXT);
      CREATE TABLE refs (id INTEGER PRIMARY KEY, l REFERENCES loose);
      CREATE TABLE fine (id INTEGER PRIMARY KEY, name TEXT);`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '5']);
    assert.equal(r.code, 0, r.stderr);
    const w = warningLines(r.stderr);
    assert.ok(w.includes('warning: refs: cannot fill: its foreign key (l) references loose, which has no primary key: SQLite refuses its rows ("foreign key mismatch"); give loose a primary key; left out'), w.join('\n'));
    assert.ok(w.includes('warning: uses: cannot fill: its foreign key (code) references codes (code), which is neither its primary key nor a unique key: SQLite refuses its rows ("foreign key mismatch"); make (code) unique or reference the key; left out'), w.join('\n'));
    // tw_child's other key (to fine's primary key) is no mismatch: fine is filled; so are the parents.
    assert.deepEqual(counts(file), { codes: 5, fine: 5, loose: 5, refs: 0, tw_child: 0, twice: 5, uses: 0 });
    assert.equal(cli(['validate', '--db', `sqlite:${file}`]).code, 0);
  });

  test('a CHECK that allows only NULL on a NOT NULL column is named at plan time (was: the database\'s "NOT NULL constraint failed" after its rows were written)', () => {
    const file = fresh('only-null', `
      CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT NOT NULL, CHECK (NOT (x IS NOT NULL)));
      CREATE TABLE u (id INTEGER PRIMARY KEY, y INTEGER NOT NULL CHECK (y IS NULL OR y > 0));`);
    const r = cli(['plan', '--db', `sqlite:${file}`, '--rows', '5']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}t: cannot fill: No value of t\.x can satisfy CHECK \(NOT \(x IS NOT NULL\)\): its CHECKs allow only NULL, and the column is NOT NULL$/m);
    assert.match(r.stdout, /^ {2}u: 5 rows$/m);
  });

  test('orphans at COMMIT in a file that also holds such a key: the table with them is left out, named (was: "Seeding failed: FOREIGN KEY constraint failed", nothing written)', () => {
    // c's rows point at rows p's trigger deletes, found only by the check at COMMIT, whose search
    // for the table with orphans failed on the mismatched key of an unrelated table.
    const file = fresh('commit-orphans', `
      CREATE TABLE broken (id INTEGER PRIMARY KEY, ref TEXT REFERENCES broken (label), label TEXT);
      CREATE TABLE p (k TEXT PRIMARY KEY, t INTEGER) WITHOUT ROWID;
      CREATE TABLE c (id INTEGER PRIMARY KEY, x TEXT REFERENCES p (k));
      CREATE TRIGGER gone AFTER INSERT ON p WHEN NEW.t % 2 = 0 BEGIN DELETE FROM p WHERE k = NEW.k; END;
      CREATE TABLE ok (id INTEGER PRIMARY KEY, name TEXT);`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(warningLines(r.stderr)[0], 'warning: broken: cannot fill: its foreign key (ref) references broken (label), which is neither its primary key nor a unique key: SQLite refuses its rows ("foreign key mismatch"); make (label) unique or reference the key; left out');
    assert.match(warningLines(r.stderr)[1], /^warning: c: cannot fill: the database rejected its rows: FOREIGN KEY constraint failed: \d+ row\(s\) of c\(x\) have no parent in p, first at rowid \d+; left out$/);
    assert.equal(counts(file).ok, 10);
    assert.equal(cli(['validate', '--db', `sqlite:${file}`]).code, 0);
  });

  test('a trigger whose body names a column that is not there (rowid on a WITHOUT ROWID table): its table is left out naming the trigger (was: "the database rejected its rows: no such column: rowid")', () => {
    const file = fresh('no-rowid', `
      CREATE TABLE t (k TEXT PRIMARY KEY, n INT) WITHOUT ROWID;
      CREATE TRIGGER touch AFTER INSERT ON t BEGIN UPDATE t SET n = n WHERE rowid = NEW.rowid; END;
      CREATE TABLE other (id INTEGER PRIMARY KEY, name TEXT);`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '5']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warningLines(r.stderr), ['warning: t: cannot fill: trigger "touch" failed: no such column: rowid; left out']);
    assert.deepEqual(counts(file), { other: 5, t: 0 });
  });

  test('a required parent that gets no rows in the run (a CHECK no key meets): its child is left out, named; an optional child gets NULL (was: NULL written into the NOT NULL column, "NOT NULL constraint failed")', () => {
    const file = fresh('no-parent-rows', `
      CREATE TABLE p (id INTEGER PRIMARY KEY, CHECK ((id IS NULL) <> (id IS NULL)));
      CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER NOT NULL REFERENCES p (id));
      CREATE TABLE d (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '5']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(warningLines(r.stderr)[0], 'warning: c: cannot fill: its required parent p (p_id NOT NULL) got no rows; left out');
    assert.deepEqual(counts(file), { c: 0, d: 5, p: 0 });
    assert.equal(cli(['validate', '--db', `sqlite:${file}`]).code, 0);
  });

  test('an IN list that names a value twice counts it once: unique columns are capped at the distinct values (was: a duplicate key, the table left out)', () => {
    const file = fresh('in-dupes', `CREATE TABLE t (id INTEGER PRIMARY KEY CHECK (id IN (0, 2, 2)), code TEXT UNIQUE NOT NULL CHECK (code IN ('a', 'b', 'a')));`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '5']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warningLines(r.stderr), ['warning: t: capped at 2 rows (asked 5): primary key id can take only 2 values']);
    assert.deepEqual(counts(file), { t: 2 });
  });

  test('an IN list whose every value another CHECK excludes: a NOT NULL column is named at plan time, a nullable one gets NULL (was: values from the bounds alone, which the list refuses; the table left out)', () => {
    const file = fresh('in-excluded', `
      CREATE TABLE a (id INTEGER PRIMARY KEY, price INTEGER NOT NULL, CHECK (price IN (0, 2, 4, 8, 9)), CHECK (price > 384));
      CREATE TABLE b (id INTEGER PRIMARY KEY, price INTEGER, CHECK (price IN (0, 2, 4, 8, 9)), CHECK (price > 384));`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '5']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warningLines(r.stderr), ['warning: a: cannot fill: No value of a.price can satisfy CHECK (price IN (0, 2, 4, 8, 9)) and CHECK (price > 384): its CHECKs allow no value; left out']);
    assert.deepEqual(counts(file), { a: 0, b: 5 });
    assert.equal(cli(['validate', '--db', `sqlite:${file}`]).code, 0);
  });

  test('a BEFORE INSERT trigger that drops rows WHEN a condition holds (RAISE(IGNORE)): rows are steered clear of it, so every row lands and children find their parents (was: 4 of 20 rows, the child left out)', () => {
    const file = fresh('ignore', `
      CREATE TABLE p (id INTEGER PRIMARY KEY, note TEXT);
      CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER NOT NULL REFERENCES p (id));
      CREATE TRIGGER skip BEFORE INSERT ON p WHEN NEW.note IS NULL BEGIN SELECT RAISE(IGNORE); END;`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '20']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warningLines(r.stderr), []);
    assert.deepEqual(counts(file), { c: 20, p: 20 });
    assert.equal(cli(['validate', '--db', `sqlite:${file}`]).code, 0);
  });
});

describe('a fixed-seed fuzz batch', () => {
  test('30 generated schemas and 5 oversized ones: no crash, no hang, every table filled or left out with a reason, 0 violations', { timeout: 240_000 }, async () => {
    const outcomes: string[] = [];
    const cases = [...Array.from({ length: 30 }, (_, i) => [1000 + i, false] as const), ...Array.from({ length: 5 }, (_, i) => [2000 + i, true] as const)];
    for (const [s, stress] of cases) {
      const { sql } = fuzzSchema(s, stress);
      const file = join(dir, `fuzz-${s}.db`);
      try { createDb(file, sql); } catch { continue; } // the generator's rare text SQLite refuses
      const t0 = performance.now();
      const db = await openDatabase(`sqlite:${file}`, { seeding: true });
      try {
        const { plan, result } = await seed(db, { rows: 15, seed: 7 });
        const v = await validate(db);
        assert.deepEqual(v.problems, [], `case ${s}: violations\n${sql}`);
        for (const t of plan.tables) {
          const out = result.leftOut.find((l) => l.table === t.name);
          if (out) assert.ok(out.reason.length > 10, `case ${s}: ${t.name} left out without a reason`);
        }
        outcomes.push(result.leftOut.length ? 'left-out' : 'ok');
      } catch (e) {
        // A SeedbedError is a message for the user (an empty schema, …); anything else is a crash.
        assert.ok(e instanceof SeedbedError, `case ${s} crashed: ${(e as Error).stack}\n${sql}`);
        outcomes.push('message');
      } finally {
        await db.close();
      }
      const ms = performance.now() - t0;
      assert.ok(ms < 20_000, `case ${s} took ${ms.toFixed(0)} ms`);
    }
    assert.ok(outcomes.length >= 30, `${outcomes.length} cases ran`);
  });
});

describe('PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('a regex CHECK on a varchar(n) or char(n) column draws values that fit the type (was: "value too long for type character varying(6)", the table left out)', async () => {
    await pg.createDatabase('pattern_len', `
      CREATE TABLE t (id int PRIMARY KEY, code varchar(6) CHECK (code ~ '^[A-Z]{2,4}-[0-9]+$'), short char(4) NOT NULL UNIQUE CHECK (short ~ '^[A-Z]{2,4}-[0-9]+$'));`);
    const r = cli(['seed', '--db', pg.url('pattern_len'), '--rows', '20']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warningLines(r.stderr), []);
    const rows = await pg.query<{ code: string | null; short: string }>('pattern_len', 'SELECT code, short FROM t');
    assert.equal(rows.length, 20);
    for (const x of rows) {
      assert.match(x.short, /^[A-Z]{2,4}-[0-9]+$/);
      if (x.code !== null) assert.ok(x.code.length <= 6 && /^[A-Z]{2,4}-[0-9]+$/.test(x.code), x.code);
    }
    assert.equal(cli(['validate', '--db', pg.url('pattern_len')]).code, 0);
  });

  test('a date-named text column too short for a date (starts_at char(4)) is not put in order with ends_at (was: a full date written into it, "value too long for type character(4)")', async () => {
    await pg.createDatabase('short_dates', `CREATE TABLE t (id int PRIMARY KEY, starts_at char(4) NOT NULL, ends_at varchar(255));`);
    const r = cli(['seed', '--db', pg.url('short_dates'), '--rows', '10']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warningLines(r.stderr), []);
    assert.equal((await pg.query<{ n: string }>('short_dates', 'SELECT count(*) AS n FROM t'))[0].n, '10');
  });

  test('10 generated PostgreSQL schemas: no crash, no hang, 0 violations', { timeout: 180_000 }, async () => {
    let ran = 0;
    for (let s = 0; s < 10; s++) {
      const { sql } = fuzzSchemaPg(s);
      try { await pg.createDatabase(`fuzz${s}`, sql); } catch { continue; } // text PostgreSQL refuses (an ill-typed operator)
      const t0 = performance.now();
      const db = await openDatabase(pg.url(`fuzz${s}`));
      try {
        const { result } = await seed(db, { rows: 15, seed: 7 });
        for (const l of result.leftOut) assert.ok(l.reason.length > 10, `case ${s}: ${l.table} left out without a reason`);
        assert.deepEqual((await validate(db)).problems, [], `case ${s}: violations\n${sql}`);
        ran++;
      } catch (e) {
        assert.ok(e instanceof SeedbedError, `case ${s} crashed: ${(e as Error).stack}\n${sql}`);
      } finally {
        await db.close();
      }
      assert.ok(performance.now() - t0 < 20_000, `case ${s} took too long`);
    }
    assert.ok(ran >= 6, `${ran} cases ran`);
  });
});
