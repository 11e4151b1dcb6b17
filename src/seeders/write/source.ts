import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compileCacheDir } from '../compile-cache.ts';
import { packerFor } from '../drivers/encode.ts';
import { SeedbedError, type ErrorCode } from '../errors.ts';
import { requestedRows, type PlanOptions, type SeedPlan } from '../plan/plan.ts';
import type { SchemaInfo } from '../schema/model.ts';
import type { Driver } from '../driver.ts';
import { ruleMatches, type RuleMatches } from '../generate/rules.ts';
import { answerOf, generateRun, type RunAnswer, type RunOp } from './generate-run.ts';
import type { RunInputs } from './prepare.ts';
import type { ConfigSource } from '../config/resolve.ts';
import type { EngineConfig } from '../config/types.ts';
import { ruleError, type RuleSite } from '../config/rule-site.ts';
import { limitText, RAISE_LIMIT } from '../config/time-limit.ts';
import { usesFunctions } from '../generate/config-rules.ts';
import { cancelledError } from '../cancel.ts';

// Where a run's write operations come from: generated inline on this thread, or in a worker
// thread so generation overlaps with the database writes (2 cores: one generates, one writes).
// The worker sends rows already encoded for the database ('encoded' ops).
// Config column functions are user code that may never return: a run that has them generates in
// the worker whatever its size (the worker loads the config file again), so that a time limit
// per call or a cancel (Ctrl-C) can stop it (Worker.terminate) while this thread rolls back.

/** What the worker plans from (plans are deterministic: it makes the same plan as this thread). */
export interface PlanData {
  schema: SchemaInfo;
  options: PlanOptions;
  /** The rule matches this thread has made so far (none before its first plan; a long-lived
   *  process, the editor's engine, has many): the worker's plan skips those patterns. */
  matches: RuleMatches;
}

/** The run: without plan data, the worker uses the plan it was sent ahead ('plan'). */
export interface WorkerData extends Partial<PlanData> {
  inputs: RunInputs;
  batchSize: number;
  /** Rows encoded for the database (false: plain rows, for an export to files). */
  encode: boolean;
  /** The config to load in the worker (its functions cannot be sent), when it has functions. */
  config?: ConfigSource;
  /** [start time of the running config call (0: none), its column id (-1: loading the config),
   *  its row]: written by the worker, watched by this thread. */
  watch?: SharedArrayBuffer;
}

/** What the worker says besides the run's operations: the name behind a column id of `watch`. */
export interface ColumnId { op: 'column'; id: number; table: string; column: string }

/** `answer`: the database's answer to the op the thread asked last ('check', 'kept', 'read': answerOf). */
export type ToGenerator = 'ack' | { op: 'preload'; config: ConfigSource } | { op: 'plan'; data: PlanData } | { op: 'start'; data: WorkerData } | { op: 'answer'; answer: RunAnswer };


/** Below this many rows a worker's start-up (≈100 ms) costs more than it saves. */
export const WORKER_THRESHOLD = 20_000;

/** Where the database does its work beside this thread — SQLite's writing thread, or a
 *  PostgreSQL server (another process) — this thread can generate meanwhile; a generating worker
 *  costs ≈0.1 s to start (and plans again) and pays for it only in long runs, where it is faster
 *  and keeps memory flat (this thread's heap would grow with the run). PostgreSQL at 200k rows:
 *  ≈20 % faster generated here (bench/ab-engines.ts, 9 alternating rounds). */
export const GENERATOR_THRESHOLD_BESIDE_WRITER = 500_000;

/** The run size from which rows are generated in a worker. */
export const generatorThreshold = (besideWriter: boolean) => (besideWriter ? GENERATOR_THRESHOLD_BESIDE_WRITER : WORKER_THRESHOLD);

/** Whether a run's writes are done beside this thread (see GENERATOR_THRESHOLD_BESIDE_WRITER). */
export const writesBeside = (driver: Pick<Driver, 'dialect' | 'beginInThread'>, writes: boolean) => writes && (driver.beginInThread !== undefined || driver.dialect === 'postgresql');

/** Plan options with config functions cannot go to a worker (and the worker cannot call them). */
export function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/** The config's source when it has column functions and came from a file: such runs generate in
 *  a worker that re-loads it (undefined: a config object given to the API runs inline). */
export function guardedConfig(config: EngineConfig | undefined): ConfigSource | undefined {
  const source = (config as { source?: ConfigSource } | undefined)?.source;
  return source && usesFunctions(config) ? source : undefined;
}

/** For seed(): a generator thread started before planning when the run will be large (or has
 *  config functions), so that it loads its code while this thread plans. Without the schema
 *  (before it is read), only when the counts named alone make the run large. */
export function earlyGenerator(schema: SchemaInfo | undefined, options: PlanOptions, besideWriter: boolean): GeneratorWorker | undefined {
  const large = (schema ? requestedRows(schema, options) : namedRows(options)) >= generatorThreshold(besideWriter) && cloneable(options);
  if (!large && !guardedConfig(options.config)) return undefined;
  const file = workerFile();
  return file ? spawnGenerator(file, guardedConfig(options.config)) : undefined;
}

/** Rows the options alone are sure to ask for, before the schema is known: the counts named,
 *  and `rows` for each table listed without one (for every table: at least one). */
function namedRows(options: PlanOptions): number {
  const counts = options.counts ?? {};
  const named = Object.entries(counts).filter(([name]) => !options.tables?.length || options.tables.includes(name));
  const rows = Number.isInteger(options.rows) && options.rows! > 0 ? options.rows! : 0;
  const unnamed = options.tables?.length ? options.tables.filter((t) => !(t in counts)).length : named.length ? 0 : 1;
  return named.reduce((sum, [, n]) => sum + (Number.isInteger(n) && n > 0 ? n : 0), 0) + rows * unnamed;
}

/** `encode`: rows for the database's writer (packerFor), not arrays of values. */
export function inlineSource(plan: SeedPlan, inputs: RunInputs, batchSize: number, encode = false): AsyncIterable<RunOp> {
  return (async function* () {
    const it = generateRun(plan, inputs, batchSize, encode ? packerFor(plan.dialect) : undefined);
    // A 'check' or 'kept' op comes back with the database's answer, for the generator.
    let answer: RunAnswer;
    for (let r = it.next(); !r.done; r = it.next(answer)) {
      yield r.value;
      answer = answerOf(r.value);
    }
  })();
}

/** The worker script: the .ts next to this file when run from source, the bundled .mjs otherwise. */
export function workerFile(): string | undefined {
  try {
    for (const name of ['./worker.ts', './worker.mjs']) {
      const url = new URL(name, import.meta.url);
      if (existsSync(fileURLToPath(url))) return fileURLToPath(url);
    }
  } catch {
    // CommonJS bundle without import.meta.url: generate inline.
  }
  return undefined;
}

export interface WorkerSource extends AsyncIterable<RunOp> {
  stop(): Promise<void>;
}

/** Config functions in the worker: where it loads them from, and how long one call may take. */
export interface WorkerConfig {
  source: ConfigSource;
  limitMs: number;
  /** Where a column's rule is written, for the message when it does not return. */
  site(table: string, column: string): RuleSite;
}

export interface StartOptions {
  /** Rows encoded for the database (default); false: plain rows, for an export to files. */
  encode?: boolean;
  /** Aborting stops the worker at once, even inside a config function. */
  signal?: AbortSignal;
  config?: WorkerConfig;
}

export interface GeneratorWorker {
  /** Sends what the plan is made from (no config functions), before this thread plans: the
   *  worker makes the same plan meanwhile (plans are deterministic). */
  plan(input: SeedPlan['input']): void;
  /** This thread's plan from that input: start() with it uses the worker's copy. */
  adopt(plan: SeedPlan): void;
  /** Hands the worker its run; iterate the result for the run's operations. */
  start(plan: SeedPlan, inputs: RunInputs, batchSize: number, options?: StartOptions): WorkerSource;
  stop(): Promise<void>;
  /** CPU time the thread used (ms), once it has finished. */
  cpuMs?: number;
}

/** The generator's young generation, capped: V8 otherwise grows it with the run (to 128 MiB and
 *  more), so peak memory would grow with the row count although the live data does not. */
const YOUNG_GENERATION_MB = 16;
/** Its old generation, bounded at 1 GiB (its live data stays far below: keys, unique values, the
 *  current table's columns): under that bound V8 lets the heap grow ≈2x its live size between
 *  full collections instead of ≈4x. The school bench at 2M rows: peak RSS 309 → 272 MiB on
 *  SQLite, 333 → 261 MiB on PostgreSQL, the same speed. */
const OLD_GENERATION_MB = 1024;

/** Starts a generator thread now, so that it loads its code (and the config file `preload`)
 *  while the run reads the database. */
export function spawnGenerator(file: string, preload?: ConfigSource): GeneratorWorker {
  // Node's compile cache is switched on before the thread's code loads (a module is compiled
  // before its first line runs, so worker.ts switching it on itself is too late for a bundle):
  // the thread starts on ≈25 % less CPU (dist/worker.mjs and faker's locale, cached on disk).
  const cache = compileCacheDir();
  const code = `${cache ? `require('node:module').enableCompileCache?.(${JSON.stringify(cache)}); ` : ''}import(${JSON.stringify(pathToFileURL(file).href)});`;
  const worker = new Worker(code, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: OLD_GENERATION_MB } });
  const queue: (RunOp | { op: 'end'; cpuMs: number } | { op: 'error'; error: Record<string, unknown> } | { op: 'exit'; code: number } | { op: 'stopped'; error: Error })[] = [];
  let notify: (() => void) | undefined;
  let ended = false;
  const push = (m: (typeof queue)[number]) => { queue.push(m); notify?.(); notify = undefined; };
  const columns = new Map<number, { table: string; column: string }>();
  worker.on('message', (m: (typeof queue)[number] | ColumnId) => {
    if (m.op === 'column') columns.set(m.id, { table: m.table, column: m.column });
    else push(m);
  });
  worker.on('error', (e) => push({ op: 'error', error: { message: e.message, stack: e.stack } }));
  worker.on('exit', (code) => push({ op: 'exit', code }));
  let unwatch = () => {};
  const stop = async () => { unwatch(); await worker.terminate(); };
  /** Ends the run with `error` now, whatever the worker is doing. */
  const stopWith = (error: Error) => { unwatch(); push({ op: 'stopped', error }); void worker.terminate(); };
  const watchRun = (options: StartOptions, watch: SharedArrayBuffer | undefined) => {
    const onAbort = () => stopWith(cancelledError());
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const config = options.config;
    const state = watch && new Float64Array(watch);
    const timer = config && state ? setInterval(() => {
      const since = state[0];
      if (!since || Date.now() - since <= config.limitMs) return;
      stopWith(timeoutError(config, state[1] < 0 ? undefined : columns.get(state[1]), state[2]));
    }, Math.min(250, config.limitMs / 4)) : undefined;
    timer?.unref();
    unwatch = () => { clearInterval(timer); options.signal?.removeEventListener('abort', onAbort); };
    if (options.signal?.aborted) onAbort();
  };
  const iterate = async function* (): AsyncGenerator<RunOp> {
    while (true) {
      if (!queue.length) await new Promise<void>((r) => (notify = r));
      const m = queue.shift()!;
      if (m.op === 'stopped') throw m.error;
      if (m.op === 'end') { ended = true; unwatch(); handle.cpuMs = m.cpuMs; return; }
      if (m.op === 'exit') { if (ended) return; throw new Error(`the generator worker stopped (exit code ${m.code})`); }
      if (m.op === 'error') throw rebuild(m.error);
      yield m;
      if (m.op === 'encoded' || m.op === 'rows') post('ack');
      else if (m.op === 'check' || m.op === 'kept' || m.op === 'read') post({ op: 'answer', answer: answerOf(m) });
    }
  };
  const post = (m: ToGenerator) => worker.postMessage(m);
  if (preload) post({ op: 'preload', config: preload });
  let sentInput: SeedPlan['input'] | undefined;
  let sent: SeedPlan | undefined;
  const handle: GeneratorWorker = {
    plan: (input) => {
      if (preload) return; // the worker plans with the config it loads
      sentInput = input;
      post({ op: 'plan', data: { schema: input.schema, options: input.options, matches: ruleMatches() } });
    },
    adopt: (plan) => {
      if (sentInput) sent = plan;
    },
    start: (plan, inputs, batchSize, options = {}) => {
      // The config's functions stay here; the worker loads its own copy from the file.
      const config = options.config?.source;
      const watch = config ? new SharedArrayBuffer(3 * Float64Array.BYTES_PER_ELEMENT) : undefined;
      watchRun(options, watch);
      const planOptions = config ? { ...plan.input.options, config: undefined } : plan.input.options;
      const encode = options.encode ?? true;
      const planned = plan === sent && !config ? {} : { schema: plan.input.schema, options: planOptions, matches: ruleMatches() };
      post({ op: 'start', data: { ...planned, inputs, batchSize, encode, config, watch } });
      return { [Symbol.asyncIterator]: iterate, stop };
    },
    stop,
  };
  return handle;
}

/** A config function (or the config's loading, in the worker) past its time limit. */
function timeoutError(config: WorkerConfig, at: { table: string; column: string } | undefined, row: number): SeedbedError {
  const limit = limitText(config.limitMs);
  if (!at) {
    return new SeedbedError('BAD_INPUT', `Loading the config file ${config.source.file} did not finish within ${limit}; the run was stopped and rolled back.`, {
      fix: `Look for a top-level \`await\` in the file that never settles; ${RAISE_LIMIT}.`,
    });
  }
  return ruleError(config.site(at.table, at.column), `did not return within ${limit} (called for row ${row}); the run was stopped and rolled back.`,
    `Make the function return: look for an endless loop, or a wait that never ends; ${RAISE_LIMIT}.`, at.table);
}

function rebuild(e: Record<string, unknown>): Error {
  if (e.seedbed) return new SeedbedError(e.code as ErrorCode, String(e.message), { fix: e.fix as string | undefined, table: e.table as string | undefined });
  const err = new Error(String(e.message));
  if (e.stack) err.stack = String(e.stack);
  return err;
}
