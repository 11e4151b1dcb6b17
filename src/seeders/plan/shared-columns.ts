import { finite, type Generator } from '../generate/generator.ts';
import { Rng } from '../generate/prng.ts';
import type { TableInfo } from '../schema/model.ts';

// A column two composite foreign keys of one row share (a tenant or bridge column:
// (bridge_id, room_id) → rooms, (bridge_id, sender_id) → ghosts) must hold a value both parent
// rows have. The row takes parents that agree (generate/table.ts fillShared); for such parents
// to exist, the tables where that column starts (it is no reference there: each makes up its own
// bridge_id) draw it from one short list of values, the same in each.

/** How many values a shared column's list holds (tenants, bridges). */
export const SHARED_VALUES = 3;

/** `table\0column` of each column where a shared value starts → the name of its list; only lists
 *  with two or more such columns, none of them unique on its own. */
export function sharedColumnGroups(tables: Map<string, TableInfo>): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (k: string): string => { let r = k; while (parent.get(r) !== r) r = parent.get(r)!; return r; };
  const union = (a: string, b: string) => { for (const k of [a, b]) if (!parent.has(k)) parent.set(k, k); parent.set(find(a), find(b)); };
  // Where the value of table.column comes from: followed up through the FK that fills it.
  const source = (table: string, column: string): string => {
    const seen = new Set<string>();
    for (;;) {
      const key = `${table}\u0000${column}`;
      const t = tables.get(table);
      const f = t?.foreignKeys.find((x) => x.columns.includes(column));
      if (!t || !f || f.refTable === table || seen.has(key)) return key;
      seen.add(key);
      column = f.refColumns[f.columns.indexOf(column)];
      table = f.refTable;
    }
  };
  for (const t of tables.values()) {
    const fks = t.foreignKeys.filter((f) => f.refTable !== t.name && f.columns.length > 1);
    for (let a = 0; a < fks.length; a++) {
      for (let b = a + 1; b < fks.length; b++) {
        for (const c of fks[a].columns) {
          const j = fks[b].columns.indexOf(c);
          if (j < 0) continue;
          union(source(fks[a].refTable, fks[a].refColumns[fks[a].columns.indexOf(c)]), source(fks[b].refTable, fks[b].refColumns[j]));
        }
      }
    }
  }
  const groups = new Map<string, string[]>();
  for (const k of parent.keys()) { const r = find(k); groups.set(r, [...(groups.get(r) ?? []), k]); }
  const out = new Map<string, string>();
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const alone = members.some((k) => {
      const [tn, c] = k.split('\u0000');
      const t = tables.get(tn);
      return !t || (t.primaryKey.length === 1 && t.primaryKey[0] === c) || t.uniques.some((u) => u.columns.length === 1 && u.columns[0] === c);
    });
    if (alone) continue;
    const name = members.sort().map((k) => k.replace('\u0000', '.')).join(', ');
    for (const k of members) out.set(k, name);
  }
  return out;
}

/** The list a shared column draws from: SHARED_VALUES values of the first member's generator,
 *  drawn with a fixed seed so every member (and every thread) makes the same list. */
export function sharedValues(group: string, base: Generator): Generator {
  const seen = new Set<string>();
  const values: unknown[] = [];
  for (let k = 0; k < SHARED_VALUES * 4 && values.length < SHARED_VALUES; k++) {
    const v = base.next(new Rng(0, '#shared', group, String(k)), { index: k, row: {} });
    if (v === null || v === undefined || seen.has(String(v))) continue;
    seen.add(String(v));
    values.push(v);
  }
  return { ...finite(`${base.label}, one of ${values.length} shared by ${group}`, values), from: `one list shared by ${group}` };
}
