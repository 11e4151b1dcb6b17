import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { graphPage, type GraphPageData } from './graph/html.ts';
import type { Layout } from './graph/geometry.ts';
import { graphData, layoutKey, PREPARE_MIN, structureKey, type GraphData } from './graph/model.ts';
import type { SeedbedModel } from './model.ts';
import type { Overview } from './protocol.ts';

// The foreign-key graph panel on the extension host: hands the graph (names, edges, coverage)
// to the webview, whose bundled script (dist/graph-webview.js, from graph/webview.ts) lays it
// out with elkjs and draws it — the extension host's thread never runs the layout. Layouts are
// kept per schema structure (a seed that only changes coverage keeps it), and a large schema's
// is made in the background as soon as it loads (a worker thread, dist/graph-layout.mjs), so
// opening its graph paints at once.

/** Layouts by structureKey (the whole graph, hub edges left out), newest last; a few schemas. */
const layouts = new Map<string, Layout>();
const remember = (key: string, layout: Layout) => {
  layouts.delete(key);
  layouts.set(key, layout);
  while (layouts.size > 4) layouts.delete(layouts.keys().next().value!);
};

const pending = new Map<string, Promise<Layout | undefined>>();

/** The workspace's last large layout survives a window reload (workspaceState, ~100 kB at 500 tables). */
const STORE_KEY = 'seedbed.graphLayout';
let store: vscode.Memento | undefined;
export function useLayoutStore(memento: vscode.Memento): void {
  store = memento;
}

/** Lays out a large schema's whole graph in a worker thread, once per structure. */
export function prepareLayout(extensionUri: vscode.Uri, o: Overview): Promise<Layout | undefined> | undefined {
  if (o.tables.length < PREPARE_MIN) return undefined;
  const graph = graphData(o);
  const key = layoutKey(graph, undefined, 0, false);
  const have = layouts.get(key);
  if (have) return Promise.resolve(have);
  const stored = store?.get<{ key: string; layout: Layout }>(STORE_KEY);
  if (stored?.key === key && stored.layout?.nodes) {
    remember(key, stored.layout);
    return Promise.resolve(stored.layout);
  }
  let p = pending.get(key);
  if (p) return p;
  p = new Promise<Layout | undefined>((resolve) => {
    const worker = new Worker(vscode.Uri.joinPath(extensionUri, 'dist', 'graph-layout.mjs').fsPath, { workerData: { graph } });
    worker.once('message', (m: { layout?: Layout }) => {
      if (m.layout) {
        remember(key, m.layout);
        void store?.update(STORE_KEY, { key, layout: m.layout });
      }
      resolve(m.layout);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  }).finally(() => pending.delete(key));
  pending.set(key, p);
  return p;
}

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
    void this.render(focus);
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
    else void this.render();
  }

  private generation = 0;

  private async render(focus?: GraphFocus): Promise<void> {
    const o = this.model.overview;
    if (!o) return;
    const gen = ++this.generation;
    const graph: GraphData = graphData(o);
    const key = layoutKey(graph, undefined, 0, false);
    this.shownKey = structureKey(graph);
    // A large schema's layout comes from the background worker (running already, or started
    // now): waiting for it beats laying out twice. A small one's the page makes itself.
    const cached = layouts.get(key) ?? (await (pending.get(key) ?? prepareLayout(this.root, o)));
    if (gen !== this.generation) return;
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
        layoutUri: webview.asWebviewUri(vscode.Uri.joinPath(this.root, 'dist', 'graph-elk.js')).toString(),
        styleUris: ['webview.css', 'graph.css'].map((f) => webview.asWebviewUri(vscode.Uri.joinPath(this.root, 'media', f)).toString()),
      },
      data,
    );
  }
}
