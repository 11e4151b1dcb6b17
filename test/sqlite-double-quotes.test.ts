import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanup, cli, counts, tempDir, warnings, withDb } from './support/sqlite.ts';

// "Double-quoted" strings in a SQLite schema (found in real schemas): SQLite reads a
// double-quoted word that names no column as a string, but better-sqlite3 is built with
// SQLITE_DQS=0, so CHECKs were not understood (kind IN ("folder","smart") drew random words and
// the table was left out) and every INSERT into a table with such a trigger failed to compile
// ("no such column"). The file is made with the sqlite3 command-line tool, which accepts them.

const dir = tempDir();
after(() => cleanup(dir));

const SCHEMA = `
CREATE TABLE folders (id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL DEFAULT "folder" CHECK (kind IN ("folder", "smart")));
CREATE UNIQUE INDEX one_smart_name ON folders (name) WHERE kind = "smart";
CREATE TABLE items (id INTEGER PRIMARY KEY, folder_id INTEGER NOT NULL REFERENCES folders(id), title TEXT NOT NULL, status TEXT NOT NULL DEFAULT "new");
CREATE TABLE log (id INTEGER PRIMARY KEY, item_id INTEGER, what TEXT NOT NULL);
CREATE TRIGGER items_log AFTER INSERT ON items BEGIN INSERT INTO log (item_id, what) VALUES (NEW.id, "created"); END;
CREATE TRIGGER items_title BEFORE INSERT ON items WHEN NEW.title = "" BEGIN SELECT RAISE(ABORT, "a title is required"); END;
CREATE TRIGGER items_gone AFTER DELETE ON items BEGIN INSERT INTO log (item_id, what) VALUES (OLD.id, "deleted"); END;
`;

function fresh(name: string): string {
  const file = join(dir, `${name}.db`);
  const r = spawnSync('sqlite3', ['-bail', file], { input: SCHEMA, encoding: 'utf8' });
  assert.equal(r.status, 0, `sqlite3 (the command-line tool) must be installed: ${r.error?.message ?? r.stderr}`);
  return file;
}

const schemaText = (file: string) => withDb(file, (db) => db.prepare(`SELECT type, name, sql FROM sqlite_schema WHERE tbl_name NOT LIKE 'seedbed_%' ORDER BY rowid`).all());

describe('double-quoted strings in a SQLite schema', () => {
  for (const rows of [10, 12000]) {
    // 12,000 rows a table: the run's transaction is held by SQLite's writing thread.
    test(`--rows ${rows}: every table filled; CHECK values from the list; triggers ran; the schema is as written; validate and undo work`, () => {
      const file = fresh(`seed-${rows}`);
      const before = schemaText(file);
      const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', String(rows), '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(warnings(r.stderr), []);
      assert.deepEqual(counts(file), { folders: rows, items: rows, log: rows });
      const kinds = withDb(file, (db) => db.prepare('SELECT DISTINCT kind FROM folders ORDER BY kind').all());
      assert.deepEqual(kinds, [{ kind: 'folder' }, { kind: 'smart' }]);
      assert.deepEqual(withDb(file, (db) => db.prepare('SELECT DISTINCT what FROM log').all()), [{ what: 'created' }]);
      assert.deepEqual(schemaText(file), before, 'the triggers are back exactly as written, in their order');
      const v = cli(['validate', '--db', `sqlite:${file}`]);
      assert.equal(v.code, 0, v.stdout + v.stderr);
      const u = cli(['undo', '--yes', '--db', `sqlite:${file}`]);
      assert.equal(u.code, 0, u.stderr);
      assert.equal(counts(file).items, 0);
      assert.deepEqual(schemaText(file), before);
    });
  }

  test('a trigger that still rejects rows is named (it compiles now)', () => {
    const file = fresh('reject');
    const add = spawnSync('sqlite3', [file], { input: `CREATE TRIGGER items_never BEFORE INSERT ON items BEGIN SELECT RAISE(ABORT, "items are closed"); END;`, encoding: 'utf8' });
    assert.equal(add.status, 0, add.stderr);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), ['warning: items: cannot fill: trigger "items_never" rejected its rows: items are closed; left out']);
    assert.equal(counts(file).folders, 10);
  });
});
