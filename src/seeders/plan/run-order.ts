import type { SeedPlan, TablePlan } from './plan.ts';

// The order a large run makes its tables in. The plan's order (phases by depth, then name) can
// leave the biggest table for last: the wait for its writing, its index rebuild and its checks
// then come after every row is made, with nothing to overlap them. A large run instead starts
// each table as early as its parents allow, the ones leading to the most rows first (critical
// path first), so it ends with small tables and the big ones' rebuilds and checks overlap the
// generation of the rest. Only the order changes: every table still comes after its parents
// (foreign keys not deferred, config `after`), and each table's rows are the same.

/** From this many rows in a run, tables are made in critical-path order; below it, in the
 *  plan's phases as `plan` shows them (a small run's order costs nothing). */
export const CRITICAL_PATH_ROWS = 20_000;

export function runOrder(plan: SeedPlan, tables: TablePlan[]): TablePlan[] {
  if (tables.reduce((a, t) => a + t.count, 0) < CRITICAL_PATH_ROWS) return tables;
  const index = new Map(tables.map((t, i) => [t.name, i]));
  const parents = tables.map(() => new Set<number>());
  const children = tables.map(() => [] as number[]);
  const link = (child: string, parent: string) => {
    const c = index.get(child), p = index.get(parent);
    if (c === undefined || p === undefined || c === p || parents[c].has(p)) return;
    parents[c].add(p);
    children[p].push(c);
  };
  for (const e of plan.edges) if (e.mode === 'direct') link(e.from, e.to);
  for (const [child, t] of Object.entries(plan.input.options.config?.tables ?? {})) for (const parent of t?.after ?? []) link(child, parent);
  // A mirror table is not written by the run: its children wait for its source.
  for (const m of plan.mirrors ?? []) for (const e of plan.edges) if (e.to === m.table) link(e.from, m.source);
  // Rows a table leads to: its own, or its largest descendant's (the plan's order is a
  // topological one, so children come later in it: walk it backwards).
  const weight = tables.map((t) => t.count);
  for (let i = tables.length - 1; i >= 0; i--) for (const c of children[i]) weight[i] = Math.max(weight[i], weight[c]);
  const waiting = parents.map((p) => p.size);
  const ready = tables.map((_, i) => i).filter((i) => waiting[i] === 0);
  const out: TablePlan[] = [];
  while (ready.length) {
    // Heaviest first; ties keep the plan's order. (A few hundred tables: a scan is enough.)
    let best = 0;
    for (let k = 1; k < ready.length; k++) if (weight[ready[k]] > weight[ready[best]] || (weight[ready[k]] === weight[ready[best]] && ready[k] < ready[best])) best = k;
    const i = ready.splice(best, 1)[0];
    out.push(tables[i]);
    for (const c of children[i]) if (--waiting[c] === 0) ready.push(c);
  }
  // A config `after` that closes a cycle: whatever is left, in the plan's order.
  return out.length === tables.length ? out : tables;
}
