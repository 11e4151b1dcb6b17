import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, counts, createDb, seedClean, tempDir, valid, withDb } from './support/sqlite.ts';

// Defects a third round of acceptance trials on real schemas found (Matrix bridges, Hasura, …),
// each as a small schema of the project's own.

const dir = tempDir();
after(() => cleanup(dir));

// A tree inside a tenant: the self-reference carries the tenant column, NOT NULL, beside a nullable
// parent column (MATCH SIMPLE: a row with its parent column NULL need not match anything).
const TENANT_TREE = `
CREATE TABLE rooms (
  space TEXT NOT NULL, id TEXT NOT NULL, owner TEXT NOT NULL,
  parent_id TEXT, parent_owner TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  PRIMARY KEY (space, id, owner),
  CONSTRAINT rooms_parent FOREIGN KEY (space, parent_id, parent_owner) REFERENCES rooms (space, id, owner)
);`;

describe('a composite self-reference whose columns are partly NOT NULL (a tree inside a tenant)', () => {
  // Found on the Matrix bridges (mautrix bridgev2): portal (bridge_id, parent_id, parent_receiver)
  // → portal (bridge_id, id, receiver), bridge_id and parent_receiver NOT NULL: "no key for row 0";
  // the table and the five tables under it were left out.
  test('SQLite: every row in; children are in their parent\'s tenant; validate is clean', () => {
    const file = join(dir, 'tenant-tree.db');
    createDb(file, TENANT_TREE);
    seedClean(`sqlite:${file}`, '--rows', '120');
    assert.deepEqual(counts(file), { rooms: 120 });
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, sum(c.space = p.space) AS same,
      (SELECT count(*) FROM rooms WHERE parent_id IS NULL) AS roots FROM rooms c JOIN rooms p ON p.id = c.parent_id AND p.owner = c.parent_owner`).get() as { n: number; same: number; roots: number });
    assert.ok(r.n >= 40 && r.roots >= 1, `${r.n} rooms with a parent, ${r.roots} roots`);
    assert.equal(r.same, r.n);
    valid(`sqlite:${file}`);
  });
});

describe('PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('a composite self-reference whose columns are partly NOT NULL: every row in; validate is clean', async () => {
    await pg.createDatabase('tenant_tree', TENANT_TREE);
    const url = pg.url('tenant_tree');
    seedClean(url, '--rows', '120');
    const [r] = await pg.query<{ n: number; kids: number }>('tenant_tree', `SELECT (SELECT count(*) FROM rooms)::int AS n,
      (SELECT count(*) FROM rooms WHERE parent_id IS NOT NULL)::int AS kids`);
    assert.equal(r.n, 120);
    assert.ok(r.kids >= 40, `${r.kids} rooms with a parent`);
    valid(url);
  });
});
