import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ColumnExplanation, PlanExplanation } from '../src/seeders/plan/explain.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { checkBodies, checkChecks, explainCli, q, type Query } from './support/realism.ts';
import { cleanup, cli, createDb, Database, tempDir } from './support/sqlite.ts';

// Every CHECK form of issue #4, end to end on small fixtures of our own (no ../shared): the plan
// says what it does with each (`plan --explain --json`), the CLI seeds a real database that
// enforces them, and SQL shows every row passes and every branch is reached. The parser, the
// evaluator and the hints are unit-tested in check-expressions.test.ts; this is the whole path.
//
// Forms: IN lists, ranges and BETWEEN, comparisons with constants and between columns (a < b,
// a <> b), boolean implications (NOT is_dm OR is_private), length(), exactly one of two columns
// ((a IS NULL) <> (b IS NULL) on SQLite, num_nonnulls(a, b) = 1 on PostgreSQL), LIKE/GLOB
// prefixes, regular expressions, CASE, and a CHECK the parser cannot read.

const dir = tempDir('seedbed-checks-');
after(() => cleanup(dir));

const SQLITE = `
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE);
CREATE TABLE channels (
  id INTEGER PRIMARY KEY,
  owner_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT NOT NULL CHECK (length(name) BETWEEN 3 AND 40),
  visibility TEXT NOT NULL CHECK (visibility IN ('public', 'internal', 'secret')),
  is_dm INTEGER NOT NULL CHECK (is_dm IN (0, 1)),
  is_private INTEGER NOT NULL CHECK (is_private IN (0, 1)),
  max_members INTEGER CHECK (max_members BETWEEN 2 AND 500),
  priority INTEGER NOT NULL CHECK (priority >= 1 AND priority <= 5),
  rating REAL CHECK (rating > 0 AND rating < 5),
  price NUMERIC(8, 2) NOT NULL CHECK (price > 0),
  join_code TEXT NOT NULL CHECK (join_code LIKE 'CH-%' AND length(join_code) <= 12),
  slug TEXT CHECK (slug GLOB 'ch-*'),
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  min_age INTEGER NOT NULL CHECK (min_age >= 0),
  max_age INTEGER NOT NULL CHECK (max_age <= 120),
  sender_id INTEGER NOT NULL,
  receiver_id INTEGER NOT NULL,
  contact_email TEXT,
  contact_phone TEXT,
  CHECK (opens_at < closes_at),
  CHECK (min_age < max_age),
  CHECK (sender_id <> receiver_id),
  CHECK (NOT is_dm OR is_private),
  CHECK ((contact_email IS NULL) <> (contact_phone IS NULL)),
  CHECK (CASE WHEN visibility = 'secret' THEN is_private = 1 ELSE 1 END),
  CHECK ((min_age, max_age) <> (0, 0))
);`;

const UNREADABLE = '(min_age, max_age) <> (0, 0)';
const ROWS = 80;

function column(x: PlanExplanation, table: string, name: string): ColumnExplanation {
  const c = x.tables.find((t) => t.name === table)?.columns.find((k) => k.column === name);
  assert.ok(c, `${table}.${name} is explained`);
  return c;
}

describe('SQLite: every CHECK form on a seeded file', () => {
  const file = join(dir, 'forms.db');
  const url = `sqlite:${file}`;
  let x: PlanExplanation;
  let db: InstanceType<typeof Database>;
  let query: Query;
  before(() => {
    createDb(file, SQLITE);
    x = explainCli(url, ['--rows', String(ROWS)]);
    const r = cli(['seed', '--db', url, '--rows', String(ROWS)]);
    assert.equal(r.code, 0, `seed failed:\n${r.stderr}`);
    db = new Database(file, { readonly: true });
    query = async (sql) => db.prepare(sql).all() as Record<string, unknown>[];
  });
  after(() => db?.close());
  const one = (sql: string) => db.prepare(sql).get() as Record<string, number>;

  test('plan --explain says what each single-column CHECK imposes', () => {
    const facts = (c: string) => column(x, 'channels', c).constraints ?? [];
    assert.deepEqual(facts('visibility'), ["IN ('public', 'internal', 'secret')"]);
    assert.equal(column(x, 'channels', 'visibility').source, 'check');
    assert.match(column(x, 'channels', 'visibility').why, /^check IN list: 'public', 'internal', 'secret'/);
    assert.equal(column(x, 'channels', 'is_dm').source, 'check');
    assert.deepEqual(facts('max_members'), ['>= 2', '<= 500'], 'BETWEEN is a range');
    assert.deepEqual(facts('priority'), ['>= 1', '<= 5']);
    assert.deepEqual(facts('rating'), ['> 0', '< 5'], 'exclusive bounds');
    assert.deepEqual(facts('price'), ['> 0']);
    assert.deepEqual(facts('name'), ['length >= 3', 'length <= 40'], 'length() BETWEEN');
    assert.deepEqual(facts('join_code'), ['length <= 12', "starts with 'CH-'"], 'LIKE prefix and length');
    assert.deepEqual(facts('slug'), ["starts with 'ch-'"], 'GLOB prefix');
    // The naming rule still chose the values the CHECK narrows: rating is a rating, not a number.
    assert.equal(column(x, 'channels', 'rating').rule?.id, 'status.rating');
    assert.equal(column(x, 'channels', 'contact_email').generator, 'contact.email');
  });

  test('plan --explain lists the CHECKs tested on each row, and names the unreadable one', () => {
    const t = x.tables.find((k) => k.name === 'channels')!;
    for (const c of ['opens_at < closes_at', 'min_age < max_age', 'sender_id <> receiver_id', 'NOT is_dm OR is_private',
      '(contact_email IS NULL) <> (contact_phone IS NULL)', "CASE WHEN visibility = 'secret' THEN is_private = 1 ELSE 1 END"]) {
      assert.ok(t.rowChecks.includes(c), `row check ${c} in ${JSON.stringify(t.rowChecks)}`);
    }
    assert.ok(column(x, 'channels', 'is_private').rowChecks?.includes('NOT is_dm OR is_private'), 'the column lists the row checks it is part of');
    assert.deepEqual(t.unreadableChecks.map((u) => u.check), [UNREADABLE]);
    assert.match(t.unreadableChecks[0].reason, /row values are not supported/);
    const text = cli(['plan', '--db', url]);
    assert.equal(text.code, 0, text.stderr);
    assert.ok(text.stdout.includes(`channels: CHECK (${UNREADABLE}) not understood`), text.stdout);
    const explained = cli(['plan', '--explain', '--db', url, '--tables', 'channels']);
    assert.ok(explained.stdout.includes(`CHECK (${UNREADABLE}) not understood`), explained.stdout);
    assert.ok(explained.stdout.includes('row CHECK (NOT is_dm OR is_private): tested on each generated row'), explained.stdout);
  });

  test('every row satisfies every CHECK (the database enforced them; SQL and validate agree)', async () => {
    assert.equal(one('SELECT count(*) AS n FROM channels').n, ROWS);
    const sql = (db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'channels'`).get() as { sql: string }).sql;
    const checks = checkBodies(sql).map((expr) => ({ table: 'channels', expr }));
    assert.equal(await checkChecks(query, checks, q), 19);
    const v = cli(['validate', '--db', url]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('each form reaches its branches, not only the easy one', () => {
    assert.equal(one('SELECT count(DISTINCT visibility) AS n FROM channels').n, 3, 'every IN value');
    const b = one(`SELECT sum(is_dm = 1) AS dm, sum(is_dm = 0 AND is_private = 1) AS priv, sum(is_dm = 0 AND is_private = 0) AS open FROM channels`);
    assert.ok(b.dm > 0 && b.priv > 0 && b.open > 0, `implication branches ${JSON.stringify(b)}`);
    const e = one(`SELECT sum(contact_email IS NOT NULL) AS email, sum(contact_phone IS NOT NULL) AS phone FROM channels`);
    assert.ok(e.email > 0 && e.phone > 0 && e.email + e.phone === ROWS, `exactly one of email/phone ${JSON.stringify(e)}`);
    assert.ok(one(`SELECT count(*) AS n FROM channels WHERE visibility = 'secret'`).n > 0, 'the CASE branch is reached');
    const r = one(`SELECT min(max_members) AS lo, max(max_members) AS hi, min(priority) AS plo, max(priority) AS phi, count(DISTINCT priority) AS pn FROM channels`);
    assert.ok(r.lo >= 2 && r.hi <= 500 && r.plo >= 1 && r.phi <= 5 && r.pn >= 4, JSON.stringify(r));
    assert.equal(one(`SELECT count(*) AS n FROM channels WHERE slug IS NOT NULL AND slug NOT GLOB 'ch-*'`).n, 0);
    assert.ok(one(`SELECT count(*) AS n FROM channels WHERE slug GLOB 'ch-?*'`).n > 0, 'GLOB prefix plus a word');
    assert.ok(one(`SELECT count(*) AS n FROM channels WHERE join_code LIKE 'CH-_%'`).n === ROWS, 'LIKE prefix plus a code');
    assert.equal(one(`SELECT count(*) AS n FROM channels WHERE max_age > 120 OR min_age >= max_age`).n, 0, 'swapping min/max to fix a < b never breaks the range');
    assert.equal(one(`SELECT count(*) AS n FROM channels WHERE round(price, 2) <> price`).n, 0, 'numeric(8, 2) keeps 2 decimals');
  });

  test('an unreadable CHECK is checked by the database: candidate rows that break it are drawn again', () => {
    const bad = join(dir, 'unreadable.db');
    createDb(bad, `CREATE TABLE tickets (id INTEGER PRIMARY KEY, priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5), CHECK ((priority, 0) = (1, 0)));`);
    const p = cli(['plan', '--db', `sqlite:${bad}`, '--rows', '20']);
    assert.match(p.stdout, /tickets: CHECK \(\(priority, 0\) = \(1, 0\)\) not understood .*; checked by the database/);
    const r = cli(['seed', '--db', `sqlite:${bad}`, '--rows', '20']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const check = new Database(bad, { readonly: true });
    assert.deepEqual(check.prepare('SELECT count(*) AS n, min(priority) AS lo, max(priority) AS hi FROM tickets').get(), { n: 20, lo: 1, hi: 1 });
    check.close();
  });
});

const PG_DDL = `
CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, email text NOT NULL UNIQUE);
CREATE TABLE channels (
  id serial PRIMARY KEY,
  owner_id int NOT NULL REFERENCES users(id),
  name varchar(40) NOT NULL CHECK (char_length(name) >= 3),
  visibility text NOT NULL CHECK (visibility IN ('public', 'internal', 'secret')),
  is_dm boolean NOT NULL,
  is_private boolean NOT NULL,
  max_members int CHECK (max_members BETWEEN 2 AND 500),
  rating numeric(3, 1) CHECK (rating > 0 AND rating < 5),
  join_code text NOT NULL CHECK (join_code LIKE 'CH-%' AND length(join_code) <= 12),
  slug text CHECK (slug ~ '^[a-z][a-z0-9-]{2,30}$'),
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  min_age int NOT NULL CHECK (min_age >= 0),
  max_age int NOT NULL CHECK (max_age <= 120),
  sender_id int NOT NULL,
  receiver_id int NOT NULL,
  contact_email text,
  contact_phone text,
  payload jsonb NOT NULL CHECK ((payload ->> 'version')::int BETWEEN 1 AND 5),
  CHECK (opens_at < closes_at),
  CHECK (min_age < max_age),
  CHECK (sender_id <> receiver_id),
  CHECK (NOT is_dm OR is_private),
  CHECK (num_nonnulls(contact_email, contact_phone) = 1),
  CHECK (CASE WHEN visibility = 'secret' THEN is_private ELSE true END)
);`;

describe('PostgreSQL: num_nonnulls, regex, boolean implication, CASE and a CHECK on a jsonb field', () => {
  let pg: PgServer;
  let x: PlanExplanation;
  let url: string;
  const query: Query = (sql) => pg.query('forms', sql);
  const one = async (sql: string) => (await query(sql))[0] as Record<string, string | number>;
  before(async () => {
    pg = await startPostgres();
    await pg.createDatabase('forms', PG_DDL);
    url = pg.url('forms');
    x = explainCli(url, ['--rows', String(ROWS)]);
    const r = cli(['seed', '--db', url, '--rows', String(ROWS)]);
    assert.equal(r.code, 0, `seed failed:\n${r.stderr}`);
  });
  after(async () => { await pg?.stop(); });

  test('plan --explain: hints, row checks and the CHECK on a JSON field', () => {
    const t = x.tables.find((k) => k.name === 'channels')!;
    assert.deepEqual(column(x, 'channels', 'slug').constraints, ['matches /^[a-z][a-z0-9-]{2,30}$/']);
    assert.deepEqual(column(x, 'channels', 'name').constraints, ['length >= 3']);
    assert.deepEqual(column(x, 'channels', 'max_members').constraints, ['>= 2', '<= 500']);
    assert.ok(t.rowChecks.some((c) => /num_nonnulls\(contact_email, contact_phone\) = 1/.test(c)), JSON.stringify(t.rowChecks));
    assert.ok(t.rowChecks.some((c) => /NOT is_dm\) OR is_private/.test(c)), JSON.stringify(t.rowChecks));
    // A JSON field is read (unique indexes on one hold its value) but a CHECK on it is the database's.
    assert.equal(t.unreadableChecks.length, 0);
    const json = t.dbChecks.filter((c) => /payload ->> 'version'/.test(c.check));
    assert.equal(json.length, 1, JSON.stringify(t.dbChecks));
    assert.match(json[0].reason, /JSON ->> is tested by the database/);
  });

  test('every row satisfies every CHECK and each form reaches its branches', async () => {
    const checks = (await query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'c' AND conrelid = 'channels'::regclass`))
      .map((r) => ({ table: 'channels', expr: String(r.def).replace(/^CHECK\s*/, '') }));
    assert.equal(await checkChecks(query, checks), 15);
    const b = await one(`SELECT count(*) FILTER (WHERE is_dm) AS dm, count(*) FILTER (WHERE NOT is_dm AND is_private) AS priv,
      count(*) FILTER (WHERE NOT is_dm AND NOT is_private) AS open, count(contact_email) AS email, count(contact_phone) AS phone,
      count(DISTINCT visibility) AS vis, count(*) FILTER (WHERE visibility = 'secret') AS secret, count(*) AS n FROM channels`);
    assert.equal(Number(b.n), ROWS);
    for (const k of ['dm', 'priv', 'open', 'email', 'phone', 'secret']) assert.ok(Number(b[k]) > 0, `${k}: ${JSON.stringify(b)}`);
    assert.equal(Number(b.email) + Number(b.phone), ROWS, 'exactly one of email/phone per row');
    assert.equal(Number(b.vis), 3);
    const v = cli(['validate', '--db', url]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });
});
