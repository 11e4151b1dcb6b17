import { lstatSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { SeedbedError } from '../errors.ts';
import { displayPath } from './error.ts';

// A config Seedbed finds by looking in the folder (seedbed.config.ts, mikro-orm.config.ts), not
// one the user named, is code that runs with the user's rights as soon as any command starts. In
// a folder another account controls (a shared /tmp folder, a colleague's checkout, a world-
// writable directory) that account chose the code. As git refuses a repository another user owns,
// such a file is not loaded unless the user names it. Root running in a user's own checkout (a
// container over a mounted project) is not refused for ownership; a file anyone can write is.

/** Why `file`, found rather than named, might be another account's code; undefined when it is
 *  the user's own (or root's). */
export function foreignCode(file: string): string | undefined {
  if (process.platform === 'win32' || !process.getuid) return undefined;
  const me = process.getuid();
  try {
    const link = lstatSync(file);
    const st = statSync(file);
    for (const s of [link, st]) {
      if (me !== 0 && s.uid !== me && s.uid !== 0) return `belongs to another user (user id ${s.uid})`;
    }
    if (st.mode & 0o002) return 'can be changed by any user (it is world-writable)';
    const dir = statSync(dirname(file));
    if (dir.mode & 0o002 && !(dir.mode & 0o1000)) return `is in a folder any user can write to (${displayPath(dirname(file))}), where anyone could have put it`;
  } catch {
    return undefined; // Not there to load: loading says so.
  }
  return undefined;
}

/** Throws when `file` (found, not named) might be another account's code. */
export function refuseForeignCode(file: string, fix: string): void {
  const why = foreignCode(file);
  if (!why) return;
  throw new SeedbedError('BAD_INPUT', `Not loading ${displayPath(file)}: it ${why}. A config is code and would run with your rights.`, { fix });
}
