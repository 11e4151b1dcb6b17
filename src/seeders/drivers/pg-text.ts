// PostgreSQL's COPY text format, as pure functions (no client): values in the engine's neutral
// form become PostgreSQL text input: NULL as \N; backslash, tab, newline and CR escaped;
// booleans t/f; bytea as \x hex; JS arrays as array literals; other objects as JSON. Pure so
// that the generator's worker thread can encode rows while the main thread writes.

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

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One field of a COPY text row. */
export function copyField(v: unknown): string {
  // The common cases first: a finite number needs no escaping, a string only where it has one
  // of the four characters.
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  const t = typeof v === 'string' ? v : pgText(v);
  if (t === null) return '\\N';
  return NEEDS_ESCAPE.test(t) ? t.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : t;
}

/** Rows → COPY text (one line per row, tab-separated), in pieces of about CHUNK characters. */
export function copyText(rows: readonly unknown[][]): string[] {
  const out = new CopyWriter();
  for (const row of rows) {
    for (let c = 0; c < row.length; c++) out.put(row[c]);
    out.endRow();
  }
  return out.take();
}

/** COPY text made a value at a time, in pieces of about CHUNK characters. */
export class CopyWriter {
  private chunks: string[] = [];
  private out = '';
  private first = true;

  /** The next value of the current row. */
  put(v: unknown): void {
    if (this.first) this.first = false;
    else this.out += '\t';
    this.out += copyField(v);
  }

  endRow(): void {
    this.out += '\n';
    this.first = true;
    if (this.out.length >= CHUNK) { this.chunks.push(this.out); this.out = ''; }
  }

  /** The text since the last take. */
  take(): string[] {
    if (this.out) this.chunks.push(this.out);
    const chunks = this.chunks;
    this.chunks = [];
    this.out = '';
    return chunks;
  }
}

/** Below V8's large-object size (128 KiB) even as UTF-16: each piece dies young (see encode.ts). */
const CHUNK = 32_768;
