import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { cleanup, cli, counts, createDb, Database, fileHash, ROOT, tempDir, withDb } from './support/sqlite.ts';
import { beginBulk, BoundKeys, verifyBulk, writtenTable } from '../src/seeders/drivers/sqlite-bulk-checks.ts';
import { packRows, RowPacker, unpackRows, type PackedRows } from '../src/seeders/drivers/encode.ts';
import { insertSql } from '../src/seeders/drivers/sqlite-sql.ts';

// Large SQLite runs into empty tables leave FKs and CHECKs to one check per table before COMMIT
// (src/seeders/drivers/sqlite-bulk-checks.ts) instead of SQLite checking row by row. These runs
// are large enough (20,000 rows) for the writing thread; a violating row must still fail the run,
// name the table and leave the file exactly as it was, whichever way the rows were checked.

const ROWS = '20000';
const DDL = `
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE books (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES authors(id),
  title TEXT NOT NULL,
  pages INTEGER NOT NULL CONSTRAINT pages_range CHECK (pages BETWEEN 1 AND 2000)
);`;

let dir: string;
before(() => {
  dir = tempDir('seedbed-bulk-');
});
after(() => cleanup(dir));

function database(name: string, ddl = DDL): string {
  const file = join(dir, name);
  createDb(file, ddl);
  return file;
}

function config(name: string, body: string): string {
  const file = join(dir, name);
  writeFileSync(file, `export default { ${body} };\n`);
  return file;
}

const orphanAuthors = (name: string) => config(name, `tables: { books: { columns: { author_id: () => 999999 } } }`);

describe('large runs: FKs and CHECKs checked once per table', () => {
  test('a clean run fills every table and the database finds no violation', () => {
    const file = database('clean.db');
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', ROWS]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(counts(file), { authors: 20000, books: 20000 });
    withDb(file, (db) => {
      assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), []);
      assert.equal((db.prepare('SELECT count(*) AS n FROM books WHERE pages NOT BETWEEN 1 AND 2000').get() as { n: number }).n, 0);
    });
  });

  test('cycles (NULL then UPDATE, deferred) and a 3-character text key: every row checked at the end, none broken', () => {
    const file = database('cycles.db', readFileSync(join(ROOT, 'test', 'fixtures', 'cycles.sql'), 'utf8'));
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '5000']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /closed a cycle/);
    const c = counts(file);
    assert.equal(c.colours, 5000, 'a 3-character key has room for 5,000 codes (base 36 once decimal numbers run out)');
    withDb(file, (db) => assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), []));
    const v = cli(['validate', '--db', `sqlite:${file}`]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('a row without a parent fails the run, naming the table, column and parent; nothing is written', () => {
    const file = database('orphan.db');
    const before = fileHash(file);
    // --strict: without it the table is left out and the rest commits (test/left-out-sqlite.test.ts).
    const r = cli(['seed', '--strict', '--db', `sqlite:${file}`, '--rows', ROWS, '--config', orphanAuthors('orphan.config.mjs')]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /FOREIGN KEY constraint failed: 20000 row\(s\) of books\(author_id\) have no parent in authors/);
    assert.match(r.stderr, /Cannot fill table books/);
    assert.equal(fileHash(file), before, 'nothing was written');
  });

  test('parent keys with gaps: an orphan inside their span still fails the run (no range test then)', () => {
    // Even codes only: 3 lies between the smallest and the largest code but has no row.
    const file = database('gaps.db', `CREATE TABLE authors (id INTEGER PRIMARY KEY, code INTEGER NOT NULL UNIQUE, name TEXT NOT NULL);
CREATE TABLE books (id INTEGER PRIMARY KEY, author_code INTEGER NOT NULL REFERENCES authors(code), title TEXT NOT NULL);`);
    const before = fileHash(file);
    const r = cli(['seed', '--strict', '--db', `sqlite:${file}`, '--rows', ROWS, '--config',
      config('gaps.config.mjs', `tables: { authors: { columns: { code: ({ index }) => 2 * (index + 1) } }, books: { columns: { author_code: () => 3 } } }`)]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /FOREIGN KEY constraint failed: 20000 row\(s\) of books\(author_code\) have no parent in authors/);
    assert.equal(fileHash(file), before, 'nothing was written');
  });

  test('an FK value the range test doubts but SQLite accepts (text \'7\' for key 7): the run commits', () => {
    const file = database('text-fk.db', `${DDL}\nCREATE TABLE notes (id INTEGER PRIMARY KEY, author_ref TEXT NOT NULL REFERENCES authors(id));`);
    const r = cli(['seed', '--strict', '--db', `sqlite:${file}`, '--rows', ROWS, '--config', config('text-fk.config.mjs', `tables: { notes: { columns: { author_ref: () => '7' } } }`)]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    withDb(file, (db) => {
      assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), []);
      assert.deepEqual(db.prepare(`SELECT DISTINCT typeof(author_ref) AS t, author_ref AS v FROM notes`).all(), [{ t: 'text', v: '7' }]);
    });
  });

  test('a junction of text-keyed parents is written in its key\'s order (B-tree appends, FK checks walking parents in order)', () => {
    const ddl = `CREATE TABLE tags (code TEXT PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE posts (id TEXT PRIMARY KEY, title TEXT NOT NULL);
CREATE TABLE post_tags (post_id TEXT NOT NULL REFERENCES posts(id), tag_code TEXT NOT NULL REFERENCES tags(code), PRIMARY KEY (post_id, tag_code));`;
    const cfg = config('junction.config.mjs', `tables: { tags: { rows: 300 }, posts: { rows: 3000 }, post_tags: { rows: 20000 } }`);
    const file = database('junction.db', ddl);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--config', cfg]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(counts(file), { tags: 300, posts: 3000, post_tags: 20000 });
    withDb(file, (db) => {
      assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), []);
      const outOfOrder = db.prepare(`SELECT count(*) AS n FROM (SELECT post_id, tag_code, lag(post_id) OVER (ORDER BY rowid) AS pp, lag(tag_code) OVER (ORDER BY rowid) AS pt FROM post_tags) WHERE (post_id, tag_code) < (pp, pt)`).get() as { n: number };
      assert.equal(outOfOrder.n, 0, 'rows in primary key order');
    });
    const again = database('junction-again.db', ddl);
    assert.equal(cli(['seed', '--db', `sqlite:${again}`, '--config', cfg]).code, 0);
    const rows = (f: string) => withDb(f, (db) => db.prepare('SELECT * FROM post_tags ORDER BY rowid').all());
    assert.deepEqual(rows(again), rows(file), 'same seed, same rows');
  });

  test('a row that breaks a CHECK the planner cannot read fails the run with its name; nothing is written', () => {
    // The database tests such CHECKs on candidate values before they are written; this one passes
    // there ('12' is text) but not in the table, whose INTEGER affinity stores 12: the check once
    // per table still catches it.
    const file = database('check.db', `${DDL}\nCREATE TABLE tickets (id INTEGER PRIMARY KEY, code INTEGER NOT NULL, CONSTRAINT odd_one CHECK ((typeof(code), 0) = ('text', 0)));`);
    const before = fileHash(file);
    const r = cli(['seed', '--strict', '--db', `sqlite:${file}`, '--rows', ROWS, '--config', config('check.config.mjs', `tables: { tickets: { columns: { code: () => '12' } } }`)]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /CHECK constraint failed: odd_one/);
    assert.match(r.stderr, /Cannot fill table tickets/);
    assert.equal(fileHash(file), before, 'nothing was written');
  });

  test('a table checked as soon as it is written, while its children are made: its violation fails the run; nothing is written', () => {
    // books is verified in the writing thread's spare time while reviews is generated, not at the end.
    const file = database('early.db', `${DDL}\nCREATE TABLE reviews (id INTEGER PRIMARY KEY, book_id INTEGER NOT NULL REFERENCES books(id), stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5));`);
    const before = fileHash(file);
    const cfg = config('early.config.mjs', `tables: { books: { columns: { pages: () => 5000 } } }`);
    const r = cli(['seed', '--strict', '--db', `sqlite:${file}`, '--rows', ROWS, '--config', cfg]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /CHECK constraint failed: pages_range/);
    assert.match(r.stderr, /Cannot fill table books/);
    assert.equal(fileHash(file), before, 'nothing was written');
    // Without --strict the table is left out, and its required children with it; the rest commits.
    const ok = cli(['seed', '--db', `sqlite:${file}`, '--rows', ROWS, '--config', cfg]);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    const c = counts(file);
    assert.deepEqual({ books: c.books, reviews: c.reviews }, { books: 0, reviews: 0 });
    assert.ok(c.authors > 0);
  });

  test('tables that already hold rows are checked row by row: an orphan still fails the run', () => {
    const file = database('nonempty.db');
    createDb(file, `INSERT INTO authors (id, name) VALUES (1, 'Ann'); INSERT INTO books (id, author_id, title, pages) VALUES (1, 1, 'Old', 10);`);
    const before = fileHash(file);
    const r = cli(['seed', '--strict', '--db', `sqlite:${file}`, '--rows', ROWS, '--config', orphanAuthors('nonempty.config.mjs')]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // Found at COMMIT (defer_foreign_keys), then named by PRAGMA foreign_key_check.
    assert.match(r.stderr, /Cannot fill table books \(the database rejected its rows: FOREIGN KEY constraint failed: 20000 row\(s\) of books\(author_id\) have no parent in authors/);
    assert.equal(fileHash(file), before, 'nothing was written');
  });

  test('with a trigger in the schema (it may write to other tables), rows are checked row by row', () => {
    // The trigger writes an audit row whose FK has no parent: only SQLite's own per-row (deferred)
    // FK checking sees it, since the run does not fill the audit table itself.
    const file = database('trigger.db', `${DDL}
CREATE TABLE audit (id INTEGER PRIMARY KEY, book_id INTEGER REFERENCES books(id));
CREATE TRIGGER books_audit AFTER INSERT ON books WHEN NEW.id = 1 BEGIN INSERT INTO audit (book_id) VALUES (NEW.id + 1000000); END;`);
    const before = fileHash(file);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', ROWS, '--tables', 'authors,books']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    // Found at COMMIT; the orphan is in a table the run does not fill, so the run fails.
    assert.match(r.stderr, /FOREIGN KEY constraint failed: 1 row\(s\) of audit\(book_id\) have no parent in books/);
    assert.equal(fileHash(file), before, 'nothing was written');
  });
});

describe('bulk FK checks: what the writing thread bound vouches for a table, and only that', () => {
  // The writing thread's own calls on a real SQLite file: rows packed as the engine packs them,
  // inserted through a BoundKeys that saw them, then verified as before COMMIT.
  function load(name: string) {
    const file = database(name);
    const db = new Database(file);
    const conn = db as unknown as Parameters<typeof beginBulk>[0];
    const tables = [{ name: 'authors', checks: [] }, { name: 'books', checks: [] }];
    assert.ok(beginBulk(conn, tables), 'empty tables, no trigger: checked once per table');
    const bound = new BoundKeys(conn, tables);
    const insert = (table: string, columns: string[], rows: unknown[][]) => {
      const packed = packWatched(columns, rows, ['author_id']);
      bound.observe(table, columns, packed);
      unpackRows(packed, (params, n) => { const st = db.prepare(insertSql(table, columns, n)); st.run(...params); });
    };
    insert('authors', ['id', 'name'], Array.from({ length: 50 }, (_, i) => [i + 1, `a${i}`]));
    insert('books', ['id', 'author_id', 'title', 'pages'], Array.from({ length: 200 }, (_, i) => [i + 1, 1 + (i % 50), `t${i}`, 10]));
    return { db, conn, bound, tables };
  }

  /** Rows packed as the engine packs them, watching the named (FK) columns. */
  function packWatched(columns: string[], rows: unknown[][], watch: string[]): PackedRows {
    const packer = new RowPacker(columns.length, rows.length, watch.map((c) => columns.indexOf(c)).filter((i) => i >= 0));
    for (const row of rows) packer.add(Object.fromEntries(columns.map((c, i) => [c, row[i]])), columns);
    return packer.take();
  }

  test('a table whose FK values were all bound inside the parent\'s range is vouched for, not read again', () => {
    const { db, conn, bound, tables } = load('trusted.db');
    // A row the writing thread never bound (no run writes one this way): verification trusts
    // what it bound, and does not scan the table for it.
    db.prepare(insertSql('books', ['id', 'author_id', 'title', 'pages'], 1)).run(500, 999, 'unseen', 10);
    verifyBulk(conn, tables, bound);
    // The same rows packed without watching the FK column: SQLite checks the table, and finds it.
    const blind = new BoundKeys(conn, tables);
    blind.observe('books', ['id', 'author_id', 'title', 'pages'], packRows(4, [[1, 1, 't', 10]]));
    assert.throws(() => verifyBulk(conn, tables, blind), /1 row\(s\) of books\(author_id\) have no parent in authors, first at rowid 500/);
    db.exec('ROLLBACK');
    db.close();
  });

  test('keys inside the parent\'s range: verified without an orphan; an UPDATE that writes an orphan is caught', () => {
    const { db, conn, bound, tables } = load('vouch.db');
    verifyBulk(conn, tables, bound);
    // A write the thread did not observe as an insert (a cycle's UPDATE): SQLite checks the table.
    const sql = 'UPDATE "books" SET author_id = 999 WHERE id = 7';
    bound.doubt(writtenTable(sql));
    db.prepare(sql).run();
    assert.throws(() => verifyBulk(conn, tables, bound), /FOREIGN KEY constraint failed: 1 row\(s\) of books\(author_id\) have no parent in authors, first at rowid 7/);
    db.exec('ROLLBACK');
    db.close();
  });

  for (const [what, value] of [['outside the range', 51], ['with a fraction, inside the range', 1.5], ['text', 'x']] as const) {
    test(`a value ${what} sends the table to PRAGMA foreign_key_check, which finds the orphan`, () => {
      const { db, conn, bound, tables } = load(`odd-${typeof value}-${String(value).length}.db`);
      const packed = packWatched(['id', 'author_id', 'title', 'pages'], [[201, value, 'late', 10]], ['author_id']);
      bound.observe('books', ['id', 'author_id', 'title', 'pages'], packed);
      db.prepare(insertSql('books', ['id', 'author_id', 'title', 'pages'], 1)).run(201, value, 'late', 10);
      assert.throws(() => verifyBulk(conn, tables, bound), /1 row\(s\) of books\(author_id\) have no parent in authors, first at rowid 201/);
      db.exec('ROLLBACK');
      db.close();
    });
  }

  test('the table a statement writes to', () => {
    assert.equal(writtenTable('UPDATE "books" SET a = 1'), 'books');
    assert.equal(writtenTable('UPDATE OR IGNORE "we""ird" SET a = 1'), 'we"ird');
    assert.equal(writtenTable('INSERT INTO seedbed_runs (id) VALUES (1)'), 'seedbed_runs');
    assert.equal(writtenTable('insert or replace into "t" values (1)'), 't');
    assert.equal(writtenTable('DELETE FROM t WHERE 1'), 't');
    assert.equal(writtenTable('CREATE INDEX i ON t (a)'), '');
    assert.equal(writtenTable('WITH x AS (SELECT 1) UPDATE t SET a = 1'), undefined, 'cannot tell: every table is doubted');
  });
});
