import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { starterConfig } from '../src/seeders/config/init.ts';
import { openDatabase } from '../src/seeders/index.ts';
import { cleanup, cliEntry, counts, createDb, ROOT, tempDir } from './support/sqlite.ts';

// `seedbed init` writes a starter seedbed.config.ts and seedbed.schema.d.ts from the live schema.
// The declaration file makes a misspelt table or column a compile error (checked with the real
// `tsc --noEmit`), the same typo run directly is a clear error with file:line, and the starter
// config — with its commented examples switched on too — both compiles and seeds.

const dir = tempDir('seedbed-init-');
after(() => cleanup(dir));

const MAIN = cliEntry();
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const SCHOOL = readFileSync(join(ROOT, 'examples', 'school', 'schema.sql'), 'utf8');
const CHAT = readFileSync(join(ROOT, 'examples', 'chat', 'schema.sql'), 'utf8');
const BOOKING = readFileSync(join(ROOT, 'examples', 'booking', 'schema.sql'), 'utf8');

function run(cwd: string, args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1', SEEDBED_DATABASE_URL: '' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A user's project: package.json, the database, and seedbed installed (a link to this checkout). */
function project(name: string, ddl: string): string {
  const d = join(dir, name);
  mkdirSync(join(d, 'node_modules'), { recursive: true });
  writeFileSync(join(d, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  symlinkSync(ROOT, join(d, 'node_modules', 'seedbed'), 'dir');
  createDb(join(d, 'dev.db'), ddl);
  return d;
}

/** `tsc --noEmit` over one file of the project, strict, as a Node ESM project would compile it. */
function tsc(cwd: string, file: string) {
  const r = spawnSync(process.execPath, [TSC, '--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022', '--skipLibCheck', file], { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

describe('seedbed init', () => {
  const d = project('school', SCHOOL);
  const init = run(d, ['init', '--db', 'sqlite:dev.db']);

  test('writes seedbed.config.ts and seedbed.schema.d.ts from the live schema', () => {
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /Wrote .*seedbed\.config\.ts and .*seedbed\.schema\.d\.ts \(126 tables\)/);
    const config = readFileSync(join(d, 'seedbed.config.ts'), 'utf8');
    assert.match(config, /^import \{ defineConfig \} from 'seedbed';$/m);
    assert.match(config, /^import type \{ Schema \} from '\.\/seedbed\.schema\.d\.ts';$/m);
    assert.match(config, /^export default defineConfig<Schema>\(\{$/m);
    assert.match(config, /^ {2}database: 'sqlite:dev\.db',$/m, 'the database, relative to the config');
    for (const s of ['light', 'medium', 'heavy']) assert.match(config, new RegExp(`^ {4}${s}: \\{ description: '[^']+', rows: \\d+ \\},$`, 'm'));
    // Every feature has a commented example naming real tables and columns of this schema.
    for (const feature of [/\/\/ {3}perParent: \{ \w+: \[1, 3\] \}/, /\/\/ {3}rows: 20,/, /\/\/ {5}\w+: \(\{ faker, index \}\) => /, /\/\/ {5}\w+: \{ values: /, /\/\/ {5}\w+: \{ nullRate: 0\.3 \}/, /lookup\.pick\('\w+'/, /\/\/ exclude: \['\w+'\]/, /\/\/ hooks: \{/]) {
      assert.match(config, feature);
    }
    const types = readFileSync(join(d, 'seedbed.schema.d.ts'), 'utf8');
    assert.match(types, /^export type Schema = \{$/m);
    assert.match(types, /^ {2}students: \{$/m);
    assert.doesNotMatch(types, /__diesel_schema_migrations/, 'bookkeeping tables are not seeded, so not typed');
  });

  test('refuses to overwrite without --force; --types-only --force rewrites only the types', () => {
    const again = run(d, ['init', '--db', 'sqlite:dev.db']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /Refusing to overwrite .*seedbed\.config\.ts and .*seedbed\.schema\.d\.ts/);
    assert.match(again.stderr, /Fix: Pass --force to overwrite .* or --types-only/);
    const path = join(d, 'seedbed.config.ts');
    writeFileSync(path, readFileSync(path, 'utf8').replace('seed: 1,', 'seed: 2,'));
    assert.match(run(d, ['init', '--types-only']).stderr, /Refusing to overwrite .*seedbed\.schema\.d\.ts/);
    const types = run(d, ['init', '--types-only', '--force']);
    assert.equal(types.code, 0, types.stderr);
    assert.match(types.stdout, /Wrote .*seedbed\.schema\.d\.ts \(126 tables\)\.$/m, 'the database comes from the config');
    assert.match(readFileSync(path, 'utf8'), /seed: 2,/, 'the config is kept');
  });

  test('the starter config compiles; a misspelt table or column does not', () => {
    const clean = tsc(d, 'seedbed.config.ts');
    assert.equal(clean.code, 0, clean.out);

    const config = readFileSync(join(d, 'seedbed.config.ts'), 'utf8');
    writeFileSync(join(d, 'typo-table.ts'), config.replace('  tables: {\n', '  tables: {\n    studnets: { rows: 3 },\n'));
    const table = tsc(d, 'typo-table.ts');
    assert.notEqual(table.code, 0);
    assert.match(table.out, /typo-table\.ts\(\d+,\d+\): error TS2561: .*'studnets' does not exist .* Did you mean to write 'students'\?/);

    writeFileSync(join(d, 'typo-column.ts'), config.replace('  tables: {\n', '  tables: {\n    students: { columns: { admision_number: ({ index }) => `A${index}` } },\n'));
    const column = tsc(d, 'typo-column.ts');
    assert.notEqual(column.code, 0);
    assert.match(column.out, /typo-column\.ts\(\d+,\d+\): error TS2561: .*'admision_number' does not exist .* Did you mean to write 'admission_number'\?/);
  });

  test('the same typo run directly: file, line and the closest name', () => {
    const config = readFileSync(join(d, 'seedbed.config.ts'), 'utf8').replace('  tables: {\n', '  tables: {\n    studnets: { rows: 3 },\n');
    writeFileSync(join(d, 'seedbed.config.ts'), config);
    const r = run(d, ['seed', '--scenario', 'light']);
    assert.equal(r.code, 1);
    const line = config.split('\n').findIndex((l) => l.includes('studnets')) + 1;
    assert.equal(r.stderr, `seedbed: seedbed.config.ts:${line}: tables.studnets: unknown table "studnets".\nFix: Did you mean "students"?\n`);
  });
});

describe('the starter config runs', () => {
  test('as written (examples commented out): seed --scenario light', () => {
    const d = project('chat', CHAT);
    assert.equal(run(d, ['init', '--db', 'sqlite:dev.db']).code, 0);
    const r = run(d, ['seed', '--scenario', 'light']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\(scenario light\)/);
    assert.deepEqual(Object.values(counts(join(d, 'dev.db'))), [5, 5, 5, 5, 5, 5]);
  });

  for (const [name, ddl] of [['chat', CHAT], ['booking', BOOKING], ['school', SCHOOL]] as const) {
    test(`with every commented example switched on (${name}): compiles and seeds`, async () => {
      const d = project(`live-${name}`, ddl);
      const db = await openDatabase(`sqlite:${join(d, 'dev.db')}`);
      const schema = await db.readSchema();
      await db.close();
      assert.equal(run(d, ['init', '--db', 'sqlite:dev.db', '--types-only']).code, 0);
      const text = starterConfig(schema, { database: `sqlite:${join(d, 'dev.db')}`, dir: d, liveExamples: true });
      assert.doesNotMatch(text, /^\s*\/\/ {1,3}(exclude|hooks|\w+: \{)/m, 'no example left commented out');
      writeFileSync(join(d, 'seedbed.config.ts'), text);
      const compiled = tsc(d, 'seedbed.config.ts');
      assert.equal(compiled.code, 0, compiled.out);
      const r = run(d, ['seed', '--scenario', 'light']);
      assert.equal(r.code, 0, r.stderr);
    });
  }
});

test('weighted values of a CHECK IN column are typed: a wrong value does not compile', () => {
  const d = project('booking', BOOKING);
  assert.equal(run(d, ['init', '--db', 'sqlite:dev.db', '--types-only']).code, 0);
  assert.match(readFileSync(join(d, 'seedbed.schema.d.ts'), 'utf8'), /role: "ADMIN" \| "INSTRUCTOR" \| "STUDENT";/);
  const body = (values: string) => `import { defineConfig } from 'seedbed';\nimport type { Schema } from './seedbed.schema.d.ts';\nexport default defineConfig<Schema>({ tables: { users: { columns: { role: { values: ${values} } } } } });\n`;
  writeFileSync(join(d, 'good.ts'), body(`{ ADMIN: 1, STUDENT: 9 }`));
  assert.equal(tsc(d, 'good.ts').code, 0);
  writeFileSync(join(d, 'bad.ts'), body(`{ ADMIN: 1, STUDNET: 9 }`));
  const bad = tsc(d, 'bad.ts');
  assert.notEqual(bad.code, 0);
  assert.match(bad.out, /bad\.ts\(\d+,\d+\): error TS\d+: .*'STUDNET'/);
});
