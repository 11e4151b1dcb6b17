// Value formats shared by generators. Dates are text in the format of SQLite's
// CURRENT_TIMESTAMP / date('now'), which PostgreSQL also accepts; times are UTC.

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The fixed window every timestamp falls in, so runs on different days give the same bytes. */
export const EPOCH_START = Date.UTC(2021, 0, 1);
export const EPOCH_END = Date.UTC(2026, 0, 1);

export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${formatDate(ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** Parses the formats above (and ISO) back to epoch ms; NaN when not a date. */
export function parseDateTime(v: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(v);
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

