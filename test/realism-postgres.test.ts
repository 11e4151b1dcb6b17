import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PlanExplanation } from '../src/seeders/plan/explain.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { openDatabase, validate } from '../src/seeders/index.ts';
import {
  assertExplained, checkChecks, checkCountries, checkCurrencies, checkEmails, checkMoney, checkNames, checkPhones, checkUrls,
  explainCli, type Query,
} from './support/realism.ts';
import { cli, SHARED, SHARED_MISSING } from './support/sqlite.ts';

// Data that looks real, on PostgreSQL (issue #4): the twin of test/realism-sqlite.test.ts on a
// real PostgreSQL 18 server started here. faraday_ai's PostgreSQL dump has native enums and 19
// CHECKs; chinook's uses snake_case names. `plan --explain --json` must give a semantic generator
// to at least 90 % of text-like columns, and the seeded rows must pass the same shape checks.

// Without ../shared (a bare clone) these tests are skipped, and the skip says why: the project's
// own fixtures (check-forms, coherence, seed-sqlite, …) stand alone.
const SCHEMAS = {
  faraday_ai: { file: ['faraday_ai', 'faraday_models.postgresql.sql'], rows: 20, tables: 533 },
  chinook: { file: ['chinook', 'Chinook_PostgreSql.schema-only.sql'], rows: 100, tables: 11 },
} as const;

let pg: PgServer;
before(async () => { if (!SHARED_MISSING) pg = await startPostgres(); });
after(async () => { await pg?.stop(); });

interface Seeded { url: string; explain: PlanExplanation; query: Query; unique: Set<string>; checks: { table: string; expr: string }[] }

async function prepare(name: keyof typeof SCHEMAS): Promise<Seeded> {
  const s = SCHEMAS[name];
  await pg.createDatabase(name, readFileSync(join(SHARED, 'schemas', ...s.file), 'utf8'));
  const url = pg.url(name);
  const explain = explainCli(url, ['--rows', String(s.rows)]);
  const r = cli(['seed', '--db', url, '--rows', String(s.rows)]);
  assert.equal(r.code, 0, `seed failed:\n${r.stderr}`);
  const query: Query = (sql) => pg.query(name, sql);
  // Single-column unique constraints and unique indexes, from the catalogue.
  const unique = new Set((await query(`
    SELECT c.relname || '.' || a.attname AS k FROM pg_index i
    JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
    WHERE i.indisunique AND NOT i.indisprimary AND i.indnkeyatts = 1 AND n.nspname = 'public'`)).map((r) => String(r.k)));
  // Every table CHECK as PostgreSQL stores it; the table as regclass text (quoted when needed).
  const checks = (await query(`
    SELECT conrelid::regclass::text AS t, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE contype = 'c' AND conrelid <> 0 ORDER BY 1, 2`)).map((r) => ({ table: String(r.t), expr: String(r.def).replace(/^CHECK\s*/, '').replace(/\s+NOT VALID$/, '') }));
  return { url, explain, query, unique, checks };
}

for (const name of Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[]) {
  describe(`${name} on PostgreSQL`, { skip: SHARED_MISSING }, () => {
    let s: Seeded;
    before(async () => { s = await prepare(name); });

    test('plan --explain --json: every column explained, >= 90 % of text-like columns semantic', (t) => {
      assertExplained(s.explain, SCHEMAS[name].tables);
      assert.equal(s.explain.dialect, 'postgresql');
      const { summary } = s.explain;
      t.diagnostic(`${name} (postgresql): ${s.explain.ruleCount} rules; text-like ${summary.textLike}, semantic ${summary.semanticTextLike} (${(summary.share * 100).toFixed(1)} %), catch-all ${summary.genericTextLike}; not semantic: ${summary.notSemantic.join(', ') || 'none'}`);
      if (name !== 'chinook') return; // the text form once per file is enough (faraday's runs to 2 MB)
      const text = cli(['plan', '--explain', '--db', s.url, '--rows', String(SCHEMAS[name].rows)]);
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, new RegExp(`Text-like columns .*: ${summary.textLike}, with a semantic generator ${summary.semanticTextLike} `));
      assert.ok(!text.stdout.includes(pg.password), 'the password never appears');
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
      test('the plan explains the context rules: genre.name is a genre, employee.title a job title', () => {
        const col = (t: string, c: string) => s.explain.tables.find((x) => x.name === t)!.columns.find((x) => x.column === c)!;
        assert.equal(col('genre', 'name').generator, 'music.genre.context');
        assert.equal(col('employee', 'title').rule?.id, 'person.jobTitle.context');
        assert.equal(col('customer', 'support_rep_id').why, 'fk → employee.employee_id, only the employee rows in that role (40 %)');
      });
      test('an invoice\'s total is the sum of its lines (quantity × unit price); without lines it is 0', async () => {
        const [r] = await s.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE i.total <> coalesce((SELECT round(sum(l.quantity * l.unit_price), 2) FROM invoice_line l WHERE l.invoice_id = i.invoice_id), 0))::int AS bad,
          count(*) FILTER (WHERE i.total > 0)::int AS positive FROM invoice i`);
        assert.deepEqual({ n: r.n, bad: r.bad }, { n: 100, bad: 0 });
        assert.ok(Number(r.positive) > 20, `invoices with lines: ${r.positive}`);
      });
    }

    if (name === 'faraday_ai') {
      test('URLs are URLs; currencies are ISO codes', async () => {
        await checkUrls(s.query, s.explain);
        await checkCurrencies(s.query, s.explain);
      });

      test('native enums are explained as enums and hold their labels', async () => {
        const enums = s.explain.tables.flatMap((t) => t.columns.filter((c) => c.source === 'enum').map((c) => ({ t: t.name, c })));
        assert.ok(enums.length >= 200, `${enums.length} enum columns`);
        assert.ok(enums.every(({ c }) => c.semantic && /^enum type /.test(c.why)));
      });

      test('every CHECK holds on every row; validate agrees', async () => {
        const n = await checkChecks(s.query, s.checks, (t) => t);
        assert.ok(n >= 19, `${n} CHECKs`);
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
