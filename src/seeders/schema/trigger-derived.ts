import type { TableInfo, TriggerInfo } from './model.ts';
import { QID, unquoteName } from './trigger-body.ts';
import { enclosingIfs } from './trigger-copies.ts';

// A PL/pgSQL BEFORE INSERT trigger that sets a unique column from the row's other columns (a
// slug: `NEW.slug := lower(regexp_replace(NEW.title, '[^a-z0-9]+', '-', 'gi'))`): whatever the
// run writes into slug, the trigger replaces it, and two titles that make one slug collide. The
// unique key is then a key on what the trigger computes — an expression key, which the engine
// keeps distinct like a `UNIQUE (lower(email))` index (titles that would make one slug are not
// both written). The same for an AFTER INSERT trigger that UPDATEs the new row itself (`UPDATE
// notes SET slug = lower(NEW.title) WHERE id = NEW.id`, the SQLite way).

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

/** `UPDATE own SET col = expr, … WHERE key = NEW.key` of an insert trigger on `table`: the new row
 *  itself, each set from the new row alone (outside any IF or LOOP). */
export function selfDerived(code: string, text: string, table: TableInfo, resolve: (raw: string) => string | undefined): { column: string; expression: string }[] {
  if (table.primaryKey.length !== 1) return [];
  const key = table.primaryKey[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const out: { column: string; expression: string }[] = [];
  const re = new RegExp(String.raw`\bUPDATE\s+(${QID})\s+SET\b([^;]*?)\bWHERE\s+"?${key}"?\s*=\s*NEW\s*\.\s*"?${key}"?\s*(?:;|$|\bEND\b)`, 'gi');
  for (const m of code.matchAll(re)) {
    if (resolve(unquoteName(m[1])) !== table.name) continue;
    const ifs = enclosingIfs(code, text, m.index!);
    if (!ifs || ifs.length) continue;
    const from = m.index! + m[0].indexOf(m[2], m[1].length);
    const sets = text.slice(from, from + m[2].length);
    for (const a of splitTop(sets, code.slice(from, from + m[2].length))) {
      const set = /^\s*("(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s*=\s*([\s\S]+?)\s*$/.exec(a.text);
      if (!set || !/\bNEW\s*\./i.test(a.code) || /\bSELECT\b|\bOLD\s*\.|\brandom\w*\s*\(|\bnow\b|\bnextval\b/i.test(a.code)) continue;
      // Read only the new row: any other column name would be the row's current value.
      const bare = a.code.slice(a.code.indexOf('=') + 1).replace(/\bNEW\s*\.\s*(?:"(?:[^"]|"")+"|[\w$]+)/gi, ' ');
      if (table.columns.some((c) => new RegExp(String.raw`(?<![\w$."])"?${c.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?(?![\w$(])`, 'i').test(bare))) continue;
      const col = set[1].startsWith('"') ? set[1].slice(1, -1).replaceAll('""', '"') : set[1];
      out.push({ column: col, expression: set[2].replace(/\bNEW\s*\.\s*/gi, '') });
    }
  }
  return out;
}

/** Top-level comma-separated parts of `text`, split where `code` (strings blanked) has commas. */
function splitTop(text: string, code: string): { text: string; code: string }[] {
  const out: { text: string; code: string }[] = [];
  let depth = 0, from = 0;
  for (let i = 0; i <= code.length; i++) {
    const c = code[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if ((c === ',' && depth === 0) || i === code.length) { out.push({ text: text.slice(from, i), code: code.slice(from, i) }); from = i + 1; }
  }
  return out;
}

/** Turns each unique key on a column a BEFORE INSERT trigger derives (derivedColumns) into a key
 *  on the trigger's expression. */
export function addDerivedUniques(tables: TableInfo[], triggers: TriggerInfo[]): void {
  for (const t of triggers) {
    if (!t.derives?.length || t.timing === 'instead' || !t.events.includes('insert')) continue;
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
