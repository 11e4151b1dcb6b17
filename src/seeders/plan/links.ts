import type { Link, Unit } from '../generate/recipe.ts';
import type { ForeignKeyInfo, TableInfo, TriggerInfo } from '../schema/model.ts';
import type { EdgeMode } from './graph.ts';

// Columns whose value follows from another foreign key of the row: a payment's customer is the
// customer of the order it pays (payments.customer_id → customers, payments.order_id → orders,
// orders.customer_id → customers: a "diamond"), and a trigger that rejects a row whose room_id
// differs from its event's room_id asks for the same. The row's other FK (the "via" unit) is
// chosen first and carries the parent row's column along; the linked unit copies it.
// Diamonds are recognised where the two paths' columns have the same name (payments.customer_id,
// orders.customer_id): messages.sender_id and channels.owner_id both point at users without
// meaning the same user. Equalities a trigger checks hold whatever the names.

export interface LinkContext {
  table: TableInfo;
  units: Unit[];
  /** Units whose values are fixed otherwise (sampled combinations, perParent groups). */
  fixed: Set<number>;
  tables: Map<string, TableInfo>;
  triggers: TriggerInfo[];
  edgeMode(table: string, columns: string[]): EdgeMode | undefined;
}

/** How an fk unit agrees with another FK of its row (Unit.shared, Unit.agree), for the plan. */
export function agreeing(u: Unit): string {
  if (u.shared) return ` (a parent with the row's ${u.shared.join(', ')})`;
  if (u.agree) return ` (a parent with the ${u.agree.own} of ${u.agree.via}'s, trigger ${u.agree.trigger})`;
  if (u.refuse) return ` (${u.refuse.map((r) => `not where ${r.condition}, trigger ${r.trigger}`).join('; ')})`;
  return '';
}

/** q's FK to the same parent as p over columns of the same names (a diamond's other path). */
function sameReference(q: TableInfo, p: ForeignKeyInfo): ForeignKeyInfo | undefined {
  return q.foreignKeys.find((f) => f.refTable === p.refTable && f.columns.length === p.columns.length
    && p.refColumns.every((rc, k) => { const j = f.refColumns.indexOf(rc); return j >= 0 && f.columns[j].toLowerCase() === p.columns[k].toLowerCase(); }));
}

/** Of the FKs of `table` that hold a column, the one to fill it: not a self-reference; one whose
 *  columns hold another FK's; one whose parent another FK's parent also references alike (a reaction's room is its message's room), so
 *  that it can follow that row as a link; else the first. */
export function owningReference(table: TableInfo, all: ForeignKeyInfo[], tables: Map<string, TableInfo>): ForeignKeyInfo {
  // A self-reference follows the row's value (a tree inside its tenant), never sets it for another FK.
  const others = all.filter((f) => f.refTable !== table.name);
  const fks = others.length ? others : all;
  if (fks.length < 2) return fks[0];
  // One whose columns hold another's whole (a repository's (project, worktree, entry) → entries
  // beside (project, worktree) → worktrees): its parent fixes both; the other then takes the
  // parent that agrees, and a key over the larger one is sampled from its parents.
  const whole = fks.find((b) => fks.some((p) => p !== b && p.columns.length < b.columns.length && p.columns.every((c) => b.columns.includes(c))));
  if (whole) return whole;
  return fks.find((p) => p.refTable !== table.name && table.foreignKeys.some((b) => {
    const q = b !== p && b.refTable !== table.name && b.refTable !== p.refTable ? tables.get(b.refTable) : undefined;
    return q !== undefined && sameReference(q, p) !== undefined;
  })) ?? fks[0];
}

/** Sets `carry` on the via units and returns the links in the order they must be applied. */
export function findLinks(ctx: LinkContext): Link[] {
  const { table, units } = ctx;
  const found = new Map<number, { via: number; carry: string[]; source: string }>();
  const eligibleVia = (u: Unit) => u.kind === 'fk' && !u.shared && !u.rule && u.perParent === undefined && (u.mode ?? 'direct') === 'direct' && u.fk!.refTable !== table.name;
  const eligibleTarget = (i: number) => {
    const u = units[i];
    return !ctx.fixed.has(i) && !u.rule && !u.shared && u.perParent === undefined && (u.kind === 'value' || (u.kind === 'fk' && (u.mode ?? 'direct') === 'direct'));
  };
  // Diamonds.
  units.forEach((a, ai) => {
    if (a.kind !== 'fk' || !eligibleTarget(ai)) return;
    const p = a.fk!;
    units.forEach((b, bi) => {
      if (bi === ai || found.has(ai) || !eligibleVia(b) || b.fk!.refTable === p.refTable) return;
      const q = ctx.tables.get(b.fk!.refTable);
      const f = q && sameReference(q, p);
      if (!q || !f || (ctx.edgeMode(q.name, f.columns) ?? 'direct') !== 'direct') return;
      const carry = p.refColumns.map((rc) => f.columns[f.refColumns.indexOf(rc)]);
      found.set(ai, { via: bi, carry, source: `same as ${q.name}.${carry.join(', ')} of ${b.columns.join(', ')}` });
    });
  });
  // Equalities a trigger rejects rows on: these win over a diamond. Over a self-reference (a
  // folder's library is its parent folder's) the value comes from the parent row of the tree.
  const selfLinks: Link[] = [];
  for (const t of ctx.triggers) {
    if (t.table !== table.name || !t.events.includes('insert')) continue;
    for (const e of t.equalities) {
      const ai = units.findIndex((u) => u.columns.length === 1 && u.columns[0] === e.column);
      const bi = units.findIndex((u) => (u.kind === 'fk' || u.kind === 'self') && !u.shared && u.columns.length === 1 && u.columns[0] === e.via && u.fk!.refTable === e.refTable && u.fk!.refColumns[0] === e.key);
      if (ai < 0 || bi < 0 || ai === bi || !eligibleTarget(ai)) continue;
      const source = `same as ${e.refTable}.${e.refColumn} of ${e.via} (trigger ${t.name})`;
      if (units[bi].kind === 'self') {
        if (!selfLinks.some((l) => l.target === ai) && table.columns.some((c) => c.name === e.refColumn)) selfLinks.push({ target: ai, via: bi, offset: 0, width: 1, from: [e.refColumn], source });
        continue;
      }
      if (!eligibleVia(units[bi])) continue;
      found.set(ai, { via: bi, carry: [e.refColumn], source });
    }
  }
  // Self links go first: a unit they set may be the via unit of another link.
  for (const l of selfLinks) found.delete(l.target);
  if (!found.size) return selfLinks;
  // Apply in dependency order (a via unit that is itself linked goes first); drop cycles.
  const links: Link[] = [];
  const done = new Set<number>();
  const visit = (ai: number, path: Set<number>): boolean => {
    if (done.has(ai)) return true;
    const l = found.get(ai)!;
    if (path.has(ai)) return false;
    path.add(ai);
    if (found.has(l.via) && !visit(l.via, path)) { found.delete(ai); return false; }
    const via = units[l.via];
    const carry = via.carry ?? (via.carry = []);
    let offset = carry.findIndex((_, k) => l.carry.every((c, j) => carry[k + j] === c));
    if (offset < 0) { offset = carry.length; carry.push(...l.carry); }
    links.push({ target: ai, via: l.via, offset: via.fk!.refColumns.length + offset, width: l.carry.length, source: l.source });
    done.add(ai);
    return true;
  };
  for (const ai of [...found.keys()]) visit(ai, new Set());
  return [...selfLinks, ...links];
}
