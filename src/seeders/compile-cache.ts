import { lstatSync } from 'node:fs';
import module from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { makeDirs } from './make-dirs.ts';

// Node's compile cache keeps Seedbed's bundles compiled on disk, so a command or a thread starts
// on less CPU the next time. Node's default place is the shared temp directory, where another
// account could put compiled code in Seedbed's way before it first runs; Seedbed keeps it in the
// user's own cache directory instead, and only while that is theirs alone.

/** `$XDG_CACHE_HOME/seedbed/node-compile-cache` (or `~/.cache/…`), made private; undefined when
 *  it cannot be, or is not the user's own. */
export function compileCacheDir(): string | undefined {
  try {
    const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'seedbed', 'node-compile-cache');
    makeDirs(dir, 0o700);
    const st = lstatSync(dir);
    const mine = !process.getuid || st.uid === process.getuid();
    return st.isDirectory() && mine && !(st.mode & 0o022) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Switches the cache on for this thread's later module loads (no-op where Node has none, or
 *  NODE_COMPILE_CACHE already chose a directory). */
export function enableCompileCache(dir = compileCacheDir()): void {
  if (dir) module.enableCompileCache?.(dir);
}
