#!/usr/bin/env node
// Installed entry point: the bundled CLI (dist/, built by `npm run build`, and by `prepare` on
// `npm pack` and on an install from git). Written to run on any Node that loads an .mjs file
// (no top-level await, no newer syntax), so that an older Node gets one clear line instead of
// the SyntaxError or missing API the engine would meet. MikroORM v7 needs Node >= 22.17.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

var need = [22, 17];
var have = process.versions.node.split('.').map(Number);
if (have[0] < need[0] || (have[0] === need[0] && have[1] < need[1])) {
  process.stderr.write('seedbed needs Node.js ' + need.join('.') + ' or newer; this is Node.js ' + process.versions.node +
    ' (' + process.execPath + '). Install a current Node.js (https://nodejs.org, or `nvm install 24`) and run seedbed again.\n');
  process.exit(1);
}
var cli = new URL('../dist/cli.cjs', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('seedbed: its build (dist/cli.cjs) is missing. In a checkout of Seedbed, run `npm run build` first.\n');
  process.exit(1);
}
// Node's compile cache (in the user's own cache directory: dist/compile-cache.mjs) first, so the
// packages load compiled from the second run on; then the CLI's bundle as a script with a code
// cache of its own, made after a run (loadBundle), or else as a plain CommonJS module.
var cache = new URL('../dist/compile-cache.mjs', import.meta.url);
(existsSync(cache) ? import(cache.href) : Promise.resolve({})).then(function (m) {
  if (m.enableCompileCache) m.enableCompileCache();
  if (m.loadBundle) return m.loadBundle(fileURLToPath(cli));
  return createRequire(import.meta.url)(fileURLToPath(cli));
});
