import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, dump, tempDir, warnings, withDb } from './support/sqlite.ts';

// Foreign keys a schema enforces by trigger instead of declaring them (SQLite apps from before
// its FK support, genfkey's triggers, PL/pgSQL checks): the parent is filled first, the column
// takes the parent's keys, the trigger never rejects a row, and undo deletes children first
// (the parent's BEFORE DELETE trigger refuses while children remain).

const dir = tempDir();
after(() => cleanup(dir));

const SQLITE = `
CREATE TABLE shelves (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE volumes (id INTEGER PRIMARY KEY, title TEXT NOT NULL);
CREATE TABLE volume_shelves (id INTEGER PRIMARY KEY, volume INTEGER NOT NULL, shelf INTEGER NOT NULL, UNIQUE (volume, shelf));
CREATE TABLE notes (id INTEGER PRIMARY KEY, volume INTEGER, body TEXT NON NULL);
CREATE TRIGGER fk_volume_shelves BEFORE INSERT ON volume_shelves BEGIN
  SELECT CASE
    WHEN (SELECT id FROM volumes WHERE id = NEW.volume) IS NULL THEN RAISE(ABORT, 'no such volume')
    WHEN (SELECT id FROM shelves WHERE id = NEW.shelf) IS NULL THEN RAISE(ABORT, 'no such shelf')
  END;
END;
-- genfkey's form: NULL is let through.
CREATE TRIGGER fk_notes BEFORE INSERT ON notes BEGIN
  SELECT RAISE(ABORT, 'no such volume') WHERE NEW.volume IS NOT NULL AND NOT EXISTS (SELECT 1 FROM volumes WHERE volumes.id = NEW.volume);
END;
-- Functions only the application registers: they stand in as their first argument (NULL without one).
CREATE TRIGGER volumes_sort AFTER INSERT ON volumes BEGIN UPDATE volumes SET title = sort_key(lower(NEW.title), 'en') || coalesce(make_tag(), '') WHERE id = NEW.id; END;
CREATE TRIGGER keep_volumes BEFORE DELETE ON volumes BEGIN
  SELECT CASE WHEN (SELECT COUNT(id) FROM volume_shelves WHERE volume = OLD.id) > 0 THEN RAISE(ABORT, 'volume still shelved') END;
END;
`;

describe('foreign keys enforced by triggers (SQLite)', () => {
  const fresh = (name: string) => { const f = join(dir, `${name}.db`); createDb(f, SQLITE); return f; };

  test('plan orders parents first and says which trigger enforces the key', () => {
    const r = cli(['plan', '--explain', '--db', `sqlite:${fresh('plan')}`, '--rows', '20']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /volume +→ volumes\.id +fk → volumes\.id \(enforced by trigger fk_volume_shelves\)/);
    assert.match(r.stdout, /shelf +→ shelves\.id +fk → shelves\.id \(enforced by trigger fk_volume_shelves\)/);
  });

  test('--rows 6000 (the writing thread): every table filled, the triggers restored as written', () => {
    const a = fresh('big');
    const triggers = () => withDb(a, (db) => db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`).all());
    const before = triggers();
    const r = cli(['seed', '--db', `sqlite:${a}`, '--rows', '6000', '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(counts(a), { notes: 6000, shelves: 6000, volume_shelves: 6000, volumes: 6000 });
    assert.deepEqual(triggers(), before);
    withDb(a, (db) => assert.equal((db.prepare(`SELECT count(*) AS n FROM volumes WHERE title <> lower(title)`).get() as { n: number }).n, 0));
    assert.equal(cli(['validate', '--db', `sqlite:${a}`]).code, 0);
  });

  test('every table filled, no warning, validate clean; same seed, same rows; undo empties every table', () => {
    const a = fresh('a');
    const r = cli(['seed', '--db', `sqlite:${a}`, '--rows', '30', '--seed', '5']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), []);
    assert.deepEqual(counts(a), { notes: 30, shelves: 30, volume_shelves: 30, volumes: 30 });
    withDb(a, (db) => {
      const orphans = db.prepare(`SELECT count(*) AS n FROM volume_shelves WHERE volume NOT IN (SELECT id FROM volumes) OR shelf NOT IN (SELECT id FROM shelves)`).get() as { n: number };
      assert.equal(orphans.n, 0);
      const notes = db.prepare(`SELECT count(*) AS n FROM notes WHERE volume IS NOT NULL AND volume NOT IN (SELECT id FROM volumes)`).get() as { n: number };
      assert.equal(notes.n, 0);
    });
    const v = cli(['validate', '--db', `sqlite:${a}`]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const b = fresh('b');
    assert.equal(cli(['seed', '--db', `sqlite:${b}`, '--rows', '30', '--seed', '5']).code, 0);
    assert.equal(dump(a), dump(b));
    const u = cli(['undo', '--yes', '--db', `sqlite:${a}`]);
    assert.equal(u.code, 0, u.stderr);
    assert.deepEqual(counts(a), { notes: 0, shelves: 0, volume_shelves: 0, volumes: 0 });
  });
});

describe('foreign keys enforced by triggers (PostgreSQL)', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  const PG = `
CREATE SCHEMA app;
CREATE TABLE app.accounts (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE app.entries (id serial PRIMARY KEY, account_id int NOT NULL, amount numeric(10,2) NOT NULL);
CREATE FUNCTION app.entries_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM app.accounts a WHERE a.id = NEW.account_id) THEN
    RAISE EXCEPTION 'account % does not exist', NEW.account_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER entries_account BEFORE INSERT ON app.entries FOR EACH ROW EXECUTE FUNCTION app.entries_account();
`;

  for (const rows of [40, 3000]) {
    // 3,000 rows: the bulk path (keys and FKs dropped and rebuilt) must leave the trigger's key alone.
    test(`--rows ${rows}: every table filled, validate clean, same seed same rows, undo empties both`, async () => {
      const db = `trigger_keys_${rows}`;
      await pg.createDatabase(db, PG);
      const r = cli(['seed', '--db', pg.url(db), '--rows', String(rows), '--seed', '3']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(warnings(r.stderr), []);
      const n = await pg.query<{ a: number; e: number; orphans: number }>(db, `SELECT (SELECT count(*) FROM app.accounts)::int AS a, (SELECT count(*) FROM app.entries)::int AS e,
        (SELECT count(*) FROM app.entries WHERE account_id NOT IN (SELECT id FROM app.accounts))::int AS orphans`);
      assert.deepEqual(n[0], { a: rows, e: rows, orphans: 0 });
      const v = cli(['validate', '--db', pg.url(db)]);
      assert.equal(v.code, 0, v.stdout + v.stderr);
      const first = await pg.query(db, 'SELECT account_id, amount FROM app.entries ORDER BY id');
      assert.equal(cli(['undo', '--yes', '--db', pg.url(db)]).code, 0);
      assert.equal(cli(['seed', '--db', pg.url(db), '--rows', String(rows), '--seed', '3']).code, 0);
      const again = await pg.query(db, 'SELECT account_id - (SELECT min(id) FROM app.accounts) + 1 AS account_id, amount FROM app.entries ORDER BY id');
      assert.deepEqual(again, first.map((x) => ({ ...x })));
      assert.equal(cli(['undo', '--yes', '--db', pg.url(db)]).code, 0);
      const left = await pg.query<{ n: number }>(db, 'SELECT (SELECT count(*) FROM app.accounts) + (SELECT count(*) FROM app.entries) AS n');
      assert.equal(Number(left[0].n), 0);
    });
  }
});
