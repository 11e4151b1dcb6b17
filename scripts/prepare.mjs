// `prepare`, which npm runs on `npm pack` / `npm publish`, on an install from git (in its clone,
// before packing it), and on a bare `npm install` / `npm ci` in this checkout. The first two need
// what the package ships: dist/ and its declarations (build.ts --types). The checkout's own
// install does not (`npm start` runs src/, `npm test` builds), so it skips the ~10 s build and a
// fresh `npm install && npm start` stays as fast as before. Plain JavaScript: with
// `--omit=dev` there is no Node 24 (the "node" devDependency) to run TypeScript.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const same = (a, b) => { try { return realpathSync(a) === realpathSync(b); } catch { return false; } };
// npm names the packed directory (npm_package_resolved) when it prepares a package to pack it
// (pack, publish, the second step of a git install); a git install also runs from the user's
// project (INIT_CWD), not from this folder.
const ownInstall = (env.npm_command === 'install' || env.npm_command === 'ci') && !env.npm_package_resolved
  && env.INIT_CWD !== undefined && same(env.INIT_CWD, root);
if (ownInstall) {
  console.log('seedbed: prepare skips the build on a checkout\'s own install (npm run build builds dist/)');
} else {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.ts'), '--types'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
