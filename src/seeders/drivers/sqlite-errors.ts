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
    return new SeedbedError('READ_ONLY', `Cannot write to ${target.display}: the database is read-only.`, {
      fix: 'Make the file (and its directory, for the journal) writable, or copy it somewhere writable.',
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
