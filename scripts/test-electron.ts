import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, ROOT } from './vscode-setup.ts';
import { addExampleProjects, bundleSuites, makeWorkspace } from '../test/support/vscode-workspace.ts';

// `npm run test:electron`: the same Mocha suites as `npm test`'s code-server run
// (test/extension/suite and test/extension/untrusted), run in desktop VS Code through
// @vscode/test-electron — the standard entry for extension tests on a machine that can download
// VS Code (update.code.visualstudio.com) and show a window (or has xvfb-run). `npm test` keeps the
// code-server path, which needs neither.
//   VSCODE_VERSION=1.99.0 npm run test:electron   (default: stable)

interface Outcome { folder: string; failures: number; tests: number; error?: string }

async function runFolder(folder: 'suite' | 'untrusted'): Promise<Outcome> {
  const { runTests } = await import('@vscode/test-electron');
  const { runner } = await bundleSuites(folder);
  const ws = makeWorkspace();
  if (folder === 'suite') await addExampleProjects(ws);
  const results = `${ws}-results.json`;
  rmSync(results, { force: true });
  const launchArgs = [ws, '--disable-extensions', '--disable-gpu', '--no-sandbox'];
  // The untrusted suite needs Workspace Trust on and the folder not trusted (a fresh profile's default).
  if (folder === 'suite') launchArgs.push('--disable-workspace-trust');
  let error: string | undefined;
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      cachePath: join(CACHE, 'electron'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: runner,
      launchArgs,
      extensionTestsEnv: { SEEDBED_TEST_RESULTS: results },
    });
  } catch (e) {
    error = (e as Error).message ?? String(e);
  }
  const summary = existsSync(results) ? (JSON.parse(readFileSync(results, 'utf8')) as { failures: number; tests: unknown[] }) : undefined;
  return { folder, failures: summary?.failures ?? 1, tests: summary?.tests.length ?? 0, error: summary ? undefined : error ?? 'the suites wrote no results' };
}

async function main(): Promise<void> {
  // Electron needs a display: without one, re-run under xvfb-run when the machine has it.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.SEEDBED_UNDER_XVFB) {
    const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
    if (!xvfb) {
      console.error('npm run test:electron: no display (DISPLAY is unset) and no xvfb-run.\nFix: run it in a desktop session, or install xvfb (apt-get install xvfb). `npm test` runs the same suites in code-server without either.');
      process.exit(1);
    }
    const r = spawnSync(xvfb, ['-a', process.execPath, import.meta.filename], { stdio: 'inherit', env: { ...process.env, SEEDBED_UNDER_XVFB: '1' } });
    process.exit(r.status ?? 1);
  }
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.ts')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const outcomes: Outcome[] = [];
  const offline = (o: Outcome) => !!o.error && /download|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|getaddrinfo|fetch/i.test(o.error);
  for (const folder of ['suite', 'untrusted'] as const) {
    const o = await runFolder(folder);
    outcomes.push(o);
    console.log(`test:electron ${o.folder}: ${o.tests} tests, ${o.failures} failed${o.error ? ` — ${o.error}` : ''}`);
    if (offline(o)) {
      console.error('Fix: test:electron downloads desktop VS Code from update.code.visualstudio.com; on a machine without that access, `npm test` runs the same suites in code-server.');
      break;
    }
  }
  process.exit(outcomes.every((o) => !o.error && o.failures === 0 && o.tests > 0) ? 0 : 1);
}

await main();
