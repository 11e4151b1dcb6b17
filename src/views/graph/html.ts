import type { Layout } from './geometry.ts';
import type { GraphData } from './model.ts';

// The graph webview's page: static markup, the graph as JSON, one nonce'd script (the bundle of
// graph/webview.ts) under a Content-Security-Policy that allows nothing else: no remote content,
// no inline script or style. Table names reach the page only inside the JSON (with `<` escaped)
// and are put into the SVG by the script as text nodes, never as markup. No vscode import: the
// benchmark builds the same page for a plain browser.

/** What the page's script reads from #seedbed-graph. */
export interface GraphPageData {
  graph: GraphData;
  /** Table to open focused on (Show in Graph). */
  focus?: string;
  levels?: number;
  /** A layout of the same structure computed before (key = structureKey), reused as is. */
  layout?: { key: string; layout: Layout };
  /** Shown in the heading. */
  title: string;
  headline: string;
}

export interface PageParts {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  /** elkjs + the layout (dist/graph-elk.js), loaded by the script when it has to lay out. */
  layoutUri: string;
  styleUris: string[];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** JSON safe inside a <script> element: no `</script>`, no `<!--`, no line separators. */
export const scriptJson = (v: unknown) => JSON.stringify(v).replace(/[<\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function graphPage(p: PageParts, data: GraphPageData): string {
  const csp = `default-src 'none'; img-src ${p.cspSource} data:; style-src ${p.cspSource}; script-src 'nonce-${p.nonce}';`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${p.styleUris.map((u) => `<link rel="stylesheet" href="${escapeHtml(u)}">`).join('\n')}
<title>Seedbed graph</title></head>
<body class="graph-page">
<header>
  <h1>Foreign-key graph — <span id="title">${escapeHtml(data.title)}</span></h1>
  <p class="meta" id="meta">${escapeHtml(data.headline)}</p>
  <div class="toolbar" role="toolbar" aria-label="Graph">
    <input id="filter" type="search" placeholder="Filter tables (Enter: zoom to them)" aria-label="Filter tables" spellcheck="false" autocomplete="off">
    <span id="count" class="count" aria-live="polite"></span>
    <span id="focusbar" class="focusbar" hidden>
      <span>Focus: <b id="focusname"></b></span>
      <span class="levels">levels <button id="less" title="One level fewer" aria-label="One level fewer">−</button><output id="levels">2</output><button id="more" title="One level more" aria-label="One level more">+</button></span>
      <button id="all" title="Back to every table (Escape)">All tables</button>
    </span>
    <label class="hubs" title="Edges into tables that many tables reference (users, organizations …) are left out of the layout and shown when you point at a table"><input id="hubedges" type="checkbox"> Hub edges</label>
    <span class="zoom"><button id="zoomout" title="Zoom out (-)" aria-label="Zoom out">−</button><button id="fit" title="Fit to window (0)">Fit</button><button id="zoomin" title="Zoom in (+)" aria-label="Zoom in">+</button></span>
  </div>
  <div class="legend"><span class="full">at target</span><span class="partial">partial</span><span class="empty">empty</span><span class="deferred">cycle edge (filled after / deferred)</span><span class="undeclared">not declared (implied by a column's name, or a trigger's check)</span><span class="hint">parents left, children right · click a table to focus it and reveal it in the tree · wheel zooms, drag pans</span></div>
</header>
<div id="view" class="view" tabindex="0" aria-label="Foreign-key graph"><p id="status" class="status">Laying out ${data.graph.nodes.length} tables…</p></div>
<script nonce="${p.nonce}" id="seedbed-graph" type="application/json">${scriptJson(data)}</script>
<script nonce="${p.nonce}" src="${escapeHtml(p.scriptUri)}" data-layout-src="${escapeHtml(p.layoutUri)}"></script>
</body></html>`;
}
