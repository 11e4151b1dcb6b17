import type { Driver } from '../driver.ts';
import { SeedbedError } from '../errors.ts';

// Portable SQL for the coverage queries: every identifier through the driver's quoting,
// every value a bound parameter numbered by the driver (`?` on SQLite, `$i` on PostgreSQL).

export interface Sql {
  qt(table: string): string;
  qc(column: string): string;
  run(text: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  placeholder(i: number): string;
}

const ansi = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function sqlFor(driver: Driver): Sql {
  const query = driver.query?.bind(driver);
  if (!query) {
    throw new SeedbedError('UNSUPPORTED', `Coverage needs read queries, which the ${driver.dialect} driver does not offer yet.`);
  }
  return {
    qt: (t) => (driver.quoteTable ? driver.quoteTable(t) : ansi(t)),
    qc: (c) => (driver.quoteColumn ? driver.quoteColumn(c) : ansi(c)),
    run: (text, params) => query(text, params),
    placeholder: (i) => (driver.placeholder ? driver.placeholder(i) : '?'),
  };
}

/** One select-list expression; `sql` gets a function that binds a value and returns its placeholder. */
export interface Aggregate {
  alias: string;
  sql: (bind: (value: unknown) => string) => string;
}

// Result columns per statement: SQLite allows 2000, PostgreSQL 1664.
const MAX_EXPRESSIONS = 1000;

/** Runs `SELECT <aggregates> FROM <from>`, split only when a table is very wide. */
export async function aggregate(sql: Sql, from: string, aggregates: Aggregate[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < aggregates.length || i === 0; i += MAX_EXPRESSIONS) {
    const part = aggregates.slice(i, i + MAX_EXPRESSIONS);
    const params: unknown[] = [];
    const bind = (v: unknown) => {
      params.push(v);
      return sql.placeholder(params.length);
    };
    const list = part.length ? part.map((a) => `${a.sql(bind)} AS ${a.alias}`).join(', ') : 'count(*) AS n';
    const [row] = await sql.run(`SELECT ${list} FROM ${from}`, params);
    Object.assign(out, row);
    if (!aggregates.length) break;
  }
  return out;
}

/** Counts come back as numbers (SQLite), bigint text or numeric text (PostgreSQL), or null. */
export function num(v: unknown): number {
  if (v === null || v === undefined) return 0;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : 0;
}

export function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : num(v);
}
