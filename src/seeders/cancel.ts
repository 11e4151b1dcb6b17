import type { Driver } from './driver.ts';
import { SeedbedError } from './errors.ts';

// Cancelling a run (Ctrl-C in the CLI, Cancel in VS Code: an AbortSignal). A flag checked between
// batches is not enough: a statement the database is running (a trigger that never returns) is
// stopped by the driver (Driver.cancelOn), and whatever the run was waiting on then fails; that
// failure is reported as the cancel it is, once.

export const SEED_CANCELLED = 'Seeding was cancelled; nothing was written.';

export function cancelledError(message = SEED_CANCELLED): SeedbedError {
  return new SeedbedError('CANCELLED', message);
}

/** Until the returned function is called, aborting `signal` stops what `driver` is running. */
export function cancelOnAbort(driver: Driver, signal: AbortSignal | undefined): () => void {
  return (signal && driver.cancelOn?.(signal)) || (() => {});
}

/** Runs `fn` so that an abort of `signal` stops the database's statement too; any failure once
 *  aborted is the cancel (the statement's "canceling statement due to user request", a closed
 *  connection), reported as `message`. */
export async function cancellable<T>(driver: Driver, signal: AbortSignal | undefined, fn: () => Promise<T>, message = SEED_CANCELLED): Promise<T> {
  const release = cancelOnAbort(driver, signal);
  try {
    return await fn();
  } catch (e) {
    throw signal?.aborted ? asCancelled(e, message) : e;
  } finally {
    release();
  }
}

/** What a cancelled command other than a seed says (the driver's transaction, the CLI). */
export const CANCELLED = 'Cancelled; nothing was changed.';

/** `e` as the cancel that caused it, in `message`'s words. */
export function asCancelled(e: unknown, message = SEED_CANCELLED): SeedbedError {
  return e instanceof SeedbedError && e.code === 'CANCELLED' && e.message === message ? e : new SeedbedError('CANCELLED', message, { cause: e });
}

/** Whether `e` is a cancel (a caller that retries on failure must not retry that). */
export function isCancel(e: unknown): boolean {
  return e instanceof SeedbedError && e.code === 'CANCELLED';
}
