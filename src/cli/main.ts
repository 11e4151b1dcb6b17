#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { createInterface } from 'node:readline/promises';
import {
  checkClearable, clear, plural, errorText, nothingAddedText, undoText, formatPlan, makePlan, openDatabase, planToJson, projectDatabase, redact, runs, seed, SeedbedError, status, undo, validate,
  coverageReport, explainPlan, exportSeed, formatExplanation, type Driver, type GuardOptions, type SchemaInfo,
} from '../seeders/index.ts';
import { assertWritable } from '../seeders/guard.ts';
import { asCancelled, CANCELLED, cancelOnAbort } from '../seeders/cancel.ts';
import { reportStalls } from '../seeders/write/stall-watch.ts';
import { withEntities } from '../seeders/schema/entities.ts';
import { parseDatabaseUrl } from '../seeders/drivers/url.ts';
import { runDemo } from './demo.ts';
import { exitQuietlyOnClosedPipe } from './pipe.ts';
import { progressPrinter } from './progress.ts';
import { jsonText, terminalText } from './terminal.ts';
import { chosenTables, collectTable, parseTableList } from './tables-option.ts';
import { closeSync, constants, openSync, statSync, writeFileSync } from 'node:fs';
import { exportHint } from '../seeders/export/hint.ts';
import { coverageHtml, formatCoverageText, formatStatusText } from '../seeders/coverage/index.ts';
import {
  checkConfigNames, configRunOptions, displayPath, loadProjectConfig, resolveScenario, scenarioSummaries, validateConfig, type ResolveFlags, type ResolvedConfig,
} from '../seeders/config/index.ts';
import { CONFIG_FILE, initProject, SCHEMA_FILE } from '../seeders/config/init.ts';
import { projectSeeders, runProjectSeeder } from '../seeders/config/mikro-orm.ts';

// `seedbed <command>`: a thin shell over the engine API in src/seeders.

interface Global { db?: string; json?: boolean; config?: string | false; entities?: boolean }

const program = new Command();
program
  .name('seedbed')
  .description('Fill every table of a real database with realistic, consistent data.')
  .option('--db <url>', 'database URL: sqlite:PATH or postgresql://user@host:port/db (env SEEDBED_DATABASE_URL)')
  .option('--json', 'print machine-readable JSON')
  .option('--config <file>', 'seedbed.config.ts to use (default: the one in the current folder, if any)')
  .option('--no-config', 'ignore seedbed.config.ts')
  .option('--no-entities', 'ignore the MikroORM project\'s entities (enums, inheritance, lists and objects the database cannot state)')
  .showHelpAfterError('(run seedbed --help for usage)')
  .configureOutput({ writeErr: (s) => process.stderr.write(terminalText(s)) })
  .exitOverride();

const globals = (): Global => program.opts<Global>();
/** The command being run (`undo`, `validate` …). */
let running = '';
program.hook('preAction', (_program, command) => { running = command.name(); });
// Every line printed goes through terminal.ts (names from the database are data, not escape codes).
const write = (stream: NodeJS.WriteStream, text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);
const out = (text: string) => write(process.stdout, terminalText(text));
const warn = (text: string) => write(process.stderr, terminalText(text));
const json = (value: unknown) => write(process.stdout, jsonText(value));

/** Opens the database of --db (else SEEDBED_DATABASE_URL, else the config's `database`); `write`
 *  (a command that writes: seed, clear, undo) checks the guard rails before connecting at all,
 *  and has the engine prepare its writing beside the driver's loading (not for a dry run).
 *  `entities`: in a MikroORM project, its entities' facts are laid over the schema the database
 *  gives (unless --no-entities). */
async function withDb<T>(fn: (db: Driver) => Promise<T>, write?: GuardOptions & { dryRun?: boolean }, config?: ResolvedConfig, entities = false): Promise<T> {
  const seeding = write !== undefined && !write.dryRun;
  const url = await databaseUrl(config);
  if (write) assertWritable(parseDatabaseUrl(url), write);
  // Loaded only here: a project without a MikroORM config (and --help) never pays for it.
  const facts = entities && globals().entities !== false ? await (await import('../seeders/config/mikro-orm-entities.ts')).projectEntityFacts(process.cwd()) : undefined;
  const signal = interruptSignal();
  const db = await openDatabase(url, { seeding });
  if (facts) withEntities(db, facts);
  // Ctrl-C stops the statement the database is running, whatever the command (seed passes the
  // signal on to the engine, which does the same and says so in its own words).
  const release = cancelOnAbort(db, signal);
  try {
    // A command that has run long says what the database is doing (seed reports its own stalls).
    return running === 'seed' ? await fn(db) : await reportStalls(db, running, () => fn(db), (e) => warn(`warning: ${e.message}`));
  } catch (e) {
    throw signal.aborted ? asCancelled(e, e instanceof SeedbedError && e.code === 'CANCELLED' ? e.message : CANCELLED) : e;
  } finally {
    release();
    await db.close();
  }
}

/** --db, else SEEDBED_DATABASE_URL, else the config's `database` (or the MikroORM project's). */
async function databaseUrl(config?: ResolvedConfig): Promise<string> {
  const url = globals().db ?? (process.env.SEEDBED_DATABASE_URL || undefined) ?? (await configDatabase(config));
  if (!url) {
    throw new SeedbedError('BAD_URL', 'No database given.', { fix: 'Pass --db sqlite:path/to/file.db (or set SEEDBED_DATABASE_URL, or `database` in seedbed.config.ts).' });
  }
  return url;
}

/** A whole number >= 0; `example` is what the fix suggests instead. */
const intArg = (name: string, example = `${name} 50`) => (v: string) => {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) {
    throw new SeedbedError('BAD_INPUT', `${name} must be a whole number >= 0 (got "${v}").`, { fix: `Pass a whole number, e.g. ${example}.` });
  }
  return n;
};

async function confirm(question: string, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) {
    throw new SeedbedError('BAD_INPUT', `${question} needs confirmation.`, { fix: 'Add --yes to confirm.' });
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(terminalText(`${question} [y/N] `));
  rl.close();
  if (!/^y(es)?$/i.test(answer.trim())) throw new SeedbedError('CANCELLED', 'Cancelled; nothing was changed.');
}

// ---- seedbed.config.ts: --config FILE / --no-config, --scenario NAME (src/seeders/config) ------

/** The project's config (--config FILE, else ./seedbed.config.ts; none with --no-config), its
 *  shape checked, resolved for `scenario` and the command line. Undefined when there is none. */
async function projectConfig(scenario?: string, flags: ResolveFlags = {}): Promise<ResolvedConfig | undefined> {
  const loaded = await loadProjectConfig({ config: globals().config });
  if (!loaded) {
    if (scenario !== undefined) {
      throw new SeedbedError('BAD_INPUT', `--scenario ${scenario} needs a config file, and ${globals().config === false ? '--no-config was given' : `there is no ${CONFIG_FILE} here`}.`, {
        fix: 'Pass --config path/to/seedbed.config.ts, or create one with `seedbed init`.',
      });
    }
    return undefined;
  }
  validateConfig(loaded.config, undefined, loaded.file, loaded.source);
  return resolveScenario(loaded, scenario, flags);
}

/** When --db and SEEDBED_DATABASE_URL say nothing: the config's `database`, else the connection
 *  of the MikroORM project in this folder (mikro-orm.config.ts / package.json "mikro-orm"). */
async function configDatabase(config?: ResolvedConfig): Promise<string | undefined> {
  const resolved = config ?? (await projectConfig());
  if (globals().config === false) return resolved?.database;
  return (await projectDatabase(resolved, process.cwd()))?.url;
}

// ---- end of the config block ----------------------------------------------------------------------

/** PostgreSQL: the schemas read and the others holding tables, with table counts; null elsewhere. */
function schemaLine(s: SchemaInfo): string | null {
  if (!s.schemas?.length) return null;
  const fmt = (x: { name: string; tables: number }) => `${x.name} (${plural(x.tables, 'table')})`;
  const other = s.schemas.filter((x) => !x.read);
  return `schemas: ${s.schemas.filter((x) => x.read).map(fmt).join(', ')}${other.length ? `; not read: ${other.map(fmt).join(', ')} (choose with ?schema=…)` : ''}`;
}

/** How the schema was read (which schemas, and why), on stderr so that --json output stays clean. */
function printNotes(s: SchemaInfo): void {
  for (const n of s.notes ?? []) warn(`note: ${n}`);
}

program.command('schema').description('list tables, columns and foreign keys').action(() =>
  withDb(async (db) => {
    const s = await db.readSchema();
    if (globals().json) return void json(s);
    printNotes(s);
    for (const t of s.tables) {
      out(`${t.name} (${t.virtual ? `virtual ${t.virtual.module}, ` : ''}${plural(t.columns.length, 'column')}${t.primaryKey.length ? `, pk ${t.primaryKey.join(', ')}` : ''}${t.entity ? `, entity ${t.entity}` : ''})`);
      for (const fk of t.foreignKeys) out(`  → ${fk.refTable}.${fk.refColumns.join(', ')} via ${fk.columns.join(', ')}`);
    }
    for (const g of s.triggers ?? []) {
      const does = [g.inserts.length ? `inserts into ${g.inserts.join(', ')}` : '', g.rejects ? 'can reject rows' : '', ...g.equalities.map((e) => `${e.column} = ${e.refTable}.${e.refColumn} of ${e.via}`)].filter(Boolean);
      out(`trigger ${g.name} on ${g.table} (${g.timing} ${g.events.join('/')})${does.length ? `: ${does.join('; ')}` : ''}`);
    }
    out(`${plural(s.tables.length, 'table')}${s.skipped.length ? `; skipped: ${s.skipped.map((x) => x.name).join(', ')}` : ''}`);
    const line = schemaLine(s);
    if (line) out(line);
  }, undefined, undefined, true));

program.command('plan').description('show what seed would do, without writing')
  .option('--rows <n>', 'rows per table', intArg('--rows'))
  .option('--tables <a,b>', 'only these tables (and the empty parents they need); quote a name holding a comma: \'"a,b",c\'', parseTableList)
  .option('--table <name>', 'one table by its exact name (repeatable; for names with commas or spaces)', collectTable)
  .option('--top-up', 'plan filling each table only up to --rows, counting the rows it has')
  .option('--no-learn', 'do not learn from the rows already in the tables (new rows follow them by default)')
  .option('--columns', 'show how every column is filled')
  .option('--explain', 'for every column: the generator chosen and why (rule, foreign key, CHECK, type fallback …), and the share of text-like columns with a semantic generator')
  .option('--scenario <name>', 'scenario of seedbed.config.ts (light, medium, heavy, …)')
  .action(async (o) => {
    const config = await projectConfig(o.scenario, { rows: o.rows });
    return withDb(async (db) => {
      await checkConfigNames(db, config);
      const { schema, plan } = await makePlan(db, { rows: o.rows, tables: chosenTables(o), topUp: o.topUp, learn: o.learn, ...configRunOptions(config) });
      if (!globals().json) printNotes(schema);
      if (o.explain) return void (globals().json ? json(explainPlan(plan)) : out(formatExplanation(explainPlan(plan))));
      if (globals().json) return void json(planToJson(plan));
      out(formatPlan(plan, { columns: o.columns }));
      const line = schemaLine(schema);
      if (line) out(line);
    }, undefined, config, true);
  });

/** `seed --out DIR`: the same rows as files; the database is only read (no guard: nothing is written to it). */
async function exportFiles(o: Record<string, any>, config: ResolvedConfig | undefined): Promise<void> {
  const clash = (['clearFirst', 'dryRun', 'topUp'] as const).find((k) => o[k]);
  if (clash) {
    const flag = `--${clash.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    throw new SeedbedError('BAD_INPUT', `${flag} cannot be combined with --out: an export writes files for an empty database and leaves this one as it is.`, { fix: `Leave out ${flag}.` });
  }
  return withDb(async (db) => {
    await checkConfigNames(db, config);
    const { plan, result, dir, format } = await exportSeed(db, {
      out: o.out, format: o.format, seed: o.seed, rows: o.rows, tables: chosenTables(o), strict: o.strict,
      ...configRunOptions(config),
      onEvent: progressPrinter(process.stderr, { quiet: globals().json }),
      signal: interruptSignal(),
    });
    if (globals().json) return void json({ ...result, out: dir, format, warnings: [...plan.warnings, ...result.warnings] });
    printNotes(plan.input.schema);
    for (const w of [...plan.warnings, ...result.warnings]) warn(`warning: ${w}`);
    out(`Exported ${plural(result.rows, 'row')} of ${plural(Object.keys(result.perTable).length, 'table')} as ${format} to ${dir}${config?.scenario ? ` (scenario ${config.scenario})` : ''}`);
    out(exportHint(format, plan.dialect));
  }, undefined, config, true);
}

program.command('seed').description('fill the tables in one transaction')
  .option('--seed <n>', 'random seed: the same seed gives the same data', intArg('--seed', '--seed 42'))
  .option('--rows <n>', 'rows per table', intArg('--rows'))
  .option('--tables <a,b>', 'only these tables (and the empty parents they need); quote a name holding a comma: \'"a,b",c\'', parseTableList)
  .option('--table <name>', 'one table by its exact name (repeatable; for names with commas or spaces)', collectTable)
  .option('--top-up', 'fill each table only up to --rows, counting the rows it has')
  .option('--no-learn', 'do not learn from the rows already in the tables (new rows follow them by default)')
  .option('--clear-first', 'empty the tables first')
  .option('--allow-remote', 'allow writing to a database on another host')
  .option('--allow-production', 'allow writing to a database whose name looks like production (prod, live, …)')
  .option('--dry-run', 'plan and generate the rows without writing anything; report what would be written')
  .option('--yes', 'do not ask for confirmation')
  .option('--scenario <name>', 'scenario of seedbed.config.ts (light, medium, heavy, …)')
  .option('--strict', 'fail (nothing written) when a table cannot be filled, instead of leaving it out with a warning (for CI)')
  .option('--out <dir>', 'write the rows as files into this (new or empty) folder instead of the database, which is only read')
  .option('--format <f>', 'with --out: sql (one script for sqlite3/psql), csv (per table, with a load script) or json (per table)', 'sql')
  .option('--create-schema', 'MikroORM project: first create the tables from its entities (MikroORM\'s schema generator) in an empty database')
  .action(async (o) => {
    const config = await projectConfig(o.scenario, { rows: o.rows, seed: o.seed });
    const created = o.createSchema ? await createSchema(o, config) : undefined;
    if (o.out !== undefined) return exportFiles(o, config);
    return withDb(async (db) => {
      await checkConfigNames(db, config);
      if (o.clearFirst && !o.dryRun) await confirm(`Empty the tables of ${db.target.display} before seeding?`, o.yes);
      const { plan, result } = await seed(db, {
        seed: o.seed, rows: o.rows, tables: chosenTables(o), clearFirst: o.clearFirst, dryRun: o.dryRun, topUp: o.topUp, allowRemote: o.allowRemote, allowProduction: o.allowProduction,
        strict: o.strict, learn: o.learn,
        ...configRunOptions(config),
        onEvent: progressPrinter(process.stderr, { quiet: globals().json }),
        signal: interruptSignal(),
      });
      if (globals().json) return void json({ ...result, warnings: [...plan.warnings, ...result.warnings] });
      printNotes(plan.input.schema);
      for (const w of [...plan.warnings, ...result.warnings]) warn(`warning: ${w}`);
      if (result.dryRun) {
        const tables = Object.entries(result.perTable).filter(([, n]) => n > 0);
        out(`Dry run, nothing was written: seed would add ${plural(result.rows, 'row')} to ${plural(tables.length, 'table')}${config?.scenario ? ` (scenario ${config.scenario})` : ''}.`);
        for (const [t, n] of tables) out(`  ${t}: ${n}`);
        for (const [t, n] of Object.entries(result.filled ?? {})) out(`  ${t}: ${n} from ${plan.tables.find((x) => x.name === t)?.filledBy}`);
        return;
      }
      for (const [t, n] of Object.entries(result.filled ?? {})) out(`${t}: ${plural(n, 'row')} from ${plan.tables.find((x) => x.name === t)?.filledBy}`);
      if (!result.rows && !Object.keys(result.filled ?? {}).length) return void out(nothingAddedText(result.leftOut, plan.tables.reduce((a, t) => a + t.count, 0)));
      out(`${result.runId ? `Run ${result.runId}: ` : ''}${plural(result.rows, 'row')} in ${plural(Object.values(result.perTable).filter((n) => n > 0).length, 'table')}, ${(result.ms / 1000).toFixed(2)} s, ${result.rowsPerSecond} rows/s${config?.scenario ? ` (scenario ${config.scenario})` : ''}`);
    }, o, config, true).catch(async (e) => {
      // The tables this command created go again: the database is left as it was.
      await created?.undo().catch(() => undefined);
      throw e;
    });
  });

/** `seed --create-schema`: the MikroORM project's tables, made in an empty database (refused
 *  where tables exist). Loaded only here: MikroORM stays out of every other start-up. */
async function createSchema(o: Record<string, any>, config: ResolvedConfig | undefined) {
  const clash = o.out !== undefined ? '--out' : o.dryRun ? '--dry-run' : undefined;
  if (clash) throw new SeedbedError('BAD_INPUT', `--create-schema cannot be combined with ${clash}: it writes tables into the database.`, { fix: `Leave out ${clash}, or --create-schema.` });
  const { createProjectSchema } = await import('../seeders/config/mikro-orm-create.ts');
  const created = await createProjectSchema(process.cwd(), await databaseUrl(config), { allowRemote: o.allowRemote, allowProduction: o.allowProduction });
  if (!globals().json) out(`Created ${plural(created.tables, 'table')} from the entities of ${displayPath(created.file)} (MikroORM's schema generator).`);
  return created;
}

program.command('status').description('rows per table and coverage')
  .option('--rows <n>', 'target rows per table', intArg('--rows'))
  .option('--all', 'a line for every table (with many tables, only those not full are listed)')
  .action(async (o) => {
    // Targets as the config sizes the tables (the extension's tree does the same).
    const config = await projectConfig(undefined, { rows: o.rows });
    return withDb(async (db) => {
      const report = await status(db, { rows: o.rows, ...configRunOptions(config) });
      if (globals().json) return void json(report);
      out(formatStatusText(report, { all: o.all }));
    }, undefined, config, true);
  });

program.command('coverage').description('coverage per table and column: non-null %, distinct values, allowed values reached, FK fan-out')
  .option('--rows <n>', 'target rows per table', intArg('--rows'))
  .option('--html <file>', 'also write a self-contained HTML report to FILE')
  .option('--all', 'every table\'s per-column block (with many tables, only the summary, the tables not full and the gaps)')
  .action(async (o) => {
    const config = await projectConfig(undefined, { rows: o.rows });
    return withDb(async (db) => {
      const report = await coverageReport(db, { rows: o.rows, ...configRunOptions(config) });
      if (o.html) {
        const probe = pipeReader(o.html, '--html');
        try {
          writeFileSync(o.html, coverageHtml(report));
        } catch (e) {
          throw new SeedbedError('BAD_INPUT', `Cannot write the HTML report to ${o.html}: ${(e as Error).message}`, { fix: 'Pass --html with a path in an existing, writable directory.' });
        } finally {
          if (probe !== undefined) closeSync(probe);
        }
      }
      if (globals().json) return void json(report);
      if (o.html) return void out(`${report.headline}\nHTML report: ${o.html}`);
      out(formatCoverageText(report, { all: o.all }));
    }, undefined, config, true);
  });

program.command('clear').description('delete all rows of the chosen (or all) tables')
  .option('--tables <a,b>', 'only these tables; quote a name holding a comma: \'"a,b",c\'', parseTableList)
  .option('--table <name>', 'one table by its exact name (repeatable; for names with commas or spaces)', collectTable)
  .option('--yes', 'do not ask for confirmation')
  .option('--allow-remote', 'allow writing to a database on another host')
  .option('--allow-production', 'allow writing to a database whose name looks like production (prod, live, …)')
  .action(async (o) => {
    const config = await projectConfig();
    return withDb(async (db) => {
      const exclusion = { exclude: config?.exclude, excludedBy: config?.file };
      const tables = chosenTables(o);
      checkClearable(tables, exclusion);
      await confirm(`Delete all rows of ${tables?.length ? tables.join(', ') : config?.exclude.length ? `every table but ${config.exclude.join(', ')}` : 'every table'} in ${db.target.display}?`, o.yes);
      const cleared = await clear(db, tables, { ...o, ...exclusion });
      if (globals().json) return void json({ cleared });
      out(`Cleared ${plural(cleared.length, 'table')}.`);
    }, o, config);
  });

program.command('undo').description('delete exactly the rows of the last seed run (or run RUN)')
  .argument('[run]', 'run id (see `seedbed runs`)', intArg('RUN', '`seedbed undo 2` (`seedbed runs` lists the run ids)'))
  .option('--yes', 'do not ask for confirmation')
  .option('--allow-remote', 'allow writing to a database on another host')
  .option('--allow-production', 'allow writing to a database whose name looks like production (prod, live, …)')
  .action((run: number | undefined, o) => withDb(async (db) => {
    await confirm(`Delete the rows of ${run === undefined ? 'the last seed run' : `run ${run}`} from ${db.target.display}?`, o.yes);
    const r = await undo(db, run, o);
    if (globals().json) return void json(r);
    out(undoText(r));
  }, o));

program.command('runs').description('seed runs recorded in the database (the ledger)')
  .action(() => withDb(async (db) => {
    const list = await runs(db);
    if (globals().json) return void json(list);
    if (!list.length) return void out('No seed runs recorded.');
    for (const r of list) out(`${String(r.id).padStart(4)}  ${r.startedAt}  seed ${r.seed}  ${plural(r.rows, 'row')} in ${plural(Object.keys(r.tables).length, 'table')}  ${r.status}${r.leftOut ? `  left out: ${Object.keys(r.leftOut).join(', ')}` : ''}`);
  }));

program.command('validate').description('check foreign keys, integrity, NOT NULL and CHECKs with the database itself')
  .action(() => withDb(async (db) => {
    const report = await validate(db);
    if (globals().json) json(report);
    else {
      for (const p of report.problems) out(`${p.kind}: ${p.message}`);
      out(report.ok ? 'valid: no problems found' : `${plural(report.problems.length, 'problem')} found`);
    }
    if (!report.ok) process.exitCode = 1;
  }));

// ---- seedbed init, seedbed scenarios (src/seeders/config) ----------------------------------------

program.command('init').description(`write a starter ${CONFIG_FILE} and ${SCHEMA_FILE} (typed table and column names) from the live schema`)
  .option('--dir <dir>', 'project folder to write into', '.')
  .option('--types-only', `only (re)write ${SCHEMA_FILE}, e.g. after a migration`)
  .option('--force', 'overwrite existing files')
  .action((o) => withDb(async (db) => {
    const schema = await db.readSchema();
    const files = initProject(schema, { dir: o.dir, force: o.force, typesOnly: o.typesOnly, database: globals().db ?? (process.env.SEEDBED_DATABASE_URL || undefined) });
    if (globals().json) return void json({ files, tables: schema.tables.length });
    out(`Wrote ${files.join(' and ')} (${plural(schema.tables.length, 'table')}).`);
    if (!o.typesOnly) out(`Next: edit ${CONFIG_FILE}, then \`seedbed plan --scenario light\` and \`seedbed seed --scenario light\`.`);
  }, undefined, undefined, true));

program.command('scenarios').description(`list the scenarios of ${CONFIG_FILE}`)
  .action(async () => {
    const config = await projectConfig();
    if (!config) throw new SeedbedError('BAD_INPUT', `No ${CONFIG_FILE} here.`, { fix: 'Pass --config FILE, or create one with `seedbed init`.' });
    const list = scenarioSummaries(config.config);
    if (globals().json) return void json(list);
    if (!list.length) return void out(`${config.file} defines no scenarios.`);
    for (const s of list) out(`${s.name.padEnd(20)} ${s.rows === undefined ? '' : `${s.rows} rows/table`}${s.tables.length ? `, ${plural(s.tables.length, 'table')} sized` : ''}${s.default ? ' (default)' : ''}${s.description ? `  ${s.description}` : ''}`);
  });

// ---- MikroORM projects: seedbed mikro-orm-seed [CLASS] (src/seeders/config/mikro-orm.ts) ---------

program.command('mikro-orm-seed').description('run a MikroORM project\'s own @mikro-orm/seeder seeders (default: its DatabaseSeeder) in one transaction')
  .argument('[class]', 'seeder class to run (see --list)')
  .option('--project <path>', 'the MikroORM project: its folder or its config file', '.')
  .option('--list', 'list the project\'s seeder classes')
  .option('--allow-remote', 'allow writing to a database on another host')
  .option('--allow-production', 'allow writing to a database whose name looks like production (prod, live, …)')
  .action(async (name: string | undefined, o) => {
    if (o.list) {
      const p = await projectSeeders(o.project);
      if (globals().json) return void json(p.seeders.map((x) => ({ name: x.name, file: x.file, default: x.default, seedbed: x.seedbed })));
      if (!p.seeders.length) return void out('No seeder classes.');
      for (const x of p.seeders) out(`${x.name.padEnd(30)} ${x.file ? displayPath(x.file) : '(seedersList)'}${x.default ? '  (default)' : ''}${x.seedbed ? '  (Seedbed\'s automatic seeding)' : ''}`);
      return;
    }
    const r = await runProjectSeeder(o.project, { seeder: name, db: globals().db, allowRemote: o.allowRemote, allowProduction: o.allowProduction });
    if (globals().json) return void json({ seeder: r.seeder, added: r.added, rows: r.rows, ms: r.ms });
    const tables = Object.entries(r.added).map(([t, n]) => `${t} ${n}`).join(', ');
    out(`${r.seeder}: ${plural(r.rows, 'row')}${tables ? ` (${tables})` : ''} in ${r.display}, ${(r.ms / 1000).toFixed(2)} s`);
  });

program.command('demo').description('create demo/school.db from examples/school, seed it, print coverage')
  .option('--rows <n>', 'rows per table', intArg('--rows'))
  .option('--seed <n>', 'random seed', intArg('--seed', '--seed 42'))
  .action((o) => runDemo({ rows: o.rows, seed: o.seed, json: globals().json }));

/** Ctrl-C (SIGINT) or SIGTERM cancels the command instead of killing it mid-transaction: the
 *  statement running on the database is stopped and the transaction rolled back, nothing is
 *  written. A second one exits at once (the server rolls back what it was running). */
const interrupt = new AbortController();
let interruptedBy: NodeJS.Signals | undefined;
function interruptSignal(): AbortSignal {
  if (!process.listenerCount('SIGINT')) {
    const onSignal = (sig: NodeJS.Signals) => {
      interruptedBy ??= sig;
      if (!interrupt.signal.aborted) return interrupt.abort();
      warn(`seedbed: stopped at once (${sig} again); the server rolls back a transaction that was not committed.`);
      process.exit(130);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  return interrupt.signal;
}

/** A named pipe nothing reads: opening it to write waits for a reader for ever (Ctrl-C cannot end
 *  the synchronous open), so that is refused. One a program reads is written as usual: the
 *  returned descriptor (a writer held open) is closed after the write, so the reader never sees
 *  the end of the pipe between the probe and the write. */
function pipeReader(file: string, option: string): number | undefined {
  let fifo = false;
  try { fifo = statSync(file).isFIFO(); } catch { return undefined; }
  if (!fifo) return undefined;
  try {
    return openSync(file, constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENXIO') return undefined;
    throw new SeedbedError('BAD_INPUT', `${file} is a named pipe (FIFO) that nothing reads: writing to it would wait for ever.`, { fix: `Pass ${option} a file path, or start the program that reads the pipe first.` });
  }
}

exitQuietlyOnClosedPipe();
// Not a top-level await: the installed CLI runs as a CommonJS script with its code cache
// (compile-cache.ts loadBundle), where there is none.
void (async () => {
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
    } else {
      warn(`seedbed: ${redact(errorText(e))}`);
      process.exitCode = 1;
    }
  }
  endSoon();
})();

/** The command is done: config code that left something running (a timer, a socket, a top-level
 *  await stopped by its time limit) must not keep the process alive. Unref'd: never delays an
 *  exit. After a cancel, a thread may still be inside a SQLite statement it cannot leave (a
 *  trigger's endless work): process.exit() would wait for it for ever, so the process ends as the
 *  signal ends any program (the file's open transaction is rolled back by SQLite at its next use). */
function endSoon(): void {
  setTimeout(() => (interruptedBy ? endBy(interruptedBy) : process.exit()), 500).unref();
}

function endBy(sig: NodeJS.Signals): void {
  process.removeAllListeners(sig);
  process.kill(process.pid, sig);
}
