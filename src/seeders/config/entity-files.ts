import { lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SeedbedError } from '../errors.ts';
import { CODE_FILE_LIMIT } from './code-file.ts';
import { displayPath } from './error.ts';

// A MikroORM config's `entities: ['./dist/entities']` names folders; MikroORM's discovery globs
// them and imports every .js/.ts file found, following symbolic links: a link inside the folder
// to a folder elsewhere (`entities/shared -> /`) imported files from anywhere on the disk, and a
// folder of 100,000 files or 1,000 levels was walked without bound. Seedbed walks such folders
// itself, within limits, and hands MikroORM the files (paths without glob characters are taken
// as they are). Glob patterns (`./dist/**/*.entity.js`) are left to MikroORM.

export const ENTITY_FILES_MAX = 5_000;
export const ENTITY_DEPTH_MAX = 32;
/** Entries looked at (files of any kind and folders): the walk's bound in time. */
const ENTRIES_MAX = 100_000;

const GLOB = /[*?[\]{}!]/;
const ENTITY_FILE = /\.[cm]?[jt]s$/;
const DECLARATION = /\.d\.[cm]?ts$/;

/** `entities`/`entitiesTs` with each plain folder replaced by its entity files, or undefined
 *  when the list names no folder (classes, files, globs: MikroORM reads them as written). */
export function entityFileList(paths: unknown, baseDir: string, project: string, configFile: string): unknown[] | undefined {
  const list = Array.isArray(paths) ? paths : typeof paths === 'string' ? [paths] : undefined;
  if (!list) return undefined;
  let changed = false;
  const out: unknown[] = [];
  for (const p of list) {
    if (typeof p !== 'string' || GLOB.test(p)) { out.push(p); continue; }
    const abs = isAbsolute(p) ? p : resolve(baseDir, p);
    let folder = false;
    try { folder = statSync(abs).isDirectory(); } catch { /* missing: MikroORM says so */ }
    if (!folder) { out.push(p); continue; }
    out.push(...walk(abs, project, configFile));
    changed = true;
  }
  return changed ? out : undefined;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && !rel.startsWith(sep));
}

/** The entity files under `root` (sorted, as a glob lists them). Symbolic links are followed
 *  only where they lead inside the project (or the folder named), each real folder once. */
function walk(root: string, project: string, configFile: string): string[] {
  const realRoot = realpathSync(root);
  const realProject = (() => { try { return realpathSync(project); } catch { return project; } })();
  const seen = new Set<string>([realRoot]);
  const files: string[] = [];
  let entries = 0;
  const fail = (message: string, fix: string) => {
    throw new SeedbedError('BAD_INPUT', `${message} (entities of ${displayPath(configFile)}).`, { fix });
  };
  const limitFix = 'Point the config\'s entities at the folder that holds the entity files, or pass --no-entities.';
  const visit = (dir: string, depth: number) => {
    if (depth > ENTITY_DEPTH_MAX) fail(`${displayPath(dir)} is more than ${ENTITY_DEPTH_MAX} folders deep`, limitFix);
    let names: string[];
    try { names = readdirSync(dir).sort(); } catch { return; }
    for (const name of names) {
      if (++entries > ENTRIES_MAX) fail(`${displayPath(root)} holds more than ${ENTRIES_MAX.toLocaleString('en-US')} files and folders`, limitFix);
      const path = join(dir, name);
      let st;
      try { st = lstatSync(path); } catch { continue; }
      let real = path;
      if (st.isSymbolicLink()) {
        try { real = realpathSync(path); st = statSync(real); } catch { continue; } // a dangling link or a loop
        if (!inside(realProject, real) && !inside(realRoot, real)) {
          fail(`${displayPath(path)} is a symbolic link to ${real}, outside the project`, `Entity files outside ${displayPath(project)} are not loaded through a link: name that folder in the config's entities if you trust it, or pass --no-entities.`);
        }
      }
      if (st.isDirectory()) {
        if (name === 'node_modules' || seen.has(real)) continue;
        seen.add(real);
        visit(path, depth + 1);
      } else if (st.isFile() && ENTITY_FILE.test(name) && !DECLARATION.test(name)) {
        if (st.size > CODE_FILE_LIMIT) fail(`${displayPath(path)} is ${(st.size / 1024 / 1024).toFixed(1)} MB; no entity file is that large`, limitFix);
        // MikroORM globs each path (`[id].ts` would be a pattern) and turns backslashes into
        // slashes, so special characters are escaped as one-character classes.
        files.push(path.replace(/[*?[\]{}()]/g, '[$&]'));
        if (files.length > ENTITY_FILES_MAX) fail(`${displayPath(root)} holds more than ${ENTITY_FILES_MAX.toLocaleString('en-US')} .js/.ts files`, limitFix);
      }
    }
  };
  visit(root, 0);
  return files;
}
