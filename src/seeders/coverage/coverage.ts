import { DEFAULT_ROWS } from '../plan/plan.ts';
import type { SchemaInfo } from '../schema/model.ts';
import { filledTables } from '../plan/filled.ts';

// Table coverage: rows against the target, and the headline the seeds ask for:
// "tables with data: 126/126 (100 %)".

export interface TableCoverage {
  table: string;
  rows: number;
  target: number;
  state: 'empty' | 'partial' | 'full';
  /** The database fills it (`trigger history_ai on messages`): its rows are what it got. */
  filledBy?: string;
}

export interface CoverageReport {
  tables: TableCoverage[];
  withData: number;
  total: number;
  percent: number;
  headline: string;
}

/** `targets`: per-table targets (a config's sizes); a table wanted empty (target 0) is full. */
export function coverage(schema: SchemaInfo, counts: Map<string, number>, rows = DEFAULT_ROWS, targets: Record<string, number> = {}): CoverageReport {
  const filled = filledTables(schema);
  const tables = schema.tables.map((t): TableCoverage => {
    const n = counts.get(t.name) ?? 0;
    const by = filled.get(t.name)?.text;
    if (by) return { table: t.name, rows: n, target: n, state: 'full', filledBy: by };
    const target = Object.hasOwn(targets, t.name) ? targets[t.name] : rows;
    const state: TableCoverage['state'] = n >= target ? 'full' : n === 0 ? 'empty' : 'partial';
    return { table: t.name, rows: n, target, state };
  });
  const withData = tables.filter((t) => t.rows > 0).length;
  const total = tables.length;
  const percent = total ? Math.round((withData / total) * 1000) / 10 : 0;
  return { tables, withData, total, percent, headline: `tables with data: ${withData}/${total} (${percent} %)` };
}
