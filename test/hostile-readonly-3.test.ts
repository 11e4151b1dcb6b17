import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { clear, openDatabase, seed, validate } from '../src/seeders/index.ts';
import { dataDump, sequenceState, startPostgres, type PgServer } from './support/postgres.ts';
import { cli } from './support/sqlite.ts';

// Validate, dry runs and exports ask PostgreSQL about CHECKs the engine cannot read in READ ONLY
// transactions (hostile-readonly-2). They now go through one session held for that, one round
// trip per question (was three: set default_transaction_read_only, ask, put it back). What that
// session must not allow: a CHECK's function turning the session's default back to read-write
// (it may: SET is allowed in a read-only transaction) so that a later question writes; and an
// idle Seedbed holding locks that block a migration or Seedbed's own clear.

let pg: PgServer;
after(async () => { await pg?.stop(); });

const SCHEMA = `
  CREATE SEQUENCE audit_no;
  CREATE TABLE audit (n bigint, what text);
  -- Turns the session's default to read-write, then writes: each question ends in its own
  -- transaction, so only a transaction begun read-write afterwards could keep the write.
  CREATE FUNCTION sneaky(t text) RETURNS boolean LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM set_config('default_transaction_read_only', 'off', false);
      IF current_setting('transaction_read_only') = 'off' THEN INSERT INTO audit VALUES (nextval('audit_no'), t); END IF;
      RETURN t IS NULL OR length(t) < 500;
    END $$;
  CREATE TABLE parent (id serial PRIMARY KEY, name text CHECK (sneaky(name)));
  CREATE TABLE item (id serial PRIMARY KEY, parent_id int NOT NULL REFERENCES parent, note text CHECK (sneaky(note)));
  ALTER DATABASE ro3 SET log_min_messages = fatal;
  ALTER DATABASE ro3 SET log_min_error_statement = panic;`;

const state = async () => `${await sequenceState(pg, 'ro3')}\n${await dataDump(pg, 'ro3')}`;

before(async () => {
  pg = await startPostgres();
  await pg.createDatabase('ro3', SCHEMA);
});

test('a CHECK function that sets default_transaction_read_only off still writes nothing, over many questions', async () => {
  const was = await state();
  for (const args of [['validate'], ['seed', '--dry-run', '--rows', '2000'], ['validate']]) {
    const r = cli([...args, '--db', pg.url('ro3')]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(await state(), was, `${args.join(' ')} wrote`);
  }
});

test('between questions the session holds no lock: another session\'s ALTER TABLE and Seedbed\'s own seed and clear go ahead', async () => {
  const driver = await openDatabase(pg.url('ro3'));
  const other = await pg.client('ro3');
  try {
    const report = await validate(driver);
    assert.ok(report.ok, JSON.stringify(report.problems));
    // The held session: idle in a transaction that has taken nothing (only its own virtual xid)
    // once the question's transaction has ended (sent after the answer, not waited for).
    let held: { pid: number; state: string; backend_xmin: string | null; locks: number }[] = [];
    for (let tries = 0; tries < 50; tries++) {
      held = (await other.query(`SELECT a.pid, a.state, a.backend_xmin, (SELECT count(*) FROM pg_locks l WHERE l.pid = a.pid AND l.locktype <> 'virtualxid')::int AS locks
        FROM pg_stat_activity a WHERE a.datname = 'ro3' AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'`)).rows;
      if (held.every((s) => s.locks === 0)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(held.length >= 1, 'a session is held');
    for (const s of held) {
      assert.equal(s.locks, 0, JSON.stringify(s));
      assert.equal(s.backend_xmin, null, JSON.stringify(s));
    }
    await other.query(`SET lock_timeout = '2s'`);
    await other.query('ALTER TABLE item ADD COLUMN extra int');
    await other.query('ALTER TABLE item DROP COLUMN extra');

    const { result } = await seed(driver, { rows: 20, tables: ['parent', 'item'] });
    assert.equal(result.perTable.item, 20, JSON.stringify(result));
    await validate(driver);
    assert.deepEqual((await clear(driver, ['item', 'parent'])).sort(), ['item', 'parent']);

    // A driver left open (VS Code's) closes the session after 10 s without a question: an open
    // session would keep DROP DATABASE waiting.
    await validate(driver);
    const sessions = async () => Number((await other.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = 'ro3' AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state LIKE 'idle in transaction%'`)).rows[0].n);
    assert.equal(await sessions(), 1);
    const since = Date.now();
    while (await sessions() > 0 && Date.now() - since < 30_000) await new Promise((r) => setTimeout(r, 250));
    assert.equal(await sessions(), 0, 'the read-only session is still open');
  } finally {
    await other.end();
    await driver.close();
  }
  const n = await pg.query<{ n: string }>('ro3', `SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = 'ro3' AND backend_type = 'client backend' AND pid <> pg_backend_pid()`);
  assert.equal(n[0].n, '0', 'closing the driver ends its sessions');
});
