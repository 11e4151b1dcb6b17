import { lstatSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { crc32 } from 'node:zlib';
import { makeDirs } from './make-dirs.ts';

// Compiled code kept on disk, so a command or a thread starts on less CPU the next time:
//   - Node's compile cache, for every module loaded (the bundles' packages: MikroORM, faker, …);
//   - a V8 code cache of a whole bundle made after a run (loadBundle): Node's keeps only what
//     is compiled when a module loads, the top level; the functions a seed calls are compiled
//     as it first calls them — ≈40 ms of a 200,000-row SQLite seed, before and while the first
//     rows are made.
// Node's default place is the shared temp directory, where another account could put compiled
// code in Seedbed's way before it first runs; Seedbed keeps both in the user's own cache
// directory instead, and only while that is theirs alone.

/** `$XDG_CACHE_HOME/seedbed/<name>` (or `~/.cache/…`), made private; undefined when it cannot
 *  be, or is not the user's own. */
function privateCacheDir(name: string): string | undefined {
  try {
    const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'seedbed', name);
    makeDirs(dir, 0o700);
    const st = lstatSync(dir);
    const mine = !process.getuid || st.uid === process.getuid();
    return st.isDirectory() && mine && !(st.mode & 0o022) ? dir : undefined;
  } catch {
    return undefined;
  }
}

/** Node's compile cache directory (`…/seedbed/node-compile-cache`). */
export function compileCacheDir(): string | undefined {
  return privateCacheDir('node-compile-cache');
}

/** Switches the cache on for this thread's later module loads (no-op where Node has none, or
 *  NODE_COMPILE_CACHE already chose a directory). */
export function enableCompileCache(dir = compileCacheDir()): void {
  if (dir) module.enableCompileCache?.(dir);
}

/** A run at least this long makes its bundle's code cache afresh at exit (≈10 ms for the CLI's). */
const REFRESH_AFTER_MS = 1000;

/**
 * Runs a CommonJS bundle (dist/cli.cjs, dist/engine.cjs) as a script compiled with its code
 * cache, and returns its exports. At the process's exit the cache is made afresh — holding every
 * function compiled so far, those it came with included — when there was none, V8 refused it
 * (another Node, other flags), or the process ran long enough that doing so costs it little
 * (a seed: the functions a long run needs get in); otherwise nothing is written.
 * The script gets this module's import() (a script has none of its own: packages.ts) and its
 * file's URL for import.meta.url (scripts/build.ts).
 */
export function loadBundle(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8');
  const source = text.startsWith('#!') ? `//${text.slice(2)}` : text; // a hashbang only starts a file
  const wrapped = `(function (exports, require, module, __filename, __dirname, __seedbedUrl, __seedbedImport) {'use strict';${source}\n})`;
  const dir = privateCacheDir('code-cache');
  // V8 checks a cache's version, flags and source length, not its content: the name does.
  const name = `${basename(file)}-${process.version}-${process.arch}-${crc32(wrapped).toString(16)}-${wrapped.length}.v8`;
  const cachedData = dir ? readOrUndefined(join(dir, name)) : undefined;
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  if (dir) {
    const since = performance.now();
    const fresh = !cachedData || script.cachedDataRejected === true;
    process.once('exit', () => {
      if (!fresh && performance.now() - since < REFRESH_AFTER_MS) return;
      try {
        forgetOthers(dir, basename(file), name);
        writeAtomically(join(dir, name), script.createCachedData());
      } catch {
        // Never the command's failure: the next run compiles as it goes.
      }
    });
  }
  const mod = { exports: {} as Record<string, unknown> };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(mod.exports, createRequire(file), mod, file, dirname(file), pathToFileURL(file).href, (specifier: string) => import(specifier));
  return mod.exports;
}

/** Removes the caches of other builds (or Nodes) of the bundle `bundle`. */
function forgetOthers(dir: string, bundle: string, keep: string): void {
  try {
    for (const f of readdirSync(dir)) if (f.startsWith(`${bundle}-`) && f !== keep) rmSync(join(dir, f), { force: true });
  } catch {
    // Only space is lost.
  }
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** A cache file in place whole or not at all (a run ending mid-write leaves only its temp file). */
function writeAtomically(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data, { mode: 0o600 });
    renameSync(tmp, path);
  } catch {
    // A cache is an optimisation: a full disk or a vanished directory costs only speed.
    rmSync(tmp, { force: true });
  }
}
