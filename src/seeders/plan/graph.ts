import type { ForeignKeyInfo, SchemaInfo, TableInfo } from '../schema/model.ts';

// Foreign-key graph: insertion order, phases (topological levels) and which edges of a cycle
// are filled after the fact (nullable: NULL, then UPDATE) or checked at commit (deferred).

export type EdgeMode = 'direct' | 'self' | 'fill-after' | 'deferred';

export interface Edge {
  child: string;
  parent: string;
  fk: ForeignKeyInfo;
  mode: EdgeMode;
}

export interface Ordering {
  /** Tables in insertion order. */
  order: string[];
  /** order split by level: phase 1 has no parents inside the run. */
  phases: string[][];
  edges: Edge[];
  /** NOT NULL cycle edges whose constraint cannot be deferred (their mode is 'deferred' too). */
  blocked: Edge[];
}

/** Tables that foreign keys reference but the database does not hold (SQLite accepts such a key,
 *  say when the app's other tables live in another file), but then refuses any row of the child
 *  while foreign keys are enforced, NULL or not: such a table is left out. PostgreSQL refuses such
 *  a key, and a parent in a schema not read still exists. */
export function missingTables(schema: SchemaInfo): Set<string> {
  const out = new Set<string>();
  if (schema.dialect !== 'sqlite') return out;
  const known = new Set([...schema.tables, ...schema.skipped].map((t) => t.name.toLowerCase()));
  for (const t of schema.tables) for (const fk of t.foreignKeys) if (!known.has(fk.refTable.toLowerCase())) out.add(fk.refTable);
  return out;
}

/** `extra`: ordering-only dependencies (config `after`), child → parent. `skippable`: foreign
 *  keys a NULL in their non-key columns switches off, though some of their columns are NOT NULL
 *  (a row's pointer to one of its own children: filled after the cycle). */
export function orderTables(tables: TableInfo[], extra: { child: string; parent: string }[] = [], skippable?: Set<ForeignKeyInfo>): Ordering {
  const names = new Set(tables.map((t) => t.name));
  const edges: Edge[] = [];
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      if (!names.has(fk.refTable)) continue; // parent outside the run: its rows already exist
      edges.push({ child: t.name, parent: fk.refTable, fk, mode: fk.refTable === t.name ? 'self' : 'direct' });
    }
  }
  const blocked: Edge[] = [];
  // Break cycles: first by nullable edges, then by deferring NOT NULL ones.
  for (const scc of components([...names], edges.filter((e) => e.mode === 'direct'))) {
    if (scc.length < 2) continue;
    const inside = new Set(scc);
    const sccEdges = edges.filter((e) => e.mode === 'direct' && inside.has(e.child) && inside.has(e.parent));
    // Filling later needs the child's primary key to find the row again.
    const hasKey = new Set(tables.filter((t) => t.primaryKey.length).map((t) => t.name));
    for (const e of sccEdges) if ((e.fk.nullable || skippable?.has(e.fk)) && hasKey.has(e.child)) e.mode = 'fill-after';
    for (const sub of components(scc, sccEdges.filter((e) => e.mode === 'direct'))) {
      if (sub.length < 2) continue;
      for (const e of backEdges(sub, sccEdges.filter((x) => x.mode === 'direct'))) {
        // Written before its parent either way: checked at commit, or (blocked) by a constraint
        // the run drops and adds back (plan.ts).
        e.mode = 'deferred';
        if (!e.fk.deferrable) blocked.push(e);
      }
    }
  }
  const ordering = edges.filter((e) => e.mode === 'direct');
  const level = new Map<string, number>();
  const parents = new Map<string, string[]>();
  for (const n of names) parents.set(n, []);
  for (const e of ordering) parents.get(e.child)!.push(e.parent);
  for (const e of extra) if (names.has(e.child) && names.has(e.parent) && e.child !== e.parent) parents.get(e.child)!.push(e.parent);
  const visiting = new Set<string>();
  const depth = (n: string): number => {
    const known = level.get(n);
    if (known !== undefined) return known;
    if (visiting.has(n)) return 0; // a config `after` that closes a cycle
    visiting.add(n);
    let d = 0;
    for (const p of parents.get(n)!) d = Math.max(d, depth(p) + 1);
    visiting.delete(n);
    level.set(n, d);
    return d;
  };
  for (const n of names) depth(n); // every level known, also for a single table (sort never compares it)
  const sorted = [...names].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
  const phases: string[][] = [];
  for (const n of sorted) (phases[level.get(n)!] ??= []).push(n);
  return { order: sorted, phases: phases.filter(Boolean), edges, blocked };
}

/** Tarjan's strongly connected components, iterative (533-table schemas recurse deep). */
export function components(nodes: string[], edges: { child: string; parent: string }[]): string[][] {
  const adj = new Map<string, string[]>();
  for (const n of nodes) adj.set(n, []);
  for (const e of edges) adj.get(e.child)?.push(e.parent);
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  for (const root of nodes) {
    if (idx.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length) {
      const top = work[work.length - 1];
      const [v, i] = top;
      if (i === 0) {
        idx.set(v, index); low.set(v, index); index++;
        stack.push(v); onStack.add(v);
      }
      const next = adj.get(v)!;
      if (i < next.length) {
        top[1]++;
        const w = next[i];
        if (!adj.has(w)) continue;
        if (!idx.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const u = work[work.length - 1][0];
        low.set(u, Math.min(low.get(u)!, low.get(v)!));
      }
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do { w = stack.pop()!; onStack.delete(w); comp.push(w); } while (w !== v);
        out.push(comp.sort());
      }
    }
  }
  return out;
}

/** Edges that close a cycle in a DFS from the alphabetically first table: deferring them makes the rest acyclic. */
function backEdges(nodes: string[], edges: Edge[]): Edge[] {
  const out: Edge[] = [];
  const state = new Map<string, 1 | 2>();
  const inside = new Set(nodes);
  const from = new Map<string, Edge[]>();
  for (const e of edges) if (inside.has(e.child) && inside.has(e.parent)) from.set(e.child, [...(from.get(e.child) ?? []), e]);
  const visit = (n: string) => {
    state.set(n, 1);
    for (const e of from.get(n) ?? []) {
      const s = state.get(e.parent);
      if (s === 1) out.push(e);
      else if (!s) visit(e.parent);
    }
    state.set(n, 2);
  };
  for (const n of [...nodes].sort()) if (!state.has(n)) visit(n);
  return out;
}
