import { statSync } from 'node:fs';

// A config path (seedbed.config.ts, mikro-orm.config.ts, package.json) that is no plain file of
// a sane size: a named pipe blocked the synchronous read for ever (Ctrl-C could not end it: the
// read held the thread), /dev/zero read until "Failed to allocate memory", and a 50 MB file was
// compiled, then echoed whole in the error until the terminal printer overflowed its stack.

/** The largest config file Seedbed loads: a config is code, not data; 10 MB is far past any. */
export const CODE_FILE_LIMIT = 10 * 1024 * 1024;

/** Why `file` cannot be loaded as code ("is a named pipe (FIFO), not a file"), or undefined
 *  when it is a plain file within the limit (or is missing, or a folder: callers say so). */
export function notCodeFile(file: string, limit = CODE_FILE_LIMIT): string | undefined {
  let st;
  try {
    st = statSync(file);
  } catch {
    return undefined;
  }
  if (st.isDirectory()) return undefined;
  if (!st.isFile()) return `is ${st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : 'a device'}, not a file`;
  if (st.size > limit) return `is ${(st.size / 1024 / 1024).toFixed(1)} MB; no config is that large (the limit is ${limit / 1024 / 1024} MB)`;
  return undefined;
}
