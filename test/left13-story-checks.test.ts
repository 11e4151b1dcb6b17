import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, createDb, seedClean, tempDir, valid, withDb } from './support/sqlite.ts';

// A status or flag and its event dates still agree after the CHECK solver redrew a column to
// meet a CHECK (a redrawn status takes its dates with it; a redrawn flag its timestamp), and
// where a CHECK forbids the agreeing value the CHECK wins (validate finds nothing).

const DDL = `
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  status VARCHAR(12) NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
  priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 3),
  total NUMERIC(10,2) NOT NULL,
  created_at TIMESTAMP NOT NULL, paid_at TIMESTAMP, shipped_at TIMESTAMP, delivered_at TIMESTAMP, cancelled_at TIMESTAMP,
  CHECK (NOT (status IN ('cancelled', 'delivered') AND priority = 3)),
  CHECK (status = 'pending' OR total >= 20)
);
CREATE TABLE users (
  id INTEGER PRIMARY KEY, email TEXT NOT NULL,
  is_deleted BOOLEAN NOT NULL, deleted_at TIMESTAMP,
  is_active INTEGER NOT NULL CHECK (is_active IN (0, 1)),
  status VARCHAR(12) NOT NULL CHECK (status IN ('active', 'suspended', 'pending')),
  score INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL,
  CHECK (NOT is_deleted OR score < 50),
  CHECK (status <> 'active' OR score > 10)
);
-- The CHECK forbids a set archived_at on low-rank rows: there the CHECK wins over the story.
CREATE TABLE posts (
  id INTEGER PRIMARY KEY, title TEXT NOT NULL, rank INTEGER NOT NULL,
  status VARCHAR(12) NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
  created_at TIMESTAMP NOT NULL, published_at TIMESTAMP, archived_at TIMESTAMP,
  CHECK (archived_at IS NULL OR rank > 5),
  CHECK (status = 'draft' OR rank > 0)
);
`;

/** [table, timestamp, condition under which it is set]. */
const PAIRS: [string, string, string][] = [
  ['orders', 'paid_at', `status IN ('paid', 'shipped', 'delivered')`],
  ['orders', 'shipped_at', `status IN ('shipped', 'delivered')`],
  ['orders', 'delivered_at', `status = 'delivered'`],
  ['orders', 'cancelled_at', `status = 'cancelled'`],
  ['users', 'deleted_at', 'is_deleted'],
  ['posts', 'published_at', `status IN ('published', 'archived')`],
  ['posts', 'archived_at', `status = 'archived' AND rank > 5`],
];

type Count = (sql: string) => Promise<number>;

async function assertAgree(count: Count): Promise<void> {
  for (const [t, col, when] of PAIRS) {
    const on = `(CASE WHEN ${when} THEN 1 ELSE 0 END)`;
    const set = `(CASE WHEN ${col} IS NOT NULL THEN 1 ELSE 0 END)`;
    assert.equal(await count(`SELECT count(*) AS n FROM ${t} WHERE ${on} <> ${set}`), 0, `${t}.${col} is set exactly when ${when}`);
    assert.ok(await count(`SELECT count(*) AS n FROM ${t} WHERE ${when}`) > 0, `some ${t} rows have ${when}`);
  }
  assert.equal(await count(`SELECT count(*) AS n FROM users WHERE (CASE WHEN status = 'active' THEN 1 ELSE 0 END) <> is_active`), 0, 'users.is_active says status = active');
  // The solver did redraw: no cancelled or delivered order has priority 3, no deleted user a high score.
  assert.equal(await count(`SELECT count(*) AS n FROM orders WHERE status IN ('cancelled', 'delivered') AND priority = 3`), 0);
  assert.ok(await count(`SELECT count(*) AS n FROM orders WHERE status = 'cancelled'`) > 0);
  // Archived posts the CHECK keeps from an archived_at (rank <= 5): the CHECK won.
  assert.equal(await count(`SELECT count(*) AS n FROM posts WHERE archived_at IS NOT NULL AND rank <= 5`), 0);
}

const ROWS = '1500';
const dir = tempDir();
after(() => cleanup(dir));

describe('left13: the story agrees after CHECK redraws (SQLite)', () => {
  const file = join(dir, 'story.db');
  before(() => {
    createDb(file, DDL);
    seedClean(`sqlite:${file}`, '--rows', ROWS, '--seed', '3', '--yes');
  });

  test('every status/flag agrees with its event dates; validate finds nothing', async () => {
    await assertAgree(async (sql) => withDb(file, (db) => Number((db.prepare(sql).get() as { n: number }).n)));
    valid(`sqlite:${file}`);
  });
});

describe('left13: the story agrees after CHECK redraws (PostgreSQL)', () => {
  let pg: PgServer;
  before(async () => {
    pg = await startPostgres();
    await pg.createDatabase('left13_story', DDL);
    seedClean(pg.url('left13_story'), '--rows', ROWS, '--seed', '3', '--yes');
  });
  after(async () => { await pg?.stop(); });

  test('every status/flag agrees with its event dates; validate finds nothing', async () => {
    await assertAgree(async (sql) => Number((await pg.query<{ n: unknown }>('left13_story', sql))[0].n));
    valid(pg.url('left13_story'));
  });
});
