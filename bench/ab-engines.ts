// Side-by-side rounds of the floor and two copies of Seedbed's engine on one target (before/after
// a change), alternating the order each round; medians of seconds and peak RSS. Not part of
// `npm run bench`:  node bench/ab-engines.ts --before /path/to/other/dist/engine.mjs [--target postgres] [--sizes 200k,2m] [--runs 5]
// or, the same engine with and without Node/V8 flags:  --after-flags "--flag …" (--before omitted)

import { spawn } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildResult, RunSpec } from './contenders/types.ts';
import { buildEngine, ENGINE } from './lib/engine.ts';
import { countsFor, totalRows, type SizeName } from './schema/counts.ts';
import { median } from './stats.ts';
import { postgresTarget, sqliteTarget } from './targets.ts';

const { values: o } = parseArgs({ options: {
  before: { type: 'string' }, target: { type: 'string', default: 'postgres' }, sizes: { type: 'string', default: '200k,2m' }, runs: { type: 'string', default: '5' },
  'after-flags': { type: 'string', default: '' },
} });
if (!o.before && !o['after-flags']) throw new Error('--before /path/to/engine (dist/engine.mjs or src/seeders/index.ts of another copy), or --after-flags "…"');
buildEngine();
type Arm = { name: string; contender: 'floor' | 'seedbed'; engine?: string; flags?: string[] };
const arms: Arm[] = [
  { name: 'floor', contender: 'floor' },
  { name: 'seedbed-after', contender: 'seedbed', engine: ENGINE, flags: o['after-flags'].split(/\s+/).filter(Boolean) },
  { name: 'seedbed-before', contender: 'seedbed', engine: o.before ?? ENGINE },
];

function child(spec: RunSpec, engine?: string, flags: string[] = []): Promise<ChildResult> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['--max-old-space-size=8192', ...flags, join(import.meta.dirname, 'child.ts'), JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', CI: '1', ...(engine ? { SEEDBED_ENGINE: engine } : {}),
      // V8 refuses a code cache made under other flags: a cache of the flagged arm's own.
      ...(flags.length ? { XDG_CACHE_HOME: join(tmpdir(), 'seedbed-ab-flags-cache') } : {}) },
    });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    p.on('close', () => {
      const line = out.split('\n').find((l) => l.startsWith('@@result '));
      resolve(line ? JSON.parse(line.slice(9)) : { ok: false, error: err.slice(-500), setupMs: 0, seedMs: 0, peakRssMb: 0, heapUsedMb: 0 });
    });
  });
}

const target = o.target === 'sqlite' ? sqliteTarget() : await postgresTarget();
const log = (s: string) => process.stdout.write(`${s}\n`);
log(`${new Date().toISOString()} ${target.description}; ${cpus().length} cores; load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
try {
  // Unmeasured: each engine's first run fills Node's compile cache (loadEngine), as any earlier
  // `seedbed` run on the machine would have.
  for (const a of arms.filter((x) => x.contender === 'seedbed')) {
    const url = await target.fresh(`warm-${a.name}`);
    await child({ contender: 'seedbed', target: target.name, size: '10k', counts: countsFor('10k'), url, seed: 42 }, a.engine, a.flags);
    await target.drop(url);
  }
  for (const size of o.sizes.split(',') as SizeName[]) {
    const counts = countsFor(size);
    const res: Record<string, { s: number[]; rss: number[]; paired: number[] }> = Object.fromEntries(arms.map((a) => [a.name, { s: [], rss: [], paired: [] }]));
    for (let round = 0; round < Number(o.runs); round++) {
      const order = arms.map((_, i) => arms[(i + round) % arms.length]);
      const took: Record<string, number> = {};
      for (const a of order) {
        const url = await target.fresh(`${a.name}-${size}`);
        const r = await child({ contender: a.contender, target: target.name, size, counts, url, seed: 42 }, a.engine, a.flags);
        const v = r.ok ? await target.verify(url, counts) : undefined;
        await target.drop(url);
        if (!r.ok || !v?.ok) { log(`${size} ${a.name} FAILED ${r.error ?? v?.problems.join('; ')}`); continue; }
        res[a.name].s.push(r.seedMs / 1000);
        res[a.name].rss.push(r.peakRssMb);
        took[a.name] = r.seedMs / 1000;
        log(`${size} #${round + 1} ${a.name.padEnd(15)} ${(r.seedMs / 1000).toFixed(2)} s  ${Math.round(totalRows(counts) / (r.seedMs / 1000)).toLocaleString('en-US')} rows/s  RSS ${Math.round(r.peakRssMb)} MiB  load ${loadavg()[0].toFixed(1)}`);
      }
      // Per-round ratios (the floor's time ÷ the arm's, both from this round): they hold on a
      // machine whose speed drifts between rounds, where a ratio of medians does not.
      if (took.floor) for (const a of arms) if (took[a.name]) res[a.name].paired.push(took.floor / took[a.name]);
    }
    const f = median(res.floor.s);
    for (const a of arms) {
      const m = median(res[a.name].s);
      log(`== ${size} ${a.name.padEnd(15)} median ${m.toFixed(2)} s  ${Math.round(totalRows(counts) / m).toLocaleString('en-US')} rows/s  × floor ${(f / m).toFixed(2)} (paired ${median(res[a.name].paired).toFixed(2)})  peak RSS median ${Math.round(median(res[a.name].rss))} MiB`);
    }
  }
} finally {
  await target.close();
}
