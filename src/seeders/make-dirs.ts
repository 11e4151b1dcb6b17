import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// `mkdir -p` that always returns: Node's own recursive mkdir never does where a parent cannot
// hold folders (`--out /proc/x` spun forever), so folders a user names (an export's --out,
// init's --dir, caches) are made here, one level at a time.

/** Makes `path` and its missing parents (`mode` for the ones made); throws the first level's
 *  error (ENOENT, EACCES, ENOTDIR, …) as Node reports it. */
export function makeDirs(path: string, mode?: number): void {
  const missing: string[] = [];
  for (let d = resolve(path); ; d = dirname(d)) {
    let exists = false;
    try {
      exists = statSync(d).isDirectory();
      if (!exists) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${d}'`), { code: 'ENOTDIR', path: d });
    } catch (e) {
      if ((e as { code?: string }).code !== 'ENOENT') throw e;
    }
    if (exists) break;
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d, { mode });
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
  }
}
