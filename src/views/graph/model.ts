import type { Overview } from '../protocol.ts';

// The foreign-key graph as data: what the webview draws and lays out. Pure (no DOM, no vscode):
// the extension host builds it from the engine's overview, the webview's bundled script and the
// tests use the same functions.

export type CoverageState = 'full' | 'partial' | 'empty';

export interface GraphNode {
  name: string;
  state: CoverageState;
  rows: number;
  target: number;
  /** Why the engine cannot fill this table (then drawn as such). */
  leftOut?: string;
}

/** One line per (child, parent) pair: several foreign keys between the same two tables are one edge. */
export interface GraphEdge {
  /** The referencing table. */
  child: string;
  /** The referenced table. */
  parent: string;
  /** Each foreign key's columns, e.g. [['billing_id'], ['shipping_id']]. */
  columns: string[][];
  /** Part of a cycle the plan breaks (filled after the insert, or checked at commit). */
  cycle: boolean;
  /** No foreign key between the two is declared: how the plan knows of them (implied by a
   *  column's name, enforced by a trigger). */
  undeclared?: string;
}

export interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const CYCLE_MODES = new Set(['fill-after', 'deferred']);
const pairKey = (child: string, parent: string) => `${child}\u0000${parent}`;

export function graphData(o: Overview): GraphData {
  const cov = new Map(o.coverage.tables.map((c) => [c.table, c]));
  const nodes = o.tables
    .map((t): GraphNode => {
      const c = cov.get(t.name);
      const n: GraphNode = { name: t.name, state: c?.state ?? 'empty', rows: c?.rows ?? 0, target: c?.target ?? 0 };
      const why = o.leftOut?.[t.name];
      if (why) n.leftOut = why;
      return n;
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const cycles = new Set(o.edges.filter((e) => CYCLE_MODES.has(e.mode)).map((e) => pairKey(e.from, e.to)));
  const names = new Set(nodes.map((n) => n.name));
  const byPair = new Map<string, GraphEdge>();
  for (const t of o.tables) {
    for (const f of t.foreignKeys) {
      if (!names.has(f.refTable)) continue;
      const key = pairKey(t.name, f.refTable);
      let e = byPair.get(key);
      if (!e) byPair.set(key, (e = { child: t.name, parent: f.refTable, columns: [], cycle: false, ...(f.undeclared ? { undeclared: f.undeclared } : {}) }));
      else if (!f.undeclared) delete e.undeclared;
      e.columns.push(f.columns);
      if (cycles.has(key)) e.cycle = true;
    }
  }
  return { nodes, edges: [...byPair.values()] };
}

/** Same structure (tables, edges, cycle marks) → same key: a layout is reused while it holds. */
export function structureKey(d: GraphData, extra = ''): string {
  let h = 2166136261;
  const add = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    h = Math.imul(h ^ 0x1f, 16777619);
  };
  for (const n of d.nodes) add(n.name);
  for (const e of d.edges) add(`${e.child}>${e.parent}${e.cycle ? '~' : ''}`);
  add(extra);
  return `${d.nodes.length}.${d.edges.length}.${(h >>> 0).toString(36)}`;
}

/** The key a layout is kept under: the structure, and which view of it (focus, levels, hub edges). */
export const layoutKey = (d: GraphData, focus: string | undefined, levels: number, hubEdges: boolean) =>
  structureKey(d, focus ? `${focus}\u0000${levels}\u0000${hubEdges}` : `\u0000${hubEdges}`);

export interface Adjacency {
  parents: Map<string, string[]>;
  children: Map<string, string[]>;
}

export function adjacency(d: GraphData): Adjacency {
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const n of d.nodes) {
    parents.set(n.name, []);
    children.set(n.name, []);
  }
  for (const e of d.edges) {
    if (e.child === e.parent) continue;
    parents.get(e.child)?.push(e.parent);
    children.get(e.parent)?.push(e.child);
  }
  return { parents, children };
}

/**
 * The focus view: `table`, its parents up to `levels` steps (what it references, and what those
 * reference …) and its children up to `levels` steps (what references it …). Name → level:
 * 0 the table, −k a parent k steps up, +k a child k steps down.
 */
export function neighbourhood(d: GraphData, table: string, levels: number, adj = adjacency(d)): Map<string, number> {
  const out = new Map<string, number>();
  if (!adj.parents.has(table)) return out;
  out.set(table, 0);
  for (const [dir, next] of [[-1, adj.parents], [1, adj.children]] as const) {
    let ring = [table];
    for (let k = 1; k <= levels && ring.length; k++) {
      const following: string[] = [];
      for (const name of ring) {
        for (const other of next.get(name) ?? []) {
          if (out.has(other)) continue;
          out.set(other, dir * k);
          following.push(other);
        }
      }
      ring = following;
    }
  }
  return out;
}

/** A focus view that stays readable: `levels` out, fewer while that passes `max` tables. */
export function focusLevels(d: GraphData, table: string, levels: number, max = 80, adj = adjacency(d)): number {
  let n = levels;
  while (n > 1 && neighbourhood(d, table, n, adj).size > max) n--;
  return n;
}

/**
 * Tables whose name holds every word of `query` (case-insensitive; `*` matches any run of
 * characters, so `auth*token` works too). An empty query matches nothing.
 */
export function matchTables(d: GraphData, query: string): string[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const tests = words.map((w) => {
    if (!w.includes('*')) return (s: string) => s.includes(w);
    const re = new RegExp(w.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*'));
    return (s: string) => re.test(s);
  });
  return d.nodes.filter((n) => {
    const s = n.name.toLowerCase();
    return tests.every((t) => t(s));
  }).map((n) => n.name);
}

/** From this many tables the extension lays the whole graph out in the background when the
 *  schema loads (src/views/graph.ts), so opening it paints at once. */
export const PREPARE_MIN = 100;

/** A table referenced by at least this many other tables is a hub (users, organizations …). */
export const HUB_MIN = 20;

/**
 * Hubs among `names`: tables that many of the others reference. Their incoming edges cross the
 * whole graph and say little ("everything has a created_by"); the overview leaves them out of
 * the layout and draws them on hover, the way schema diagrams let one exclude audit columns.
 * `keep` (the focused table) is never a hub.
 */
export function hubs(d: GraphData, names: Set<string>, keep?: string, min = HUB_MIN): Set<string> {
  const count = new Map<string, number>();
  for (const e of d.edges) {
    if (e.child === e.parent || !names.has(e.child) || !names.has(e.parent)) continue;
    count.set(e.parent, (count.get(e.parent) ?? 0) + 1);
  }
  const out = new Set<string>();
  for (const [name, n] of count) if (n >= min && name !== keep) out.add(name);
  return out;
}
