import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { quote } from '../src/seeders/schema/sqlite.ts';
import { duplicatesSql } from '../src/seeders/validate/unique.ts';
import { Database, cleanup, cli, counts, createDb, dump, tempDir, withDb } from './support/sqlite.ts';

// Unique indexes on expressions and partial ones, on SQLite: values are kept distinct on what the
// index holds (case variants collide under lower() and COLLATE NOCASE, NULL and '' under
// coalesce(x, '')), a partial index binds only the rows its WHERE selects (a table whose index
// allows one default row still fills completely), and a unique integer column is never capped
// at its rule's handful of values. The database itself enforces every index while the rows go in.

const DDL = `
CREATE TABLE orgs (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL,
  name VARCHAR(40) NOT NULL,
  org_id INTEGER REFERENCES orgs(id),
  nickname VARCHAR(30),
  code TEXT,
  handle TEXT COLLATE NOCASE UNIQUE,
  deleted_at TEXT
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE UNIQUE INDEX users_name ON users (lower(name));
CREATE UNIQUE INDEX users_org_nick ON users (org_id, lower(nickname) DESC) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX users_code ON users (coalesce(code, ''));
CREATE TABLE addresses (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), is_default BOOLEAN NOT NULL DEFAULT 0, line1 TEXT);
CREATE UNIQUE INDEX one_default_address ON addresses (user_id) WHERE is_default;
CREATE TABLE templates (id INTEGER PRIMARY KEY, name TEXT NOT NULL, is_default BOOLEAN NOT NULL DEFAULT 0);
CREATE UNIQUE INDEX one_default_template ON templates (is_default) WHERE is_default = 1;
CREATE TABLE accounts (id INTEGER PRIMARY KEY, external_id BIGINT UNIQUE, rating BIGINT NOT NULL UNIQUE, level INTEGER UNIQUE);`;

const ROWS = { accounts: 2000, addresses: 2000, orgs: 2000, templates: 2000, users: 2000 };
let dir: string;
before(() => { dir = tempDir('seedbed-uniques-'); });
after(() => cleanup(dir));

function seedAll(file: string): void {
  const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '2000', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /capped|left out/, r.stderr);
}

describe('SQLite: unique indexes on expressions and partial ones', () => {
  test('schema --json shows each index\'s expressions and WHERE', () => {
    const file = join(dir, 'schema.db');
    createDb(file, DDL);
    const r = cli(['schema', '--db', `sqlite:${file}`, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const tables = Object.fromEntries((JSON.parse(r.stdout).tables as { name: string; uniques: unknown[] }[]).map((t) => [t.name, t.uniques]));
    const byName = (t: string) => Object.fromEntries((tables[t] as { name: string }[]).map((u) => [u.name, u]));
    assert.deepEqual(byName('users').users_email, { name: 'users_email', columns: ['email'], partial: false, expressions: ['lower(email)'] });
    assert.deepEqual(byName('users').users_org_nick, { name: 'users_org_nick', columns: ['org_id', 'nickname'], partial: true, expressions: ['org_id', 'lower(nickname)'], predicate: 'deleted_at IS NULL' });
    assert.deepEqual(byName('users').users_code, { name: 'users_code', columns: ['code'], partial: false, expressions: ["coalesce(code, '')"] });
    assert.deepEqual(byName('users').sqlite_autoindex_users_1, { name: 'sqlite_autoindex_users_1', columns: ['handle'], partial: false, expressions: ['handle COLLATE NOCASE'] });
    assert.deepEqual(byName('templates').one_default_template, { name: 'one_default_template', columns: ['is_default'], partial: true, predicate: 'is_default = 1' });
    assert.deepEqual(byName('addresses').one_default_address, { name: 'one_default_address', columns: ['user_id'], partial: true, predicate: 'is_default' });
  });

  test('plan: no cap from a partial index or a unique integer; --explain shows how each index is kept', () => {
    const file = join(dir, 'plan.db');
    createDb(file, DDL);
    const r = cli(['plan', '--db', `sqlite:${file}`, '--rows', '500', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as { tables: { name: string; count: number }[]; warnings: string[] };
    for (const t of plan.tables) assert.equal(t.count, 500, `${t.name} planned in full`);
    assert.deepEqual(plan.warnings, []);
    const x = cli(['plan', '--db', `sqlite:${file}`, '--explain']);
    assert.equal(x.code, 0, x.stderr);
    assert.match(x.stdout, /unique users_email \(lower\(email\)\): kept distinct on the expression's value \(case variants collide\)/);
    assert.match(x.stdout, /unique users_org_nick \(org_id, lower\(nickname\)\) WHERE deleted_at IS NULL: kept distinct on the expression's value \(case variants collide\); only rows its WHERE selects are kept distinct/);
    assert.match(x.stdout, /unique one_default_template \(is_default\) WHERE is_default = 1: only rows its WHERE selects are kept distinct \(a colliding row may leave it\), no cap on the table/);
    assert.match(x.stdout, /unique users_code \(coalesce\(code, ''\)\): kept distinct on the expression's value/);
    const json = JSON.parse(cli(['plan', '--db', `sqlite:${file}`, '--explain', '--json']).stdout);
    const users = json.tables.find((t: { name: string }) => t.name === 'users');
    assert.deepEqual(users.uniqueKeys.find((u: { name: string }) => u.name === 'users_org_nick').predicate, 'deleted_at IS NULL');
  });

  test('every table fills completely; the values hold what the indexes ask; validate is clean; same seed, same data', () => {
    const file = join(dir, 'fill.db');
    createDb(file, DDL);
    seedAll(file);
    assert.deepEqual(counts(file), ROWS);
    const facts = withDb(file, (db) => db.prepare(`SELECT
      (SELECT count(DISTINCT lower(email)) FROM users) AS emails,
      (SELECT count(DISTINCT lower(handle)) = count(handle) FROM users) AS handles,
      (SELECT count(*) FROM users WHERE coalesce(code, '') = '') AS empty_codes,
      (SELECT count(*) FROM templates WHERE is_default) AS default_templates,
      (SELECT count(*) FROM (SELECT user_id FROM addresses WHERE is_default GROUP BY user_id HAVING count(*) > 1)) AS users_with_two_defaults,
      (SELECT count(*) FROM addresses WHERE is_default) AS default_addresses,
      (SELECT count(DISTINCT rating) FROM accounts) AS ratings`).get()) as Record<string, number>;
    assert.equal(facts.emails, 2000);
    assert.equal(facts.handles, 1);
    assert.ok(facts.empty_codes <= 1, `${facts.empty_codes} rows with NULL or '' code`);
    assert.equal(facts.default_templates, 1);
    assert.equal(facts.users_with_two_defaults, 0);
    assert.ok(facts.default_addresses > 100, `${facts.default_addresses} default addresses`);
    assert.equal(facts.ratings, 2000);
    const v = cli(['validate', '--db', `sqlite:${file}`]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /valid: no problems found/);
    const again = join(dir, 'fill-again.db');
    createDb(again, DDL);
    seedAll(again);
    assert.equal(dump(again), dump(file));
  });

  test('a second run on top keeps every index: existing rows are read as the index holds them', () => {
    const file = join(dir, 'twice.db');
    createDb(file, DDL);
    for (const seed of ['1', '2']) {
      const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '300', '--seed', seed, '--yes']);
      assert.equal(r.code, 0, r.stderr);
    }
    const c = counts(file);
    for (const t of Object.keys(ROWS)) assert.equal(c[t], 600, `${t} got both runs`);
    assert.equal(withDb(file, (db) => (db.prepare('SELECT count(*) AS n FROM templates WHERE is_default').get() as { n: number }).n), 1);
    assert.match(cli(['validate', '--db', `sqlite:${file}`]).stdout, /valid: no problems found/);
  });

  test('a full key on an expression over a few values caps the table and says why; CHECK-bounded integers too', () => {
    const file = join(dir, 'cap.db');
    createDb(file, `CREATE TABLE t (id INTEGER PRIMARY KEY, status TEXT NOT NULL CHECK (status IN ('a', 'B', 'c')), note TEXT);
      CREATE UNIQUE INDEX t_status ON t (lower(status));
      CREATE TABLE r (id INTEGER PRIMARY KEY, stars INTEGER UNIQUE NOT NULL CHECK (stars BETWEEN 1 AND 5));`);
    const r = cli(['plan', '--db', `sqlite:${file}`, '--rows', '100']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /t: capped at 3 rows \(asked 100\): unique lower\(status\) has at most 3 distinct values/);
    assert.match(r.stdout, /r: capped at 5 rows \(asked 100\): unique \(stars\) has only 5 distinct combinations/);
    assert.equal(cli(['seed', '--db', `sqlite:${file}`, '--rows', '100', '--yes']).code, 0);
    assert.deepEqual(counts(file), { r: 5, t: 3 });
  });

  test('validate\'s duplicate query reads the index as written: case variants and rows outside the WHERE', () => {
    const file = join(dir, 'dups.db');
    createDb(file, `CREATE TABLE u (email TEXT, deleted_at TEXT);
      INSERT INTO u VALUES ('Ann@x.test', NULL), ('ann@x.test', NULL), ('bob@x.test', NULL), ('BOB@x.test', '2024-01-01');`);
    const db = new Database(file);
    try {
      const n = (k: object) => (db.prepare(duplicatesSql(quote('u'), { name: 'k', columns: ['email'], partial: false, ...k }, quote)).get() as { n: number }).n;
      assert.equal(n({}), 0);
      assert.equal(n({ expressions: ['lower(email)'] }), 2);
      assert.equal(n({ expressions: ['lower(email)'], partial: true, predicate: 'deleted_at IS NULL' }), 1);
    } finally {
      db.close();
    }
  });
});
