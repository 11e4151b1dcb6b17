import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dataDump, orphans, startPostgres, type PgServer } from './support/postgres.ts';
import { cli } from './support/sqlite.ts';

// Nullable foreign keys in a cycle are inserted NULL and filled once their parents exist: on
// PostgreSQL one UPDATE per batch of rows (drivers/pg-update.ts: the rows as one JSON parameter
// typed by json_populate_recordset) instead of one round trip per row. Keys of several kinds —
// serial, text with quoted mixed-case names, a composite key, uuid — and more rows than one batch
// (5,000): every edge filled as planned, no orphan, validate clean, the same seed the same bytes.

let pg: PgServer;
before(async () => { pg = await startPostgres(); });
after(async () => { await pg?.stop(); });

const SCHEMA = `
CREATE TABLE orgs (id serial PRIMARY KEY, name text NOT NULL, owner_id int);
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, org_id int NOT NULL REFERENCES orgs(id), "Team Key" text);
ALTER TABLE orgs ADD CONSTRAINT orgs_owner FOREIGN KEY (owner_id) REFERENCES users(id);
CREATE TABLE "Teams" ("Key" text PRIMARY KEY, "Lead Id" int REFERENCES users(id));
ALTER TABLE users ADD CONSTRAINT users_team FOREIGN KEY ("Team Key") REFERENCES "Teams"("Key");
CREATE TABLE seasons (league text NOT NULL, year int NOT NULL, champion uuid, PRIMARY KEY (league, year));
CREATE TABLE clubs (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL, league text NOT NULL, year int NOT NULL,
  FOREIGN KEY (league, year) REFERENCES seasons (league, year));
ALTER TABLE seasons ADD CONSTRAINT seasons_champion FOREIGN KEY (champion) REFERENCES clubs(id);
`;

async function filled(db: string, sql: string): Promise<number> {
  return Number((await pg.query<{ n: string }>(db, sql))[0].n);
}

describe('nullable cycle edges filled after the rows exist, on PostgreSQL', () => {
  for (const rows of [40, 6000]) {
    test(`--rows ${rows}: each edge filled by one UPDATE per batch, no orphan, validate clean, same seed same data`, async () => {
      const dbs = [`cycle_upd_${rows}_a`, `cycle_upd_${rows}_b`];
      for (const db of dbs) {
        await pg.createDatabase(db, SCHEMA);
        const r = cli(['seed', '--db', pg.url(db), '--rows', String(rows), '--seed', '7', '--yes']);
        assert.equal(r.code, 0, r.stderr);
        for (const t of ['orgs', 'users', 'Teams', 'seasons']) assert.match(r.stdout + r.stderr, new RegExp(`  ${t}: closed a cycle on \\d+ rows`));
        assert.deepEqual((await orphans(pg, db)).filter((o) => o.n > 0), []);
        const v = cli(['validate', '--db', pg.url(db)]);
        assert.equal(v.code, 0, v.stdout + v.stderr);
      }
      const [db] = dbs;
      // Most rows point into the cycle (nullable edges keep their usual share of NULLs).
      for (const [sql, table] of [
        ['SELECT count(owner_id) AS n FROM orgs', 'orgs'], ['SELECT count("Team Key") AS n FROM users', 'users'],
        ['SELECT count("Lead Id") AS n FROM "Teams"', '"Teams"'], ['SELECT count(champion) AS n FROM seasons', 'seasons'],
      ]) {
        const total = await filled(db, `SELECT count(*) AS n FROM ${table}`);
        assert.ok(total > 0, table);
        assert.ok(await filled(db, sql) >= total * 0.5, `${sql}: at least half of ${total}`);
      }
      assert.equal(await dataDump(pg, dbs[1]), await dataDump(pg, dbs[0]));
    });
  }
});
