import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildTypes } from '../scripts/build-types.ts';
import { cleanup, createDb, ROOT, tempDir, withDb } from './support/sqlite.ts';

// Seedbed as a user's project gets it: `npm pack` of this checkout, `npm install -D` of the
// tarball into an empty project, then `npx seedbed …`, `import … from 'seedbed/engine'` in the
// project's own script, and the project's own tsc over a config written by `seedbed init`.
// npm installs from its cache where it can (--prefer-offline): every dependency is one this
// checkout installed already.

const dir = tempDir('seedbed-package-');
after(() => cleanup(dir));
const app = join(dir, 'app');

// Node 24 (this test's) first on PATH, for npm, npx and the `seedbed` command alike. The
// outer npm's own settings (npm test sets npm_config_*, npm_package_*) stay out of the inner one.
const BIN = [dirname(process.execPath), join(ROOT, 'node_modules', '.bin')];
const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) =>
  !/^npm_(package|lifecycle)_/i.test(k) && !/^npm_config_(?!cache$|registry$|userconfig$)/i.test(k) && k !== 'INIT_CWD'));
Object.assign(env, { PATH: [...BIN, process.env.PATH ?? ''].join(delimiter), CI: '1', SEEDBED_DATABASE_URL: '', NO_COLOR: '1' });

function sh(cmd: string, args: string[], options: SpawnSyncOptions = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: app, encoding: 'utf8', env, timeout: 120_000, ...options });
  return { code: r.status ?? -1, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), ms: Math.round(performance.now() - t0), error: r.error };
}
function ok(cmd: string, args: string[], options: SpawnSyncOptions = {}) {
  const r = sh(cmd, args, options);
  assert.equal(r.code, 0, `${cmd} ${args.join(' ')} failed (${r.code}${r.error ? `, ${r.error.message}` : ''}):\n${r.stdout}\n${r.stderr}`);
  return r;
}
const seedbed = (...args: string[]) => ok('npx', ['seedbed', ...args]);
const rowsOf = (file: string, table: string) => withDb(file, (db) => db.prepare(`SELECT * FROM "${table}" ORDER BY rowid`).all());

const SCHEMA = `
  CREATE TABLE authors (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('writer', 'editor'))
  );
  CREATE TABLE posts (
    id INTEGER PRIMARY KEY,
    author_id INTEGER NOT NULL REFERENCES authors(id),
    title TEXT NOT NULL,
    published_at TEXT
  );`;
const TABLES = ['authors', 'posts'];

interface Packed { filename: string; size: number; unpackedSize: number; files: { path: string; size: number }[] }
let packed: Packed;
const timings: Record<string, number> = {};

before(() => {
  // `npm test` has just built dist/ and its declarations (build.ts --types); run alone on a
  // changed tree, this builds them (the declarations ≈30 s of CPU, so only when one is missing
  // or older than the sources), then packs them as they are (`prepare` would rebuild dist/
  // while other test files run from it).
  const cli = join(ROOT, 'dist', 'cli.cjs');
  const sources = Math.max(newest(join(ROOT, 'src')), statSync(join(ROOT, 'tsconfig.json')).mtimeMs);
  if (!existsSync(cli) || statSync(cli).mtimeMs < sources) ok(process.execPath, [join(ROOT, 'scripts', 'build.ts')], { cwd: ROOT });
  const declarations = ['config/types.d.ts', 'index.d.ts', 'config/mikro-orm-seeder.d.ts'].map((f) => join(ROOT, 'dist', 'types', 'seeders', f));
  timings.types = declarations.every((f) => existsSync(f) && statSync(f).mtimeMs >= sources) ? 0 : buildTypes().ms;
  const pack = ok('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT });
  timings.pack = pack.ms;
  packed = (JSON.parse(pack.stdout) as Packed[])[0]!;
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'my-app', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  // The project's own typescript and @types/node (a MikroORM project has them), as this checkout's.
  const version = (name: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  const install = ok('npm', ['install', '--save-dev', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed.filename),
    `typescript@${version('typescript')}`, `@types/node@${version('@types/node')}`]);
  timings.install = install.ms;
  createDb(join(app, 'app.db'), SCHEMA);
});

function newest(path: string): number {
  const s = statSync(path);
  return s.isDirectory() ? Math.max(s.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n)))) : s.mtimeMs;
}

describe('the packed package, installed into a project', () => {
  test('ships the CLI, the bundles and their declarations, and nothing else', (t) => {
    const paths = packed.files.map((f) => f.path).sort();
    const shipped = /^(package\.json|README\.md|LICENSE|bin\/seedbed\.mjs|examples\/school\/schema\.sql|dist\/(cli\.cjs|(engine|config|worker|sqlite-writer|mikro-orm-seeder|compile-cache)\.mjs)|dist\/rule-patterns\.json|dist\/types\/seeders\/.+\.d\.ts)$/;
    assert.deepEqual(paths.filter((p) => !shipped.test(p)), [], 'files the package should not ship');
    for (const p of ['bin/seedbed.mjs', 'dist/rule-patterns.json', 'dist/cli.cjs', 'dist/engine.mjs', 'dist/config.mjs', 'dist/worker.mjs', 'dist/sqlite-writer.mjs', 'dist/compile-cache.mjs',
      'dist/mikro-orm-seeder.mjs', 'dist/types/seeders/config/types.d.ts', 'dist/types/seeders/index.d.ts', 'dist/types/seeders/config/mikro-orm-seeder.d.ts']) {
      assert.ok(paths.includes(p), `${p} is missing from the package`);
    }
    // Every "exports" target and the bin ship.
    const pkg = JSON.parse(readFileSync(join(app, 'node_modules', 'seedbed', 'package.json'), 'utf8')) as {
      exports: Record<string, string | Record<string, string>>; bin: Record<string, string>; engines: Record<string, string>;
    };
    const targets = [...Object.values(pkg.exports).flatMap((e) => (typeof e === 'string' ? [e] : Object.values(e))), ...Object.values(pkg.bin)];
    for (const target of targets) assert.ok(existsSync(join(app, 'node_modules', 'seedbed', target)), `${target} (package.json) is not in the package`);
    assert.equal(pkg.engines.node, '>=22.17');
    assert.ok(packed.size < 1.7e6, `packed ${packed.size} bytes`);
    // Four bundles hold the engine (the CLI, seedbed/engine, seedbed/mikro-orm, the generating
    // thread: ≈0.9–1.4 MB each, 1.55 MB packed and 5.54 MB unpacked in all on 2026-12-07); a source map,
    // node_modules or a stray folder would go far past this.
    assert.ok(packed.unpackedSize < 6.5e6, `unpacked ${packed.unpackedSize} bytes`);
    t.diagnostic(`package: ${packed.files.length} files, ${(packed.size / 1e3).toFixed(0)} kB packed, ${(packed.unpackedSize / 1e3).toFixed(0)} kB unpacked; ` +
      `declarations ${timings.types} ms, npm pack ${timings.pack} ms, npm install ${timings.install} ms`);
  });

  test('npx seedbed: help, seed and validate an SQLite file; the same seed gives the data of a checkout', () => {
    assert.match(seedbed('--help').stdout, /^Usage: seedbed \[options\] \[command\]/);
    const run = seedbed('seed', '--db', 'sqlite:app.db', '--yes', '--seed', '3');
    assert.match(run.stdout, /^Run \d+: 100 rows in 2 tables/);
    assert.match(seedbed('validate', '--db', 'sqlite:app.db').stdout, /valid: no problems found/);
    withDb(join(app, 'app.db'), (db) => {
      assert.deepEqual(db.prepare('PRAGMA foreign_key_check').all(), []);
      for (const t of TABLES) assert.equal((db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n, 50, t);
    });
    // The checkout's CLI (src/, run directly) writes the same rows for the same seed.
    const reference = join(dir, 'reference.db');
    createDb(reference, SCHEMA);
    ok(process.execPath, [join(ROOT, 'src', 'cli', 'main.ts'), 'seed', '--db', `sqlite:${reference}`, '--yes', '--seed', '3'], { cwd: dir });
    for (const t of TABLES) assert.deepEqual(rowsOf(join(app, 'app.db'), t), rowsOf(reference, t), t);
    // The demo: the school schema it ships, its database inside the package, not the project.
    const demo = seedbed('demo', '--rows', '3');
    const file = join(app, 'node_modules', 'seedbed', 'demo', 'school.db');
    assert.match(demo.stdout, /^validation: no problems$/m);
    assert.ok(demo.stdout.endsWith(`Try: npx seedbed status --db sqlite:${file}\n`), demo.stdout);
  });

  const tsc = (...args: string[]) => sh(join(app, 'node_modules', '.bin', 'tsc'), args);
  const tsconfig = (name: string, options: object, files?: string[]) => writeFileSync(join(app, name),
    `${JSON.stringify({ compilerOptions: { module: 'nodenext', strict: true, noEmit: true, ...options }, files }, null, 2)}\n`);

  test('seedbed init and the project\'s own tsc: the config and a script using seedbed/engine type-check, a misspelt table name does not', (t) => {
    seedbed('init', '--db', 'sqlite:app.db');
    writeFileSync(join(app, 'seed-script.ts'), `import { openDatabase, seed, validate, SeedbedError, type RunResult } from 'seedbed/engine';

const db = await openDatabase('sqlite:script.db');
try {
  const { result }: { result: RunResult } = await seed(db, { seed: 5, rows: 4 });
  const report = await validate(db);
  console.log(JSON.stringify({ rows: result.perTable, ok: report.ok }));
} catch (e) {
  console.log(e instanceof SeedbedError ? e.message : String(e));
} finally {
  await db.close();
}
`);
    // A plain tsconfig: strict, no skipLibCheck (our declarations and all they reach are
    // checked too), without Node's types.
    tsconfig('tsconfig.plain.json', { types: [] });
    let r = tsc('-p', 'tsconfig.plain.json');
    assert.deepEqual([r.code, r.stdout], [0, '']);
    t.diagnostic(`tsc over the config and the script: ${r.ms} ms`);
    // A MikroORM project's seeder class (MikroORM's declarations need Node's types), and a config
    // with a misspelt table name: that one line is the only error.
    writeFileSync(join(app, 'SeedbedSeeder.ts'), `import { SeedbedSeeder as Base } from 'seedbed/mikro-orm';\n\n` +
      `export class SeedbedSeeder extends Base {\n  protected override options = { rows: 20, scenario: 'light' };\n}\n`);
    writeFileSync(join(app, 'typo.ts'), `import { defineConfig } from 'seedbed';\nimport type { Schema } from './seedbed.schema.d.ts';\n` +
      `export default defineConfig<Schema>({ tables: { athors: { rows: 5 } } });\n`);
    tsconfig('tsconfig.node.json', { types: ['node'], noImplicitOverride: true }, ['SeedbedSeeder.ts', 'typo.ts']);
    r = tsc('-p', 'tsconfig.node.json');
    assert.equal(r.code, 2, r.stdout);
    const errors = r.stdout.split('\n').filter((l) => /error TS/.test(l));
    assert.equal(errors.length, 1, r.stdout);
    assert.match(errors[0]!, /^typo\.ts\(3,49\): error TS2561: .*'athors' does not exist .*Did you mean to write 'authors'\?$/);
    // What \`tsc --init\` writes (skipLibCheck, exactOptionalPropertyTypes, noUncheckedIndexedAccess…), over all of it.
    writeFileSync(join(app, 'typo.ts'), 'export {};\n');
    assert.equal(tsc('--init').code, 0);
    r = tsc('-p', 'tsconfig.json', '--noEmit');
    assert.deepEqual([r.code, r.stdout], [0, '']);
  });

  test('the config, seedbed/engine and seedbed/mikro-orm at run time', () => {
    // The config is read through the same 'seedbed' import: its light scenario (5 rows a table).
    seedbed('seed', '--scenario', 'light', '--clear-first', '--yes');
    withDb(join(app, 'app.db'), (db) => {
      for (const t of TABLES) assert.equal((db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n, 5, t);
    });
    createDb(join(app, 'script.db'), SCHEMA);
    let r = ok(process.execPath, ['seed-script.ts']);
    assert.deepEqual(JSON.parse(r.stdout), { rows: { authors: 4, posts: 4 }, ok: true });
    r = ok(process.execPath, ['--input-type=module', '-e', "const m = await import('seedbed/mikro-orm'); console.log(typeof m.SeedbedSeeder.prototype.run);"]);
    assert.equal(r.stdout, 'function\n');
  });

  test('an older Node gets one line saying which Node seedbed needs, not a stack trace', (t) => {
    const bin = join(app, 'node_modules', 'seedbed', 'bin', 'seedbed.mjs');
    const message = (version: string, exec: string) => `seedbed needs Node.js 22.17 or newer; this is Node.js ${version} (${exec}). ` +
      'Install a current Node.js (https://nodejs.org, or `nvm install 24`) and run seedbed again.\n';
    // Node 22.16 (the version reported as such): refused before anything else loads.
    const fake = `data:text/javascript,Object.defineProperty(process.versions, 'node', { value: '22.16.0' })`;
    let r = sh(process.execPath, ['--import', fake, bin, 'seed', '--db', 'sqlite:app.db', '--yes']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, message('22.16.0', process.execPath));
    // A real older Node when this machine has one on its PATH besides ours.
    const old = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'node')).find((n) => !BIN.some((b) => n.startsWith(b)) && existsSync(n));
    const version = old ? sh(old, ['-p', 'process.versions.node']).stdout.trim() : '';
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (old && (major < 22 || (major === 22 && minor < 17))) {
      r = sh(old, [bin, '--help']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`^${message(version, '@').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('@', '[^)]+')}$`));
      t.diagnostic(`also checked with ${old} (Node ${version})`);
    } else {
      t.diagnostic(`no Node older than 22.17 on this PATH (${old ?? 'none'} ${version}): checked with a reported version only`);
    }
  });
});
