import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './vscode-setup.ts';

// `npm run package`: builds dist/ and packs the extension into seedbed-<version>.vsix with
// @vscode/vsce (production dependencies included, filtered by .vscodeignore). Prints the size.

/** `output`: what vsce printed (stdout and stderr), where its WARNING lines would be. */
export function packageVsix(out?: string, options: { build?: boolean } = {}): { file: string; bytes: number; ms: number; output: string } {
  const t0 = performance.now();
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const file = out ?? join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
  if (options.build !== false) {
    const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.ts')], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  }
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-update-package-json',
    // The README's relative images (screenshots, chart) ship inside the .vsix; keep the links relative.
    '--no-rewrite-relative-links', '--out', file], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` },
  });
  if (r.status !== 0) throw new Error(`vsce package failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { file, bytes: statSync(file).size, ms: Math.round(performance.now() - t0), output: `${r.stdout}${r.stderr}` };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { file, bytes, ms, output } = packageVsix(process.argv[2]);
  process.stdout.write(output);
  console.log(`packaged ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB) in ${(ms / 1000).toFixed(1)} s`);
}
