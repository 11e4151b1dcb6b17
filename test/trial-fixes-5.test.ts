import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, seedClean, tempDir, valid, withDb } from './support/sqlite.ts';

// Defects a fifth round of acceptance trials on real schemas of desktop, mobile and self-hosted
// apps found (digiKam, Chrome's Login Data, Firefox's form history, …), each as a small schema of
// the project's own.

const dir = tempDir();
after(() => cleanup(dir));

// A closure table kept by an insert trigger that copies the new row's nullable column into a NOT
// NULL one (a tag tree: each tag's parent, and its parent's ancestors).
const CLOSURE_SQLITE = `
CREATE TABLE labels (id INTEGER PRIMARY KEY, parent INTEGER, name TEXT NOT NULL, UNIQUE (name, parent));
CREATE TABLE label_paths (id INTEGER NOT NULL, parent INTEGER NOT NULL, UNIQUE (id, parent));
CREATE TRIGGER labels_paths AFTER INSERT ON labels
BEGIN INSERT INTO label_paths SELECT NEW.id, NEW.parent UNION SELECT NEW.id, parent FROM label_paths WHERE id = NEW.parent; END;
CREATE TABLE notes (id INTEGER PRIMARY KEY, folder TEXT, body TEXT);
CREATE TABLE note_log (note_id INTEGER NOT NULL, folder TEXT NOT NULL, at TEXT);
CREATE TRIGGER notes_log AFTER INSERT ON notes WHEN NEW.body IS NOT NULL
BEGIN INSERT INTO note_log (folder, note_id, at) VALUES (NEW.folder, NEW.id, datetime('now')); END;`;

const CLOSURE_PG = `
CREATE TABLE labels (id serial PRIMARY KEY, parent int, name text NOT NULL, UNIQUE (name, parent));
CREATE TABLE label_paths (id int NOT NULL, parent int NOT NULL, UNIQUE (id, parent));
CREATE FUNCTION labels_paths() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO label_paths (id, parent) VALUES (NEW.id, NEW.parent);
  RETURN NEW;
END $$;
CREATE TRIGGER labels_paths AFTER INSERT ON labels FOR EACH ROW EXECUTE FUNCTION labels_paths();`;

describe('an insert trigger that copies a nullable column into a NOT NULL one', () => {
  // Found on digiKam: `AFTER INSERT ON Tags … INSERT INTO TagsTree SELECT NEW.id, NEW.pid` with
  // Tags.pid nullable and TagsTree.pid NOT NULL: a drawn NULL failed the trigger, Tags was left out.
  test('SQLite (INSERT … SELECT NEW.a, NEW.b UNION …; a column list, under WHEN): every row in, the copied columns set; validate is clean', () => {
    const file = join(dir, 'closure.db');
    createDb(file, CLOSURE_SQLITE);
    seedClean(`sqlite:${file}`, '--rows', '60');
    const c = counts(file);
    assert.equal(c.labels, 60);
    assert.equal(c.notes, 60);
    assert.ok(c.label_paths >= 60, JSON.stringify(c));
    const r = withDb(file, (db) => db.prepare(`SELECT (SELECT count(*) FROM labels WHERE parent IS NULL) AS parents,
      (SELECT count(*) FROM notes WHERE body IS NOT NULL AND folder IS NULL) AS folders, (SELECT count(*) FROM notes WHERE body IS NULL) AS bodies`).get() as Record<string, number>);
    assert.deepEqual({ parents: r.parents, folders: r.folders }, { parents: 0, folders: 0 });
    valid(`sqlite:${file}`);
  });
});

describe('integer timestamps named as desktop apps name them', () => {
  // Found on Chrome's Login Data and Firefox's formhistory: date_created INTEGER got counts
  // (5, 332), date_last_used / lastUsed / expiry small numbers, and last use came before creation.
  test('SQLite: date_created, date_last_used, expires_utc, firstUsed/lastUsed, expiry are epoch seconds, use after creation', () => {
    const file = join(dir, 'desktop-times.db');
    createDb(file, `
CREATE TABLE logins (id INTEGER PRIMARY KEY, origin_url VARCHAR NOT NULL, date_created INTEGER NOT NULL, date_last_used INTEGER NOT NULL DEFAULT 0, expires_utc INTEGER NOT NULL);
CREATE TABLE form_entries (id INTEGER PRIMARY KEY, fieldname TEXT NOT NULL, firstUsed INTEGER NOT NULL, lastUsed INTEGER NOT NULL, expiry INTEGER NOT NULL);`);
    seedClean(`sqlite:${file}`, '--rows', '80');
    const r = withDb(file, (db) => db.prepare(`SELECT
      (SELECT min(min(date_created, date_last_used, expires_utc)) FROM logins) AS lo1, (SELECT count(*) FROM logins WHERE date_last_used < date_created) AS bad1,
      (SELECT min(min(firstUsed, lastUsed, expiry)) FROM form_entries) AS lo2, (SELECT count(*) FROM form_entries WHERE lastUsed < firstUsed) AS bad2`).get() as Record<string, number>);
    assert.ok(r.lo1 > 1_000_000_000 && r.lo2 > 1_000_000_000, JSON.stringify(r));
    assert.equal(r.bad1 + r.bad2, 0);
    const plan = cli(['plan', '--explain', '--db', `sqlite:${file}`]).stdout;
    assert.match(plan, /date_created\s+time\.epoch/);
    assert.match(plan, /lastUsed\s+time\.epoch/);
    valid(`sqlite:${file}`);
  });
});

// A Core Data store: entity tables keyed by Z_PK with Z_ENT / Z_OPT, relationships by name
// (ZFOLDER → ZFOLDER), Z<n>_X beside a relationship X, the catalogue tables Core Data keeps.
const CORE_DATA = `
CREATE TABLE ZSHELF ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZTITLE VARCHAR );
CREATE TABLE ZBOX ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZSHELF INTEGER, Z3_SHELF INTEGER, ZPARENT INTEGER, ZLABEL VARCHAR );
CREATE TABLE ZITEM ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZBOX INTEGER, ZBOX1 INTEGER, ZCREATIONDATE TIMESTAMP, ZWEIGHT FLOAT, ZNAME VARCHAR );
CREATE INDEX ZITEM_ZBOX_INDEX ON ZITEM (ZBOX);
CREATE TABLE Z_1ITEMS ( Z_1BOXES INTEGER, Z_4ITEMS INTEGER, PRIMARY KEY (Z_1BOXES, Z_4ITEMS) );
CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER);
CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB);
CREATE TABLE Z_MODELCACHE (Z_CONTENT BLOB);
INSERT INTO Z_PRIMARYKEY VALUES (3, 'Shelf', 0, 0), (1, 'Box', 0, 0), (4, 'Item', 0, 0), (5, 'Book', 4, 0);
INSERT INTO Z_METADATA VALUES (1, 'A1B2', NULL);`;

describe('a Core Data store', () => {
  // Found on macOS Notes (NotesV7.storedata): ZNOTE.ZFOLDER, ZFOLDER.ZACCOUNT pointed nowhere,
  // Z_ENT / Z_OPT / Z6_FOLDER got any number, ZDATECREATED TIMESTAMP got ISO text where Core Data
  // reads seconds since 2001, and Z_PRIMARYKEY / Z_METADATA got made-up rows.
  test('SQLite: relationships and join tables (Z_1ITEMS) take their parents\' Z_PK, Z_ENT is the entity\'s number, Z<n>_X is n when X is set, TIMESTAMPs are seconds since 2001, attributes named without the Z, the catalogue is left alone; validate is clean', () => {
    const file = join(dir, 'core-data.db');
    createDb(file, CORE_DATA);
    seedClean(`sqlite:${file}`, '--rows', '40');
    const c = counts(file);
    assert.deepEqual(c, { ZSHELF: 40, ZBOX: 40, ZITEM: 40, Z_1ITEMS: 40, Z_PRIMARYKEY: 4, Z_METADATA: 1, Z_MODELCACHE: 0 });
    const r = withDb(file, (db) => db.prepare(`SELECT
      (SELECT count(*) FROM ZBOX WHERE ZSHELF IS NOT NULL AND ZSHELF NOT IN (SELECT Z_PK FROM ZSHELF)) AS orphanBoxes,
      (SELECT count(*) FROM ZITEM WHERE (ZBOX IS NOT NULL AND ZBOX NOT IN (SELECT Z_PK FROM ZBOX)) OR (ZBOX1 IS NOT NULL AND ZBOX1 NOT IN (SELECT Z_PK FROM ZBOX))) AS orphanItems,
      (SELECT count(*) FROM ZBOX WHERE ZSHELF IS NOT NULL) AS linked,
      (SELECT count(*) FROM Z_1ITEMS WHERE Z_1BOXES NOT IN (SELECT Z_PK FROM ZBOX) OR Z_4ITEMS NOT IN (SELECT Z_PK FROM ZITEM)) AS orphanJoins,
      (SELECT count(*) FROM ZBOX WHERE (ZSHELF IS NULL) <> (Z3_SHELF IS NULL) OR Z3_SHELF <> 3) AS badEnt,
      (SELECT count(*) FROM ZSHELF WHERE Z_ENT IS NOT 3) + (SELECT count(*) FROM ZBOX WHERE Z_ENT IS NOT 1) + (SELECT count(*) FROM ZITEM WHERE Z_ENT NOT IN (4, 5) OR Z_ENT IS NULL) AS wrongEnt,
      (SELECT count(*) FROM ZITEM WHERE Z_OPT IS NULL OR Z_OPT < 1 OR Z_OPT > 12) AS badOpt,
      (SELECT count(*) FROM ZITEM WHERE ZCREATIONDATE IS NOT NULL AND (typeof(ZCREATIONDATE) <> 'real'
        OR datetime(ZCREATIONDATE + 978307200, 'unixepoch') NOT BETWEEN '2020-12-31' AND '2026-01-02')) AS badDates`).get() as Record<string, number>);
    assert.deepEqual({ ...r, linked: r.linked > 20 }, { orphanBoxes: 0, orphanItems: 0, linked: true, orphanJoins: 0, badEnt: 0, wrongEnt: 0, badOpt: 0, badDates: 0 });
    // The attributes' own names choose the generators (ZTITLE is a title, not lorem words).
    const plan = cli(['plan', '--explain', '--db', `sqlite:${file}`]).stdout;
    assert.match(plan, /ZTITLE\s+content\.title\s+rule content\.title/);
    assert.match(plan, /ZCREATIONDATE\s+time\.sinceEpoch/);
    valid(`sqlite:${file}`);
  });
});

describe('Android framework tables', () => {
  // Found on NewPipe (a Room database): room_master_table got 50 identity hashes beside Room's
  // own row 42, android_metadata 50 locales; schema_version (Strawberry) a column of versions.
  test('SQLite: android_metadata, room_master_table and schema_version stay as they were; the app tables fill', () => {
    const file = join(dir, 'android.db');
    createDb(file, `
CREATE TABLE android_metadata (locale TEXT);
INSERT INTO android_metadata VALUES ('en_US');
CREATE TABLE room_master_table (id INTEGER PRIMARY KEY, identity_hash TEXT);
INSERT INTO room_master_table VALUES (42, 'f00d');
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE \`streams\` (\`uid\` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \`url\` TEXT NOT NULL, \`title\` TEXT NOT NULL);`);
    seedClean(`sqlite:${file}`, '--rows', '20');
    assert.deepEqual(counts(file), { android_metadata: 1, room_master_table: 1, schema_version: 0, streams: 20 });
  });
});

describe('references named key first, and a bare integer date', () => {
  // Found on Kodi's MyVideos: movie.idFile, files.idPath, episode.idSeason (→ files, path,
  // seasons) were free integers pointing nowhere; Android's sms.date INTEGER got 784, Syncthing's
  // files.modified 939.
  test('SQLite: idFile / idPath take their parents\' keys, `date` / `modified` INTEGER are epoch times; validate is clean', () => {
    const file = join(dir, 'key-first.db');
    createDb(file, `
CREATE TABLE path (idPath integer primary key, strPath text);
CREATE TABLE files (idFile integer primary key, idPath integer, strFilename text, date INTEGER, modified INTEGER NOT NULL);
CREATE TABLE movie (idMovie integer primary key, idFile integer, title text);
CREATE UNIQUE INDEX ix_movie_file ON movie (idFile, idMovie);`);
    seedClean(`sqlite:${file}`, '--rows', '30');
    const r = withDb(file, (db) => db.prepare(`SELECT
      (SELECT count(*) FROM files WHERE idPath IS NOT NULL AND idPath NOT IN (SELECT idPath FROM path)) +
      (SELECT count(*) FROM movie WHERE idFile IS NOT NULL AND idFile NOT IN (SELECT idFile FROM files)) AS orphans,
      (SELECT count(*) FROM movie WHERE idFile IS NOT NULL) AS linked, (SELECT min(min(date, modified)) FROM files) AS lo`).get() as Record<string, number>);
    assert.equal(r.orphans, 0);
    assert.ok(r.linked > 15 && r.lo > 1_000_000_000, JSON.stringify(r));
    valid(`sqlite:${file}`);
  });
});

describe('token lifetimes', () => {
  // Found on Authelia: identity_verification.consumed came before iat, exp before iat.
  test('SQLite: iat <= exp and iat <= consumed in every row; validate is clean', () => {
    const file = join(dir, 'tokens.db');
    createDb(file, `CREATE TABLE identity_verification (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, jti VARCHAR(36), iat TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
      exp TIMESTAMP NOT NULL, username VARCHAR(100) NOT NULL, consumed TIMESTAMP NULL DEFAULT NULL, UNIQUE (jti));`);
    seedClean(`sqlite:${file}`, '--rows', '60');
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, sum(exp < iat) AS early, sum(consumed < iat) AS before, count(consumed) AS used FROM identity_verification`).get() as Record<string, number>);
    assert.deepEqual({ n: r.n, early: r.early, before: r.before ?? 0, used: r.used > 0 }, { n: 60, early: 0, before: 0, used: true });
    valid(`sqlite:${file}`);
  });
});

describe('PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('a PL/pgSQL insert trigger copying NEW.parent into a NOT NULL column: every row in; validate is clean', async () => {
    await pg.createDatabase('closure', CLOSURE_PG);
    const url = pg.url('closure');
    seedClean(url, '--rows', '40');
    const [r] = await pg.query<{ n: number; paths: number; nulls: number }>('closure', `SELECT (SELECT count(*) FROM labels)::int AS n,
      (SELECT count(*) FROM label_paths)::int AS paths, (SELECT count(*) FROM labels WHERE parent IS NULL)::int AS nulls`);
    assert.deepEqual(r, { n: 40, paths: 40, nulls: 0 });
    valid(url);
  });
});
