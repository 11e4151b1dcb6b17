import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanup, cli, createDb, dump, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// SQLite CHECKs that read the clock. CURRENT_DATE / CURRENT_TIMESTAMP are met relative to the
// run's day (sessions that expire in the future, people born in the past, a review due within the
// coming year); a date function asked for 'now' (date('now'), julianday('now'), strftime('%s',
// 'now'), unixepoch()) makes SQLite refuse every row, so its table is left out at plan time with
// the CHECK named and the fix, instead of SQLite's error at write time.

const DDL = `
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY, token TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL CHECK (created_at <= CURRENT_TIMESTAMP),
  expires_at TIMESTAMP NOT NULL CHECK (expires_at > CURRENT_TIMESTAMP)
);
CREATE TABLE members (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL,
  joined_on DATE NOT NULL CHECK (joined_on <= CURRENT_DATE AND joined_on >= date(CURRENT_DATE, '-2 years')),
  review_due DATE CHECK (review_due IS NULL OR review_due BETWEEN CURRENT_DATE AND date(CURRENT_DATE, '+1 year'))
);
CREATE TABLE renewals (id INTEGER PRIMARY KEY, renew_on DATE CHECK (renew_on >= date('now')));
CREATE TABLE stamps (id INTEGER PRIMARY KEY, at_s INTEGER NOT NULL CHECK (at_s <= strftime('%s', 'now')));
CREATE TABLE ticks (id INTEGER PRIMARY KEY, at REAL NOT NULL CHECK (at < julianday('now')));
`;

const dir = tempDir();
after(() => cleanup(dir));
const count = (file: string, sql: string) => withDb(file, (db) => Number((db.prepare(sql).get() as { n: number }).n));

describe('left13: CHECKs that read the clock (SQLite)', () => {
  const a = join(dir, 'a.db');
  const b = join(dir, 'b.db');
  createDb(a, DDL);
  createDb(b, DDL);
  const r = cli(['seed', '--db', `sqlite:${a}`, '--rows', '300', '--yes']);
  cli(['seed', '--db', `sqlite:${b}`, '--rows', '300', '--yes']);

  test('CURRENT_DATE / CURRENT_TIMESTAMP CHECKs are met: every row written, as SQLite judges them now', () => {
    assert.equal(r.code, 0, r.stderr);
    assert.equal(count(a, 'SELECT count(*) AS n FROM sessions'), 300);
    assert.equal(count(a, 'SELECT count(*) AS n FROM members'), 300);
    assert.equal(count(a, 'SELECT count(*) AS n FROM sessions WHERE NOT (expires_at > CURRENT_TIMESTAMP AND created_at <= CURRENT_TIMESTAMP)'), 0);
    assert.equal(count(a, `SELECT count(*) AS n FROM members WHERE joined_on > CURRENT_DATE OR joined_on < date(CURRENT_DATE, '-2 years')`), 0);
    assert.ok(count(a, 'SELECT count(*) AS n FROM members WHERE review_due IS NOT NULL') > 0);
    valid(`sqlite:${a}`);
  });

  test("date('now'), strftime('%s', 'now'), julianday('now') in a CHECK: the table is left out, the CHECK named", () => {
    const why = (t: string, check: string, call: string, fn: string) =>
      `warning: ${t}: cannot fill: its CHECK (${check}) calls ${call}: SQLite refuses every row of it ("non-deterministic use of ${fn}() in a CHECK constraint"); compare with CURRENT_DATE or CURRENT_TIMESTAMP instead; left out`;
    assert.deepEqual(warnings(r.stderr).sort(), [
      why('renewals', "renew_on >= date('now')", "date('now')", 'date'),
      why('stamps', "at_s <= strftime('%s', 'now')", "strftime('%s', 'now')", 'strftime'),
      why('ticks', "at < julianday('now')", "julianday('now')", 'julianday'),
    ]);
    for (const t of ['renewals', 'stamps', 'ticks']) assert.equal(count(a, `SELECT count(*) AS n FROM ${t}`), 0);
    const plan = cli(['plan', '--db', `sqlite:${a}`, '--rows', '5']);
    assert.match(plan.stdout, /renewals: cannot fill: its CHECK \(renew_on >= date\('now'\)\) calls date\('now'\)/);
  });

  test('the same seed on the same day gives the same rows', () => {
    assert.equal(dump(a), dump(b));
  });
});
