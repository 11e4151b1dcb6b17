import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, tempDir, warnings, withDb } from './support/sqlite.ts';

// A trigger that fails without RAISE (found on real schemas): it writes a NULL into another
// table's NOT NULL column, or adds rows to its own table (whose keys Seedbed's rows then collide
// with). The table is left out with the trigger named; everything else is filled. A trigger that
// calls a function only the application registers (calibre's title_sort(), a hash()) no longer
// fails: for the run each call stands in as its first argument (NULL without one), and the
// trigger is restored exactly as written before COMMIT.

const dir = tempDir();
after(() => cleanup(dir));

describe('SQLite: a trigger that fails is named', () => {
  const SCHEMA = `
CREATE TABLE places (id INTEGER PRIMARY KEY, url TEXT NOT NULL, url_hash INTEGER);
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE audit (id INTEGER PRIMARY KEY, note_id INTEGER NOT NULL, what TEXT NOT NULL);
CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
CREATE TRIGGER users_more AFTER INSERT ON users BEGIN INSERT INTO users (name) VALUES ('trigger'); END;
CREATE TRIGGER places_hash AFTER INSERT ON places BEGIN UPDATE places SET url_hash = hash(NEW.url) WHERE id = NEW.id; END;
CREATE TRIGGER notes_audit AFTER INSERT ON notes BEGIN INSERT INTO audit (note_id, what) VALUES (NEW.id, NULL); END;
`;
  test('seed leaves those tables out naming the trigger and what failed; the rest is filled', () => {
    const file = join(dir, 'fail.db');
    createDb(file, SCHEMA);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '5']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr).sort(), [
      'warning: notes: cannot fill: trigger "notes_audit" failed: NOT NULL constraint failed: audit.what; left out',
      'warning: users: cannot fill: trigger "users_more" failed: UNIQUE constraint failed: users.id; left out',
    ]);
    assert.deepEqual(counts(file), { audit: 0, notes: 0, places: 5, tags: 5, users: 0 });
  });

  test('a function only the application registers stands in as its first argument; the trigger is restored as written', () => {
    const file = join(dir, 'stand-in.db');
    createDb(file, SCHEMA);
    const schemaBefore = withDb(file, (db) => db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`).all());
    const r = cli(['seed', '--strict', '--db', `sqlite:${file}`, '--rows', '5', '--tables', 'places,tags']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^note: triggers call functions only the application registers on its own connection \(places_hash on places: hash\(\)\); in Seedbed's runs each call stands in as its first argument \(NULL without one\)$/m);
    withDb(file, (db) => {
      const rows = db.prepare('SELECT url, url_hash FROM places').all() as { url: string; url_hash: string }[];
      assert.equal(rows.length, 5);
      for (const row of rows) assert.equal(row.url_hash, row.url);
      assert.deepEqual(db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`).all(), schemaBefore);
    });
    assert.equal(cli(['validate', '--db', `sqlite:${file}`]).code, 0);
    assert.equal(cli(['undo', '--yes', '--db', `sqlite:${file}`]).code, 0);
    assert.equal(counts(file).places, 0);
  });
});

describe('PostgreSQL: a trigger function that fails is named', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('an unknown function called in the trigger function: the table is left out with the trigger named', async () => {
    await pg.createDatabase('fails', `
CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL, words int);
CREATE FUNCTION count_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.words := app_word_count(NEW.body);
  RETURN NEW;
END $$;
CREATE TRIGGER notes_words BEFORE INSERT ON notes FOR EACH ROW EXECUTE FUNCTION count_words();
CREATE TABLE tags (id serial PRIMARY KEY, name text NOT NULL);`);
    const r = cli(['seed', '--db', pg.url('fails'), '--rows', '5']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), ['warning: notes: cannot fill: trigger "notes_words" failed: function app_word_count(text) does not exist; left out']);
    const n = await pg.query<{ n: string }>('fails', 'SELECT (SELECT count(*) FROM notes) || \',\' || (SELECT count(*) FROM tags) AS n');
    assert.equal(n[0].n, '0,5');
  });
});
