import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, seedClean, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// Defects a second round of acceptance trials on real schemas found (Zotero, OpenStreetMap, …),
// each as a small schema of the project's own.

const dir = tempDir();
after(() => cleanup(dir));

describe('a trigger that keeps a tree inside one group: a child row copies its parent row\'s column', () => {
  // Found on Zotero: collections(parentCollectionID → collections, libraryID) with a BEFORE INSERT
  // trigger rejecting a collection whose library differs from its parent collection's.
  test('SQLite: every folder is in its parent\'s space; seed is clean; validate is clean', () => {
    const file = join(dir, 'tree-group.db');
    createDb(file, `
CREATE TABLE spaces (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE folders (id INTEGER PRIMARY KEY, name TEXT NOT NULL, parent_id INT REFERENCES folders (id), space_id INT NOT NULL REFERENCES spaces (id));
CREATE TRIGGER folders_same_space BEFORE INSERT ON folders FOR EACH ROW BEGIN
  SELECT RAISE(ABORT, 'a folder is in its parent''s space')
  WHERE NEW.parent_id IS NOT NULL AND NEW.space_id != (SELECT space_id FROM folders WHERE id = NEW.parent_id);
END;`);
    seedClean(`sqlite:${file}`, '--rows', '200');
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, sum(f.space_id = p.space_id) AS same, count(DISTINCT f.space_id) AS spaces
      FROM folders f JOIN folders p ON p.id = f.parent_id`).get() as { n: number; same: number; spaces: number });
    assert.ok(r.n >= 100, `${r.n} folders have a parent`);
    assert.equal(r.same, r.n);
    assert.ok(r.spaces > 10, `children in ${r.spaces} spaces`);
    valid(`sqlite:${file}`);
  });
});

describe('column comments that list quoted values, or values after "Expected:"', () => {
  // Found on n8n: 'ChatHubMessageType enum: "human", "ai", "system", "tool", "generic"' gave
  // 'premium'; 'Type of dependency: "credential", "nodeType", …' gave 'B.Ed. in Primary Education'.
  test('the listed values, and only those', () => {
    const file = join(dir, 'comment-lists.db');
    createDb(file, `
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL, -- MessageType enum: "human", "ai", "system", or "tool"
  state TEXT NOT NULL, -- Status enum, eg. 'success', 'error', 'running'
  dep TEXT NOT NULL, -- Type of dependency: "credential", "nodeType" | "webhookPath"
  shape TEXT NOT NULL, -- Expected: string, number, boolean, or date (not enforced as a constraint)
  model TEXT -- Model name used at the node, ie. "gpt-4"
);`);
    seedClean(`sqlite:${file}`, '--rows', '200');
    const distinct = (c: string) => withDb(file, (db) => (db.prepare(`SELECT DISTINCT ${c} AS v FROM messages ORDER BY 1`).all() as { v: string }[]).map((r) => r.v));
    assert.deepEqual(distinct('kind'), ['ai', 'human', 'system', 'tool']);
    assert.deepEqual(distinct('state'), ['error', 'running', 'success']);
    assert.deepEqual(distinct('dep'), ['credential', 'nodeType', 'webhookPath']);
    assert.deepEqual(distinct('shape'), ['boolean', 'date', 'number', 'string']);
    // One quoted example is not a list.
    assert.ok(distinct('model').length > 4);
    valid(`sqlite:${file}`);
  });
});

describe('implied references: a table\'s own key names another table only exactly', () => {
  // Found on Umami (no FOREIGN KEYs at all): event_data.event_id, event_data's own key, was taken
  // for a reference to website_event (whose key is event_id too).
  test('event_data.event_id stays its own; user_profiles.user_id still points at users', () => {
    const file = join(dir, 'own-key.db');
    createDb(file, `
CREATE TABLE users (id UUID PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE user_profiles (user_id UUID PRIMARY KEY, bio TEXT);
CREATE TABLE website_event (event_id UUID PRIMARY KEY, url_path TEXT NOT NULL);
CREATE TABLE event_data (event_id UUID PRIMARY KEY, website_event_id UUID NOT NULL, data_key TEXT NOT NULL);`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '40']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /user_profiles\.user_id → users/);
    assert.doesNotMatch(r.stderr, /event_data\.event_id → /);
    const n = withDb(file, (db) => db.prepare(`SELECT (SELECT count(*) FROM event_data WHERE event_id IN (SELECT event_id FROM website_event)) AS shared,
      (SELECT count(*) FROM event_data WHERE website_event_id IN (SELECT event_id FROM website_event)) AS linked,
      (SELECT count(*) FROM user_profiles WHERE user_id IN (SELECT id FROM users)) AS profiles`).get());
    assert.deepEqual(n, { shared: 0, linked: 40, profiles: 40 });
  });
});

describe('implied references by *_guid / *_uuid columns', () => {
  // Found on GnuCash's SQLite book: no FOREIGN KEYs, rows keyed by guid, splits.account_guid and
  // lots.account_guid random hex that matched no account.
  test('splits.account_guid → accounts.guid, prices.commodityUuid → commodities.uuid', () => {
    const file = join(dir, 'guids.db');
    createDb(file, `
CREATE TABLE accounts (guid TEXT(32) PRIMARY KEY NOT NULL, name TEXT NOT NULL);
CREATE TABLE commodities (uuid TEXT PRIMARY KEY NOT NULL, mnemonic TEXT NOT NULL);
CREATE TABLE splits (guid TEXT(32) PRIMARY KEY NOT NULL, account_guid TEXT(32) NOT NULL, memo TEXT);
CREATE TABLE prices (id INTEGER PRIMARY KEY, commodityUuid TEXT NOT NULL, value REAL);`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '50']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /prices\.commodityUuid → commodities, splits\.account_guid → accounts/);
    const n = withDb(file, (db) => db.prepare(`SELECT (SELECT count(*) FROM splits WHERE account_guid IN (SELECT guid FROM accounts)) AS splits,
      (SELECT count(*) FROM prices WHERE commodityUuid IN (SELECT uuid FROM commodities)) AS prices`).get());
    assert.deepEqual(n, { splits: 50, prices: 50 });
  });
});

describe('epoch timestamps: *_ts REAL, mtime INTEGER', () => {
  // Found on Home Assistant's recorder: states.last_updated_ts FLOAT got 618.23 (1970).
  test('epoch seconds inside the data window; a REAL duration stays a duration', () => {
    const file = join(dir, 'epoch-float.db');
    createDb(file, `
CREATE TABLE states (state_id INTEGER PRIMARY KEY, last_updated_ts FLOAT, created_ts DOUBLE NOT NULL, response_time REAL, mtime INTEGER NOT NULL);`);
    seedClean(`sqlite:${file}`, '--rows', '100');
    // Roundcube's filestore.mtime INTEGER got 36: Unix file times (mtime, ctime, atime) are epochs too.
    const r = withDb(file, (db) => db.prepare(`SELECT min(min(coalesce(last_updated_ts, created_ts)), min(mtime)) AS lo, max(max(created_ts), max(mtime)) AS hi, max(response_time) AS rt FROM states`).get() as { lo: number; hi: number; rt: number });
    // 2021-01-01 .. 2027-01-01
    assert.ok(r.lo >= 1_609_459_200 && r.hi < 1_798_761_600, JSON.stringify(r));
    assert.ok(r.rt < 1_000_000, JSON.stringify(r));
    valid(`sqlite:${file}`);
  });
});

describe('normalised copies of a sibling column; run-together epoch names', () => {
  // Found on phpBB: username_clean got Latin words beside username; user_regdate, user_lastvisit
  // and filetime INTEGER (Unix times) got 292. Gitea's lower_name, Danbooru's normalized_address alike.
  test('username_clean = lower(username), lower_name = lower(name); regdate, lastvisit, filetime are epochs', () => {
    const file = join(dir, 'normalized.db');
    createDb(file, `
CREATE TABLE members (id INTEGER PRIMARY KEY, username TEXT NOT NULL, username_clean TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  lower_name TEXT NOT NULL, email TEXT, normalized_email TEXT, user_regdate INTEGER NOT NULL, user_lastvisit INTEGER NOT NULL,
  filetime INTEGER NOT NULL, runtime INTEGER NOT NULL);`);
    seedClean(`sqlite:${file}`, '--rows', '150');
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, sum(username_clean = lower(username)) AS clean, sum(lower_name = lower(name)) AS lower,
      sum(normalized_email IS lower(email)) AS emails, min(min(user_regdate), min(user_lastvisit), min(filetime)) AS lo, max(runtime) AS rt FROM members`).get() as Record<string, number>);
    assert.equal(r.clean, r.n);
    assert.equal(r.lower, r.n);
    assert.equal(r.emails, r.n);
    assert.ok(r.lo >= 1_609_459_200, JSON.stringify(r));
    assert.ok(r.rt < 1_000_000_000, JSON.stringify(r));
    valid(`sqlite:${file}`);
  });
});

describe('a slug is made from its row\'s title or name', () => {
  // Found on NetBox: extras_tag name 'Arts' with slug 'simple-creative-writing'.
  test('slug = slugify(title) (unique, titles repeat); category_slug from category_name', () => {
    const file = join(dir, 'slugs.db');
    createDb(file, `
CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, slug TEXT NOT NULL UNIQUE, category_name TEXT, category_slug TEXT);`);
    seedClean(`sqlite:${file}`, '--rows', '400');
    const rows = withDb(file, (db) => db.prepare(`SELECT title, slug, category_name, category_slug FROM posts`).all() as Record<string, string | null>[]);
    assert.equal(rows.length, 400);
    const slugify = (v: string) => v.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    const derived = rows.filter((r) => r.slug!.startsWith(slugify(r.title!))).length;
    assert.ok(derived === 400, `${derived} of 400 slugs follow their title`);
    assert.ok(rows.every((r) => r.category_name === null ? r.category_slug === null : r.category_slug === slugify(r.category_name)), JSON.stringify(rows.slice(0, 3)));
    valid(`sqlite:${file}`);
  });
});

describe('text columns whose CHECK says they hold JSON or a time', () => {
  // Probing the CHECKs modern SQLite apps write (JSON kept as text): json_valid(data) gave lorem
  // text and the table was left out ("No row satisfies CHECK (json_valid(data))"), as did
  // datetime(at) IS NOT NULL and substr(ref, 1, 4) = 'INV-'.
  test('SQLite: json_valid, json_type, json_array_length, datetime()/date() IS NOT NULL, substr prefix', () => {
    const file = join(dir, 'check-shapes.db');
    createDb(file, `
CREATE TABLE docs (id INTEGER PRIMARY KEY,
  data TEXT NOT NULL CHECK (json_valid(data)),
  meta TEXT CHECK (json_type(meta) = 'object'),
  tags TEXT NOT NULL CHECK (json_valid(tags) = 1 AND json_array_length(tags) >= 2),
  at TEXT NOT NULL CHECK (datetime(at) IS NOT NULL),
  born TEXT CHECK (date(born) IS NOT NULL),
  ref TEXT NOT NULL CHECK (substr(ref, 1, 4) = 'INV-')) STRICT;`);
    seedClean(`sqlite:${file}`, '--rows', '80');
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, sum(json_valid(data)) AS data, sum(json_type(meta) = 'object') AS meta, count(meta) AS metas,
      sum(json_array_length(tags) >= 2) AS tags, sum(datetime(at) IS NOT NULL) AS at, sum(date(born) = born) AS born, count(born) AS borns,
      sum(ref LIKE 'INV-%') AS ref FROM docs`).get() as Record<string, number>);
    assert.equal(r.n, 80);
    assert.deepEqual([r.data, r.meta, r.tags, r.at, r.born, r.ref], [80, r.metas, 80, 80, r.borns, 80]);
    valid(`sqlite:${file}`);
  });
});

describe('JSON defaults read by generated columns; a length beside a GLOB; NOT GLOB \'*[^…]*\'', () => {
  // Probing common SQLite forms: data TEXT DEFAULT '{}' read by a json_extract() generated column
  // ("malformed JSON"), a ULID CHECK (length(id) = 26 AND id GLOB '[0-9A-HJKMNP-TV-Z]*') whose
  // pattern samples ignored the length, hex digits written NOT hex GLOB '*[^0-9a-f]*'.
  test('every table filled; the values keep their CHECKs; validate is clean', () => {
    const file = join(dir, 'sqlite-idioms.db');
    createDb(file, `
CREATE TABLE a (id INTEGER PRIMARY KEY, data TEXT NOT NULL DEFAULT '{}', title TEXT GENERATED ALWAYS AS (json_extract(data, '$.title')) VIRTUAL,
  tags TEXT NOT NULL DEFAULT '[]',
  ulid TEXT NOT NULL UNIQUE CHECK (length(ulid) = 26 AND ulid GLOB '[0-9A-HJKMNP-TV-Z]*'),
  hash TEXT NOT NULL CHECK (length(hash) = 64 AND NOT hash GLOB '*[^0-9a-f]*'),
  pin TEXT NOT NULL CHECK (pin NOT GLOB '*[^0-9]*' AND length(pin) BETWEEN 4 AND 6));
CREATE INDEX a_tags ON a (json_array_length(tags));`);
    seedClean(`sqlite:${file}`, '--rows', '120');
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, sum(json_type(data) = 'object') AS data, sum(json_type(tags) = 'array') AS tags,
      sum(length(ulid) = 26) AS ulid, sum(length(hash) = 64 AND NOT hash GLOB '*[^0-9a-f]*') AS hash, sum(length(pin) BETWEEN 4 AND 6) AS pin FROM a`).get());
    assert.deepEqual(r, { n: 120, data: 120, tags: 120, ulid: 120, hash: 120, pin: 120 });
    valid(`sqlite:${file}`);
  });
});

describe('bounds of one quantity in a row are in order', () => {
  // Found on OpenStreetMap: changesets.min_lon 121 with max_lon -4 (no CHECK says min <= max).
  test('min_x <= max_x, price_min <= price_max, age_from <= age_to', () => {
    const file = join(dir, 'bounds.db');
    createDb(file, `
CREATE TABLE boxes (id INTEGER PRIMARY KEY, min_lat INTEGER, max_lat INTEGER, min_lon REAL NOT NULL, max_lon REAL NOT NULL,
  price_min NUMERIC(8,2) NOT NULL, price_max NUMERIC(8,2) NOT NULL, age_from INTEGER NOT NULL, age_to INTEGER NOT NULL);`);
    seedClean(`sqlite:${file}`, '--rows', '150');
    const bad = withDb(file, (db) => db.prepare(`SELECT count(*) AS n FROM boxes WHERE min_lat > max_lat OR min_lon > max_lon OR price_min > price_max OR age_from > age_to`).get());
    assert.deepEqual(bad, { n: 0 });
    valid(`sqlite:${file}`);
  });
});

describe('a CHECK on a foreign-key column narrows the parents it takes', () => {
  // Found while fixing Zotero's itemData: a single-column CHECK part on an FK column became a
  // value hint, which an FK never reads: "CHECK constraint failed: q_id > 5", the table left out.
  test('p_id NOT IN (1, 2, 3), q_id > 5: every row passes; validate is clean', () => {
    const file = join(dir, 'fk-checks.db');
    createDb(file, `
CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INT NOT NULL REFERENCES p (id) CHECK (p_id NOT IN (1, 2, 3)), q_id INT REFERENCES p (id) CHECK (q_id > 5));`);
    seedClean(`sqlite:${file}`, '--rows', '60');
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, min(p_id) AS p, min(q_id) AS q, count(q_id) AS qs FROM c`).get() as Record<string, number>);
    assert.equal(r.n, 60);
    assert.ok(r.p >= 4 && r.q > 5 && r.qs > 20, JSON.stringify(r));
    valid(`sqlite:${file}`);
  });
});

describe('a rejecting trigger that fires only WHEN a condition on the new row holds: rows keep clear of it', () => {
  // Found on Zotero: BEFORE INSERT ON itemData WHEN NEW.fieldID IN (14, 27, …) rejects values that
  // do not begin with a date; the whole table was left out.
  const SCHEMA = `
CREATE TABLE fields (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE item_values (id INTEGER PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE item_data (id INTEGER PRIMARY KEY, field_id INT NOT NULL REFERENCES fields (id), value_id INT NOT NULL REFERENCES item_values (id),
  kind TEXT NOT NULL CHECK (kind IN ('plain', 'date', 'rich')));
CREATE TRIGGER item_data_dates BEFORE INSERT ON item_data FOR EACH ROW WHEN NEW.field_id IN (2, 3, 5, 7)
BEGIN
  SELECT CASE WHEN (SELECT value FROM item_values WHERE id = NEW.value_id) GLOB '[0-9][0-9][0-9][0-9]-*' THEN 1
    ELSE RAISE(ABORT, 'Date field must begin with SQL date') END;
END;
CREATE TRIGGER item_data_no_rich BEFORE INSERT ON item_data FOR EACH ROW WHEN NEW.kind = 'rich' AND NEW.value_id > 0
BEGIN SELECT RAISE(ABORT, 'rich values are not accepted'); END;`;
  test('SQLite: every table filled; no row fires the triggers; validate is clean', () => {
    const file = join(dir, 'when-triggers.db');
    createDb(file, SCHEMA);
    seedClean(`sqlite:${file}`, '--rows', '80');
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, sum(field_id IN (2, 3, 5, 7)) AS dated, sum(kind = 'rich') AS rich, count(DISTINCT kind) AS kinds FROM item_data`).get());
    assert.deepEqual(r, { n: 80, dated: 0, rich: 0, kinds: 2 });
    valid(`sqlite:${file}`);
  });
});

describe('two partial unique keys over the same column: a refill for one keeps the other unique', () => {
  // Found on n8n at 2,000 rows: variables (key) WHERE project IS NULL and (project, key) WHERE
  // project IS NOT NULL; refilling a row's project for the second moved it into the first beside
  // a `key` already there: "duplicate key value violates unique index", the table left out.
  test('SQLite, 1,500 rows: every row in; validate is clean', () => {
    const file = join(dir, 'partial-pair.db');
    createDb(file, `
CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE variables (id TEXT PRIMARY KEY, key VARCHAR(50) NOT NULL, value VARCHAR(255), project_id TEXT REFERENCES projects (id));
CREATE UNIQUE INDEX variables_global_key ON variables (key) WHERE project_id IS NULL;
CREATE UNIQUE INDEX variables_project_key ON variables (project_id, key) WHERE project_id IS NOT NULL;`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '1500']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /variables: cannot fill/);
    const n = withDb(file, (db) => db.prepare(`SELECT count(*) AS n FROM variables`).get() as { n: number });
    assert.ok(n.n > 1000, `${n.n} variables`);
    valid(`sqlite:${file}`);
  });
});

describe('a language column whose default is a locale code holds locale codes', () => {
  // Found on Miniflux: users.language text DEFAULT 'en_US' got 'Russian'.
  test("DEFAULT 'en_US': codes written with _; no default: language names", () => {
    const file = join(dir, 'locale-default.db');
    createDb(file, `CREATE TABLE users (id INTEGER PRIMARY KEY, language TEXT DEFAULT 'en_US', spoken_language TEXT);`);
    seedClean(`sqlite:${file}`, '--rows', '60');
    const langs = withDb(file, (db) => (db.prepare(`SELECT DISTINCT language AS l FROM users WHERE language IS NOT NULL`).all() as { l: string }[]).map((r) => r.l));
    assert.ok(langs.length > 3 && langs.every((l) => /^[a-z]{2}(_[A-Z]{2})?$/.test(l)), langs.join(' '));
    const spoken = withDb(file, (db) => db.prepare(`SELECT count(*) AS n FROM users WHERE spoken_language GLOB '[A-Z][a-z]*'`).get() as { n: number });
    assert.ok(spoken.n > 30);
  });
});

describe('PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('a PL/pgSQL trigger that keeps a tree inside one group: a child row copies its parent row\'s column', async () => {
    await pg.createDatabase('tree_group', `
CREATE TABLE spaces (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE folders (id serial PRIMARY KEY, name text NOT NULL, parent_id int REFERENCES folders (id), space_id int NOT NULL REFERENCES spaces (id));
CREATE FUNCTION folders_same_space() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.parent_id IS NOT NULL AND NEW.space_id IS DISTINCT FROM (SELECT space_id FROM folders WHERE id = NEW.parent_id) THEN
    RAISE EXCEPTION 'a folder is in its parent''s space';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER folders_same_space BEFORE INSERT ON folders FOR EACH ROW EXECUTE FUNCTION folders_same_space();`);
    const url = pg.url('tree_group');
    seedClean(url, '--rows', '150');
    const [r] = await pg.query<{ n: number; same: number }>('tree_group', `SELECT count(*)::int AS n, count(*) FILTER (WHERE f.space_id = p.space_id)::int AS same
      FROM folders f JOIN folders p ON p.id = f.parent_id`);
    assert.ok(r.n >= 50, `${r.n} folders have a parent`);
    assert.equal(r.same, r.n);
    valid(url);
  });

  test('NOT NULL columns of contrib extension types (hstore, ltree, cube, seg, isn) and multiranges get valid values', async () => {
    // Found probing the types real schemas use (Lemmy's ltree, hstore in Rails apps): "syntax error
    // in hstore", "malformed multirange literal": the table was left out.
    await pg.createDatabase('ext_types', `
CREATE EXTENSION hstore; CREATE EXTENSION ltree; CREATE EXTENSION cube; CREATE EXTENSION seg; CREATE EXTENSION isn;
CREATE TABLE things (id serial PRIMARY KEY, attrs hstore NOT NULL, path ltree NOT NULL, q lquery NOT NULL, pos cube NOT NULL,
  span seg NOT NULL, isbn isbn13 NOT NULL, issn issn NOT NULL, upc upc NOT NULL, ean ean13 NOT NULL,
  slots int4multirange NOT NULL, days datemultirange NOT NULL, lsn pg_lsn NOT NULL, blob oid NOT NULL, jp jsonpath NOT NULL);`);
    const url = pg.url('ext_types');
    seedClean(url, '--rows', '50');
    const [r] = await pg.query<{ n: number; keys: number; depth: number }>('ext_types', `SELECT count(*)::int AS n,
      min(array_length(akeys(attrs), 1))::int AS keys, max(nlevel(path))::int AS depth FROM things`);
    assert.deepEqual(r, { n: 50, keys: 1, depth: 4 });
    valid(url);
  });

  test('a PL/pgSQL trigger WHEN (NEW.kind = …) that rejects: rows keep clear of it; validate leaves its condition out', async () => {
    await pg.createDatabase('when_trigger', `
CREATE TABLE notes (id serial PRIMARY KEY, kind text NOT NULL CHECK (kind IN ('memo', 'draft', 'locked')), body text NOT NULL);
CREATE FUNCTION reject_locked() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'locked notes are read-only'; END $$;
CREATE TRIGGER notes_locked BEFORE INSERT ON notes FOR EACH ROW WHEN (NEW.kind = 'locked') EXECUTE FUNCTION reject_locked();
INSERT INTO notes (kind, body) SELECT 'memo', 'old ' || i FROM generate_series(1, 3) i;
ALTER TABLE notes DISABLE TRIGGER notes_locked; INSERT INTO notes (kind, body) VALUES ('locked', 'kept from before'); ALTER TABLE notes ENABLE TRIGGER notes_locked;`);
    const url = pg.url('when_trigger');
    seedClean(url, '--rows', '40');
    const [r] = await pg.query<{ n: number; locked: number }>('when_trigger', `SELECT count(*)::int AS n, count(*) FILTER (WHERE kind = 'locked')::int AS locked FROM notes`);
    assert.deepEqual(r, { n: 44, locked: 1 });
    // The row from before the run is the trigger's business, not a violation.
    valid(url);
  });

  test('a BEFORE INSERT trigger that assigns the key: the run keeps its keys, children point at them, undo removes every row', async () => {
    // Found on a storage service's schema: buckets' trigger sets new.id := 'bucket_' || …; the
    // objects written with the run's keys were refused, and undo left the buckets behind
    // ("already deleted"): it deletes by the keys it recorded.
    await pg.createDatabase('key_trigger', `
CREATE TABLE buckets (id text PRIMARY KEY CHECK (trim(id) <> ''), version int NOT NULL DEFAULT 0, name text NOT NULL UNIQUE, created_at timestamptz NOT NULL DEFAULT now());
CREATE FUNCTION on_bucket_create() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  new.id = 'bucket' || '_' || md5(random()::text);
  NEW.version := 0;
  RETURN new;
END $$;
CREATE TRIGGER bucket_on_create BEFORE INSERT ON buckets FOR EACH ROW EXECUTE FUNCTION on_bucket_create();
CREATE TABLE objects (id serial PRIMARY KEY, bucket_id text NOT NULL REFERENCES buckets (id), name text NOT NULL);`);
    const url = pg.url('key_trigger');
    seedClean(url, '--rows', '30');
    const [r] = await pg.query<{ b: number; o: number; linked: number; versions: number; triggers: number }>('key_trigger', `SELECT
      (SELECT count(*)::int FROM buckets) AS b, (SELECT count(*)::int FROM objects) AS o,
      (SELECT count(*)::int FROM objects WHERE bucket_id IN (SELECT id FROM buckets)) AS linked,
      (SELECT count(DISTINCT version)::int FROM buckets) AS versions,
      (SELECT count(*)::int FROM pg_trigger WHERE NOT tgisinternal) AS triggers`);
    // The trigger's other work (version 0) stands; only the key is the run's; nothing of the run's own remains.
    assert.deepEqual(r, { b: 30, o: 30, linked: 30, versions: 1, triggers: 1 });
    valid(url);
    assert.equal(cli(['undo', '--yes', '--db', url]).code, 0);
    const [after] = await pg.query<{ n: number }>('key_trigger', `SELECT (SELECT count(*) FROM buckets) + (SELECT count(*) FROM objects) AS n`);
    assert.equal(Number(after.n), 0);
    // An exported script keeps them the same way when it is loaded.
    const out = join(dir, 'key-trigger-out');
    const e = cli(['seed', '--db', url, '--rows', '12', '--out', out]);
    assert.equal(e.code, 0, e.stderr);
    await pg.query('key_trigger', readFileSync(join(out, 'seed.sql'), 'utf8'));
    const [loaded] = await pg.query<{ o: number; linked: number; triggers: number }>('key_trigger', `SELECT (SELECT count(*)::int FROM objects) AS o,
      (SELECT count(*)::int FROM objects WHERE bucket_id IN (SELECT id FROM buckets)) AS linked, (SELECT count(*)::int FROM pg_trigger WHERE NOT tgisinternal) AS triggers`);
    assert.deepEqual(loaded, { o: 12, linked: 12, triggers: 1 });
  });

  test('JSON and time CHECKs on jsonb/text columns: jsonb_typeof, jsonb_array_length, ::jsonb / ::timestamptz IS NOT NULL, IS JSON [OBJECT | ARRAY]', async () => {
    await pg.createDatabase('check_shapes', `
CREATE TABLE docs (id serial PRIMARY KEY, data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  tags jsonb NOT NULL CHECK (jsonb_typeof(tags) = 'array' AND jsonb_array_length(tags) > 0),
  raw text NOT NULL CHECK (raw::jsonb IS NOT NULL), at text NOT NULL CHECK (at::timestamptz IS NOT NULL),
  body text CHECK (body IS JSON), obj text NOT NULL CHECK (obj IS JSON OBJECT), arr text CHECK (arr IS JSON ARRAY WITH UNIQUE KEYS));`);
    const url = pg.url('check_shapes');
    seedClean(url, '--rows', '40');
    const [r] = await pg.query<{ n: number }>('check_shapes', `SELECT count(*)::int AS n FROM docs`);
    assert.equal(r.n, 40);
    valid(url);
  });

  test("timestamps on a whole unit: date_trunc('day', at) = at, date_trunc('hour', starts_at) = starts_at", async () => {
    // The engine cannot evaluate date_trunc; the database refused every candidate row ("No row of t passes CHECK").
    await pg.createDatabase('whole_units', `
CREATE TABLE slots (id serial PRIMARY KEY, day timestamptz NOT NULL CHECK (date_trunc('day', day) = day),
  starts_at timestamp NOT NULL CHECK (date_trunc('hour', starts_at) = starts_at), note text);`);
    const url = pg.url('whole_units');
    seedClean(url, '--rows', '60');
    const [r] = await pg.query<{ n: number; hours: number }>('whole_units', `SELECT count(*)::int AS n, count(DISTINCT extract(hour FROM starts_at))::int AS hours FROM slots`);
    assert.equal(r.n, 60);
    assert.ok(r.hours > 5, `${r.hours} distinct hours`);
    valid(url);
  });

  test('a text key referenced by a narrower column is made to fit it', async () => {
    // Found on n8n: insights_metadata."workflowId" varchar(16) → workflow_entity.id varchar(36):
    // "value too long for type character varying(16)", and the table and its children left out.
    await pg.createDatabase('key_widths', `
CREATE TABLE workflows (id varchar(36) PRIMARY KEY, name varchar(128) NOT NULL);
CREATE TABLE insights (id serial PRIMARY KEY, workflow_id varchar(16) UNIQUE REFERENCES workflows (id) ON DELETE SET NULL, label text NOT NULL);
CREATE TABLE points (id serial PRIMARY KEY, insight_id int NOT NULL REFERENCES insights (id), value int NOT NULL);`);
    const url = pg.url('key_widths');
    seedClean(url, '--rows', '60');
    const [r] = await pg.query<{ n: number; longest: number; linked: number }>('key_widths', `SELECT (SELECT count(*)::int FROM points) AS n,
      (SELECT max(length(id))::int FROM workflows) AS longest, (SELECT count(workflow_id)::int FROM insights) AS linked`);
    assert.equal(r.n, 60);
    assert.ok(r.longest <= 16 && r.longest >= 8, `keys of ${r.longest} characters`);
    assert.ok(r.linked > 30, `${r.linked} insights name a workflow`);
    valid(url);
  });
});
