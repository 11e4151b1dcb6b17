import type { TableInfo, TriggerInfo } from './model.ts';

// A rejecting row trigger that fires only WHEN a condition on the new row holds (Zotero's
// `BEFORE INSERT ON itemData WHEN NEW.fieldID IN (14, 27, …)` that rejects values not starting
// with a date): rows outside the condition never reach it. The condition's negation joins the
// table's CHECKs as a steer (`trigger`: not a constraint of the database, so validate leaves it
// out); generated rows keep clear of the trigger instead of being rejected by it. Only conditions
// on the new row's own columns are taken: one that reads OLD or another table is left alone.

/** The WHEN condition of a CREATE TRIGGER text, with `NEW.` dropped; undefined without one, or
 *  when it reads anything but the new row. */
export function whenCondition(sql: string): string | undefined {
  const code = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  const at = /\bWHEN\b/i.exec(code.replace(/'(?:[^']|'')*'/g, (s) => ' '.repeat(s.length)));
  if (!at) return undefined;
  const head = code.slice(0, at.index);
  // The trigger's own WHEN comes before its body (SQLite BEGIN, PostgreSQL EXECUTE).
  if (/\bBEGIN\b|\bEXECUTE\b/i.test(head)) return undefined;
  const rest = code.slice(at.index + at[0].length);
  const end = /\bBEGIN\b|\bEXECUTE\s+(?:FUNCTION|PROCEDURE)\b/i.exec(rest.replace(/'(?:[^']|'')*'/g, (s) => ' '.repeat(s.length)));
  if (!end) return undefined;
  const expr = rest.slice(0, end.index).trim();
  const bare = expr.replace(/'(?:[^']|'')*'/g, "''");
  if (!expr || !/\bNEW\s*\./i.test(bare) || /\bOLD\s*\.|\bSELECT\b/i.test(bare)) return undefined;
  return expr.replace(/\bNEW\s*\.\s*/gi, '');
}

/** Adds NOT (condition) of each rejecting insert trigger to its table's CHECKs, and NOT (WHERE)
 *  of each insert trigger that purges its own table (`DELETE FROM sessions WHERE expires_at <
 *  now()`): a row it would delete at once is not worth writing. */
export function addTriggerConditions(tables: TableInfo[], triggers: TriggerInfo[]): void {
  for (const t of triggers) {
    if (t.purges && t.events.includes('insert')) {
      tables.find((x) => x.name === t.table)?.checks.push({ name: `trigger ${t.name}`, expression: `NOT (${t.purges})`, trigger: t.name });
    }
    if (!t.when || !t.rejects || !t.row || t.timing === 'after' || !t.events.includes('insert')) continue;
    const table = tables.find((x) => x.name === t.table);
    if (!table) continue;
    table.checks.push({ name: `trigger ${t.name}`, expression: `NOT (${t.when})`, trigger: t.name });
  }
}
