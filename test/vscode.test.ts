import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { packageVsix } from '../scripts/vscode-package.ts';
import { CACHE, ensureVscodeTools, ROOT, type VscodeTools } from '../scripts/vscode-setup.ts';
import { createTableMentions, entityMentions } from '../src/views/mentions.ts';
import { coverageDescription, edgesOf, eventLine, statusText } from '../src/views/format.ts';
import type { Overview } from '../src/views/protocol.ts';
import { mochaLines, runExtensionSuites, type SuiteRun } from './support/vscode-mocha.ts';
import { addExampleProjects } from './support/vscode-workspace.ts';
import { runUiTest } from './support/vscode-ui.ts';
import { runHostileUiTest } from './support/vscode-ui-hostile.ts';
import { runEditorUiTest } from './support/vscode-ui-editor.ts';
import { runGraphUiTest } from './support/vscode-ui-graph.ts';

// The extension in a real VS Code (code-server 4.139.1 = VS Code 1.139.1, Node extension host),
// driven by headless Debian chromium through playwright-core:
//   1. the Mocha suites of test/extension/suite run INSIDE the extension host against real SQLite
//      files (VS Code's own extension-test mechanism: extensionDevelopmentPath/extensionTestsPath);
//   2. test/extension/untrusted: the same in a workspace that is not trusted (read-only);
//   3. a person-like UI test against the packaged .vsix, with screenshots.
// Tools are installed and cached by scripts/vscode-setup.ts (apt chromium + libkrb5-dev, code-server
// under .vscode-test/). A missing tool fails these tests with the reason; they never skip.

const fileStart = performance.now();
let tools: VscodeTools | undefined;
let setupError: Error | undefined;
const timings: string[] = [];
const time = async <T>(label: string, fn: () => Promise<T> | T): Promise<T> => {
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings.push(`${label} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
};
const needTools = (): VscodeTools => {
  if (!tools) throw new Error(`The real-VS-Code tests cannot run: ${setupError?.message ?? 'setup did not run'}`);
  return tools;
};

before(async () => {
  try {
    tools = await time('setup (install/cache tools)', () => ensureVscodeTools());
    if (tools.installed.length) console.log(`# installed: ${tools.installed.join('; ')}`);
  } catch (e) {
    setupError = e as Error;
  }
  if (['dist/extension.cjs', 'dist/vsix/engine-worker.mjs'].some((f) => !existsSync(join(ROOT, f)))) {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.ts')], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `npm run build failed:\n${r.stderr}`);
  }
});

after(() => {
  console.log(`# vscode timings: ${timings.join('; ')}; whole file ${((performance.now() - fileStart) / 1000).toFixed(1)} s`);
  const runs = join(CACHE, 'runs');
  if (existsSync(runs) && !process.env.SEEDBED_KEEP_RUNS) rmSync(runs, { recursive: true, force: true });
});

test('view text: coverage, status bar, edges, Output lines, CodeLens mentions (no VS Code needed)', () => {
  assert.equal(coverageDescription({ table: 't', rows: 250, target: 250, state: 'full' }), '250/250 rows · 100%');
  assert.equal(coverageDescription({ table: 't', rows: 600, target: 250, state: 'full' }), '600/250 rows · 100%');
  assert.equal(coverageDescription({ table: 't', rows: 1, target: 3, state: 'partial' }), '1/3 rows · 33%');
  const o = {
    display: 'sqlite:/x.db', dialect: 'sqlite', skipped: [], phases: [['classes'], ['students'], ['student_marks']], edges: [], columnsHow: {}, ms: 1,
    coverage: { tables: [], withData: 118, total: 126, percent: 93.7, headline: '' },
    tables: [
      { name: 'classes', columns: [], foreignKeys: [] },
      { name: 'students', columns: [], foreignKeys: [{ columns: ['class_id'], refTable: 'classes', refColumns: ['id'], nullable: false }] },
      { name: 'student_marks', columns: [], foreignKeys: [{ columns: ['student_id'], refTable: 'students', refColumns: ['id'], nullable: false }] },
    ],
  } as unknown as Overview;
  assert.equal(statusText(o), 'Seedbed 118/126 tables');
  assert.deepEqual(edgesOf(o, 'students').map((e) => e.label), ['→ classes via class_id', '← student_marks.student_id']);
  const implied = { ...o, tables: [...o.tables, { name: 'notes', columns: [], foreignKeys: [{ columns: ['student_id'], refTable: 'students', refColumns: ['id'], nullable: true, undeclared: 'implied by its name' }] }] } as Overview;
  assert.deepEqual(edgesOf(implied, 'notes').map((e) => e.label), ['→ students via student_id (implied by its name)']);
  assert.deepEqual(edgesOf(implied, 'students').map((e) => e.label), ['→ classes via class_id', '← notes.student_id (implied by its name)', '← student_marks.student_id']);
  assert.equal(eventLine({ type: 'table-done', table: 'students', rows: 1500, ms: 12.4, rowsPerSecond: 120967, dropped: 0 }), '  students: 1,500 rows · 120,967 rows/s · 12 ms');
  assert.deepEqual(createTableMentions('create table if not exists "Weird Name" (a);\nCREATE TABLE main.users(\n').map((m) => m.table), ['Weird Name', 'users']);
  assert.deepEqual(entityMentions("@Entity()\nexport class AcademicYear {}\n@Entity({ tableName: 'people' })\nclass Person {}").map((m) => m.table), ['academic_year', 'people']);
});

// The untrusted run starts together with the main one (two servers side by side) to save time.
let untrusted: Promise<SuiteRun> | undefined;

test('Mocha suites inside the extension host of a real VS Code', { timeout: 240_000 }, async () => {
  const t = needTools();
  untrusted = time('untrusted suites', () => runExtensionSuites(t, 'untrusted', { trust: true }));
  untrusted.catch(() => {}); // awaited (and reported) by its own test below
  const run = await time('extension-host suites', () => runExtensionSuites(t, 'suite', { prepare: addExampleProjects }));
  console.log(mochaLines(run.output).map((l) => `# ${l}`).join('\n'));
  assert.deepEqual(run.tests.filter((t) => t.state === 'failed').map((t) => `${t.title}: ${t.error}`), []);
  assert.ok(run.tests.length >= 20, `only ${run.tests.length} extension tests ran`);
  assert.equal(run.code, 0, `extension tests exit code ${run.code}`);
});

test('untrusted workspace: Seedbed reads, never writes (Mocha, Workspace Trust on)', { timeout: 180_000 }, async () => {
  const run = await (untrusted ?? time('untrusted suites', () => runExtensionSuites(needTools(), 'untrusted', { trust: true })));
  console.log(mochaLines(run.output).map((l) => `# ${l}`).join('\n'));
  assert.deepEqual(run.tests.filter((t) => t.state === 'failed').map((t) => `${t.title}: ${t.error}`), []);
  assert.ok(run.tests.length >= 4, `only ${run.tests.length} untrusted tests ran`);
  assert.equal(run.code, 0);
});

// The hostile-names UI test runs beside the main one, on its own server and browser (as the
// untrusted suites do), and is awaited and reported by its own test.
let hostile: Promise<void> | undefined;
let packaged: string | undefined;
const shotsDir = () => {
  const shots = join(CACHE, 'screenshots');
  mkdirSync(shots, { recursive: true });
  return shots;
};
const say = (who: string) => (m: string) => console.log(`# ${who}${m}`);

test('person-like UI test in Chromium against the installed .vsix: view, palette, Output, tree at 100 %, edges, buttons, CodeLens, graph, Open Config, Select Scenario', { timeout: 240_000 }, async () => {
  const t = needTools();
  const shots = join(CACHE, 'screenshots');
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  console.log(`# screenshots: ${shots}`);
  // As a user gets it: the packaged .vsix, installed into the server (SEEDBED_UI_DEV=1: this checkout instead).
  const vsix = process.env.SEEDBED_UI_DEV ? undefined : await time('npm run package (.vsix)', () => packageVsix(join(CACHE, 'seedbed-under-test.vsix'), { build: false }));
  if (vsix) console.log(`# .vsix: ${vsix.file}, ${(vsix.bytes / 1024 / 1024).toFixed(1)} MB`);
  // The engine is bundled (dist/vsix/): vsce has nothing to warn about (test/vsix.test.ts checks the package).
  if (vsix) assert.doesNotMatch(vsix.output, /WARNING/, vsix.output);
  packaged = vsix?.file;
  hostile = time('hostile UI test (side by side)', () => runHostileUiTest(t, shots, say('hostile: '), { vsix: packaged }));
  hostile.catch(() => {}); // awaited (and reported) by its own test below
  await time('UI test', () => runUiTest(t, shots, say(''), { vsix: vsix?.file }));
});

test('hostile names in the editor: <img onerror> and command: links in table names stay text in tooltips and the graph; no CSP violation', { timeout: 180_000 }, async () => {
  await (hostile ?? time('hostile UI test', () => runHostileUiTest(needTools(), shotsDir(), say('hostile: '), { vsix: packaged })));
});

test('the editor at 220 tables: finds the only SQLite file, Filter Tables, Seed Table asks for rows and names the parents, coverage webview sorts, filters and reveals', { timeout: 240_000 }, async () => {
  await time('editor UI test (220 tables)', () => runEditorUiTest(needTools(), shotsDir(), say('editor: '), { vsix: packaged }));
});

test('the foreign-key graph at 500 tables: all drawn with coverage colours, filter, Show in Graph from the palette, levels, zoom, hover', { timeout: 240_000 }, async () => {
  await time('graph UI test (500 tables)', () => runGraphUiTest(needTools(), shotsDir(), say('graph: '), { vsix: packaged }));
});
