#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { createInterface } from 'node:readline/promises';
import {
  clear, errorText, formatPlan, makePlan, openDatabase, planToJson, redact, runs, seed, SeedbedError, status, undo, validate,
  type Driver,
} from '../seeders/index.ts';
import { assertWritable } from '../seeders/guard.ts';
import { parseDatabaseUrl } from '../seeders/drivers/url.ts';
import { runDemo } from './demo.ts';
import { progressPrinter } from './progress.ts';

// `seedbed <command>`: a thin shell over the engine API in src/seeders.

interface Global { db?: string; json?: boolean }

const program = new Command();
program
  .name('seedbed')
  .description('Fill every table of a real database with realistic, consistent data.')
  .option('--db <url>', 'database URL: sqlite:PATH or postgresql://user@host:port/db (env SEEDBED_DATABASE_URL)')
  .option('--json', 'print machine-readable JSON')
  .showHelpAfterError('(run seedbed --help for usage)')
  .exitOverride();

const globals = (): Global => program.opts<Global>();
const out = (text: string) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
const json = (value: unknown) => out(JSON.stringify(value, null, 2));

/** Opens the database of --db; `write` checks the guard rails before connecting at all. */
async function withDb<T>(fn: (db: Driver) => Promise<T>, write?: { allowRemote?: boolean }): Promise<T> {
  const url = globals().db ?? process.env.SEEDBED_DATABASE_URL;
  if (!url) {
    throw new SeedbedError('BAD_URL', 'No database given.', { fix: 'Pass --db sqlite:path/to/file.db (or set SEEDBED_DATABASE_URL).' });
  }
  if (write) assertWritable(parseDatabaseUrl(url), write);
  const db = await openDatabase(url);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const intArg = (name: string) => (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) {
    throw new SeedbedError('BAD_INPUT', `${name} must be a whole number >= 0 (got "${v}").`);
  }
  return n;
};
const listArg = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

async function confirm(question: string, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) {
    throw new SeedbedError('BAD_INPUT', `${question} needs confirmation.`, { fix: 'Add --yes to confirm.' });
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`${question} [y/N] `);
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) throw new SeedbedError('CANCELLED', 'Cancelled; nothing was changed.');
}

program.command('schema').description('list tables, columns and foreign keys').action(() =>
  withDb(async (db) => {
    const s = await db.readSchema();
    if (globals().json) return void json(s);
    for (const t of s.tables) {
      out(`${t.name} (${t.columns.length} columns${t.primaryKey.length ? `, pk ${t.primaryKey.join(', ')}` : ''})`);
      for (const fk of t.foreignKeys) out(`  → ${fk.refTable}.${fk.refColumns.join(', ')} via ${fk.columns.join(', ')}`);
    }
    out(`${s.tables.length} tables${s.skipped.length ? `; skipped: ${s.skipped.map((x) => x.name).join(', ')}` : ''}`);
  }));

program.command('plan').description('show what seed would do, without writing')
  .option('--rows <n>', 'rows per table', intArg('--rows'))
  .option('--tables <a,b>', 'only these tables (and the empty parents they need)', listArg)
  .option('--columns', 'show how every column is filled')
  .action((o) => withDb(async (db) => {
    const { plan } = await makePlan(db, { rows: o.rows, tables: o.tables });
    if (globals().json) return void json(planToJson(plan));
    out(formatPlan(plan, { columns: o.columns }));
  }));

program.command('seed').description('fill the tables in one transaction')
  .option('--seed <n>', 'random seed: the same seed gives the same data', intArg('--seed'))
  .option('--rows <n>', 'rows per table', intArg('--rows'))
  .option('--tables <a,b>', 'only these tables (and the empty parents they need)', listArg)
  .option('--top-up', 'fill each table only up to --rows, counting the rows it has')
  .option('--clear-first', 'empty the tables first')
  .option('--allow-remote', 'allow writing to a database on another host or with a production-looking name')
  .option('--dry-run', 'generate and write, then roll back')
  .option('--yes', 'do not ask for confirmation')
  .action((o) => withDb(async (db) => {
    if (o.clearFirst && !o.dryRun) await confirm(`Empty the tables of ${db.target.display} before seeding?`, o.yes);
    const { plan, result } = await seed(db, {
      seed: o.seed, rows: o.rows, tables: o.tables, clearFirst: o.clearFirst, dryRun: o.dryRun, topUp: o.topUp, allowRemote: o.allowRemote,
      onEvent: progressPrinter(process.stderr, { quiet: globals().json }),
      signal: interruptSignal(),
    });
    if (globals().json) return void json({ ...result, warnings: [...plan.warnings, ...result.warnings] });
    for (const w of [...plan.warnings, ...result.warnings]) process.stderr.write(`warning: ${w}\n`);
    out(`${result.dryRun ? 'Dry run (rolled back): ' : result.runId ? `Run ${result.runId}: ` : ''}${result.rows} rows in ${Object.keys(result.perTable).length} tables, ${(result.ms / 1000).toFixed(2)} s, ${result.rowsPerSecond} rows/s`);
  }, o.dryRun ? undefined : o));

program.command('status').description('rows per table and coverage')
  .option('--rows <n>', 'target rows per table', intArg('--rows'))
  .action((o) => withDb(async (db) => {
    const report = await status(db, { rows: o.rows });
    if (globals().json) return void json(report);
    for (const t of report.tables) out(`${t.table.padEnd(40)} ${String(t.rows).padStart(8)} / ${t.target}  ${t.state}`);
    out(report.headline);
  }));

program.command('clear').description('delete all rows of the chosen (or all) tables')
  .option('--tables <a,b>', 'only these tables', listArg)
  .option('--yes', 'do not ask for confirmation')
  .option('--allow-remote', 'allow writing to a database on another host or with a production-looking name')
  .action((o) => withDb(async (db) => {
    await confirm(`Delete all rows of ${o.tables?.length ? o.tables.join(', ') : 'every table'} in ${db.target.display}?`, o.yes);
    const cleared = await clear(db, o.tables, o);
    if (globals().json) return void json({ cleared });
    out(`Cleared ${cleared.length} tables.`);
  }, o));

program.command('undo').description('delete exactly the rows of the last seed run (or run RUN)')
  .argument('[run]', 'run id (see `seedbed runs`)', intArg('RUN'))
  .option('--yes', 'do not ask for confirmation')
  .option('--allow-remote', 'allow writing to a database on another host or with a production-looking name')
  .action((run: number | undefined, o) => withDb(async (db) => {
    await confirm(`Delete the rows of ${run === undefined ? 'the last seed run' : `run ${run}`} from ${db.target.display}?`, o.yes);
    const r = await undo(db, run, o);
    if (globals().json) return void json(r);
    const n = Object.values(r.deleted).reduce((a, b) => a + b, 0);
    out(`Undid run ${r.runId}: deleted ${n} rows from ${Object.keys(r.deleted).length} tables.`);
    const kept = Object.entries(r.kept);
    if (kept.length) out(`Kept ${kept.map(([t, k]) => `${k} in ${t}`).join(', ')}: rows added later still reference them.`);
  }, o));

program.command('runs').description('seed runs recorded in the database (the ledger)')
  .action(() => withDb(async (db) => {
    const list = await runs(db);
    if (globals().json) return void json(list);
    if (!list.length) return void out('No seed runs recorded.');
    for (const r of list) out(`${String(r.id).padStart(4)}  ${r.startedAt}  seed ${r.seed}  ${r.rows} rows in ${Object.keys(r.tables).length} tables  ${r.status}`);
  }));

program.command('validate').description('check foreign keys, integrity, NOT NULL and CHECKs with the database itself')
  .action(() => withDb(async (db) => {
    const report = await validate(db);
    if (globals().json) json(report);
    else {
      for (const p of report.problems) out(`${p.kind}: ${p.message}`);
      out(report.ok ? 'valid: no problems found' : `${report.problems.length} problem(s) found`);
    }
    if (!report.ok) process.exitCode = 1;
  }));

program.command('demo').description('create demo/school.db from examples/school, seed it, print coverage')
  .option('--rows <n>', 'rows per table', intArg('--rows'))
  .option('--seed <n>', 'random seed', intArg('--seed'))
  .action((o) => runDemo({ rows: o.rows, seed: o.seed, json: globals().json }));

/** SIGINT cancels the run (rolled back) instead of killing it mid-transaction. */
function interruptSignal(): AbortSignal {
  const ac = new AbortController();
  process.once('SIGINT', () => ac.abort());
  return ac.signal;
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    process.stderr.write(`seedbed: ${redact(errorText(e))}\n`);
    process.exitCode = 1;
  }
}
