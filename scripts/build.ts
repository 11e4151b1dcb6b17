import { build } from 'esbuild';

// Bundles the extension (CommonJS, as VS Code loads it) and the CLI. Database drivers stay
// external: better-sqlite3 ships native binaries, and MikroORM loads dialects dynamically.

const external = ['vscode', '@mikro-orm/*', 'better-sqlite3', 'kysely', 'pg', 'pg-copy-streams'];

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
console.log('built dist/extension.cjs and dist/cli.mjs');
