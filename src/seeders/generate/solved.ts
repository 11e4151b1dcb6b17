// The value a solved comparison CHECK gives its column (plan/solved-checks.ts): an equality's
// value as the database computes it; for an inequality, the bound moved by a gap up to the
// CHECK's own offset (`ends_at > starts_at + '15 minutes'`: 15–30 minutes after the start;
// `valid_until - valid_from <= '30 days'`: up to 30 days after), else up to a day or a quarter
// of the bound. Written in the form the column's drawn value had (a date, a timestamp, a number).
import { evaluateValue, type EvalContext, type SqlValue } from '../check/index.ts';
import { formatDate, formatDateTime, parseDateTime } from '../check/dates.ts';
import { Interval, timeOfDay } from '../check/intervals.ts';
import type { SolvedCheck } from './recipe.ts';
import type { Rng } from './prng.ts';

const DAY = 86_400_000;

/** The column's value, or undefined when the bound cannot be computed (a NULL, a form the
 *  engine does not write): the row is then drawn again. */
export function solvedValue(s: SolvedCheck, row: Record<string, unknown>, current: unknown, ctx: EvalContext, rng: Rng): unknown {
  let e: SqlValue;
  try { e = evaluateValue(s.bound, row, ctx); } catch { return undefined; }
  if (e === null) return undefined;
  if (s.upper) return between(s, e, row, current, ctx, rng);
  const pg = ctx.dialect === 'postgres';
  if (typeof e === 'bigint') return s.op === '=' ? e : undefined;
  if (typeof e === 'number') {
    if (!Number.isFinite(e) || (typeof current === 'string' && s.op !== '=')) return undefined;
    if (s.op === '=') return pg && s.scale !== undefined ? roundTo(e, s.scale) : e;
    const unit = s.scale !== undefined ? 10 ** -s.scale : 0;
    let width = Math.abs(e) / 4;
    if (s.base) { try { const b = evaluateValue(s.base, row, ctx); if (typeof b === 'number' && b !== e) width = Math.abs(e - b); } catch { /* the default */ } }
    let gap = rng.float() * Math.max(width, unit || 1);
    if (s.op === '<' || s.op === '>') gap = Math.max(gap, unit || Number.EPSILON * Math.max(1, Math.abs(e)) * 4);
    const v = s.op === '<' || s.op === '<=' ? e - gap : e + gap;
    if (s.scale === undefined) return v;
    const f = 10 ** s.scale;
    return (s.op === '<' || s.op === '<=' ? Math.floor(v * f) : Math.ceil(v * f)) / f;
  }
  if (e instanceof Interval) return s.op === '=' ? e.toString() : undefined;
  if (typeof e !== 'string') return undefined;
  if (s.op === '=') return shapedLike(current, e);
  const t = parseDateTime(e);
  if (!t) return clockValue(s, e, row, ctx, rng);
  const asDate = typeof current === 'string' && current.length === 10;
  const unit = asDate ? DAY : 1000;
  let width = DAY;
  if (s.base) {
    try {
      const b = evaluateValue(s.base, row, ctx);
      const bt = typeof b === 'string' ? parseDateTime(b) : null;
      if (bt && bt.ms !== t.ms) width = Math.abs(t.ms - bt.ms);
    } catch { /* the default */ }
  }
  let gap = rng.float() * Math.max(width, unit);
  if (s.op === '<' || s.op === '>') gap = Math.max(gap, unit);
  const down = s.op === '<' || s.op === '<=';
  const v = down ? Math.floor((t.ms - gap) / unit) * unit : Math.ceil((t.ms + gap) / unit) * unit;
  return asDate ? formatDate(v) : shapedLike(current, formatDateTime(v));
}

/** A time of day kept on one side of a time bound (`ends_at >= starts_at + '01:00:00'`): moved by
 *  a gap up to the CHECK's offset (else an hour), in whole minutes where the bound is; undefined
 *  past midnight, where PostgreSQL's time arithmetic wraps (the row is drawn again). */
function clockValue(s: SolvedCheck, e: string, row: Record<string, unknown>, ctx: EvalContext, rng: Rng): string | undefined {
  const t = timeOfDay(e);
  if (t === null) return undefined;
  let width = 3_600_000;
  if (s.base) {
    try { const b = evaluateValue(s.base, row, ctx); const bt = typeof b === 'string' ? timeOfDay(b) : null; if (bt !== null && bt !== t) width = Math.abs(t - bt); } catch { /* the default */ }
  }
  const unit = t % 60_000 === 0 ? 60_000 : 1000;
  let gap = Math.round((rng.float() * width) / unit) * unit;
  if (s.op === '<' || s.op === '>') gap = Math.max(gap, unit);
  const v = s.op === '<' || s.op === '<=' ? t - gap : t + gap;
  if (v < 0 || v >= DAY) return undefined;
  const p2 = (n: number) => String(Math.floor(n)).padStart(2, '0');
  return `${p2(v / 3_600_000)}:${p2((v / 60_000) % 60)}:${p2((v / 1000) % 60)}`;
}

/** A value between the lower bound `lo` and the upper one (BETWEEN), inclusive. */
function between(s: SolvedCheck, lo: SqlValue, row: Record<string, unknown>, current: unknown, ctx: EvalContext, rng: Rng): unknown {
  let hi: SqlValue;
  try { hi = evaluateValue(s.upper!, row, ctx); } catch { return undefined; }
  if (typeof lo === 'number' && typeof hi === 'number') {
    if (!(hi >= lo)) return undefined;
    if (s.scale === undefined) return lo + rng.float() * (hi - lo);
    const f = 10 ** s.scale;
    const a = Math.ceil(lo * f), b = Math.floor(hi * f);
    return b < a ? undefined : (a + Math.floor(rng.float() * (b - a + 1))) / f;
  }
  const a = typeof lo === 'string' ? parseDateTime(lo) : null, b = typeof hi === 'string' ? parseDateTime(hi) : null;
  if (!a || !b || b.ms < a.ms) return undefined;
  const asDate = typeof current === 'string' && current.length === 10;
  const unit = asDate ? DAY : 1000;
  const x = Math.ceil(a.ms / unit), y = Math.floor(b.ms / unit);
  if (y < x) return undefined;
  const v = (x + Math.floor(rng.float() * (y - x + 1))) * unit;
  return asDate ? formatDate(v) : shapedLike(current, formatDateTime(v));
}

/** Date and timestamp text as the column's drawn value was written (a date stays a date). */
function shapedLike(current: unknown, v: string): string {
  if (typeof current !== 'string' || !parseDateTime(v)) return v;
  if (current.length === 10 && parseDateTime(current)) return v.slice(0, 10);
  if (current.length >= 19 && current[10] === 'T' && v[10] === ' ') return `${v.slice(0, 10)}T${v.slice(11)}`;
  return v;
}

function roundTo(v: number, scale: number): number {
  const f = 10 ** scale;
  return (Math.sign(v) * Math.round(Math.abs(v) * f + 1e-9)) / f;
}
