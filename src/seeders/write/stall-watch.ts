import type { Driver, SessionActivity, WriteTransaction } from '../driver.ts';
import { clip } from '../errors.ts';

// A run that makes no progress must not be silent. A statement the database never finishes (a
// trigger that sleeps or loops, a server that stopped answering) looked exactly like a slow run:
// nothing moved and nothing was said. When the run has not moved for a while (30 s), it says which
// table it is writing and what the server says its session waits on, asked from another session,
// and how to stop (nothing is written). Cheap by design: one timer per run, armed again only when
// it fires; the run itself only notes the time of its last step. No statement_timeout: a long
// COPY or index build is legitimate, and is reported the same way, then left to finish.

const DEFAULT_SECONDS = 30;
/** How long the server may take to say what the run's session is doing. */
const ACTIVITY_WAIT_MS = 5000;

/** SEEDBED_STALL_REPORT (seconds, may be fractional), else 30 s; in milliseconds. */
export function stallReportMs(): number {
  const s = Number(process.env.SEEDBED_STALL_REPORT);
  return Math.round((Number.isFinite(s) && s > 0 ? s : DEFAULT_SECONDS) * 1000);
}

export class StallWatch {
  private last = performance.now();
  /** Reports since the last step: the next one comes after twice the quiet time (30 s, 60 s, 120 s …). */
  private reports = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readonly limitMs: number;
  private readonly report: (quietMs: number) => Promise<void>;

  constructor(limitMs: number, report: (quietMs: number) => Promise<void>) {
    this.limitMs = limitMs;
    this.report = report;
    this.arm(limitMs);
  }

  /** The run moved on (on its hot path: two assignments). */
  step(): void {
    this.last = performance.now();
    this.reports = 0;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private arm(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.check(), ms);
    // Never what keeps the process alive: a stuck run waits on a socket anyway.
    this.timer.unref?.();
  }

  private async check(): Promise<void> {
    const due = this.limitMs * 2 ** this.reports;
    const quiet = performance.now() - this.last;
    if (quiet < due) return this.arm(due - quiet);
    this.reports++;
    await this.report(quiet).catch(() => {});
    this.arm(Math.max(0, this.limitMs * 2 ** this.reports - (performance.now() - this.last)));
  }
}

/** Reports while `fn` runs, each time it has run the quiet time longer (30 s, 60 s, 120 s …), what
 *  the database says `driver`'s session is doing: for a command that is one or a few statements
 *  (undo, clear, validate, coverage, status …) and has no steps of its own to watch, unlike a
 *  seed (runOnce). `command` names it in the message. */
export async function reportStalls<T>(driver: Driver, command: string, fn: () => Promise<T>, report: (e: { ms: number; message: string }) => void): Promise<T> {
  const source = driver.sessionActivity && { activity: (waitMs: number) => driver.sessionActivity!(waitMs) };
  const watch = new StallWatch(stallReportMs(), async (ms) => report({ ms, message: (await stallMessage(ms, source, '', () => false, { command, dialect: driver.dialect })).message }));
  try {
    return await fn();
  } finally {
    watch.stop();
  }
}

/** What the user reads when the run has not moved for `quietMs` (or `command` has run that long):
 *  the table, what the database says its session is doing (when it can say), and how to stop. */
export async function stallMessage(quietMs: number, tx: Pick<WriteTransaction, 'activity'> | undefined, current: string, hasTriggers: (table: string) => boolean, of?: { command: string; dialect: string }): Promise<{ table?: string; message: string }> {
  const command = of?.command;
  // The server may be stuck too: its answer is waited for no longer than the report's own interval.
  const activity = await tx?.activity?.(Math.min(ACTIVITY_WAIT_MS, stallReportMs()));
  const a: SessionActivity | undefined = activity?.session;
  const table = activity?.table ?? (current || undefined);
  const named = table ? `"${table}"` : '';
  const head = command ? `${command} still running after ${seconds(quietMs)}` : `no progress for ${seconds(quietMs)}${named ? ` writing ${named}` : ''}`;
  const stop = command ? 'Cancel (Ctrl-C) stops it; nothing will be changed.' : 'Cancel (Ctrl-C) stops the run; nothing will be written.';
  if (activity?.unanswered) return { table, message: `${head}; the database did not say what its session is doing (it may not be answering at all). ${stop}` };
  // No server to ask (SQLite): its triggers are the usual suspect.
  if (!a && of?.dialect === 'sqlite') return { table, message: `${head}; SQLite cannot say what it is running (a trigger, CHECK or index expression of the schema may be stuck, or the file is only large). ${stop}` };
  if (!a && command) return { table, message: `${head}; none of its sessions is running a statement (the time goes on Seedbed's side). ${stop}` };
  if (!a) return { table, message: `${head}.${table && hasTriggers(table) ? ` A trigger on ${named} may be stuck.` : ''} ${stop}` };
  const statement = clip(a.statement.replace(/\s+/g, ' ').trim(), 120);
  if (a.state !== 'active') {
    // The server waits for Seedbed: the time goes on this side (generating rows).
    return { table, message: `${head}; the database's session (pid ${a.pid}) is ${a.state}, not running a statement. ${stop}` };
  }
  const waits = a.wait ? `waiting on ${a.wait}` : 'working (waiting on nothing)';
  const writes = /^\s*(COPY|INSERT|UPDATE|DELETE)\b/i.test(a.statement);
  // COMMIT runs the deferred constraint triggers (and deferred FK checks).
  const suspect = /^\s*COMMIT\b/i.test(a.statement) ? 'A deferred constraint trigger may be stuck. '
    : writes && named ? `A trigger on ${named}, or a function its CHECKs or indexes call, may be stuck. ` : '';
  return { table, message: `${head}: the database's session (pid ${a.pid}) is active, ${waits}, in a statement running for ${seconds(a.runningMs)}: ${statement}. ${suspect}${stop}` };
}

const seconds = (ms: number) => `${ms < 10_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`;
