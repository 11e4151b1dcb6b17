import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PlanExplanation } from '../src/seeders/plan/explain.ts';
import { openDatabase, validate } from '../src/seeders/index.ts';
import { cleanup, cli, createDb, Database, SHARED, SHARED_MISSING, tempDir } from './support/sqlite.ts';
import {
  assertExplained, checkBodies, checkChecks, checkCountries, checkCurrencies, checkEmails, checkMoney, checkNames, checkPhones, checkUrls,
  explainCli, q, type Query,
} from './support/realism.ts';

// Data that looks real, on SQLite (issue #4): `plan --explain --json` gives a semantic generator
// to at least 90 % of the text-like columns of faraday_ai and chinook (../shared/schemas), and the
// seeded values pass shape checks by SQL: emails, names, phones, URLs, countries, currencies,
// money scale, and every CHECK of the schema on every row. The PostgreSQL twin is
// test/realism-postgres.test.ts.

// Without ../shared (a bare clone) these tests are skipped, and the skip says why: the project's
// own fixtures (check-forms, coherence, seed-sqlite, …) stand alone.
const SCHEMAS = {
  faraday_ai: { file: ['faraday_ai', 'faraday_models.sqlite.sql'], rows: 20, tables: 533 },
  chinook: { file: ['chinook', 'Chinook_Sqlite.schema-only.sql'], rows: 100, tables: 11 },
} as const;

const dir = tempDir('seedbed-realism-');
const open: { close(): void }[] = [];
after(() => { for (const db of open) db.close(); cleanup(dir); });

interface Seeded { file: string; url: string; explain: PlanExplanation; query: Query; unique: Set<string>; checks: { table: string; expr: string }[] }

/** Creates the schema in a fresh SQLite file, explains the plan, seeds it with the real CLI. */
function prepare(name: keyof typeof SCHEMAS): Seeded {
  const s = SCHEMAS[name];
  const ddl = readFileSync(join(SHARED, 'schemas', ...s.file), 'utf8');
  const file = join(dir, `${name}.db`);
  createDb(file, ddl);
  const url = `sqlite:${file}`;
  const explain = explainCli(url, ['--rows', String(s.rows)]);
  const r = cli(['seed', '--db', url, '--rows', String(s.rows)]);
  assert.equal(r.code, 0, `seed failed:\n${r.stderr}`);
  const db = new Database(file, { readonly: true });
  open.push(db);
  const query: Query = async (sql) => db.prepare(sql).all() as Record<string, unknown>[];
  // Single-column UNIQUE constraints and unique indexes, as SQLite itself lists them.
  const unique = new Set<string>();
  const checks: { table: string; expr: string }[] = [];
  const tables = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'seedbed_%'`).all() as { name: string; sql: string }[];
  for (const t of tables) {
    for (const ix of db.prepare(`SELECT name FROM pragma_index_list(?) WHERE "unique" = 1 AND origin <> 'pk'`).all(t.name) as { name: string }[]) {
      const cols = db.prepare('SELECT name FROM pragma_index_info(?)').all(ix.name) as { name: string }[];
      if (cols.length === 1) unique.add(`${t.name}.${cols[0].name}`);
    }
    for (const expr of checkBodies(t.sql)) checks.push({ table: t.name, expr });
  }
  return { file, url, explain, query, unique, checks };
}

for (const name of Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[]) {
  describe(`${name} on SQLite`, { skip: SHARED_MISSING }, () => {
    let s: Seeded;
    before(() => { s = prepare(name); });

    test('plan --explain --json: every column explained, >= 90 % of text-like columns semantic', (t) => {
      assertExplained(s.explain, SCHEMAS[name].tables);
      assert.equal(s.explain.dialect, 'sqlite');
      const { summary } = s.explain;
      t.diagnostic(`${name} (sqlite): ${s.explain.ruleCount} rules; text-like ${summary.textLike}, semantic ${summary.semanticTextLike} (${(summary.share * 100).toFixed(1)} %), catch-all ${summary.genericTextLike}; not semantic: ${summary.notSemantic.join(', ') || 'none'}`);
      if (name !== 'chinook') return; // the text form once per file is enough (faraday's runs to 2 MB)
      const text = cli(['plan', '--explain', '--db', s.url, '--rows', String(SCHEMAS[name].rows)]);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, new RegExp(`Text-like columns .*: ${summary.textLike}, with a semantic generator ${summary.semanticTextLike} `));
    });

    test('emails look like emails and are unique where a unique constraint says so', async () => {
      const r = await checkEmails(s.query, s.explain, s.unique);
      if (name === 'faraday_ai') assert.ok(r.uniqueColumns >= 3, `${r.uniqueColumns} unique email columns checked`);
    });

    test('person names look like names', async () => { await checkNames(s.query, s.explain); });
    test('phone numbers look like phone numbers', async () => { await checkPhones(s.query, s.explain); });
    test('money and decimals respect their scale', async () => {
      const r = await checkMoney(s.query, s.explain);
      assert.ok(r.decimalColumns >= (name === 'chinook' ? 3 : 10), `${r.decimalColumns} numeric(p, s) columns checked`);
    });

    if (name === 'chinook') {
      test('countries are real countries', async () => { await checkCountries(s.query, s.explain); });
      test('the plan explains the context rules: Genre.Name is a genre, Employee.Title a job title', () => {
        const col = (t: string, c: string) => s.explain.tables.find((x) => x.name === t)!.columns.find((x) => x.column === c)!;
        assert.equal(col('Genre', 'Name').generator, 'music.genre.context');
        assert.equal(col('Genre', 'Name').rule?.tableContext, true);
        assert.equal(col('Employee', 'Title').rule?.id, 'person.jobTitle.context');
        assert.equal(col('Customer', 'SupportRepId').why, 'fk → Employee.EmployeeId, only the Employee rows in that role (40 %)');
        assert.match(col('Artist', 'ArtistId').why, /^sequence\/key/);
        assert.equal(col('Customer', 'Email').rule?.tableContext, false);
      });
      test('an invoice\'s total is the sum of its lines (quantity × unit price); without lines it is 0', async () => {
        const [r] = await s.query(`SELECT count(*) AS n, sum(abs(i.Total - coalesce((SELECT round(sum(l.Quantity * l.UnitPrice), 2) FROM InvoiceLine l WHERE l.InvoiceId = i.InvoiceId), 0)) > 0.001) AS bad,
          sum(i.Total > 0) AS positive FROM Invoice i`);
        assert.deepEqual({ n: Number(r.n), bad: Number(r.bad) }, { n: 100, bad: 0 });
        assert.ok(Number(r.positive) > 20, `invoices with lines: ${r.positive}`);
      });
    }

    if (name === 'faraday_ai') {
      test('URLs are URLs; currencies are ISO codes', async () => {
        await checkUrls(s.query, s.explain);
        await checkCurrencies(s.query, s.explain);
      });

      test('every CHECK holds on every row; validate agrees', async () => {
        const n = await checkChecks(s.query, s.checks, q);
        assert.ok(n >= 19, `${n} CHECKs`);
        // The explain output names the CHECK behind each IN list and range.
        const constrained = s.explain.tables.flatMap((t) => t.columns).filter((c) => c.constraints?.length);
        assert.ok(constrained.length >= 15, `${constrained.length} columns with CHECK facts`);
        assert.ok(s.explain.tables.some((t) => t.rowChecks.includes('min_score <= max_score')), 'the cross-column CHECK is tested per row');
        // The engine's own validate (what `seedbed validate` runs), asked of the database.
        const db = await openDatabase(s.url);
        try {
          const report = await validate(db);
          assert.deepEqual(report.problems, [], 'validate finds no problem');
          assert.equal(report.ok, true);
        } finally {
          await db.close();
        }
      });
    }
  });
}
