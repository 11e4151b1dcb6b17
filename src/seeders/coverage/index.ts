// Coverage: table-level (status) and detailed (per column, per foreign key), with renderers.
export { coverage } from './coverage.ts';
export type { CoverageReport, TableCoverage } from './coverage.ts';
export { columnCoverage, allowedValues, fanOut } from './columns.ts';
export type {
  BooleanCoverage, ColumnCoverage, ColumnCoverageOptions, CoverageSummary, DetailedCoverage, FanOut, Ratio, TableDetail,
  ValueCount, ValueSetCoverage,
} from './model.ts';
export { coverageGaps, formatCoverageText, formatStatusText } from './text.ts';
export type { CoverageGap } from './text.ts';
export { coverageHtml } from './html.ts';
