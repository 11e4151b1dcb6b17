import { parentPort } from 'node:worker_threads';
import { encodeRows } from '../drivers/encode.ts';
import { SeedbedError } from '../errors.ts';
import { planSeed } from '../plan/plan.ts';
import { generateRun } from './generate-run.ts';
import type { WorkerData } from './source.ts';

// The worker thread (entry: worker.ts) that generates a run's rows while the main thread writes them. It is started
// before the run reads the database (its module loading overlaps that), then gets the plan's
// inputs and rebuilds the plan (plans are deterministic), so only plain data crosses threads.
// Rows go out already encoded for the database (drivers/encode.ts): the writing thread only
// hands them over. A few batches may be in flight; past that it waits for acknowledgements.

const MAX_IN_FLIGHT = 6;
const port = parentPort!;
let inFlight = 0;
let wake: (() => void) | undefined;
port.on('message', (m: 'ack' | { op: 'start'; data: WorkerData }) => {
  if (m === 'ack') {
    inFlight--;
    wake?.();
    wake = undefined;
  } else if (m.op === 'start') {
    void run(m.data);
  }
});

async function run(data: WorkerData): Promise<void> {
  try {
    const plan = planSeed(data.schema, data.options);
    for (const op of generateRun(plan, data.inputs, data.batchSize)) {
      if (op.op !== 'rows') {
        port.postMessage(op);
        continue;
      }
      const rows = encodeRows(plan.dialect, op.rows[0]?.length ?? 0, op.rows);
      port.postMessage({ op: 'encoded', table: op.table, rows }, rows.kind === 'copy' ? [rows.bytes.buffer as ArrayBuffer] : []);
      if (++inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
    }
    const cpu = process.threadCpuUsage();
    port.postMessage({ op: 'end', cpuMs: (cpu.user + cpu.system) / 1000 });
  } catch (e) {
    const err = e as SeedbedError;
    port.postMessage({ op: 'error', error: { message: err.message, code: err.code, fix: err.fix, table: err.table, seedbed: e instanceof SeedbedError, stack: err.stack } });
  }
  port.close();
}
