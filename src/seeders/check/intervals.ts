// PostgreSQL intervals in CHECKs: `'1 year'::interval`, `'00:01:05'::interval` (how
// pg_get_constraintdef prints `interval '65 seconds'`), `'1 day -01:00:00'`, ISO 8601 `P1DT2H`,
// and the arithmetic real CHECKs use with them (timestamp ± interval, timestamp - timestamp,
// interval ± interval, interval × number). Seeds run with the session in UTC, so calendar
// arithmetic here is UTC's.
import { formatDateTime, parseDateTime, utcMs } from './dates.ts';

const DAY = 86_400_000;

/** An interval as PostgreSQL keeps it: months, days and milliseconds, each with its own sign. */
export class Interval {
  readonly months: number;
  readonly days: number;
  readonly ms: number;
  constructor(months: number, days: number, ms: number) { this.months = months; this.days = days; this.ms = ms; }
  /** For comparison, as PostgreSQL orders intervals: a month is 30 days, a day 24 hours. */
  get total(): number { return (this.months * 30 + this.days) * DAY + this.ms; }
  plus(o: Interval, sign = 1): Interval { return new Interval(this.months + sign * o.months, this.days + sign * o.days, this.ms + sign * o.ms); }
  times(k: number): Interval {
    // Fractions cascade down as PostgreSQL's interval_mul does: months → days (30), days → time.
    const m = this.months * k, d = this.days * k + (m - Math.trunc(m)) * 30;
    return new Interval(Math.trunc(m), Math.trunc(d), Math.round(this.ms * k + (d - Math.trunc(d)) * DAY));
  }
  /** PostgreSQL's output (IntervalStyle postgres): `1 year 2 mons 3 days 04:05:06`. */
  toString(): string {
    const parts: string[] = [];
    const y = Math.trunc(this.months / 12), mo = this.months % 12;
    if (y) parts.push(`${y} year${Math.abs(y) === 1 ? '' : 's'}`);
    if (mo) parts.push(`${mo} mon${Math.abs(mo) === 1 ? '' : 's'}`);
    if (this.days) parts.push(`${this.days} day${Math.abs(this.days) === 1 ? '' : 's'}`);
    if (this.ms || !parts.length) {
      const a = Math.abs(this.ms);
      const h = Math.floor(a / 3_600_000), mi = Math.floor(a / 60_000) % 60, s = (a % 60_000) / 1000;
      const ss = s < 10 ? `0${s}` : String(s);
      parts.push(`${this.ms < 0 ? '-' : ''}${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${ss}`);
    }
    return parts.join(' ');
  }
}

const UNIT: Record<string, [field: 'months' | 'days' | 'ms', per: number]> = {
  millennium: ['months', 12_000], millennia: ['months', 12_000], century: ['months', 1200], centuries: ['months', 1200],
  decade: ['months', 120], decades: ['months', 120], year: ['months', 12], years: ['months', 12], yr: ['months', 12], yrs: ['months', 12], y: ['months', 12],
  month: ['months', 1], months: ['months', 1], mon: ['months', 1], mons: ['months', 1],
  week: ['days', 7], weeks: ['days', 7], w: ['days', 7], day: ['days', 1], days: ['days', 1], d: ['days', 1],
  hour: ['ms', 3_600_000], hours: ['ms', 3_600_000], hr: ['ms', 3_600_000], hrs: ['ms', 3_600_000], h: ['ms', 3_600_000],
  minute: ['ms', 60_000], minutes: ['ms', 60_000], min: ['ms', 60_000], mins: ['ms', 60_000], m: ['ms', 60_000],
  second: ['ms', 1000], seconds: ['ms', 1000], sec: ['ms', 1000], secs: ['ms', 1000], s: ['ms', 1000],
  millisecond: ['ms', 1], milliseconds: ['ms', 1], ms: ['ms', 1], msec: ['ms', 1], msecs: ['ms', 1],
  microsecond: ['ms', 0.001], microseconds: ['ms', 0.001], us: ['ms', 0.001], usec: ['ms', 0.001], usecs: ['ms', 0.001],
};

const ISO = /^P(?:(-?\d+(?:\.\d+)?)Y)?(?:(-?\d+(?:\.\d+)?)M)?(?:(-?\d+(?:\.\d+)?)W)?(?:(-?\d+(?:\.\d+)?)D)?(?:T(?:(-?\d+(?:\.\d+)?)H)?(?:(-?\d+(?:\.\d+)?)M)?(?:(-?\d+(?:\.\d+)?)S)?)?$/i;
const CLOCK = /^([+-]?)(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$/;

/** The interval a text spells in PostgreSQL's input forms, or null when it is not one the
 *  engine reads (the CHECK is then the database's to test). */
export function parseInterval(text: string): Interval | null {
  const s = text.trim().replace(/^@\s*/, '');
  if (!s) return null;
  const iso = ISO.exec(s);
  if (iso && s.length > 1) {
    const [y, mo, w, d, h, mi, se] = iso.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
    return add(new Interval(0, 0, 0), [['months', y * 12 + mo], ['days', w * 7 + d], ['ms', h * 3_600_000 + mi * 60_000 + se * 1000]]);
  }
  let ago = false;
  const words = s.toLowerCase().split(/\s+/);
  if (words.at(-1) === 'ago') { ago = true; words.pop(); }
  const terms: [field: 'months' | 'days' | 'ms', amount: number][] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const clock = CLOCK.exec(w);
    if (clock) {
      const ms = (Number(clock[2]) * 3600 + Number(clock[3]) * 60 + Number(clock[4] ?? 0)) * 1000;
      terms.push(['ms', clock[1] === '-' ? -ms : ms]);
      continue;
    }
    // `3 days`, `3days`, `1.5 hours`
    const joined = /^([+-]?\d+(?:\.\d+)?)([a-z]+)$/.exec(w);
    let n: number, unit: string | undefined;
    if (joined) { n = Number(joined[1]); unit = joined[2]; } else {
      if (!/^[+-]?\d+(?:\.\d+)?$/.test(w)) return null;
      n = Number(w);
      unit = words[++i];
      if (unit === undefined) return words.length === 1 ? new Interval(0, 0, n * 1000) : null; // '65' is seconds
    }
    const u = UNIT[unit];
    if (!u) return null;
    terms.push([u[0], n * u[1]]);
  }
  const iv = add(new Interval(0, 0, 0), terms);
  return ago ? iv.times(-1) : iv;
}

/** Adds amounts, letting fractions of months and days cascade down (1.5 years = 1 year 6 mons). */
function add(iv: Interval, terms: [field: 'months' | 'days' | 'ms', amount: number][]): Interval {
  let { months, days, ms } = iv;
  for (const [f, a] of terms) {
    if (f === 'months') { months += Math.trunc(a); days += (a - Math.trunc(a)) * 30; }
    else if (f === 'days') days += a;
    else ms += a;
  }
  const wholeDays = Math.trunc(days);
  return new Interval(months, wholeDays, Math.round(ms + (days - wholeDays) * DAY));
}

/** A date or timestamp text plus (sign -1: minus) an interval, as PostgreSQL computes it: months
 *  first (the day clamped to the month's end), then days, then time. A date gives a timestamp. */
export function shiftDateTime(text: string, iv: Interval, sign: 1 | -1): string | null {
  const p = parseDateTime(text);
  if (!p) return null;
  let t = p.ms;
  if (iv.months) {
    const d = new Date(t);
    const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + sign * iv.months;
    const y = Math.floor(total / 12), mo = total - y * 12;
    const last = new Date(utcMs(y, mo + 1, 1) - DAY).getUTCDate();
    t = utcMs(y, mo, Math.min(d.getUTCDate(), last)) + (t - utcMs(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  }
  t += sign * (iv.days * DAY + iv.ms);
  return formatDateTime(t, true);
}

const TIME = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?\s*$/;

/** Milliseconds since midnight of a time of day ('14:30', '14:30:05.5'), or null. */
export function timeOfDay(text: string): number | null {
  const m = TIME.exec(text);
  return m ? Math.round((Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)) * 1000) : null;
}

/** time ± interval wraps around midnight, as PostgreSQL's does (days and months are ignored). */
export function shiftTime(text: string, iv: Interval, sign: 1 | -1): string | null {
  const t = timeOfDay(text);
  if (t === null) return null;
  const v = (((t + sign * iv.ms) % DAY) + DAY) % DAY;
  const s = v / 1000;
  const p2 = (n: number) => String(Math.floor(n)).padStart(2, '0');
  const sec = s % 60;
  return `${p2(s / 3600)}:${p2((s / 60) % 60)}:${sec < 10 ? '0' : ''}${Number.isInteger(sec) ? sec : sec.toFixed(3)}`;
}

/** timestamp - timestamp: days and time, as PostgreSQL gives them (`1 day 01:00:00`). */
export function between(a: string, b: string): Interval | null {
  const ta = timeOfDay(a), tb = ta === null ? null : timeOfDay(b);
  if (ta !== null && tb !== null) return new Interval(0, 0, ta - tb);
  const x = parseDateTime(a), y = parseDateTime(b);
  if (!x || !y) return null;
  const diff = x.ms - y.ms;
  const days = Math.trunc(diff / DAY);
  return new Interval(0, days, diff - days * DAY);
}

/** EXTRACT(epoch FROM interval): a year is 365.25 days, a month 30. */
export function epochOf(iv: Interval): number {
  const years = Math.trunc(iv.months / 12);
  return (years * 365.25 * DAY + (iv.months - years * 12) * 30 * DAY + iv.days * DAY + iv.ms) / 1000;
}
