import { accessSync, constants, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { clip, SeedbedError } from '../errors.ts';
import type { DatabaseTarget } from './url.ts';

// SQLite's write errors in words: the file problems (read-only, locked, disk full) get their own
// message and fix; anything else names the table it happened at.

export function writeError(target: DatabaseTarget, e: unknown, table?: string): SeedbedError {
  return knownWriteError(target, e, table) ?? new SeedbedError('WRITE_FAILED', `SQLite refused a write${table ? ` while writing table "${table}"` : ''}: ${clip((e as Error).message ?? String(e))}`, { cause: e, table });
}

/** Errors about the file rather than the data (read-only, locked, disk full), or undefined. */
export function knownWriteError(target: DatabaseTarget, e: unknown, table?: string): SeedbedError | undefined {
  if (e instanceof SeedbedError) return e;
  const code = (e as { code?: string }).code ?? '';
  const where = table ? ` while writing table "${table}"` : '';
  if (code.startsWith('SQLITE_READONLY')) {
    const why = target.file ? readOnlyWhy(target.file) : undefined;
    return new SeedbedError('READ_ONLY', `Cannot write to ${target.display}: ${why?.what ?? 'the database is read-only.'}`, {
      fix: why?.fix ?? 'Make the file (and its directory, for the journal) writable, or copy it somewhere writable.',
      cause: e,
      table,
    });
  }
  if (code.startsWith('SQLITE_BUSY')) {
    return new SeedbedError('WRITE_FAILED', `Cannot write to ${target.display}: another connection holds a lock on it.`, {
      fix: 'Close other programs writing to this database (or wait for the other seed to finish) and try again.',
      cause: e,
      table,
    });
  }
  if (code === 'SQLITE_FULL') {
    return new SeedbedError('WRITE_FAILED', `The disk is full${where}; nothing was written.`, {
      fix: 'Free disk space or seed fewer rows.',
      cause: e,
      table,
    });
  }
  return undefined;
}

/** Which of the two SQLite needs to write is not writable for this user: the file, or its folder
 *  (where SQLite makes its journal, FILE-journal or FILE-wal, beside the file; a writable file
 *  in a folder that is not failed with the same words). Undefined when both look writable. */
function readOnlyWhy(file: string): { what: string; fix: string } | undefined {
  const writable = (path: string) => {
    try {
      accessSync(path, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  };
  const owner = (path: string) => {
    try {
      const uid = statSync(path).uid;
      return process.getuid?.() === uid ? 'you' : `user id ${uid}`;
    } catch {
      return undefined;
    }
  };
  const dir = dirname(file);
  if (!writable(file)) {
    return {
      what: `the file is read-only for this user (it belongs to ${owner(file) ?? 'another user'}).`,
      fix: 'Make it writable for you (chmod, chown), run as the user who owns it, or copy it somewhere writable.',
    };
  }
  if (!writable(dir)) {
    return {
      what: `the file is writable, but its folder ${dir} is not, and SQLite writes its journal (${basename(file)}-journal or -wal) beside the file.`,
      fix: 'Make the folder writable for you, or copy the database into a folder you can write to.',
    };
  }
  return undefined;
}
