import { open } from 'node:fs/promises';
import { relative, sep } from 'node:path';

// Which database a workspace means when nothing names one (no seedbed.databaseUrl, no
// seedbed.config.ts `database`, no MikroORM config): its SQLite files. Exactly one: Seedbed
// connects to it and says so; several: the Tables view lists them to pick one. Pure (no vscode
// import): the extension passes the files VS Code found for DISCOVERY_GLOB.

/** What VS Code's findFiles looks for, and what it skips (the rules below check again). */
export const DISCOVERY_GLOB = '**/*.{db,sqlite,sqlite3,DB,SQLITE,SQLITE3}';
export const DISCOVERY_EXCLUDE = '**/{node_modules,.git}/**';
const EXTENSION = /\.(db|sqlite|sqlite3)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
/** Every SQLite database file starts with these 16 bytes. */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type Discovery =
  | { kind: 'none' }
  | { kind: 'one'; file: string }
  | { kind: 'several'; files: string[] };

/** The files that may be the workspace's database by name: a SQLite extension, not inside
 *  node_modules or .git; sorted shallowest first, then by path. */
export function databaseCandidates(files: readonly string[], base: string): string[] {
  const keep = files.filter((f) => {
    if (!EXTENSION.test(f)) return false;
    const parts = relative(base, f).split(sep);
    return !parts.slice(0, -1).some((p) => SKIPPED_FOLDERS.has(p));
  });
  const depth = (f: string) => relative(base, f).split(sep).length;
  return [...new Set(keep)].sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
}

/** A real SQLite database: its header, or an empty file (SQLite makes an empty file a database). */
export async function isSqliteFile(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, 16, 0);
    return bytesRead === 0 || (bytesRead === 16 && head.equals(SQLITE_HEADER));
  } catch {
    return false; // unreadable, a folder named x.db …
  } finally {
    await handle?.close();
  }
}

/** The workspace's SQLite databases among `files` (candidates whose content is SQLite). */
export async function discoverDatabases(files: readonly string[], base: string): Promise<Discovery> {
  const candidates = databaseCandidates(files, base);
  const ok = await Promise.all(candidates.map(isSqliteFile));
  const found = candidates.filter((_, i) => ok[i]);
  if (!found.length) return { kind: 'none' };
  return found.length === 1 ? { kind: 'one', file: found[0] } : { kind: 'several', files: found };
}
