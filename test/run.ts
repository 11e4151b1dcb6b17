import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, globSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { CACHE, ROOT } from '../scripts/vscode-setup.ts';

// `npm test`: every test file, two at a time (`npm test -- test/a.test.ts …`: just those).
//   - Node's compile cache (NODE_COMPILE_CACHE) for every process the run starts: test files,
//     the CLI they start hundreds of times, worker threads, code-server. Each of them parsed and
//     stripped the types of the same few hundred modules again: a file that mostly runs the CLI
//     (cli-words) took 49 s of CPU, with the cache 23 s.
//   - The real-VS-Code tools (apt Chromium, code-server from npm, which compiles native addons:
//     ≈2.5 min on a fresh machine) install in the background from the first second, outside the
//     two test slots (scripts/vscode-setup.ts; test/vscode.test.ts waits for it on its lock).
//   - The type check runs beside the tests (a type error still fails `npm test`, at once);
//     the build (dist/, which some tests load) comes first.
//   - Files start longest first (FIRST below); test/vscode.test.ts near the end (LAST), when the
//     tools are in place, with only small files left to run beside its browsers.

// Measured alone (CPU s with the processes they start, 2026-12-06, before the compile cache).
// The slowest start first, so that the run never ends waiting on one long file started late.
const FIRST = [
  'hostile-init', 'hostile-names', 'hostile-config', 'example-mikro-orm', 'cli-words', 'hostile-secrets', 'export',
  'package-install', 'init', 'left-out-sqlite', 'hostile-terminal', 'config', 'entities', 'example-booking',
];
// test/vscode.test.ts (≈150 s, its browsers want both cores) waits for the tools' install, so it
// starts late; these small files (≈40 s of CPU together) then keep the other slot busy beside it.
const LAST = [
  'vscode', 'coherence', 'cli-words-postgres', 'check-forms', 'bulk-checks-postgres', 'hostile-tls', 'graph',
  'init-postgres', 'hostile-sqlite', 'check-arrays-postgres', 'check-case-folded', 'language-columns', 'editor-coverage-view',
  'compact-stores', 'bench-floor', 'check-solver-scale', 'check-solver-branches', 'editor-discovery', 'hostile-editor', 'check-expressions',
];

const t0 = performance.now();
const secs = (since = t0) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const say = (line: string) => process.stdout.write(`# ${line}\n`);

process.env.NODE_COMPILE_CACHE ||= join(ROOT, 'node_modules', '.cache', 'seedbed-node-compile');
enableCompileCache(process.env.NODE_COMPILE_CACHE);

const exited = (child: ChildProcess) => new Promise<number>((r) => child.once('exit', (code, signal) => r(code ?? (signal ? 1 : 0))));

function testFiles(): string[] {
  const asked = process.argv.slice(2);
  if (asked.length) return asked.map((f) => resolve(f));
  const rank = (f: string) => {
    const n = basename(f, '.test.ts');
    return FIRST.includes(n) ? FIRST.indexOf(n) - FIRST.length : LAST.includes(n) ? 1 + LAST.indexOf(n) : 0;
  };
  return globSync('test/**/*.test.ts', { cwd: ROOT }).sort().sort((a, b) => rank(a) - rank(b)).map((f) => join(ROOT, f));
}

const files = testFiles();

// The real-VS-Code tools, in the background (a no-op in a second when they are in place).
let setup: { child: ChildProcess; done: Promise<number>; log: string; t0: number } | undefined;
if (process.platform === 'linux' && files.some((f) => f.endsWith('vscode.test.ts'))) {
  mkdirSync(CACHE, { recursive: true });
  const log = join(CACHE, 'setup.log');
  const out = openSync(log, 'w');
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'vscode-setup.ts')], { cwd: ROOT, stdio: ['ignore', out, out] });
  setup = { child, done: exited(child), log, t0: performance.now() };
}

// Type check beside everything else; its errors fail the run at once.
const tsc = spawn(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
let tscOut = '';
tsc.stdout!.on('data', (d) => (tscOut += d));
tsc.stderr!.on('data', (d) => (tscOut += d));
const abort = new AbortController();
const typecheck = exited(tsc).then((code) => {
  if (code !== 0) {
    process.stdout.write(`\n${tscOut}\n`);
    say(`typecheck failed (tsc exit ${code}): stopping the tests`);
    process.exitCode = 1;
    abort.abort();
  } else say(`typecheck passed (${secs()})`);
  return code;
});

// The build: dist/ and its declarations, before any test file starts.
const build = spawn(process.execPath, [join(ROOT, 'scripts', 'build.ts'), '--types'], { cwd: ROOT, stdio: 'inherit' });
if ((await exited(build)) !== 0) {
  say('build failed');
  tsc.kill();
  process.exit(1);
}
say(`built (${secs()})`);

const started = performance.now();
const stream = run({ files, concurrency: 2, signal: abort.signal, cwd: ROOT });
stream.on('test:fail', (d) => { if (!d.todo) process.exitCode = 1; });
// Each file's start and end (its own test:dequeue / test:complete carry the file's path as name).
const began = new Map<string, number>();
const spans: { name: string; from: number; to: number }[] = [];
stream.on('test:dequeue', (d) => { if (d.file && d.name === d.file) began.set(d.file, performance.now() - started); });
stream.on('test:complete', (d) => {
  if (d.file && d.name === d.file) spans.push({ name: d.file.replace(/^.*\/|\.test\.ts$/g, ''), from: began.get(d.file) ?? 0, to: performance.now() - started });
});
const report = stream.compose(spec);
report.pipe(process.stdout, { end: false });
await new Promise((r) => report.once('end', r));

const tscCode = await typecheck;
if (setup) {
  const code = await setup.done;
  const last = existsSync(setup.log) ? readFileSync(setup.log, 'utf8').trim().split('\n').filter((l) => /ready in|FAILED/.test(l)).pop() : undefined;
  say(`real-VS-Code tools (background, ${setup.log}): exit ${code}${last ? `, ${last}` : ''}`);
}
const longest = spans.sort((a, b) => (b.to - b.from) - (a.to - a.from)).slice(0, 12);
say(`longest files (start → end, s into the tests): ${longest.map((f) => `${f.name} ${(f.from / 1000).toFixed(0)}→${(f.to / 1000).toFixed(0)}`).join(', ')}`);
say(`tests ${secs(started)}; npm test ${secs()}${tscCode === 0 ? '' : '; typecheck FAILED'}`);
