// CPU profile of Seedbed seeding the school schema on SQLite (default 200k rows), next to the raw
// limit, with `node --cpu-prof`; prints and writes a summary of where the time goes.
//
//   node bench/profile.ts [--size 200k] [--contenders seedbed,raw] [--keep]
//
// The child process is the same one `npm run bench` uses (bench/child.ts). Self time is summed per
// function and per area (generation, CHECK evaluation, writing, SQLite itself, GC, …), counting
// only samples taken while the contender's clock ran (Seedbed: the seed() call; raw: its write loop),
// located by CLOCK_MONOTONIC timestamps that the child reports (V8 stamps samples on that clock).

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildResult, ContenderName, RunSpec } from './contenders/types.ts';
import { countsFor, isSize, totalRows } from './schema/counts.ts';
import { ROOT } from './startup.ts';
import { sqliteTarget } from './targets.ts';

// Profiled from source, so that samples point at src/ files (the bundle would hide them).
process.env.SEEDBED_ENGINE ??= join(ROOT, 'src', 'seeders', 'index.ts');

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

const { values: opts } = parseArgs({
  options: {
    size: { type: 'string', default: '200k' },
    contenders: { type: 'string', default: 'seedbed,raw' },
    keep: { type: 'boolean', default: false },
    top: { type: 'string', default: '25' },
    out: { type: 'string', default: join(import.meta.dirname, 'results') },
  },
});
if (!isSize(opts.size)) throw new Error(`unknown size ${opts.size}`);
const size = opts.size;
const top = Number(opts.top);

function area(f: CallFrame): string {
  const u = f.url;
  if (f.functionName === '(garbage collector)') return 'GC';
  if (f.functionName === '(program)' || f.functionName === '(idle)') return 'V8 / native (program)';
  if (!u) return f.functionName === 'run' || f.functionName === 'prepare' || f.functionName === 'exec' ? 'SQLite (better-sqlite3 native: run/prepare/exec)' : `native: ${f.functionName || '(anonymous)'}`;
  if (u.includes('/seeders/generate/')) return `engine: generate/${u.split('/generate/')[1].split('/')[0]}`;
  if (u.includes('/seeders/check/')) return 'engine: check/ (CHECK evaluation)';
  if (u.includes('/seeders/')) return `engine: ${u.split('/seeders/')[1]}`;
  if (u.includes('/bench/')) return `bench: ${u.split('/bench/')[1]}`;
  if (u.includes('/node_modules/')) return `node_modules: ${u.split('/node_modules/')[1].split('/').slice(0, u.includes('/node_modules/@') ? 2 : 1).join('/')}`;
  if (u.startsWith('node:')) return `node core: ${u.slice(5).split('/')[0]}`;
  return u;
}

function summarise(profile: CpuProfile, window: [number, number] | undefined) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0, windowTotal = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000; // ms: the delta after a sample is its duration
    total += dt;
    if (window && (t < window[0] || t > window[1])) continue;
    const id = profile.samples[i];
    windowTotal += dt;
    self.set(id, (self.get(id) ?? 0) + dt);
  }
  const fn = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, ms] of self) {
    const f = byId.get(id)!.callFrame;
    // Paths relative to the checkout; an engine copy elsewhere (SEEDBED_ENGINE) shows as src/….
    const rel = f.url ? relative(ROOT, f.url.replace(/^file:\/\//, '')) : '';
    const loc = f.url ? `${rel.startsWith('..') && rel.includes('/src/') ? `src/${rel.split('/src/').pop()}` : rel}:${f.lineNumber + 1}` : '(native)';
    const key = `${f.functionName || '(anonymous)'}  ${loc}`;
    fn.set(key, (fn.get(key) ?? 0) + ms);
    const a = area(f);
    areas.set(a, (areas.get(a) ?? 0) + ms);
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return { total, windowTotal, functions: sorted(fn), areas: sorted(areas) };
}

/** CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile → thread id (0 = main). */
function threadOf(file: string): number {
  return Number(file.split('.')[4] ?? 0);
}

async function main() {
  const target = sqliteTarget();
  const dir = mkdtempSync(join(tmpdir(), 'seedbed-prof-'));
  const report: string[] = [];
  const say = (s = '') => { report.push(s); process.stdout.write(`${s}\n`); };
  const counts = countsFor(size);
  say(`# CPU profile: seeding the school schema, ${totalRows(counts).toLocaleString('en-US')} rows, SQLite (${new Date().toISOString().slice(0, 10)}, Node ${process.version})`);
  say();
  try {
    for (const contender of opts.contenders.split(',') as ContenderName[]) {
      const url = await target.fresh(`prof-${contender}`);
      const profDir = join(dir, contender);
      mkdirSync(profDir);
      const spec: RunSpec = { contender, target: 'sqlite', size, counts, url, seed: 42 };
      const r = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=250', join(import.meta.dirname, 'child.ts'), JSON.stringify(spec)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
      const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('@@result '));
      const result = line ? (JSON.parse(line.slice(9)) as ChildResult) : undefined;
      if (!result?.ok) throw new Error(`${contender} failed: ${result?.error ?? r.stderr}`);
      const verification = await target.verify(url, counts);
      await target.drop(url);
      // One profile per thread: the main thread, and any worker (Seedbed generates in a worker).
      const files = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile')).sort((x, y) => threadOf(x) - threadOf(y));
      say(`## ${contender}: ${Math.round(totalRows(counts) / (result.seedMs / 1000)).toLocaleString('en-US')} rows/s under the profiler (seed ${(result.seedMs / 1000).toFixed(2)} s, CPU ${((result.seedCpuMs ?? 0) / 1000).toFixed(2)} s over all threads; ${verification.ok ? 'verified' : `NOT verified: ${verification.problems.join('; ')}`})`);
      say();
      for (const file of files) {
        const profile = JSON.parse(readFileSync(join(profDir, file), 'utf8')) as CpuProfile;
        const s = summarise(profile, result.windowUs);
        const thread = threadOf(file) === 0 ? 'main thread' : `worker thread ${threadOf(file)}`;
        say(`### ${contender}, ${thread}`);
        say(`Thread profiled ${(s.total / 1000).toFixed(2)} s; inside the timed seeding ${(s.windowTotal / 1000).toFixed(2)} s (shares below are of that part; native better-sqlite3 work shows as self time of the JS function that calls stmt.run(); (idle) is waiting).`);
        say();
        say('| area | self ms | share |');
        say('|---|---:|---:|');
        for (const [a, ms] of s.areas.slice(0, 16)) say(`| ${a} | ${ms.toFixed(0)} | ${((ms / s.windowTotal) * 100).toFixed(1)} % |`);
        say();
        say(`Top ${top} functions by self time:`);
        say();
        say('| function | self ms | share |');
        say('|---|---:|---:|');
        for (const [f, ms] of s.functions.slice(0, top)) say(`| \`${f}\` | ${ms.toFixed(0)} | ${((ms / s.windowTotal) * 100).toFixed(1)} % |`);
        say();
      }
      if (opts.keep) say(`(profiles kept in ${profDir})`);
    }
  } finally {
    await target.close();
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(opts.out, { recursive: true });
  const out = join(opts.out, `profile-sqlite-${size}.md`);
  writeFileSync(out, `${report.join('\n')}\n`);
  process.stdout.write(`wrote ${out}\n`);
}

await main();
