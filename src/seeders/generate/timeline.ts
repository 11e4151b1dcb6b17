import { evaluateValue, type EvalContext } from '../check/index.ts';
import { formatDate, formatDateTime, parseDateTime } from './format.ts';
import type { ExclusionForm, Lasts, RangeKind } from './exclusion-forms.ts';
import type { Rng } from './prng.ts';

// Disjoint ranges for an EXCLUDE constraint (generate/exclusion-forms.ts): each group (the rows
// whose `=` parts are equal: one room) has a timeline, and each of its rows takes the next
// slot on it: a start a realistic gap after the previous row's end, a realistic length. Ranges
// of one group never overlap (nor touch, where both bounds are inclusive), whatever the number
// of rows, and no row is tried twice. A group starts where its first row's generator put the
// lower bound (so CHECKs and realism of the start hold); later rows follow in time.

const DAY_MS = 86_400_000;
/** EXCLUDE is PostgreSQL's: its CHECKs are evaluated as PostgreSQL computes them. */
const PG = { dialect: 'postgres' as const };
const MINUTE_MS = 60_000;

/** Per kind, in its unit (minutes, days, whole numbers, hundredths): lengths and gaps drawn,
 *  a step they are multiples of. */
const SHAPE: Record<RangeKind, { length: [number, number]; gap: [number, number]; step: number }> = {
  timestamp: { length: [30, 240], gap: [0, 720], step: 15 },
  clock: { length: [30, 180], gap: [0, 150], step: 15 },
  date: { length: [1, 14], gap: [0, 10], step: 1 },
  integer: { length: [1, 20], gap: [0, 10], step: 1 },
  numeric: { length: [100, 10_000], gap: [0, 5_000], step: 1 },
};

/** Lengths and gaps by how long the names say ranges last (ExclusionForm.lasts), for the kinds
 *  that measure time; a time of day on a day is always hours. */
const LASTING: Record<Lasts, Partial<Record<RangeKind, { length: [number, number]; gap: [number, number]; step: number }>>> = {
  hours: { date: { length: [1, 2], gap: [0, 5], step: 1 } },
  days: { timestamp: { length: [1440, 14 * 1440], gap: [0, 10 * 1440], step: 60 } },
  months: { timestamp: { length: [30 * 1440, 365 * 1440], gap: [0, 30 * 1440], step: 1440 }, date: { length: [30, 365], gap: [0, 30], step: 1 } },
};

/** How long a busy group's timeline may grow before its lengths and gaps shrink, in the kind's
 *  unit: about the five years generated dates span (whole numbers are not bounded). */
const SPAN: Partial<Record<RangeKind, number>> = { timestamp: 5 * 365 * 1440, date: 5 * 365 };

/** A clock timeline's day: rows start from 07:00, end by 23:45 (a range may not pass midnight). */
const CLOCK_OPEN = 7 * 60;
const CLOCK_CLOSE = 23 * 60 + 45;

export class Timeline {
  private readonly form: ExclusionForm;
  /** Per group, where its next row may start (the unit of the kind, from the epoch). */
  private readonly next = new Map<string, number>();
  /** Lengths and gaps drawn (SHAPE, shrunk for a group expected to hold many rows). */
  private readonly length: [number, number];
  private readonly gap: [number, number];
  private readonly shape: { length: [number, number]; gap: [number, number]; step: number };

  /** `perGroup`: about how many rows the busiest group gets. */
  constructor(form: ExclusionForm, perGroup: number) {
    this.form = form;
    const s = this.shape = (form.lasts ? LASTING[form.lasts][form.range.kind] : undefined) ?? SHAPE[form.range.kind];
    // Ranges that last months (versions, contracts) get a longer history: three times the span.
    const span = (SPAN[form.range.kind] ?? NaN) * (form.lasts === 'months' ? 3 : 1);
    const mean = (s.length[0] + s.length[1] + s.gap[0] + s.gap[1]) / 2;
    // A thousand maintenance windows in one table stay in recent years, shorter and closer.
    const k = perGroup * mean > span ? span / (perGroup * mean) : 1;
    this.length = [Math.max(s.step, s.length[0] * k), Math.max(s.step, s.length[1] * k)];
    this.gap = [s.gap[0] * k, s.gap[1] * k];
  }

  /** False when an existing row of the group never ends: no row fits after it. */
  open(group: string): boolean {
    return this.next.get(group) !== Infinity;
  }

  /** Starts of groups the existing rows fill: new rows come after their last end. */
  startAfter(group: string, end: number): void {
    const have = this.next.get(group);
    if (have === undefined || end > have) this.next.set(group, end);
  }

  /**
   * Writes the next slot of `group` into the row's placed columns and moves the group past it.
   * `first` gives a start for a group's first row (its lower bound as the generator drew it);
   * `duration`, a row's duration as its column's generator draws it (a start-and-length range).
   */
  place(group: string, row: Record<string, unknown>, rng: Rng, first: () => unknown, duration?: () => unknown): void {
    const r = this.form.range;
    const kind = r.kind;
    const s = this.shape;
    const touching = r.shape === 'column' || r.touching;
    const step = (lo: number, hi: number) => { const a = Math.ceil(lo / s.step); return s.step * rng.int(a, Math.max(a, Math.floor(hi / s.step))); };
    let start = this.next.get(group);
    if (start === undefined) start = align(this.startOf(first()) + (r.shape === 'bounds' ? r.lowerShift ?? 0 : 0), s.step);
    // Inclusive at both ends ('[]'): ranges that touch overlap, so the gap is at least a step.
    else start += Math.max(touching ? 0 : s.step, step(this.gap[0], this.gap[1]));
    let length = Math.max(s.step, step(this.length[0], this.length[1]));
    if (r.shape === 'span') {
      // A fixed length; else the duration column's own value (its CHECKs and rule), in whole units.
      const d = duration && r.duration ? drawn(duration) : NaN;
      length = !r.duration ? r.per : (d > 0 && Number.isFinite(d) ? d : Math.max(1, Math.round(length / r.per))) * r.per;
    }
    if (kind === 'clock') {
      // Within one day: a slot that would pass the close moves to the next day's opening.
      const day = Math.floor(start / 1440);
      let minute = start - day * 1440;
      let d = day;
      if (minute < CLOCK_OPEN) minute = CLOCK_OPEN + step(0, 180);
      if (minute + length > CLOCK_CLOSE) { d = day + 1; minute = CLOCK_OPEN + step(0, 180); }
      if (minute + length > CLOCK_CLOSE) length = CLOCK_CLOSE - minute;
      start = d * 1440 + minute;
    }
    // A CHECK that sets the upper bound from the lower one decides the length (a year less a day).
    if (this.form.upperFrom) {
      const l = this.derivedLength(row, start);
      if (l !== undefined) length = l;
    }
    const end = start + length;
    this.next.set(group, end);
    this.write(row, start, end);
  }

  /** The range's length when its lower bound is at `start`, as the upperFrom CHECK sets the upper
   *  column from the row; undefined when it cannot be computed or is not positive (the drawn length
   *  stays, and the CHECK, tested on the row, moves the row to the next slot). */
  private derivedLength(row: Record<string, unknown>, start: number): number | undefined {
    const r = this.form.range;
    if (r.shape !== 'bounds') return undefined;
    const probe = { ...row };
    this.write(probe, start, start);
    let v: unknown;
    try { v = evaluateValue(this.form.upperFrom!.bound, probe, PG); } catch { return undefined; }
    if (v === null || v === undefined) return undefined;
    let end: number | undefined;
    if (r.kind === 'clock') {
      const m = typeof v === 'string' ? /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(v) : null;
      if (!m || (m[3] !== undefined && m[3] !== '00')) return undefined;
      end = Math.floor(start / 1440) * 1440 + Number(m[1]) * 60 + Number(m[2]);
    } else if (r.kind === 'timestamp' && !(typeof v === 'string' && parseDateTime(v) % MINUTE_MS === 0)) return undefined;
    else end = rangeEnd(this.form, [probe[r.lower], typeof v === 'object' && !(v instanceof Date) ? String(v) : v]);
    if (end === undefined || !Number.isFinite(end) || !Number.isInteger(end) || end <= start) return undefined;
    // Whole units only: a bound between two (a timestamp's seconds) would not be written back exactly.
    return end - start;
  }

  private write(row: Record<string, unknown>, start: number, end: number): void {
    const r = this.form.range;
    if (r.shape === 'column') {
      row[r.column] = r.kind === 'timestamp' ? `["${formatDateTime(start * MINUTE_MS)}","${formatDateTime(end * MINUTE_MS)}")`
        : r.kind === 'date' ? `[${formatDate(start * DAY_MS)},${formatDate(end * DAY_MS)})`
          : r.kind === 'numeric' ? `[${(start / 100).toFixed(2)},${(end / 100).toFixed(2)})`
            : `[${start},${end})`;
      return;
    }
    if (r.shape === 'span') {
      row[r.lower] = formatDateTime(start * MINUTE_MS);
      if (r.duration) row[r.duration] = (end - start) / r.per;
      return;
    }
    if (r.kind === 'clock') {
      const day = Math.floor(start / 1440);
      row[r.day!] = formatDate(day * DAY_MS);
      row[r.lower] = clock(start - day * 1440);
      row[r.upper] = clock(end - day * 1440);
      return;
    }
    const [a, b] = r.kind === 'timestamp' ? [formatDateTime(start * MINUTE_MS), formatDateTime(end * MINUTE_MS)]
      : r.kind === 'date' ? [formatDate(start * DAY_MS), formatDate(end * DAY_MS)]
        : r.kind === 'numeric' ? [start / 100, end / 100]
          : [start, end];
    row[r.lower] = r.lowerShift ? this.unshift(start, r.lowerShift) : a;
    row[r.upper] = r.upperShift ? this.unshift(end, r.upperShift) : b;
  }

  /** A bound's column value for a range bound at `at` when the bound adds `shift` to the column. */
  private unshift(at: number, shift: number): unknown {
    const kind = this.form.range.kind;
    const x = at - shift;
    return kind === 'timestamp' ? formatDateTime(x * MINUTE_MS) : kind === 'date' ? formatDate(x * DAY_MS) : kind === 'numeric' ? x / 100 : x;
  }

  /** A drawn value (a bound, or a whole range's text) in the timeline's unit; a default when it is none. */
  private startOf(v: unknown): number {
    const kind = this.form.range.kind;
    let x: unknown = v;
    if (typeof x === 'string' && /^[[(]/.test(x)) x = x.slice(1).split(',')[0].replace(/"/g, '');
    if (kind === 'integer' || kind === 'numeric') {
      const n = Number(x);
      return Number.isFinite(n) ? Math.round(kind === 'numeric' ? n * 100 : n) : 1;
    }
    const ms = typeof x === 'string' ? parseDateTime(x) : x instanceof Date ? x.getTime() : NaN;
    const at = Number.isFinite(ms) ? ms : Date.UTC(2024, 0, 1);
    return kind === 'date' ? Math.floor(at / DAY_MS) : Math.floor(at / MINUTE_MS);
  }


}

/** Where an existing row's range ends, in its timeline's unit (`values`: the placed columns,
 *  as read; a range column's text `["…","…")`): Infinity when it never ends (no upper bound),
 *  undefined when it is empty or cannot be read. */
export function rangeEnd(form: ExclusionForm, values: unknown[]): number | undefined {
  const r = form.range;
  const t = (v: unknown) => (v === null || v === undefined ? undefined : v instanceof Date ? formatDateTime(v.getTime()) : String(v));
  const unit = (x: string | undefined): number | undefined => {
    if (x === undefined || x === '') return undefined;
    if (/^infinity$/i.test(x)) return Infinity;
    if (r.kind === 'integer') return Number.isFinite(Number(x)) ? Number(x) : undefined;
    if (r.kind === 'numeric') return Number.isFinite(Number(x)) ? Math.ceil(Number(x) * 100) : undefined;
    const ms = parseDateTime(x);
    if (!Number.isFinite(ms)) return undefined;
    return r.kind === 'date' ? Math.ceil(ms / DAY_MS) : Math.ceil(ms / MINUTE_MS);
  };
  if (r.shape === 'column') {
    const m = /^[[(]"?([^",]*)"?,"?([^")\]]*)"?[)\]]$/.exec(t(values[0]) ?? '');
    return !m ? undefined : m[2] === '' ? Infinity : unit(m[2]);
  }
  if (r.shape === 'span') {
    const d = r.duration ? Number(t(values[1])) : 1;
    const at = unit(t(values[0]));
    return at === undefined || !Number.isFinite(d) || values[1] === null ? undefined : at + d * r.per;
  }
  // A NULL bound makes the constructor's range unbounded on that side.
  if (values[1] === null || values[1] === undefined || (r.kind === 'clock' && (values[2] === null || values[2] === undefined))) return Infinity;
  if (r.kind === 'clock') {
    const day = unit(t(values[2])), end = t(values[1]);
    if (day === undefined || !end) return undefined;
    const [h, mi] = end.split(':').map(Number);
    return Number.isFinite(h) && Number.isFinite(mi) ? day + h * 60 + mi : undefined;
  }
  const end = unit(t(values[1]));
  return end === undefined || r.shape !== 'bounds' || !r.upperShift ? end : end + r.upperShift;
}

/** A duration as drawn: a number, or numeric text. */
function drawn(f: () => unknown): number {
  const v = f();
  return typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
}

function align(x: number, step: number): number {
  return Math.floor(x / step) * step;
}

function clock(minute: number): string {
  const h = Math.floor(minute / 60), m = minute % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00`;
}

/** The row's group under an EXCLUDE constraint: its `=` parts' values, as text (a part that
 *  cannot be evaluated counts as its columns' values). Rows with a NULL part collide with no
 *  row; they share one timeline all the same (stricter, never wrong). */
export function groupOf(form: ExclusionForm, row: Record<string, unknown>, ctx: EvalContext): string {
  let s = '';
  for (const p of form.groupParts) {
    let v: unknown;
    try {
      v = p.kind === 'col' ? row[p.name] : evaluateValue(p, row, ctx);
    } catch {
      v = form.groupColumns.map((c) => row[c]).join('\u0001');
    }
    s += `${v === null || v === undefined ? '\u0002' : String(v)}\u0000`;
  }
  return s;
}
