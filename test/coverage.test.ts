import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { coverageReport, openDatabase, type DetailedCoverage, type TableDetail } from '../src/seeders/index.ts';
import { coverageHtml, formatCoverageText } from '../src/seeders/coverage/index.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { Database, ROOT, cleanup, cli, createDb, tempDir, withDb } from './support/sqlite.ts';

// `seedbed coverage` on real SQLite files and a real PostgreSQL server: every number in the report
// is checked against SQL run here directly (better-sqlite3 / pg), not through Seedbed.

const dir = tempDir('seedbed-coverage-');
after(() => cleanup(dir));

const FIXTURE = readFileSync(join(ROOT, 'test', 'fixtures', 'coverage.sql'), 'utf8');
const SCHOOL = readFileSync(join(ROOT, 'examples', 'school', 'schema.sql'), 'utf8');
const HOSTILE = 'Tag "x" <b>';
const ALLOWED: Record<string, Record<string, (string | number)[]>> = {
  customers: { status: ['active', 'paused', 'closed', 'banned'] },
  order: { priority: [1, 2, 3] },
  [HOSTILE]: { Kind: ["it's", 'c d', '<i>'] },
};
const BOOLEANS: Record<string, string[]> = { customers: ['vip'], order_lines: ['gift'] };

type Db = InstanceType<typeof Database>;
const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const one = (db: Db, sql: string, ...params: unknown[]) => Object.values(db.prepare(sql).get(...params) as object)[0] as number;
const pct = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

function coverageJson(file: string, rows = 40): DetailedCoverage {
  const r = cli(['coverage', '--db', `sqlite:${file}`, '--rows', String(rows), '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as DetailedCoverage;
}

function table(report: DetailedCoverage, name: string): TableDetail {
  const t = report.tables.find((x) => x.table === name);
  assert.ok(t, `table ${name} in the report`);
  return t;
}

/** Checks every number of the report against the database itself. */
function assertMatchesDatabase(file: string, report: DetailedCoverage): void {
  withDb(file, (db) => {
    for (const t of report.tables) {
      const n = one(db, `SELECT count(*) FROM ${q(t.table)}`);
      assert.equal(t.rows, n, `${t.table}: rows`);
      assert.equal(t.state, n === 0 ? 'empty' : n >= 40 ? 'full' : 'partial', `${t.table}: state`);
      for (const c of t.columns) {
        const at = `${t.table}.${c.column}`;
        const nonNull = one(db, `SELECT count(${q(c.column)}) FROM ${q(t.table)}`);
        assert.equal(c.nonNull, nonNull, `${at}: non-null`);
        assert.equal(c.nonNullPercent, pct(nonNull, n), `${at}: non-null %`);
        assert.equal(c.distinct, one(db, `SELECT count(DISTINCT ${q(c.column)}) FROM ${q(t.table)}`), `${at}: distinct`);
        const allowed = ALLOWED[t.table]?.[c.column];
        if (allowed) {
          const held = new Map((db.prepare(`SELECT ${q(c.column)} AS v, count(*) AS n FROM ${q(t.table)} GROUP BY 1`).all() as { v: unknown; n: number }[]).map((r) => [r.v, r.n]));
          assert.ok(c.values, `${at}: value set`);
          assert.equal(c.values.source, 'check');
          assert.deepEqual(c.values.values, allowed.map((value) => ({ value, rows: held.get(value) ?? 0 })), `${at}: rows per value`);
          assert.deepEqual(c.values.unreached, allowed.filter((v) => !held.has(v)), `${at}: unreached`);
          assert.equal(c.values.reached, allowed.filter((v) => held.has(v)).length);
          assert.equal(c.values.total, allowed.length);
          assert.equal(c.values.other, [...held.entries()].filter(([v]) => v !== null && !allowed.includes(v as string)).reduce((a, [, k]) => a + k, 0));
        } else {
          assert.equal(c.values, undefined, `${at}: no value set`);
        }
        if (BOOLEANS[t.table]?.includes(c.column)) {
          const yes = one(db, `SELECT count(*) FROM ${q(t.table)} WHERE ${q(c.column)} = 1`);
          const no = one(db, `SELECT count(*) FROM ${q(t.table)} WHERE ${q(c.column)} = 0`);
          assert.deepEqual(c.boolean, { true: yes, false: no, other: nonNull - yes - no, reached: Number(yes > 0) + Number(no > 0) }, `${at}: branches`);
        } else {
          assert.equal(c.boolean, undefined, `${at}: not a boolean`);
        }
      }
      // Fan-out computed in JavaScript from the raw keys, not with the report's SQL.
      const fks = db.prepare(`SELECT "from" AS col, "table" AS parent, "to" AS ref FROM pragma_foreign_key_list(?)`).all(t.table) as { col: string; parent: string; ref: string }[];
      assert.equal(t.foreignKeys.length, fks.length, `${t.table}: foreign keys`);
      for (const fk of fks) {
        const f = t.foreignKeys.find((x) => x.columns[0] === fk.col && x.parent === fk.parent);
        assert.ok(f, `${t.table}.${fk.col}: fan-out reported`);
        const parents = (db.prepare(`SELECT ${q(fk.ref)} AS k FROM ${q(fk.parent)}`).all() as { k: unknown }[]).map((r) => r.k);
        const perParent = new Map<unknown, number>(parents.map((k) => [k, 0]));
        const keys = (db.prepare(`SELECT ${q(fk.col)} AS k FROM ${q(t.table)} WHERE ${q(fk.col)} IS NOT NULL`).all() as { k: unknown }[]).map((r) => r.k);
        for (const k of keys) if (perParent.has(k)) perParent.set(k, perParent.get(k)! + 1);
        const per = [...perParent.values()];
        const at = `${t.table}.${fk.col} → ${fk.parent}`;
        assert.equal(f.parents, parents.length, `${at}: parents`);
        assert.equal(f.children, keys.length, `${at}: children`);
        assert.equal(f.parentsWithoutChildren, per.filter((k) => k === 0).length, `${at}: parents without children`);
        assert.equal(f.parentsWithChildren, per.filter((k) => k > 0).length);
        assert.equal(f.min, per.length ? Math.min(...per) : null, `${at}: min`);
        assert.equal(f.max, per.length ? Math.max(...per) : null, `${at}: max`);
        assert.equal(f.avg, per.length ? Math.round((per.reduce((a, b) => a + b, 0) / per.length) * 100) / 100 : null, `${at}: avg`);
        assert.equal(f.orphans, keys.filter((k) => !perParent.has(k)).length, `${at}: orphans`);
      }
    }
  });
}

describe('coverage on a seeded fixture (IN-list CHECK, booleans, nullable columns, foreign keys)', () => {
  const file = join(dir, 'fixture.db');
  before(() => {
    createDb(file, FIXTURE);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '40']);
    assert.equal(r.code, 0, `seed failed: ${r.stderr}`);
  });

  test('--json: every number matches SQL run on the file', () => {
    const report = coverageJson(file);
    assert.equal(report.headline, 'tables with data: 4/4 (100 %)');
    assert.deepEqual(report.tables.map((t) => t.table).sort(), ['Tag "x" <b>', 'customers', 'order', 'order_lines']);
    assertMatchesDatabase(file, report);
    // The fixture's shape, so the checks above really cover each kind.
    const customers = table(report, 'customers');
    assert.equal(customers.rows, 40);
    assert.ok(customers.columns.find((c) => c.column === 'email')!.nonNull > 0, 'nullable column has values');
    assert.equal(customers.foreignKeys[0].parent, 'customers', 'self-reference measured');
    assert.ok(table(report, 'order').foreignKeys[0].max! >= 1);
    const s = report.summary;
    assert.equal(s.tables.total, 4);
    assert.equal(s.rows, report.tables.reduce((a, t) => a + t.rows, 0));
    assert.equal(s.values.total, 4 + 3 + 3);
    assert.equal(s.booleans.total, 4);
    assert.equal(s.foreignKeys, 4);
    assert.equal(s.columns.total, 6 + 5 + 3 + 3);
    assert.ok(report.skipped.some((t) => t.name === 'seedbed_runs'), 'the ledger is not covered');
  });

  test('text: the headline first, one block per table, gaps at the end', () => {
    const r = cli(['coverage', '--db', `sqlite:${file}`, '--rows', '40']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'tables with data: 4/4 (100 %)');
    assert.match(r.stdout, /^customers {2}40\/40 full$/m);
    assert.match(r.stdout, /^ {2}status +100 % +\d+ {2}\d\/4: active \d+, paused \d+, closed \d+, banned \d+/m);
    assert.match(r.stdout, /^ {2}customer_id → customers\(id\): children per parent min \d+ · avg \d+\.\d\d · max \d+; \d+\/40 parents without children$/m);
  });

  test('--html FILE: a self-contained page with the headline, bars, values and fan-out', () => {
    const html = join(dir, 'report.html');
    const r = cli(['coverage', '--db', `sqlite:${file}`, '--rows', '40', '--html', html]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^tables with data: 4\/4 \(100 %\)\nHTML report: /);
    assert.ok(existsSync(html));
    const page = readFileSync(html, 'utf8');
    assert.match(page, /^<!doctype html>/);
    assert.ok(page.includes('tables with data: 4/4 (100 %)'));
    assert.ok(page.includes('Tag &quot;x&quot; &lt;b&gt;'), 'table names escaped');
    assert.ok(page.includes('&lt;i&gt;') && !page.includes('<i>'), 'values escaped');
    assert.ok(!page.includes('Tag "x" <b>'), 'no raw table name');
    assert.match(page, /<meter min="0" max="100" low="50" high="99\.9" optimum="100" value="100" aria-label="100 %"><\/meter>/);
    assert.match(page, /Foreign key: children per parent/);
    assert.match(page, /var\(--vscode-foreground, #[0-9a-f]+\)/);
    assert.doesNotMatch(page, /<script|<link|https?:\/\/|src=/i, 'no script, no external assets');
  });

  test('gaps: an unreached value, a boolean branch, an empty column, an empty table and orphans are reported', () => {
    const gap = join(dir, 'gaps.db');
    createDb(gap, FIXTURE);
    assert.equal(cli(['seed', '--db', `sqlite:${gap}`, '--rows', '40']).code, 0);
    const db = new Database(gap);
    db.pragma('foreign_keys = OFF');
    db.exec(`UPDATE customers SET status = 'active' WHERE status = 'banned';
      UPDATE customers SET vip = 0; UPDATE "order" SET note = NULL; DELETE FROM order_lines;
      UPDATE "order" SET customer_id = 9999 WHERE id IN (SELECT id FROM "order" ORDER BY id LIMIT 2);`);
    db.close();
    const report = coverageJson(gap);
    assert.equal(report.headline, 'tables with data: 3/4 (75 %)');
    assertMatchesDatabase(gap, report);
    const status = table(report, 'customers').columns.find((c) => c.column === 'status')!;
    assert.deepEqual(status.values!.unreached, ['banned']);
    assert.equal(table(report, 'customers').columns.find((c) => c.column === 'vip')!.boolean!.reached, 1);
    assert.equal(table(report, 'order').foreignKeys[0].orphans, 2);
    assert.equal(table(report, 'order_lines').state, 'empty');
    const text = cli(['coverage', '--db', `sqlite:${gap}`, '--rows', '40']).stdout;
    for (const g of ['customers.vip: never true', 'customers.status: never banned', 'order.note: no values', 'order.customer_id: 2 orphans (no customers row)', 'order_lines: empty (0/40)']) {
      assert.ok(text.includes(`\n  ${g}\n`) || text.endsWith(`\n  ${g}`) || text.endsWith(`\n  ${g}\n`), `gap "${g}" in:\n${text}`);
    }
    const html = join(dir, 'gaps.html');
    assert.equal(cli(['coverage', '--db', `sqlite:${gap}`, '--rows', '40', '--html', html]).code, 0);
    assert.match(readFileSync(html, 'utf8'), /<span class="val miss"[^>]*>banned <b>0<\/b><\/span>/, 'unreached value highlighted');
  });

  test('engine API: coverageReport(driver, { rows }) gives the same numbers', async () => {
    const db = await openDatabase(`sqlite:${file}`);
    try {
      const report = await coverageReport(db, { rows: 40 });
      const cliReport = coverageJson(file);
      assert.deepEqual({ ...report, generatedAt: '' }, { ...cliReport, generatedAt: '' });
    } finally {
      await db.close();
    }
  });
});

describe('coverage on examples/school', () => {
  test('after a seed the headline says 126/126', () => {
    const file = join(dir, 'school.db');
    createDb(file, SCHOOL);
    const s = cli(['seed', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(s.code, 0, s.stderr);
    const r = cli(['coverage', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split('\n')[0], 'tables with data: 126/126 (100 %)');
    const report = coverageJson(file, 10);
    assert.equal(report.summary.tables.withData, 126);
    assert.equal(report.summary.tables.total, 126);
    assert.ok(report.summary.foreignKeys >= 176, `${report.summary.foreignKeys} foreign keys measured`);
    assert.ok(report.skipped.some((t) => t.name === '__diesel_schema_migrations'));
  });
});

describe('coverage on PostgreSQL (enum type, CHECK, boolean, json, schemas, quoted names)', () => {
  let server: PgServer;
  before(async () => {
    server = await startPostgres();
    await server.createDatabase('cov', `
      CREATE TYPE mood AS ENUM ('happy', 'sad', 'meh');
      CREATE TABLE customers (
        id serial PRIMARY KEY, name text NOT NULL, email text, vip boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('active', 'paused', 'closed', 'banned')),
        m mood, doc json, jb jsonb, pt point, referred_by int REFERENCES customers(id));
      CREATE SCHEMA shop;
      CREATE TABLE shop."Order Items" (
        id bigserial PRIMARY KEY, "Customer Id" int NOT NULL REFERENCES customers(id),
        priority int NOT NULL CHECK (priority IN (1, 2, 3)), note text);
      CREATE TABLE shop.empty (id int PRIMARY KEY, order_id bigint REFERENCES shop."Order Items"(id));
      INSERT INTO customers (name, email, vip, status, m, doc, jb, pt)
        SELECT 'n' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'e' || g END, g % 2 = 0,
          (ARRAY['active', 'paused', 'closed'])[1 + g % 3], (ARRAY['happy', 'sad']::mood[])[1 + g % 2],
          '{"a": 1}', jsonb_build_object('g', g % 4), point(g, g)
        FROM generate_series(1, 40) g;
      UPDATE customers SET referred_by = 1 WHERE id BETWEEN 5 AND 9;
      UPDATE customers SET referred_by = 2 WHERE id = 10;
      INSERT INTO shop."Order Items" ("Customer Id", priority, note)
        SELECT 1 + g % 7, 1 + g % 2, CASE WHEN g < 10 THEN 'note ' || g END FROM generate_series(1, 30) g;`);
  });
  after(async () => server?.stop());

  test('every number matches SQL run on the database', async () => {
    const db = await openDatabase(server.url('cov', ['public', 'shop']));
    let report: DetailedCoverage;
    try {
      report = await coverageReport(db, { rows: 40 });
    } finally {
      await db.close();
    }
    const sql = async (text: string) => server.query<Record<string, unknown>>('cov', text);
    const n1 = async (text: string) => Number(Object.values((await sql(text))[0])[0]);
    assert.equal(report.headline, 'tables with data: 2/3 (66.7 %)');
    assert.deepEqual(report.tables.map((t) => t.table).sort(), ['customers', 'shop.Order Items', 'shop.empty']);
    const ref = (t: string) => (t === 'customers' ? 'customers' : `shop."${t.slice(5).replaceAll('"', '""')}"`);
    for (const t of report.tables) {
      const n = await n1(`SELECT count(*) FROM ${ref(t.table)}`);
      assert.equal(t.rows, n, `${t.table}: rows`);
      for (const c of t.columns) {
        const at = `${t.table}.${c.column}`;
        const nonNull = await n1(`SELECT count(${q(c.column)}) FROM ${ref(t.table)}`);
        assert.equal(c.nonNull, nonNull, `${at}: non-null`);
        assert.equal(c.nonNullPercent, pct(nonNull, n), `${at}: non-null %`);
        if (c.column === 'doc' || c.column === 'pt') assert.equal(c.distinct, null, `${at}: json/point have no equality`);
        else assert.equal(c.distinct, await n1(`SELECT count(DISTINCT ${q(c.column)}) FROM ${ref(t.table)}`), `${at}: distinct`);
      }
    }
    const col = (t: string, c: string) => table(report, t).columns.find((x) => x.column === c)!;
    const held = async (t: string, c: string) => new Map((await sql(`SELECT ${q(c)}::text AS v, count(*)::int AS n FROM ${ref(t)} WHERE ${q(c)} IS NOT NULL GROUP BY 1`)).map((r) => [r.v, r.n]));
    const status = await held('customers', 'status');
    assert.deepEqual(col('customers', 'status').values, {
      source: 'check', values: ['active', 'paused', 'closed', 'banned'].map((value) => ({ value, rows: status.get(value) ?? 0 })),
      reached: 3, total: 4, unreached: ['banned'], other: 0,
    });
    const mood = await held('customers', 'm');
    assert.deepEqual(col('customers', 'm').values, {
      source: 'enum', values: ['happy', 'sad', 'meh'].map((value) => ({ value, rows: mood.get(value) ?? 0 })),
      reached: 2, total: 3, unreached: ['meh'], other: 0,
    });
    const prio = await held('shop.Order Items', 'priority');
    assert.deepEqual(col('shop.Order Items', 'priority').values!.values, [1, 2, 3].map((value) => ({ value, rows: prio.get(String(value)) ?? 0 })));
    assert.deepEqual(col('customers', 'vip').boolean, {
      true: await n1('SELECT count(*) FROM customers WHERE vip'), false: await n1('SELECT count(*) FROM customers WHERE NOT vip'), other: 0, reached: 2,
    });
    const orders = table(report, 'shop.Order Items').foreignKeys[0];
    const per = (await sql(`SELECT count(o.id)::int AS k FROM customers c LEFT JOIN shop."Order Items" o ON o."Customer Id" = c.id GROUP BY c.id`)).map((r) => Number(r.k));
    assert.deepEqual(
      { parents: orders.parents, min: orders.min, max: orders.max, avg: orders.avg, without: orders.parentsWithoutChildren, children: orders.children, orphans: orders.orphans },
      { parents: 40, min: Math.min(...per), max: Math.max(...per), avg: Math.round((30 / 40) * 100) / 100, without: per.filter((k) => k === 0).length, children: 30, orphans: 0 });
    const self = table(report, 'customers').foreignKeys[0];
    assert.deepEqual([self.parents, self.min, self.max, self.parentsWithChildren, self.children], [40, 0, 5, 2, 6]);
    const empty = table(report, 'shop.empty');
    assert.equal(empty.state, 'empty');
    assert.deepEqual([empty.foreignKeys[0].parents, empty.foreignKeys[0].max, empty.foreignKeys[0].parentsWithoutChildren], [30, 0, 30]);
    assert.equal(formatCoverageText(report).split('\n')[0], report.headline);
    assert.ok(coverageHtml(report).includes('shop.Order Items'));
  });
});
