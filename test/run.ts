import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, globSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { CACHE, ROOT } from '../scripts/vscode-setup.ts';

// `npm test`: every test file, two at a time (`npm test -- test/a.test.ts …`: just those).
//   - Node's compile cache (NODE_COMPILE_CACHE) for every process the run starts: test files,
//     the CLI they start hundreds of times, worker threads, code-server. Each of them parsed and
//     stripped the types of the same few hundred modules again: a file that mostly runs the CLI
//     (cli-words) took 49 s of CPU, with the cache 23 s. The CLI the tests start is the built
//     one (test/support/sqlite.ts cliEntry), as the build below has just made it.
//   - The real-VS-Code tools (apt Chromium, code-server from npm, which compiles native addons:
//     ≈2.5 min on a fresh machine) install in the background from the first second, outside the
//     two test slots (scripts/vscode-setup.ts); test/vscode.test.ts then runs in a third slot.
//   - The type check runs beside the tests (a type error still fails `npm test`, at once);
//     the build (dist/, which some tests load) comes first.
//   - Files start longest first, so that the run never ends waiting on one long file started
//     late: by the seconds each took in the last whole run here (TIMES, kept in node_modules/.cache),
//     else by SECONDS below; a file known to neither counts as DEFAULT_SECONDS.

// Seconds per file in a whole `npm test` (2 cores, 2026-12-07, fresh clone); files under 8 s left out.
const SECONDS: Record<string, number> = {
  'hostile-names': 62, 'hostile-hangs': 54, 'hostile-init': 51, 'seed-sqlite': 48, 'trial-fixes-8': 38, 'example-mikro-orm': 35,
  'hostile-config': 35, 'fuzz-schemas': 32, 'exclusion-postgres': 29, 'trial-fixes-4': 29, 'trial-fixes-2': 27, 'bad-input': 25,
  postgres: 24, 'trial-fixes-10': 24, export: 24, 'trial-fixes-3': 23, 'trial-fixes': 23, 'trial-fixes-9': 20, 'hostile-terminal': 20,
  'bulk-indexes-postgres': 20, 'virtual-tables': 20, init: 19, 'hostile-secrets': 19, 'left-out-sqlite': 18, 'ledger-postgres': 18,
  'cli-words': 17, 'hostile-locks': 17, 'package-install': 17, 'bulk-checks-postgres': 15, 'many-tables-postgres': 14, entities: 14,
  'hostile-checks': 14, coverage: 13, 'trial-fixes-5': 13, config: 13, 'hostile-guards': 12, 'cycles-postgres': 12, 'triggers-postgres': 12,
  'check-forms': 12, 'hostile-tables-flag': 12, 'ledger-sqlite': 12, 'bulk-checks': 11, 'cli-words-postgres': 11, 'trigger-keys': 11,
  'story-status': 10, subtypes: 10, 'entities-postgres': 10, 'unique-indexes-postgres': 9, 'column-comments': 9, triggers: 9, rules: 8,
  'realism-patterns': 8, 'unique-indexes': 8, 'realism-story': 8, 'left-out-postgres': 8, 'postgres-features': 8,
};
const DEFAULT_SECONDS = 10;
const TIMES = join(ROOT, 'node_modules', '.cache', 'seedbed-test-seconds.json');

const t0 = performance.now();
const secs = (since = t0) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const say = (line: string) => process.stdout.write(`# ${line}\n`);

process.env.NODE_COMPILE_CACHE ||= join(ROOT, 'node_modules', '.cache', 'seedbed-node-compile');
enableCompileCache(process.env.NODE_COMPILE_CACHE);

const exited = (child: ChildProcess) => new Promise<number>((r) => child.once('exit', (code, signal) => r(code ?? (signal ? 1 : 0))));

const fileName = (f: string) => basename(f, '.test.ts');
function lastTimes(): Record<string, number> {
  try { return JSON.parse(readFileSync(TIMES, 'utf8')) as Record<string, number>; } catch { return {}; }
}

function testFiles(): string[] {
  const asked = process.argv.slice(2);
  if (asked.length) return asked.map((f) => resolve(f));
  const last = lastTimes();
  const seconds = (f: string) => last[fileName(f)] ?? SECONDS[fileName(f)] ?? DEFAULT_SECONDS;
  return globSync('test/**/*.test.ts', { cwd: ROOT }).sort().sort((a, b) => seconds(b) - seconds(a)).map((f) => join(ROOT, f));
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
// Each file's start and end (its own test:dequeue / test:complete carry the file's path as name).
const began = new Map<string, number>();
const spans: { name: string; from: number; to: number }[] = [];
function runFiles(list: string[], concurrency: number) {
  const stream = run({ files: list, concurrency, signal: abort.signal, cwd: ROOT });
  stream.on('test:fail', (d) => { if (!d.todo) process.exitCode = 1; });
  stream.on('test:dequeue', (d) => { if (d.file && d.name === d.file) began.set(d.file, performance.now() - started); });
  stream.on('test:complete', (d) => {
    if (d.file && d.name === d.file) spans.push({ name: fileName(d.file), from: began.get(d.file) ?? 0, to: performance.now() - started });
  });
  return stream.compose(spec);
}
const ended = (report: NodeJS.ReadableStream) => new Promise((r) => report.once('end', r));

// test/vscode.test.ts runs in a third slot of its own, from the moment its tools are in place
// (at once when they were; ≈80 s into a fresh clone's run), beside the two slots of the rest.
// In one of the two slots it had to start late, after the install, and then ran last (≈180 s)
// beside small files that left the other core idle for much of that time. Its report is
// printed after the others', whole.
const vscodeFile = setup ? files.find((f) => basename(f) === 'vscode.test.ts') : undefined;
const vscodeRun = vscodeFile && setup ? setup.done.then(async () => {
  if (abort.signal.aborted) return '';
  let text = '';
  const report = runFiles([vscodeFile], 1);
  report.on('data', (d) => (text += d));
  await ended(report);
  return text;
}) : Promise.resolve('');

let mainText = '';
const rest = files.filter((f) => f !== vscodeFile);
if (rest.length) {
  const report = runFiles(rest, 2);
  report.on('data', (d) => (mainText += d));
  report.pipe(process.stdout, { end: false });
  await ended(report);
}
const vscodeText = await vscodeRun;
process.stdout.write(vscodeText);
// The two reports' summaries, added up.
const total = (key: string) => [mainText, vscodeText].reduce((n, t) => n + Number(t.match(new RegExp(`ℹ ${key} (\\d+)`))?.[1] ?? 0), 0);
if (vscodeText) say(`all files: tests ${total('tests')}, pass ${total('pass')}, fail ${total('fail')}`);

const tscCode = await typecheck;
if (setup) {
  const code = await setup.done;
  const last = existsSync(setup.log) ? readFileSync(setup.log, 'utf8').trim().split('\n').filter((l) => /ready in|FAILED/.test(l)).pop() : undefined;
  say(`real-VS-Code tools (background, ${setup.log}): exit ${code}${last ? `, ${last}` : ''}`);
}
// This run's seconds per file order the next whole run (a file run alone keeps its old figure).
if (!process.argv.slice(2).length && !abort.signal.aborted) {
  try {
    mkdirSync(join(TIMES, '..'), { recursive: true });
    writeFileSync(TIMES, `${JSON.stringify({ ...lastTimes(), ...Object.fromEntries(spans.map((f) => [f.name, Math.round((f.to - f.from) / 1000)])) }, null, 1)}\n`);
  } catch { /* only an order */ }
}
const longest = spans.sort((a, b) => (b.to - b.from) - (a.to - a.from)).slice(0, 12);
say(`longest files (start → end, s into the tests): ${longest.map((f) => `${f.name} ${(f.from / 1000).toFixed(0)}→${(f.to / 1000).toFixed(0)}`).join(', ')}`);
say(`tests ${secs(started)}; npm test ${secs()}${tscCode === 0 ? '' : '; typecheck FAILED'}`);
