// The one stylesheet of the coverage report, for `coverage --html` (inline in the file) and the
// editor's webview (inline under the page's CSP nonce). Colours are VS Code's theme variables, so
// the webview follows the editor's theme; each has a fallback for light and dark, so the file looks
// right in a browser. No url(), no @import: the page loads nothing.

export const COVERAGE_CSS = `
:root {
  --fg: var(--vscode-foreground, #1f2328);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #656d76);
  --border: var(--vscode-panel-border, var(--vscode-editorWidget-border, #d0d7de));
  --track: var(--vscode-input-background, #eaeef2);
  --card: var(--vscode-sideBar-background, var(--vscode-editorWidget-background, #f6f8fa));
  --hover: var(--vscode-list-hoverBackground, rgba(128, 128, 128, .1));
  --link: var(--vscode-textLink-foreground, #0969da);
  --link-active: var(--vscode-textLink-activeForeground, #0550ae);
  --focus: var(--vscode-focusBorder, #0969da);
  --input-fg: var(--vscode-input-foreground, #1f2328);
  --input-border: var(--vscode-input-border, #d0d7de);
  --green: var(--vscode-charts-green, #1a7f37);
  --yellow: var(--vscode-charts-yellow, #bf8700);
  --red: var(--vscode-charts-red, #cf222e);
  --warn: var(--vscode-editorWarning-foreground, #9a6700);
  --bad: var(--vscode-errorForeground, #cf222e);
  --font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", sans-serif);
  --size: var(--vscode-font-size, 14px);
  --mono: var(--vscode-editor-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: var(--vscode-foreground, #e6edf3);
    --bg: var(--vscode-editor-background, #0d1117);
    --muted: var(--vscode-descriptionForeground, #8d96a0);
    --border: var(--vscode-panel-border, var(--vscode-editorWidget-border, #30363d));
    --track: var(--vscode-input-background, #21262d);
    --card: var(--vscode-sideBar-background, var(--vscode-editorWidget-background, #161b22));
    --link: var(--vscode-textLink-foreground, #4493f8);
    --link-active: var(--vscode-textLink-activeForeground, #79b8ff);
    --focus: var(--vscode-focusBorder, #4493f8);
    --input-fg: var(--vscode-input-foreground, #e6edf3);
    --input-border: var(--vscode-input-border, #30363d);
    --green: var(--vscode-charts-green, #3fb950);
    --yellow: var(--vscode-charts-yellow, #d29922);
    --red: var(--vscode-charts-red, #f85149);
    --warn: var(--vscode-editorWarning-foreground, #d29922);
    --bad: var(--vscode-errorForeground, #f85149);
  }
}
* { box-sizing: border-box; }
body { margin: 0; padding: .9rem 1.2rem 3rem; color: var(--fg); background: var(--bg); font-family: var(--font); font-size: var(--size); line-height: 1.45; }
h1 { font-size: 1.3em; font-weight: 600; margin: 0 0 .2rem; }
h2 { font-size: 1.05em; font-weight: 600; margin: 1.2rem 0 .4rem; display: inline-block; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; color: var(--link-active); }
code { font-family: var(--mono); font-size: .92em; }
.headline { font-size: 1.4em; font-weight: 700; margin: .2rem 0; }
.meta, .muted, .sub, .label, .count { color: var(--muted); }
.meta { margin: .2rem 0; font-size: .9em; }
.cards + .meta { margin-top: .8rem; }
.count { font-weight: 400; }
.tag { font-size: .75em; letter-spacing: .02em; text-transform: uppercase; opacity: .8; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .7rem; margin-top: .8rem; }
.card { background: var(--card); border: 1px solid var(--border); border-radius: 6px; padding: .55rem .75rem; }
.card .label, .card .sub { font-size: .9em; }
.card .big { font-size: 1.4em; font-weight: 700; margin: .1rem 0 .3rem; }
.card meter { width: 100%; }
meter { width: 5.5rem; height: .7em; vertical-align: middle; }
meter::-webkit-meter-bar { background: var(--track); border: 1px solid var(--border); border-radius: 3px; }
meter::-webkit-meter-optimum-value { background: var(--green); }
meter::-webkit-meter-suboptimum-value { background: var(--yellow); }
meter::-webkit-meter-even-less-good-value { background: var(--red); }
meter:-moz-meter-optimum::-moz-meter-bar { background: var(--green); }
meter:-moz-meter-sub-optimum::-moz-meter-bar { background: var(--yellow); }
meter:-moz-meter-sub-sub-optimum::-moz-meter-bar { background: var(--red); }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .7rem; }
th, td { text-align: left; padding: .2rem .6rem .2rem 0; border-bottom: 1px solid var(--border); vertical-align: top; }
th { font-weight: 600; font-size: .9em; color: var(--muted); vertical-align: bottom; background: var(--bg); }
tbody tr:hover td { background: var(--hover); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.num { text-align: right; }
table.index th { position: sticky; top: 0; z-index: 1; }
table.index td:first-child { white-space: nowrap; }
table.index meter { width: 3rem; }
th[data-sort] { cursor: pointer; user-select: none; }
th[data-sort]:hover { color: var(--link); }
th[data-sort]:focus-visible { outline: 1px solid var(--focus); }
th[aria-sort="ascending"]::after { content: " \\25B2"; font-size: .75em; }
th[aria-sort="descending"]::after { content: " \\25BC"; font-size: .75em; }
details { border: 1px solid var(--border); border-radius: 6px; padding: .3rem .7rem; margin: .5rem 0; }
details.gaps { border: none; padding: 0; }
details.gaps ul { columns: 2 28rem; margin: .3rem 0; }
details.gaps li { color: var(--warn); break-inside: avoid; }
summary { cursor: pointer; padding: .15rem 0; }
summary .tname { font-weight: 600; font-family: var(--mono); }
summary .num { margin: 0 .4rem; }
summary a.reveal { margin-left: .8rem; font-size: .9em; }
a.jump { font-size: .85em; opacity: .7; }
a.jump:hover { opacity: 1; text-decoration: none; }
.tools { margin: .3rem 0; }
#filter { background: var(--track); color: var(--input-fg); border: 1px solid var(--input-border); padding: 3px 6px; width: 18rem; font-family: inherit; font-size: inherit; }
#filter:focus { outline: 1px solid var(--focus); }
.state { display: inline-block; padding: 0 .45rem; border-radius: 1rem; font-size: .85em; border: 1px solid currentColor; }
.state.full { color: var(--green); }
.state.partial { color: var(--yellow); }
.state.empty { color: var(--red); font-weight: 600; }
tr.none code { color: var(--red); }
.val { display: inline-block; margin: 1px 3px 1px 0; padding: 0 .4rem; border-radius: 3px; border: 1px solid var(--border); font-family: var(--mono); font-size: .88em; }
.val b { font-weight: 600; }
.val.hit b { color: var(--green); }
.val.miss { color: var(--bad); border: 1px dashed var(--bad); background: color-mix(in srgb, var(--bad) 14%, transparent); font-weight: 600; }
.warn { color: var(--warn); }
.bad { color: var(--bad); font-weight: 600; }
.ok { color: var(--green); }
.note { color: var(--warn); font-size: .9em; }
`;
