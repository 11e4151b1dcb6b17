import { DEFAULT_ROWS } from '../plan/plan.ts';
import type { SchemaInfo } from '../schema/model.ts';

// Table coverage: rows against the target, and the headline the seeds ask for:
// "tables with data: 126/126 (100 %)".

export interface TableCoverage {
  table: string;
  rows: number;
  target: number;
  state: 'empty' | 'partial' | 'full';
}

export interface CoverageReport {
  tables: TableCoverage[];
  withData: number;
  total: number;
  percent: number;
  headline: string;
}

export function coverage(schema: SchemaInfo, counts: Map<string, number>, target = DEFAULT_ROWS): CoverageReport {
  const tables = schema.tables.map((t) => {
    const rows = counts.get(t.name) ?? 0;
    const state: TableCoverage['state'] = rows === 0 ? 'empty' : rows >= target ? 'full' : 'partial';
    return { table: t.name, rows, target, state };
  });
  const withData = tables.filter((t) => t.rows > 0).length;
  const total = tables.length;
  const percent = total ? Math.round((withData / total) * 1000) / 10 : 0;
  return { tables, withData, total, percent, headline: `tables with data: ${withData}/${total} (${percent} %)` };
}
