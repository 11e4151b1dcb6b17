import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, seedClean, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// Defects a third round of acceptance trials on real schemas found (Matrix bridges, Hasura, …),
// each as a small schema of the project's own.

const dir = tempDir();
after(() => cleanup(dir));

// A tree inside a tenant: the self-reference carries the tenant column, NOT NULL, beside a nullable
// parent column (MATCH SIMPLE: a row with its parent column NULL need not match anything).
const TENANT_TREE = `
CREATE TABLE rooms (
  space TEXT NOT NULL, id TEXT NOT NULL, owner TEXT NOT NULL,
  parent_id TEXT, parent_owner TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  PRIMARY KEY (space, id, owner),
  CONSTRAINT rooms_parent FOREIGN KEY (space, parent_id, parent_owner) REFERENCES rooms (space, id, owner)
);`;

describe('a composite self-reference whose columns are partly NOT NULL (a tree inside a tenant)', () => {
  // Found on the Matrix bridges (mautrix bridgev2): portal (bridge_id, parent_id, parent_receiver)
  // → portal (bridge_id, id, receiver), bridge_id and parent_receiver NOT NULL: "no key for row 0";
  // the table and the five tables under it were left out.
  test('SQLite: every row in; children are in their parent\'s tenant; validate is clean', () => {
    const file = join(dir, 'tenant-tree.db');
    createDb(file, TENANT_TREE);
    seedClean(`sqlite:${file}`, '--rows', '120');
    assert.deepEqual(counts(file), { rooms: 120 });
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, sum(c.space = p.space) AS same,
      (SELECT count(*) FROM rooms WHERE parent_id IS NULL) AS roots FROM rooms c JOIN rooms p ON p.id = c.parent_id AND p.owner = c.parent_owner`).get() as { n: number; same: number; roots: number });
    assert.ok(r.n >= 40 && r.roots >= 1, `${r.n} rooms with a parent, ${r.roots} roots`);
    assert.equal(r.same, r.n);
    valid(`sqlite:${file}`);
  });
});

// Two composite FKs of one row share a tenant column: both parents must be the tenant's.
const TENANT_FKS = `
CREATE TABLE companies (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE campaigns (company_id INTEGER NOT NULL REFERENCES companies (id), id INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (company_id, id));
CREATE TABLE ads (company_id INTEGER NOT NULL REFERENCES companies (id), id INTEGER NOT NULL, title TEXT NOT NULL, PRIMARY KEY (company_id, id));
CREATE TABLE clicks (
  id INTEGER PRIMARY KEY, company_id INTEGER NOT NULL, campaign_id INTEGER NOT NULL, ad_id INTEGER, clicked_at TEXT NOT NULL,
  FOREIGN KEY (company_id, campaign_id) REFERENCES campaigns (company_id, id),
  FOREIGN KEY (company_id, ad_id) REFERENCES ads (company_id, id)
);`;

// The same where the shared column starts in two tables that each make it up (no table of
// bridges): a bridge's rooms and its users must meet in a message.
const BRIDGE_FKS = `
CREATE TABLE rooms (bridge_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (bridge_id, id));
CREATE TABLE ghosts (bridge_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (bridge_id, id));
CREATE TABLE messages (
  bridge_id TEXT NOT NULL, id TEXT NOT NULL, room_id TEXT NOT NULL, sender_id TEXT NOT NULL, body TEXT NOT NULL,
  PRIMARY KEY (bridge_id, id),
  FOREIGN KEY (bridge_id, room_id) REFERENCES rooms (bridge_id, id),
  FOREIGN KEY (bridge_id, sender_id) REFERENCES ghosts (bridge_id, id)
);
CREATE TABLE reactions (
  bridge_id TEXT NOT NULL, room_id TEXT NOT NULL, message_id TEXT NOT NULL, sender_id TEXT NOT NULL, emoji TEXT NOT NULL,
  PRIMARY KEY (bridge_id, message_id, sender_id, emoji),
  FOREIGN KEY (bridge_id, room_id) REFERENCES rooms (bridge_id, id),
  FOREIGN KEY (bridge_id, message_id) REFERENCES messages (bridge_id, id),
  FOREIGN KEY (bridge_id, sender_id) REFERENCES ghosts (bridge_id, id)
);`;

// A tree inside a tenant whose tenant comes from another FK of the row (its owner's).
const TENANT_TREE_OWNED = `
CREATE TABLE tenants (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE users (tenant_id INT NOT NULL REFERENCES tenants (id), id INT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (tenant_id, id));
CREATE TABLE folders (
  tenant_id INT NOT NULL, id INT NOT NULL, owner_id INT NOT NULL, parent_id INT, name TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES folders (tenant_id, id),
  FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id)
);`;

describe('composite foreign keys that share a column (a tenant or bridge column)', () => {
  test('SQLite, a tree inside the tenant its owner gives: folders nest within their tenant; validate is clean', () => {
    const file = join(dir, 'tenant-tree-owned.db');
    createDb(file, TENANT_TREE_OWNED);
    seedClean(`sqlite:${file}`, '--rows', '120');
    const r = withDb(file, (db) => db.prepare(`SELECT (SELECT count(*) FROM folders) AS n, (SELECT count(parent_id) FROM folders) AS nested`).get() as { n: number; nested: number });
    assert.equal(r.n, 120);
    assert.ok(r.nested >= 40, `${r.nested} folders have a parent`);
    valid(`sqlite:${file}`);
  });

  // Found on the Matrix bridges (mautrix bridgev2): message (bridge_id, room_id, …) → portal and
  // (bridge_id, sender_id) → ghost: "column bridge_id specified more than once", and the tables
  // under them left out. The Citus-style tenant keys (company_id in every FK) failed alike.
  test('SQLite, tenant from a parent table: every row in, both parents of a click are its company\'s; validate is clean', () => {
    const file = join(dir, 'tenant-fks.db');
    createDb(file, TENANT_FKS);
    seedClean(`sqlite:${file}`, '--rows', '150');
    assert.deepEqual(counts(file), { ads: 150, campaigns: 150, clicks: 150, companies: 150 });
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, count(ad_id) AS ads,
      (SELECT count(DISTINCT company_id) FROM clicks) AS companies FROM clicks`).get() as { n: number; ads: number; companies: number });
    assert.ok(r.ads >= 100 && r.companies >= 20, JSON.stringify(r));
    valid(`sqlite:${file}`);
  });

  test('SQLite, bridge column made up by two tables: they share a short list; every table filled; validate is clean', () => {
    const file = join(dir, 'bridge-fks.db');
    createDb(file, BRIDGE_FKS);
    seedClean(`sqlite:${file}`, '--rows', '100');
    assert.deepEqual(counts(file), { ghosts: 100, messages: 100, reactions: 100, rooms: 100 });
    const r = withDb(file, (db) => db.prepare(`SELECT (SELECT count(DISTINCT bridge_id) FROM rooms) AS rooms,
      (SELECT count(*) FROM rooms r WHERE bridge_id IN (SELECT bridge_id FROM ghosts)) AS shared,
      (SELECT count(DISTINCT bridge_id) FROM reactions) AS reacted`).get());
    assert.deepEqual(r, { rooms: 3, shared: 100, reacted: 3 });
    valid(`sqlite:${file}`);
  });

  test('same seed, same rows', () => {
    const a = join(dir, 'bridge-a.db');
    const b = join(dir, 'bridge-b.db');
    createDb(a, BRIDGE_FKS);
    createDb(b, BRIDGE_FKS);
    seedClean(`sqlite:${a}`, '--rows', '60', '--seed', '7');
    seedClean(`sqlite:${b}`, '--rows', '60', '--seed', '7');
    const rows = (f: string) => withDb(f, (db) => JSON.stringify(db.prepare('SELECT * FROM reactions ORDER BY 1, 2, 3, 4, 5').all()));
    assert.equal(rows(a), rows(b));
  });
});

describe('a trigger that requires two parents of a row to agree on a column', () => {
  // Zotero's collectionItems: BEFORE INSERT … RAISE WHERE (SELECT libraryID FROM collections WHERE
  // collectionID = NEW.collectionID) != (SELECT libraryID FROM items WHERE itemID = NEW.itemID):
  // the table was left out ("trigger rejected its rows").
  test('SQLite: every row in; each row\'s collection and item are in one library; validate is clean', () => {
    const file = join(dir, 'agree.db');
    createDb(file, `
CREATE TABLE libraries (libraryID INTEGER PRIMARY KEY, type TEXT NOT NULL);
CREATE TABLE collections (collectionID INTEGER PRIMARY KEY, collectionName TEXT NOT NULL, libraryID INT NOT NULL REFERENCES libraries (libraryID));
CREATE TABLE items (itemID INTEGER PRIMARY KEY, libraryID INT NOT NULL REFERENCES libraries (libraryID), key TEXT NOT NULL);
CREATE TABLE collectionItems (
  collectionID INT NOT NULL REFERENCES collections (collectionID), itemID INT NOT NULL REFERENCES items (itemID), orderIndex INT NOT NULL DEFAULT 0,
  PRIMARY KEY (collectionID, itemID));
CREATE TRIGGER collection_items_one_library BEFORE INSERT ON collectionItems FOR EACH ROW BEGIN
  SELECT RAISE(ABORT, 'a collection holds items of its own library')
  WHERE (SELECT libraryID FROM collections WHERE collectionID = NEW.collectionID) != (SELECT libraryID FROM items WHERE itemID = NEW.itemID);
END;`);
    const out = cli(['seed', '--db', `sqlite:${file}`, '--rows', '120']);
    assert.equal(out.code, 0, out.stderr);
    // Pairs of a collection and an item of one library may run short of 120 distinct ones.
    assert.ok(warnings(out.stderr).every((w) => /^warning: collectionItems: \d row\(s\) left out: no distinct value left/.test(w)), out.stderr);
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, sum(c.libraryID = i.libraryID) AS same, count(DISTINCT c.libraryID) AS libraries
      FROM collectionItems ci JOIN collections c USING (collectionID) JOIN items i USING (itemID)`).get() as { n: number; same: number; libraries: number });
    assert.ok(r.n >= 110, `${r.n} rows`);
    assert.equal(r.same, r.n);
    assert.ok(r.libraries >= 20, `${r.libraries} libraries`);
    valid(`sqlite:${file}`);
  });
});

describe('numbers whose DEFAULT is the current Unix time hold Unix times', () => {
  // Found on calibre's notes database: ctime/mtime REAL DEFAULT (unixepoch('subsec')) got 597.07.
  test('SQLite: unixepoch(\'subsec\') REAL, strftime(\'%s\', \'now\') INTEGER: epoch seconds in the data window', () => {
    const file = join(dir, 'epoch-defaults.db');
    createDb(file, `CREATE TABLE notes (id INTEGER PRIMARY KEY, doc TEXT NOT NULL,
      ctime REAL NOT NULL DEFAULT (unixepoch('subsec')), mtime REAL DEFAULT (unixepoch('subsec')), stamp INTEGER NOT NULL DEFAULT (strftime('%s', 'now')));`);
    seedClean(`sqlite:${file}`, '--rows', '60');
    const r = withDb(file, (db) => db.prepare(`SELECT min(ctime) AS lo, max(ctime) AS hi, min(stamp) AS slo, max(stamp) AS shi, max(mtime) AS mhi FROM notes`).get() as Record<string, number>);
    const y2015 = Date.UTC(2015, 0, 1) / 1000;
    const y2030 = Date.UTC(2030, 0, 1) / 1000;
    for (const v of Object.values(r)) assert.ok(v > y2015 && v < y2030, JSON.stringify(r));
    assert.ok(!Number.isInteger(r.hi), 'REAL epochs keep their fraction');
    valid(`sqlite:${file}`);
  });
});

describe('undo reports what the schema\'s own delete triggers removed as deleted, not kept', () => {
  // Found on the iOS Calendar database (AFTER DELETE triggers that delete other tables' rows):
  // undo said "Kept 49 in CalendarItem: rows added later still reference them" of rows its
  // triggers had deleted.
  test('SQLite: an AFTER DELETE trigger empties another table of the run: all deleted, nothing "kept"', () => {
    const file = join(dir, 'undo-cascade.db');
    createDb(file, `CREATE TABLE z_items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE a_log (id INTEGER PRIMARY KEY, message TEXT NOT NULL);
CREATE TRIGGER z_items_gone AFTER DELETE ON z_items BEGIN DELETE FROM a_log; END;`);
    seedClean(`sqlite:${file}`, '--rows', '20');
    const r = cli(['undo', '--yes', '--db', `sqlite:${file}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout + r.stderr, /Undid run 1: deleted 40 rows from 2 tables\./);
    assert.doesNotMatch(r.stdout + r.stderr, /Kept/);
    assert.deepEqual(counts(file), { a_log: 0, z_items: 0 });
  });
});

describe('a full-text index whose tokenizer only the application registers', () => {
  // Found on calibre's notes database (fts5 … tokenize = 'calibre remove_diacritics 2'): the
  // table was left out as "the database rejected its rows: no such tokenizer: calibre".
  test('SQLite: the warning names the trigger that writes the index; every other table filled; validate is clean', () => {
    const file = join(dir, 'app-tokenizer.db');
    createDb(file, `
CREATE TABLE notes (id INTEGER PRIMARY KEY, doc TEXT NOT NULL, searchable_text TEXT NOT NULL DEFAULT '');
CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE VIRTUAL TABLE notes_fts USING fts5(searchable_text, content = 'notes', content_rowid = 'id', tokenize = 'unicode61');
CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN INSERT INTO notes_fts(rowid, searchable_text) VALUES (NEW.id, NEW.searchable_text); END;`);
    // The application's own tokenizer in the stored schema, as its database file has it (made with
    // the sqlite3 command-line tool: better-sqlite3 refuses writable_schema).
    const r0 = spawnSync('sqlite3', [file], { encoding: 'utf8', input: `PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, '''unicode61''', '''app_tokenizer''') WHERE name = 'notes_fts';` });
    assert.equal(r0.status, 0, `sqlite3 (the command-line tool) must be installed: ${r0.error?.message ?? r0.stderr}`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '20']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), ['warning: notes: cannot fill: trigger "notes_fts_insert" failed: no such tokenizer: app_tokenizer; left out']);
    assert.equal(withDb(file, (db) => (db.prepare('SELECT count(*) AS n FROM tags').get() as { n: number }).n), 20);
    valid(`sqlite:${file}`);
  });
});

describe('tables a unique key bounds by its shape', () => {
  // Found on Hasura's catalogue: hdb_version's UNIQUE INDEX ((version IS NOT NULL)) holds one row;
  // the run warned "49 row(s) left out" and coverage called the table partial (1/50).
  test('SQLite: a one-row index is a cap of 1 (status full); a nullable unique integer 0–10 is each value once, no NULLs', () => {
    const file = join(dir, 'shaped-keys.db');
    createDb(file, `
CREATE TABLE versions (id INTEGER PRIMARY KEY, version TEXT NOT NULL, upgraded_on TEXT NOT NULL);
CREATE UNIQUE INDEX versions_one_row ON versions ((version IS NOT NULL));
CREATE TABLE flags (id INTEGER PRIMARY KEY, name TEXT NOT NULL, on_a TEXT NOT NULL, on_b TEXT NOT NULL);
CREATE UNIQUE INDEX flags_pair ON flags ((on_a < on_b), (name IS NULL));
CREATE TABLE ratings (id INTEGER PRIMARY KEY, rating INTEGER CHECK (rating > -1 AND rating < 11), link TEXT NOT NULL DEFAULT '', UNIQUE (rating));`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '40']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), [
      'warning: flags: capped at 2 rows (asked 40): unique ((on_a < on_b), (name IS NULL)) has at most 2 distinct values',
      'warning: ratings: capped at 11 rows (asked 40): unique (rating) has only 11 distinct combinations',
      'warning: versions: capped at 1 row (asked 40): unique (version IS NOT NULL) has at most 1 distinct value',
    ]);
    assert.deepEqual(counts(file), { flags: 2, ratings: 11, versions: 1 });
    assert.deepEqual(withDb(file, (db) => db.prepare('SELECT count(rating) AS n, min(rating) AS lo, max(rating) AS hi FROM ratings').get()), { n: 11, lo: 0, hi: 10 });
    const s = cli(['status', '--db', `sqlite:${file}`, '--rows', '40']);
    assert.match(s.stdout, /tables with data: 3\/3/);
    assert.doesNotMatch(s.stdout, /not full|partial/);
    valid(`sqlite:${file}`);
  });
});

describe('PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('a composite self-reference whose columns are partly NOT NULL: every row in; validate is clean', async () => {
    await pg.createDatabase('tenant_tree', TENANT_TREE);
    const url = pg.url('tenant_tree');
    seedClean(url, '--rows', '120');
    const [r] = await pg.query<{ n: number; kids: number }>('tenant_tree', `SELECT (SELECT count(*) FROM rooms)::int AS n,
      (SELECT count(*) FROM rooms WHERE parent_id IS NOT NULL)::int AS kids`);
    assert.equal(r.n, 120);
    assert.ok(r.kids >= 40, `${r.kids} rooms with a parent`);
    valid(url);
  });

  test('a one-row unique index on an expression ((version IS NOT NULL)): capped at 1, status full; validate is clean', async () => {
    await pg.createDatabase('one_row', `CREATE SCHEMA catalog;
CREATE TABLE catalog.versions (uuid uuid PRIMARY KEY DEFAULT gen_random_uuid(), version text NOT NULL, upgraded_on timestamptz NOT NULL);
CREATE UNIQUE INDEX versions_one_row ON catalog.versions ((version IS NOT NULL));
CREATE TABLE catalog.events (instance_id uuid NOT NULL, occurred_at timestamptz NOT NULL DEFAULT now());
CREATE UNIQUE INDEX events_one_row ON catalog.events ((occurred_at IS NOT NULL));`);
    const url = pg.url('one_row');
    const r = cli(['seed', '--db', url, '--rows', '30']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(warnings(r.stderr).filter((w) => /left out/.test(w)).length, 0, r.stderr);
    const [n] = await pg.query<{ v: number; e: number }>('one_row', 'SELECT (SELECT count(*) FROM catalog.versions)::int AS v, (SELECT count(*) FROM catalog.events)::int AS e');
    assert.deepEqual(n, { v: 1, e: 1 });
    assert.match(cli(['status', '--db', url, '--rows', '30']).stdout, /tables with data: 2\/2/);
    valid(url);
  });

  test('a PL/pgSQL trigger that requires two parents to agree (IF (SELECT …) <> (SELECT …) THEN RAISE): every row in; validate is clean', async () => {
    await pg.createDatabase('agree', `
CREATE TABLE libraries (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE collections (id serial PRIMARY KEY, name text NOT NULL, library_id int NOT NULL REFERENCES libraries (id));
CREATE TABLE items (id serial PRIMARY KEY, title text NOT NULL, library_id int NOT NULL REFERENCES libraries (id));
CREATE TABLE collection_items (collection_id int NOT NULL REFERENCES collections (id), item_id int NOT NULL REFERENCES items (id), PRIMARY KEY (collection_id, item_id));
CREATE FUNCTION collection_items_one_library() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT library_id FROM collections WHERE id = NEW.collection_id) <> (SELECT library_id FROM items WHERE id = NEW.item_id) THEN
    RAISE EXCEPTION 'a collection holds items of its own library';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER collection_items_one_library BEFORE INSERT ON collection_items FOR EACH ROW EXECUTE FUNCTION collection_items_one_library();`);
    const url = pg.url('agree');
    const out = cli(['seed', '--db', url, '--rows', '100']);
    assert.equal(out.code, 0, out.stderr);
    assert.ok(warnings(out.stderr).every((w) => /left out: no distinct value left/.test(w)), out.stderr);
    const [r] = await pg.query<{ n: number; same: number }>('agree', `SELECT count(*)::int AS n, count(*) FILTER (WHERE c.library_id = i.library_id)::int AS same
      FROM collection_items ci JOIN collections c ON c.id = ci.collection_id JOIN items i ON i.id = ci.item_id`);
    assert.ok(r.n >= 90, `${r.n} rows`);
    assert.equal(r.same, r.n);
    valid(url);
  });

  test('composite foreign keys that share a tenant or bridge column: every table filled; validate is clean', async () => {
    await pg.createDatabase('tenant_fks', TENANT_FKS.replaceAll('INTEGER PRIMARY KEY', 'serial PRIMARY KEY'));
    await pg.createDatabase('bridge_fks', BRIDGE_FKS);
    await pg.createDatabase('tenant_tree_owned', TENANT_TREE_OWNED.replace('INTEGER PRIMARY KEY', 'serial PRIMARY KEY'));
    const last = { tenant_fks: 'clicks', bridge_fks: 'reactions', tenant_tree_owned: 'folders' };
    for (const db of ['tenant_fks', 'bridge_fks', 'tenant_tree_owned'] as const) {
      seedClean(pg.url(db), '--rows', '80');
      const rows = await pg.query<{ n: number }>(db, `SELECT count(*)::int AS n FROM ${last[db]}`);
      assert.equal(rows[0].n, 80);
      valid(pg.url(db));
    }
  });
});
