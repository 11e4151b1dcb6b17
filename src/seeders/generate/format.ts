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

export function formatTime(secondsOfDay: number): string {
  const s = Math.floor(secondsOfDay) % 86400;
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** Parses the formats above (and ISO) back to epoch ms; NaN when not a date. */
export function parseDateTime(v: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(v);
  if (!m) return NaN;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
}

export function uuidFrom(a: number, b: number, c: number, d: number): string {
  const h = (n: number) => n.toString(16).padStart(8, '0');
  const s = h(a) + h(b) + h(c) + h(d);
  // Version 4 and variant bits, so validators that check them accept it.
  const v = ((parseInt(s[16], 16) & 0x3) | 0x8).toString(16);
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-${v}${s.slice(17, 20)}-${s.slice(20, 32)}`;
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function slugify(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
