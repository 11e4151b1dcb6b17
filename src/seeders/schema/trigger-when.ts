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
    if (t.rejectsWhen && t.row && t.events.includes('insert')) addRejections(tables.find((x) => x.name === t.table), t);
    if (t.purges && t.events.includes('insert')) {
      tables.find((x) => x.name === t.table)?.checks.push({ name: `trigger ${t.name}`, expression: `NOT (${t.purges})`, trigger: t.name });
    }
    if (!t.when || !t.rejects || !t.row || t.timing === 'after' || !t.events.includes('insert')) continue;
    const table = tables.find((x) => x.name === t.table);
    if (!table) continue;
    table.checks.push({ name: `trigger ${t.name}`, expression: `NOT (${t.when})`, trigger: t.name });
  }
}

/** A rejecting body's own conditions (`IF NEW.ends_at < NEW.starts_at THEN RAISE`, `IF EXISTS
 *  (SELECT 1 FROM templates … WHERE id = NEW.template_id AND NOT enabled) THEN RAISE`) where the
 *  trigger's other readings (references, parent conditions, agreements) have not modelled it: one
 *  on the new row alone steers rows like a CHECK; one that reads other tables is asked of the
 *  database for each candidate row (`NEW.` becomes the candidate row), which sees the parents
 *  already written. A condition over the table's own rows is left to the trigger (the rows of one
 *  batch are not in the table yet). */
function addRejections(table: TableInfo | undefined, t: TriggerInfo): void {
  if (!table || t.references?.length || t.parentConditions?.length || t.agreements?.length || t.equalities.length) return;
  const local = table.localName ?? table.name;
  const own = new RegExp(String.raw`(?<![\w$.])"?${local.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?(?![\w$])`, 'i');
  for (const cond of t.rejectsWhen ?? []) {
    const code = cond.replace(/'(?:[^']|'')*'/g, (x) => ' '.repeat(x.length));
    if (!/\bSELECT\b/i.test(code)) {
      table.checks.push({ name: `trigger ${t.name}`, expression: `NOT (${outsideStrings(cond, (x) => x.replace(/\bNEW\s*\.\s*/gi, ''))})`, trigger: t.name });
      continue;
    }
    if (own.test(code.replace(/\bNEW\s*\.\s*[\w$"]+/gi, ' '))) continue;
    const alias = `"${local.replaceAll('"', '""')}".`;
    table.checks.push({ name: `trigger ${t.name}`, expression: `NOT (${outsideStrings(cond, (x) => x.replace(/\bNEW\s*\.\s*/gi, alias))})`, trigger: t.name, database: true });
  }
}

/** `f` applied to the text between string literals. */
function outsideStrings(sql: string, f: (code: string) => string): string {
  return sql.split(/('(?:[^']|'')*')/).map((part, i) => (i % 2 ? part : f(part))).join('');
}
