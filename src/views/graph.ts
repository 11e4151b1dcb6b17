import * as vscode from 'vscode';
import { percent } from './format.ts';
import type { SeedbedModel } from './model.ts';
import type { Overview } from './protocol.ts';
import { escapeHtml, page } from './webviews.ts';

// The foreign-key graph as a webview: one column per seeding phase, tables coloured by coverage,
// edges of cycles (filled after, or deferred to commit) dashed. Static SVG drawn here; the only
// script (media/graph.js) highlights neighbours and asks the extension to reveal a table.

const W = 170;
const H = 34;
const COL = 240;
const ROW = 44;
const TOP = 30;

export function graphSvg(o: Overview): string {
  const columns = o.phases.length ? o.phases.map((p) => [...p].sort()) : [o.tables.map((t) => t.name).sort()];
  const pos = new Map<string, { x: number; y: number }>();
  columns.forEach((col, i) => col.forEach((name, j) => pos.set(name, { x: 10 + i * COL, y: TOP + j * ROW })));
  const height = TOP + Math.max(...columns.map((c) => c.length)) * ROW + 10;
  const width = 10 + columns.length * COL;
  const cycle = new Set(o.edges.filter((e) => e.mode === 'fill-after' || e.mode === 'deferred').map((e) => `${e.from}\u0000${e.to}\u0000${e.columns.join(',')}`));
  const edges: string[] = [];
  for (const t of o.tables) {
    for (const f of t.foreignKeys) {
      const a = pos.get(t.name);
      const b = pos.get(f.refTable);
      if (!a || !b) continue;
      const x1 = a.x;
      const y1 = a.y + H / 2;
      const x2 = b.x + W;
      const y2 = b.y + H / 2;
      const self = t.name === f.refTable;
      const d = self
        ? `M${a.x + W} ${a.y + 8} c 30 -20 30 36 0 18`
        : `M${x1} ${y1} C ${x1 - 40} ${y1}, ${x2 + 40} ${y2}, ${x2} ${y2}`;
      const isCycle = cycle.has(`${t.name}\u0000${f.refTable}\u0000${f.columns.join(',')}`);
      edges.push(`<path class="edge${isCycle ? ' cycle' : ''}" data-from="${escapeHtml(t.name)}" data-to="${escapeHtml(f.refTable)}" d="${d}"><title>${escapeHtml(`${t.name}.${f.columns.join(', ')} → ${f.refTable}${isCycle ? ' (cycle: filled after / checked at commit)' : ''}`)}</title></path>`);
    }
  }
  const cov = new Map(o.coverage.tables.map((c) => [c.table, c]));
  const nodes: string[] = [];
  for (const [name, p] of pos) {
    const c = cov.get(name);
    const label = name.length > 24 ? `${name.slice(0, 23)}…` : name;
    nodes.push(`<g class="node ${c?.state ?? 'empty'}" data-table="${escapeHtml(name)}" transform="translate(${p.x},${p.y})"><rect width="${W}" height="${H}"></rect><text x="8" y="14">${escapeHtml(label)}</text><text class="cov" x="8" y="27">${c ? `${c.rows}/${c.target} rows · ${percent(c.rows, c.target)}%` : ''}</text><title>${escapeHtml(name)}</title></g>`);
  }
  const labels = columns.map((col, i) => `<text class="phase-label" x="${10 + i * COL}" y="18">${o.phases.length ? `Phase ${i + 1}` : 'Tables'} (${col.length})</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${labels.join('')}${edges.join('')}${nodes.join('')}</svg>`;
}

export class GraphPanel {
  private static current: GraphPanel | undefined;
  private readonly sub: vscode.Disposable;

  private readonly panel: vscode.WebviewPanel;
  private readonly media: vscode.Uri;
  private readonly model: SeedbedModel;

  private constructor(panel: vscode.WebviewPanel, media: vscode.Uri, model: SeedbedModel) {
    this.panel = panel;
    this.media = media;
    this.model = model;
    this.sub = model.onDidChange(() => this.render());
    panel.onDidDispose(() => {
      this.sub.dispose();
      GraphPanel.current = undefined;
    });
    panel.webview.onDidReceiveMessage((m: { reveal?: string }) => {
      if (typeof m?.reveal === 'string') void vscode.commands.executeCommand('seedbed.revealTable', m.reveal);
    });
    this.render();
  }

  static show(media: vscode.Uri, model: SeedbedModel): vscode.WebviewPanel {
    if (GraphPanel.current) {
      GraphPanel.current.panel.reveal();
      return GraphPanel.current.panel;
    }
    const panel = vscode.window.createWebviewPanel('seedbed.graph', 'Seedbed: Foreign-key graph', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    GraphPanel.current = new GraphPanel(panel, media, model);
    return panel;
  }

  private render(): void {
    const o = this.model.overview;
    if (!o) return;
    const cycles = o.edges.filter((e) => e.mode === 'fill-after' || e.mode === 'deferred').length;
    const body = `<h1>Foreign-key graph — ${escapeHtml(this.model.connection?.label ?? '')}</h1>
<p class="meta">${escapeHtml(o.coverage.headline)} · ${o.tables.length} tables in ${o.phases.length || 1} phase(s) · ${cycles} cycle edge(s)</p>
<div class="legend"><span class="full">at target</span><span class="partial">partial</span><span class="empty">empty</span><span class="deferred">cycle edge (filled after / deferred)</span></div>
${graphSvg(o)}`;
    this.panel.webview.html = page(this.panel.webview, this.media, 'Seedbed graph', body, { script: 'graph.js' });
  }
}
