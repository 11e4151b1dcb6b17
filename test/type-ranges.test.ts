import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, SHARED, SHARED_MISSING, tempDir, withDb } from './support/sqlite.ts';

// Declared ranges hold on both databases: a naming rule's values (a port 0–65535, a population in
// the millions, a year, a price, a country name) are narrowed to the column's type — smallint,
// integer, numeric(p,s), varchar(n) — on SQLite too, which stores anything but whose applications
// read the value back with its declared type.

const ROWS = '2000';

// Column names that invite values bigger than their types hold.
const SQLITE_DDL = `
CREATE TABLE servers (
  id INTEGER PRIMARY KEY,
  port SMALLINT NOT NULL,
  f_port INT2,
  smtp_port TINYINT,
  year SMALLINT,
  population MEDIUMINT,
  file_size INT4,
  duration_ms INT2,
  price NUMERIC(4,1),
  unit_price DECIMAL(5,2),
  country VARCHAR(5) NOT NULL,
  city CHAR(3),
  email VARCHAR(6)
);
CREATE TABLE ports (id SMALLINT PRIMARY KEY, port INT2 UNIQUE);`;

const PG_DDL = `
CREATE TABLE servers (
  id serial PRIMARY KEY,
  port smallint NOT NULL,
  f_port smallint,
  year smallint,
  population integer,
  total_bytes integer,
  created_epoch_ms integer,
  price numeric(4,1),
  unit_price numeric(5,2),
  country varchar(5) NOT NULL,
  city char(3),
  email varchar(6)
);
CREATE TABLE ports (id smallint PRIMARY KEY, port smallint UNIQUE);`;

describe('SQLite: values fit the declared types', () => {
  let dir: string;
  before(() => { dir = tempDir('seedbed-ranges-'); });
  after(() => cleanup(dir));

  test('every row fits smallint/tinyint/mediumint/int4, numeric(p,s) and varchar(n); validate is clean', () => {
    const file = join(dir, 'ranges.db');
    createDb(file, SQLITE_DDL);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', ROWS, '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(counts(file), { ports: Number(ROWS), servers: Number(ROWS) });
    // SQLite does not enforce declared types: ask it what it holds.
    const bad = withDb(file, (db) => db.prepare(`SELECT
      sum(port NOT BETWEEN -32768 AND 32767) AS port, sum(f_port NOT BETWEEN -32768 AND 32767) AS f_port,
      sum(smtp_port NOT BETWEEN -128 AND 127) AS smtp_port, sum(year NOT BETWEEN -32768 AND 32767) AS year,
      sum(population NOT BETWEEN -8388608 AND 8388607) AS population, sum(file_size NOT BETWEEN -2147483648 AND 2147483647) AS file_size,
      sum(duration_ms NOT BETWEEN -32768 AND 32767) AS duration_ms,
      sum(abs(price) > 999.9 OR round(price, 1) <> price) AS price, sum(abs(unit_price) > 999.99 OR round(unit_price, 2) <> unit_price) AS unit_price,
      sum(length(country) > 5) AS country, sum(length(city) > 3) AS city, sum(length(email) > 6) AS email
      FROM servers`).get()) as Record<string, number>;
    for (const [col, n] of Object.entries(bad)) assert.equal(n ?? 0, 0, `servers.${col}: ${n} value(s) outside the declared type`);
    // Ports stay ports: none negative, the well-known ones still there.
    const ports = withDb(file, (db) => db.prepare(`SELECT min(port) AS lo, max(port) AS hi, sum(port IN (80, 443, 5432)) AS known FROM servers`).get()) as { lo: number; hi: number; known: number };
    assert.ok(ports.lo >= 0 && ports.hi <= 32767 && ports.known > 100, JSON.stringify(ports));
    const ranges = withDb(file, (db) => db.prepare(`SELECT min(id) AS lo, max(id) AS hi, max(port) AS port FROM ports`).get()) as { lo: number; hi: number; port: number };
    assert.ok(ranges.hi <= 32767 && ranges.port <= 32767, JSON.stringify(ranges));
    const v = cli(['validate', '--db', `sqlite:${file}`]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /valid: no problems found/);
  });

  test('a smallint key is capped at what the type holds, and the plan says why', () => {
    const file = join(dir, 'small.db');
    createDb(file, 'CREATE TABLE tiny (id TINYINT PRIMARY KEY, label TEXT);');
    const r = cli(['plan', '--db', `sqlite:${file}`, '--rows', '500']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /tiny: capped at 127 rows \(asked 500\): primary key id \(TINYINT\) holds at most 127/);
    assert.equal(cli(['seed', '--db', `sqlite:${file}`, '--rows', '500', '--yes']).code, 0);
    assert.deepEqual(counts(file), { tiny: 127 });
  });
});

describe('PostgreSQL: values fit the declared types', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('every row fits smallint/integer, numeric(p,s) and varchar(n); PostgreSQL accepts them all; validate is clean', async () => {
    await pg.createDatabase('ranges', PG_DDL);
    const r = cli(['seed', '--db', pg.url('ranges'), '--rows', ROWS, '--yes']);
    assert.equal(r.code, 0, r.stderr);
    const n = await pg.query<{ servers: string; ports: string; lo: number; known: string }>('ranges',
      `SELECT (SELECT count(*) FROM servers) AS servers, (SELECT count(*) FROM ports) AS ports,
        (SELECT min(port) FROM servers) AS lo, (SELECT count(*) FROM servers WHERE port IN (80, 443, 5432)) AS known`);
    assert.equal(Number(n[0].servers), Number(ROWS));
    assert.equal(Number(n[0].ports), Number(ROWS));
    assert.ok(n[0].lo >= 0 && Number(n[0].known) > 100, JSON.stringify(n[0]));
    const v = cli(['validate', '--db', pg.url('ranges')]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /valid: no problems found/);
  });

  test('the real chirpstack schema seeds with plain `seed`', { skip: SHARED_MISSING }, async () => {
    await pg.createDatabase('chirpstack', readFileSync(join(SHARED, 'schemas', 'chirpstack', 'all_up.postgres.sql'), 'utf8'));
    const r = cli(['seed', '--db', pg.url('chirpstack'), '--yes']);
    assert.equal(r.code, 0, r.stderr);
    const v = cli(['validate', '--db', pg.url('chirpstack'), '--json']);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const report = JSON.parse(v.stdout) as { ok: boolean; problems: unknown[]; counts: Record<string, number> };
    assert.deepEqual(report.problems, []);
    const empty = Object.entries(report.counts).filter(([, n]) => !n).map(([t]) => t);
    assert.deepEqual(empty, [], 'every seedable table has rows');
    assert.ok(Object.keys(report.counts).length >= 20, `${Object.keys(report.counts).length} tables`);
    const fport = await pg.query<{ hi: number }>('chirpstack', 'SELECT max(f_port) AS hi FROM multicast_group_queue_item');
    assert.ok(fport[0].hi <= 32767);
  });
});
