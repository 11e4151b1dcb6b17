// One contender, one run, in a process of its own, so that its peak RSS is its own.
// Usage (by bench/run.ts): node bench/child.ts '<RunSpec as JSON>'
// Prints one line `@@result {...}` (ChildResult) on stdout.

import type { ChildResult, Contender, ContenderName, RunSpec } from './contenders/types.ts';

const loaders: Record<ContenderName, () => Promise<Contender>> = {
  floor: async () => (await import('./contenders/floor.ts')).run,
  raw: async () => (await import('./contenders/raw.ts')).run,
  seedbed: async () => (await import('./contenders/seedbed.ts')).run,
  faker: async () => (await import('./contenders/faker.ts')).run,
  drizzle: async () => (await import('./contenders/drizzle.ts')).run,
  mikroorm: async () => (await import('./contenders/mikroorm.ts')).run,
};

const spec = JSON.parse(process.argv[2] ?? '{}') as RunSpec;
let result: ChildResult;
try {
  const run = await loaders[spec.contender]();
  const outcome = await run(spec);
  result = { ok: true, ...outcome, ...memory() };
} catch (e) {
  const err = e as Error & { cause?: unknown };
  const cause = err.cause instanceof Error ? err.cause.message : undefined;
  // drizzle wraps the driver's error in "Failed query: <whole SQL>": the cause says what failed.
  const message = cause && /^Failed query/.test(err.message) ? `${cause} (${err.message.slice(0, 120)}…)` : `${err.message ?? String(e)}${cause ? ` (cause: ${cause})` : ''}`;
  result = { ok: false, error: message.slice(0, 2000), setupMs: 0, seedMs: 0, ...memory() };
  process.stderr.write(`${err.stack ?? String(e)}\n`);
}
process.stdout.write(`@@result ${JSON.stringify(result)}\n`);
// Some drivers keep handles open (pools, timers): the result is out, leave.
process.exit(0);

function memory() {
  return {
    peakRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    heapUsedMb: Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10,
  };
}
