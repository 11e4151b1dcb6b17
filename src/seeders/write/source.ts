import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EncodedRows } from '../drivers/encode.ts';
import { SeedbedError, type ErrorCode } from '../errors.ts';
import { requestedRows, type PlanOptions, type SeedPlan } from '../plan/plan.ts';
import type { SchemaInfo } from '../schema/model.ts';
import { ruleMatches, type RuleMatches } from '../generate/rules.ts';
import { generateRun, type RunOp } from './generate-run.ts';
import type { RunInputs } from './prepare.ts';
import type { DbCheckFailure } from '../generate/table.ts';

// Where a run's write operations come from: generated inline on this thread, or in a worker
// thread so generation overlaps with the database writes (2 cores: one generates, one writes).
// The worker sends rows already encoded for the database ('encoded' ops).

export interface WorkerData {
  schema: SchemaInfo;
  options: PlanOptions;
  /** This thread's rule matches: the worker's plan skips the ~470 patterns (their first use
   *  compiles them, most of a cold plan's time). */
  matches: RuleMatches;
  inputs: RunInputs;
  batchSize: number;
  /** Rows encoded for the database (false: plain rows, for an export to files). */
  encode: boolean;
}

export type ToGenerator = 'ack' | { op: 'start'; data: WorkerData } | { op: 'checked'; failed: DbCheckFailure[] };

export type SourceOp = RunOp | { op: 'encoded'; table: string; rows: EncodedRows };

/** Below this many rows a worker's start-up (≈100 ms) costs more than it saves. */
export const WORKER_THRESHOLD = 20_000;

/** Where a thread of the driver's own writes (SQLite), this thread can generate meanwhile; a
 *  generating worker costs ≈0.2 s to start and pays for it only in long runs, where it is faster
 *  and keeps memory flat (this thread's heap would grow with the run). */
export const GENERATOR_THRESHOLD_BESIDE_WRITER = 500_000;

/** The run size from which rows are generated in a worker. */
export const generatorThreshold = (threadedWriter: boolean) => (threadedWriter ? GENERATOR_THRESHOLD_BESIDE_WRITER : WORKER_THRESHOLD);

/** Plan options with config functions cannot go to a worker (and the worker cannot call them). */
export function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}

/** For seed(): a generator thread started before planning when the run will be large, so that
 *  it loads its code while this thread plans. */
export function earlyGenerator(schema: SchemaInfo, options: PlanOptions, threadedWriter: boolean): GeneratorWorker | undefined {
  if (requestedRows(schema, options) < generatorThreshold(threadedWriter) || !cloneable(options)) return undefined;
  const file = workerFile();
  return file ? spawnGenerator(file) : undefined;
}

export function inlineSource(plan: SeedPlan, inputs: RunInputs, batchSize: number): AsyncIterable<SourceOp> {
  return (async function* () {
    const it = generateRun(plan, inputs, batchSize);
    // A 'check' op comes back with the database's answer, for the generator.
    let failed: DbCheckFailure[] | undefined;
    for (let r = it.next(); !r.done; r = it.next(failed)) {
      yield r.value;
      failed = r.value.op === 'check' ? r.value.failed ?? [] : undefined;
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

export interface WorkerSource extends AsyncIterable<SourceOp> {
  stop(): Promise<void>;
}

export interface GeneratorWorker {
  /** Hands the worker its run; iterate the result for the run's operations. */
  start(plan: SeedPlan, inputs: RunInputs, batchSize: number, encode?: boolean): WorkerSource;
  stop(): Promise<void>;
  /** CPU time the thread used (ms), once it has finished. */
  cpuMs?: number;
}

/** The generator's young generation, capped: V8 otherwise grows it with the run (to 128 MiB and
 *  more), so peak memory would grow with the row count although the live data does not. */
const YOUNG_GENERATION_MB = 16;

/** Starts a generator thread now, so that it loads its code while the run reads the database. */
export function spawnGenerator(file: string): GeneratorWorker {
  const worker = new Worker(file, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  const queue: (SourceOp | { op: 'end'; cpuMs: number } | { op: 'error'; error: Record<string, unknown> } | { op: 'exit'; code: number })[] = [];
  let notify: (() => void) | undefined;
  let ended = false;
  const push = (m: (typeof queue)[number]) => { queue.push(m); notify?.(); notify = undefined; };
  worker.on('message', push);
  worker.on('error', (e) => push({ op: 'error', error: { message: e.message, stack: e.stack } }));
  worker.on('exit', (code) => push({ op: 'exit', code }));
  const stop = async () => { await worker.terminate(); };
  const iterate = async function* (): AsyncGenerator<SourceOp> {
    while (true) {
      if (!queue.length) await new Promise<void>((r) => (notify = r));
      const m = queue.shift()!;
      if (m.op === 'end') { ended = true; handle.cpuMs = m.cpuMs; return; }
      if (m.op === 'exit') { if (ended) return; throw new Error(`the generator worker stopped (exit code ${m.code})`); }
      if (m.op === 'error') throw rebuild(m.error);
      yield m;
      if (m.op === 'encoded' || m.op === 'rows') post('ack');
      else if (m.op === 'check') post({ op: 'checked', failed: m.failed ?? [] });
    }
  };
  const post = (m: ToGenerator) => worker.postMessage(m);
  const handle: GeneratorWorker = {
    start: (plan, inputs, batchSize, encode = true) => {
      post({ op: 'start', data: { schema: plan.input.schema, options: plan.input.options, matches: ruleMatches(), inputs, batchSize, encode } });
      return { [Symbol.asyncIterator]: iterate, stop };
    },
    stop,
  };
  return handle;
}

function rebuild(e: Record<string, unknown>): Error {
  if (e.seedbed) return new SeedbedError(e.code as ErrorCode, String(e.message), { fix: e.fix as string | undefined, table: e.table as string | undefined });
  const err = new Error(String(e.message));
  if (e.stack) err.stack = String(e.stack);
  return err;
}
