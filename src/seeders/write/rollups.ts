import type { Driver } from '../driver.ts';
import type { Rollup } from '../plan/rollups.ts';

// The SQL that sets a rollup (plan/rollups.ts) on the run's own parent rows, a key range: every
// such parent first gets 0 (no lines, nothing to pay), then the sum of its lines, rounded to the
// column's scale; a sum the column cannot hold (numeric(p, s)) leaves that row at 0. One
// aggregate over the child table, not a subquery per parent (child foreign keys are often not
// indexed). UPDATE … FROM is in both SQLite (3.33+) and PostgreSQL.

export function rollupSql(driver: Driver, r: Rollup, range: { lo: number; hi: number }): { sql: string; params: unknown[] }[] {
  const qt = (t: string) => driver.quoteTable!(t);
  const qc = (c: string) => driver.quoteColumn!(c);
  const ph = (i: number) => driver.placeholder!(i);
  const parent = qt(r.parent);
  const key = `${parent}.${qc(r.key)}`;
  const fk = qc(r.fkColumn);
  const line = 'amount' in r.line ? qc(r.line.amount) : `${qc(r.line.quantity)} * ${qc(r.line.price)}`;
  const fits = Number.isFinite(r.limit) ? ` AND abs(s.v) <= ${r.limit}` : '';
  const params = [range.lo, range.hi];
  return [
    { sql: `UPDATE ${parent} SET ${qc(r.column)} = 0 WHERE ${key} BETWEEN ${ph(1)} AND ${ph(2)}`, params },
    {
      sql: `UPDATE ${parent} SET ${qc(r.column)} = s.v FROM (SELECT ${fk} AS k, round(CAST(sum(${line}) AS NUMERIC), ${r.scale}) AS v FROM ${qt(r.child)}`
        + ` WHERE ${fk} BETWEEN ${ph(1)} AND ${ph(2)} GROUP BY ${fk}) AS s WHERE ${key} = s.k${fits}`,
      params,
    },
  ];
}
