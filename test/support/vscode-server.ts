import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { format } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { CACHE, type VscodeTools } from '../../scripts/vscode-setup.ts';

// A real VS Code for tests: code-server (VS Code's web build, Node extension host) on loopback
// with its own user-data, extensions, config and XDG dirs, driven by headless Debian chromium
// through playwright-core. See ../shared/docs/vscode-testing-notes.md for why it works this way.

export interface ServerOptions {
  tools: VscodeTools;
  /** Folder opened in the workbench. */
  workspace: string;
  /** Extra user settings (settings.json of the profile). */
  settings?: Record<string, unknown>;
  /** Leave Workspace Trust on (default: off, i.e. everything trusted). */
  trust?: boolean;
  /** Environment for the server and so the extension host. */
  env?: Record<string, string>;
  /** Install this packaged extension (.vsix) before starting. */
  vsix?: string;
}

export interface CodeServer {
  port: number;
  base: string;
  dir: string;
  log: string;
  child: ChildProcess;
  startMs: number;
  stop(): Promise<void>;
  /** `vscode-remote://` URI of a local path, as the workbench's payload wants it. */
  remote(path: string): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startCodeServer(options: ServerOptions): Promise<CodeServer> {
  const t0 = performance.now();
  mkdirSync(join(CACHE, 'runs'), { recursive: true });
  const dir = mkdtempSync(join(CACHE, 'runs', 'cs-'));
  const dirs = {
    userData: join(dir, 'user-data'),
    extensions: join(dir, 'extensions'),
    xdgData: join(dir, 'xdg', 'data'),
    xdgConfig: join(dir, 'xdg', 'config'),
    xdgCache: join(dir, 'xdg', 'cache'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': options.trust === true,
    'security.workspace.trust.startupPrompt': 'never',
    'workbench.colorTheme': 'Default Dark Modern',
    'window.commandCenter': false,
    'chat.disableAIFeatures': true,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    ...options.settings,
  }, null, 2));
  const config = join(dir, 'config.yaml');
  writeFileSync(config, 'auth: none\ncert: false\n');
  const env = {
    ...process.env,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_CACHE_HOME: dirs.xdgCache,
    ...options.env,
  };
  if (options.vsix) {
    const r = spawnSync(options.tools.node, [options.tools.codeServerEntry, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', options.vsix], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`code-server --install-extension ${options.vsix} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
  const port = await freePort();
  const log = join(dir, 'server.log');
  const fd = openSync(log, 'a');
  const args = [
    options.tools.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--config', config,
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--vscode-option', 'enable-smoke-test-driver',
    ...(options.trust ? [] : ['--disable-workspace-trust']),
    options.workspace,
  ];
  const child = spawn(options.tools.node, args, {
    detached: true, // its own process group: stop() ends the file watcher and extension host too
    stdio: ['ignore', fd, fd],
    env,
  });
  closeSync(fd);
  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch { /* already gone */ }
    }, 3000);
    await gone;
    clearTimeout(timer);
    // Whatever else the group started (watchers, extension host): make sure it is gone.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch { /* none left */ }
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited before it answered; its log (${log}):\n${readFileSync(log, 'utf8').slice(-3000)}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer /healthz within 30 s; its log (${log}):\n${readFileSync(log, 'utf8').slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    port, base, dir, log, child, stop,
    startMs: Math.round(performance.now() - t0),
    remote: (path: string) => `vscode-remote://127.0.0.1:${port}${path}`,
  };
}

/** The workbench URL for a folder, with the extension-development / extension-tests payload. */
export function workbenchUrl(server: CodeServer, folder: string, payload: { extensionDevelopmentPath?: string; extensionTestsPath?: string } = {}): string {
  const entries: [string, string][] = [];
  if (payload.extensionDevelopmentPath) entries.push(['extensionDevelopmentPath', server.remote(payload.extensionDevelopmentPath)]);
  if (payload.extensionTestsPath) entries.push(['extensionTestsPath', server.remote(payload.extensionTestsPath)]);
  const q = new URLSearchParams({ folder });
  if (entries.length) q.set('payload', JSON.stringify(entries));
  return `${server.base}/?${q.toString()}`;
}

export const CHROMIUM_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage', '--no-default-browser-check',
];

export async function launchBrowser(tools: VscodeTools): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: tools.chromium, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
}

export interface AutomationHooks {
  lines: string[];
  exit: Promise<number>;
}

/** Exposes the hooks the workbench calls in test mode (as @vscode/test-web does) before navigating. */
export async function installAutomationHooks(page: Page, echo?: (line: string) => void): Promise<AutomationHooks> {
  const lines: string[] = [];
  let resolveExit!: (code: number) => void;
  const exit = new Promise<number>((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
    // The workbench forwards console calls with their arguments (mocha's reporter uses format strings).
    const text = format(...(Array.isArray(args) ? args : [args]));
    for (const line of text.split('\n')) {
      lines.push(line);
      echo?.(`${type === 'error' ? '[err] ' : ''}${line}`);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
  return { lines, exit };
}

/** Monaco renders spaces as U+00A0. */
export const normalise = (s: string) => s.replace(/\u00a0/g, ' ');
