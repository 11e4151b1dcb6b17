import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, fileHash, tempDir } from './support/sqlite.ts';

// A trigger that fails without RAISE (found on real schemas): it calls a function the
// application registers on its own connection, or writes a NULL into another table's NOT NULL
// column, or adds rows to its own table (whose keys Seedbed's rows then collide with). The table is left out with the trigger named (was: "the database rejected its rows:
// no such function: hash", no trigger); everything else is filled.

const dir = tempDir();
after(() => cleanup(dir));
const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('warning: '));

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
      'warning: places: cannot fill: trigger "places_hash" failed: no such function: hash; left out',
      'warning: users: cannot fill: trigger "users_more" failed: UNIQUE constraint failed: users.id; left out',
    ]);
    assert.deepEqual(counts(file), { audit: 0, notes: 0, places: 0, tags: 5, users: 0 });
  });

  test('--strict with only the unknown function: the message names the trigger and the fix; the file is unchanged', () => {
    const file = join(dir, 'strict.db');
    createDb(file, SCHEMA);
    const before = fileHash(file);
    const r = cli(['seed', '--strict', '--db', `sqlite:${file}`, '--rows', '5', '--tables', 'places,tags']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Cannot fill table places \(trigger "places_hash" failed: no such function: hash\)/);
    assert.equal(fileHash(file), before);
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
