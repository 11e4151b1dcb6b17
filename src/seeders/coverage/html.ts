import type { ColumnCoverage, DetailedCoverage, FanOut, Ratio, TableDetail } from './model.ts';
import { COVERAGE_CSS } from './html-style.ts';
import { coverageGaps } from './text.ts';
import { plural } from '../words.ts';

// The coverage report as HTML, one renderer for both places that show it: `seedbed coverage
// --html` (a self-contained file: inline CSS, no script, nothing remote) and the editor's webview
// (views/coveragePanel.ts, `interactive`: sortable headers, a filter, "reveal in the tree" links,
// all run by media/coverage.js). Per table rows against the target; per column non-null %,
// distinct values, CHECK/enum values reached; per foreign key the fan-out. Every name and value
// from the database goes through esc(); no inline style or script anywhere in the body (the
// webview's CSP allows neither): bars are <meter>s, colours are COVERAGE_CSS's.

export { COVERAGE_CSS } from './html-style.ts';

export interface CoverageHtmlOptions {
  /** The page's heading (default "Seedbed coverage"). */
  heading?: string;
  /** Where the targets come from, in the line under the headline (default "target N rows per
   *  table", or "targets per table from the seed plan" when they differ). */
  targets?: string;
  /** For a page that runs media/coverage.js: sortable headers, the filter, and table names that
   *  reveal the table in the Seedbed view. Without: plain tables whose names jump to the table's
   *  section below. */
  interactive?: boolean;
}

/** Above this many tables, only tables with gaps start expanded. */
const OPEN_ALL_UP_TO = 20;
const MAX_GAPS = 60;
const STATE_ORDER = { empty: 0, partial: 1, full: 2 } as const;

/** `seedbed coverage --html`: the whole page, self-contained. */
export function coverageHtml(r: DetailedCoverage, options: CoverageHtmlOptions = {}): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Seedbed coverage · ${esc(r.headline)}</title>
<style>${COVERAGE_CSS}</style>
</head>
<body>
${coverageBody(r, options)}
</body>
</html>
`;
}

/** The page's body (the webview puts it in its own page, with COVERAGE_CSS and its script). */
export function coverageBody(r: DetailedCoverage, options: CoverageHtmlOptions = {}): string {
  const s = r.summary;
  const gaps = coverageGaps(r);
  const withGaps = new Set(gaps.map((g) => g.table));
  const open = (t: TableDetail) => r.tables.length <= OPEN_ALL_UP_TO || withGaps.has(t.table);
  const ctx: Ctx = { interactive: !!options.interactive, section: new Map(r.tables.map((t, i) => [t.table, i])) };
  const th = header(ctx);
  const uniform = r.tables.every((t) => t.filledBy || t.target === r.target);
  const targets = options.targets ?? (uniform ? `target ${r.target} rows per table` : 'targets per table from the seed plan');
  return `<header>
<h1>${esc(options.heading ?? 'Seedbed coverage')}</h1>
<p class="headline">${esc(r.headline)}</p>
<p class="meta">${esc(r.database)} · ${esc(r.dialect)} · ${plural(s.rows, 'row')} · ${esc(targets)} · ${esc(r.generatedAt)}</p>
</header>
<section class="cards" aria-label="Summary">
${card('Tables with data', { reached: s.tables.withData, total: s.tables.total, percent: s.tables.percent }, `${s.tables.full} full · ${s.tables.partial} partial · ${s.tables.empty} empty`)}
${card('Columns with values', s.columns, 'non-null in at least one row')}
${card('Allowed values reached', s.values, 'IN-list CHECKs and enums')}
${card('Boolean branches', s.booleans, 'true and false')}
${card('Parents with children', s.parents, `over ${plural(s.foreignKeys, 'foreign key')}`)}
</section>
${r.skipped.length ? `<p class="meta">Not seeded: ${r.skipped.map((t) => `<code>${esc(t.name)}</code> (${esc(t.reason)})`).join(', ')}</p>` : ''}
<details class="gaps"${gaps.length && gaps.length <= 12 ? ' open' : ''}>
<summary><h2>Gaps <span class="count">${gaps.length}</span></h2></summary>
${gaps.length ? `<ul>${gaps.slice(0, MAX_GAPS).map((g) => `<li>${esc(g.message)}</li>`).join('')}${gaps.length > MAX_GAPS ? `<li class="muted">… and ${gaps.length - MAX_GAPS} more, in the tables below</li>` : ''}</ul>` : '<p class="ok">None: every table has rows, every column values, every allowed value and boolean branch is reached.</p>'}
</details>
<section>
<h2>Tables <span class="count">${r.tables.length}</span></h2>
${ctx.interactive ? '<p class="tools"><input type="search" id="filter" placeholder="Filter tables by name" aria-label="Filter tables by name"> <span id="shown" class="muted"></span></p>\n' : ''}<table class="${ctx.interactive ? 'sortable ' : ''}index" id="index">
<thead><tr>${th('Table', 'text', ctx.interactive ? 'Click a name to reveal the table in the Seedbed view' : 'Click a name for its columns and foreign keys')}${th('Rows', 'num')}${th('Target', 'num')}${th('Of target', 'num')}${th('State', 'num', undefined, 'text')}${th('Columns with values', 'num')}${th('Values reached', 'num', 'Allowed values (IN-list CHECK, enum) held by at least one row')}${th('FKs', 'num', 'Foreign keys of this table')}${th('Parents without children', 'num', 'Over the foreign keys of this table: parent rows no row of it references')}</tr></thead>
<tbody>
${r.tables.map((t, i) => indexRow(t, i, ctx)).join('\n')}
</tbody>
</table>
</section>
<section id="details">
${r.tables.map((t, i) => tableSection(t, i, open(t), ctx)).join('\n')}
</section>`;
}

interface Ctx {
  interactive: boolean;
  /** Each table's section (`#t<i>`), for links to a parent table. */
  section: Map<string, number>;
}

/** A column header; interactive ones sort (`type` picks numeric or text order, cells carry
 *  `data-v`). `align`: a column sorted by number whose cells are not numbers (a state, chips). */
const header = (ctx: Ctx) => (label: string, type: 'num' | 'text', title?: string, align = type) =>
  `<th${ctx.interactive ? ` data-sort="${type}" tabindex="0" aria-sort="none"` : ''}${title ? ` title="${esc(title)}"` : ''}${align === 'num' ? ' class="num"' : ''}>${esc(label)}</th>`;
const numCell = (v: number | null, text = v === null ? '–' : String(v), cls = '') =>
  `<td class="num${cls ? ` ${cls}` : ''}" data-v="${v ?? -1}">${text}</td>`;

function card(title: string, x: Ratio, sub: string): string {
  return `<div class="card"><div class="label">${esc(title)}</div><div class="big">${x.total ? `${x.reached}/${x.total}` : '–'}</div>${meter(x.percent)}<div class="sub">${x.percent === null ? 'none' : `${x.percent} %`} · ${esc(sub)}</div></div>`;
}

/** A bar; low/high/optimum make the browser colour it by level (COVERAGE_CSS picks the colours). */
function meter(percent: number | null): string {
  const p = percent === null ? 0 : Math.max(0, Math.min(100, percent));
  return `<meter min="0" max="100" low="50" high="99.9" optimum="100" value="${p}" aria-label="${p} %"></meter>`;
}

// A table wanted empty (target 0) is at its target.
const ofTarget = (t: TableDetail) => (t.target ? Math.min(100, Math.round((t.rows / t.target) * 1000) / 10) : 100);

/** A table's name: in the webview it reveals the table in the tree (▾ opens its section here);
 *  in the file it jumps to its section. */
function tableLink(name: string, i: number, ctx: Ctx): string {
  const n = esc(name);
  return ctx.interactive
    ? `<a href="#" class="reveal" data-reveal="${n}" title="Reveal ${n} in the Seedbed view">${n}</a> <a href="#t${i}" class="jump" title="Columns and foreign keys of ${n}" aria-label="Columns and foreign keys of ${n}">▾</a>`
    : `<a href="#t${i}" title="Columns and foreign keys of ${n}">${n}</a>`;
}

function indexRow(t: TableDetail, i: number, ctx: Ctx): string {
  const cols = t.columns.filter((c) => c.nonNull > 0).length;
  const sets = t.columns.flatMap((c) => (c.values ? [c.values] : []));
  const reached = sets.reduce((a, v) => a + v.reached, 0);
  const total = sets.reduce((a, v) => a + v.total, 0);
  const pct = ofTarget(t);
  const without = t.foreignKeys.reduce((a, f) => a + f.parentsWithoutChildren, 0);
  const colsPct = t.columns.length ? Math.round((cols / t.columns.length) * 1000) / 10 : 100;
  const valuesPct = total ? Math.round((reached / total) * 1000) / 10 : -1;
  return `<tr data-table="${esc(t.table)}"><td>${tableLink(t.table, i, ctx)}</td>${numCell(t.rows)}${numCell(t.target, t.filledBy ? `<span title="${esc(`filled by ${t.filledBy}`)}">–</span>` : String(t.target))}<td class="num" data-v="${pct}">${meter(pct)} ${pct} %</td><td data-v="${STATE_ORDER[t.state]}"><span class="state ${t.state}">${t.state}</span></td>${numCell(colsPct, `${cols}/${t.columns.length}`, cols < t.columns.length && t.rows ? 'warn' : '')}${numCell(valuesPct, total ? `${reached}/${total}` : '–', reached < total ? 'warn' : '')}${numCell(t.foreignKeys.length)}${numCell(without, String(without), without ? 'warn' : '')}</tr>`;
}

function tableSection(t: TableDetail, i: number, open: boolean, ctx: Ctx): string {
  const th = header(ctx);
  const sortable = ctx.interactive ? 'sortable ' : '';
  return `<details id="t${i}" data-table="${esc(t.table)}"${open ? ' open' : ''}>
<summary><span class="tname">${esc(t.table)}</span> <span class="num">${t.rows}/${t.target}</span> <span class="state ${t.state}">${t.state}</span>${t.filledBy ? ` <span class="muted">filled by ${esc(t.filledBy)}</span>` : ''}${ctx.interactive ? ` <a href="#" class="reveal" data-reveal="${esc(t.table)}">reveal in the tree</a>` : ''}</summary>
<table class="${sortable}cols">
<thead><tr>${th('Column', 'text')}${th('Type', 'text')}${th('Non-null', 'num')}${th('Distinct', 'num')}${th('Values reached', 'num', 'CHECK / enum values, or boolean branches, held by at least one row', 'text')}</tr></thead>
<tbody>
${t.columns.map(columnRow).join('\n')}
</tbody>
</table>
${t.foreignKeys.length ? fanOutTable(t.foreignKeys, ctx) : ''}
${(t.notes ?? []).map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
</details>`;
}

function columnRow(c: ColumnCoverage): string {
  const pct = c.nonNullPercent;
  const nn = pct === null ? '<span class="muted">no rows</span>' : `${meter(pct)} ${pct} %`;
  const [reached, total] = c.boolean ? [c.boolean.reached, 2] : c.values ? [c.values.reached, c.values.total] : [0, 0];
  return `<tr${c.nonNull === 0 ? ' class="none"' : ''}><td><code>${esc(c.column)}</code></td><td class="muted">${esc(c.type || c.kind)}${c.nullable ? '' : ' <span class="tag">not null</span>'}</td><td class="num" data-v="${pct ?? -1}">${nn}</td>${numCell(c.distinct)}<td data-v="${total ? reached / total : -1}">${valuesCell(c)}</td></tr>`;
}

function valuesCell(c: ColumnCoverage): string {
  if (c.boolean) {
    const b = c.boolean;
    return `<span class="muted">${b.reached}/2</span> ${chip('true', b.true)} ${chip('false', b.false)}${b.other ? ` <span class="warn">${b.other} other</span>` : ''}`;
  }
  if (!c.values) return '';
  const v = c.values;
  const chips = v.values.map((x) => chip(String(x.value), x.rows)).join(' ');
  const other = v.other ? ` <span class="bad">${v.other} outside the set</span>` : '';
  return `<span class="muted">${v.reached}/${v.total} (${v.source})</span> ${chips}${other}`;
}

function chip(label: string, rows: number): string {
  return rows > 0
    ? `<span class="val hit">${esc(label)} <b>${rows}</b></span>`
    : `<span class="val miss" title="no row holds this value">${esc(label)} <b>0</b></span>`;
}

/** The parent table of a foreign key: revealed in the tree (webview) or its section (file). */
function parentLink(parent: string, ctx: Ctx): string {
  const code = `<code>${esc(parent)}</code>`;
  if (ctx.interactive) return `<a href="#" class="reveal" data-reveal="${esc(parent)}">${code}</a>`;
  const i = ctx.section.get(parent);
  return i === undefined ? code : `<a href="#t${i}">${code}</a>`;
}

function fanOutTable(fks: FanOut[], ctx: Ctx): string {
  const th = header(ctx);
  const rows = fks.map((f) => `<tr><td><code>${esc(f.columns.join(', '))}</code> → ${parentLink(f.parent, ctx)}<code>(${esc(f.parentColumns.join(', '))})</code></td>${numCell(f.parents)}${numCell(f.min)}${numCell(f.avg, f.avg === null ? '–' : f.avg.toFixed(2))}${numCell(f.max)}${numCell(f.parentsWithoutChildren, String(f.parentsWithoutChildren), f.parentsWithoutChildren ? 'warn' : '')}${numCell(f.children)}${numCell(f.orphans, String(f.orphans), f.orphans ? 'bad' : '')}</tr>`);
  return `<table class="${ctx.interactive ? 'sortable ' : ''}fks">
<thead><tr>${th('Foreign key: children per parent', 'text')}${th('Parents', 'num')}${th('Min', 'num')}${th('Avg', 'num')}${th('Max', 'num')}${th('Parents without children', 'num')}${th('Children', 'num')}${th('Orphans', 'num')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
