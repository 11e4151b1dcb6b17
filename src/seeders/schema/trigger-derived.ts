import type { TableInfo, TriggerInfo } from './model.ts';
import { enclosingIfs } from './trigger-copies.ts';

// A PL/pgSQL BEFORE INSERT trigger that sets a unique column from the row's other columns (a
// slug: `NEW.slug := lower(regexp_replace(NEW.title, '[^a-z0-9]+', '-', 'gi'))`): whatever the
// run writes into slug, the trigger replaces it, and two titles that make one slug collide. The
// unique key is then a key on what the trigger computes — an expression key, which the engine
// keeps distinct like a `UNIQUE (lower(email))` index (titles that would make one slug are not
// both written).

/** `NEW.col := expr` assignments made whatever the row holds (outside any IF or LOOP), whose
 *  expression reads the new row alone: the column and the expression with `NEW.` dropped. */
export function derivedColumns(code: string, text: string): { column: string; expression: string }[] {
  const out: { column: string; expression: string }[] = [];
  const declared = new Set([...(/\bDECLARE\b([\s\S]*?)\bBEGIN\b/i.exec(code)?.[1] ?? '').matchAll(/(?:^|;)\s*([A-Za-z_][\w$]*)\s+/g)].map((m) => m[1].toLowerCase()));
  for (const m of code.matchAll(/(?:^|;|\bBEGIN\b)\s*NEW\s*\.\s*("(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s*:?=(?!=)/gi)) {
    const at = m.index! + m[0].length;
    const end = code.indexOf(';', at);
    if (end < 0) continue;
    const ifs = enclosingIfs(code, text, m.index!);
    if (!ifs || ifs.length) continue;
    const masked = code.slice(at, end);
    // Only the new row: no query, no variable, no other row, no volatile call.
    const words = [...masked.replace(/\bNEW\s*\.\s*(?:"(?:[^"]|"")+"|[\w$]+)/gi, ' ').matchAll(/[A-Za-z_][\w$]*/g)].map((w) => w[0].toLowerCase());
    if (!/\bNEW\s*\./i.test(masked) || /\bSELECT\b|\bOLD\s*\.|\bTG_\w+|\$\d|\bnextval\b|\brandom\b|\bnow\b|\bgen_random\w*|\buuid\w*|\bclock_\w+/i.test(masked) || words.some((w) => declared.has(w))) continue;
    const col = m[1].startsWith('"') ? m[1].slice(1, -1).replaceAll('""', '"') : m[1];
    out.push({ column: col, expression: text.slice(at, end).trim().replace(/\bNEW\s*\.\s*/gi, '') });
  }
  return out;
}

/** Turns each unique key on a column a BEFORE INSERT trigger derives (derivedColumns) into a key
 *  on the trigger's expression. */
export function addDerivedUniques(tables: TableInfo[], triggers: TriggerInfo[]): void {
  for (const t of triggers) {
    if (!t.derives?.length || t.timing !== 'before' || !t.events.includes('insert')) continue;
    const table = tables.find((x) => x.name === t.table);
    if (!table) continue;
    for (const d of t.derives) {
      const col = table.columns.find((c) => c.name.toLowerCase() === d.column.toLowerCase());
      if (!col || table.primaryKey.includes(col.name)) continue;
      const read = table.columns.filter((c) => c !== col && new RegExp(String.raw`(?<![\w$."])"?${c.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?(?![\w$])`, 'i').test(d.expression));
      if (!read.length) continue;
      for (const k of table.uniques) {
        if (k.expressions || k.trigger || !k.columns.includes(col.name)) continue;
        k.expressions = k.columns.map((c) => (c === col.name ? `(${d.expression})` : `"${c.replaceAll('"', '""')}"`));
        k.columns = [...new Set(k.columns.flatMap((c) => (c === col.name ? read.map((r) => r.name) : [c])))];
      }
    }
  }
}
