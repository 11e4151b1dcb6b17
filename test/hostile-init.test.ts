import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { starterConfig } from '../src/seeders/config/init.ts';
import { openDatabase } from '../src/seeders/index.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cliEntry, createDb, Database, ROOT, tempDir } from './support/sqlite.ts';

// `seedbed init` writes TypeScript from database names (issue #14 item 1). Every name, enum value
// and declared type is data: a table named "x\nprocess.exit(7)//" used to end the `//` comment
// it was written into, leaving live code that ran on every later plan or seed. For every hostile
// character class, on SQLite and PostgreSQL: the files init writes compile (the real tsc), the
// config loads (plan works, exit 0), nothing after a line end runs, and the commented examples,
// switched on, compile and plan too.

const dir = tempDir('seedbed-hostile-init-');
const MAIN = cliEntry();
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const PWNED = join(dir, 'pwned');

// A payload that, were it live code, would leave a file behind or end the process with code 7.
const RUN = `process.exit(7)`;
const PG_RUN = `process['exit'](7)`;
const WRITE = `import('node:fs').then((f)=>f.writeFileSync(${JSON.stringify(PWNED)},''))`;

/** Hostile character classes, each carrying a payload after the character that would release it. */
const CLASSES: Record<string, string> = {
  newline: `\n${WRITE};${RUN}//`,
  cr: `\r${RUN}//`,
  'line separator U+2028': `\u2028${RUN}//`,
  'paragraph separator U+2029': `\u2029${WRITE}//`,
  'single quote': `'+${RUN}+'`,
  'double quote': `"+${RUN}+"`,
  'backtick and ${}': `\`+\${${RUN}}+\``,
  'end of block comment': `*/${RUN}/*`,
  backslash: `\\'+${RUN}+'\\`,
  'RTL override and isolates': `\u202e\u2066${RUN}\u2069\u200b`,
  'escape sequence': `\x1b[2J\x1b]0;title\x07`,
};

// On PostgreSQL (slower to start) the classes that reach init by its own paths (enum labels,
// catalogue names); a `"` or `.` in a PostgreSQL identifier is #14 item 10 (the hostile-names
// suite): the double quote goes into an enum label here.
const PG_CLASSES = new Set(['newline', 'line separator U+2028', 'backslash', 'backtick and ${}', 'end of block comment', 'RTL override and isolates']);

after(() => cleanup(dir));

const idq = (s: string) => `"${s.replaceAll('"', '""')}"`;
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** Parent, child (FK, prose and a CHECK IN column), and leaves nothing references: every place
 *  init writes a name (perParent, lookups, weighted values, nullRate, exclude, the types). */
function ddl(h: string, dialect: 'sqlite' | 'postgresql'): string {
  const id = dialect === 'sqlite' ? 'INTEGER PRIMARY KEY' : 'serial PRIMARY KEY';
  const state = dialect === 'sqlite'
    ? `${idq(`state${h}`)} TEXT NOT NULL CHECK (${idq(`state${h}`)} IN (${lit(`a${h}`)}, ${lit(`b${h}`)}))`
    : `${idq(`state${h}`)} ${idq(`mood${h}`)} NOT NULL`;
  return `
    ${dialect === 'postgresql' ? `CREATE TYPE ${idq(`mood${h}`)} AS ENUM (${lit(`a${h}`)}, ${lit(`b"${h}`)});` : ''}
    CREATE TABLE ${idq(`p${h}`)} (id ${id}, ${idq(`title${h}`)} TEXT NOT NULL);
    CREATE TABLE ${idq(`c${h}`)} (id ${id}, ${idq(`p_id${h}`)} INTEGER NOT NULL REFERENCES ${idq(`p${h}`)} (id),
      ${idq(`body${h}`)} TEXT NOT NULL, ${idq(`note${h}`)} TEXT, ${state});
    CREATE TABLE ${idq(`l${h}`)} (id ${id}, ${idq(`x${h}`)} TEXT);
    CREATE TABLE ${idq(`m${h}`)} (id ${id});`;
}

function run(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1', SEEDBED_DATABASE_URL: '', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** One root with seedbed installed (a link to this checkout); a project folder per class in it. */
function root(name: string): string {
  const d = join(dir, name);
  mkdirSync(join(d, 'node_modules'), { recursive: true });
  writeFileSync(join(d, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  symlinkSync(ROOT, join(d, 'node_modules', 'seedbed'), 'dir');
  return d;
}

/** `tsc --noEmit` over every file given, strict, as a Node ESM project compiles it. */
function tsc(cwd: string, files: string[]) {
  const r = spawnSync(process.execPath, [TSC, '--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022', '--skipLibCheck', ...files], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

/** No generated line carries a raw line end or invisible character, and no comment line has code after it. */
function assertInert(text: string, file: string): void {
  assert.doesNotMatch(text, /[\r\u2028\u2029\u200b\u202a-\u202e\u2066-\u2069\x00-\x08\x0b-\x1f\x7f-\x9f]/u, `${file}: no raw control, separator or bidi character`);
  for (const line of text.split('\n')) {
    assert.ok(!/^\s*process\.exit|^\s*import\(/.test(line), `${file}: a payload begins a line: ${JSON.stringify(line)}`);
  }
}

async function checkProject(base: string, label: string, url: string, env: Record<string, string>, files: string[]) {
  const d = join(base, label.replace(/\W+/g, '-'));
  mkdirSync(d);
  const init = run(d, ['init', '--db', url], env);
  assert.equal(init.code, 0, `${label}: init: ${init.stderr}`);
  const config = readFileSync(join(d, 'seedbed.config.ts'), 'utf8');
  const types = readFileSync(join(d, 'seedbed.schema.d.ts'), 'utf8');
  assertInert(config, `${label} seedbed.config.ts`);
  assertInert(types, `${label} seedbed.schema.d.ts`);
  assert.match(config, /\/\/ exclude: \[/, `${label}: the exclude example is there`);
  assert.match(config, /perParent:/, `${label}: the perParent example is there`);

  // Loaded by Seedbed: plan runs the config (its import and top level) and must exit 0.
  const plan = run(d, ['plan', '--scenario', 'light'], { ...env, SEEDBED_DATABASE_URL: url });
  assert.equal(plan.code, 0, `${label}: plan: ${plan.stderr}`);
  assert.match(plan.stdout, /Plan: 4 tables, 20 rows/, label);

  // The commented examples switched on: also code from names, which must compile and load.
  const db = await openDatabase(url);
  const schema = await db.readSchema();
  await db.close();
  const live = join(d, 'live');
  mkdirSync(live);
  writeFileSync(join(live, 'seedbed.schema.d.ts'), types);
  const liveText = starterConfig(schema, { database: url, dir: live, liveExamples: true });
  assertInert(liveText, `${label} live config`);
  writeFileSync(join(live, 'seedbed.config.ts'), liveText);
  const livePlan = run(live, ['plan', '--scenario', 'light'], { ...env, SEEDBED_DATABASE_URL: url });
  assert.equal(livePlan.code, 0, `${label}: plan with the examples on: ${livePlan.stderr}`);
  assert.match(livePlan.stdout, /Plan: 3 tables/, `${label}: the exclude example took effect`);
  files.push(join(d, 'seedbed.config.ts'), join(live, 'seedbed.config.ts'));
}

function compileAll(base: string, files: string[]) {
  const compiled = tsc(base, files);
  assert.equal(compiled.code, 0, compiled.out);
  assert.ok(!existsSync(PWNED), 'no payload ran');
}

describe('init on SQLite: hostile names stay data', () => {
  test('NUL cannot be part of a SQLite name (so it is not among the classes)', () => {
    const db = new Database(join(dir, 'nul.db'));
    assert.throws(() => db.exec(`CREATE TABLE "a\u0000b" (x)`), /unrecognized token/);
    db.close();
  });

  test('every class: init output compiles, loads (plan), plans with the examples on, runs nothing', async () => {
    const base = root('sqlite');
    const files: string[] = [];
    for (const [label, h] of Object.entries(CLASSES)) {
      const file = join(base, `${label.replace(/\W+/g, '-')}.db`);
      createDb(file, ddl(h, 'sqlite'));
      await checkProject(base, label, `sqlite:${file}`, {}, files);
    }
    compileAll(base, files);
  });
});

describe('init on PostgreSQL: hostile names stay data', () => {
  let pg: PgServer;
  before(async () => {
    pg = await startPostgres();
  });
  after(async () => {
    await pg?.stop();
  });

  test('NUL cannot be part of a PostgreSQL name (so it is not among the classes)', async () => {
    await pg.createDatabase('nul');
    await assert.rejects(pg.query('nul', `CREATE TABLE "a\u0000b" (x int)`), /invalid message format|invalid byte sequence|null character/i);
  });

  test('every class: init output compiles, loads (plan), plans with the examples on, runs nothing', async () => {
    const base = root('postgres');
    const files: string[] = [];
    let i = 0;
    for (const [label, h] of Object.entries(CLASSES)) {
      if (!PG_CLASSES.has(label)) continue;
      const name = `hostile_${i++}`;
      // PostgreSQL names hold 63 bytes: the file-writing payload does not fit, exiting does.
      await pg.createDatabase(name, ddl(h.replace(WRITE, RUN).replaceAll(RUN, PG_RUN), 'postgresql'));
      await checkProject(base, label, pg.url(name), {}, files);
    }
    compileAll(base, files);
    rmSync(PWNED, { force: true });
  });
});
