import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dataDump, orphans, sequenceState, startPostgres, type PgServer } from './support/postgres.ts';
import { cli, warnings } from './support/sqlite.ts';

// No run is sunk by one table (PostgreSQL): a table whose CHECK nothing meets, or whose trigger
// RAISEs on every insert, is left out with a warning naming it and why; its children get NULL for
// an optional parent and are left out for a required one; the rest commits in one transaction,
// exit 0, validate clean. `seed --strict` fails instead, naming it, with every row and sequence
// as it was. Also through the large-run path (COPY with FKs dropped and added back).

let pg: PgServer;
const dir = mkdtempSync(join(tmpdir(), 'seedbed-left-out-'));
before(async () => { pg = await startPostgres(); });
after(async () => { await pg?.stop(); rmSync(dir, { recursive: true, force: true }); });

const SCHEMA = `
CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email text NOT NULL UNIQUE);
CREATE TABLE bad (id serial PRIMARY KEY, x int NOT NULL CHECK (x > 5 AND x < 3));
CREATE TABLE bad_child (id serial PRIMARY KEY, bad_id int NOT NULL REFERENCES bad(id), note text);
CREATE TABLE bad_opt (id serial PRIMARY KEY, bad_id int REFERENCES bad(id), user_id int NOT NULL REFERENCES users(id));
CREATE TABLE guarded (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users(id), title text);
CREATE TABLE guarded_child (id serial PRIMARY KEY, guarded_id int NOT NULL REFERENCES guarded(id));
CREATE TABLE guarded_opt (id serial PRIMARY KEY, guarded_id int REFERENCES guarded(id), label text);
CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'guarded rows are refused'; END $$;
CREATE TRIGGER no_guarded BEFORE INSERT ON guarded FOR EACH ROW EXECUTE FUNCTION refuse();
`;

async function count(db: string, table: string, what = '*'): Promise<number> {
  return Number((await pg.query<{ n: string }>(db, `SELECT count(${what}) AS n FROM ${table}`))[0].n);
}

/** Rows, sequences and whether a ledger exists: what "nothing written" must leave equal. */
async function state(db: string): Promise<string> {
  const ledger = await pg.query<{ t: string | null }>(db, `SELECT to_regclass('seedbed_runs')::text AS t`);
  return `${await dataDump(pg, db)}\n${await sequenceState(pg, db)}\nledger=${ledger[0].t}`;
}

describe('a table that cannot be filled is left out (PostgreSQL)', () => {
  for (const rows of [10, 4000]) {
    // 4,000 rows per table: COPY from a generating worker, FKs dropped and added back (pg-bulk-fks.ts).
    test(`--rows ${rows}: the rest is filled, each left-out table named with its reason, exit 0, validate clean, ledger records them`, async () => {
      const db = `left_out_${rows}`;
      await pg.createDatabase(db, SCHEMA);
      const r = cli(['seed', '--db', pg.url(db), '--rows', String(rows)]);
      assert.equal(r.code, 0, r.stderr);
      const w = warnings(r.stderr);
      // The CHECK as PostgreSQL spells it.
      assert.match(w[0], /^warning: bad: cannot fill: .*CHECK \(+x > 5\) AND \(x < 3\)+.*; left out$/);
      assert.deepEqual(w.slice(1), [
        'warning: bad_child: cannot fill: its required parent bad (bad_id NOT NULL) cannot be filled; left out',
        'warning: guarded: cannot fill: trigger "no_guarded" rejected its rows: guarded rows are refused; left out',
        'warning: guarded_child: cannot fill: its required parent guarded (guarded_id NOT NULL) cannot be filled; left out',
      ]);
      assert.deepEqual(
        [await count(db, 'users'), await count(db, 'bad'), await count(db, 'bad_child'), await count(db, 'bad_opt'), await count(db, 'guarded'), await count(db, 'guarded_child'), await count(db, 'guarded_opt')],
        [rows, 0, 0, rows, 0, 0, rows]);
      assert.equal(await count(db, 'bad_opt', 'bad_id'), 0, 'an optional parent left out: NULL');
      assert.equal(await count(db, 'guarded_opt', 'guarded_id'), 0);
      assert.deepEqual((await orphans(pg, db)).filter((o) => o.n > 0), []);
      const v = cli(['validate', '--db', pg.url(db)]);
      assert.equal(v.code, 0, v.stdout + v.stderr);
      const runs = JSON.parse(cli(['runs', '--db', pg.url(db), '--json']).stdout);
      assert.deepEqual(Object.keys(runs[0].leftOut).sort(), ['bad', 'bad_child', 'guarded', 'guarded_child']);
      // The sequence of the filled table goes on after its rows.
      await pg.query(db, `INSERT INTO users (name, email) VALUES ('next', 'next@example.invalid')`);
    });
  }

  test('plan names them before anything is written', async () => {
    await pg.createDatabase('left_out_plan', SCHEMA);
    const before = await state('left_out_plan');
    const r = cli(['plan', '--db', pg.url('left_out_plan'), '--rows', '10']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}bad: cannot fill: .*x > 5\) AND \(x < 3/m);
    assert.match(r.stdout, /^ {2}bad_child: cannot fill: its required parent bad/m);
    assert.equal(await state('left_out_plan'), before);
  });

  for (const rows of [10, 4000]) {
    test(`--strict (--rows ${rows}): fails naming the table, rows and sequences as they were`, async () => {
      const db = `left_out_strict_${rows}`;
      // Only the trigger: found while writing, after other tables' rows went in (and rolled back).
      await pg.createDatabase(db, SCHEMA.replace(/CREATE TABLE bad.*\n/g, ''));
      const before = await state(db);
      const r = cli(['seed', '--strict', '--db', pg.url(db), '--rows', String(rows)]);
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stderr, /^seedbed: Cannot fill table guarded \(trigger "no_guarded" rejected its rows: guarded rows are refused\); --strict allows no table to be left out\. Nothing was written \(the run was rolled back\)\./m);
      assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('seedbed:')).length, 1);
      assert.equal(await state(db), before);
    });
  }

  test('--strict with a table known at plan time: refused before writing', async () => {
    await pg.createDatabase('left_out_strict_plan', SCHEMA);
    const before = await state('left_out_strict_plan');
    const r = cli(['seed', '--strict', '--db', pg.url('left_out_strict_plan'), '--rows', '10']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Cannot fill 2 tables bad \(.*x > 5\) AND \(x < 3.*\); bad_child \(its required parent bad/);
    assert.equal(await state('left_out_strict_plan'), before);
  });

  test('a FK violation found when the bulk load adds its FKs back (once per table, before COMMIT): that table is left out', async () => {
    const db = 'left_out_bulk_fk';
    await pg.createDatabase(db, `
      CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL);
      CREATE TABLE books (id serial PRIMARY KEY, author_id int NOT NULL CONSTRAINT books_author REFERENCES authors(id), title text NOT NULL);
      CREATE TABLE reviews (id serial PRIMARY KEY, book_id int REFERENCES books(id), body text);`);
    const config = join(dir, 'orphans.mjs');
    writeFileSync(config, 'export default { tables: { books: { columns: { author_id: () => 999999 } } } };\n');
    // 8,000 rows per table: a large run, whose FKs are dropped and added back (pg-bulk-fks.ts).
    const r = cli(['seed', '--db', pg.url(db), '--rows', '8000', '--config', config]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), [
      'warning: books: cannot fill: the database rejected its rows: insert or update on table "books" violates foreign key constraint "books_author" (Key (author_id)=(999999) is not present in table "authors".); left out',
    ]);
    assert.deepEqual([await count(db, 'authors'), await count(db, 'books'), await count(db, 'reviews'), await count(db, 'reviews', 'book_id')], [8000, 0, 8000, 0]);
    const v = cli(['validate', '--db', pg.url(db)]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });
});
