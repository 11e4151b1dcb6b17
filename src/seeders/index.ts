// Seedbed's engine API. The CLI (src/cli) and the VS Code extension (src/extension.ts) are thin
// shells over these functions; neither re-implements engine logic. Never imports `vscode`.

import type { Driver } from './driver.ts';
import { parseDatabaseUrl } from './drivers/url.ts';
import { SeedbedError } from './errors.ts';
import { planSeed, wantsRows, type SeedPlan } from './plan/plan.ts';
import { readProfiles } from './learn/profile.ts';
import { hasLanguageColumns, loadLocales } from './generate/locales.ts';
import { loadFaker, usesFunctions } from './generate/config-rules.ts';
import { coverage, type CoverageReport } from './coverage/coverage.ts';
import { columnCoverage } from './coverage/columns.ts';
import type { DetailedCoverage } from './coverage/model.ts';
import type { SchemaInfo, TableInfo } from './schema/model.ts';
import { orderTables } from './plan/graph.ts';
import { runSeed, type RunResult } from './write/run.ts';
import { strictError } from './write/left-out.ts';
import { earlyGenerator, writesBeside } from './write/source.ts';
import { planTargets } from './config/run-options.ts';
import { assertWritable, type GuardOptions } from './guard.ts';
import type { SeedOptions } from './seed-options.ts';
export type { SeedOptions } from './seed-options.ts';
import { listRuns, markClearedRuns, type RunRecord } from './ledger/ledger.ts';
import { undoRun, type UndoResult } from './ledger/undo.ts';
import { exportFolder, exportReader, exportTransaction, type ExportFormat } from './export/index.ts';
import { withImpliedForeignKeys } from './schema/implied-fks.ts';
import { cancellable } from './cancel.ts';

export type { Driver } from './driver.ts';
export type { SeedEvent, SeedEventListener } from './events.ts';
export type { SchemaInfo, TableInfo, ColumnInfo, ForeignKeyInfo } from './schema/model.ts';
export type { SeedPlan, TablePlan } from './plan/plan.ts';
export type { RunResult } from './write/run.ts';
export type { ValidationReport } from './validate/report.ts';
export type { CoverageReport } from './coverage/coverage.ts';
export type { DetailedCoverage, TableDetail, ColumnCoverage, FanOut } from './coverage/model.ts';
export type { RunRecord } from './ledger/ledger.ts';
export type { UndoResult } from './ledger/undo.ts';
export { EXPORT_FORMATS, type ExportFormat } from './export/index.ts';
export { NOTHING_TO_ADD, nothingAddedText, undoText } from './ledger/describe.ts';
export { undoableRuns } from './ledger/ledger.ts';
export { plural } from './words.ts';
export { SeedbedError, errorText } from './errors.ts';
export { parseDatabaseUrl, redact } from './drivers/url.ts';
export { planToJson, formatPlan } from './plan/format.ts';
export { explainPlan, formatExplanation, isTextLike, GENERIC_RULES } from './plan/explain.ts';
export type { PlanExplanation, TableExplanation, ColumnExplanation, ExplainSource, ExplainSummary } from './plan/explain.ts';
export { DEFAULT_ROWS } from './plan/plan.ts';
export type { GuardOptions } from './guard.ts';
export type { EngineConfig, SeedbedConfig } from './config/types.ts';
export { defineConfig } from './config/types.ts';
export {
  checkConfigNames, configRunOptions, initFolder, loadCheckedConfig, locateProjectConfig, planTargets, projectDatabase, resolveProjectConfig, scenarioSummaries,
  type ProjectConfigRef, type ScenarioSummary,
} from './config/run-options.ts';
export type { ResolvedConfig, ConfigOptions } from './config/resolve.ts';
// A MikroORM project's entities over the database's schema (enums, inheritance, lists, objects).
export { applyEntities, withEntities, type EntityFacts } from './schema/entities.ts';
export { projectEntityFacts } from './config/mikro-orm-entities.ts';
export { createProjectSchema } from './config/mikro-orm-create.ts';

export interface OpenOptions {
  /** SQLite: create the file when missing (the demo does). */
  create?: boolean;
  /** A seed (or another write: undo, clear) follows: SQLite starts its writing thread now, beside
   *  the driver's own loading (every SQLite write transaction is held by one: drivers/sqlite.ts). */
  seeding?: boolean;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Driver> {
  const target = parseDatabaseUrl(url);
  // Drivers load on demand: a SQLite run never pays for the PostgreSQL client, nor the reverse.
  if (target.dialect === 'sqlite') return (await import('./drivers/sqlite.ts')).openSqlite(target, options);
  return (await import('./drivers/postgres.ts')).openPostgres(target);
}


const DEFAULT_SEED = 1;

/** Reads the schema and plans a seed without writing anything. */
export async function makePlan(driver: Driver, options: SeedOptions = {}, schema?: SchemaInfo): Promise<{ schema: SchemaInfo; plan: SeedPlan }> {
  const input = await planInput(driver, options, schema);
  return { schema: input.schema, plan: planSeed(input.schema, input.options) };
}

/** What a plan is made from: the schema and the rows already there. */
async function planInput(driver: Driver, options: SeedOptions, schema?: SchemaInfo): Promise<SeedPlan['input']> {
  const read = schema ?? (await driver.readSchema());
  const s = options.config?.impliedForeignKeys === false ? read : withImpliedForeignKeys(read);
  if (!s.tables.length) {
    throw new SeedbedError('EMPTY_SCHEMA', `${driver.target.display} has no tables to seed.`, {
      fix: 'Run your migrations (create the tables) first, then seed.',
    });
  }
  const existing = options.clearFirst ? new Map<string, number>() : await driver.countRows(s.tables);
  if (usesFunctions(options.config)) await loadFaker();
  if (hasLanguageColumns(s)) await loadLocales();
  const plan = { rows: options.rows, counts: options.counts, tables: options.tables, existing, topUp: options.topUp, config: options.config, ...(options.dryRun ? { writesNothing: true } : {}) };
  // Tables that hold rows and get more: new rows follow a sample of the old (learn/).
  const profiles = options.learn === false ? undefined : await readProfiles(driver, s, existing, (t) => wantsRows(t, plan));
  return { schema: s, options: profiles ? { ...plan, profiles } : plan };
}

/** Plans and runs a seed in one transaction. Aborting `options.signal` stops it, also inside a
 *  statement the database is running; nothing is written. */
export async function seed(driver: Driver, options: SeedOptions = {}): Promise<{ plan: SeedPlan; result: RunResult }> {
  // A dry run writes nothing, but is guarded alike: it reads the data and precedes a real run.
  assertWritable(driver.target, options);
  return cancellable(driver, options.signal, () => seedGuarded(driver, options));
}

async function seedGuarded(driver: Driver, options: SeedOptions): Promise<{ plan: SeedPlan; result: RunResult }> {
  if (!options.dryRun) driver.prepareWriter?.();
  // A large run generates in a worker: start it now, so that it loads while the schema is read
  // (when the counts alone say the run is large), else once it is; it plans while the run begins.
  const beside = writesBeside(driver, !options.dryRun);
  let generator = earlyGenerator(undefined, { rows: options.rows, counts: options.counts, tables: options.tables, config: options.config, existing: new Map() }, beside);
  let input: SeedPlan['input'];
  try {
    input = await planInput(driver, options);
  } catch (e) {
    await generator?.stop();
    throw e;
  }
  generator ??= earlyGenerator(input.schema, input.options, beside);
  try {
    // The generating thread plans the same at the same time (its plan is the one it generates by).
    generator?.plan(input);
    let plan = planSeed(input.schema, input.options);
    generator?.adopt(plan);
    if (options.strict && plan.leftOut.length) throw strictError(plan.leftOut, false);
    if (options.clearFirst && !options.dryRun) {
      const cleared = clearOrder(input.schema, plan.tables.map((t) => t.name));
      await driver.clear(cleared);
      await markClearedRuns(driver, cleared.map((t) => t.name));
    }
    const result = await runSeed(driver, plan, {
      seed: options.seed ?? DEFAULT_SEED,
      signal: options.signal,
      onEvent: options.onEvent,
      dryRun: options.dryRun,
      scenario: options.scenario ?? options.config?.scenario,
      hooks: options.config?.hooks,
      generator,
      strict: options.strict,
      onPlan: (p) => { plan = p; },
    });
    return { plan, result };
  } catch (e) {
    await generator?.stop(); // runSeed stops it itself once it has it; stopping twice is harmless
    throw e;
  }
}

export interface ExportOptions extends Omit<SeedOptions, 'clearFirst' | 'dryRun' | 'topUp' | keyof GuardOptions> {
  /** The folder the files go to: created when missing, refused when it holds files. */
  out: string;
  format: ExportFormat | string;
}

/** Writes the rows a seed would make as files (export/): the database is only read, and planned
 *  as if empty, so the files load into a fresh database with the schema and equal a seed there. */
export async function exportSeed(driver: Driver, options: ExportOptions): Promise<{ plan: SeedPlan; result: RunResult; dir: string; format: ExportFormat }> {
  return cancellable(driver, options.signal, () => exportRun(driver, options));
}

async function exportRun(driver: Driver, options: ExportOptions): Promise<{ plan: SeedPlan; result: RunResult; dir: string; format: ExportFormat }> {
  const { dir, format } = await exportFolder(options.out, options.format);
  const input = await planInput(driver, { ...options, clearFirst: true, dryRun: true });
  let plan = planSeed(input.schema, input.options);
  if (options.strict && plan.leftOut.length) throw strictError(plan.leftOut, false);
  const result = await runSeed(exportReader(driver), plan, {
    seed: options.seed ?? DEFAULT_SEED,
    signal: options.signal,
    onEvent: options.onEvent,
    scenario: options.scenario ?? options.config?.scenario,
    strict: options.strict,
    ledger: false,
    transaction: exportTransaction(driver, dir, format),
    onPlan: (p) => { plan = p; },
  });
  return { plan, result, dir, format };
}

/** Tables to clear, children first. Unknown names are an error. */
export function clearOrder(schema: SchemaInfo, names?: string[]): TableInfo[] {
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  for (const n of names ?? []) {
    if (!byName.has(n)) throw new SeedbedError('UNKNOWN_TABLE', `Unknown table "${n}".`, { fix: 'Run `seedbed schema` to list the tables.' });
  }
  const chosen = names?.length ? names.map((n) => byName.get(n)!) : schema.tables;
  return orderTables(chosen).order.reverse().map((n) => byName.get(n)!);
}

export interface ClearOptions extends GuardOptions {
  /** Tables the config excludes: never cleared, and naming one is an error. */
  exclude?: string[];
  /** Where the exclusion comes from (the config file), for the message. */
  excludedBy?: string;
}

/** Refuses to clear an excluded table (checked before asking for confirmation). */
export function checkClearable(names: string[] | undefined, options: ClearOptions = {}): void {
  const excluded = new Set(options.exclude ?? []);
  const named = (names ?? []).filter((t) => excluded.has(t));
  if (!named.length) return;
  const many = named.length > 1;
  throw new SeedbedError('BAD_INPUT', `${named.join(', ')} ${many ? 'are' : 'is'} excluded in ${options.excludedBy ?? 'the config'}; Seedbed never clears ${many ? 'them' : 'it'}.`, {
    fix: 'Leave it out of --tables, or remove it from `exclude` in the config.',
  });
}

export async function clear(driver: Driver, names?: string[], options: ClearOptions = {}): Promise<string[]> {
  assertWritable(driver.target, options);
  checkClearable(names, options);
  const schema = await driver.readSchema();
  const excluded = new Set(options.exclude ?? []);
  // Tables SQLite cannot write here (an index sorting by a collation only the application has)
  // hold no rows of Seedbed's and cannot be deleted from: clearing all leaves them as they are.
  const chosen = names?.length ? names : schema.tables.filter((t) => !excluded.has(t.name) && !t.unwritable).map((t) => t.name);
  const tables = chosen.length ? clearOrder(schema, chosen) : [];
  // Nothing to clear writes nothing: a zero-byte file (an empty database) stays zero bytes.
  if (!tables.length) return [];
  await driver.clear(tables);
  await markClearedRuns(driver, tables.map((t) => t.name));
  return tables.map((t) => t.name);
}

/** Rows per table against the target: `targets[table]` (e.g. planTargets of a config's plan),
 *  else `rows`, else the default. */
export async function status(driver: Driver, options: SeedOptions & { targets?: Record<string, number> } = {}, schema?: SchemaInfo): Promise<CoverageReport> {
  const s = schema ?? (await driver.readSchema());
  const counts = await driver.countRows(s.tables);
  return coverage(s, counts, options.rows, options.targets ?? (await tableTargets(driver, options, s)));
}

/** A table's target, the one definition `status`, `coverage` and the extension's tree share: the
 *  rows a seed from empty would make of it (its scenario's size, or what its unique keys admit: a
 *  table whose key admits only 13 rows is full at 13, not 13 of 50). Undefined when the schema
 *  cannot be planned (then the row target; `plan` says what is wrong). */
export async function tableTargets(driver: Driver, options: SeedOptions, schema: SchemaInfo): Promise<Record<string, number> | undefined> {
  if (!schema.tables.length) return undefined;
  try {
    const { plan } = await makePlan(driver, { ...options, clearFirst: true }, schema);
    return planTargets(plan);
  } catch {
    return undefined; // the row target then; `plan` says what is wrong
  }
}

/** Detailed coverage: per table rows/target, per column non-null %, distinct values, allowed values
 *  and boolean branches reached, per foreign key the parent's fan-out. Render with coverage/index.ts. */
export async function coverageReport(driver: Driver, options: SeedOptions & { targets?: Record<string, number> } = {}): Promise<DetailedCoverage> {
  const schema = await driver.readSchema();
  const targets = options.targets ?? (await tableTargets(driver, { ...options, tables: undefined }, schema));
  // Its aggregates read every column of every row (generated ones evaluated): apart, where the driver can.
  const report = () => columnCoverage(driver, schema, { rows: options.rows, tables: options.tables, targets });
  return driver.apart ? driver.apart(report) : report();
}

/** Deletes exactly the rows of the last run (or run `runId`). */
export async function undo(driver: Driver, runId?: number, guard: GuardOptions = {}): Promise<UndoResult> {
  assertWritable(driver.target, guard);
  return undoRun(driver, await driver.readSchema(), runId);
}

/** Tables that cannot be filled, with the reason: what the last committed run left out, updated
 *  by what `plan` (a plan of this database, if any) knows now. */
export async function cannotFill(driver: Driver, plan?: SeedPlan): Promise<Record<string, string>> {
  const last = (await listRuns(driver).catch(() => [])).filter((x) => x.status === 'committed').at(-1);
  const out: Record<string, string> = { ...last?.leftOut };
  for (const l of plan?.leftOut ?? []) out[l.table] = l.reason;
  return out;
}

/** Seed runs recorded in the database's ledger. */
export async function runs(driver: Driver): Promise<RunRecord[]> {
  return listRuns(driver);
}

export async function validate(driver: Driver) {
  const schema = await driver.readSchema();
  return driver.validate(schema);
}
