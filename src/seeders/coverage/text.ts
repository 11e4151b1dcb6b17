import type { ColumnCoverage, DetailedCoverage, FanOut, Ratio, TableDetail } from './model.ts';
import type { CoverageReport } from './coverage.ts';
import { MANY_TABLES, MAX_LINES, skippedText } from '../many-tables.ts';
import { plural } from '../words.ts';

// The terminal rendering of a detailed coverage report: headline, one summary block, then a
// compact block per table (one line per column, one per foreign key) and the gaps at the end.

const MANY_VALUES = 8;
const MAX_LISTED = 10;
const MAX_GAPS = 40;

/** `status` as text: a line per table; with many tables (and not `all`), a line per table that is
 *  not full and a count of the full ones. */
export function formatStatusText(r: CoverageReport, options: { all?: boolean } = {}): string {
  // Names up to 60 characters keep the columns aligned (schema-qualified names run long).
  const width = Math.min(60, Math.max(40, ...r.tables.map((t) => t.table.length)));
  const line = (t: CoverageReport['tables'][number]) => `${t.table.padEnd(width)} ${String(t.rows).padStart(8)} / ${t.target}  ${t.state}${t.filledBy ? ` (filled by ${t.filledBy})` : ''}`;
  if (options.all || r.tables.length < MANY_TABLES) return [...r.tables.map(line), r.headline].join('\n');
  const open = r.tables.filter((t) => t.state !== 'full');
  const full = r.tables.length - open.length;
  const lines = open.slice(0, MAX_LINES).map(line);
  if (open.length > MAX_LINES) lines.push(`… and ${plural(open.length - MAX_LINES, 'more table')} not full`);
  if (full) lines.push(`${plural(full, 'table')} full${open.length ? '' : ' (every table)'}; status --all lists each`);
  return [...lines, r.headline].join('\n');
}

export function formatCoverageText(r: DetailedCoverage, options: { all?: boolean } = {}): string {
  const s = r.summary;
  const lines: string[] = [r.headline];
  lines.push(`rows: ${s.rows} · target ${r.target} per table: ${s.tables.full} full, ${s.tables.partial} partial, ${s.tables.empty} empty`);
  lines.push([
    `columns with values: ${ratioText(s.columns)}`,
    `allowed values reached: ${ratioText(s.values)}`,
    `boolean branches: ${ratioText(s.booleans)}`,
    `parents with children: ${ratioText(s.parents)} over ${s.foreignKeys} foreign key${s.foreignKeys === 1 ? '' : 's'}`,
  ].join(' · '));
  if (r.skipped.length) lines.push(`skipped: ${skippedText(r.skipped)}`);
  const gaps = coverageGaps(r);
  if (options.all || r.tables.length < MANY_TABLES) {
    lines.push('', 'per column: non-null %, distinct values, allowed values / boolean branches reached');
    for (const t of r.tables) lines.push('', ...tableLines(t));
  } else {
    // Many tables: the per-column blocks would be thousands of lines; the tables not full and the
    // gaps say where to look, --all / --html / --json give every column.
    const open = r.tables.filter((t) => t.state !== 'full');
    if (open.length) lines.push('', `not full (${open.length}):`);
    for (const t of open.slice(0, MAX_LINES)) lines.push(`  ${t.table}  ${t.rows}/${t.target} ${t.state}`);
    if (open.length > MAX_LINES) lines.push(`  … and ${open.length - MAX_LINES} more`);
    lines.push('', `per column (${plural(r.tables.length, 'table')}): coverage --all, --html FILE or --json`);
  }
  lines.push('', gaps.length ? `gaps (${gaps.length}):` : 'gaps: none');
  for (const g of gaps.slice(0, MAX_GAPS)) lines.push(`  ${g.message}`);
  if (gaps.length > MAX_GAPS) lines.push(`  … and ${gaps.length - MAX_GAPS} more (see --json or --html)`);
  return lines.join('\n');
}

function tableLines(t: TableDetail): string[] {
  const width = Math.min(30, Math.max(8, ...t.columns.map((c) => c.column.length)));
  const out = [`${t.table}  ${t.rows}/${t.target} ${t.state}${t.filledBy ? ` (filled by ${t.filledBy})` : ''}`];
  if (t.rows === 0) {
    // Nothing to measure per column; a parent that is empty is worth saying, though.
    for (const f of t.foreignKeys) if (f.children) out.push(`  ${fanOutText(f)}`);
    return [...out, ...(t.notes ?? []).map((n) => `  note: ${n}`)];
  }
  for (const c of t.columns) {
    const pct = (c.nonNullPercent === null ? '–' : `${c.nonNullPercent} %`).padStart(7);
    const distinct = (c.distinct === null ? '–' : String(c.distinct)).padStart(7);
    const extra = columnExtra(c);
    out.push(`  ${c.column.padEnd(width)} ${pct} ${distinct}${extra ? `  ${extra}` : ''}`.trimEnd());
  }
  for (const f of t.foreignKeys) out.push(`  ${fanOutText(f)}`);
  for (const n of t.notes ?? []) out.push(`  note: ${n}`);
  return out;
}

function columnExtra(c: ColumnCoverage): string {
  if (c.boolean) {
    const b = c.boolean;
    return `true ${b.true}, false ${b.false}${b.other ? `, other ${b.other}` : ''}`;
  }
  if (!c.values) return '';
  const v = c.values;
  const head = `${v.reached}/${v.total}`;
  const counts = v.total <= MANY_VALUES ? `: ${v.values.map((x) => `${show(x.value)} ${x.rows}`).join(', ')}` : '';
  const missing = v.unreached.length ? `; missing: ${list(v.unreached.map(show))}` : '';
  const other = v.other ? `; ${v.other} outside the set` : '';
  return `${head}${counts}${missing}${other}`;
}

export function fanOutText(f: FanOut): string {
  const head = `${f.columns.join(', ')} → ${f.parent}(${f.parentColumns.join(', ')})`;
  if (!f.parents) return `${head}: parent is empty${f.children ? `; ${f.children} children point nowhere` : ''}`;
  const per = `children per parent min ${f.min} · avg ${f.avg?.toFixed(2)} · max ${f.max}`;
  const orphans = f.orphans ? `; ${f.orphans} orphans` : '';
  return `${head}: ${per}; ${f.parentsWithoutChildren}/${f.parents} parents without children${orphans}`;
}

/** What a reader should look at: empty tables, columns never filled, values and branches never reached. */
export interface CoverageGap {
  table: string;
  /** One line, naming the table (and column). */
  message: string;
}

export function coverageGaps(r: DetailedCoverage): CoverageGap[] {
  const out: CoverageGap[] = [];
  for (const t of r.tables) {
    const push = (message: string) => out.push({ table: t.table, message });
    if (t.rows === 0) {
      push(`${t.table}: empty (0/${t.target})`);
      continue;
    }
    for (const c of t.columns) {
      const at = `${t.table}.${c.column}`;
      if (c.nonNull === 0) push(`${at}: no values`);
      else if (c.boolean && c.boolean.reached < 2) push(`${at}: never ${c.boolean.true ? 'false' : 'true'}`);
      else if (c.values?.unreached.length) push(`${at}: never ${list(c.values.unreached.map(show), ' or ')}`);
      if (c.values?.other) push(`${at}: ${c.values.other} rows outside the allowed values`);
    }
    for (const f of t.foreignKeys) {
      if (f.orphans) push(`${t.table}.${f.columns.join(', ')}: ${f.orphans} orphans (no ${f.parent} row)`);
    }
  }
  return out;
}

export function ratioText(x: Ratio): string {
  return x.total ? `${x.reached}/${x.total} (${x.percent} %)` : '0/0';
}

function show(v: string | number | boolean): string {
  return typeof v === 'string' && !/^[\p{L}\p{N}_.:+@/-]+$/u.test(v) ? JSON.stringify(v) : String(v);
}

function list(items: string[], sep = ', '): string {
  return items.length > MAX_LISTED ? `${items.slice(0, MAX_LISTED).join(sep)} … (+${items.length - MAX_LISTED})` : items.join(sep);
}
