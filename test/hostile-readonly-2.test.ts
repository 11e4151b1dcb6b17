import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { dataDump, sequenceState, startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, tempDir } from './support/sqlite.ts';

// A CHECK that calls the schema's own function, and the function writes (an audit INSERT and a
// nextval, as "log every value we saw" helpers do). The engine cannot read the function, so it
// asks PostgreSQL to evaluate the CHECK: `validate` (a read) and `seed --dry-run` ("writes
// nothing at all") ran it in autocommit, and its writes stayed: 2 audit rows and a moved
// sequence after validate, 40 after a dry run of 20 rows. Now those questions run in READ ONLY
// transactions: the function's INSERT is refused, nothing is written, and the output says so.

const dir = tempDir('seedbed-readonly-');
let pg: PgServer;
after(async () => { await pg?.stop(); cleanup(dir); });

const SCHEMA = `
  CREATE SEQUENCE audit_no;
  CREATE TABLE audit (n bigint, what text);
  CREATE FUNCTION noted(t text) RETURNS boolean LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO audit VALUES (nextval('audit_no'), t); RETURN t IS NULL OR length(t) < 500; END $$;
  CREATE TABLE item (id serial PRIMARY KEY, note text CHECK (noted(note)), code text CHECK (code ~ '^[A-Z]{3}[0-9]+$' AND noted(code)));
  INSERT INTO item (note, code) VALUES ('x', 'ABC1');
  DELETE FROM audit;
  -- The refused INSERTs are errors the server logs with their statement; this test's server is a
  -- child of the test process, which does not read its log while a CLI runs (spawnSync).
  ALTER DATABASE ro SET log_min_messages = fatal;
  ALTER DATABASE ro SET log_min_error_statement = panic;`;

const state = async () => `${await sequenceState(pg, 'ro')}\n${await dataDump(pg, 'ro')}`;

before(async () => {
  pg = await startPostgres();
  await pg.createDatabase('ro', SCHEMA);
});

test('validate evaluates such a CHECK without writing: no audit row, the sequence where it was', async () => {
  const was = await state();
  const r = cli(['validate', '--db', pg.url('ro')]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /no problems found/);
  assert.equal(await state(), was);
});

test('seed --dry-run and seed --out write nothing, and say why the table is left out', async () => {
  const was = await state();
  const r = cli(['seed', '--dry-run', '--rows', '20', '--db', pg.url('ro')]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /warning: item: cannot fill: No row of item passes CHECK [^\n]*noted[^\n]* \(checked by the database\)[^\n]*cannot execute INSERT in a read-only transaction/);
  assert.match(r.stdout, /Dry run, nothing was written/);
  assert.equal(await state(), was);

  const out = join(dir, 'out');
  const e = cli(['seed', '--out', out, '--format', 'sql', '--rows', '20', '--db', pg.url('ro')]);
  assert.equal(e.code, 0, e.stdout + e.stderr);
  assert.ok(readdirSync(out).length > 0);
  assert.equal(await state(), was);
});

test('a real seed still runs the function as PostgreSQL does on INSERT (the run writes)', async () => {
  const r = cli(['seed', '--rows', '5', '--tables', 'item', '--db', pg.url('ro')]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const n = await pg.query<{ n: string }>('ro', 'SELECT count(*) AS n FROM item');
  assert.equal(n[0].n, '6');
});
