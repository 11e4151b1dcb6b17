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

  constructor(client: PoolClient, target: string) {
    this.target = target;
    this.stream = client.query(copyFrom(`COPY ${target} FROM STDIN`));
    this.done = new Promise((resolve, reject) => {
      this.stream.on('error', (e) => { this.error = e; reject(e); });
      this.stream.on('finish', () => resolve());
    });
    this.done.catch(() => {}); // reported by write() or end()
  }

  /** Queues text; waits only when the socket is backed up. Throws the server's error once it came. */
  async write(text: string | Uint8Array): Promise<void> {
    if (this.error) throw this.error;
    if (!this.stream.write(typeof text === 'string' ? Buffer.from(text, 'utf8') : text)) {
      await new Promise<void>((resolve) => {
        const go = () => { this.stream.off('drain', go); this.stream.off('error', go); resolve(); };
        this.stream.on('drain', go);
        this.stream.on('error', go);
      });
    }
    if (this.error) throw this.error;
  }

  /** Ends the COPY; resolves once the server accepted every row, rejects with its error. */
  async end(): Promise<void> {
    if (!this.error) this.stream.end();
    return this.done;
  }
}
