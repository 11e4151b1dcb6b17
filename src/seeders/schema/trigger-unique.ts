import type { TableInfo, TriggerInfo } from './model.ts';
import { QID, unquote, unquoteName } from './trigger-body.ts';

// A SQLite insert trigger that turns away a row whose columns repeat a row already there —
// `SELECT RAISE(IGNORE) WHERE EXISTS (SELECT 1 FROM tags WHERE label = NEW.label)`, or
// RAISE(ABORT, 'email taken') — keeps those columns unique as an index would. The table gets
// that unique key (marked `trigger`: no index; validate leaves it out), so generated rows are
// distinct in it and the table is capped where the values run out, instead of rows written and
// dropped (their children then pointing at nothing) or the run failing on the trigger's error.

const ID = String.raw`(?:"(?:[^"]|"")+"|\[[^\]]+\]|\x60[^\x60]+\x60|[A-Za-z_][\w$]*)`;

/** The columns an own-table EXISTS condition (`EXISTS (SELECT 1 FROM t WHERE a = NEW.a AND …)`)
 *  matches the new row on, each to itself; undefined for any other condition. */
export function uniqueByCondition(cond: string, own: string, resolve: (raw: string) => string | undefined): string[] | undefined {
  const m = new RegExp(String.raw`^\s*EXISTS\s*\(\s*SELECT\s+[^;()]*?\s+FROM\s+(${QID})(?:\s+(?:AS\s+)?(?!WHERE\b)(${ID}))?\s+WHERE\s+([^;()]+)\)\s*$`, 'i').exec(cond);
  if (!m || resolve(unquoteName(m[1])) !== own) return undefined;
  const alias = m[2] ? unquote(m[2]).toLowerCase() : undefined;
  const cols: string[] = [];
  for (const part of m[3].split(/\s+AND\s+/i)) {
    const eq = new RegExp(String.raw`^\s*(?:(${ID})\s*\.\s*)?(${ID})\s*=\s*NEW\s*\.\s*(${ID})\s*$|^\s*NEW\s*\.\s*(${ID})\s*=\s*(?:(${ID})\s*\.\s*)?(${ID})\s*$`, 'i').exec(part);
    if (!eq) return undefined;
    const [qual, col, other] = eq[2] ? [eq[1], eq[2], eq[3]] : [eq[5], eq[6], eq[4]];
    if (qual && ![alias, own.toLowerCase(), unquoteName(m[1]).toLowerCase()].includes(unquote(qual).toLowerCase())) return undefined;
    if (unquote(col).toLowerCase() !== unquote(other).toLowerCase()) return undefined;
    cols.push(unquote(col));
  }
  return cols.length ? cols : undefined;
}

/** Adds each insert trigger's own-table uniqueness (TriggerInfo.uniqueBy) to its table's keys. */
export function addTriggerUniques(tables: TableInfo[], triggers: TriggerInfo[]): void {
  for (const t of triggers) {
    const table = t.uniqueBy && tables.find((x) => x.name === t.table);
    if (!table) continue;
    const columns = t.uniqueBy!.map((c) => table.columns.find((x) => x.name.toLowerCase() === c.toLowerCase())?.name);
    if (columns.some((c) => !c)) continue;
    const same = (k: string[]) => k.length === columns.length && k.every((c) => columns.includes(c));
    if (same(table.primaryKey) || table.uniques.some((u) => !u.partial && !u.expressions && same(u.columns))) continue;
    table.uniques.push({ name: `trigger ${t.name}`, columns: columns as string[], partial: false, trigger: t.name });
  }
}
