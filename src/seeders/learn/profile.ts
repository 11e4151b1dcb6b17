import type { Driver } from '../driver.ts';
import { formatDate, formatDateTime } from '../generate/format.ts';
import type { ColumnInfo, SchemaInfo, TableInfo } from '../schema/model.ts';
import { nameRecord } from '../own.ts';

// What the rows already in a table look like, read once before planning from a bounded sample
// (SAMPLE_ROWS per table, only of tables that hold rows and get more): per column its NULL share
// and its values as generators make them (numbers, booleans, dates as text). Plain data, so a
// plan made in a worker thread learns the same (learn/generators.ts turns it into generators).

/** Rows read per table: enough for value sets and quantiles, cheap on any table. */
export const SAMPLE_ROWS = 1000;

export interface ColumnProfile {
  /** Rows sampled, and how many of them hold NULL. */
  rows: number;
  nulls: number;
  /** The non-NULL values, sorted (numbers ascending, dates by time, text by code point). */
  values: unknown[];
  /** Dates: epoch ms of each value (aligned with `values`), and how the column writes them. */
  times?: number[];
  dateForm?: 'date' | 'midnight' | 'datetime';
  /** Numbers: most decimal places seen (0: integers only). */
  decimals?: number;
}

export interface TableProfile {
  /** Rows in the table, and how many of them were read. */
  existing: number;
  sampled: number;
  columns: Record<string, ColumnProfile>;
}

export type Profiles = Record<string, TableProfile>;

/** Columns whose values can be learned: written by Seedbed, of a plain value kind. */
export function learnableColumns(table: TableInfo): ColumnInfo[] {
  return table.columns.filter((c) => !c.generated && !c.element && !c.partition && c.kind !== 'blob' && c.kind !== 'unknown' && c.kind !== 'time');
}

/** Profiles of the tables `wanted` says will get rows, among those that hold rows already. */
export async function readProfiles(driver: Driver, schema: SchemaInfo, existing: Map<string, number>, wanted: (table: string) => boolean): Promise<Profiles | undefined> {
  if (!driver.sampleRows) return undefined;
  const asks: { table: TableInfo; cols: ColumnInfo[]; have: number }[] = [];
  for (const t of schema.tables) {
    const have = existing.get(t.name) ?? 0;
    if (have <= 0 || t.virtual || !wanted(t.name)) continue;
    const cols = learnableColumns(t);
    if (cols.length) asks.push({ table: t, cols, have });
  }
  const requests = asks.map((a) => ({ table: a.table, columns: a.cols.map((c) => c.name) }));
  const samples = driver.sampleRowsMany && asks.length > 1
    ? await driver.sampleRowsMany(requests, SAMPLE_ROWS)
    : await Promise.all(requests.map((q) => driver.sampleRows!(q.table, q.columns, SAMPLE_ROWS)));
  let out: Profiles | undefined;
  asks.forEach((a, i) => {
    if (samples[i].length) (out ??= {})[a.table.name] = profileRows(a.have, a.cols, samples[i]);
  });
  return out;
}

/** The profile of sampled rows (values as the driver read them: PostgreSQL's as text). */
export function profileRows(existing: number, cols: ColumnInfo[], rows: unknown[][]): TableProfile {
  const columns = nameRecord<ColumnProfile>();
  cols.forEach((col, j) => {
    const values: unknown[] = [];
    let nulls = 0;
    for (const r of rows) {
      const v = normalise(col, r[j]);
      if (v === null) nulls++;
      else values.push(v);
    }
    columns[col.name] = describe(col, rows.length, nulls, values);
  });
  return { existing, sampled: rows.length, columns };
}

function describe(col: ColumnInfo, rows: number, nulls: number, values: unknown[]): ColumnProfile {
  const p: ColumnProfile = { rows, nulls, values };
  if (col.kind === 'date' || col.kind === 'datetime') {
    const dated = values.map((v) => ({ v, t: typeof v === 'string' ? parseTime(v) : NaN })).filter((x) => !Number.isNaN(x.t));
    // Not dates after all (a text-typed DATETIME holding something else): values only.
    if (dated.length === values.length && dated.length) {
      dated.sort((a, b) => a.t - b.t);
      p.times = dated.map((x) => x.t);
      p.values = dated.map((x) => x.v);
      const dayOnly = dated.every((x) => (x.v as string).length <= 10);
      p.dateForm = dayOnly || col.kind === 'date' ? 'date' : p.times.every((t) => t % 86_400_000 === 0) ? 'midnight' : 'datetime';
      p.values = p.values.map((v, i) => (p.dateForm === 'date' ? formatDate(p.times![i]) : formatDateTime(p.times![i])));
    }
    return p;
  }
  if (typeof values[0] === 'number' && values.every((v) => typeof v === 'number')) {
    (values as number[]).sort((a, b) => a - b);
    p.decimals = Math.max(0, ...(values as number[]).map(decimalPlaces));
    return p;
  }
  values.sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  return p;
}

/** A read value as the engine's generators make it: numbers, booleans, text. */
function normalise(col: ColumnInfo, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  switch (col.kind) {
    case 'integer': case 'bigint': case 'real': case 'decimal': {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? n : v;
    }
    case 'boolean':
      if (v === true || v === 1 || v === 't' || v === 'true' || v === '1') return true;
      if (v === false || v === 0 || v === 'f' || v === 'false' || v === '0') return false;
      return v;
    default:
      return v instanceof Date ? formatDateTime(v.getTime()) : typeof v === 'string' ? v : Buffer.isBuffer(v) ? null : String(v);
  }
}

function decimalPlaces(x: number): number {
  if (Number.isInteger(x)) return 0;
  const s = String(x);
  const e = s.indexOf('e');
  if (e >= 0) return Math.min(10, Math.max(0, -Number(s.slice(e + 1))));
  return Math.min(10, s.length - s.indexOf('.') - 1);
}

/** Epoch ms of a date or timestamp as text (`2021-03-04`, `2021-03-04 05:06:07[.123][+02]`); NaN otherwise. */
export function parseTime(v: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(v.trim());
  if (!m) return NaN;
  let t = Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  const z = m[7];
  if (z && z !== 'Z') {
    const sign = z[0] === '-' ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    t -= sign * (+digits.slice(0, 2) * 60 + +(digits.slice(2) || 0)) * 60_000;
  }
  return t;
}
