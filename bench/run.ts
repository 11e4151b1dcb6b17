// `npm run bench` — seeds the same 12-table school schema with five contenders, alternating, and
// reports rows/s medians, each one's ratio to the raw limit measured in the same run, peak RSS
// (each run in its own child process), verification of every run, start-up costs; writes
// bench/results/<date>.json and bench/results/latest.svg. A benchmark, not a test.
//
//   npm run bench                                  10k and 200k, SQLite and PostgreSQL, 3 runs each
//   npm run bench -- --sizes 10k,200k,2m           adds 2M rows (long: MikroORM alone takes minutes)
//   npm run bench -- --targets sqlite --runs 1     one target, one run
//   npm run bench -- --contenders raw,seedbed      a subset
//   npm run bench -- --contenders floor,seedbed --sizes 200k,2m   Seedbed against the floor only
//   SEEDBED_BENCH_SIZES / _RUNS / _TARGETS / _CONTENDERS   the same choices from the environment
//   npm run bench -- --no-startup                  skip the start-up figures
//   npm run bench -- --chart-from bench/results/<date>.json   redraw latest.svg from a results file
//   node bench/profile.ts                          CPU profile of Seedbed at 200k rows on SQLite
//   node bench/replay.ts                           the raw writer replaying Seedbed's rows (data vs engine cost)
//   SEEDBED_ENGINE=/path/to/src/seeders/index.ts npm run bench   measure another copy of the engine

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CONTENDERS, LABELS, type ChildResult, type ContenderName, type RunSpec, type TargetName } from './contenders/types.ts';
import { buildEngine, ENGINE } from './lib/engine.ts';
import { summarise, svgChart, table, type RunRecord } from './report.ts';
import { countsFor, isSize, totalRows, type SizeName } from './schema/counts.ts';
import { measureStartup, ROOT, type StartupFigures } from './startup.ts';
import { postgresTarget, sqliteTarget, type Target } from './targets.ts';

const SEED = 42;
const CHILD_TIMEOUT_MS = 60 * 60_000;

const { values: opts } = (() => {
  try {
    return parseArgs({
  options: {
    // Each default can also come from the environment (SEEDBED_BENCH_SIZES=200k,2m …).
    sizes: { type: 'string', default: process.env.SEEDBED_BENCH_SIZES || '10k,200k' },
    runs: { type: 'string', default: process.env.SEEDBED_BENCH_RUNS || '3' },
    targets: { type: 'string', default: process.env.SEEDBED_BENCH_TARGETS || 'sqlite,postgres' },
    contenders: { type: 'string', default: process.env.SEEDBED_BENCH_CONTENDERS || CONTENDERS.join(',') },
    'no-startup': { type: 'boolean', default: false },
    out: { type: 'string', default: join(import.meta.dirname, 'results') },
    'chart-from': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  strict: true,
    });
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message} (see npm run bench -- --help)\n`);
    process.exit(2);
  }
})();

if (opts.help) {
  process.stdout.write(readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n') + '\n');
  process.exit(0);
}

if (opts['chart-from']) {
  // Re-draw the chart (and the table) from a results JSON without running anything.
  const j = JSON.parse(readFileSync(opts['chart-from'], 'utf8')) as { summary: ReturnType<typeof summarise>; chartSubtitle?: string; date: string };
  writeFileSync(join(opts.out, 'latest.svg'), svgChart(j.summary, j.chartSubtitle ?? j.date));
  process.stdout.write(`${table(j.summary)}\nwrote ${join(opts.out, 'latest.svg')}\n`);
  process.exit(0);
}

const sizes = opts.sizes.split(',').map((s) => s.trim().toLowerCase());
for (const s of sizes) if (!isSize(s)) fail(`unknown size "${s}" (use 10k, 200k, 2m)`);
const runs = Number(opts.runs);
if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a positive integer`);
const contenders = opts.contenders.split(',').map((c) => c.trim()) as ContenderName[];
for (const c of contenders) if (!CONTENDERS.includes(c)) fail(`unknown contender "${c}" (use ${CONTENDERS.join(', ')})`);
if (!contenders.includes('raw') && !contenders.includes('floor')) process.stderr.write('note: without raw or floor there is no ratio to a limit\n');
const targetNames = opts.targets.split(',').map((t) => t.trim()) as TargetName[];
for (const t of targetNames) if (t !== 'sqlite' && t !== 'postgres') fail(`unknown target "${t}" (use sqlite, postgres)`);

function fail(msg: string): never {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(2);
}

const log = (s: string) => process.stdout.write(`${s}\n`);

function runChild(spec: RunSpec): Promise<{ result: ChildResult; wallMs: number; stderr: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--max-old-space-size=8192', join(import.meta.dirname, 'child.ts'), JSON.stringify(spec)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
    });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; if (stderr.length > 200_000) stderr = stderr.slice(-100_000); });
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - t0;
      const line = stdout.split('\n').find((l) => l.startsWith('@@result '));
      if (line) return resolve({ result: JSON.parse(line.slice(9)) as ChildResult, wallMs, stderr });
      resolve({ result: { ok: false, error: `child exited ${signal ?? code} without a result: ${stderr.trim().split('\n').slice(-4).join(' | ')}`, setupMs: 0, seedMs: 0, peakRssMb: 0, heapUsedMb: 0 }, wallMs, stderr });
    });
  });
}

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

async function main() {
  const started = new Date();
  log(`Seedbed benchmark — ${started.toISOString()}`);
  log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}`);
  log(`sizes ${sizes.join(', ')} · ${runs} run(s) each · contenders ${contenders.join(', ')} · seed ${SEED}`);
  if (contenders.includes('seedbed') || !opts['no-startup']) buildEngine();
  log(`engine: ${ENGINE}`);
  const loadBefore = loadavg();
  log(`load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')}${loadBefore[0] > cpus().length * 0.5 ? ' — the machine is busy: absolute figures will be low and noisy; ratios within a round hold better' : ''}`);

  const targets: Target[] = [];
  const skippedTargets: Record<string, string> = {};
  for (const t of targetNames) {
    try {
      targets.push(t === 'sqlite' ? sqliteTarget() : await postgresTarget());
    } catch (e) {
      skippedTargets[t] = (e as Error).message.split('\n')[0];
      log(`target ${t} skipped: ${skippedTargets[t]}`);
    }
  }
  for (const t of targets) log(`target ${t.name}: ${t.description}`);

  const records: RunRecord[] = [];
  const samples: Record<string, unknown> = {};
  const probes: Record<string, unknown> = {};
  try {
    // drizzle-seed's single seed() call, as a user first tries it: record how it fails.
    if (contenders.includes('drizzle')) {
      for (const target of targets) {
        const url = await target.fresh('probe');
        const { result } = await runChild({ contender: 'drizzle', target: target.name, size: '10k', counts: countsFor('10k'), url, seed: SEED, probe: true });
        probes[`drizzle-single-call-${target.name}`] = result.ok ? 'succeeded (unexpected)' : result.error;
        log(`drizzle-seed single seed() call on ${target.name}: ${result.ok ? 'succeeded' : `fails: ${result.error?.split('\n')[0]}`}`);
        await target.drop(url);
      }
    }
    // Unmeasured: Seedbed's first run fills Node's compile cache (bench/lib/engine.ts loadEngine),
    // as any earlier `seedbed` run on the machine would have; the measured runs load it compiled.
    if (contenders.includes('seedbed')) {
      for (const target of targets) {
        const url = await target.fresh('warm-up');
        await runChild({ contender: 'seedbed', target: target.name, size: '10k', counts: countsFor('10k'), url, seed: SEED });
        await target.drop(url);
      }
    }
    for (const size of sizes as SizeName[]) {
      const counts = countsFor(size);
      const rows = totalRows(counts);
      log(`\n== ${size}: ${rows.toLocaleString('en-US')} rows ==`);
      for (let round = 1; round <= runs; round++) {
        // Alternate: each round starts with the next contender.
        const order = contenders.map((_, i) => contenders[(i + round - 1) % contenders.length]);
        for (const contender of order) {
          for (const target of targets) {
            const url = await target.fresh(`${contender}-${size}`);
            const spec: RunSpec = { contender, target: target.name, size, counts, url, seed: SEED };
            const cpu0 = target.serverCpuMs?.();
            const { result, wallMs, stderr } = await runChild(spec);
            const cpu1 = target.serverCpuMs?.();
            // PostgreSQL: the server's CPU while the child ran (its connection's backend, mostly).
            const serverCpuMs = cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined;
            let verification = { ok: false, problems: [] as string[], counts: {} as Record<string, number>, bytes: 0 };
            if (result.ok) {
              verification = await target.verify(url, counts);
              const key = `${target.name}/${contender}`;
              if (size === sizes[0] && round === 1) samples[key] = { students: await target.sample(url, 'students'), student_marks: await target.sample(url, 'student_marks') };
            }
            await target.drop(url);
            // Rates use the rows actually in the database (a contender that writes fewer is not credited).
            const written = result.ok ? Object.values(verification.counts).reduce((a, b) => a + b, 0) : 0;
            const rec: RunRecord = {
              target: target.name, size, contender, round, ok: result.ok, error: result.error,
              rows: written, seedMs: result.seedMs, setupMs: result.setupMs, wallMs,
              rowsPerSec: result.ok ? written / (result.seedMs / 1000) : 0,
              cpuRowsPerSec: result.ok && result.seedCpuMs ? written / ((result.seedCpuMs + (serverCpuMs ?? 0)) / 1000) : 0,
              serverCpuMs,
              peakRssMb: result.peakRssMb, heapUsedMb: result.heapUsedMb,
              verified: result.ok && verification.ok, problems: verification.problems, notes: result.notes, dbBytes: verification.bytes,
            };
            records.push(rec);
            const what = `${target.name.padEnd(8)} ${size.padEnd(4)} #${round} ${LABELS[contender].padEnd(26)}`;
            if (!result.ok) log(`${what} FAILED: ${result.error?.split('\n')[0]}${stderr && !result.error ? ` ${stderr.slice(-300)}` : ''}`);
            else log(`${what} ${Math.round(rec.rowsPerSec).toLocaleString('en-US').padStart(9)} rows/s  ${(result.seedMs / 1000).toFixed(2).padStart(7)} s (CPU ${((result.seedCpuMs ?? 0) / 1000).toFixed(2)} s${serverCpuMs !== undefined ? ` + server ${(serverCpuMs / 1000).toFixed(2)} s` : ''})  peak RSS ${Math.round(result.peakRssMb).toString().padStart(5)} MiB  db ${(verification.bytes / 1048576).toFixed(1).padStart(6)} MiB  ${verification.ok ? 'verified' : `NOT VERIFIED: ${verification.problems.slice(0, 3).join('; ')}`}`);
          }
        }
      }
    }

    let startup: StartupFigures | undefined;
    if (!opts['no-startup']) {
      log('\n== start-up ==');
      startup = await measureStartup(targets, 3, log);
    }

    const summaries = summarise(records);
    log('\n== results (rows/s = rows written ÷ time from first statement to COMMIT; × raw = ratio to the raw limit in this run) ==');
    log(table(summaries));

    const date = started.toISOString().slice(0, 10);
    mkdirSync(opts.out, { recursive: true });
    const versions = Object.fromEntries(['@faker-js/faker', 'drizzle-seed', 'drizzle-orm', '@mikro-orm/core', '@mikro-orm/sqlite', '@mikro-orm/postgresql', '@mikro-orm/seeder', 'better-sqlite3', 'pg', 'pg-copy-streams'].map((p) => [p, versionOf(p)]));
    const json = {
      date: started.toISOString(),
      machine: { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), kernel: release(), loadavgBefore: loadBefore, loadavgAfter: loadavg() },
      versions,
      engine: {
        source: ENGINE,
        gitHead: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim(),
        workingTreeDirty: spawnSync('git', ['status', '--porcelain', 'src'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() !== '',
      },
      options: { sizes, runs, contenders, targets: targetNames, seed: SEED },
      targets: Object.fromEntries(targets.map((t) => [t.name, t.description])),
      chartSubtitle: `${targets.map((t) => t.short).join(' · ')} · Node ${process.version} · ${cpus().length} cores · load ${loadBefore[0].toFixed(1)} · ${started.toISOString().slice(0, 10)} · medians of ${runs}`,
      skippedTargets,
      counts: Object.fromEntries(sizes.map((s) => [s, countsFor(s as SizeName)])),
      method: {
        rowsPerSec: 'rows found in the database after the run / seedMs; seedMs is measured inside the child from the first statement (Seedbed: the seed() call, including introspection and planning) to COMMIT; setup (connect, ORM init, raw pre-generation) is reported apart',
        seedbedLoading: 'Seedbed is loaded and opened as `seedbed seed` does it: Node\'s compile cache on (filled by one unmeasured 10k run before the measured ones), the database opened with { seeding: true } (SQLite: the writing thread starts while the driver loads, in setup)',
        ratioToFloor: 'median rows/s ÷ the floor\'s median rows/s at the same size and target in this run; the floor generates the same tables\' rows inside the database (INSERT … SELECT over generate_series / a recursive CTE) into tables whose keys, unique constraints, indexes and FKs are dropped first and rebuilt after, in one transaction (bench/contenders/floor.ts)',
        cpuRowsPerSec: 'expected rows / CPU time (user+system) of the child during seedMs; on SQLite that is all the work; on PostgreSQL the server\'s CPU while the child ran is added (postmaster and its processes, from /proc). Steadier than wall time when the machine is shared, and fair between one-thread and several-thread contenders there',
        peakRss: 'process.resourceUsage().maxRSS of the child process that ran the contender (one process per run)',
        alternation: 'rounds; each round runs every contender once, starting one further along the list',
        verification: 'row counts per table, PRAGMA foreign_key_check (SQLite), orphan queries for every FK, CHECK/UNIQUE invariant queries, PRAGMA quick_check / pg_constraint.convalidated',
      },
      probes,
      summary: summaries,
      runs: records,
      samples,
      startup,
    };
    const jsonFile = join(opts.out, `${date}.json`);
    writeFileSync(jsonFile, `${JSON.stringify(json, null, 2)}\n`);
    const subtitle = `${targets.map((t) => t.short).join(' · ')} · Node ${process.version} · ${cpus().length} cores · load ${loadBefore[0].toFixed(1)} · ${date} · medians of ${runs}`;
    writeFileSync(join(opts.out, 'latest.svg'), svgChart(summaries, subtitle));
    log(`\nwrote ${jsonFile} and ${join(opts.out, 'latest.svg')}`);
    const bad = records.filter((r) => r.ok && !r.verified);
    if (bad.length) log(`${bad.length} run(s) wrote a database that failed verification (see "problems" in the JSON)`);
  } finally {
    for (const t of targets) await t.close();
  }
}

await main();
