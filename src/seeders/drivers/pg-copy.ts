import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

// COPY … FROM STDIN in text format: the fastest way into PostgreSQL (≈2x multi-row INSERT,
// engine-notes.md). Values arrive in the engine's neutral form and are written as PostgreSQL's
// text input: NULL as \N; backslash, tab, newline and CR escaped; booleans t/f; bytea as \x hex;
// JS arrays as array literals; other objects as JSON.

/** One value as PostgreSQL text input (before COPY escaping); null for SQL NULL. */
export function pgText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string': return v;
    case 'number': return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
    case 'bigint': return v.toString();
    case 'boolean': return v ? 't' : 'f';
  }
  if (v instanceof Uint8Array) return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`;
  if (Array.isArray(v)) return arrayLiteral(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

/** `{"a","b",NULL}`: every element quoted, so commas, braces and spaces inside are safe. */
export function arrayLiteral(items: readonly unknown[]): string {
  const parts = items.map((x) => {
    if (Array.isArray(x)) return arrayLiteral(x);
    const t = pgText(x);
    return t === null ? 'NULL' : `"${t.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  });
  return `{${parts.join(',')}}`;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field of a COPY text row. */
export function copyField(v: unknown): string {
  const t = pgText(v);
  if (t === null) return '\\N';
  return /[\\\t\n\r]/.test(t) ? t.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : t;
}

/** Rows → COPY text (one line per row, tab-separated). */
export function copyText(rows: readonly unknown[][]): string {
  let out = '';
  for (const row of rows) {
    for (let c = 0; c < row.length; c++) {
      if (c) out += '\t';
      out += copyField(row[c]);
    }
    out += '\n';
  }
  return out;
}

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
  async write(text: string): Promise<void> {
    if (this.error) throw this.error;
    if (!this.stream.write(Buffer.from(text, 'utf8'))) {
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
