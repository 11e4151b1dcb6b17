import { parentPort } from 'node:worker_threads';
import { encodeRows, packerFor, type EncodedRows } from '../drivers/encode.ts';
import { SeedbedError } from '../errors.ts';
import { learnRuleMatches, type RuleMatches } from '../generate/rules.ts';
import { planSeed, type SeedPlan } from '../plan/plan.ts';
import { hasLanguageColumns, loadLocales } from '../generate/locales.ts';
import { generateRun, type RunAnswer } from './generate-run.ts';
import type { ColumnId, ToGenerator, WorkerData } from './source.ts';
import { callWatch, loadFaker, usesFunctions } from '../generate/config-rules.ts';
import type { PlanOptions } from '../plan/plan.ts';
import type { SchemaInfo } from '../schema/model.ts';
import type { ConfigSource, ResolvedConfig } from '../config/resolve.ts';

// The worker thread (entry: worker.ts) that generates a run's rows while other threads write them.
// It is started before the run plans (its module loading overlaps that), then gets the plan's
// inputs and makes the same plan (plans are deterministic), so only plain data crosses threads.
// Rows go out already encoded for the database (drivers/encode.ts): the writing thread only
// hands them over. A few batches may be in flight; past that it waits for acknowledgements.
// A run with config functions loads the config file here too, and marks each call of one in the
// shared `watch` buffer, so that the main thread can stop a call that does not return.

const MAX_IN_FLIGHT = 6;
const port = parentPort!;
let inFlight = 0;
let wake: (() => void) | undefined;
let answered: ((answer: RunAnswer) => void) | undefined;
port.on('message', (m: ToGenerator) => {
  if (m !== 'ack' && m.op === 'answer') {
    answered?.(m.answer);
    answered = undefined;
  } else if (m === 'ack') {
    inFlight--;
    wake?.();
    wake = undefined;
  } else if (m.op === 'plan') {
    planned = makePlan(m.data.schema, m.data.options, m.data.matches);
    planned.catch(() => {}); // reported when the run starts
  } else if (m.op === 'preload') {
    preloaded = loadConfigHere(m.config);
    preloaded.catch(() => {}); // reported when the run starts
  } else if (m.op === 'start') {
    void run(m.data);
  }
});

/** The plan sent ahead of the run, made while the main thread opens the transaction. */
let planned: Promise<SeedPlan> | undefined;

async function makePlan(schema: SchemaInfo, options: PlanOptions, matches: RuleMatches): Promise<SeedPlan> {
  learnRuleMatches(matches);
  if (hasLanguageColumns(schema)) await loadLocales();
  return planSeed(schema, options);
}

/** The config (and faker), loaded as soon as the thread knows which: while the main thread plans. */
let preloaded: Promise<ResolvedConfig> | undefined;

async function loadConfigHere(source: ConfigSource): Promise<ResolvedConfig> {
  const { loadResolved } = await import('../config/load.ts');
  const config = await loadResolved(source);
  if (usesFunctions(config)) await loadFaker();
  return config;
}

/** The plan options with the config loaded from its file, its function calls watched. */
async function withConfig(data: WorkerData): Promise<PlanOptions> {
  const state = new Float64Array(data.watch!);
  state[1] = -1;
  state[0] = Date.now();
  const config = await (preloaded ?? loadConfigHere(data.config!));
  state[0] = 0;
  const ids = new Map<string, number>();
  callWatch.begin = (table, column, index) => {
    const key = `${table}\u0000${column}`;
    let id = ids.get(key);
    if (id === undefined) {
      ids.set(key, (id = ids.size));
      port.postMessage({ op: 'column', id, table, column } satisfies ColumnId);
    }
    state[1] = id;
    state[2] = index;
    state[0] = Date.now();
  };
  callWatch.end = () => { state[0] = 0; };
  return { ...data.options!, config };
}

/** The encoded rows' own buffers move to the main thread instead of being copied (SQLite's
 *  packed rows; COPY text is strings, see encode.ts). */
function transferables(rows: EncodedRows): ArrayBuffer[] {
  return rows.kind === 'copy' ? [] : [rows.tags, rows.numbers, rows.lengths].map((a) => a.buffer as ArrayBuffer);
}

async function run(data: WorkerData): Promise<void> {
  try {
    const plan = data.schema ? await makePlan(data.schema, data.config ? await withConfig(data) : data.options!, data.matches!) : await planned!;
    const it = generateRun(plan, data.inputs, data.batchSize, data.encode ? packerFor(plan.dialect) : undefined);
    let answer: RunAnswer;
    for (let r = it.next(); !r.done; r = it.next(answer)) {
      const op = r.value;
      answer = undefined;
      if (op.op === 'check' || op.op === 'kept' || op.op === 'read') {
        // The main thread asks the database (inside the run's transaction) and answers.
        const answering = new Promise<RunAnswer>((res) => (answered = res));
        port.postMessage(op);
        answer = await answering;
        continue;
      }
      // Rows go encoded (SQLite's packed as they were made, PostgreSQL's COPY text made here),
      // or plain for an export; a few batches in flight at most.
      const out = op.op === 'rows' && data.encode ? { op: 'encoded' as const, table: op.table, rows: encodeRows(plan.dialect, op.rows[0]?.length ?? 0, op.rows) } : op;
      port.postMessage(out, out.op === 'encoded' ? transferables(out.rows) : []);
      if ((out.op === 'encoded' || out.op === 'rows') && ++inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
    }
    const cpu = process.threadCpuUsage();
    port.postMessage({ op: 'end', cpuMs: (cpu.user + cpu.system) / 1000 });
  } catch (e) {
    const err = e as SeedbedError;
    port.postMessage({ op: 'error', error: { message: err.message, code: err.code, fix: err.fix, table: err.table, seedbed: e instanceof SeedbedError, stack: err.stack } });
  }
  port.close();
}
