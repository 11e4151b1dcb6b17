import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Target } from './targets.ts';
import { median } from './stats.ts';

// Start-up costs: introspection + planning of a 533-table real-world schema (faraday_ai) on each
// target, and the CLI's start (`seedbed --help`, the bundled CLI). Each figure is the median of
// `runs` fresh processes.

export const ROOT = join(import.meta.dirname, '..');
export const FARADAY = join(ROOT, '..', 'shared', 'schemas', 'faraday_ai');

export interface StartupFigures {
  faraday: Record<string, { ok: boolean; error?: string; runs: number; tables?: number; importMs?: number; openMs?: number; introspectMs?: number; planMs?: number; introspectPlanMs?: number }>;
  cli: { helpMs: number; nodeBaselineMs: number; runs: number; error?: string };
}

function runChild(args: string[]): { ms: number; stdout: string; stderr: string; status: number | null } {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: ROOT, env: { ...process.env, CI: '1', NO_COLOR: '1' }, timeout: 120_000 });
  return { ms: performance.now() - t, stdout: r.stdout ?? '', stderr: r.stderr ?? '', status: r.status };
}

export async function measureStartup(targets: Target[], runs: number, log: (s: string) => void): Promise<StartupFigures> {
  const faraday: StartupFigures['faraday'] = {};
  for (const target of targets) {
    const file = join(FARADAY, target.name === 'sqlite' ? 'faraday_models.sqlite.sql' : 'faraday_models.postgresql.sql');
    if (!existsSync(file)) {
      faraday[target.name] = { ok: false, error: `${file} not found`, runs: 0 };
      continue;
    }
    const url = await target.freshWith('faraday', readFileSync(file, 'utf8'));
    const seedbedUrl = target.name === 'sqlite' ? `sqlite:${url}` : url;
    const results: Record<string, number>[] = [];
    let error: string | undefined;
    let tables: number | undefined;
    for (let i = 0; i < runs; i++) {
      const r = runChild([join(import.meta.dirname, 'startup-child.ts'), seedbedUrl]);
      const line = r.stdout.split('\n').find((l) => l.startsWith('@@result '));
      const res = line ? (JSON.parse(line.slice(9)) as Record<string, unknown>) : { ok: false, error: r.stderr.trim().split('\n').slice(-3).join(' ') };
      if (!res.ok) { error = String(res.error); break; }
      tables = res.tables as number;
      results.push(res as Record<string, number>);
    }
    await target.drop(url);
    if (error) {
      faraday[target.name] = { ok: false, error, runs: results.length };
      log(`  faraday_ai on ${target.name}: not measured: ${error}`);
      continue;
    }
    const m = (k: string) => median(results.map((r) => r[k]));
    const fig = { ok: true, runs, tables, importMs: m('importMs'), openMs: m('openMs'), introspectMs: m('introspectMs'), planMs: m('planMs'), introspectPlanMs: median(results.map((r) => r.introspectMs + r.planMs)) };
    faraday[target.name] = fig;
    log(`  faraday_ai on ${target.name}: ${tables} tables, introspection ${fig.introspectMs.toFixed(0)} ms + plan ${fig.planMs.toFixed(0)} ms = ${fig.introspectPlanMs.toFixed(0)} ms (open ${fig.openMs.toFixed(0)} ms, engine import ${fig.importMs.toFixed(0)} ms)`);
  }
  const help: number[] = [];
  const base: number[] = [];
  let cliError: string | undefined;
  for (let i = 0; i < Math.max(runs, 5); i++) {
    // The installed `seedbed` command: bin/seedbed.mjs, the bundled CLI (bench/run.ts builds it).
    const r = runChild([join(ROOT, 'bin', 'seedbed.mjs'), '--help']);
    if (r.status !== 0) { cliError = `exit ${r.status}: ${r.stderr.trim().split('\n').slice(-2).join(' ')}`; break; }
    help.push(r.ms);
    base.push(runChild(['-e', '0']).ms);
  }
  const cli = { helpMs: median(help), nodeBaselineMs: median(base), runs: help.length, error: cliError };
  log(cliError
    ? `  CLI start: not measured: seedbed --help failed (${cliError})`
    : `  CLI start (seedbed --help, the bundled CLI): ${cli.helpMs.toFixed(0)} ms (bare \`node -e 0\`: ${cli.nodeBaselineMs.toFixed(0)} ms)`);
  return { faraday, cli };
}
