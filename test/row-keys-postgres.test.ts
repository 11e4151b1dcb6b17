import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cli } from './support/sqlite.ts';

// Tables with no primary key but a unique key of NOT NULL columns (`id text NOT NULL, UNIQUE (id)`:
// five of nine tables of a real PostgreSQL schema) were "keyless": their rows could not be undone
// one by one. The ledger now records that key; only a table with no such key is keyless.

describe('PostgreSQL: a NOT NULL unique key names the rows undo removes', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });
  const n = async (db: string, t: string) => Number((await pg.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${t}`))[0].n);

  for (const rows of [10, 12000]) {
    test(`--rows ${rows}: seed warns only for the table with no such key; undo removes exactly the run's rows`, async () => {
      const db = `row_keys_${rows}`;
      await pg.createDatabase(db, `
CREATE TABLE channels (id text NOT NULL, author text, CONSTRAINT channels_id_key UNIQUE (id));
CREATE TABLE videos (channel_id text NOT NULL, position int NOT NULL, title text, UNIQUE (channel_id, position));
CREATE TABLE nonces (nonce text UNIQUE, expire timestamptz);
INSERT INTO channels (id, author) VALUES ('UC-existing', 'kept');`);
      const r = cli(['seed', '--db', pg.url(db), '--rows', String(rows), '--json']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(JSON.parse(r.stdout).keyless, ['nonces']);
      assert.deepEqual([await n(db, 'channels'), await n(db, 'videos')], [rows + 1, rows]);
      const u = cli(['undo', '--yes', '--db', pg.url(db)]);
      assert.equal(u.code, 0, u.stderr);
      assert.deepEqual([await n(db, 'channels'), await n(db, 'videos')], [1, 0]);
      assert.deepEqual(await pg.query(db, 'SELECT id, author FROM channels'), [{ id: 'UC-existing', author: 'kept' }]);
    });
  }
});
