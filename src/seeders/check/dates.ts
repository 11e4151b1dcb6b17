// Just enough date/time handling for CHECKs: ISO-ish text in, UTC epoch
// milliseconds internally, SQLite-style text out. Times without an offset
// are taken as UTC, like SQLite does.

const DATE_TIME =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$/i;

export type ParsedDateTime = { ms: number; hasTime: boolean };

// 400 Gregorian years are exactly 146,097 days.
const CYCLE_MS = 146_097 * 86_400_000;

/** Date.UTC for every year: Date.UTC reads years 0–99 as 1900–1999, which turned a zero-time
 *  sentinel `'0001-01-01'` into 1901. Four hundred years on has the same calendar. */
export function utcMs(y: number, mo: number, d = 1, h = 0, mi = 0, s = 0, ms = 0): number {
  return y >= 0 && y < 100 ? Date.UTC(y + 400, mo, d, h, mi, s, ms) - CYCLE_MS : Date.UTC(y, mo, d, h, mi, s, ms);
}

export function parseDateTime(s: string): ParsedDateTime | null {
  const m = DATE_TIME.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac, tz] = m;
  let ms = utcMs(+y, +mo - 1, +d, +(h ?? 0), +(mi ?? 0), +(sec ?? 0), frac ? Math.round(+frac * 1000) : 0);
  // Reject impossible dates such as 2021-02-30 instead of rolling them over.
  const check = new Date(ms);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d) return null;
  if (tz && tz.toUpperCase() !== 'Z') {
    const [, sign, oh, om] = /^([+-])(\d{2}):?(\d{2})?$/.exec(tz)!;
    ms -= (sign === '-' ? -1 : 1) * (+oh * 60 + +(om ?? 0)) * 60_000;
  }
  return { ms, hasTime: h !== undefined };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function formatDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function formatTime(ms: number, withMillis = false): string {
  const d = new Date(ms);
  const base = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return withMillis && d.getUTCMilliseconds() ? `${base}.${pad(d.getUTCMilliseconds(), 3)}` : base;
}

export function formatDateTime(ms: number, withMillis = false): string {
  return `${formatDate(ms)} ${formatTime(ms, withMillis)}`;
}

export function julianDay(ms: number): number {
  return ms / 86_400_000 + 2440587.5;
}

export function fromJulianDay(jd: number): number {
  return (jd - 2440587.5) * 86_400_000;
}

/** Applies SQLite date modifiers ('+1 day', 'start of month', ...); null for an unknown one. */
export function applyModifier(ms: number, modifier: string): number | null {
  const mod = modifier.trim().toLowerCase();
  const d = new Date(ms);
  if (mod === 'utc' || mod === 'localtime' || mod === 'subsec' || mod === 'subsecond') return ms;
  if (mod === 'start of day') return utcMs(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  if (mod === 'start of month') return utcMs(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (mod === 'start of year') return utcMs(d.getUTCFullYear(), 0, 1);
  const m = /^([+-]?\d+(?:\.\d+)?)\s+(day|hour|minute|second|month|year)s?$/.exec(mod);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2];
  const perUnit: Record<string, number> = { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 };
  if (unit in perUnit) return ms + n * perUnit[unit];
  if (!Number.isInteger(n)) return null;
  if (unit === 'month') d.setUTCMonth(d.getUTCMonth() + n);
  else d.setUTCFullYear(d.getUTCFullYear() + n);
  return d.getTime();
}

/** SQLite strftime with the common conversions. */
export function strftime(format: string, ms: number): string | null {
  const d = new Date(ms);
  const dayOfYear = Math.floor((ms - utcMs(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  let bad = false;
  const out = format.replace(/%(.)/g, (_, c: string) => {
    switch (c) {
      case 'd': return pad(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2, ' ');
      case 'f': return `${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
      case 'F': return formatDate(ms);
      case 'H': return pad(d.getUTCHours());
      case 'j': return pad(dayOfYear, 3);
      case 'J': return String(julianDay(ms));
      case 'm': return pad(d.getUTCMonth() + 1);
      case 'M': return pad(d.getUTCMinutes());
      case 's': return String(Math.floor(ms / 1000));
      case 'S': return pad(d.getUTCSeconds());
      case 'T': return formatTime(ms);
      case 'u': return String(d.getUTCDay() || 7);
      case 'w': return String(d.getUTCDay());
      case 'Y': return pad(d.getUTCFullYear(), 4);
      case '%': return '%';
      default: bad = true; return '';
    }
  });
  return bad ? null : out;
}

/** PostgreSQL date_part / EXTRACT fields. */
export function datePart(field: string, ms: number): number | null {
  const d = new Date(ms);
  switch (field.toLowerCase()) {
    case 'year': return d.getUTCFullYear();
    case 'quarter': return Math.floor(d.getUTCMonth() / 3) + 1;
    case 'month': return d.getUTCMonth() + 1;
    case 'day': return d.getUTCDate();
    case 'hour': return d.getUTCHours();
    case 'minute': return d.getUTCMinutes();
    case 'second': return d.getUTCSeconds() + d.getUTCMilliseconds() / 1000;
    case 'milliseconds': return d.getUTCSeconds() * 1000 + d.getUTCMilliseconds();
    case 'dow': return d.getUTCDay();
    case 'isodow': return d.getUTCDay() || 7;
    case 'doy': return Math.floor((ms - utcMs(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
    case 'epoch': return ms / 1000;
    case 'decade': return Math.floor(d.getUTCFullYear() / 10);
    case 'century': return Math.ceil(d.getUTCFullYear() / 100);
    default: return null;
  }
}
