import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, integrity, seedClean, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// A second seed into a database that already holds the first one's rows (the same seed: the
// streams draw the same values first). Found on real schemas (a LoRaWAN server's, an AI
// platform's, seeded twice):
// - keys made of bytes (SQLite BLOB, PostgreSQL bytea: device EUIs, gateway ids) compared with the
//   existing ones by identity, never equal: the second seed wrote the same keys, the database
//   refused them, and those tables and everything under them were left out;
// - a text id colliding with an existing one got a suffix ("…4a2c2"), no longer a uuid;
// - a PostgreSQL parent column copied into its children (avatar_config from avatars.config) of
//   type json, which has no ordering: reading the existing rows failed the whole second seed.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const SQLITE = `
CREATE TABLE gateways (gateway_id BLOB PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE devices (id TEXT PRIMARY KEY, gateway_id BLOB NOT NULL REFERENCES gateways (gateway_id), dev_eui BLOB NOT NULL UNIQUE, short_id VARCHAR(6) NOT NULL UNIQUE);
CREATE TABLE device_keys (dev_eui BLOB PRIMARY KEY REFERENCES devices (dev_eui), app_key BLOB NOT NULL);
CREATE TABLE uplinks (id INTEGER PRIMARY KEY, device_id TEXT NOT NULL REFERENCES devices (id), received_at TEXT NOT NULL);`;

describe('a second seed on top of the first (SQLite): byte keys, text ids', () => {
  let dir: string;
  let db: string;
  before(() => {
    dir = tempDir();
    db = join(dir, 'lora.db');
    createDb(db, SQLITE);
  });
  after(() => cleanup(dir));

  test('every table gets its rows again, distinct and well-formed; two undos leave it empty', () => {
    seedClean(`sqlite:${db}`, '--rows', '30', '--yes');
    seedClean(`sqlite:${db}`, '--rows', '30', '--yes');
    assert.deepEqual(counts(db), { device_keys: 60, devices: 60, gateways: 60, uplinks: 60 });
    assert.deepEqual(integrity(db), { fk: [], integrity: ['ok'] });
    valid(`sqlite:${db}`);
    withDb(db, (d) => {
      const column = (sql: string) => (d.prepare(sql).raw(true).all() as unknown[][]).map((r) => r[0]);
      const ids = column('SELECT id FROM devices') as string[];
      assert.deepEqual(ids.filter((id) => !UUID.test(id)), []);
      const short = column('SELECT short_id FROM devices') as string[];
      assert.deepEqual(short.filter((s) => s.length > 6), []);
      assert.deepEqual(column("SELECT count(*) FROM gateways WHERE typeof(gateway_id) <> 'blob'"), [0]);
    });
    for (const run of [2, 1]) {
      const u = cli(['undo', '--db', `sqlite:${db}`, '--yes']);
      assert.equal(u.code, 0, u.stderr);
      assert.match(u.stdout, new RegExp(`^Undid run ${run}: deleted 120 rows from 4 tables\\.$`, 'm'));
    }
    assert.deepEqual(counts(db), { device_keys: 0, devices: 0, gateways: 0, uplinks: 0 });
  });
});

const POSTGRES = `
CREATE TABLE gateways (gateway_id bytea PRIMARY KEY, name text NOT NULL);
CREATE TABLE devices (id text PRIMARY KEY, gateway_id bytea NOT NULL REFERENCES gateways, dev_eui bytea NOT NULL UNIQUE);
CREATE TABLE avatars (id serial PRIMARY KEY, type text NOT NULL, url varchar NOT NULL, config json);
CREATE TABLE profiles (id serial PRIMARY KEY, device_id text NOT NULL REFERENCES devices, avatar_id int REFERENCES avatars (id),
  avatar_type varchar, avatar_url varchar, avatar_config json);`;

describe('a second seed on top of the first (PostgreSQL): bytea keys, json copied from a parent', () => {
  let pg: PgServer;
  before(async () => {
    pg = await startPostgres();
    await pg.createDatabase('again', POSTGRES);
  });
  after(async () => { await pg?.stop(); });

  test('the second seed fills every table; keys distinct; validate clean; two undos leave it empty', async () => {
    const url = pg.url('again');
    for (const round of [1, 2]) {
      const r = cli(['seed', '--db', url, '--rows', '25', '--yes']);
      assert.equal(r.code, 0, `seed ${round}: ${r.stderr}`);
      assert.deepEqual(warnings(r.stderr), [], `seed ${round}`);
    }
    valid(url);
    const n = async () => (await pg.query<Record<string, number>>('again', `SELECT (SELECT count(*) FROM gateways)::int AS gateways,
      (SELECT count(DISTINCT gateway_id) FROM gateways)::int AS distinct_gateways, (SELECT count(*) FROM devices)::int AS devices,
      (SELECT count(*) FROM devices WHERE id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')::int AS bad_ids,
      (SELECT count(*) FROM avatars)::int AS avatars, (SELECT count(*) FROM profiles)::int AS profiles`))[0];
    assert.deepEqual(await n(), { gateways: 50, distinct_gateways: 50, devices: 50, bad_ids: 0, avatars: 50, profiles: 50 });
    for (const run of [2, 1]) {
      const u = cli(['undo', '--db', url, '--yes']);
      assert.equal(u.code, 0, u.stderr);
      assert.match(u.stdout, new RegExp(`^Undid run ${run}: deleted 100 rows from 4 tables\\.$`, 'm'));
    }
    assert.deepEqual(await n(), { gateways: 0, distinct_gateways: 0, devices: 0, bad_ids: 0, avatars: 0, profiles: 0 });
  });
});
