import type { Driver, WriteTransaction } from '../driver.ts';
import { clip, SeedbedError } from '../errors.ts';
import type { SeedEventListener } from '../events.ts';
import { recordRun, type InsertedKeys } from '../ledger/ledger.ts';
import { planSeed, type SeedPlan } from '../plan/plan.ts';
import { leftOutBy, strictError } from './left-out.ts';
import type { EngineConfig } from '../config/types.ts';
import type { TableInfo } from '../schema/model.ts';
import { prepareRun } from './prepare.ts';
import { rollupSql } from './rollups.ts';
import { checkRows } from './db-checks.ts';
import { triggerError } from './trigger-errors.ts';
import { mirrorStarts } from './mirror-keys.ts';
import { ftsCommand } from '../drivers/sqlite-fts.ts';
import { ignoringTriggers } from '../schema/trigger-ignore.ts';
import { insertRowByRow } from './immediate-keys.ts';
import { cloneable, generatorThreshold, guardedConfig, inlineSource, spawnGenerator, WORKER_THRESHOLD, workerFile, writesBeside, type GeneratorWorker, type WorkerConfig } from './source.ts';
import type { RunOp } from './generate-run.ts';
import { ruleSite } from '../config/rule-site.ts';
import { configTimeLimitMs } from '../config/time-limit.ts';
import { asCancelled, cancellable, cancelledError, isCancel } from '../cancel.ts';
import { stallMessage, stallReportMs, StallWatch } from './stall-watch.ts';
import { rowidName } from '../schema/sqlite-rowid.ts';
import { nameRecord } from '../own.ts';

// Executes a plan inside ONE transaction: reads what generation needs (prepare.ts), takes the
// stream of writes (generate-run.ts, inline or in a worker thread), applies it, records the run
// in the ledger and commits. Any error or a cancel rolls back: the database is as it was. A dry
// run only reads: the stream goes to a transaction that writes nothing (dryTransaction).

export interface RunOptions {
  seed: number;
  scenario?: string;
  /** Record the run in the database's ledger (seedbed_runs) so it can be undone. Default true. */
  ledger?: boolean;
  signal?: AbortSignal;
  onEvent?: SeedEventListener;
  /** Generate the rows without writing them (no transaction, no INSERT, no trigger fires, no
   *  sequence moves): the result counts what a real run would add. */
  dryRun?: boolean;
  batchSize?: number;
  /** Use threads: 'auto' (default) does so for runs of 20,000 rows or more (see below); true
   *  uses a generating one (and SQLite's writing one), 'writer' only SQLite's writing one. */
  worker?: boolean | 'auto' | 'writer';
  /** Config hooks, called on this thread around each table. */
  hooks?: EngineConfig['hooks'];
  /** A generator thread started before planning (`earlyGenerator`): used if the run generates
   *  in a worker, stopped otherwise. */
  generator?: GeneratorWorker;
  /** A table that cannot be filled fails the run (nothing written) instead of being left out. */
  strict?: boolean;
  /** Called with the plan the run ends up with, when a table left out at run time changed it. */
  onPlan?: (plan: SeedPlan) => void;
  /** Where the writes go instead of the database (an export to files, export/): the database
   *  is only read; rows reach it as plain values, hooks do not run, nothing is recorded. */
  transaction?: (plan: SeedPlan) => Promise<WriteTransaction>;
  /** A dry run's rows as they would be written, batch by batch (a preview; tests compare it with a real run). */
  onDryRows?: (table: string, columns: string[], rows: unknown[][]) => void;
}

export interface RunResult {
  seed: number;
  rows: number;
  perTable: Record<string, number>;
  ms: number;
  rowsPerSecond: number;
  dryRun: boolean;
  warnings: string[];
  /** Ledger id of the run (undefined for a dry run or without a ledger). */
  runId?: number;
  /** Whether other threads generated and/or wrote the rows. */
  worker: boolean;
  /** CPU time of the generator thread (ms), when there was one: what the benchmark weighs. */
  workerCpuMs?: number;
  /** Tables that could not be filled and got no rows, and why (the plan's and those found while writing). */
  leftOut: { table: string; reason: string }[];
  /** Rows the database added itself to tables it fills (triggers, FTS rebuilds), per table. */
  filled?: Record<string, number>;
  /** Tables written that have no primary key: undo cannot remove their rows one by one (the
   *  full list; `warnings` says it in one line). */
  keyless?: string[];
}

/** From this many rows into one table, its plain indexes are dropped and rebuilt after the load. */
const BULK_ROWS = 10_000;

/** Runs the plan. A table that fails while being generated or written (a CHECK no row meets, a
 *  trigger that rejects its rows, a constraint checked at the end) is left out: the transaction
 *  is rolled back and the run starts again with that table planned empty (its children as far as
 *  they can be: NULL for an optional parent, left out too for a required one), so what commits is
 *  still one transaction, and the same data as if the plan had known. A run without such tables
 *  pays nothing for this (no savepoints); one with k of them runs k + 1 times. */
export async function runSeed(driver: Driver, plan: SeedPlan, options: RunOptions): Promise<RunResult> {
  // A cancel also stops the statement the database is running (cancel.ts).
  return cancellable(driver, options.signal, () => runAttempts(driver, plan, options));
}

async function runAttempts(driver: Driver, plan: SeedPlan, options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  if (options.strict && plan.leftOut.length) throw strictError(plan.leftOut, false);
  let current = plan;
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await runOnce(driver, current, { ...options, generator: attempt ? undefined : options.generator });
      if (attempt) result.ms = performance.now() - started;
      return result;
    } catch (e) {
      const failed = leftOutBy(e, current);
      if (!failed || current.leftOut.some((l) => l.table === failed.table)) throw e;
      if (options.strict) throw strictError([failed], true);
      options.onEvent?.({ type: 'left-out', table: failed.table, reason: failed.reason });
      current = planSeed(current.input.schema, { ...current.input.options, leftOut: { ...current.input.options.leftOut, [failed.table]: failed.reason } });
      options.onPlan?.(current);
    }
  }
}

async function runOnce(driver: Driver, plan: SeedPlan, options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const emit = options.onEvent ?? (() => {});
  const batchSize = options.batchSize ?? 1000;
  const seed = options.seed;
  const totalRows = plan.tables.reduce((a, t) => a + t.count, 0);
  const tablesToFill = plan.tables.filter((t) => t.count > 0).length;
  emit({ type: 'start', tables: tablesToFill, rows: totalRows, seed });

  const perTable = nameRecord<number>();
  const warnings: string[] = [];
  const keyless: string[] = [];
  const inserted: InsertedKeys[] = [];
  const startedAt = new Date();
  // Large runs use threads. Where the driver can write from a thread of its own (SQLite), that
  // thread writes while this one generates; a PostgreSQL server works in its own process while
  // this thread generates and sends. In very large runs (source.ts) a worker generates instead
  // (its young generation capped, so memory stays flat) and this thread only relays, as it does
  // for exports at any large size. Config functions cannot cross into a worker; a worker loads the config file itself,
  // whatever the run's size, so that one that never returns can be stopped (source.ts).
  const forced = options.worker === true || options.worker === 'writer';
  const large = forced || (options.worker !== false && totalRows >= WORKER_THRESHOLD);
  const threadedWriter = large && !options.dryRun && !options.transaction && driver.beginInThread !== undefined;
  const writes = !options.dryRun && !options.transaction;
  const config = plan.input.options.config;
  const source = options.worker !== false && options.worker !== 'writer' ? guardedConfig(config) : undefined;
  const guarded: WorkerConfig | undefined = source && workerFile() ? { source, limitMs: configTimeLimitMs(), site: (t, c) => ruleSite(config, t, c) } : undefined;
  const generateInWorker = !!guarded || (large && options.worker !== 'writer' && cloneable(plan.input.options)
    && (options.worker === true || totalRows >= generatorThreshold(writesBeside(driver, writes))));
  const early = generateInWorker ? options.generator : undefined;
  if (options.generator && !early) void options.generator.stop();
  const file = generateInWorker && !early ? workerFile() : undefined;
  let tx: WriteTransaction | undefined;
  // Started first: the thread loads its code while this one reads what the run needs.
  const worker: GeneratorWorker | undefined = early ?? (file ? spawnGenerator(file, guarded?.source) : undefined);
  let runId: number | undefined;
  let current = '';
  let told: Set<string> | undefined;
  // Said when the run stops moving (a statement the database never finishes).
  const triggered = (table: string) => (plan.input.schema.triggers ?? []).some((g) => g.table === table);
  const watch = new StallWatch(stallReportMs(), async (quiet) => emit({ type: 'stalled', ms: quiet, ...(await stallMessage(quiet, tx, current, triggered)) }));
  try {
    const tableOf = new Map([...plan.recipes.values()].map((r) => [r.table.name, r.table]));
    const filled = plan.tables.filter((t) => t.count > 0 && tableOf.has(t.name)).map((t) => ({ table: tableOf.get(t.name)!, rows: t.count }));
    // A large run's constraint checks may wait for the end (verify, below): one pass per table.
    tx = options.dryRun ? dryTransaction(options.onDryRows) : options.transaction ? await options.transaction(plan) : threadedWriter ? await driver.beginInThread!(filled) : await driver.begin(large ? filled : undefined, plan.cycleFks);
    const maxInteger = tx.maxInteger ? tx.maxInteger.bind(tx) : driver.maxInteger.bind(driver);
    const inputs = await prepareRun(driver, plan, seed);
    // Nothing written, nothing to read back: the keys a trigger's rows will get, where they can be told.
    if (!writes && plan.mirrors?.some((m) => m.predict)) {
      const { starts, unknown } = await mirrorStarts(driver, plan, !!options.transaction);
      if (starts.size) { inputs.mirrorStarts = starts; told = new Set(starts.keys()); }
      for (const u of unknown) warnings.push(`${u}; the rows its trigger makes cannot be told before they are written, so the tables under it point only at rows it already has`);
    }
    // Rows the triggers add are the run's too (undo removes them): their integer keys from here on.
    const byTriggers = await triggerKeys(plan, tableOf, driver.dialect, maxInteger);
    tx.startBulk?.();
    const ops: AsyncIterable<RunOp> = worker?.start(plan, inputs, batchSize, { encode: !options.transaction, signal: options.signal, config: guarded }) ?? inlineSource(plan, inputs, batchSize, writes);
    const existing = new Map(plan.tables.map((t) => [t.name, t.existing]));
    const ignoredBy = ignoringTriggers(plan.input.schema.triggers);
    const readTx = () => (tx!.query ? tx!.query.bind(tx) : driver.query!.bind(driver));
    const immediate = plan.immediateKeys && new Set(plan.immediateKeys);
    let totalDone = 0;
    let done = 0;
    let target = 0;
    let tStart = 0;
    let rowidBefore: Promise<number> | undefined;
    let rowid: string | undefined;
    let restoreIndexes: Promise<string[]> | undefined;
    const pending: Promise<unknown>[] = [];
    // Tables whose checks can run as soon as they are written (tableDone): not written again
    // later, and every parent written before them.
    const rewritten = rewrittenTables(plan);
    const written = new Set<string>();
    const inRun = new Set(filled.map((f) => f.table.name));
    let lastYield = performance.now();
    for await (const op of ops) {
      watch.step();
      if (op.op === 'rows' || op.op === 'encoded') {
        const table = tableOf.get(op.table)!;
        const columns = plan.recipes.get(op.table)!.columns;
        if (immediate?.has(op.table) && tx.execute) await insertRowByRow(tx, driver, table, columns, op.rows);
        else if (op.op === 'rows') await tx.insert(table, columns, op.rows);
        else await tx.insertEncoded(table, columns, op.rows);
        const n = op.op === 'rows' ? op.rows.length : op.rows.count;
        done += n;
        totalDone += n;
        const now = performance.now();
        if (now - lastYield > 25) {
          emit({ type: 'progress', table: op.table, done, total: target, totalDone, totalRows, rowsPerSecond: rate(done, now - tStart) });
          // Let a cancel (signal) or the UI get a turn; better-sqlite3 itself is synchronous.
          if (!worker) await new Promise((r) => setImmediate(r));
          lastYield = performance.now();
        } else if (tx.ioOnThisThread && !worker) {
          await new Promise((r) => setImmediate(r));
        }
        if (options.signal?.aborted) throw cancelledError();
      } else if (op.op === 'table-start') {
        current = op.table;
        done = 0;
        target = op.target;
        tStart = performance.now();
        const table = tableOf.get(op.table)!;
        // Not awaited here: a writing thread answers in order, after the rows posted before, and
        // waiting would stall generation until it has caught up. Awaited at table-done.
        // (A contentless FTS index cannot delete rows: nothing to record.)
        rowid = !table.primaryKey.length && driver.dialect === 'sqlite' && (table.virtual?.content !== '' || table.virtual.deletable) ? rowidName(table) : undefined;
        rowidBefore = rowid ? settled(maxInteger(table, rowid)) : undefined;
        // A big load into a table goes faster without its plain indexes; they are rebuilt at table-done.
        restoreIndexes = tx.suspendIndexes && op.target >= BULK_ROWS && op.target >= (existing.get(op.table) ?? 0) ? settled(tx.suspendIndexes(table)) : undefined;
        // The parent of a key SQLite calls a mismatch: its INSERTs prepare only with keys checked at once.
        if (immediate?.has(op.table)) await tx.execute?.('PRAGMA defer_foreign_keys = OFF');
        emit({ type: 'table-start', table: op.table, phase: op.phase, index: op.index, of: op.of, rows: op.target });
        if (writes) await options.hooks?.beforeTable?.({ table: op.table, rows: op.target, scenario: options.scenario ?? '' });
      } else if (op.op === 'table-done') {
        tx.tableWritten?.(tableOf.get(op.table)!);
        if (immediate?.has(op.table)) await tx.execute?.('PRAGMA defer_foreign_keys = ON');
        // Rebuilt in order with the next table's rows; checked before the COMMIT.
        for (const sql of (await restoreIndexes) ?? []) pending.push(settled(tx.execute!(sql).catch((e) => { throw wrapRunError(e, op.table); })));
        restoreIndexes = undefined;
        written.add(op.table);
        const doneTable = tableOf.get(op.table)!;
        if (tx.tableDone && !rewritten.has(op.table) && doneTable.foreignKeys.every((fk) => written.has(fk.refTable) || !inRun.has(fk.refTable))) {
          pending.push(settled(tx.tableDone(doneTable).catch((e) => { throw wrapRunError(e, op.table); })));
        }
        // A trigger that drops rows without a word (RAISE(IGNORE), RETURN NULL): the rows kept
        // count, read back already ('kept' op) where the table has a row key.
        const ignoring = ignoredBy.get(op.table);
        if (ignoring && op.made && writes) {
          const written = op.written ?? op.made;
          const kept = op.written !== undefined ? op.made : await keptRows(readTx(), driver, op.table, existing.get(op.table) ?? 0);
          if (kept < written) {
            warnings.push(`${op.table}: ${written - kept} of the ${written} rows written were dropped by trigger ${ignoring.join(', ')} (${driver.dialect === 'sqlite' ? 'RAISE(IGNORE)' : 'its function returns NULL'}); ${kept} kept`);
            op.made = kept;
          }
        }
        perTable[op.table] = op.made;
        if (op.dropped) warnings.push(`${op.table}: ${op.dropped} row(s) left out: ${op.dropNote ?? 'no distinct value left for a unique key'}`);
        if (op.made) {
          if (op.mirrorKeys) inserted.push(...op.mirrorKeys);
          if (op.keys) inserted.push(op.keys);
          else if (rowidBefore !== undefined) inserted.push({ table: op.table, columns: [rowid!], range: { lo: (await rowidBefore) + 1, hi: await maxInteger(tableOf.get(op.table)!, rowid!) } });
          else if (tableOf.get(op.table)!.virtual) warnings.push(`${op.table}: a contentless FTS index; its rows cannot be undone one by one`);
          else keyless.push(op.table);
        }
        const ms = performance.now() - tStart;
        emit({ type: 'table-done', table: op.table, rows: op.made, ms, rowsPerSecond: rate(op.made, ms), dropped: op.dropped, ...(op.dropNote ? { dropNote: op.dropNote } : {}) });
        if (writes) await options.hooks?.afterTable?.({ table: op.table, rows: op.made, scenario: options.scenario ?? '' });
      } else if (op.op === 'read') {
        // Rows a trigger made with keys of the database's making: their children point at them.
        current = op.table;
        if (writes) {
          const table = plan.input.schema.tables.find((x) => x.name === op.table)!;
          // Only the rows this run made, in the order they were made (after: a key the table's sequence gives).
          const before = op.after === undefined ? undefined : byTriggers.find((k) => k.table.name === op.table && k.column === op.after)?.before;
          const where = before === undefined ? '' : ` WHERE ${driver.quoteColumn!(op.after!)} > ${before} ORDER BY ${driver.quoteColumn!(op.after!)}`;
          if (before === undefined || !tx.query) op.after = undefined;
          op.rows = tx.query ? await readColumns(tx.query.bind(tx), driver, table, op.columns, where) : await driver.readValues(table, op.columns);
        }
      } else if (op.op === 'kept') {
        // Which rows a trigger let stay: their children point at those only.
        current = op.table;
        if (writes) {
          const table = tableOf.get(op.table)!;
          const read = readTx();
          op.present = await keyTexts(read, driver, table, op.columns, op.range);
          op.kept = await keptRows(read, driver, op.table, existing.get(op.table) ?? 0);
        }
      } else if (op.op === 'check') {
        // Candidates for CHECKs only the database can evaluate: it says which fail.
        current = op.table;
        op.failed = await checkRows(driver, tx, tableOf.get(op.table)!, op.checks, op.columns, op.rows);
      } else if (op.op === 'update') {
        // Close a cycle: rows held back get their parent now that it exists.
        current = op.table;
        await tx.update(tableOf.get(op.table)!, op.keyColumns, op.setColumns, op.rows);
        emit({ type: 'fill-after', table: op.table, rows: op.rows.length });
      }
    }
    current = '';
    await Promise.all(pending);
    for (const k of byTriggers) {
      const hi = await maxInteger(k.table, k.column);
      if (hi > k.before) inserted.push({ table: k.table.name, columns: [k.column], range: { lo: k.before + 1, hi } });
    }
    // Totals that sum a child table's lines, now that every line is written (this run's parents).
    for (const r of plan.rollups) {
      const range = inserted.find((k) => k.table === r.parent && k.columns.length === 1 && k.columns[0] === r.key)?.range;
      if (!range || !tx.execute || !driver.quoteTable) continue;
      current = r.parent;
      for (const { sql, params } of rollupSql(driver, r, range)) await tx.execute(sql, params);
    }
    // External-content FTS indexes without sync triggers: rebuilt from their content tables.
    for (const t of plan.rebuilds) {
      current = t;
      await tx.execute!(ftsCommand(t, 'rebuild'));
    }
    current = '';
    await tx.verify?.();
    // A run that added nothing (a top-up of a full database, --rows 0) leaves no trace: there is nothing to undo.
    if (writes && options.ledger !== false && tx.execute && (Object.values(perTable).some((n) => n > 0) || inserted.length)) {
      runId = await recordRun(driver, tx, { startedAt, seed, scenario: options.scenario, tables: perTable, keys: inserted, leftOut: plan.leftOut });
    }
    if (options.dryRun) {
      emit({ type: 'rollback', reason: 'dry run, nothing was written' });
    } else {
      if (options.signal?.aborted) throw cancelledError();
      tx.keysWritten?.(inserted);
      await tx.commit();
      emit({ type: 'commit' });
    }
  } catch (err) {
    // Once cancelled, whatever failed (the statement the cancel stopped) is the cancel.
    const e = options.signal?.aborted ? asCancelled(err) : err;
    try { await tx?.rollback(); } catch { /* the original error matters more */ }
    emit({ type: 'rollback', reason: (e as Error).message });
    // An error that names its table (a check at the end; a writing thread's failed insert, which
    // surfaces when the next table is written) is that table's; a trigger's rejection names the trigger.
    const own = (e as { table?: unknown } | undefined)?.table;
    const table = (typeof own === 'string' && own) || current;
    throw triggerError(e, plan.input.schema.triggers, table) ?? wrapRunError(e, table);
  } finally {
    watch.stop();
    await worker?.stop();
  }
  // Committed: a cancel that comes now (the driver refuses statements) only leaves this count out.
  const filled = !writes ? toldFilled(plan, perTable, told) : await filledRows(driver, plan).catch((e) => { if (isCancel(e)) return undefined; throw e; });
  const ms = performance.now() - started;
  const rows = Object.values(perTable).reduce((a, b) => a + b, 0);
  emit({ type: 'done', rows, ms, rowsPerSecond: rate(rows, ms) });
  if (keyless.length) warnings.push(keylessWarning(keyless));
  return { seed, rows, perTable, ms, rowsPerSecond: rate(rows, ms), dryRun: !!options.dryRun, warnings, runId, worker: !!worker || threadedWriter, workerCpuMs: worker?.cpuMs, leftOut: plan.leftOut, ...(filled ? { filled } : {}), ...(keyless.length ? { keyless } : {}) };
}

/** Rows of `table` now, less the `before` it had: what the run kept of it. */
async function keptRows(query: NonNullable<Driver['query']>, driver: Driver, table: string, before: number): Promise<number> {
  const rows = await query(`SELECT count(*) AS n FROM ${driver.quoteTable!(table)}`);
  return Math.max(0, Number(rows[0]?.n ?? 0) - before);
}

/** The row keys `table` holds (within `range` for one integer column), as the generator spells
 *  them: each row's values as text, joined by NUL. */
async function keyTexts(query: NonNullable<Driver['query']>, driver: Driver, table: TableInfo, columns: string[], range?: { lo: number; hi: number }): Promise<string[]> {
  const where = range ? ` WHERE ${driver.quoteColumn!(columns[0])} BETWEEN ${range.lo} AND ${range.hi}` : '';
  return (await readColumns(query, driver, table, columns, where)).map((r) => r.map(String).join('\u0000'));
}

/** `columns` of the rows of `table` (`where`: SQL after the table), as `query` reads them: in
 *  the run's transaction, rows it wrote included. */
async function readColumns(query: NonNullable<Driver['query']>, driver: Driver, table: TableInfo, columns: string[], where = ''): Promise<unknown[][]> {
  const rows = await query(`SELECT ${columns.map((c, i) => `${driver.quoteColumn!(c)} AS k${i}`).join(', ')} FROM ${driver.quoteTable!(table.name)}${where}`);
  return rows.map((r) => columns.map((_, i) => r[`k${i}`]));
}

/** Tables the run writes again after their rows: cycle edges filled after, rollup totals. */
function rewrittenTables(plan: SeedPlan): Set<string> {
  const out = new Set(plan.rollups.map((r) => r.parent));
  for (const r of plan.recipes.values()) if (r.units.some((u) => u.mode === 'fill-after')) out.add(r.table.name);
  return out;
}

/** Tables triggers fill with an integer key (or SQLite's rowid), and its largest value before the run. */
async function triggerKeys(plan: SeedPlan, tableOf: Map<string, TableInfo>, dialect: string, maxInteger: (t: TableInfo, c: string) => Promise<number>) {
  const out: { table: TableInfo; column: string; before: number }[] = [];
  for (const t of plan.tables) {
    const table = tableOf.get(t.name);
    // FTS indexes follow their content table's rows (its delete trigger or a rebuild), never deleted directly.
    if (!t.filledBy || !table || table.virtual || plan.mirrors?.some((m) => m.table === t.name && !m.readBack)) continue; // a mirror's keys are its source's
    const pk = table.primaryKey.length === 1 ? table.columns.find((c) => c.name === table.primaryKey[0]) : undefined;
    const column = pk && (pk.kind === 'integer' || pk.kind === 'bigint') ? pk.name : !table.primaryKey.length && dialect === 'sqlite' ? rowidName(table) : undefined;
    if (column) out.push({ table, column, before: await maxInteger(table, column) });
  }
  return out;
}

/** What the tables the database fills got from this run (counted after COMMIT). */
async function filledRows(driver: Driver, plan: SeedPlan): Promise<Record<string, number> | undefined> {
  const tables = plan.tables.filter((t) => t.filledBy);
  if (!tables.length) return undefined;
  const infos = plan.input.schema.tables.filter((t) => tables.some((x) => x.name === t.name));
  const counts = await driver.countRows(infos);
  return Object.fromEntries(tables.map((t) => [t.name, Math.max(0, (counts.get(t.name) ?? 0) - t.existing)]));
}

/** A dry run's (or export's) tables a trigger fills a row per source row of, where their rows
 *  are known without writing (keyed like the source, or keys told: mirror-keys.ts). */
function toldFilled(plan: SeedPlan, perTable: Record<string, number>, told: Set<string> | undefined): Record<string, number> | undefined {
  const list = (plan.mirrors ?? []).filter((m) => !m.readBack || told?.has(m.table));
  return list.length ? Object.fromEntries(list.map((m) => [m.table, perTable[m.source] ?? 0])) : undefined;
}

/** Where a dry run's writes go: nowhere. Without execute, there are no rollups nor ledger. */
function dryTransaction(onRows?: RunOptions['onDryRows']): WriteTransaction {
  const none = async () => {};
  const insert = onRows ? async (table: TableInfo, columns: string[], rows: unknown[][]) => onRows(table.name, columns, rows) : none;
  return { insert, insertEncoded: none, update: none, commit: none, rollback: none, readsOutside: true };
}

/** A promise awaited later: its failure is not "unhandled" meanwhile (a failed run is rolled
 *  back whatever happened to it). */
function settled<T>(p: Promise<T>): Promise<T> {
  p.catch(() => {});
  return p;
}

function rate(rows: number, ms: number): number {
  return ms > 0 ? Math.round((rows * 1000) / ms) : rows;
}

export function wrapRunError(e: unknown, table: string): SeedbedError {
  if (e instanceof SeedbedError) {
    if (e.code === 'CANCELLED') return e;
    const t = e.table ?? (table || undefined);
    // A constraint the data broke (the driver's words, PostgreSQL's say): what to look at next.
    const fix = e.fix ?? (e.code === 'WRITE_FAILED' && t ? `${ROLLED_BACK} ${lookAt(t)}` : undefined);
    if (t === e.table && fix === e.fix) return e;
    return new SeedbedError(e.code, e.message, { fix, table: t, cause: e.cause });
  }
  const msg = clip((e as Error)?.message ?? String(e));
  return new SeedbedError('WRITE_FAILED', `Seeding failed${table ? ` at table "${table}"` : ''}: ${msg}. ${ROLLED_BACK}`, {
    table: table || undefined,
    cause: e,
    fix: table ? lookAt(table) : undefined,
  });
}

const ROLLED_BACK = 'Nothing was written (the run was rolled back).';
const lookAt = (table: string) => `Look at the constraints and triggers of "${table}"; \`seedbed plan\` shows how each column is filled.`;

/** One line for every keyless table (a schema may have a hundred): the count and the first few. */
function keylessWarning(tables: string[]): string {
  if (tables.length === 1) return `${tables[0]}: has no primary key; its rows cannot be undone one by one`;
  const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
  return `${tables.length} tables have no primary key (${shown}); their rows cannot be undone one by one`;
}
