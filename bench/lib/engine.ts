import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

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

/** The engine as `seedbed` loads it: Node's compile cache switched on first (bin/seedbed.mjs does
 *  the same with the compile-cache module beside the bundle), then the bundle as a script with
 *  its own code cache made after a run (loadBundle: engine.cjs beside engine.mjs), so its
 *  functions come compiled from the second run on; the bench's first run of an engine fills the
 *  caches. SEEDBED_BENCH_COLD=1 leaves both off (as a first run ever loads the engine); an
 *  engine without engine.cjs (an older build) loads as a module, with Node's cache only. */
export async function loadEngine(): Promise<typeof import('../../src/seeders/index.ts')> {
  if (process.env.SEEDBED_BENCH_COLD) return import(pathToFileURL(ENGINE).href);
  for (const name of ['compile-cache.mjs', 'compile-cache.ts']) {
    const file = join(dirname(ENGINE), name);
    if (!existsSync(file)) continue;
    const m = (await import(pathToFileURL(file).href)) as { enableCompileCache?: () => void; loadBundle?: (file: string) => unknown };
    m.enableCompileCache?.();
    const script = ENGINE.replace(/\.mjs$/, '.cjs');
    if (m.loadBundle && script !== ENGINE && existsSync(script)) return m.loadBundle(script) as typeof import('../../src/seeders/index.ts');
    break;
  }
  return import(pathToFileURL(ENGINE).href);
}
