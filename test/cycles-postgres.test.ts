import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { dataDump, orphans, sequenceState, startPostgres, type PgServer } from './support/postgres.ts';
import { cli } from './support/sqlite.ts';

// NOT NULL foreign-key cycles whose constraints cannot be deferred (a store's manager is a staff
// member, a staff member works in a store): PostgreSQL fills them in the run's one transaction by
// dropping the cycle's closing constraint and adding it back before COMMIT, which checks every
// row. The constraint comes back identical; a role that does not own the table is told which edge.

let pg: PgServer;
before(async () => { pg = await startPostgres(); });
after(async () => { await pg?.stop(); });

const CYCLES = `
CREATE TABLE store (id serial PRIMARY KEY, manager_id int NOT NULL, name text NOT NULL);
CREATE TABLE staff (id serial PRIMARY KEY, store_id int NOT NULL REFERENCES store(id), first_name text NOT NULL, email text NOT NULL UNIQUE);
ALTER TABLE store ADD CONSTRAINT store_manager_fk FOREIGN KEY (manager_id) REFERENCES staff(id) ON DELETE RESTRICT;
COMMENT ON CONSTRAINT store_manager_fk ON store IS 'a store''s manager works there';
-- Three tables in a cycle: a -> b -> c -> a, all NOT NULL, none deferrable.
CREATE TABLE ring_a (id int PRIMARY KEY, c_id int NOT NULL, label text);
CREATE TABLE ring_b (id int PRIMARY KEY, a_id int NOT NULL REFERENCES ring_a(id) ON UPDATE CASCADE, label text);
CREATE TABLE ring_c (id int PRIMARY KEY, b_id int NOT NULL REFERENCES ring_b(id), label text);
ALTER TABLE ring_a ADD CONSTRAINT ring_a_c_fk FOREIGN KEY (c_id) REFERENCES ring_c(id) NOT VALID;
COMMENT ON CONSTRAINT ring_a_c_fk ON ring_a IS 'closes the ring';
-- No sequence: ALTER SEQUENCE … RESTART (after the run) needs its owner too.
CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL);
CREATE TABLE rental (id serial PRIMARY KEY, staff_id int NOT NULL REFERENCES staff(id), amount numeric(6,2) NOT NULL CHECK (amount >= 0));
`;

/** Every FK as the catalogue holds it: what "added back identically" must preserve. */
async function constraints(db: string): Promise<string> {
  const rows = await pg.query<{ r: string }>(db, `
    SELECT c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) || ' validated=' || c.convalidated
      || ' deferrable=' || c.condeferrable || ' deferred=' || c.condeferred || ' comment=' || coalesce(obj_description(c.oid, 'pg_constraint'), '-') AS r
    FROM pg_constraint c WHERE c.contype = 'f' ORDER BY 1`);
  return rows.map((r) => r.r).join('\n');
}

async function counts(db: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['store', 'staff', 'ring_a', 'ring_b', 'ring_c', 'rental']) out[t] = Number((await pg.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${t}`))[0].n);
  return out;
}

describe('NOT NULL cycles that cannot be deferred, on PostgreSQL', () => {
  for (const rows of [30, 4000]) {
    // 4,000 rows per table is a large run: its FKs are also dropped for the bulk load (pg-bulk-fks.ts).
    test(`--rows ${rows}: every table filled, 0 orphans, validate clean, the constraints back exactly as they were`, async () => {
      const db = `cycles_${rows}`;
      await pg.createDatabase(db, CYCLES);
      const before = await constraints(db);
      const plan = cli(['plan', '--db', pg.url(db), '--rows', String(rows)]);
      assert.equal(plan.code, 0, plan.stderr);
      assert.match(plan.stdout, /store\.manager_id → staff: not deferrable: the constraint is dropped for the run and added back \(and checked\) before COMMIT/);
      assert.match(plan.stdout, /ring_[abc]\.\w+ → ring_[abc]: not deferrable/);
      const r = cli(['seed', '--db', pg.url(db), '--rows', String(rows)]);
      assert.equal(r.code, 0, r.stderr);
      assert.doesNotMatch(r.stderr, /warning/);
      assert.deepEqual(await counts(db), { store: rows, staff: rows, ring_a: rows, ring_b: rows, ring_c: rows, rental: rows });
      assert.deepEqual((await orphans(pg, db)).filter((o) => o.n > 0), []);
      const v = cli(['validate', '--db', pg.url(db)]);
      assert.equal(v.code, 0, v.stdout + v.stderr);
      assert.equal(await constraints(db), before);
      // Still enforced: a store whose manager does not exist is refused.
      await assert.rejects(pg.query(db, 'INSERT INTO store (manager_id, name) VALUES (-1, \'x\')'), /store_manager_fk/);
    });
  }

  test('undo after a cycle run removes exactly its rows', async () => {
    await pg.createDatabase('cycles_undo', CYCLES);
    const before = await dataDump(pg, 'cycles_undo');
    assert.equal(cli(['seed', '--db', pg.url('cycles_undo'), '--rows', '20']).code, 0);
    const u = cli(['undo', '--yes', '--db', pg.url('cycles_undo')]);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(await dataDump(pg, 'cycles_undo'), before);
  });

  test('a role that does not own the cycle\'s table: the edge named, the cycle left out, the rest filled; --strict refuses with nothing written', async () => {
    const db = 'cycles_not_owner';
    await pg.createDatabase(db, CYCLES);
    await pg.query(db, `
      DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'writer') THEN CREATE ROLE writer LOGIN PASSWORD 'writer-pw'; END IF; END $$;
      GRANT USAGE, CREATE ON SCHEMA public TO writer;
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO writer;
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO writer;`);
    const url = `postgresql://writer:writer-pw@127.0.0.1:${pg.port}/${db}`;
    const before = await constraints(db);
    const dump = async () => `${await dataDump(pg, db)}\n${await sequenceState(pg, db)}`;
    const untouched = await dump();

    const strict = cli(['seed', '--db', url, '--rows', '10', '--strict']);
    assert.equal(strict.code, 1, strict.stdout);
    assert.match(strict.stderr, /store\.manager_id → staff closes a cycle of NOT NULL foreign keys that cannot be deferred, and only the owner of store may drop it for the run \(user "writer" does not own it\)/);
    assert.match(strict.stderr, /--strict/);
    assert.equal(await dump(), untouched);

    const r = cli(['seed', '--db', url, '--rows', '10']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: store: cannot fill: store\.manager_id → staff closes a cycle/);
    assert.match(r.stderr, /warning: staff: cannot fill: its required parent store/);
    assert.match(r.stderr, /warning: rental: cannot fill: its required parent staff/);
    assert.match(r.stderr, /warning: ring_\w: cannot fill: ring_\w\.\w+ → ring_\w closes a cycle/);
    assert.match(r.stderr, /warning: ring_\w: cannot fill: its required parent ring_\w/);
    const c = await counts(db);
    assert.deepEqual(c, { store: 0, staff: 0, ring_a: 0, ring_b: 0, ring_c: 0, rental: 0 });
    assert.equal(Number((await pg.query<{ n: string }>(db, 'SELECT count(*) AS n FROM notes'))[0].n), 10, 'the other tables are filled');
    assert.equal(await constraints(db), before);
    const v = cli(['validate', '--db', url]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });
});
