import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { buildTypes } from './build-types.ts';

// Bundles the extension (CommonJS, as VS Code loads it), the CLI and the worker threads (ESM).
// Database drivers stay external: better-sqlite3 ships native binaries, and MikroORM loads
// dialects dynamically. jiti (loads seedbed.config.ts) stays external: it loads Babel lazily.

const external = ['vscode', '@mikro-orm/*', 'better-sqlite3', 'kysely', 'pg', 'pg-copy-streams', 'jiti'];
// ESM bundles still meet CommonJS packages' require() calls.
const requireShim = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

// The rules' name patterns compiled once here rather than at every start of a bundle (≈13 ms of
// a fresh process's first plan): one file beside the bundles of each folder
// (generate/precompiled-patterns.ts reads it; a file made from other rules is ignored).
const { RULES } = await import('../src/seeders/generate/rules.ts');
const { compilePattern } = await import('../src/seeders/generate/name-patterns.ts');
const { encodePatterns, PATTERNS_FILE } = await import('../src/seeders/generate/precompiled-patterns.ts');
const rulePatterns = encodePatterns(RULES, RULES.map((r) => [compilePattern(r.column), r.table && compilePattern(r.table)]));
// The bundles know which patterns file they were built with (precompiled-patterns.ts): no
// fingerprint of ~470 patterns to compute at each start (≈2 ms of a cold plan).
const patternsDefine = { SEEDBED_PATTERNS_FINGERPRINT: JSON.stringify((JSON.parse(rulePatterns) as { fingerprint: string }).fingerprint) };

/** One bundle in dist/, next to the others. ESM: a `require` for the CommonJS packages it meets.
 *  CommonJS: what compile-cache.ts loadBundle runs as a script with its V8 code cache (an ES
 *  module cannot have one made after a run); import.meta.url is the file's URL, which loadBundle
 *  hands over, and which a plain CommonJS load takes from __filename. */
function nodeBundle(format: 'esm' | 'cjs', entry: string, outfile: string, extraExternal: string[]) {
  return build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format,
    target: 'node22',
    outfile,
    external: [...external, ...extraExternal],
    sourcemap: true,
    logLevel: 'warning',
    banner: { js: format === 'esm' ? requireShim : "'use strict'; var __seedbedUrl = typeof __seedbedUrl === 'string' ? __seedbedUrl : require('node:url').pathToFileURL(__filename).href;" },
    define: format === 'esm' ? patternsDefine : { ...patternsDefine, 'import.meta.url': '__seedbedUrl' },
  });
}
const esm = (entry: string, outfile: string, extraExternal = ['@faker-js/faker']) => nodeBundle('esm', entry, outfile, extraExternal);
const cjs = (entry: string, outfile: string, extraExternal = ['@faker-js/faker']) => nodeBundle('cjs', entry, outfile, extraExternal);

await build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: 'dist/extension.cjs',
  external,
  sourcemap: true,
  logLevel: 'warning',
});
// The CLI, as bin/seedbed.mjs runs it (loadBundle), and the engine the benchmark runs the same way.
await cjs('src/cli/main.ts', 'dist/cli.cjs', ['commander', '@faker-js/faker']);
await cjs('src/seeders/index.ts', 'dist/engine.cjs');
// The foreign-key graph webview's script, elkjs included: it runs in the webview (a browser),
// so the layout never runs on the extension host's thread.
// elkjs in its own script, which the page loads only when it lays out itself.
for (const [entry, outfile] of [['src/views/graph/webview.ts', 'dist/graph-webview.js'], ['src/views/graph/elk.ts', 'dist/graph-elk.js']]) {
  await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'iife', target: 'chrome114', minify: true, outfile, logLevel: 'warning' });
}
// The engine's worker thread inside VS Code (src/views/engineWorker.ts), with the engine's own
// threads beside it, in dist/vsix/: everything bundled (the .vsix ships no JavaScript from
// node_modules), split into chunks so the engine's lazy import()s (MikroORM's drivers, faker
// with every locale) stay lazy and start-up loads only what it needs. The threads find each
// other next to the chunk that starts them (new URL('./worker.mjs', import.meta.url)), so the
// chunks live in the same folder. Left outside: better-sqlite3 (a native binary, loaded from
// the .vsix's node_modules), jiti (loads a project's TypeScript config with Babel, lazily) and
// pg's optional native and Cloudflare sockets.
/** faker's locale names, as config/validate.ts reads them from an installed faker. */
function fakerLocales(): string[] {
  const dir = join(dirname(createRequire(import.meta.url).resolve('@faker-js/faker/package.json')), 'dist', 'locale');
  return readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).filter((n) => n !== 'base');
}
rmSync('dist/vsix', { recursive: true, force: true }); // chunk names change with their content
await build({
  entryPoints: {
    'engine-worker': 'src/views/engineWorkerEntry.ts',
    worker: 'src/seeders/write/worker.ts',
    'sqlite-writer': 'src/seeders/drivers/sqlite-writer.ts',
    // What a project's config imports as 'seedbed' and 'seedbed/mikro-orm' (aliased by jiti to
    // the files next to the engine): bundled too, as the .vsix has no @mikro-orm/seeder of its own.
    config: 'src/seeders/config/types.ts',
    'mikro-orm-seeder': 'src/seeders/config/mikro-orm-seeder.ts',
  },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  outdir: 'dist/vsix',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunk-[hash]',
  external: ['vscode', 'better-sqlite3', 'jiti', 'pg-native', 'cloudflare:sockets'],
  // faker is inside: a config's `locale` is checked against the list it was built with.
  define: { SEEDBED_FAKER_LOCALES: JSON.stringify(fakerLocales()), ...patternsDefine },
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: requireShim },
});
writeFileSync(join('dist', 'vsix', PATTERNS_FILE), rulePatterns);
// The background layout of a large schema's graph (src/views/graph/layoutWorker.ts), elkjs inside.
await esm('src/views/graph/layoutWorker.ts', 'dist/graph-layout.mjs');
// The row generator's worker thread (src/seeders/write/worker.ts) and the SQLite writing thread
// (src/seeders/drivers/sqlite-writer.ts), found next to the bundles.
await esm('src/seeders/write/worker.ts', 'dist/worker.mjs');
await esm('src/seeders/drivers/sqlite-writer.ts', 'dist/sqlite-writer.mjs');
// `import { openDatabase, seed } from 'seedbed/engine'`: the engine API the CLI and the
// extension use, for scripts and the benchmark (it runs the bundles users run).
await esm('src/seeders/index.ts', 'dist/engine.mjs');
writeFileSync(join('dist', PATTERNS_FILE), rulePatterns);
// The CLI's entry (bin/seedbed.mjs) switches Node's compile cache on with it and runs cli.cjs.
await esm('src/seeders/compile-cache.ts', 'dist/compile-cache.mjs');
// `import { SeedbedSeeder } from 'seedbed/mikro-orm'`: Seedbed's seeding as a MikroORM seeder class.
await esm('src/seeders/config/mikro-orm-seeder.ts', 'dist/mikro-orm-seeder.mjs');
// What `import { defineConfig } from 'seedbed'` runs in a user's seedbed.config.ts: the config
// loader aliases 'seedbed' to it, and package.json "exports" points at it. No dependencies.
await build({
  entryPoints: ['src/seeders/config/types.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/config.mjs',
  logLevel: 'warning',
});
console.log('built dist/: extension.cjs, cli.cjs, engine.cjs, graph-webview.js, graph-elk.js, graph-layout.mjs, engine.mjs, vsix/engine-worker.mjs (+ chunks), worker.mjs, sqlite-writer.mjs, mikro-orm-seeder.mjs, config.mjs');
// `--types`: also the declarations the npm package ships (build-types.ts); `prepare` asks for them
// (npm pack, installs from git), the test and editor builds need only the bundles.
if (process.argv.includes('--types')) {
  const { files, ms } = buildTypes();
  console.log(`built dist/types: ${files} declaration files in ${(ms / 1000).toFixed(1)} s`);
}
