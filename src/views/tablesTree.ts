import * as vscode from 'vscode';
import { configText, connectionTooltipText, coverageDescription, edgeIndex, scenarioOf, tableTooltipText, type Coverage, type Edge } from './format.ts';
import type { SeedbedModel } from './model.ts';
import type { Overview } from './protocol.ts';
import { visible } from '../seeders/safe-text.ts';
import { plural } from '../seeders/words.ts';
import { filterTerms, matchesFilter } from './tableFilter.ts';

// Tree "Tables": the connection at the top, then the tables (grouped by seeding phase, or A–Z),
// each with its coverage inline; a table expands to its foreign-key edges, out and in, and an
// edge reveals the table at its other end. Built for 500 tables: children are made when a node
// expands, phases start collapsed above LAZY_ABOVE tables, a table's tooltip is made on hover
// (resolveTreeItem), lookups go through one index per overview, and "Filter Tables" narrows the
// view by name. With no database named and several SQLite files in the workspace, it lists them.

/** Above this many tables the phases start collapsed (a person opens the one they want). */
const LAZY_ABOVE = 150;

export type GroupBy = 'phase' | 'name';

export type Node =
  | { kind: 'connection'; id: string }
  | { kind: 'message'; id: string; text: string; tooltip?: string; icon?: string }
  | { kind: 'phase'; id: string; index: number; tables: string[] }
  | { kind: 'table'; id: string; name: string; phase?: number }
  | { kind: 'edge'; id: string; table: string; edge: Edge }
  /** An SQLite file of the workspace to pick as the database (several found, none named). */
  | { kind: 'candidate'; id: string; file: string };

/** Look-ups the tree makes per row, built once per overview (O(1) instead of scanning tables). */
interface Index {
  overview: Overview;
  coverage: Map<string, Coverage>;
  phase: Map<string, number>;
  edges: Map<string, Edge[]>;
}

export class TablesTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private nodes = new Map<string, Node>();
  private readonly subscription: vscode.Disposable;
  groupBy: GroupBy;
  /** "Filter Tables": the words a shown table's name holds ('' = every table). */
  filter = '';
  private cached: Index | undefined;

  private readonly model: SeedbedModel;

  constructor(model: SeedbedModel, groupBy: GroupBy = 'phase') {
    this.model = model;
    this.groupBy = groupBy;
    this.subscription = model.onDidChange(() => this.reset());
  }

  private reset(): void {
    this.nodes.clear();
    this.changed.fire(undefined);
  }

  setGroupBy(g: GroupBy): void {
    this.groupBy = g;
    this.reset();
  }

  setFilter(filter: string): void {
    this.filter = filter.trim();
    this.reset();
  }

  /** The tables the filter lets through, by name (all without a filter). */
  private shown(names: readonly string[]): string[] {
    const terms = filterTerms(this.filter);
    return terms.length ? names.filter((n) => matchesFilter(n, terms)) : [...names];
  }

  /** Whether the filter lets a table through. */
  isShown(name: string): boolean {
    return matchesFilter(name, filterTerms(this.filter));
  }

  /** The line above the tree while a filter is on ("12 of 500 tables match …"). */
  filterMessage(): string | undefined {
    const o = this.model.overview;
    if (!this.filter || !o) return undefined;
    const n = this.shown(o.tables.map((t) => t.name)).length;
    return `Filter "${visible(this.filter)}": ${n} of ${plural(o.tables.length, 'table')}. Clear it with Clear Table Filter (the view's title bar).`;
  }

  private index(): Index | undefined {
    const o = this.model.overview;
    if (!o) return undefined;
    if (this.cached?.overview === o) return this.cached;
    const phase = new Map<string, number>();
    o.phases.forEach((tables, i) => tables.forEach((t) => phase.set(t, i + 1)));
    this.cached = { overview: o, coverage: new Map(o.coverage.tables.map((c) => [c.table, c])), phase, edges: edgeIndex(o) };
    return this.cached;
  }

  private node<T extends Node>(n: T): T {
    const existing = this.nodes.get(n.id) as T | undefined;
    if (existing) return existing;
    this.nodes.set(n.id, n);
    return n;
  }

  /** The node of a table, as reveal() wants it. */
  tableNode(name: string): Node | undefined {
    const x = this.index();
    if (!x || !x.coverage.has(name)) return undefined;
    const phase = this.groupBy === 'phase' && x.overview.phases.length ? x.phase.get(name) : undefined;
    return this.node({ kind: 'table', id: `table:${name}`, name, phase });
  }

  /** Edges of a table (out, then in). */
  edgesOf(name: string): Edge[] {
    return this.index()?.edges.get(name) ?? [];
  }

  getChildren(element?: Node): Node[] {
    const s = this.model.state;
    if (!element) {
      if (s.kind === 'unconfigured') {
        // No files (or one: then it is the connection): the welcome view shows instead.
        if (!s.candidates?.length) return [];
        return [
          this.node({ kind: 'message', id: 'msg:pick', text: `${s.candidates.length} SQLite files in this workspace: pick the database`, tooltip: 'No database is named (seedbed.databaseUrl, seedbed.config.ts, a MikroORM config). Click a file to use it; it is saved to seedbed.databaseUrl.', icon: 'info' }),
          ...s.candidates.map((file) => this.node({ kind: 'candidate', id: `file:${file}`, file })),
        ];
      }
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
        const phases = o.phases.map((tables, i) => this.node({ kind: 'phase', id: `phase:${i + 1}`, index: i + 1, tables }));
        return [...top, ...(this.filter ? phases.filter((p) => this.shown(p.tables).length) : phases)];
      }
      const names = this.shown(o.tables.map((t) => t.name)).sort((a, b) => a.localeCompare(b));
      const note: Node[] = this.groupBy === 'phase' && o.planError
        ? [this.node({ kind: 'message', id: 'msg:plan', text: `Cannot group by phase: ${o.planError.split('\n')[0]}`, tooltip: o.planError, icon: 'warning' })]
        : [];
      return [...top, ...note, ...names.map((name) => this.tableNode(name)!)];
    }
    const o = this.model.overview;
    if (!o) return [];
    if (element.kind === 'phase') return this.shown(element.tables).sort((a, b) => a.localeCompare(b)).map((name) => this.tableNode(name)!).filter(Boolean);
    if (element.kind === 'table') {
      return this.edgesOf(element.name).map((edge, i) => this.node({ kind: 'edge', id: `edge:${element.name}:${edge.dir}:${i}:${edge.other}`, table: element.name, edge }));
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
    return this.index()?.coverage.get(name);
  }

  /** A table's tooltip (its columns and how the plan fills them), made when it is hovered. */
  resolveTreeItem(item: vscode.TreeItem, element: Node): vscode.TreeItem {
    if (element.kind !== 'table' || item.tooltip !== undefined) return item;
    const o = this.model.overview;
    const cov = this.coverageOf(element.name);
    item.tooltip = o && cov ? tableTooltipText(o, element.name, cov, this.edgesOf(element.name)) : element.name;
    return item;
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
        const from = c?.from ? ` (from ${shortPath(c.from)}; set seedbed.databaseUrl to use another)` : c?.discovered ? ` (${DISCOVERED}; set seedbed.databaseUrl to use another)` : '';
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
        const tables = this.shown(element.tables);
        const withData = tables.filter((t) => (this.coverageOf(t)?.rows ?? 0) > 0).length;
        const open = this.filter || (o?.tables.length ?? 0) <= LAZY_ABOVE;
        const item = new vscode.TreeItem(`Phase ${element.index}`, open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        // A filtered phase is another node (its own id), so it opens even if it was closed.
        item.id = this.filter ? `${element.id}?${this.filter}` : element.id;
        item.description = `${this.filter ? `${tables.length} of ${element.tables.length} tables` : plural(tables.length, 'table')} · ${withData} with data`;
        item.tooltip = `Seeded in phase ${element.index} of ${o?.phases.length ?? '?'}: every table here only needs tables of earlier phases.`;
        item.iconPath = new vscode.ThemeIcon('layers');
        item.contextValue = 'seedbed.phase';
        return item;
      }
      case 'table': {
        const o = this.model.overview;
        const cov = this.coverageOf(element.name);
        const edges = this.edgesOf(element.name);
        const item = new vscode.TreeItem(element.name, edges.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        if (cov) {
          item.description = coverageDescription(cov);
          item.iconPath = stateIcon(cov.state);
        }
        // The tooltip is made on hover (resolveTreeItem).
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
      case 'candidate': {
        const rel = shortPath(element.file);
        const item = new vscode.TreeItem(rel.split('/').pop() ?? rel, vscode.TreeItemCollapsibleState.None);
        item.id = element.id;
        item.description = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : undefined;
        item.iconPath = new vscode.ThemeIcon('database');
        item.tooltip = `Use ${rel} as Seedbed's database (saved to seedbed.databaseUrl).`;
        item.command = { command: 'seedbed.selectConnection', title: 'Use This Database', arguments: [`sqlite:${rel}`] };
        item.contextValue = 'seedbed.candidate';
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

/** How a connection found without a setting is described (tooltip, Output). */
export const DISCOVERED = 'found: the only SQLite file in this workspace';

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
