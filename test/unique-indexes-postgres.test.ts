import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { quoteIdent } from '../src/seeders/schema/pg-names.ts';
import { duplicatesSql } from '../src/seeders/validate/unique.ts';
import { orphans, startPostgres, type PgServer } from './support/postgres.ts';
import { cli } from './support/sqlite.ts';

// Unique indexes on expressions and partial ones, on PostgreSQL: lower(email), lower((name)::text)
// (PostgreSQL's spelling for a varchar column), coalesce(code, ''), (org_id, lower(nickname))
// WHERE deleted_at IS NULL, one default per user / one default overall (WHERE is_default),
// NULLS NOT DISTINCT, a unique index declared on one partition only, and unique bigint columns.
// Every table fills completely; PostgreSQL enforces every index as the rows go in.

const DDL = `
CREATE TABLE orgs (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE users (
  id serial PRIMARY KEY, email text NOT NULL, name varchar(40) NOT NULL, org_id int REFERENCES orgs(id),
  nickname varchar(30), code text, deleted_at timestamptz
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE UNIQUE INDEX users_name ON users (lower(name));
CREATE UNIQUE INDEX users_org_nick ON users (org_id, lower(nickname)) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX users_code ON users (coalesce(code, ''));
CREATE TABLE addresses (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users(id), is_default boolean NOT NULL DEFAULT false, line1 text);
CREATE UNIQUE INDEX one_default_address ON addresses (user_id) WHERE is_default;
CREATE TABLE templates (id serial PRIMARY KEY, name text, is_default boolean NOT NULL DEFAULT false);
CREATE UNIQUE INDEX ON templates (is_default) WHERE is_default = true;
CREATE TABLE slots (id serial PRIMARY KEY, room text, starts_at int, CONSTRAINT slots_room_starts UNIQUE NULLS NOT DISTINCT (room, starts_at));
CREATE TABLE events (id bigserial, region text NOT NULL, ref_code text, PRIMARY KEY (id, region)) PARTITION BY LIST (region);
CREATE TABLE events_eu PARTITION OF events FOR VALUES IN ('eu');
CREATE TABLE events_us PARTITION OF events FOR VALUES IN ('us');
CREATE UNIQUE INDEX events_eu_ref ON events_eu (ref_code);
CREATE TABLE accounts (id serial PRIMARY KEY, external_id bigint UNIQUE, rating bigint NOT NULL UNIQUE, level bigint UNIQUE);
CREATE EXTENSION citext;
CREATE TABLE tags (id serial PRIMARY KEY, label citext NOT NULL UNIQUE CHECK (label IN ('a', 'A', 'b', 'B', 'c')));`;

const TABLES = ['accounts', 'addresses', 'events', 'orgs', 'slots', 'templates', 'users'];

let pg: PgServer;
before(async () => {
  pg = await startPostgres();
  await pg.createDatabase('uniq', DDL);
});
after(async () => { await pg?.stop(); });

describe('PostgreSQL: unique indexes on expressions and partial ones', () => {
  test('schema --json shows each index\'s expressions, WHERE, NULLS NOT DISTINCT and partition', () => {
    const r = cli(['schema', '--db', pg.url('uniq'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const keys = Object.fromEntries((JSON.parse(r.stdout).tables as { uniques: { name: string }[] }[]).flatMap((t) => t.uniques.map((u) => [u.name, u])));
    assert.deepEqual(keys.users_email, { name: 'users_email', columns: ['email'], partial: false, expressions: ['lower(email)'] });
    assert.deepEqual(keys.users_name, { name: 'users_name', columns: ['name'], partial: false, expressions: ['lower((name)::text)'] });
    assert.deepEqual(keys.users_org_nick, { name: 'users_org_nick', columns: ['org_id', 'nickname'], partial: true, expressions: ['org_id', 'lower((nickname)::text)'], predicate: '(deleted_at IS NULL)' });
    assert.deepEqual(keys.users_code, { name: 'users_code', columns: ['code'], partial: false, expressions: ["COALESCE(code, ''::text)"] });
    assert.deepEqual(keys.one_default_address, { name: 'one_default_address', columns: ['user_id'], partial: true, predicate: 'is_default' });
    assert.deepEqual(keys.templates_is_default_idx, { name: 'templates_is_default_idx', columns: ['is_default'], partial: true, predicate: '(is_default = true)' });
    assert.deepEqual(keys.slots_room_starts, { name: 'slots_room_starts', columns: ['room', 'starts_at'], partial: false, nullsNotDistinct: true });
    assert.deepEqual(keys.events_eu_ref, { name: 'events_eu_ref', columns: ['ref_code'], partial: true, predicate: "((region IS NOT NULL) AND (region = 'eu'::text))", partition: 'events_eu' });
  });

  test('plan --explain shows each index\'s expression and WHERE; nothing is capped', () => {
    const r = cli(['plan', '--db', pg.url('uniq'), '--rows', '500', '--tables', TABLES.join(','), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout) as { tables: { name: string; count: number }[]; warnings: string[] };
    assert.deepEqual(plan.warnings, []);
    for (const t of plan.tables) assert.equal(t.count, 500, t.name);
    const x = cli(['plan', '--db', pg.url('uniq'), '--explain']);
    assert.equal(x.code, 0, x.stderr);
    assert.match(x.stdout, /unique users_name \(lower\(\(name\)::text\)\): kept distinct on the expression's value \(case variants collide\)/);
    assert.match(x.stdout, /unique users_org_nick \(org_id, lower\(\(nickname\)::text\)\) WHERE \(deleted_at IS NULL\): /);
    assert.match(x.stdout, /unique slots_room_starts \(room, starts_at\) NULLS NOT DISTINCT: NULLs count as one value/);
    assert.match(x.stdout, /unique events_eu_ref \(ref_code\) WHERE \(\(region IS NOT NULL\) AND \(region = 'eu'::text\)\): declared on partition events_eu only/);
    assert.match(x.stdout, /unique templates_is_default_idx \(is_default\) WHERE \(is_default = true\): only rows its WHERE selects are kept distinct \(a colliding row may leave it\), no cap on the table/);
  });

  test('every table fills completely with 2,000 rows (templates 500); the values hold what the indexes ask; validate is clean', async () => {
    let r = cli(['seed', '--db', pg.url('uniq'), '--rows', '2000', '--tables', TABLES.filter((t) => t !== 'templates').join(','), '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /capped|left out/);
    r = cli(['seed', '--db', pg.url('uniq'), '--rows', '500', '--tables', 'templates', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    const n = Object.fromEntries((await pg.query<{ t: string; n: string }>('uniq', TABLES.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM ${t}`).join(' UNION ALL '))).map((x) => [x.t, Number(x.n)]));
    assert.deepEqual(n, { accounts: 2000, addresses: 2000, events: 2000, orgs: 2000, slots: 2000, templates: 500, users: 2000 });
    const [f] = await pg.query<Record<string, string>>('uniq', `SELECT
      (SELECT count(*) FROM templates WHERE is_default) AS default_templates,
      (SELECT count(*) FROM addresses WHERE is_default) AS default_addresses,
      (SELECT count(*) FROM users WHERE coalesce(code, '') = '') AS empty_codes,
      (SELECT count(*) FROM events WHERE region = 'eu' AND ref_code IS NOT NULL) AS eu_refs,
      (SELECT count(DISTINCT rating) FROM accounts) AS ratings`);
    assert.equal(Number(f.default_templates), 1);
    assert.ok(Number(f.default_addresses) > 100, `${f.default_addresses} default addresses`);
    assert.ok(Number(f.empty_codes) <= 1);
    assert.ok(Number(f.eu_refs) > 100);
    assert.equal(Number(f.ratings), 2000);
    assert.deepEqual((await orphans(pg, 'uniq')).filter((o) => o.n), []);
    const v = cli(['validate', '--db', pg.url('uniq')]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /valid: no problems found/);
    // A second run on top reads the existing rows as the indexes hold them.
    r = cli(['seed', '--db', pg.url('uniq'), '--rows', '300', '--seed', '2', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(cli(['validate', '--db', pg.url('uniq')]).stdout, /valid: no problems found/);
  });

  test('a unique citext column compares case-insensitively: five labels make three rows', async () => {
    const x = cli(['plan', '--db', pg.url('uniq'), '--tables', 'tags', '--explain']);
    assert.match(x.stdout, /unique tags_label_key \(label\): citext: case variants collide; distinct values, checked on each row/);
    const r = cli(['seed', '--db', pg.url('uniq'), '--tables', 'tags', '--rows', '5', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /tags: 2 row\(s\) left out: no distinct value left for a unique key/);
    const rows = await pg.query<{ l: string }>('uniq', 'SELECT lower(label::text) AS l FROM tags ORDER BY 1');
    assert.deepEqual(rows.map((x) => x.l), ['a', 'b', 'c']);
    assert.match(cli(['validate', '--db', pg.url('uniq')]).stdout, /valid: no problems found/);
  });

  test('validate\'s duplicate query reads the index as written: expressions, WHERE, NULLS NOT DISTINCT', async () => {
    await pg.createDatabase('dups', `CREATE TABLE u (email text, deleted_at date, room text);
      INSERT INTO u VALUES ('Ann@x.test', NULL, NULL), ('ann@x.test', NULL, NULL), ('bob@x.test', NULL, 'a'), ('BOB@x.test', '2024-01-01', 'a');`);
    const n = async (k: object) => Number((await pg.query<{ n: string }>('dups', duplicatesSql('u', { name: 'k', columns: ['email'], partial: false, ...k }, quoteIdent)))[0].n);
    assert.equal(await n({}), 0);
    assert.equal(await n({ expressions: ['lower(email)'] }), 2);
    assert.equal(await n({ expressions: ['lower(email)'], partial: true, predicate: '(deleted_at IS NULL)' }), 1);
    assert.equal(await n({ columns: ['room'] }), 1);
    assert.equal(await n({ columns: ['room'], nullsNotDistinct: true }), 2);
  });
});
