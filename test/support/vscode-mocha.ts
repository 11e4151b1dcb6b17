import { existsSync, readFileSync } from 'node:fs';
import type { VscodeTools } from '../../scripts/vscode-setup.ts';
import { ROOT } from '../../scripts/vscode-setup.ts';
import { installAutomationHooks, launchBrowser, startCodeServer, workbenchUrl } from './vscode-server.ts';
import { bundleSuites, makeWorkspace } from './vscode-workspace.ts';

// Runs one folder of Mocha suites (test/extension/<folder>) inside the extension host of a real
// VS Code: bundle, fresh workspace, code-server, chromium opening the workbench with the
// extensionDevelopmentPath/extensionTestsPath payload; collects the output and the exit code.

export interface SuiteRun {
  code: number;
  output: string[];
  tests: { title: string; state: string; ms?: number; error?: string }[];
  serverLog: string;
}

export async function runExtensionSuites(tools: VscodeTools, folder: string, options: { trust?: boolean; timeoutMs?: number; prepare?: (ws: string) => Promise<void> | void } = {}): Promise<SuiteRun> {
  const { runner } = await bundleSuites(folder);
  const ws = makeWorkspace();
  await options.prepare?.(ws);
  const results = `${ws}-results.json`;
  const server = await startCodeServer({ tools, workspace: ws, trust: options.trust, env: { SEEDBED_TEST_RESULTS: results } });
  const browser = await launchBrowser(tools);
  const output: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    const page = await browser.newPage();
    const hooks = await installAutomationHooks(page, (line) => output.push(line));
    await page.goto(workbenchUrl(server, ws, { extensionDevelopmentPath: ROOT, extensionTestsPath: runner }));
    const limit = options.timeoutMs ?? 180_000;
    const code = await Promise.race([
      hooks.exit,
      new Promise<number>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the extension tests (${folder}) did not finish within ${limit / 1000} s; server log ${server.log}\n${output.slice(-40).join('\n')}`)), limit);
      }),
    ]);
    const summary = existsSync(results)
      ? (JSON.parse(readFileSync(results, 'utf8')) as { tests: SuiteRun['tests'] })
      : undefined;
    if (!summary) throw new Error(`the suites (${folder}) wrote no results (${results}); exit code ${code}; server log ${server.log}\n${output.slice(-40).join('\n')}`);
    return { code, output, tests: summary.tests, serverLog: server.log };
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => {});
    await server.stop();
  }
}

/** Mocha's own lines from the forwarded console, without the workbench's chatter. */
export function mochaLines(output: string[]): string[] {
  const start = output.findIndex((l) => /^\s{2}\S/.test(l) && !/^\s{2}\[/.test(l));
  return output.slice(Math.max(0, start)).filter((l) => !/ENOTFOUND open-vsx|^\[err\]|Creating a socket|Resolv|AccountPolicyGate|AgentHost|Service Worker|builtin extensions|grace time|workbench contribution/.test(l));
}
