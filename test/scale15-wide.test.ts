import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTableMentions } from '../src/views/mentions.ts';
import { tableLenses } from '../src/views/lenses.ts';
import type { Overview } from '../src/views/protocol.ts';
import { cleanup, cli, createDb, tempDir } from './support/sqlite.ts';
import { wideSchema } from './support/wide-schema.ts';

// 500 tables (test/support/wide-schema.ts): what the CLI prints stays a summary a person reads,
// and the editor's CodeLens over a schema file of 500 CREATE TABLEs says the right thing for each.

const N = 500;
const { sql, tables } = wideSchema(N);

describe(`the CLI at ${N} tables (SQLite)`, () => {
  let dir: string;
  let db: string;
  before(() => {
    dir = tempDir('seedbed-scale15-');
    const file = join(dir, 'wide.db');
    createDb(file, sql);
    db = `sqlite:${file}`;
  });
  after(() => cleanup(dir));

  test('status, plan and coverage of the empty database: totals, then the first tables and a count of the rest', () => {
    const status = cli(['status', '--db', db]);
    assert.equal(status.code, 0, status.stderr);
    const lines = status.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 42);
    assert.equal(lines[0], `${'account'.padEnd(48)}0 / 50  empty`);
    assert.deepEqual(lines.slice(-2), ['… and 460 more tables not full', 'tables with data: 0/500 (0 %)']);

    const plan = cli(['plan', '--db', db]);
    assert.equal(plan.code, 0, plan.stderr);
    const p = plan.stdout.split('\n');
    assert.equal(p[0], 'Plan: 500 tables, 25000 rows, 23 phases (sqlite)');
    assert.equal(p[1], 'Phase 1 (22 tables):');
    assert.match(p[2], /^ {2}50 rows — 22 tables: account, asset, campaign, /);
    assert.equal(p.filter((l) => /^Phase \d+ \(\d+ tables\):$/.test(l)).length, 23);
    assert.ok(p.length < 130, `${p.length} lines`);

    const coverage = cli(['coverage', '--db', db]);
    assert.equal(coverage.code, 0, coverage.stderr);
    const c = coverage.stdout.trimEnd().split('\n');
    assert.deepEqual(c.slice(0, 3), [
      'tables with data: 0/500 (0 %)',
      'rows: 0 · target 50 per table: 0 full, 0 partial, 500 empty',
      'columns with values: 0/3630 (0 %) · allowed values reached: 0/1500 (0 %) · boolean branches: 0/1000 (0 %) · parents with children: 0/0 over 630 foreign keys',
    ]);
    assert.equal(c.at(-1), '  … and 460 more (see --json or --html)');
    assert.ok(c.length < 100, `${c.length} lines`);
  });

  test('after a seed: one line each for status and the coverage totals', () => {
    const seed = cli(['seed', '--db', db]);
    assert.equal(seed.code, 0, seed.stderr);
    assert.match(seed.stdout, /^Run 1: 25000 rows in 500 tables, /);
    const status = cli(['status', '--db', db]);
    assert.equal(status.stdout, '500 tables full (every table); status --all lists each\ntables with data: 500/500 (100 %)\n');
    assert.equal(cli(['status', '--all', '--db', db]).stdout.trimEnd().split('\n').length, 501);
    const coverage = cli(['coverage', '--db', db]).stdout.split('\n');
    assert.deepEqual(coverage.slice(0, 2), ['tables with data: 500/500 (100 %)', 'rows: 25000 · target 50 per table: 500 full, 0 partial, 0 empty']);
    assert.ok(coverage.includes('per column (500 tables): coverage --all, --html FILE or --json'), coverage.join('\n'));
    assert.ok(coverage.includes('gaps: none'));
  });
});

describe(`CodeLens over a schema file of ${N} CREATE TABLEs`, () => {
  // The overview as the engine sends it, reduced to what the lenses read.
  const overview = {
    coverage: { tables: tables.filter((t) => t !== 'vendor_tags').map((t, i) => ({ table: t, rows: i % 2 ? 50 : 0, target: 50, state: i % 2 ? 'full' : 'empty' })) },
    skipped: [{ name: 'device_links', reason: 'a view' }],
  } as unknown as Overview;

  test('each table its coverage and Seed; a table whose case differs is found; a missing one and a skipped one say so', () => {
    // Written as people do: some names unquoted in capitals (SQLite folds nothing, the lens does).
    const text = sql.replace('CREATE TABLE "student" (', 'CREATE TABLE STUDENT (');
    const mentions = createTableMentions(text);
    assert.equal(mentions.length, N);
    const lenses = tableLenses(mentions, overview, 'wide.db');
    assert.equal(lenses.length, 2 * (N - 2) + 2);
    const at = (table: string) => lenses.filter((l) => l.offset === mentions.find((m) => m.table === table)!.offset).map((l) => [l.title, l.command, ...(l.args ?? [])]);
    assert.deepEqual(at('account'), [['$(database) 0/50 rows · 0%', 'seedbed.revealTable', 'account'], ['Seed', 'seedbed.seedTable', 'account']]);
    assert.deepEqual(at('STUDENT'), [['$(database) 50/50 rows · 100%', 'seedbed.revealTable', 'student'], ['Seed', 'seedbed.seedTable', 'student']]);
    assert.deepEqual(at('vendor_tags'), [['Seedbed: vendor_tags is not in wide.db', 'seedbed.refresh']]);
    assert.deepEqual(at('device_links'), [['Seedbed: not seeded (a view)', 'seedbed.showCoverage']]);
    // Without a database: one lens each.
    assert.deepEqual(new Set(tableLenses(mentions, undefined, 'the database').map((l) => l.title)), new Set(['Seedbed: no database']));
  });
});
