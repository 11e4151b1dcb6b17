import * as vscode from 'vscode';
import { configText, connectionTooltipText, coverageDescription, edgesOf, findTable, scenarioOf, tableTooltipText, type Coverage, type Edge } from './format.ts';
import type { SeedbedModel } from './model.ts';
import type { Overview } from './protocol.ts';
import { visible } from '../seeders/safe-text.ts';
import { plural } from '../seeders/words.ts';

// Tree "Tables": the connection at the top, then the tables (grouped by seeding phase, or A–Z),
// each with its coverage inline; a table expands to its foreign-key edges, out and in, and an
// edge reveals the table at its other end.

export type GroupBy = 'phase' | 'name';

export type Node =
  | { kind: 'connection'; id: string }
  | { kind: 'message'; id: string; text: string; tooltip?: string; icon?: string }
  | { kind: 'phase'; id: string; index: number; tables: string[] }
  | { kind: 'table'; id: string; name: string; phase?: number }
  | { kind: 'edge'; id: string; table: string; edge: Edge };

export class TablesTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private nodes = new Map<string, Node>();
  private readonly subscription: vscode.Disposable;
  groupBy: GroupBy;

  private readonly model: SeedbedModel;

  constructor(model: SeedbedModel, groupBy: GroupBy = 'phase') {
    this.model = model;
    this.groupBy = groupBy;
    this.subscription = model.onDidChange(() => {
      this.nodes.clear();
      this.changed.fire(undefined);
    });
  }

  setGroupBy(g: GroupBy): void {
    this.groupBy = g;
    this.nodes.clear();
    this.changed.fire(undefined);
  }

  private node<T extends Node>(n: T): T {
    const existing = this.nodes.get(n.id) as T | undefined;
    if (existing) return existing;
    this.nodes.set(n.id, n);
    return n;
  }

  private phaseOf(o: Overview, table: string): number | undefined {
    const i = o.phases.findIndex((p) => p.includes(table));
    return i >= 0 ? i + 1 : undefined;
  }

  /** The node of a table, as reveal() wants it. */
  tableNode(name: string): Node | undefined {
    const o = this.model.overview;
    if (!o || !findTable(o, name)) return undefined;
    const phase = this.groupBy === 'phase' && o.phases.length ? this.phaseOf(o, name) : undefined;
    return this.node({ kind: 'table', id: `table:${name}`, name, phase });
  }

  getChildren(element?: Node): Node[] {
    const s = this.model.state;
    if (!element) {
      if (s.kind === 'unconfigured') return []; // the welcome view shows instead
      const top: Node[] = [this.node({ kind: 'connection', id: 'connection' })];
      if (s.kind === 'loading') return [...top, this.node({ kind: 'message', id: 'msg:loading', text: 'Reading the schema…', icon: 'loading~spin' })];
      if (s.kind === 'error') {
        return [
          ...top,
          this.node({ kind: 'message', id: 'msg:error', text: s.message, tooltip: s.fix ? `${s.message}\n\nFix: ${s.fix}` : s.message, icon: 'error' }),
          ...(s.fix ? [this.node({ kind: 'message', id: 'msg:fix', text: `Fix: ${s.fix}`, icon: 'lightbulb' })] : []),
        ];
      }
      const o = s.overview;
      // The config's problem (or that it is not used in an untrusted workspace), under the connection.
      if (o.config?.error || o.config?.ignored) {
        const text = configText(o, shortPath)!;
        top.push(this.node({ kind: 'message', id: 'msg:config', text: text.split(' Fix: ')[0], tooltip: text, icon: o.config.error ? 'warning' : 'workspace-untrusted' }));
      }
      if (!o.tables.length) return [...top, this.node({ kind: 'message', id: 'msg:empty', text: 'No tables: run your migrations first.', icon: 'info' })];
      if (this.groupBy === 'phase' && o.phases.length) {
        return [...top, ...o.phases.map((tables, i) => this.node({ kind: 'phase', id: `phase:${i + 1}`, index: i + 1, tables }))];
      }
      const names = o.tables.map((t) => t.name).sort((a, b) => a.localeCompare(b));
      const note: Node[] = this.groupBy === 'phase' && o.planError
        ? [this.node({ kind: 'message', id: 'msg:plan', text: `Cannot group by phase: ${o.planError.split('\n')[0]}`, tooltip: o.planError, icon: 'warning' })]
        : [];
      return [...top, ...note, ...names.map((name) => this.tableNode(name)!)];
    }
    const o = this.model.overview;
    if (!o) return [];
    if (element.kind === 'phase') return [...element.tables].sort((a, b) => a.localeCompare(b)).map((name) => this.tableNode(name)!).filter(Boolean);
    if (element.kind === 'table') {
      return edgesOf(o, element.name).map((edge, i) => this.node({ kind: 'edge', id: `edge:${element.name}:${edge.dir}:${i}:${edge.other}`, table: element.name, edge }));
    }
    return [];
  }

  getParent(element: Node): Node | undefined {
    if (element.kind === 'table' && element.phase !== undefined) {
      const o = this.model.overview;
      const tables = o?.phases[element.phase - 1];
      return tables ? this.node({ kind: 'phase', id: `phase:${element.phase}`, index: element.phase, tables }) : undefined;
    }
    if (element.kind === 'edge') return this.tableNode(element.table);
    return undefined;
  }

  coverageOf(name: string): Coverage | undefined {
    return this.model.overview?.coverage.tables.find((t) => t.table === name);
  }

  getTreeItem(element: Node): vscode.TreeItem {
    switch (element.kind) {
      case 'connection': {
        const s = this.model.state;
        const c = this.model.connection;
        const item = new vscode.TreeItem(c?.label ?? 'No connection', vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.iconPath = new vscode.ThemeIcon('database');
        const o = this.model.overview;
        const scenario = scenarioOf(o);
        item.description = o ? `${c?.dialect} · ${o.coverage.withData}/${o.coverage.total} tables with data${scenario ? ` · scenario ${scenario}` : ''}` : c?.dialect;
        const config = configText(o, shortPath);
        const from = c?.from ? ` (from ${shortPath(c.from)}; set seedbed.databaseUrl to use another)` : '';
        // Plain text: database text in a MarkdownString tooltip gets parsed as HTML (format.ts).
        item.tooltip = connectionTooltipText({ display: c?.display, from, headline: o?.coverage.headline, config, error: s.kind === 'error' ? s.message : undefined });
        item.command = { command: 'seedbed.selectConnection', title: 'Select Connection' };
        item.contextValue = 'seedbed.connection';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(element.text, vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.tooltip = element.tooltip ?? element.text;
        if (element.icon) item.iconPath = new vscode.ThemeIcon(element.icon);
        return item;
      }
      case 'phase': {
        const o = this.model.overview;
        const withData = element.tables.filter((t) => (this.coverageOf(t)?.rows ?? 0) > 0).length;
        const item = new vscode.TreeItem(`Phase ${element.index}`, vscode.TreeItemCollapsibleState.Expanded);
        item.id = element.id;
        item.description = `${plural(element.tables.length, 'table')} · ${withData} with data`;
        item.tooltip = `Seeded in phase ${element.index} of ${o?.phases.length ?? '?'}: every table here only needs tables of earlier phases.`;
        item.iconPath = new vscode.ThemeIcon('layers');
        item.contextValue = 'seedbed.phase';
        return item;
      }
      case 'table': {
        const o = this.model.overview;
        const cov = this.coverageOf(element.name);
        const edges = o ? edgesOf(o, element.name) : [];
        const item = new vscode.TreeItem(element.name, edges.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        if (cov) {
          item.description = coverageDescription(cov);
          item.iconPath = stateIcon(cov.state);
        }
        item.tooltip = o && cov ? tableTooltipText(o, element.name, cov, edges) : element.name;
        const cannot = o?.leftOut?.[element.name];
        if (cannot !== undefined && cov?.state !== 'full') {
          item.description = `cannot fill: ${cannot}`;
          item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.orange'));
          item.tooltip = `${visible(element.name)}: cannot fill: ${visible(cannot)}. Seeding leaves it out and fills the other tables.`;
        }
        item.contextValue = `seedbed.table.${cov?.state ?? 'unknown'}`;
        item.accessibilityInformation = { label: `${element.name}, ${cov ? coverageDescription(cov) : ''}` };
        return item;
      }
      case 'edge': {
        const e = element.edge;
        const item = new vscode.TreeItem(e.label, vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        const cov = this.coverageOf(e.other);
        item.description = cov ? coverageDescription(cov) : undefined;
        item.tooltip = e.dir === 'out'
          ? `${element.table}.${e.columns.join(', ')} references ${e.other}.${e.refColumns.join(', ')}${e.nullable ? ' (nullable)' : ''}. Click to reveal ${e.other}.`
          : `${e.other}.${e.columns.join(', ')} references ${element.table}.${e.refColumns.join(', ')}${e.nullable ? ' (nullable)' : ''}. Click to reveal ${e.other}.`;
        item.command = { command: 'seedbed.revealTable', title: `Reveal ${e.other}`, arguments: [e.other] };
        item.contextValue = 'seedbed.edge';
        return item;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** A path relative to the workspace folder when inside it. */
export function shortPath(file: string): string {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return base && file.startsWith(`${base}/`) ? file.slice(base.length + 1) : file;
}

export function stateIcon(state: Coverage['state']): vscode.ThemeIcon {
  switch (state) {
    case 'empty':
      return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('charts.red'));
    case 'partial':
      return new vscode.ThemeIcon('circle-large-filled', new vscode.ThemeColor('charts.yellow'));
    case 'full':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('charts.green'));
  }
}
