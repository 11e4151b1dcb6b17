import type { SeedEvent } from '../seeders/index.ts';
import { noun, plural } from '../seeders/words.ts';
import { visible } from '../seeders/safe-text.ts';
import type { Overview, TableSummary } from './protocol.ts';

// Text the extension shows: pure functions, so the Mocha suites and node tests can check them.

export interface Coverage {
  table: string;
  rows: number;
  target: number;
  state: 'empty' | 'partial' | 'full';
  /** The database fills it (a trigger, an FTS rebuild): its rows are what it got. */
  filledBy?: string;
}

export function percent(rows: number, target: number): number {
  if (target <= 0) return 100; // a scenario that wants the table empty
  return Math.min(100, Math.round((rows / target) * 100));
}

/** `250/250 rows · 100%` */
export function coverageDescription(c: Coverage): string {
  if (c.filledBy) return `${c.rows} rows · filled by ${c.filledBy}`;
  return `${c.rows}/${c.target} rows · ${percent(c.rows, c.target)}%`;
}

/** `Seedbed 118/126 tables`, and ` · light` when a config scenario is in use. */
export function statusText(o: Overview | undefined): string {
  if (!o) return 'Seedbed';
  return `Seedbed ${o.coverage.withData}/${o.coverage.total} tables${scenarioOf(o) ? ` · ${scenarioOf(o)}` : ''}`;
}

/** The scenario the next seed uses (undefined: none, or the config is not in use). */
export function scenarioOf(o: Overview | undefined): string | undefined {
  const c = o?.config;
  return c && !c.ignored && !c.error ? c.scenario : undefined;
}

export const ignoredConfigText = (file: string, shortPath: (file: string) => string = (f) => f): string =>
  `${shortPath(file)} is not used: this workspace is not trusted (a config file is code).`;

/** One line about the config for tooltips and the Output channel. */
export function configText(o: Overview | undefined, shortPath: (file: string) => string = (f) => f): string | undefined {
  const c = o?.config;
  if (!c) return undefined;
  if (c.ignored) return ignoredConfigText(c.file, shortPath);
  if (c.error) return `${shortPath(c.file)} cannot be used: ${c.error.message}${c.error.fix ? ` Fix: ${c.error.fix}` : ''}`;
  return `Config ${shortPath(c.file)}${c.scenario ? `, scenario ${c.scenario}` : ', no scenario'}`;
}

export interface Edge {
  dir: 'out' | 'in';
  /** The table this edge leads to when clicked. */
  other: string;
  columns: string[];
  refColumns: string[];
  nullable: boolean;
  label: string;
}

/** Outgoing (`→ classes via class_id`) then incoming (`← student_marks.student_id`) edges of a table. */
export function edgesOf(overview: Overview, table: string): Edge[] {
  return edgeIndex(overview).get(table) ?? [];
}

/** The edges of every table (out, then in sorted by label), in one pass over the foreign keys. */
export function edgeIndex(o: Overview): Map<string, Edge[]> {
  const out = new Map<string, Edge[]>(o.tables.map((t) => [t.name, []]));
  const incoming = new Map<string, Edge[]>(o.tables.map((t) => [t.name, []]));
  for (const t of o.tables) {
    for (const f of t.foreignKeys) {
      const how = f.undeclared ? ` (${f.undeclared})` : '';
      out.get(t.name)!.push({ dir: 'out', other: f.refTable, columns: f.columns, refColumns: f.refColumns, nullable: f.nullable, label: `→ ${f.refTable} via ${f.columns.join(', ')}${how}` });
      incoming.get(f.refTable)?.push({ dir: 'in', other: t.name, columns: f.columns, refColumns: f.refColumns, nullable: f.nullable, label: `← ${t.name}.${f.columns.join(', ')}${how}` });
    }
  }
  const all = new Map<string, Edge[]>();
  for (const [name, edges] of out) all.set(name, [...edges, ...incoming.get(name)!.sort((a, b) => a.label.localeCompare(b.label))]);
  return all;
}

export function findTable(overview: Overview, name: string): TableSummary | undefined {
  return overview.tables.find((t) => t.name === name);
}

const n = (x: number) => x.toLocaleString('en-US');

/** One Output-channel line per engine event (or none). */
export function eventLine(e: SeedEvent): string | undefined {
  switch (e.type) {
    case 'start':
      return `Seeding ${e.tables} ${noun(e.tables, 'table')}, ${n(e.rows)} ${noun(e.rows, 'row')} (seed ${e.seed})`;
    case 'table-start':
      return undefined;
    case 'progress':
      return undefined;
    case 'table-done':
      return `  ${e.table}: ${n(e.rows)} ${noun(e.rows, 'row')} · ${n(e.rowsPerSecond)} rows/s · ${e.ms.toFixed(0)} ms${e.dropped ? ` (${e.dropped} left out: ${e.dropNote ?? 'no distinct value left for a unique key'})` : ''}`;
    case 'fill-after':
      return `  ${e.table}: closed a cycle, updated ${n(e.rows)} ${noun(e.rows, 'row')}`;
    case 'stalled':
      return `  warning: ${e.message}`;
    case 'left-out':
      return `  ${e.table}: cannot fill: ${e.reason}; starting again without it`;
    case 'commit':
      return 'Committed.';
    case 'rollback':
      return `Rolled back (${e.reason}): the database is as it was.`;
    case 'done':
      return `Done: ${n(e.rows)} ${noun(e.rows, 'row')} in ${(e.ms / 1000).toFixed(2)} s (${n(e.rowsPerSecond)} rows/s)`;
  }
}

// ---- Tooltips: database text is text, never markup ----------------------------------------------
// A table named `<img src=x onerror=…>` or `[docs](command:…)` must show as those characters. The
// tooltips are plain strings, not MarkdownStrings: VS Code turns a Markdown tooltip into plain text
// for the tree by decoding it and parsing the result as HTML again, so even entity-escaped Markdown
// made it try to run `onerror` (blocked by its CSP, but attempted). Plain text is never parsed.

/** The tooltip of a table in the tree: coverage, then its columns and how the plan fills them. */
export function tableTooltipText(o: Overview, name: string, cov: Coverage, edges: Edge[]): string {
  const t = findTable(o, name);
  const how = o.columnsHow[name] ?? {};
  const columns = t?.columns ?? [];
  const lines = [`${visible(name)} — ${cov.rows}/${cov.target} rows (${percent(cov.rows, cov.target)} %, ${cov.state === 'full' ? 'at target' : cov.state})`, ''];
  lines.push(`Columns covered by the plan: ${columns.filter((c) => how[c.name]).length}/${columns.length}`);
  for (const c of columns.slice(0, 25)) {
    lines.push(`• ${visible(c.name)} ${visible(c.type || 'ANY')}${c.pk ? ' PK' : ''}${c.nullable ? '' : ' NOT NULL'}${how[c.name] ? ` — ${visible(how[c.name])}` : ''}`);
  }
  if (columns.length > 25) lines.push(`• … ${columns.length - 25} more`);
  const out = edges.filter((e) => e.dir === 'out').length;
  lines.push('', `${out} foreign key(s) out, ${edges.length - out} in`);
  return lines.join('\n');
}

/** The tooltip of the connection row: where it points, coverage, config, the last error. */
export function connectionTooltipText(p: { display?: string; from?: string; headline?: string; config?: string; error?: string }): string {
  const para = (s: string | undefined) => (s ? `\n\n${visible(s, '\n')}` : '');
  return `${visible(p.display ?? 'not configured')}${p.from ? visible(p.from) : ''}${para(p.headline)}${para(p.config)}${para(p.error)}\n\nClick to select another connection.`;
}

/** A notification's text: VS Code renders `[text](command:…)` in a notification as a link that
 *  runs the command, so a `](` from a database name gets a word joiner (U+2060) between: the text
 *  looks the same and links nothing. Invisible characters are shown escaped. */
export function noticeText(text: string): string {
  return visible(text, '\n').replaceAll('](', ']\u2060(');
}

/** What "Seed Table" says before it runs: the rows the table gets and those its empty parents
 *  need first (from a plan of that one table). */
export function seedTableText(table: string, planned: readonly { name: string; count: number; added: boolean }[]): string {
  const own = planned.find((t) => t.name === table);
  const parents = planned.filter((t) => t.added && t.count > 0);
  const mine = own?.count ?? 0;
  const head = `${visible(table)} gets ${n(mine)} ${noun(mine, 'row')}.`;
  if (!parents.length) return `${head} Its parents already have the rows it needs.`;
  const shown = parents.slice(0, 8).map((t) => `${visible(t.name)} ${n(t.count)}`).join(', ');
  const more = parents.length > 8 ? `, … ${parents.length - 8} more` : '';
  const total = parents.reduce((a, t) => a + t.count, 0);
  return `${head} Its empty parents need rows first: ${shown}${more} (${plural(parents.length, 'table')}, ${n(total)} ${noun(total, 'row')}).`;
}
