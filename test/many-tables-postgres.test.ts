import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cli } from './support/sqlite.ts';

// plan, status and coverage at real size (a real 533-table schema printed 543, 534 and 8,817
// lines): from 60 tables on, a line for each table that needs a look (capped, left out, not
// full), the rest as wrapped name lists or a count; --all gives a line per table again.

let pg: PgServer;
before(async () => { pg = await startPostgres(); });
after(async () => { await pg?.stop(); });

const leaves = Array.from({ length: 66 }, (_, i) => `leaf_${String(i + 1).padStart(2, '0')}`);
const SCHEMA = [
  'CREATE TABLE hubs (id serial PRIMARY KEY, name text NOT NULL);',
  // A unique code out of three values: capped at 3 rows.
  "CREATE TABLE kinds (id serial PRIMARY KEY, code text NOT NULL UNIQUE CHECK (code IN ('a', 'b', 'c')));",
  // No row can satisfy it: left out with a warning, everything else filled.
  'CREATE TABLE impossible (id serial PRIMARY KEY, n int NOT NULL CHECK (n > 5 AND n < 3));',
  ...leaves.map((t) => `CREATE TABLE ${t} (id serial PRIMARY KEY, hub_id int NOT NULL REFERENCES hubs(id), label text);`),
].join('\n');

function ok(args: string[]) {
  const r = cli(args);
  assert.equal(r.code, 0, `${args.join(' ')}\n${r.stderr}`);
  return r.stdout;
}

describe('plan, status and coverage at 69 tables', () => {
  test('tables that need a look get a line; the rest are grouped; --all lists each', async () => {
    await pg.createDatabase('many', SCHEMA);
    const db = pg.url('many');
    const plan = ok(['plan', '--db', db, '--rows', '10']).split('\n');
    assert.equal(plan[0], 'Plan: 69 tables, 673 rows, 2 phases (postgresql)');
    assert.equal(plan[1], 'Phase 1 (3 tables):');
    assert.match(plan[2], /^ {2}impossible: cannot fill: No value of impossible\.n can satisfy CHECK/);
    assert.ok(plan.includes('  kinds: 3 rows (asked 10)'), plan.join('\n'));
    assert.ok(plan.includes('  hubs: 10 rows'), plan.join('\n'));
    const phase2 = plan.indexOf('Phase 2 (66 tables):');
    assert.ok(phase2 > 0, plan.join('\n'));
    assert.match(plan[phase2 + 1], /^ {2}10 rows — 66 tables: leaf_01, leaf_02, /);
    const names = plan.slice(phase2 + 1).join(' ').match(/leaf_\d\d/g);
    assert.deepEqual(names, leaves, 'every table named once, in order');
    assert.ok(plan.filter((l) => l.includes('leaf_')).every((l) => l.length <= 100), 'wrapped at 100 columns');
    assert.ok(plan.length < 25, `${plan.length} lines`);

    ok(['seed', '--db', db, '--rows', '10', '--yes']);
    assert.deepEqual(await pg.query('many', 'SELECT (SELECT count(*) FROM leaf_66)::int AS leaf, (SELECT count(*) FROM impossible)::int AS none'), [{ leaf: 10, none: 0 }]);
    assert.equal(ok(['validate', '--db', db]), 'valid: no problems found\n');

    assert.equal(ok(['status', '--db', db, '--rows', '10']), [
      `impossible${' '.repeat(30)}        0 / 10  empty`,
      '68 tables full; status --all lists each',
      'tables with data: 68/69 (98.6 %)',
      '',
    ].join('\n'));
    assert.equal(ok(['status', '--db', db, '--rows', '10', '--all']).split('\n').length, 71);

    const cov = ok(['coverage', '--db', db, '--rows', '10']).split('\n');
    assert.ok(cov.length < 20, cov.join('\n'));
    assert.deepEqual(cov.slice(cov.indexOf('not full (1):'), cov.indexOf('not full (1):') + 4), [
      'not full (1):', '  impossible  0/10 empty', '', 'per column (69 tables): coverage --all, --html FILE or --json',
    ]);
    const all = ok(['coverage', '--db', db, '--rows', '10', '--all']).split('\n');
    assert.ok(all.includes('leaf_66  10/10 full'), 'per-table blocks with --all');
  });
});

describe('learning from the rows of many tables, undoing a run over them', () => {
  test('every table is sampled (in batches of one round trip each), its new rows follow its own; undo removes exactly them', async () => {
    const names = Array.from({ length: 105 }, (_, i) => `t${String(i + 1).padStart(2, '0')}`);
    await pg.createDatabase('learn_many', names.map((t, i) => [
      `CREATE TABLE ${t} (id serial PRIMARY KEY, status text NOT NULL, seen_at timestamptz NOT NULL);`,
      `INSERT INTO ${t} (status, seen_at) SELECT 'k${i + 1}', timestamptz '2019-03-0${1 + (i % 9)} 10:00+02' FROM generate_series(1, 5);`,
    ].join('\n')).join('\n'));
    const db = pg.url('learn_many');
    const explain = ok(['plan', '--explain', '--top-up', '--rows', '20', '--db', db]);
    for (const [i, t] of names.entries()) {
      const block = explain.split(/\n(?=\S)/).find((b) => b.startsWith(`${t} `) || b.startsWith(`${t}:`)) ?? '';
      assert.match(block, new RegExp(`status .*learned from 5 existing rows: values 'k${i + 1}' 100 %`), `${t}:\n${block}`);
    }
    ok(['seed', '--top-up', '--rows', '20', '--db', db, '--yes']);
    assert.deepEqual(await pg.query('learn_many', "SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'k105')::int AS k FROM t105"), [{ n: 20, k: 20 }]);
    assert.deepEqual(await pg.query('learn_many', "SELECT min(seen_at)::text AS lo FROM t09 WHERE id > 5"), [{ lo: '2019-03-09 08:00:00+00' }]);
    // The ledger's key rows go in several per INSERT (105 tables: two statements): undo finds them all.
    assert.match(ok(['undo', '--db', db, '--yes']), /^Undid run 1: deleted 1575 rows from 105 tables\./);
    const left = await pg.query<{ n: number }>('learn_many', names.map((t) => `SELECT count(*)::int AS n FROM ${t}`).join(' UNION ALL '));
    assert.deepEqual(left.map((r) => r.n), names.map(() => 5));
  });
});

describe('skipped tables of one reason', () => {
  test('are named together; a long run of them as first, second, last and a count', async () => {
    const months = ['01', '02', '03', '04', '05', '06'];
    await pg.createDatabase('parts', [
      'CREATE TABLE events (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);',
      ...months.map((m) => `CREATE TABLE events_${m} PARTITION OF events FOR VALUES FROM ('2024-${m}-01') TO ('2024-${m}-01'::date + interval '1 month');`),
    ].join('\n'));
    const plan = ok(['plan', '--db', pg.url('parts'), '--rows', '5']).split('\n');
    assert.ok(plan.includes('Skipped: events_01, events_02 … events_06 (6 tables: partition of events: its rows are written through the parent)'), plan.join('\n'));
    ok(['seed', '--db', pg.url('parts'), '--rows', '5', '--yes']);
    const cov = ok(['coverage', '--db', pg.url('parts'), '--rows', '5']).split('\n');
    assert.ok(cov.includes('skipped: events_01, events_02 … events_06 (6 tables: partition of events: its rows are written through the parent); seedbed_run_keys, seedbed_runs (Seedbed bookkeeping)'), cov.join('\n'));
  });
});

describe('validate asks its counts many to a round trip', () => {
  test('finds orphans and CHECK violations; a CHECK the server cannot evaluate does not hide the others', async () => {
    await pg.createDatabase('broken', `
      CREATE TABLE parents (id int PRIMARY KEY);
      CREATE TABLE kids (id int PRIMARY KEY, parent_id int REFERENCES parents(id), n int NOT NULL);
      INSERT INTO parents VALUES (1);
      INSERT INTO kids VALUES (1, 1, 3), (2, 1, 5);
      SET session_replication_role = replica;
      INSERT INTO kids VALUES (3, 99, 5);
      SET session_replication_role = origin;
      ALTER TABLE kids ADD CONSTRAINT small CHECK (n < 5) NOT VALID;
      ALTER TABLE kids ADD CONSTRAINT odd CHECK (10 / (n - 3) > 0) NOT VALID;
    `);
    const r = cli(['validate', '--db', pg.url('broken')]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const text = r.stdout + r.stderr;
    assert.match(text, /1 row\(s\) of kids reference missing rows of parents \(parent_id\)/);
    assert.match(text, /2 row\(s\) of kids violate CHECK \(\(?n < 5\)?\)/);
  });
});
