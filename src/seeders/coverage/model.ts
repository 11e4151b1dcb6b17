import type { Dialect, SkippedTable, ValueKind } from '../schema/model.ts';
import type { TableCoverage } from './coverage.ts';

// The detailed coverage report: plain data (no Maps, no bigints), so JSON.stringify is the JSON
// renderer and the extension can post it to a webview as is.

/** One allowed value of a column with a finite set (IN-list CHECK or native enum). */
export interface ValueCount {
  value: string | number | boolean;
  rows: number;
}

export interface ValueSetCoverage {
  /** Where the set comes from: an `IN (...)` CHECK, or the column's enum type. */
  source: 'check' | 'enum';
  values: ValueCount[];
  reached: number;
  total: number;
  /** Allowed values no row holds. */
  unreached: (string | number | boolean)[];
  /** Non-null rows holding none of the allowed values (0 when the CHECK holds). */
  other: number;
}

export interface BooleanCoverage {
  true: number;
  false: number;
  /** Non-null rows that are neither (e.g. text 'yes' in an SQLite BOOLEAN column). */
  other: number;
  /** Branches reached: 0, 1 or 2. */
  reached: number;
}

export interface ColumnCoverage {
  column: string;
  type: string;
  kind: ValueKind;
  nullable: boolean;
  nonNull: number;
  /** null when the table has no rows. */
  nonNullPercent: number | null;
  /** Distinct non-null values; null when the database cannot compare the type (e.g. PostgreSQL json). */
  distinct: number | null;
  values?: ValueSetCoverage;
  boolean?: BooleanCoverage;
}

/** Children per parent row along one foreign key. */
export interface FanOut {
  name: string;
  columns: string[];
  parent: string;
  parentColumns: string[];
  /** Rows of the parent table. */
  parents: number;
  parentsWithChildren: number;
  parentsWithoutChildren: number;
  /** Children per parent row (parents without children count as 0); null when the parent is empty. */
  min: number | null;
  avg: number | null;
  max: number | null;
  /** Child rows with the foreign key set (every column non-null). */
  children: number;
  /** Child rows whose key matches no parent row (0 when the constraint holds). */
  orphans: number;
}

export interface TableDetail extends TableCoverage {
  columns: ColumnCoverage[];
  foreignKeys: FanOut[];
  /** Queries that could not run for this table (the rest of the report stands). */
  notes?: string[];
}

export interface Ratio {
  reached: number;
  total: number;
  /** null when total is 0. */
  percent: number | null;
}

export interface CoverageSummary {
  tables: { withData: number; total: number; percent: number; full: number; partial: number; empty: number };
  rows: number;
  /** Columns holding at least one non-null value. */
  columns: Ratio;
  /** Allowed values (IN-list CHECK / enum) held by at least one row. */
  values: Ratio;
  /** Boolean branches (true / false) reached. */
  booleans: Ratio;
  /** Parent rows with at least one child, over every foreign key. */
  parents: Ratio;
  foreignKeys: number;
}

export interface DetailedCoverage {
  /** "tables with data: N/M (P %)". */
  headline: string;
  database: string;
  dialect: Dialect;
  generatedAt: string;
  /** Target rows per table. */
  target: number;
  summary: CoverageSummary;
  tables: TableDetail[];
  skipped: SkippedTable[];
}

export interface ColumnCoverageOptions {
  /** Target rows per table (default: DEFAULT_ROWS, as `seed`). */
  rows?: number;
  /** Per-table targets (`tableTargets`: what a seed from empty makes), winning over `rows`. */
  targets?: Record<string, number>;
  /** Only these tables (default: every seedable table). */
  tables?: string[];
  /** A clock for reproducible output in tests. */
  now?: () => Date;
}

export const ratio = (reached: number, total: number): Ratio => ({ reached, total, percent: percentOf(reached, total) });

/** Percent with one decimal, as in the headline; null for 0/0. */
export function percentOf(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 1000) / 10 : null;
}
