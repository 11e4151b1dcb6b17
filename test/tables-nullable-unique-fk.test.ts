import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cleanup, cli, counts, createDb, integrity, seedClean, tempDir, valid, withDb } from './support/sqlite.ts';

// A one-to-one link that may be empty: dashboard_users.core_user_id INTEGER UNIQUE REFERENCES
// users (nullable). `seed --tables webhooks` adds the empty parents webhooks needs, and users is
// not one of them (the link is nullable). The unique nullable FK was sampled as a combination,
// never NULL, so with users empty dashboard_users got no rows — "required parent users has no
// rows" — and every table under it none either. Found on faraday_ai (533 tables).

const DDL = `
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
CREATE TABLE dashboard_users (id INTEGER PRIMARY KEY, core_user_id INTEGER UNIQUE REFERENCES users (id), full_name TEXT NOT NULL);
CREATE TABLE subscriptions (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES dashboard_users (id), plan TEXT NOT NULL);
CREATE TABLE webhooks (id INTEGER PRIMARY KEY, subscription_id INTEGER NOT NULL REFERENCES subscriptions (id), url TEXT NOT NULL);`;

describe('seed --tables under a nullable one-to-one link to a table left empty', () => {
  let dir: string;
  let db: string;
  before(() => {
    dir = tempDir();
    db = join(dir, 'app.db');
    createDb(db, DDL);
  });
  after(() => cleanup(dir));

  test('the parents webhooks needs are filled, the empty link is NULL, nothing is left out', () => {
    const plan = cli(['plan', '--db', `sqlite:${db}`, '--tables', 'webhooks', '--rows', '20']);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /^ {2}dashboard_users: 20 rows — added: subscriptions\.user_id needs rows in it$/m);
    assert.doesNotMatch(plan.stdout, /no rows/);
    seedClean(`sqlite:${db}`, '--tables', 'webhooks', '--rows', '20', '--yes');
    assert.deepEqual(counts(db), { dashboard_users: 20, subscriptions: 20, users: 0, webhooks: 20 });
    withDb(db, (d) => assert.deepEqual(d.prepare('SELECT count(*) AS n FROM dashboard_users WHERE core_user_id IS NOT NULL').get(), { n: 0 }));
    assert.deepEqual(integrity(db), { fk: [], integrity: ['ok'] });
    valid(`sqlite:${db}`);
  });

  test('with users seeded too, the link is a distinct user per row as before', () => {
    seedClean(`sqlite:${db}`, '--rows', '20', '--clear-first', '--yes');
    withDb(db, (d) => assert.deepEqual(d.prepare('SELECT count(DISTINCT core_user_id) AS n, count(core_user_id) AS m FROM dashboard_users').get(), { n: 20, m: 20 }));
    valid(`sqlite:${db}`);
  });
});
