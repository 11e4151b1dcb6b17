import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, fileHash, seedClean, tempDir, valid, warnings } from './support/sqlite.ts';

// Defects an acceptance trial on real schemas found: a foreign key to a table that does not exist
// (SQLite; the app's other tables live in another file), a PostgreSQL table of no columns
// (PostgREST's fixtures), one warning line per keyless PostgreSQL table (99 on a real schema).

const dir = tempDir();
after(() => cleanup(dir));

describe('a foreign key to a table that does not exist (SQLite)', () => {
  const SCHEMA = `
CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE b (id INTEGER PRIMARY KEY, t INT NOT NULL REFERENCES missing(id));
CREATE TABLE c (id INTEGER PRIMARY KEY, t INT REFERENCES missing(id));
CREATE TABLE d (id INTEGER PRIMARY KEY, b_id INT NOT NULL REFERENCES b(id), a_id INT REFERENCES a(id));
`;
  const fresh = (name: string) => { const f = join(dir, `${name}.db`); createDb(f, SCHEMA); return f; };

  test('plan names the tables left out and why; nothing is written', () => {
    const file = fresh('plan');
    const before = fileHash(file);
    const r = cli(['plan', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^ {2}a: 10 rows$/m);
    assert.match(r.stdout, /^ {2}b: cannot fill: references missing, which does not exist$/m);
    // SQLite refuses any row of a table whose key names a missing table, even with a NULL in it.
    assert.match(r.stdout, /^ {2}c: cannot fill: references missing, which does not exist$/m);
    assert.match(r.stdout, /^ {2}d: cannot fill: its required parent b \(b_id NOT NULL\) cannot be filled$/m);
    assert.equal(fileHash(file), before);
  });

  test('seed fills every other table, warns, exits 0; validate is clean; undo removes the rows', () => {
    const file = fresh('seed');
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), [
      'warning: b: cannot fill: references missing, which does not exist; left out',
      'warning: c: cannot fill: references missing, which does not exist; left out',
      'warning: d: cannot fill: its required parent b (b_id NOT NULL) cannot be filled; left out',
    ]);
    assert.deepEqual(counts(file), { a: 10, b: 0, c: 0, d: 0 });
    valid(`sqlite:${file}`);
    const u = cli(['undo', '--yes', '--db', `sqlite:${file}`]);
    assert.equal(u.code, 0, u.stderr);
    assert.deepEqual(counts(file), { a: 0, b: 0, c: 0, d: 0 });
  });

  test('--strict fails naming the table; the file is as it was', () => {
    const file = fresh('strict');
    const before = fileHash(file);
    const r = cli(['seed', '--strict', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Cannot fill 3 tables b \(references missing, which does not exist\); c \(references missing, which does not exist\); d \(/);
    assert.equal(fileHash(file), before);
  });
});

describe('--tables pulls in the parents of a table whose primary key is its foreign key (SQLite TEXT keys are nullable)', () => {
  // Found on Matrix Synapse: partial_state_rooms (room_id TEXT PRIMARY KEY REFERENCES rooms) under
  // partial_state_events; SQLite reports a TEXT primary key as nullable, so rooms was not added.
  test('seed --tables c fills a, b and c; validate is clean', () => {
    const file = join(dir, 'pk-fk.db');
    createDb(file, `
CREATE TABLE a (id TEXT PRIMARY KEY, label TEXT);
CREATE TABLE b (id TEXT PRIMARY KEY, note TEXT, FOREIGN KEY (id) REFERENCES a (id));
CREATE TABLE c (id INTEGER PRIMARY KEY, b_id TEXT NOT NULL REFERENCES b (id));
CREATE TABLE other (id INTEGER PRIMARY KEY);`);
    seedClean(`sqlite:${file}`, '--tables', 'c', '--rows', '5');
    assert.deepEqual(counts(file), { a: 5, b: 5, c: 5, other: 0 });
    valid(`sqlite:${file}`);
  });
});

describe('a second seed into a SQLite table keyed by uuid text adds rows', () => {
  test('same seed twice: 60 rows each, validate clean', () => {
    const file = join(dir, 'uuid-topup.db');
    createDb(file, `
CREATE TABLE devices (id UUID PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE pings (id UUID PRIMARY KEY, device_id UUID NOT NULL REFERENCES devices (id), at TEXT NOT NULL);`);
    for (let run = 1; run <= 2; run++) {
      seedClean(`sqlite:${file}`, '--rows', '30');
    }
    assert.deepEqual(counts(file), { devices: 60, pings: 60 });
    valid(`sqlite:${file}`);
  });
});

describe('PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });
  const count = async (db: string, t: string) => Number((await pg.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${t}`))[0].n);

  for (const rows of [10, 12000]) {
    // 12,000 rows a table (24,000 in all): a large run (constraints checked per table), written as
    // encoded COPY text; generated on the engine's thread beside the server (a worker only from 500,000 rows).
    test(`--rows ${rows}: a table of no columns gets its rows; validate is clean; clear empties it`, async () => {
      const db = `no_columns_${rows}`;
      await pg.createDatabase(db, 'CREATE TABLE marker (); CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL);');
      const r = cli(['seed', '--db', pg.url(db), '--rows', String(rows), '--json']);
      assert.equal(r.code, 0, r.stderr);
      const json = JSON.parse(r.stdout);
      assert.equal(json.perTable.marker, rows);
      assert.equal(json.worker, false);
      assert.equal(await count(db, 'marker'), rows);
      assert.equal(await count(db, 'items'), rows);
      valid(pg.url(db));
      const c = cli(['clear', '--yes', '--db', pg.url(db), '--tables', 'marker']);
      assert.equal(c.code, 0, c.stderr);
      assert.equal(await count(db, 'marker'), 0);
    });
  }

  test('a second seed into tables with uuid primary keys adds rows (same seed: the first keys are taken)', async () => {
    // Found on a Supabase app: "Cannot make 1 distinct primary keys for profiles" on the second run.
    await pg.createDatabase('uuid_topup', `
CREATE TABLE profiles (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), display_name text);
CREATE TABLE bookings (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), booked_by uuid NOT NULL REFERENCES profiles (id), notes text);`);
    const url = pg.url('uuid_topup');
    for (let run = 1; run <= 2; run++) {
      seedClean(url, '--rows', '30');
    }
    assert.equal(await count('uuid_topup', 'profiles'), 60);
    assert.equal(await count('uuid_topup', 'bookings'), 60);
    valid(url);
    assert.equal(cli(['undo', '--yes', '--db', url]).code, 0);
    assert.equal(await count('uuid_topup', 'profiles'), 30);
  });

  test('ranges built from two columns (exclusion constraints, generated columns) get lower <= upper; bookings of a court never overlap', async () => {
    // Found on a court-booking app: EXCLUDE USING gist (court_id WITH =, tsrange(booking_date +
    // start_time, booking_date + end_time) WITH &&) failed every run: "range lower bound must be less
    // than or equal to range upper bound" (no CHECK says start_time <= end_time). At 3,000 bookings
    // over 40 courts drawn times would collide (23P01): the engine lays each court's bookings out.
    await pg.createDatabase('range_bounds', `
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE courts (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE bookings (id serial PRIMARY KEY, court_id int NOT NULL REFERENCES courts (id), booking_date date NOT NULL,
  start_time time NOT NULL, end_time time NOT NULL, status text NOT NULL DEFAULT 'confirmed',
  EXCLUDE USING gist (court_id WITH =, tsrange(booking_date + start_time, booking_date + end_time, '[)') WITH &&) WHERE (status <> 'cancelled'));
CREATE TABLE stays (id serial PRIMARY KEY, check_in date NOT NULL, check_out date NOT NULL, nights int4range GENERATED ALWAYS AS (int4range(0, check_out - check_in)) STORED,
  period daterange GENERATED ALWAYS AS (daterange(check_in, check_out)) STORED);`);
    const url = pg.url('range_bounds');
    seedClean(url, '--rows', '40');
    assert.equal(await count('range_bounds', 'bookings'), 40);
    assert.equal(await count('range_bounds', 'stays'), 40);
    valid(url);
    assert.equal(cli(['undo', '--yes', '--db', url]).code, 0);
    const config = join(dir, 'courts.config.mjs');
    writeFileSync(config, 'export default { tables: { courts: { rows: 40 }, bookings: { rows: 3000 } } };');
    seedClean(url, '--rows', '40', '--config', config);
    assert.equal(await count('range_bounds', 'bookings'), 3000);
    valid(url);
  });

  test('composite-type columns get each field by its type (an enum field from its labels); lists of them stay empty', async () => {
    // Found on Supabase realtime: filters realtime.user_defined_filter[] got "381.4" (malformed record literal).
    await pg.createDatabase('composites', `
CREATE TYPE op AS ENUM ('eq', 'neq');
CREATE TYPE filter AS (column_name text, op op, value text);
CREATE TYPE money_amount AS (amount numeric(12,2), currency char(3));
CREATE TABLE subscriptions (id serial PRIMARY KEY, filters filter[] NOT NULL DEFAULT '{}', price money_amount NOT NULL, extra money_amount);`);
    const url = pg.url('composites');
    seedClean(url, '--rows', '25');
    assert.equal(await count('composites', 'subscriptions'), 25);
    const fields = await pg.query<{ n: number }>('composites', `SELECT count(*)::int AS n FROM subscriptions WHERE (price).amount IS NULL OR (price).currency IS NULL`);
    assert.equal(fields[0].n, 0);
    valid(url);
  });

  test('object identifier columns (regclass, regrole, regtype, regnamespace …) hold names of objects that exist', async () => {
    // Found on Supabase realtime: subscription.entity regclass got "market" (relation does not exist).
    await pg.createDatabase('reg_types', `
CREATE SCHEMA app;
CREATE TABLE app.watched (id serial PRIMARY KEY, label text NOT NULL);
CREATE TABLE app.audit (id serial PRIMARY KEY, target regclass NOT NULL, actor regrole NOT NULL, kind regtype, home regnamespace NOT NULL,
  fn regproc, cfg regconfig NOT NULL, at timestamptz NOT NULL DEFAULT now());`);
    const url = pg.url('reg_types', ['app']);
    seedClean(url, '--rows', '20', '--seed', '4');
    assert.equal(await count('reg_types', 'app.audit'), 20);
    const targets = await pg.query<{ t: string }>('reg_types', 'SELECT DISTINCT target::text AS t FROM app.audit ORDER BY 1');
    assert.ok(targets.every((x) => ['app.audit', 'app.watched'].includes(x.t)), JSON.stringify(targets));
    valid(url);
    const first = await pg.query('reg_types', 'SELECT target::text, actor::text, kind::text, home::text, fn::text, cfg::text FROM app.audit ORDER BY id');
    assert.equal(cli(['undo', '--yes', '--db', url]).code, 0);
    assert.equal(cli(['seed', '--db', url, '--rows', '20', '--seed', '4']).code, 0);
    assert.deepEqual(await pg.query('reg_types', 'SELECT target::text, actor::text, kind::text, home::text, fn::text, cfg::text FROM app.audit ORDER BY id'), first);
  });

  test('keyless tables: one warning line with the count and the first five; --json keeps every name', async () => {
    const names = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7'];
    await pg.createDatabase('keyless', names.map((n) => `CREATE TABLE ${n} (x int);`).join('\n') + 'CREATE TABLE keyed (id serial PRIMARY KEY);');
    const r = cli(['seed', '--db', pg.url('keyless'), '--rows', '3']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), ['warning: 7 tables have no primary key (k1, k2, k3, k4, k5, …); their rows cannot be undone one by one']);
    const json = JSON.parse(cli(['seed', '--db', pg.url('keyless'), '--rows', '3', '--json']).stdout);
    assert.deepEqual(json.keyless, names);
    assert.deepEqual(json.warnings, ['7 tables have no primary key (k1, k2, k3, k4, k5, …); their rows cannot be undone one by one']);
    // One such table: named as before.
    const one = cli(['seed', '--db', pg.url('keyless'), '--rows', '3', '--tables', 'k1']);
    assert.deepEqual(warnings(one.stderr), ['warning: k1: has no primary key; its rows cannot be undone one by one']);
  });
});
