import { parentPort, workerData } from 'node:worker_threads';
import { SeedbedError } from '../errors.ts';
import { planSeed } from '../plan/plan.ts';
import { generateRun } from './generate-run.ts';
import type { WorkerData } from './source.ts';

// Worker thread that generates a run's rows while the main thread writes them. It rebuilds the
// plan from the same inputs (plans are deterministic), so only plain data crosses threads.
// A few batches may be in flight; past that it waits for the writer's acknowledgements.

const MAX_IN_FLIGHT = 6;
const data = workerData as WorkerData;
const port = parentPort!;
let inFlight = 0;
let wake: (() => void) | undefined;
port.on('message', (m) => {
  if (m === 'ack') {
    inFlight--;
    wake?.();
    wake = undefined;
  }
});

try {
  const plan = planSeed(data.schema, data.options);
  for (const op of generateRun(plan, data.inputs, data.batchSize)) {
    port.postMessage(op);
    if (op.op === 'rows' && ++inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (wake = r));
  }
  port.postMessage({ op: 'end' });
} catch (e) {
  const err = e as SeedbedError;
  port.postMessage({ op: 'error', error: { message: err.message, code: err.code, fix: err.fix, table: err.table, seedbed: e instanceof SeedbedError, stack: err.stack } });
}
port.close();
