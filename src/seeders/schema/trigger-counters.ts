import { evaluate, parseCheck, referencedColumns } from '../check/index.ts';
import type { TableInfo, TriggerInfo } from './model.ts';
import { QID, splitTop, unquote, unquoteName } from './trigger-body.ts';

// Counter caches and running totals an insert trigger keeps on another table: `UPDATE posts SET
// comment_count = comment_count + 1 WHERE id = NEW.post_id`, `SET total = coalesce(total, 0) +
// NEW.amount`, `SET n = (SELECT count(*) FROM comments WHERE …)`. Such a column holds what the
// trigger added up, so the run's rows start it where the application does (its DEFAULT, else 0)
// and the trigger counts the run's children into it: a post with 3 comments says 3 (was a random
// number, plus 3). A steer like a trigger's WHEN (`trigger`: validate leaves it out), added only
// where the table's own CHECKs on that column allow the start.

/** The (table as written, column) pairs a trigger body adds to (comments and strings blanked). */
export function accumulatorsOf(code: string): { table: string; column: string }[] {
  const out: { table: string; column: string }[] = [];
  for (const m of code.matchAll(new RegExp(String.raw`\bUPDATE\s+(?:ONLY\s+)?(${QID})\s+(?:(?:AS\s+)?[A-Za-z_][\w$]*\s+)?SET\b`, 'gi'))) {
    if (/^(?:SET)$/i.test(m[1])) continue;
    const start = m.index! + m[0].length;
    const rest = code.slice(start);
    const end = rest.search(/\bWHERE\b|\bFROM\b|\bRETURNING\b|;|\bEND\b/i);
    for (const a of splitTop(end < 0 ? rest : rest.slice(0, end))) {
      const set = /^\s*("(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s*=\s*([\s\S]+?)\s*$/.exec(a);
      if (!set) continue;
      const col = unquote(set[1]);
      const esc = col.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const self = String.raw`(?:[A-Za-z_][\w$]*\s*\.\s*)?"?${esc}"?`;
      const adds = new RegExp(String.raw`^(?:${self}|(?:coalesce|ifnull)\s*\(\s*${self}\s*,\s*0\s*\))\s*\+`, 'i').test(set[2]);
      const recount = /^\(\s*SELECT\s+count\s*\(/i.test(set[2]);
      if (adds || recount) out.push({ table: unquoteName(m[1]), column: col });
    }
  }
  return out;
}

/** Adds `col = start` as a steer to each column an insert trigger adds to (accumulatorsOf). */
export function addTriggerCounters(tables: TableInfo[], triggers: TriggerInfo[]): void {
  for (const t of triggers) {
    if (!t.accumulates || !t.events.includes('insert')) continue;
    for (const a of t.accumulates) {
      const table = tables.find((x) => x.name === a.table);
      const col = table?.columns.find((c) => c.name.toLowerCase() === a.column.toLowerCase());
      if (!table || !col || col.generated || table.primaryKey.includes(col.name) || table.foreignKeys.some((f) => f.columns.includes(col.name))) continue;
      if (col.kind !== 'integer' && col.kind !== 'bigint' && col.kind !== 'decimal' && col.kind !== 'real') continue;
      const start = numericDefault(col.default) ?? 0;
      const expression = `"${col.name.replaceAll('"', '""')}" = ${start}`;
      if (table.checks.some((c) => c.expression === expression) || !allowedByChecks(table, col.name, start)) continue;
      table.checks.push({ name: `trigger ${t.name}`, expression, trigger: t.name });
    }
  }
}

/** A DEFAULT that is a plain number (`0`, `'0'::integer`, `(0)`). */
function numericDefault(d: string | null): number | undefined {
  const m = /^\(?'?(-?\d+(?:\.\d+)?)'?\)?(?:::[\w ]+)?$/.exec((d ?? '').trim());
  return m ? Number(m[1]) : undefined;
}

/** Whether every CHECK of the table that reads the column reads it alone and holds for `value`. */
function allowedByChecks(table: TableInfo, column: string, value: number): boolean {
  for (const c of table.checks) {
    let expr;
    try { expr = parseCheck(c.expression); } catch { return false; }
    const cols = new Set(referencedColumns(expr).map((x) => x.toLowerCase()));
    if (!cols.has(column.toLowerCase())) continue;
    if (cols.size > 1) return false;
    try { if (evaluate(expr, { [column]: value }) === false) return false; } catch { return false; }
  }
  return true;
}
