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

/** One field of a COPY text row. */
export function copyField(v: unknown): string {
  const t = pgText(v);
  if (t === null) return '\\N';
  return /[\\\t\n\r]/.test(t) ? t.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : t;
}

/** Rows → COPY text (one line per row, tab-separated), in pieces of about CHUNK characters. */
export function copyText(rows: readonly unknown[][]): string[] {
  const chunks: string[] = [];
  let out = '';
  for (const row of rows) {
    for (let c = 0; c < row.length; c++) {
      if (c) out += '\t';
      out += copyField(row[c]);
    }
    out += '\n';
    if (out.length >= CHUNK) { chunks.push(out); out = ''; }
  }
  if (out) chunks.push(out);
  return chunks;
}

/** Below V8's large-object size (128 KiB) even as UTF-16: each piece dies young (see encode.ts). */
const CHUNK = 32_768;
