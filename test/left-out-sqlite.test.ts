import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanup, cli, counts, createDb, dump, fileHash, tempDir, warnings, withDb } from './support/sqlite.ts';

// No run is sunk by one table (SQLite): a table that cannot be filled — no value meets its CHECK,
// a trigger rejects every row, a CHECK only SQLite can judge fails at the end of a bulk load — is
// left out with a warning naming it and why; its children get NULL for an optional parent and are
// left out for a required one without rows; everything else commits, exit 0, validate clean.
// `seed --strict` fails instead, naming the table, with the file byte for byte as it was.

const dir = tempDir();
after(() => cleanup(dir));

const SCHEMA = `
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE);
CREATE TABLE bad (id INTEGER PRIMARY KEY, x INTEGER NOT NULL CHECK (x > 5 AND x < 3));
CREATE TABLE bad_child (id INTEGER PRIMARY KEY, bad_id INTEGER NOT NULL REFERENCES bad(id), note TEXT);
CREATE TABLE bad_opt (id INTEGER PRIMARY KEY, bad_id INTEGER REFERENCES bad(id), user_id INTEGER NOT NULL REFERENCES users(id));
CREATE TABLE guarded (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), title TEXT);
CREATE TABLE guarded_child (id INTEGER PRIMARY KEY, guarded_id INTEGER NOT NULL REFERENCES guarded(id));
CREATE TABLE guarded_opt (id INTEGER PRIMARY KEY, guarded_id INTEGER REFERENCES guarded(id), label TEXT);
CREATE TRIGGER no_guarded BEFORE INSERT ON guarded BEGIN SELECT RAISE(ABORT, 'guarded rows are refused'); END;
`;

function fresh(name: string, sql = SCHEMA): string {
  const file = join(dir, `${name}.db`);
  createDb(file, sql);
  return file;
}

describe('a table that cannot be filled is left out (SQLite)', () => {
  test('plan shows it before anything is written: "cannot fill: <reason>"', () => {
    const file = fresh('plan');
    const before = fileHash(file);
    const r = cli(['plan', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}bad: cannot fill: .*CHECK \(x > 5 AND x < 3\)/m);
    assert.match(r.stdout, /^ {2}bad_child: cannot fill: its required parent bad \(bad_id NOT NULL\) cannot be filled$/m);
    assert.match(r.stdout, /^ {2}bad_opt: 10 rows$/m);
    const json = JSON.parse(cli(['plan', '--db', `sqlite:${file}`, '--rows', '10', '--json']).stdout);
    assert.deepEqual(json.leftOut.map((l: { table: string }) => l.table), ['bad', 'bad_child']);
    const explain = cli(['plan', '--explain', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.match(explain.stdout, /^bad_child: cannot fill: its required parent bad \(bad_id NOT NULL\) cannot be filled; left out$/m);
    assert.equal(fileHash(file), before);
  });

  test('seed fills everything else, warns naming each table and why, exits 0; validate is clean; the ledger records them', () => {
    const file = fresh('seed');
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(r.code, 0, r.stderr);
    const w = warnings(r.stderr);
    assert.match(w[0], /^warning: bad: cannot fill: .*CHECK \(x > 5 AND x < 3\).*; left out$/);
    assert.deepEqual(w.slice(1), [
      'warning: bad_child: cannot fill: its required parent bad (bad_id NOT NULL) cannot be filled; left out',
      'warning: guarded: cannot fill: trigger "no_guarded" rejected its rows: guarded rows are refused; left out',
      'warning: guarded_child: cannot fill: its required parent guarded (guarded_id NOT NULL) cannot be filled; left out',
    ]);
    assert.deepEqual(counts(file), { users: 10, bad: 0, bad_child: 0, bad_opt: 10, guarded: 0, guarded_child: 0, guarded_opt: 10 });
    // Children with an optional parent that was left out: NULL.
    withDb(file, (db) => {
      assert.deepEqual(db.prepare('SELECT count(bad_id) AS n FROM bad_opt').get(), { n: 0 });
      assert.deepEqual(db.prepare('SELECT count(guarded_id) AS n FROM guarded_opt').get(), { n: 0 });
    });
    const v = cli(['validate', '--db', `sqlite:${file}`]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    // status counts them as empty, not as done.
    const st = cli(['status', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.match(st.stdout, /^bad +0 \/ 10 +empty$/m);
    assert.match(st.stdout, /tables with data: 3\/7/);
    const runs = JSON.parse(cli(['runs', '--db', `sqlite:${file}`, '--json']).stdout);
    assert.deepEqual(Object.keys(runs[0].leftOut).sort(), ['bad', 'bad_child', 'guarded', 'guarded_child']);
    assert.equal(runs[0].leftOut.guarded, 'trigger "no_guarded" rejected its rows: guarded rows are refused');
    // And undo takes exactly that run back.
    const u = cli(['undo', '--yes', '--db', `sqlite:${file}`]);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(counts(file).users, 0);
  });

  test('--json lists the left-out tables with their reasons', () => {
    const file = fresh('json');
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '5', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.leftOut.map((l: { table: string }) => l.table).sort(), ['bad', 'bad_child', 'guarded', 'guarded_child']);
    assert.ok(out.warnings.some((w: string) => w === 'guarded: cannot fill: trigger "no_guarded" rejected its rows: guarded rows are refused; left out'));
  });

  test('the same seed gives the same data, whether the table is found at plan time or while writing', () => {
    const a = fresh('same-a');
    const b = join(dir, 'same-b.db');
    copyFileSync(a, b);
    assert.equal(cli(['seed', '--db', `sqlite:${a}`, '--rows', '15', '--seed', '7']).code, 0);
    assert.equal(cli(['seed', '--db', `sqlite:${b}`, '--rows', '15', '--seed', '7']).code, 0);
    const strip = (s: string) => s.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'T');
    assert.equal(strip(dump(a)), strip(dump(b)));
  });

  test('a required parent that cannot be filled but already has rows: the child is filled from them', () => {
    const file = fresh('existing', SCHEMA.replace('CREATE TRIGGER', `INSERT INTO users VALUES (1, 'Ada', 'ada@example.com'); INSERT INTO guarded VALUES (1, 1, 'kept');\nCREATE TRIGGER`));
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(warnings(r.stderr).some((w) => w.startsWith('warning: guarded: cannot fill')));
    assert.ok(!warnings(r.stderr).some((w) => w.startsWith('warning: guarded_child')), r.stderr);
    withDb(file, (db) => assert.deepEqual(db.prepare('SELECT count(*) AS n, min(guarded_id) AS lo, max(guarded_id) AS hi FROM guarded_child').get(), { n: 10, lo: 1, hi: 1 }));
    assert.equal(cli(['validate', '--db', `sqlite:${file}`]).code, 0);
  });

  test('--strict: a plan-time table fails the run, named, the file byte for byte as it was', () => {
    const file = fresh('strict-plan');
    const before = fileHash(file);
    const r = cli(['seed', '--strict', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /^seedbed: Cannot fill 2 tables bad \(.*CHECK \(x > 5 AND x < 3\).*\); bad_child \(its required parent bad/m);
    assert.match(r.stderr, /--strict allows no table to be left out/);
    assert.equal(fileHash(file), before);
  });

  test('--strict: a table rejected while writing fails the run, named, the file byte for byte as it was', () => {
    const file = fresh('strict-run', SCHEMA.replace(/CREATE TABLE bad .*\n/, '').replace(/CREATE TABLE bad_\w+ .*\n/g, ''));
    const before = fileHash(file);
    const r = cli(['seed', '--strict', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /^seedbed: Cannot fill table guarded \(trigger "no_guarded" rejected its rows: guarded rows are refused\); --strict allows no table to be left out\. Nothing was written \(the run was rolled back\)\./m);
    assert.equal(fileHash(file), before);
  });

  // 6,000 rows per table: the writing thread's bulk load, whose CHECKs are judged once per table
  // before COMMIT (drivers/sqlite-bulk-checks.ts). typeof(score) = 'integer' holds for the
  // whole numbers Seedbed makes, but a REAL column stores them as reals: SQLite finds it at the end.
  // (A CHECK Seedbed cannot evaluate, such as hex(code) = 'zz', is asked of the database before
  // the rows are written: test/check-solver.test.ts.)
  const BULK = `
    CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE odd (id INTEGER PRIMARY KEY, score REAL NOT NULL CHECK (typeof(score) = 'integer'), user_id INTEGER NOT NULL REFERENCES users(id));
    CREATE TABLE odd_child (id INTEGER PRIMARY KEY, odd_id INTEGER NOT NULL REFERENCES odd(id));
    CREATE TABLE odd_opt (id INTEGER PRIMARY KEY, odd_id INTEGER REFERENCES odd(id), label TEXT);`;

  test('a large run (writing thread, CHECKs verified once per table): the failing table is left out, the rest commits', () => {
    const file = fresh('bulk', BULK);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '6000']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), [
      "warning: odd: cannot fill: the database rejected its rows: CHECK constraint failed: typeof(score) = 'integer'; left out",
      'warning: odd_child: cannot fill: its required parent odd (odd_id NOT NULL) cannot be filled; left out',
    ]);
    const c = counts(file);
    assert.deepEqual([c.users, c.odd, c.odd_child, c.odd_opt], [6000, 0, 0, 6000]);
    assert.equal(cli(['validate', '--db', `sqlite:${file}`]).code, 0);
  });

  test('a large run with --strict: named, the file byte for byte as it was', () => {
    const file = fresh('bulk-strict', BULK);
    const before = fileHash(file);
    const r = cli(['seed', '--strict', '--db', `sqlite:${file}`, '--rows', '6000']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Cannot fill table odd \(the database rejected its rows: CHECK constraint failed/);
    assert.equal(fileHash(file), before);
  });
});

describe('failures only found while writing or generating, on SQLite', () => {
  const DDL = `
    CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors(id), title TEXT NOT NULL);
    CREATE TABLE shelves (id INTEGER PRIMARY KEY, label TEXT NOT NULL);`;
  const config = (name: string, body: string) => {
    const file = join(dir, name);
    writeFileSync(file, `export default { ${body} };\n`);
    return file;
  };

  test('an orphan found at COMMIT (FKs checked at commit) is named by SQLite and its table left out', () => {
    const file = fresh('commit-orphan', DDL);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '10', '--config', config('orphan.config.mjs', 'tables: { books: { columns: { author_id: () => 999999 } } }')]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), ['warning: books: cannot fill: the database rejected its rows: FOREIGN KEY constraint failed: 10 row(s) of books(author_id) have no parent in authors, first at rowid 1; left out']);
    assert.deepEqual(counts(file), { authors: 10, books: 0, shelves: 10 });
    assert.equal(cli(['validate', '--db', `sqlite:${file}`]).code, 0);
  });

  test('a generator that fails (a config function that throws) leaves its table out', () => {
    const file = fresh('generator-throws', DDL);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '10', '--config', config('throws.config.mjs', "tables: { shelves: { columns: { label: () => { throw new Error('no labels today'); } } } }")]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), ['warning: shelves: cannot fill: The config function for shelves.label failed on row 0: no labels today; left out']);
    assert.deepEqual(counts(file), { authors: 10, books: 10, shelves: 0 });
  });
});

describe('NOT NULL foreign-key cycles on SQLite (every FK is checked at COMMIT: PRAGMA defer_foreign_keys)', () => {
  const CYCLES = `
    CREATE TABLE store (id INTEGER PRIMARY KEY, manager_id INTEGER NOT NULL REFERENCES staff(id), name TEXT NOT NULL);
    CREATE TABLE staff (id INTEGER PRIMARY KEY, store_id INTEGER NOT NULL REFERENCES store(id), first_name TEXT NOT NULL);
    CREATE TABLE ring_a (id INTEGER PRIMARY KEY, c_id INTEGER NOT NULL REFERENCES ring_c(id));
    CREATE TABLE ring_b (id INTEGER PRIMARY KEY, a_id INTEGER NOT NULL REFERENCES ring_a(id));
    CREATE TABLE ring_c (id INTEGER PRIMARY KEY, b_id INTEGER NOT NULL REFERENCES ring_b(id));`;
  // 20 rows: the engine's own connection; 5,000: the writing thread's bulk load (FKs checked per table at the end).
  for (const rows of [20, 5000]) {
    test(`--rows ${rows}: both cycles filled, validate clean`, () => {
      const file = fresh(`cycles-${rows}`, CYCLES);
      const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', String(rows)]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(warnings(r.stderr), []);
      const c = counts(file);
      assert.deepEqual([c.store, c.staff, c.ring_a, c.ring_b, c.ring_c], [rows, rows, rows, rows, rows]);
      const v = cli(['validate', '--db', `sqlite:${file}`]);
      assert.equal(v.code, 0, v.stdout + v.stderr);
    });
  }
});

describe('a failed insert is its own table\'s (SQLite writing thread)', () => {
  test('a failed insert that surfaces while the next table is written is blamed on its own table, not that one', () => {
    // The writing thread (20,000+ rows; a trigger keeps checks per row) reports a's CHECK failure
    // when the next table's rows come: b, whose optional FK to a then gets NULL, must still be filled.
    const file = fresh('blame', `CREATE TABLE a (code TEXT PRIMARY KEY, n INTEGER NOT NULL CHECK (n < 5));
CREATE TABLE b (id INTEGER PRIMARY KEY, a_code TEXT REFERENCES a(code), label TEXT NOT NULL);
CREATE TABLE audit (id INTEGER PRIMARY KEY, note TEXT);
CREATE TRIGGER t AFTER INSERT ON b WHEN NEW.id = -1 BEGIN INSERT INTO audit (note) VALUES ('x'); END;`);
    const cfg = join(dir, 'blame.config.mjs');
    writeFileSync(cfg, `export default { tables: { a: { rows: 500, columns: { n: () => 10 } }, b: { rows: 25000 }, audit: { rows: 0 } } };\n`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--config', cfg]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(warnings(r.stderr).filter((w) => /cannot fill/.test(w)), ['warning: a: cannot fill: the database rejected its rows: CHECK constraint failed: n < 5; left out']);
    assert.equal(counts(file).b, 25000);
  });
});
