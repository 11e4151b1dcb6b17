// Peak memory as the row count grows (issue 16 item 3, issue 18 item 2): Seedbed seeding the
// school schema on SQLite and PostgreSQL, and exporting it as files (`seed --out`), at each size,
// in a fresh process per run (peak RSS = that process's maxRSS), alternating the order each round;
// medians, and each size's ratio to the one before it (2M ÷ 200k, 20M ÷ 2M). Not part of `npm run bench`:
//
//   node bench/memory.ts                                   200k and 2M; seed on both targets, export as SQL; 3 rounds
//   node bench/memory.ts --sizes 2m,20m --kinds seed-sqlite --runs 1   the 20M-row run (≈1.5 GB of disk in the temp dir)
//   node bench/memory.ts --kinds seed-sqlite,export-sql,export-csv,export-json

import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildResult } from './contenders/types.ts';
import { buildEngine, ENGINE } from './lib/engine.ts';
import { countsFor, isSize, totalRows, type SizeName } from './schema/counts.ts';
import { median } from './stats.ts';
import { postgresTarget, sqliteTarget, type Target } from './targets.ts';

const KINDS = ['seed-sqlite', 'seed-postgres', 'export-sql', 'export-csv', 'export-json'] as const;
type Kind = (typeof KINDS)[number];

const { values: o } = parseArgs({ options: {
  sizes: { type: 'string', default: '200k,2m' },
  kinds: { type: 'string', default: 'seed-sqlite,seed-postgres,export-sql' },
  runs: { type: 'string', default: '3' },
  out: { type: 'string', default: join(import.meta.dirname, 'results') },
} });
const sizes = o.sizes.split(',') as SizeName[];
for (const s of sizes) if (!isSize(s)) throw new Error(`unknown size ${s}`);
const kinds = o.kinds.split(',') as Kind[];
for (const k of kinds) if (!KINDS.includes(k)) throw new Error(`unknown kind ${k} (use ${KINDS.join(', ')})`);

function child(kind: Kind, size: SizeName, url: string): Promise<ChildResult> {
  return new Promise((resolve) => {
    const spec = { kind, size, counts: countsFor(size), url, seed: 42 };
    const p = spawn(process.execPath, [join(import.meta.dirname, 'memory-child.ts'), JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', CI: '1' },
    });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; if (err.length > 100_000) err = err.slice(-50_000); });
    p.on('close', () => {
      const line = out.split('\n').find((l) => l.startsWith('@@result '));
      resolve(line ? JSON.parse(line.slice(9)) : { ok: false, error: err.slice(-500), setupMs: 0, seedMs: 0, peakRssMb: 0, heapUsedMb: 0 });
    });
  });
}

buildEngine();
const log = (s: string) => process.stdout.write(`${s}\n`);
const started = new Date();
const targets = new Map<string, Target>();
targets.set('sqlite', sqliteTarget());
if (kinds.includes('seed-postgres')) targets.set('postgres', await postgresTarget());
const targetOf = (k: Kind) => targets.get(k === 'seed-postgres' ? 'postgres' : 'sqlite')!;
log(`${started.toISOString()} engine ${ENGINE}; Node ${process.version}; ${cpus().length} × ${cpus()[0]?.model}; ${Math.round(totalmem() / 2 ** 30)} GiB; load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
const runs: { kind: Kind; size: SizeName; round: number; ok: boolean; seconds: number; rowsPerSec: number; peakRssMb: number; error?: string }[] = [];
try {
  for (let round = 1; round <= Number(o.runs); round++) {
    const cells = sizes.flatMap((size) => kinds.map((kind) => ({ size, kind })));
    const order = cells.map((_, i) => cells[(i + round - 1) % cells.length]);
    for (const { size, kind } of order) {
      const target = targetOf(kind);
      const url = await target.fresh(`memory-${kind}-${size}`);
      const r = await child(kind, size, url);
      // A seed's database is verified as in `npm run bench`; an export only reads it.
      const v = r.ok && kind.startsWith('seed') ? await target.verify(url, countsFor(size)) : undefined;
      await target.drop(url);
      const ok = r.ok && (v === undefined || v.ok);
      const rows = totalRows(countsFor(size));
      runs.push({ kind, size, round, ok, seconds: r.seedMs / 1000, rowsPerSec: ok ? rows / (r.seedMs / 1000) : 0, peakRssMb: r.peakRssMb, error: ok ? undefined : r.error ?? v?.problems.join('; ') });
      log(`${kind.padEnd(13)} ${size.padEnd(4)} #${round} ${ok ? `${(r.seedMs / 1000).toFixed(2)} s  ${Math.round(rows / (r.seedMs / 1000)).toLocaleString('en-US')} rows/s  peak RSS ${Math.round(r.peakRssMb)} MiB` : `FAILED ${runs.at(-1)!.error}`}  load ${loadavg()[0].toFixed(1)}`);
    }
  }
} finally {
  for (const t of targets.values()) await t.close();
}

const summary = kinds.flatMap((kind) => sizes.map((size, i) => {
  const mine = runs.filter((r) => r.kind === kind && r.size === size && r.ok);
  const rss = mine.length ? median(mine.map((r) => r.peakRssMb)) : NaN;
  const before = i ? runs.filter((r) => r.kind === kind && r.size === sizes[i - 1] && r.ok).map((r) => r.peakRssMb) : [];
  return { kind, size, runs: mine.length, rowsPerSec: mine.length ? Math.round(median(mine.map((r) => r.rowsPerSec))) : 0, peakRssMb: Math.round(rss), ratioToPreviousSize: before.length ? Math.round((rss / median(before)) * 100) / 100 : undefined };
}));
log('\n== peak RSS, medians (ratio: to the previous size, same kind) ==');
for (const s of summary) log(`${s.kind.padEnd(13)} ${s.size.padEnd(4)} ${String(s.peakRssMb).padStart(5)} MiB${s.ratioToPreviousSize ? `  ${s.ratioToPreviousSize.toFixed(2)}x` : ''}  ${s.rowsPerSec.toLocaleString('en-US')} rows/s  (${s.runs} runs)`);
mkdirSync(o.out, { recursive: true });
const file = join(o.out, `${started.toISOString().slice(0, 10)}-memory.json`);
writeFileSync(file, `${JSON.stringify({
  date: started.toISOString(),
  machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), loadavgAfter: loadavg() },
  engine: ENGINE, method: 'peak RSS = process.resourceUsage().maxRSS of the child that ran one seed or export (one process per run); medians of rounds, the order rotated each round',
  summary, runs,
}, null, 2)}\n`);
log(`wrote ${file}`);
