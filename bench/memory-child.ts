// One seed or export of bench/memory.ts, in a process of its own, so that its peak RSS is its own.
// Prints one line `@@result {...}` (a ChildResult) on stdout.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Engine from '../src/seeders/index.ts';
import { loadEngine } from './lib/engine.ts';
import type { Counts } from './schema/counts.ts';

const spec = JSON.parse(process.argv[2] ?? '{}') as { kind: string; counts: Counts; url: string; seed: number };
const memory = () => ({ peakRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10, heapUsedMb: Math.round((process.memoryUsage().heapUsed / 1048576) * 10) / 10 });
let result: Record<string, unknown>;
const out = mkdtempSync(join(tmpdir(), 'seedbed-memory-'));
try {
  const { openDatabase, seed, exportSeed } = await loadEngine();
  // Opened as `seedbed seed` and `seed --out` open it.
  const driver = await openDatabase(spec.kind === 'seed-postgres' ? spec.url : `sqlite:${spec.url}`, { seeding: !spec.kind.startsWith('export-') });
  const t0 = performance.now();
  try {
    if (spec.kind.startsWith('export-')) await exportSeed(driver, { seed: spec.seed, counts: spec.counts, out: join(out, 'files'), format: spec.kind.slice(7) as Engine.ExportFormat });
    else await seed(driver, { seed: spec.seed, counts: spec.counts });
  } finally {
    await driver.close();
  }
  result = { ok: true, setupMs: 0, seedMs: performance.now() - t0, ...memory() };
} catch (e) {
  result = { ok: false, error: String((e as Error).message ?? e).slice(0, 2000), setupMs: 0, seedMs: 0, ...memory() };
} finally {
  rmSync(out, { recursive: true, force: true });
}
process.stdout.write(`@@result ${JSON.stringify(result)}\n`);
process.exit(0);
