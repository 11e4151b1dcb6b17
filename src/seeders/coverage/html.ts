import type { ColumnCoverage, DetailedCoverage, FanOut, Ratio, TableDetail } from './model.ts';
import { coverageGaps } from './text.ts';

// A self-contained HTML page for a detailed coverage report: inline CSS, no script, no remote
// content (a CSP forbids it), so a VS Code webview can show it as is. Colours come from the
// editor's theme variables, with fallbacks for light and dark when opened in a browser.

/** Above this many tables, only tables with gaps start expanded. */
const OPEN_ALL_UP_TO = 20;

export function coverageHtml(r: DetailedCoverage): string {
  const s = r.summary;
  const gaps = coverageGaps(r);
  const withGaps = new Set(gaps.map((g) => g.table));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Seedbed coverage · ${esc(r.headline)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>Seedbed coverage</h1>
<p class="headline">${esc(r.headline)}</p>
<p class="meta">${esc(r.database)} · ${esc(r.dialect)} · target ${r.target} rows per table · ${esc(r.generatedAt)}</p>
</header>
<section class="cards" aria-label="Summary">
${card('Tables with data', ratioOf(s.tables.withData, s.tables.total), `${s.tables.full} full · ${s.tables.partial} partial · ${s.tables.empty} empty`)}
${card('Columns with values', s.columns, `${s.rows} rows in all`)}
${card('Allowed values reached', s.values, 'IN-list CHECKs and enums')}
${card('Boolean branches', s.booleans, 'true and false')}
${card('Parents with children', s.parents, `over ${s.foreignKeys} foreign key${s.foreignKeys === 1 ? '' : 's'}`)}
</section>
${r.skipped.length ? `<p class="meta">Skipped: ${r.skipped.map((t) => `<code>${esc(t.name)}</code> (${esc(t.reason)})`).join(', ')}</p>` : ''}
<section>
<h2>Gaps <span class="count">${gaps.length}</span></h2>
${gaps.length ? `<ul class="gaps">${gaps.map((g) => `<li>${esc(g.message)}</li>`).join('')}</ul>` : '<p class="ok">None: every table has rows, every column values, every allowed value and boolean branch is reached.</p>'}
</section>
<section>
<h2>Tables <span class="count">${r.tables.length}</span></h2>
<table class="index">
<thead><tr><th>Table</th><th>Rows</th><th class="barcol">of target</th><th>State</th><th>Columns with values</th><th>Values reached</th></tr></thead>
<tbody>
${r.tables.map((t, i) => indexRow(t, i)).join('\n')}
</tbody>
</table>
</section>
<section>
${r.tables.map((t, i) => tableSection(t, i, r.tables.length <= OPEN_ALL_UP_TO || withGaps.has(t.table))).join('\n')}
</section>
</body>
</html>
`;
}

function card(title: string, x: Ratio, sub: string): string {
  return `<div class="card"><div class="label">${esc(title)}</div><div class="big">${x.total ? `${x.reached}/${x.total}` : '–'}</div>${bar(x.percent)}<div class="sub">${x.percent === null ? 'none' : `${x.percent} %`} · ${esc(sub)}</div></div>`;
}

function indexRow(t: TableDetail, i: number): string {
  const cols = t.columns.filter((c) => c.nonNull > 0).length;
  const sets = t.columns.flatMap((c) => (c.values ? [c.values] : []));
  const reached = sets.reduce((a, v) => a + v.reached, 0);
  const total = sets.reduce((a, v) => a + v.total, 0);
  const pct = t.target ? Math.min(100, Math.round((t.rows / t.target) * 1000) / 10) : t.rows ? 100 : 0;
  return `<tr><td><a href="#t${i}">${esc(t.table)}</a></td><td class="num">${t.rows}/${t.target}</td><td class="barcol">${bar(pct)}</td><td><span class="state ${t.state}">${t.state}</span></td><td class="num">${cols}/${t.columns.length}</td><td class="num">${total ? `<span class="${reached < total ? 'warn' : ''}">${reached}/${total}</span>` : '–'}</td></tr>`;
}

function tableSection(t: TableDetail, i: number, open: boolean): string {
  return `<details id="t${i}"${open ? ' open' : ''}>
<summary><span class="tname">${esc(t.table)}</span> <span class="num">${t.rows}/${t.target}</span> <span class="state ${t.state}">${t.state}</span></summary>
<table class="cols">
<thead><tr><th>Column</th><th>Type</th><th class="barcol">Non-null</th><th class="num">Distinct</th><th>Values</th></tr></thead>
<tbody>
${t.columns.map(columnRow).join('\n')}
</tbody>
</table>
${t.foreignKeys.length ? fanOutTable(t.foreignKeys) : ''}
${(t.notes ?? []).map((n) => `<p class="note">${esc(n)}</p>`).join('\n')}
</details>`;
}

function columnRow(c: ColumnCoverage): string {
  const pct = c.nonNullPercent;
  const nn = pct === null ? '<span class="muted">no rows</span>' : `${bar(pct)}<span class="num">${pct} %</span>`;
  return `<tr${c.nonNull === 0 ? ' class="empty"' : ''}><td><code>${esc(c.column)}</code></td><td class="muted">${esc(c.type || c.kind)}${c.nullable ? '' : ' <span class="tag">not null</span>'}</td><td class="barcol">${nn}</td><td class="num">${c.distinct ?? '–'}</td><td>${valuesCell(c)}</td></tr>`;
}

function valuesCell(c: ColumnCoverage): string {
  if (c.boolean) {
    const b = c.boolean;
    return `${chip('true', b.true)} ${chip('false', b.false)}${b.other ? ` <span class="warn">${b.other} other</span>` : ''}`;
  }
  if (!c.values) return '';
  const v = c.values;
  const chips = v.values.map((x) => chip(typeof x.value === 'string' ? x.value : String(x.value), x.rows)).join(' ');
  const other = v.other ? ` <span class="bad">${v.other} outside the set</span>` : '';
  return `<span class="muted">${v.reached}/${v.total} (${v.source})</span> ${chips}${other}`;
}

function chip(label: string, rows: number): string {
  return rows > 0
    ? `<span class="val hit">${esc(label)} <b>${rows}</b></span>`
    : `<span class="val miss" title="no row holds this value">${esc(label)} <b>0</b></span>`;
}

function fanOutTable(fks: FanOut[]): string {
  const rows = fks.map((f) => `<tr><td><code>${esc(f.columns.join(', '))}</code> → <code>${esc(f.parent)}(${esc(f.parentColumns.join(', '))})</code></td><td class="num">${f.parents}</td><td class="num">${f.min ?? '–'}</td><td class="num">${f.avg === null ? '–' : f.avg.toFixed(2)}</td><td class="num">${f.max ?? '–'}</td><td class="num${f.parentsWithoutChildren ? ' warn' : ''}">${f.parentsWithoutChildren}</td><td class="num">${f.children}</td><td class="num${f.orphans ? ' bad' : ''}">${f.orphans}</td></tr>`);
  return `<table class="fks">
<thead><tr><th>Foreign key: children per parent</th><th class="num">Parents</th><th class="num">Min</th><th class="num">Avg</th><th class="num">Max</th><th class="num">Parents without children</th><th class="num">Children</th><th class="num">Orphans</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function bar(percent: number | null): string {
  const p = percent === null ? 0 : Math.max(0, Math.min(100, percent));
  const cls = percent === null || p === 0 ? 'zero' : p < 50 ? 'low' : p < 100 ? 'mid' : 'full';
  return `<span class="bar ${cls}" role="img" aria-label="${p} %"><span style="width:${p}%"></span></span>`;
}

const ratioOf = (reached: number, total: number): Ratio => ({ reached, total, percent: total ? Math.round((reached / total) * 1000) / 10 : null });

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const CSS = `
:root {
  --fg: var(--vscode-foreground, #1f2328);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #656d76);
  --border: var(--vscode-panel-border, #d0d7de);
  --track: var(--vscode-input-background, #eaeef2);
  --card: var(--vscode-sideBar-background, #f6f8fa);
  --link: var(--vscode-textLink-foreground, #0969da);
  --ok: var(--vscode-testing-iconPassed, #1a7f37);
  --warn: var(--vscode-editorWarning-foreground, #9a6700);
  --bad: var(--vscode-errorForeground, #cf222e);
  --font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  --mono: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: var(--vscode-foreground, #e6edf3);
    --bg: var(--vscode-editor-background, #0d1117);
    --muted: var(--vscode-descriptionForeground, #8d96a0);
    --border: var(--vscode-panel-border, #30363d);
    --track: var(--vscode-input-background, #21262d);
    --card: var(--vscode-sideBar-background, #161b22);
    --link: var(--vscode-textLink-foreground, #4493f8);
    --ok: var(--vscode-testing-iconPassed, #3fb950);
    --warn: var(--vscode-editorWarning-foreground, #d29922);
    --bad: var(--vscode-errorForeground, #f85149);
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: 1.2rem 1.6rem 3rem; color: var(--fg); background: var(--bg); font: 14px/1.45 var(--font); }
h1 { font-size: 1.3rem; margin: 0 0 .2rem; font-weight: 600; }
h2 { font-size: 1.05rem; margin: 1.6rem 0 .6rem; font-weight: 600; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
code { font-family: var(--mono); font-size: .92em; }
.headline { font-size: 1.5rem; font-weight: 700; margin: .2rem 0; }
.meta, .muted, .sub, .label { color: var(--muted); }
.meta { margin: .2rem 0; font-size: .9em; }
.cards + .meta { margin-top: .8rem; }
.tag { font-size: .75em; letter-spacing: .02em; text-transform: uppercase; opacity: .8; }
.count { color: var(--muted); font-weight: 400; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: .8rem; margin-top: 1rem; }
.card { background: var(--card); border: 1px solid var(--border); border-radius: 6px; padding: .7rem .9rem; }
.card .label { font-size: .85em; }
.card .big { font-size: 1.4rem; font-weight: 700; margin: .1rem 0 .3rem; }
.card .sub { font-size: .85em; margin-top: .3rem; }
.card .bar { width: 100%; }
.bar { display: inline-block; vertical-align: middle; width: 7rem; height: .55rem; background: var(--track); border: 1px solid var(--border); border-radius: 3px; overflow: hidden; margin-right: .5rem; }
.bar > span { display: block; height: 100%; background: var(--ok); }
.bar.mid > span { background: var(--ok); opacity: .7; }
.bar.low > span { background: var(--warn); }
.bar.zero { border-color: var(--bad); }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; }
th, td { text-align: left; padding: .22rem .6rem .22rem 0; border-bottom: 1px solid var(--border); vertical-align: top; }
th { font-weight: 600; font-size: .85em; color: var(--muted); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.num { text-align: right; }
.barcol { white-space: nowrap; }
details { border: 1px solid var(--border); border-radius: 6px; padding: .4rem .8rem; margin: .6rem 0; }
details[open] { padding-bottom: .2rem; }
summary { cursor: pointer; padding: .2rem 0; }
summary .tname { font-weight: 600; font-family: var(--mono); }
summary .num { margin: 0 .4rem; }
.state { display: inline-block; padding: 0 .45rem; border-radius: 1rem; font-size: .8em; border: 1px solid currentColor; }
.state.full { color: var(--ok); }
.state.partial { color: var(--warn); }
.state.empty { color: var(--bad); font-weight: 600; }
tr.empty code { color: var(--bad); }
.val { display: inline-block; margin: .05rem .15rem .05rem 0; padding: 0 .4rem; border-radius: 3px; border: 1px solid var(--border); font-family: var(--mono); font-size: .85em; }
.val b { font-weight: 600; }
.val.hit b { color: var(--ok); }
.val.miss { color: var(--bad); border: 1px dashed var(--bad); background: color-mix(in srgb, var(--bad) 14%, transparent); font-weight: 600; }
.warn { color: var(--warn); }
.bad { color: var(--bad); font-weight: 600; }
.ok { color: var(--ok); }
.gaps { margin: .2rem 0; padding-left: 1.2rem; columns: 2 28rem; }
.gaps li { color: var(--warn); break-inside: avoid; }
.note { color: var(--warn); font-size: .9em; }
`;
