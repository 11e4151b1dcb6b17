import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { graphPage, type GraphPageData } from './graph/html.ts';
import type { Layout } from './graph/layout.ts';
import { graphData, layoutKey, structureKey, type GraphData } from './graph/model.ts';
import type { SeedbedModel } from './model.ts';

// The foreign-key graph panel on the extension host: hands the graph (names, edges, coverage)
// to the webview, whose bundled script (dist/graph-webview.js, from graph/webview.ts) lays it
// out with elkjs and draws it — the extension host's thread never runs the layout. A layout the
// webview sends back is kept per schema structure, so reopening the panel or a seed that only
// changes coverage paints at once.

/** Layouts by structureKey (the whole graph, hub edges left out), newest last; a few schemas. */
const layouts = new Map<string, Layout>();
const remember = (key: string, layout: Layout) => {
  layouts.delete(key);
  layouts.set(key, layout);
  while (layouts.size > 4) layouts.delete(layouts.keys().next().value!);
};

export interface GraphFocus {
  table: string;
  /** Levels of parents and children around it (default 2). */
  levels?: number;
}

export class GraphPanel {
  private static current: GraphPanel | undefined;
  private readonly sub: vscode.Disposable;
  private readonly panel: vscode.WebviewPanel;
  private readonly root: vscode.Uri;
  private readonly model: SeedbedModel;
  /** The structure now on the page: a model change with the same one only recolours. */
  private shownKey: string | undefined;

  private constructor(panel: vscode.WebviewPanel, root: vscode.Uri, model: SeedbedModel, focus?: GraphFocus) {
    this.panel = panel;
    this.root = root;
    this.model = model;
    this.sub = model.onDidChange(() => this.update());
    panel.onDidDispose(() => {
      this.sub.dispose();
      GraphPanel.current = undefined;
    });
    panel.webview.onDidReceiveMessage((m: { reveal?: unknown; layout?: { key?: unknown; layout?: Layout } }) => {
      if (typeof m?.reveal === 'string') void vscode.commands.executeCommand('seedbed.revealTable', m.reveal, { focus: false });
      if (typeof m?.layout?.key === 'string' && m.layout.layout && typeof m.layout.layout === 'object') remember(m.layout.key, m.layout.layout);
    });
    this.render(focus);
  }

  /** Opens (or reveals) the graph; with `focus`, shows that table and its neighbourhood. */
  static show(extensionUri: vscode.Uri, model: SeedbedModel, focus?: GraphFocus): vscode.WebviewPanel {
    const open = GraphPanel.current;
    if (open) {
      open.panel.reveal();
      if (focus) void open.panel.webview.postMessage({ focus: focus.table, levels: focus.levels });
      return open.panel;
    }
    const panel = vscode.window.createWebviewPanel('seedbed.graph', 'Seedbed: Foreign-key graph', vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
    });
    GraphPanel.current = new GraphPanel(panel, extensionUri, model, focus);
    return panel;
  }

  private update(): void {
    const o = this.model.overview;
    if (!o) return;
    const g = graphData(o);
    if (structureKey(g) === this.shownKey) void this.panel.webview.postMessage({ coverage: g.nodes });
    else this.render();
  }

  private render(focus?: GraphFocus): void {
    const o = this.model.overview;
    if (!o) return;
    const graph: GraphData = graphData(o);
    const key = layoutKey(graph, undefined, 0, false);
    this.shownKey = structureKey(graph);
    const cached = layouts.get(key);
    const webview = this.panel.webview;
    const data: GraphPageData = {
      graph,
      focus: focus?.table,
      levels: focus?.levels,
      layout: cached ? { key, layout: cached } : undefined,
      title: this.model.connection?.label ?? o.display,
      headline: o.coverage.headline,
    };
    webview.html = graphPage(
      {
        cspSource: webview.cspSource,
        nonce: randomBytes(16).toString('base64'),
        scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.root, 'dist', 'graph-webview.js')).toString(),
        styleUris: ['webview.css', 'graph.css'].map((f) => webview.asWebviewUri(vscode.Uri.joinPath(this.root, 'media', f)).toString()),
      },
      data,
    );
  }
}
