import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, seedClean, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// Defects a fourth round of acceptance trials on real schemas found (Coder, …), each as a small
// schema of the project's own.

const dir = tempDir();
after(() => cleanup(dir));

// A unique index on a constant, bounded by its WHERE: at most one default row in the table
// (Coder's chat model configs); a constant without WHERE: a one-row table.
const ONE_DEFAULT = `
CREATE TABLE model_configs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, is_default BOOLEAN NOT NULL DEFAULT false, deleted BOOLEAN NOT NULL DEFAULT false);
CREATE UNIQUE INDEX model_configs_single_default ON model_configs ((1)) WHERE is_default = true AND deleted = false;
CREATE TABLE settings (id INTEGER PRIMARY KEY, theme TEXT NOT NULL);
CREATE UNIQUE INDEX settings_one_row ON settings ((1));`;

// A zero-time sentinel: '0001-01-01' stands for "not set" (Go's time.Time{}), in a CHECK whose
// branches either order two columns or leave one at the sentinel.
const ZERO_TIME = (ts: string) => `
CREATE TABLE builds (
  id INTEGER PRIMARY KEY, created_at ${ts} NOT NULL,
  deadline ${ts} NOT NULL DEFAULT '0001-01-01 00:00:00', max_deadline ${ts} NOT NULL DEFAULT '0001-01-01 00:00:00',
  CONSTRAINT deadline_below_max CHECK ((deadline <> '0001-01-01 00:00:00' AND deadline <= max_deadline) OR max_deadline = '0001-01-01 00:00:00')
);`;

// A unique index on a field of a JSON column (`tags ->> 'owner'`): rows whose JSON differs but
// whose field does not are the same key.
const JSON_KEY = (json: string, field: string) => `
CREATE TABLE orgs (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE daemons (
  id INTEGER PRIMARY KEY, org_id INT NOT NULL REFERENCES orgs (id),
  name TEXT NOT NULL CHECK (name IN ('alpha', 'beta', 'gamma')), tags ${json} NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX daemons_org_name_owner ON daemons (org_id, name, lower(coalesce(tags ->> ${field}, '')));`;

const pgSerial = (ddl: string) => ddl.replaceAll('INTEGER PRIMARY KEY', 'serial PRIMARY KEY');

describe('a unique index on a constant', () => {
  // Found on Coder: `UNIQUE ((1)) WHERE is_default AND NOT deleted` was dropped as reading no
  // column, so every row could be the default: "duplicate key … Key ((1))=(1)", table left out.
  test('SQLite: one default row, the rest outside the index; a constant without WHERE holds one row; validate is clean', () => {
    const file = join(dir, 'one-default.db');
    createDb(file, ONE_DEFAULT.replaceAll('false', '0').replaceAll('true', '1'));
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '40']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr).filter((w) => !/settings: capped at 1 row/.test(w)), []);
    assert.deepEqual(counts(file), { model_configs: 40, settings: 1 });
    const d = withDb(file, (db) => db.prepare('SELECT count(*) AS n FROM model_configs WHERE is_default = 1 AND deleted = 0').get() as { n: number });
    assert.equal(d.n, 1);
    valid(`sqlite:${file}`);
  });
});

describe('dates before the year 100', () => {
  // Found on Coder: the sentinel '0001-01-01' was read as 1901 (Date.UTC maps years 0–99 to
  // 1900–1999), so the branch "max_deadline = '0001-01-01'" wrote 1901 and the CHECK failed.
  test('SQLite: the sentinel branch writes 0001-01-01, the other orders the two; validate is clean', () => {
    const file = join(dir, 'zero-time.db');
    createDb(file, ZERO_TIME('TEXT'));
    seedClean(`sqlite:${file}`, '--rows', '60');
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, sum(max_deadline = '0001-01-01 00:00:00') AS sentinel FROM builds`).get() as { n: number; sentinel: number });
    assert.equal(r.n, 60);
    assert.ok(r.sentinel > 0 && r.sentinel < 60, `${r.sentinel} rows at the sentinel`);
    valid(`sqlite:${file}`);
  });
});

describe('a unique index on a JSON field', () => {
  // Found on Coder: (organization_id, name, lower(COALESCE(tags ->> 'owner', ''))) was kept
  // distinct on the whole tags column; rows with other tags but no owner collided in the database.
  test('SQLite (->> \'$.owner\'): names stay distinct per org when no row has an owner; validate is clean', () => {
    const file = join(dir, 'json-key.db');
    createDb(file, JSON_KEY('TEXT', `'$.owner'`));
    seedClean(`sqlite:${file}`, '--rows', '5', '--tables', 'orgs');
    seedClean(`sqlite:${file}`, '--rows', '12', '--tables', 'daemons');
    assert.equal(counts(file).daemons, 12);
    valid(`sqlite:${file}`);
  });
});

describe('PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('a unique index on a constant, with and without WHERE: one default row, a one-row table; validate is clean', async () => {
    await pg.createDatabase('one_default', pgSerial(ONE_DEFAULT));
    const url = pg.url('one_default');
    const r = cli(['seed', '--db', url, '--rows', '40']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr).filter((w) => !/settings: capped at 1 row/.test(w)), []);
    const [n] = await pg.query<{ m: number; d: number; s: number }>('one_default', `SELECT (SELECT count(*) FROM model_configs)::int AS m,
      (SELECT count(*) FROM model_configs WHERE is_default AND NOT deleted)::int AS d, (SELECT count(*) FROM settings)::int AS s`);
    assert.deepEqual(n, { m: 40, d: 1, s: 1 });
    valid(url);
  });

  test('a zero-time sentinel (0001-01-01) in a CHECK of timestamptz columns: every row in; validate is clean', async () => {
    await pg.createDatabase('zero_time', pgSerial(ZERO_TIME('timestamptz')).replaceAll("'0001-01-01 00:00:00'", "'0001-01-01 00:00:00+00'"));
    const url = pg.url('zero_time');
    seedClean(url, '--rows', '60');
    const [r] = await pg.query<{ n: number; sentinel: number }>('zero_time', `SELECT count(*)::int AS n, count(*) FILTER (WHERE max_deadline = '0001-01-01 00:00:00+00')::int AS sentinel FROM builds`);
    assert.equal(r.n, 60);
    assert.ok(r.sentinel > 0 && r.sentinel < 60, `${r.sentinel} rows at the sentinel`);
    valid(url);
  });

  test('a unique index on a jsonb field (tags ->> \'owner\'): every row in; validate is clean', async () => {
    await pg.createDatabase('json_key', pgSerial(JSON_KEY('jsonb', `'owner'`)));
    const url = pg.url('json_key');
    seedClean(url, '--rows', '5', '--tables', 'orgs');
    seedClean(url, '--rows', '12', '--tables', 'daemons');
    const [r] = await pg.query<{ n: number }>('json_key', 'SELECT count(*)::int AS n FROM daemons');
    assert.equal(r.n, 12);
    valid(url);
  });
});
