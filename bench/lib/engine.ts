import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// The engine the benchmark measures: the bundle that users run (`seedbed` and the extension run
// bundles: no TypeScript to strip in each thread), dist/engine.mjs, which buildEngine makes
// afresh from src/; or SEEDBED_ENGINE, another copy's src/seeders/index.ts (before/after runs).

const ROOT = join(import.meta.dirname, '..', '..');
export const ENGINE = process.env.SEEDBED_ENGINE ?? join(ROOT, 'dist', 'engine.mjs');

export function buildEngine(): void {
  if (process.env.SEEDBED_ENGINE) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.ts')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed: ${(r.stderr || r.stdout).trim()}`);
}
