import type { TableInfo, TriggerInfo } from './model.ts';
import { QID, unquote, unquoteName } from './trigger-body.ts';

// An insert trigger that copies the new row's columns into another table (digiKam's
// `AFTER INSERT ON Tags … INSERT INTO TagsTree SELECT NEW.id, NEW.pid`, a PL/pgSQL audit
// `INSERT INTO history (item_id, …) VALUES (NEW.id, …)`): where the receiving column is NOT NULL,
// a NULL in the copied column fails the trigger and with it the row. `IS NOT NULL` joins the
// table's CHECKs as a steer (`trigger`: validate leaves it out), scoped by the trigger's WHEN.

const ID = String.raw`(?:"(?:[^"]|"")+"|\[[^\]]+\]|\x60[^\x60]+\x60|[A-Za-z_][\w$]*)`;

/** Each `INSERT INTO t [(cols)] SELECT …` / `VALUES (…)` of a body (comments and strings
 *  blanked): the target, its column list when written, and per position the NEW column it
 *  copies as is (undefined for any other expression). */
export function copiesOf(code: string): { table: string; columns?: string[]; values: (string | undefined)[] }[] {
  const out: { table: string; columns?: string[]; values: (string | undefined)[] }[] = [];
  const head = new RegExp(String.raw`\b(?:INSERT(?:\s+OR\s+\w+)?|REPLACE)\s+INTO\s+(${QID})\s*(?:\(([^()]*)\))?\s*(SELECT\b|VALUES\s*\()`, 'gi');
  for (const m of code.matchAll(head)) {
    const start = m.index! + m[0].length;
    const list = listAt(code, start, m[3].toUpperCase().startsWith('VALUES')).replace(/^\s*(?:DISTINCT|ALL)\b/i, '');
    const values = splitTop(list).map((e) => new RegExp(String.raw`^NEW\s*\.\s*(${ID})$`, 'i').exec(e.trim())?.[1]).map((c) => (c ? unquote(c) : undefined));
    if (!values.some(Boolean)) continue;
    const columns = m[2]?.split(',').map((c) => unquote(c.trim()));
    out.push({ table: unquoteName(m[1]), ...(columns ? { columns } : {}), values });
  }
  return out;
}

/** The copies whose receiving column is NOT NULL, resolved to the schema's tables and columns. */
export function requiredCopies(list: ReturnType<typeof copiesOf>, resolve: (raw: string) => string | undefined, tables: TableInfo[], own: string): string[] {
  const source = tables.find((t) => t.name === own);
  if (!source) return [];
  const out = new Set<string>();
  for (const c of list) {
    const target = tables.find((t) => t.name === resolve(c.table));
    if (!target) continue;
    const written = c.columns ?? target.columns.filter((x) => !x.generated).map((x) => x.name);
    c.values.forEach((from, i) => {
      const to = target.columns.find((x) => x.name.toLowerCase() === written[i]?.toLowerCase());
      const col = from && source.columns.find((x) => x.name.toLowerCase() === from.toLowerCase());
      if (to && !to.nullable && col && col.nullable && !col.generated) out.add(col.name);
    });
  }
  return [...out];
}

/** Columns of the new row a BEFORE INSERT body may assign as is to a NOT NULL column of it
 *  (`NEW.computed_state = CASE … ELSE NEW.external_state END`, `NEW.b := NEW.a`): a NULL there
 *  fails the row, so the nullable ones are required too. */
export function requiredAssignments(code: string, table: TableInfo | undefined): string[] {
  if (!table) return [];
  const out = new Set<string>();
  const col = (raw: string) => table.columns.find((c) => c.name.toLowerCase() === unquote(raw).toLowerCase());
  for (const m of code.matchAll(new RegExp(String.raw`(?:^|;|\bBEGIN\b|\bTHEN\b|\bELSE\b|\bLOOP\b)\s*NEW\s*\.\s*(${ID})\s*:?=(?!=)`, 'gi'))) {
    if (col(m[1])?.nullable !== false) continue;
    const expr = listAt(code, m.index! + m[0].length, true);
    for (const r of expr.matchAll(new RegExp(String.raw`(?:^|\bTHEN\b|\bELSE\b)\s*NEW\s*\.\s*(${ID})(?=\s*(?:$|\bWHEN\b|\bELSE\b|\bEND\b))`, 'gi'))) {
      const from = col(r[1]);
      if (from?.nullable && !from.generated) out.add(from.name);
    }
  }
  return [...out];
}

/** Adds `col IS NOT NULL` (under the trigger's WHEN) to the table's CHECKs for each column an
 *  insert row trigger copies into a NOT NULL column. */
export function addCopyConditions(tables: TableInfo[], triggers: TriggerInfo[]): void {
  for (const t of triggers) {
    if (!t.requires?.length || !t.row || t.timing === 'instead' || !t.events.includes('insert')) continue;
    const table = tables.find((x) => x.name === t.table);
    if (!table) continue;
    for (const col of t.requires) {
      const set = `"${col.replaceAll('"', '""')}" IS NOT NULL`;
      table.checks.push({ name: `trigger ${t.name}`, expression: t.when ? `NOT (${t.when}) OR ${set}` : set, trigger: t.name });
    }
  }
}

/** The list after SELECT (to FROM, UNION, WHERE or the statement's end) or inside VALUES ( … ). */
function listAt(code: string, start: number, values: boolean): string {
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (c === '(') depth++;
    else if (c === ')') { if (depth === 0) return code.slice(start, i); depth--; }
    else if (depth === 0 && (c === ';' || (!values && /[A-Za-z]/.test(c) && !/[\w$.]/.test(code[i - 1] ?? '') && /^(?:FROM|UNION|WHERE|INTERSECT|EXCEPT|RETURNING|ON)\b/i.test(code.slice(i, i + 10))))) return code.slice(start, i);
  }
  return code.slice(start);
}

function splitTop(list: string): string[] {
  const out: string[] = [];
  let depth = 0, at = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) { out.push(list.slice(at, i)); at = i + 1; }
  }
  out.push(list.slice(at));
  return out;
}
