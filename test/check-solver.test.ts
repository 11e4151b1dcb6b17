import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, Database, dump, tempDir } from './support/sqlite.ts';
import { openDatabase } from '../src/seeders/index.ts';
import { planSeed } from '../src/seeders/plan/plan.ts';
import { runSeed } from '../src/seeders/write/run.ts';
import { ARC, KINDS, PG, SQLITE } from './fixtures/check-solver.ts';

// Issue #13 items 1–2, end to end on fixtures of our own, on SQLite and PostgreSQL:
// (a) a 20-branch "exclusive arc" CHECK whose branches set or NULL foreign-key columns;
// (b) (a IS NULL) <> (b IS NULL), exactly one of three set, CASE kind WHEN …;
// (c) CHECKs the engine cannot evaluate (PostgreSQL: the schema's own SQL functions, to_char,
//     jsonb_typeof; SQLite: built-ins the engine lacks — unicode(), json_type(), printf()),
//     which the database tests on candidate rows before they are written;
// (d) date windows and casts with a scale ((x)::numeric(4,1) > 99.9, round(x, 1) > 99.9).
// Every table fills at 2,000 rows; the database enforced every CHECK (the rows are in), and
// `validate` agrees; every branch is reached; `plan --explain` says what it does.

const dir = tempDir('seedbed-solver-');
after(() => cleanup(dir));
const ROWS = 2000;

const TABLES = ['person', 'instance', 'community', 'post', 'comment', 'mod_action', 'contacts', 'tickets', 'readings'];
type One = (sql: string) => Promise<Record<string, unknown>>;

function assertExplain(text: string, dialect: 'sqlite' | 'postgresql'): void {
  const line = (s: string) => assert.ok(text.split('\n').includes(s), `explain has the line:\n${s}\n---\n${text}`);
  // (a): 20 branches, each steering the discriminator and which FK columns are set or NULL.
  assert.match(text, /\n {2}CHECK \(.*kind = 'add_person_instance'.*\): 20 branches, every row that does not meet it as drawn takes one \(5\.0 % each\):\n/);
  line("    kind = 'add_person_instance'; set: person_id, instance_id; NULL: post_id, comment_id, community_id");
  line("    kind = 'remove_comment_community'; set: comment_id, community_id; NULL: person_id, instance_id, post_id");
  // (b): exactly one of two, one of three, CASE kind WHEN: solved together where they share columns.
  assert.match(text, /\n {2}CHECK \(+email IS NULL\) <> \(phone IS NULL\)+: 2 branches, every row that does not meet it as drawn takes one \(50\.0 % each\):\n {4}set: phone; NULL: email\n {4}set: email; NULL: phone\n/);
  assert.match(text, /\n {2}CHECK \(.*home_id.*work_id.*note.*\): 3 branches, every row that does not meet it as drawn takes one \(33\.3 % each\):\n {4}set: home_id; NULL: work_id, note\n/);
  line("    kind = 'org'; set: org_name; NULL: first_name");
  line("    kind = 'person'; set: first_name; NULL: org_name");
  // (c): named, with the reason.
  if (dialect === 'postgresql') {
    line('  CHECK (controlled_for_whitespace(title)): checked by the database (controlled_for_whitespace() is not built in)');
    line('  CHECK (ends_even(code)): checked by the database (ends_even() is not built in)');
    line("  CHECK ((jsonb_typeof(meta) = 'object'::text)): checked by the database (jsonb_typeof() is not built in)");
    line("  CHECK ((to_char((due_on)::timestamp with time zone, 'YYYY'::text) >= '2000'::text)): checked by the database (to_char() is not built in)");
  } else {
    line('  CHECK (unicode(substr(code, -1)) % 2 = 0): checked by the database (unicode() is not built in)');
    line("  CHECK (json_type(payload) = 'object'): checked by the database (json_type() is not built in)");
    line("  CHECK (printf('%d', priority) IN ('1', '2')): checked by the database (printf() is not built in)");
  }
}

async function assertFilled(one: One, dialect: 'sqlite' | 'postgresql'): Promise<void> {
  for (const t of TABLES) assert.equal(Number((await one(`SELECT count(*) AS n FROM ${t}`)).n), ROWS, `${t} filled`);
  // (a) every branch reached, each with its own pair of FK columns set (the database enforced the rest).
  const kinds = Number((await one(`SELECT count(DISTINCT kind) AS n FROM mod_action`)).n);
  assert.equal(kinds, 20, 'all 20 branches reached');
  for (const k of KINDS) {
    const r = await one(`SELECT count(*) AS n, ${ARC.map((c) => `count(${c}) AS ${c}`).join(', ')} FROM mod_action WHERE kind = '${k.kind}'`);
    assert.ok(Number(r.n) >= 50, `${k.kind}: ${JSON.stringify(r)}`);
    for (const c of k.on) assert.equal(Number(r[c]), Number(r.n), `${k.kind}: ${c} set`);
    for (const c of k.off) assert.equal(Number(r[c]), 0, `${k.kind}: ${c} NULL`);
  }
  // (b) each side of each exclusive choice, and both CASE kinds.
  const b = await one(`SELECT count(email) AS email, count(phone) AS phone, count(home_id) AS home, count(work_id) AS work, count(note) AS note,
    sum(CASE WHEN kind = 'org' THEN 1 ELSE 0 END) AS org, sum(CASE WHEN kind = 'person' THEN 1 ELSE 0 END) AS person FROM contacts`);
  for (const k of Object.keys(b)) assert.ok(Number(b[k]) > ROWS / 4, `${k}: ${JSON.stringify(b)}`);
  assert.equal(Number(b.email) + Number(b.phone), ROWS);
  assert.equal(Number(b.home) + Number(b.work) + Number(b.note), ROWS);
  // (d) the date window follows the CHECK, not the default 2021–2025.
  const d = await one(dialect === 'postgresql'
    ? `SELECT min(logged_at)::text AS lo, max(logged_at)::text AS hi, min(taken_on)::text AS dlo, max(taken_on)::text AS dhi, count(DISTINCT taken_on) AS days, min(temperature)::text AS t FROM readings`
    : `SELECT min(logged_at) AS lo, max(logged_at) AS hi, min(taken_on) AS dlo, max(taken_on) AS dhi, count(DISTINCT taken_on) AS days, min(temperature) AS t FROM readings`);
  assert.ok(String(d.lo) >= '2007-01-01' && String(d.hi) < '2007-02-01', JSON.stringify(d));
  assert.ok(String(d.dlo) >= '2010-03-01' && String(d.dhi) <= '2010-03-31' && Number(d.days) >= 20, JSON.stringify(d));
  assert.ok(Number(d.t) > 99.9, JSON.stringify(d));
}

describe('SQLite: branches, database-checked CHECKs, date windows and rounding', () => {
  const file = join(dir, 'solver.db');
  const url = `sqlite:${file}`;
  let db: InstanceType<typeof Database>;
  const one: One = async (sql) => db.prepare(sql).get() as Record<string, unknown>;
  before(() => {
    createDb(file, SQLITE);
    copyFileSync(file, join(dir, 'empty.db'));
    const r = cli(['seed', '--db', url, '--rows', String(ROWS), '--yes']);
    assert.equal(r.code, 0, `seed failed:\n${r.stderr}`);
    db = new Database(file, { readonly: true });
  });
  after(() => db?.close());

  test('plan --explain shows the branches and their shares, and the CHECKs the database tests', () => {
    const r = cli(['plan', '--explain', '--db', url, '--rows', String(ROWS)]);
    assert.equal(r.code, 0, r.stderr);
    assertExplain(r.stdout, 'sqlite');
    const p = cli(['plan', '--db', url]);
    assert.match(p.stdout, /\nChecked by the database \(each candidate row, before it is written\):\n {2}tickets: CHECK \(unicode\(substr\(code, -1\)\) % 2 = 0\) — unicode\(\) is not built in\n/);
  });

  test('every table fills at 2,000 rows, every branch is reached, validate is clean', async () => {
    await assertFilled(one, 'sqlite');
    const t = await one(`SELECT count(*) AS n, sum(priority IN (1, 2)) AS p, sum(json_type(payload) = 'object') AS j FROM tickets`);
    assert.deepEqual([t.n, t.p, t.j], [ROWS, ROWS, ROWS]);
    const v = cli(['validate', '--db', url]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('same seed, same bytes — also when a worker generates and the writing thread asks the database', async () => {
    const again = join(dir, 'again.db');
    const threads = join(dir, 'threads.db');
    copyFileSync(join(dir, 'empty.db'), again);
    copyFileSync(join(dir, 'empty.db'), threads);
    assert.equal(cli(['seed', '--db', `sqlite:${again}`, '--rows', String(ROWS), '--yes']).code, 0);
    const driver = await openDatabase(`sqlite:${threads}`);
    try {
      const schema = await driver.readSchema();
      const plan = planSeed(schema, { rows: ROWS, existing: await driver.countRows(schema.tables) });
      const result = await runSeed(driver, plan, { seed: 1, worker: true });
      assert.equal(result.worker, true);
    } finally {
      await driver.close();
    }
    const strip = (s: string) => s.split('\n').filter((l) => !/seedbed_/.test(l)).join('\n');
    assert.equal(strip(dump(again)), strip(dump(file)));
    assert.equal(strip(dump(threads)), strip(dump(file)));
  });

  test('a CHECK the database never passes names itself; with --strict nothing is written', () => {
    const bad = join(dir, 'never.db');
    createDb(bad, `CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL CHECK (n BETWEEN 1 AND 5), CHECK (printf('%d', n) = '9'));`);
    const r = cli(['seed', '--strict', '--db', `sqlite:${bad}`, '--rows', '20', '--yes']);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /No row of t passes CHECK \(printf\('%d', n\) = '9'\) \(checked by the database\) after 100 attempts/);
    const check = new Database(bad, { readonly: true });
    assert.equal((check.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, 0);
    check.close();
  });
});

describe('PostgreSQL: branches, the schema\'s own functions, date windows and numeric casts', () => {
  let pg: PgServer;
  let url: string;
  const one: One = async (sql) => (await pg.query('solver', sql))[0] as Record<string, unknown>;
  before(async () => {
    pg = await startPostgres();
    await pg.createDatabase('solver', PG);
    url = pg.url('solver');
    const r = cli(['seed', '--db', url, '--rows', String(ROWS), '--yes']);
    assert.equal(r.code, 0, `seed failed:\n${r.stderr}`);
  });
  after(async () => { await pg?.stop(); });

  test('plan --explain shows the branches and their shares, and the CHECKs the database tests', () => {
    const r = cli(['plan', '--explain', '--db', url, '--rows', String(ROWS)]);
    assert.equal(r.code, 0, r.stderr);
    assertExplain(r.stdout, 'postgresql');
  });

  test('every table fills at 2,000 rows, every branch is reached, validate is clean', async () => {
    await assertFilled(one, 'postgresql');
    const t = await one(`SELECT count(*) AS n, count(*) FILTER (WHERE controlled_for_whitespace(title) AND ends_even(code) AND jsonb_typeof(meta) = 'object') AS ok FROM tickets`);
    assert.deepEqual([Number(t.n), Number(t.ok)], [ROWS, ROWS]);
    const r = await one(`SELECT min(temperature::numeric(4, 1))::text AS lo, max(ratio) AS hi FROM readings`);
    assert.ok(Number(r.lo) >= 100 && Number(r.hi) <= 0.5, JSON.stringify(r));
    const v = cli(['validate', '--db', url]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('the generator worker asks the database through the main thread (a forced worker run)', async () => {
    await pg.createDatabase('solver_big', PG);
    const r = cli(['seed', '--db', pg.url('solver_big'), '--rows', '2000', '--tables', 'tickets', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    const driver = await openDatabase(pg.url('solver_big'));
    try {
      const schema = await driver.readSchema();
      const plan = planSeed(schema, { rows: 5000, tables: ['tickets', 'readings'], existing: await driver.countRows(schema.tables) });
      const result = await runSeed(driver, plan, { seed: 2, worker: true });
      assert.equal(result.worker, true);
      assert.deepEqual({ ...result.perTable }, { tickets: 5000, readings: 5000 }); // a record without a prototype (names like __proto__)
    } finally {
      await driver.close();
    }
    const t = (await pg.query('solver_big', `SELECT count(*) AS n, count(*) FILTER (WHERE ends_even(code)) AS ok FROM tickets`))[0];
    assert.deepEqual([Number(t.n), Number(t.ok)], [7000, 7000]);
  });
});
