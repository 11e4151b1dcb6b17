import { build } from 'esbuild';

// Bundles the extension (CommonJS, as VS Code loads it) and the CLI. Database drivers stay
// external: better-sqlite3 ships native binaries, and MikroORM loads dialects dynamically.

// jiti (loads seedbed.config.ts) stays external too: it loads its Babel bundle lazily.
const external = ['vscode', '@mikro-orm/*', 'better-sqlite3', 'kysely', 'pg', 'pg-copy-streams', 'jiti'];

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

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  outfile: 'dist/cli.mjs',
  external: [...external, 'commander', '@faker-js/faker'],
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
// The engine's worker thread inside VS Code (see src/views/engineWorker.ts): ESM, like the CLI.
await build({
  entryPoints: ['src/views/engineWorker.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  outfile: 'dist/engine-worker.mjs',
  external: [...external, '@faker-js/faker'],
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
// The row generator's worker thread (src/seeders/write/worker.ts), found next to the bundles.
await build({
  entryPoints: ['src/seeders/write/worker.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  outfile: 'dist/worker.mjs',
  external: [...external, '@faker-js/faker'],
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
// What `import { defineConfig } from 'seedbed'` runs in a user's seedbed.config.ts: the config
// loader aliases 'seedbed' to it next to the bundles, and package.json "exports" points at it.
await build({
  entryPoints: ['src/seeders/config/types.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/config.mjs',
  logLevel: 'warning',
});
// `import { SeedbedSeeder } from 'seedbed/mikro-orm'`: Seedbed's seeding as a MikroORM seeder class.
await build({
  entryPoints: ['src/seeders/config/mikro-orm-seeder.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  outfile: 'dist/mikro-orm-seeder.mjs',
  external: [...external, '@faker-js/faker'],
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
console.log('built dist/extension.cjs, dist/cli.mjs, dist/engine-worker.mjs, dist/worker.mjs, dist/config.mjs and dist/mikro-orm-seeder.mjs');
