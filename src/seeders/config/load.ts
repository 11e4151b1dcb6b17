import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { clip, fileProblem, SeedbedError } from '../errors.ts';
import { refuseForeignCode } from './found-code.ts';
import { notCodeFile } from './code-file.ts';
import { ConfigError, displayPath } from './error.ts';
import { blankComments, positionOf } from './source.ts';
import type { SeedbedConfig } from './types.ts';
import type { SchemaInfo } from '../schema/model.ts';
import { validateConfig } from './validate.ts';
import { configTimeLimitMs, limitText, RAISE_LIMIT } from './time-limit.ts';
import { resolveScenario, type ConfigSource, type ResolvedConfig } from './resolve.ts';
import { importPackage } from '../packages.ts';

export { validateConfig, resolveScenario };

// Finding and loading the user's seedbed.config.ts without a build step. jiti 2 (Babel-based
// TypeScript/ESM loader) does the loading, the same way on Node 24 (CLI) and on the Node 22 of
// VS Code's Electron (extension host), where native type stripping is not dependable. The
// import users write, `import { defineConfig } from 'seedbed'`, is aliased to our own
// config/types.ts (or its bundled copy dist/config.mjs), so a project needs nothing installed.

/** Looked for in this order; two of them in one folder is an error (which one is meant?). */
export const CONFIG_FILES = ['seedbed.config.ts', 'seedbed.config.mts', 'seedbed.config.js', 'seedbed.config.mjs'] as const;

export interface LoadedConfig {
  config: SeedbedConfig;
  /** Absolute path of the config file. */
  file: string;
  /** Its text, for locating settings by line (validateConfig reads the file when not given). */
  source: string;
}

/** The config file of a project folder (absolute path), or undefined when there is none. */
export function findConfig(dir: string): string | undefined {
  const found = CONFIG_FILES.map((n) => join(resolve(dir), n)).filter((f) => existsSync(f));
  if (found.length > 1) {
    throw new SeedbedError('BAD_INPUT', `${displayPath(resolve(dir))} has ${found.length} Seedbed config files: ${found.map((f) => f.slice(resolve(dir).length + 1)).join(', ')}.`, {
      fix: 'Keep one of them, or pick one with --config FILE.',
    });
  }
  return found[0];
}

/** The module `import … from 'seedbed'` resolves to inside a config file. */
export function seedbedModule(): string {
  const candidates = ['./types.ts', './config.mjs'];
  try {
    for (const c of candidates) {
      const f = fileURLToPath(new URL(c, import.meta.url));
      if (existsSync(f)) return f;
    }
  } catch {
    // CommonJS bundle (no import.meta.url): fall through to __filename.
  }
  const here = typeof __filename === 'string' ? dirname(__filename) : process.cwd();
  for (const c of candidates) {
    const f = join(here, c);
    if (existsSync(f)) return f;
  }
  throw new SeedbedError('NOT_FOUND', 'Seedbed\'s config module (config/types.ts or dist/config.mjs) is missing next to the engine.', {
    fix: 'Run `npm run build` (a checkout) or reinstall Seedbed.',
  });
}

/** Loads and evaluates a config file (no validation against a schema: see validateConfig). */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  const abs = isAbsolute(file) ? file : resolve(file);
  if (!existsSync(abs)) {
    throw new SeedbedError('NOT_FOUND', `Config file ${displayPath(abs)} does not exist.`, {
      fix: `Check the path given to --config, or create one with \`seedbed init\` (it is looked for as ${CONFIG_FILES.join(', ')}).`,
    });
  }
  if (statSync(abs).isDirectory()) {
    const inside = findConfig(abs);
    if (!inside) {
      throw new SeedbedError('NOT_FOUND', `${displayPath(abs)} is a folder without a Seedbed config file.`, {
        fix: `Pass the file itself to --config, or create one with \`seedbed init --dir ${displayPath(abs)}\`.`,
      });
    }
    return loadConfig(inside);
  }
  const odd = notCodeFile(abs);
  if (odd) {
    throw new SeedbedError('BAD_INPUT', `Not loading the config ${displayPath(abs)}: it ${odd}.`, {
      fix: `Point --config at your seedbed.config.ts (\`seedbed init\` writes one), or run with --no-config.`,
    });
  }
  let source: string;
  try {
    source = readFileSync(abs, 'utf8');
  } catch (e) {
    const p = fileProblem(e);
    if (!p) throw e;
    throw new SeedbedError('BAD_INPUT', `Cannot read the config ${displayPath(abs)}: ${p.reason}.`, {
      fix: 'Make it readable for you (chmod u+r, or chown), or point --config at another file.',
      cause: e,
    });
  }
  // Loaded here, not at the top: ≈15 ms at every start of the CLI and of a generating thread,
  // which most runs (no config file) never need.
  const { createJiti } = await importPackage('jiti', () => import('jiti'));
  const jiti = createJiti(abs, {
    alias: { seedbed: seedbedModule() },
    // A config edited in the editor must be read afresh on the next run.
    moduleCache: false,
    fsCache: false,
    interopDefault: false,
  });
  let mod: unknown;
  const loaded = loadWatcher?.(abs, configTimeLimitMs());
  try {
    mod = await settlesInTime(jiti.import(abs), abs, source);
  } catch (e) {
    if (e instanceof SeedbedError) throw e;
    throw evaluationError(abs, source, e);
  } finally {
    loaded?.();
  }
  const config = (mod as { default?: unknown } | undefined)?.default;
  if (config === undefined) {
    throw new ConfigError(abs, 1, 1, '', 'the file has no default export.', 'End it with `export default defineConfig({ … })` (import { defineConfig } from \'seedbed\').');
  }
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    const at = positionOf(source, Math.max(0, source.search(/export\s+default/)));
    throw new ConfigError(abs, at.line, at.column, '', `the default export is ${describe(config)}, not a config object.`, 'Export an object: `export default defineConfig({ … })`.');
  }
  return { config: config as SeedbedConfig, file: abs, source };
}

/** Told when config code starts to run (its file and time limit); the function it returns, when
 *  it is done. Code that never returns (a loop at the top level) blocks the thread that loads it,
 *  so only another thread can stop it: VS Code's engine (engineWorker.ts) tells the extension's. */
let loadWatcher: ((file: string, limitMs: number) => () => void) | undefined;

export function watchConfigLoads(watcher: (file: string, limitMs: number) => () => void): void {
  loadWatcher = watcher;
}

/**
 * The config module's evaluation, or an error naming the file when it cannot finish: a top-level
 * `await` that never settles would otherwise end the process with Node's "unsettled top-level
 * await" pointing at Seedbed's own entry file. The time limit catches one that keeps waiting on
 * something alive (a timer, a socket); `beforeExit` one that waits on nothing at all (the event
 * loop is empty), at once.
 */
function settlesInTime<T>(loading: Promise<T>, file: string, source: string): Promise<T> {
  const limit = configTimeLimitMs();
  return new Promise<T>((resolve, reject) => {
    const fail = (why: string) => {
      done();
      const at = positionOf(source, Math.max(0, topLevelAwait(source)));
      reject(new ConfigError(file, at.line, at.column, '', `loading the config did not finish: ${why}.`,
        `Look for a top-level \`await\` in the file (or in what it imports) that never settles; ${RAISE_LIMIT}.`));
    };
    const timer = setTimeout(() => fail(`it was still running after ${limitText(limit)}`), limit);
    timer.unref();
    const never = () => fail('a top-level await waits for something that never happens');
    process.once('beforeExit', never);
    const done = () => { clearTimeout(timer); process.off('beforeExit', never); };
    loading.then((v) => { done(); resolve(v); }, (e) => { done(); reject(e); });
  });
}

/** Offset of the first `await` outside any braces (a top-level one), or -1. */
function topLevelAwait(source: string): number {
  const text = blankComments(source);
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && c === 'a' && text.startsWith('await', i) && !/[\w$]/.test(text[i - 1] ?? '') && !/[\w$]/.test(text[i + 5] ?? '')) return i;
  }
  return -1;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'function') return 'a function';
  return `a ${typeof v}`;
}

/** A syntax error or a throw while evaluating the config: one error at the line it happened. */
function evaluationError(file: string, source: string, e: unknown): ConfigError {
  const err = e instanceof Error ? e : new Error(String(e));
  const text = `${err.message}\n${err.stack ?? ''}`;
  const syntax = /ParseError|SyntaxError/.test(err.name) || /^(?:\w+: )?ParseError:/.test(err.message) || err instanceof SyntaxError;
  // Cut short: an error may quote the source (a 50 MB identifier in a ReferenceError).
  let message = clip(err.message.replace(/^(?:\w*Error: )?ParseError: /, '').split('\n')[0].trim());
  let pos = framePosition(text, file);
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(err.message);
  if (missing) {
    const spec = missing[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const offset = blankComments(source).search(new RegExp(`(['"\`])${spec}\\1`));
    if (offset >= 0) pos = positionOf(source, offset);
    message = `cannot import "${missing[1]}": it is not installed or the path is wrong.`;
    pos ??= { line: 1, column: 1 };
    return new ConfigError(file, pos.line, pos.column, '', message, 'Fix the import path (relative imports need the file extension), or install the package in the project.', { cause: e });
  }
  if (!pos) {
    // The error came from a module the config imports: name that file and line too.
    const other = /(?:file:\/\/)?(\/[^\s():]+\.(?:[cm]?[jt]s)):(\d+):(\d+)/.exec(text.split('\n').filter((l) => !l.includes('node_modules') && !l.includes('node:')).join('\n'));
    if (other) message += ` (at ${displayPath(other[1])}:${other[2]})`;
  }
  const p = pos ?? { line: 1, column: 1 };
  if (syntax) {
    return new ConfigError(file, p.line, p.column, '', `syntax error: ${message}`, 'Fix the syntax at that line (the file is TypeScript or JavaScript, evaluated as an ES module).', { cause: e });
  }
  return new ConfigError(file, p.line, p.column, '', `the config threw while loading: ${message}`, 'Fix the code at that line; the config file runs once per seed, before any row is written.', { cause: e });
}

/** First `file:line:col` of the config file itself in an error's message or stack. */
function framePosition(text: string, file: string): { line: number; column: number } | undefined {
  for (const f of [file, pathToFileURL(file).href]) {
    const re = new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(\\d+):(\\d+)`);
    const m = re.exec(text);
    if (m) return { line: Number(m[1]), column: Number(m[2]) };
  }
  return undefined;
}

/**
 * The project's config: `--config FILE` when given (`false`: --no-config, none), else the one in
 * `cwd`; undefined when there is none.
 */
export async function loadProjectConfig(options: { config?: string | false; cwd?: string } = {}): Promise<LoadedConfig | undefined> {
  if (options.config === false) return undefined;
  const cwd = options.cwd ?? process.cwd();
  const file = options.config ? resolve(cwd, options.config) : findConfig(cwd);
  if (file && !options.config) refuseForeignCode(file, `If you trust it, name it: --config ${displayPath(file)}. Or run with --no-config.`);
  return file ? loadConfig(file) : undefined;
}

/** Re-creates a ResolvedConfig from its plain `source` (a worker thread: functions cannot be
 *  sent across threads). Pass the schema to validate again (not needed: the sender did). */
export async function loadResolved(source: ConfigSource, schema?: SchemaInfo): Promise<ResolvedConfig> {
  const loaded = await loadConfig(source.file);
  if (schema) validateConfig(loaded.config, schema, loaded.file, loaded.source);
  return resolveScenario(loaded, source.scenario, source.flags);
}
