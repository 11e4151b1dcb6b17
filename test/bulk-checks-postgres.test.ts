import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { orphans, startPostgres, type PgServer } from './support/postgres.ts';
import { cli, ROOT } from './support/sqlite.ts';

// Large PostgreSQL runs into empty tables drop those tables' FKs inside the run's transaction and
// add them back before COMMIT, so PostgreSQL checks each FK once over the table instead of once
// per row (src/seeders/drivers/pg-bulk-fks.ts). The schema must come out exactly as it was, and
// a row without a parent must still fail the run and leave the database as it was.

const ROWS = '20000';
const DDL = `
CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE books (
  id serial PRIMARY KEY,
  author_id int NOT NULL CONSTRAINT books_author REFERENCES authors(id) ON DELETE CASCADE DEFERRABLE INITIALLY IMMEDIATE,
  title text NOT NULL
);`;

let pg: PgServer;
let dir: string;
before(async () => {
  pg = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'seedbed-bulk-pg-'));
});
after(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Every constraint and comment of the database, as PostgreSQL prints them (the ledger's left out). */
async function constraints(db: string): Promise<string> {
  const rows = await pg.query<{ c: string }>(db, `
    SELECT conrelid::regclass::text || ' ' || conname || ': ' || pg_get_constraintdef(oid) || ' valid=' || convalidated
      || coalesce(' comment=' || obj_description(oid, 'pg_constraint'), '') AS c
    FROM pg_constraint WHERE connamespace <> 'pg_catalog'::regnamespace AND conrelid <> 0
      AND conrelid::regclass::text NOT LIKE 'seedbed\\_%' ORDER BY 1`);
  return rows.map((r) => r.c).join('\n');
}

/** The FK's oid: a new one means it was dropped and added back (the bulk path was taken). */
async function fkOid(db: string): Promise<string> {
  return (await pg.query<{ oid: string }>(db, `SELECT oid::text FROM pg_constraint WHERE conname = 'books_author'`))[0].oid;
}

async function count(db: string, table: string): Promise<number> {
  return Number((await pg.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${table}`))[0].n);
}

function orphanConfig(name: string): string {
  const file = join(dir, name);
  writeFileSync(file, `export default { tables: { books: { columns: { author_id: () => 999999 } } } };\n`);
  return file;
}

describe('PostgreSQL large runs: FKs checked once per constraint', () => {
  test('a clean run fills every table; every constraint is back as it was, validated; no orphans', async () => {
    await pg.createDatabase('clean', DDL);
    const before = await constraints('clean');
    const oid = await fkOid('clean');
    const r = cli(['seed', '--db', pg.url('clean'), '--rows', ROWS]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.notEqual(await fkOid('clean'), oid, 'the FK was dropped and added back');
    assert.equal(await count('clean', 'books'), 20000);
    assert.equal(await constraints('clean'), before);
    assert.deepEqual((await orphans(pg, 'clean')).filter((o) => o.n > 0), []);
  });

  test('a row without a parent fails the run with PostgreSQL\'s words; nothing is written and the FK is back', async () => {
    await pg.createDatabase('orphan', DDL);
    const before = await constraints('orphan');
    // --strict: without it the table is left out and the rest commits (test/left-out-postgres.test.ts).
    const r = cli(['seed', '--strict', '--db', pg.url('orphan'), '--rows', ROWS, '--config', orphanConfig('orphan.mjs')]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /violates foreign key constraint "books_author"/);
    assert.match(r.stderr, /Key \(author_id\)=\(999999\) is not present in table "authors"/);
    assert.match(r.stderr, /Nothing was written \(the run was rolled back\)\.\nFix: Look at the constraints and triggers of "books"/);
    assert.match(r.stderr, /books/);
    assert.equal(await count('orphan', 'books'), 0);
    assert.equal(await count('orphan', 'authors'), 0);
    assert.equal(await constraints('orphan'), before);
  });

  test('a table that already holds rows keeps per-row checks (the orphan fails as the row is written)', async () => {
    await pg.createDatabase('nonempty', `${DDL}\nINSERT INTO authors (name) VALUES ('Ann'); INSERT INTO books (author_id, title) VALUES (1, 'Old');`);
    const before = await constraints('nonempty');
    const oid = await fkOid('nonempty');
    const r = cli(['seed', '--strict', '--db', pg.url('nonempty'), '--rows', ROWS, '--config', orphanConfig('nonempty.mjs')]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /violates foreign key constraint "books_author"/);
    assert.equal(await count('nonempty', 'books'), 1);
    assert.equal(await fkOid('nonempty'), oid, 'the FK stayed in place');
    assert.equal(await constraints('nonempty'), before);
  });

  test('a FK with a comment is dropped and added back with its comment', async () => {
    await pg.createDatabase('comment', `${DDL}\nCOMMENT ON CONSTRAINT books_author ON books IS 'every book has an author';`);
    const before = await constraints('comment');
    assert.match(before, /comment=every book has an author/);
    const oid = await fkOid('comment');
    const r = cli(['seed', '--db', pg.url('comment'), '--rows', ROWS]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.notEqual(await fkOid('comment'), oid, 'the FK was dropped and added back');
    assert.equal(await constraints('comment'), before);
  });

  test('partitions, inheritance, a deferrable cycle across schemas: a large run leaves every constraint as it was', async () => {
    await pg.createDatabase('features', readFileSync(join(ROOT, 'test', 'fixtures', 'pg-features.sql'), 'utf8'));
    const before = await constraints('features');
    const r = cli(['seed', '--db', pg.url('features', ['public', 'billing']), '--rows', '2500']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(await constraints('features'), before);
    assert.deepEqual((await orphans(pg, 'features')).filter((o) => o.n > 0), []);
  });
});
