import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, dataDump, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, dump, seedClean, tempDir, valid, withDb } from './support/sqlite.ts';

// Rows that tell one story: a row's status agrees with its event timestamps (an order that is
// 'shipped' has shipped_at and no delivered_at; a 'cancelled' one has cancelled_at and nothing
// after it), and a flag with its timestamp (is_deleted ↔ deleted_at, email_verified ↔
// email_verified_at, is_active false ↔ deactivated_at, paid ↔ paid_at). Asked by SQL of a real
// SQLite file and a real PostgreSQL database; validate finds nothing; the same seed gives the
// same rows. The tables are the engine's own fixtures (no rule names them).

const DDL = (orderStatus: string) => `
CREATE TABLE users (
  id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'pending', 'banned')),
  is_deleted BOOLEAN NOT NULL DEFAULT false, deleted_at TIMESTAMP,
  email_verified BOOLEAN NOT NULL DEFAULT false, email_verified_at TIMESTAMP,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)), deactivated_at TEXT,
  suspended_at TIMESTAMP, banned_at TIMESTAMP,
  created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
  status ${orderStatus} NOT NULL,
  total NUMERIC(10,2) NOT NULL,
  created_at TIMESTAMP NOT NULL, paid_at TIMESTAMP, shipped_at TIMESTAMP, delivered_at TIMESTAMP,
  cancelled_at TIMESTAMP, refunded_at TIMESTAMP,
  CHECK (delivered_at IS NULL OR delivered_at >= created_at)
);
CREATE TABLE subscriptions (
  id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
  status TEXT NOT NULL CHECK (status IN ('trialing', 'active', 'past_due', 'canceled', 'expired')),
  started_at TIMESTAMP NOT NULL, canceled_at TIMESTAMP, expired_on DATE
);
CREATE TABLE invoices (
  id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users(id), amount NUMERIC(10,2),
  paid BOOLEAN NOT NULL, paid_at TIMESTAMP, issued_at TIMESTAMP NOT NULL
);
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY, title TEXT NOT NULL, status TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL, resolved_at TIMESTAMP, closed_at TIMESTAMP, rejected_at TIMESTAMP
);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY, title TEXT NOT NULL, status VARCHAR(12) NOT NULL,
  created_at TIMESTAMP NOT NULL, published_at TIMESTAMP, archived_at TIMESTAMP,
  -- A CHECK that only lets archived posts carry archived_at: the story agrees with it.
  CHECK (archived_at IS NULL OR status = 'archived')
);
-- A prefixed status decides its own process's dates only (date_paid), not the row's others (archived_at).
CREATE TABLE carts (
  id INTEGER PRIMARY KEY, created_at TIMESTAMP NOT NULL,
  payment_status VARCHAR(10) NOT NULL CHECK (payment_status IN ('unpaid', 'paid', 'refunded', 'archived')),
  date_paid DATE, archived_at TIMESTAMP
);
-- Events no status or flag decides still come after the row's creation.
CREATE TABLE accounts (id INTEGER PRIMARY KEY, created_at TIMESTAMP NOT NULL, email_confirmed_at TIMESTAMP, phone_confirmed_at TIMESTAMP, refunded_on DATE);
-- Two flags that say one thing (as pagila's customer has): they agree.
CREATE TABLE members (id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, activebool BOOLEAN NOT NULL DEFAULT true, active INTEGER, create_date DATE NOT NULL);
`;
const ORDER_VALUES = `'pending', 'paid', 'shipped', 'delivered', 'cancelled', 'refunded'`;
const SQLITE_DDL = DDL(`VARCHAR(20) CHECK (status IN (${ORDER_VALUES}))`);
const PG_DDL = `CREATE TYPE order_status AS ENUM (${ORDER_VALUES});\n${DDL('order_status')}`;

/** [table, timestamp column, SQL condition under which it must be set]. */
const PAIRS: [string, string, string][] = [
  ['orders', 'paid_at', `status IN ('paid', 'shipped', 'delivered', 'refunded')`],
  ['orders', 'shipped_at', `status IN ('shipped', 'delivered')`],
  ['orders', 'delivered_at', `status = 'delivered'`],
  ['orders', 'cancelled_at', `status = 'cancelled'`],
  ['orders', 'refunded_at', `status = 'refunded'`],
  ['subscriptions', 'canceled_at', `status = 'canceled'`],
  ['subscriptions', 'expired_on', `status = 'expired'`],
  ['users', 'deleted_at', 'is_deleted'],
  ['users', 'email_verified_at', 'email_verified'],
  ['users', 'deactivated_at', 'is_active = 0'],
  ['users', 'suspended_at', `status = 'suspended'`],
  ['users', 'banned_at', `status = 'banned'`],
  ['invoices', 'paid_at', 'paid'],
  ['tickets', 'resolved_at', `status IN ('resolved', 'closed')`],
  ['tickets', 'closed_at', `status = 'closed'`],
  ['tickets', 'rejected_at', `status = 'rejected'`],
  ['posts', 'published_at', `status IN ('published', 'archived')`],
  ['posts', 'archived_at', `status = 'archived'`],
  ['carts', 'date_paid', `payment_status IN ('paid', 'refunded')`],
];
/** Dates in the order the story happened: [table, earlier, later]. */
const ORDER: [string, string, string][] = [
  ['orders', 'created_at', 'paid_at'], ['orders', 'paid_at', 'shipped_at'], ['orders', 'shipped_at', 'delivered_at'],
  ['orders', 'created_at', 'cancelled_at'], ['orders', 'paid_at', 'refunded_at'],
  ['users', 'created_at', 'deleted_at'], ['users', 'created_at', 'email_verified_at'], ['tickets', 'resolved_at', 'closed_at'],
  ['posts', 'published_at', 'archived_at'], ['posts', 'created_at', 'published_at'],
  ['accounts', 'created_at', 'email_confirmed_at'], ['accounts', 'created_at', 'phone_confirmed_at'], ['accounts', 'substr(CAST(created_at AS TEXT), 1, 10)', 'CAST(refunded_on AS TEXT)'],
];
const ROWS = '400';

type Count = (sql: string) => Promise<number>;

/** The story's assertions, the same on both databases. */
async function assertStory(count: Count): Promise<void> {
  for (const [t, col, when] of PAIRS) {
    const on = `(CASE WHEN ${when} THEN 1 ELSE 0 END)`;
    const set = `(CASE WHEN ${col} IS NOT NULL THEN 1 ELSE 0 END)`;
    assert.equal(await count(`SELECT count(*) AS n FROM ${t} WHERE ${on} <> ${set}`), 0, `${t}.${col} is set exactly when ${when}`);
    assert.ok(await count(`SELECT count(*) AS n FROM ${t} WHERE ${when} AND ${col} IS NOT NULL`) > 0, `some ${t} rows with ${when} have ${col}`);
    assert.ok(await count(`SELECT count(*) AS n FROM ${t} WHERE NOT (${when}) AND ${col} IS NULL`) > 0, `some ${t} rows without ${when} have no ${col}`);
  }
  assert.equal(await count(`SELECT count(*) AS n FROM users WHERE (CASE WHEN status = 'active' THEN 1 ELSE 0 END) <> is_active`), 0, 'users.is_active says status = active');
  assert.equal(await count(`SELECT count(*) AS n FROM members WHERE (CASE WHEN activebool THEN 1 ELSE 0 END) <> active OR active IS NULL`), 0, 'members.active is activebool as 0/1');
  assert.ok(await count(`SELECT count(*) AS n FROM members WHERE NOT activebool`) > 0, 'some members are not active');
  for (const [t, a, b] of ORDER) {
    assert.equal(await count(`SELECT count(*) AS n FROM ${t} WHERE ${a} IS NOT NULL AND ${b} IS NOT NULL AND ${b} < ${a}`), 0, `${t}: ${a} <= ${b}`);
  }
}

const dir = tempDir();
after(() => cleanup(dir));

describe('statuses, flags and their timestamps agree (SQLite)', () => {
  const file = (n: string) => join(dir, `${n}.db`);
  before(() => {
    for (const n of ['a', 'b']) {
      createDb(file(n), SQLITE_DDL);
      seedClean(`sqlite:${file(n)}`, '--rows', ROWS, '--seed', '7', '--yes');
    }
  });

  test('every pair agrees, both branches occur, and dates follow one another', async () => {
    await assertStory(async (sql) => withDb(file('a'), (db) => Number((db.prepare(sql).get() as { n: number }).n)));
  });

  test('validate finds nothing and the same seed gives the same rows', () => {
    valid(`sqlite:${file('a')}`);
    assert.equal(dump(file('a')), dump(file('b')));
  });

  test('plan --explain says what decides each timestamp', () => {
    const r = cli(['plan', '--explain', '--db', `sqlite:${file('a')}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /set when status is delivered \/ paid \/ refunded \/ shipped, else NULL/);
    assert.match(r.stdout, /set when is_active is false, else NULL/);
    assert.match(r.stdout, /the same as activebool/);
    assert.match(r.stdout, /true when status is active, else false/);
    assert.doesNotMatch(r.stdout, /set when payment_status is archived/);
  });
});

describe('statuses, flags and their timestamps agree (PostgreSQL, the order status an enum)', () => {
  let pg: PgServer;
  before(async () => {
    pg = await startPostgres();
    for (const n of ['story_a', 'story_b']) {
      await pg.createDatabase(n, PG_DDL);
      seedClean(pg.url(n), '--rows', ROWS, '--seed', '7', '--yes');
    }
  });
  after(async () => { await pg?.stop(); });

  test('every pair agrees, both branches occur, and dates follow one another', async () => {
    await assertStory(async (sql) => Number((await pg.query<{ n: unknown }>('story_a', sql))[0].n));
  });

  test('validate finds nothing and the same seed gives the same rows', async () => {
    valid(pg.url('story_a'));
    assert.equal(await dataDump(pg, 'story_a'), await dataDump(pg, 'story_b'));
  });
});
