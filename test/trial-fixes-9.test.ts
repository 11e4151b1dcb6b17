import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// Defects a ninth round of acceptance trials on real schemas found (an Android app's Room
// database, …), each as a small schema of the project's own.

// An Android app's Room database: tables named for their entity classes (`AccountEntity`), no
// FOREIGN KEY from the drafts and conversations to the account they belong to, and Room's own
// bookkeeping table.
const ROOM = `
CREATE TABLE IF NOT EXISTS \`AccountEntity\` (\`id\` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \`domain\` TEXT NOT NULL, \`handle\` TEXT NOT NULL, \`isActive\` INTEGER NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS \`index_AccountEntity_domain_handle\` ON \`AccountEntity\` (\`domain\`, \`handle\`);
CREATE TABLE IF NOT EXISTS \`DraftEntity\` (\`id\` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \`accountId\` INTEGER NOT NULL, \`content\` TEXT, \`failedToSend\` INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS \`ChatThreadEntity\` (\`accountId\` INTEGER NOT NULL, \`id\` TEXT NOT NULL, \`unread\` INTEGER NOT NULL, PRIMARY KEY(\`id\`, \`accountId\`));
CREATE TABLE IF NOT EXISTS \`ChatMessageEntity\` (\`id\` INTEGER PRIMARY KEY NOT NULL, \`chatThreadId\` TEXT, \`body\` TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS room_master_table (id INTEGER PRIMARY KEY, identity_hash TEXT);
INSERT OR REPLACE INTO room_master_table (id, identity_hash) VALUES (42, 'c0ffee');`;

// The same convention in a JPA application on PostgreSQL (Hibernate's snake-cased names).
const JPA = `
CREATE TABLE customer_entity (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE TABLE purchase_order_entity (id bigserial PRIMARY KEY, customer_id bigint NOT NULL, placed_at timestamptz NOT NULL);
CREATE TABLE order_line_entity (id bigserial PRIMARY KEY, purchase_order_id bigint NOT NULL, quantity integer NOT NULL CHECK (quantity > 0));`;

const NOTE = /note: references implied by column names \(no FOREIGN KEY in the database; values taken from the parent's keys\): (.*)\. `impliedForeignKeys: false`/;

describe('SQLite (Room entity tables)', () => {
  const dir = tempDir();
  after(() => cleanup(dir));

  test('`accountId` in a Room database names `AccountEntity`: drafts and threads belong to accounts that exist; validate is clean', () => {
    // Found on a Mastodon client's Room database (Tusky): DraftEntity.accountId and
    // ConversationEntity.accountId held numbers of no account (the tables are named
    // `<Class>Entity`, so `accountId` named no table).
    const file = join(dir, 'room.db');
    createDb(file, ROOM);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '120']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), []);
    assert.equal(r.stderr.match(NOTE)?.[1], 'ChatThreadEntity.accountId → AccountEntity, DraftEntity.accountId → AccountEntity');
    const n = counts(file);
    for (const t of ['AccountEntity', 'DraftEntity', 'ChatThreadEntity', 'ChatMessageEntity']) assert.equal(n[t], 120, t);
    assert.equal(n.room_master_table, 1, 'Room\'s own table is left alone');
    valid(`sqlite:${file}`);
    const own = withDb(file, (db) => db.prepare(`SELECT
      (SELECT count(*) FROM DraftEntity WHERE accountId IN (SELECT id FROM AccountEntity)) AS drafts,
      (SELECT count(*) FROM ChatThreadEntity WHERE accountId IN (SELECT id FROM AccountEntity)) AS threads`).get());
    assert.deepEqual(own, { drafts: 120, threads: 120 });
  });

  test('a table named exactly so comes first: `user_id` beside `users` and `user_entity` names `users`', () => {
    const file = join(dir, 'both.db');
    createDb(file, `CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
      CREATE TABLE user_entity (id INTEGER PRIMARY KEY, realm TEXT NOT NULL);
      CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, title TEXT NOT NULL);`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '30']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr.match(NOTE)?.[1], 'posts.user_id → users');
  });
});

describe('PostgreSQL (JPA entity tables)', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); await pg.createDatabase('jpa', JPA); });
  after(async () => { await pg?.stop(); });

  test('`customer_id` names `customer_entity`, `purchase_order_id` names `purchase_order_entity`: every order and line has its parent', async () => {
    const url = pg.url('jpa');
    const r = cli(['seed', '--db', url, '--rows', '80']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), []);
    assert.equal(r.stderr.match(NOTE)?.[1], 'order_line_entity.purchase_order_id → purchase_order_entity, purchase_order_entity.customer_id → customer_entity');
    valid(url);
    const [row] = await pg.query<{ orders: number; lines: number; total: number }>('jpa', `SELECT
      (SELECT count(*) FROM purchase_order_entity WHERE customer_id IN (SELECT id FROM customer_entity))::int AS orders,
      (SELECT count(*) FROM order_line_entity WHERE purchase_order_id IN (SELECT id FROM purchase_order_entity))::int AS lines,
      (SELECT count(*) FROM order_line_entity)::int AS total`);
    assert.deepEqual(row, { orders: 80, lines: 80, total: 80 });
  });
});
