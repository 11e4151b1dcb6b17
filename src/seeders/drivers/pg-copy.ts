import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

// COPY … FROM STDIN in text format: the fastest way into PostgreSQL (≈2x multi-row INSERT,
// engine-notes.md). The text itself is made by pg-text.ts.

/** Streams `text` into `COPY <target> FROM STDIN` on the client; resolves when the server has it all. */
export function copyIn(client: PoolClient, target: string, text: string): Promise<void> {
  const c = new CopyStream(client, target);
  c.write(text);
  return c.end();
}

/** When a COPY starts and how much it takes ahead of the server. */
export interface CopyOptions {
  /** Bytes written ahead of the server before write() waits (default 16 KiB). */
  buffer?: number;
  /** Sent to the server once this settles (the client's work before it); a rejection fails the
   *  COPY with that error, unsent. Meanwhile rows are taken, up to `buffer`. */
  after?: Promise<unknown>;
  /** Called as the COPY is sent to the server. */
  onSend?: () => void;
}

/**
 * One COPY kept open across the engine's batches of a table: batches are written as they come
 * and the server parses them while the next batch is generated (two processes, two cores).
 * Whatever else the session runs must wait for `end()`.
 */
export class CopyStream {
  readonly target: string;
  private readonly stream: ReturnType<typeof copyFrom>;
  private readonly done: Promise<void>;
  private error: unknown;
  private fail: (e: unknown) => void = () => {};
  /** write() calls waiting for room: woken by 'drain' or a failure. */
  private waiting: (() => void)[] = [];

  constructor(client: PoolClient, target: string, options: CopyOptions = {}) {
    this.target = target;
    this.stream = copyFrom(`COPY ${target} FROM STDIN`, options.buffer ? { highWaterMark: options.buffer } : undefined);
    this.done = new Promise((resolve, reject) => {
      this.fail = (e) => {
        this.error ??= e;
        reject(this.error);
        for (const w of this.waiting.splice(0)) w();
      };
      this.stream.on('error', this.fail);
      this.stream.on('finish', () => resolve());
      this.stream.on('drain', () => { for (const w of this.waiting.splice(0)) w(); });
    });
    this.done.catch(() => {}); // reported by write() or end()
    const send = () => { options.onSend?.(); client.query(this.stream); };
    if (!options.after) send();
    else options.after.then(() => { if (!this.error) send(); }, this.fail);
  }

  /** Queues text; waits only when the buffer is full. Throws the server's error once it came. */
  async write(text: string | Uint8Array): Promise<void> {
    if (this.error) throw this.error;
    if (!this.stream.write(typeof text === 'string' ? Buffer.from(text, 'utf8') : text)) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    if (this.error) throw this.error;
  }

  /** Ends the COPY; resolves once the server accepted every row, rejects with its error. */
  async end(): Promise<void> {
    if (!this.error) this.stream.end();
    return this.done;
  }
}
