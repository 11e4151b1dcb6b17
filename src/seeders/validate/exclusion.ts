import { tokenize } from '../check/tokenize.ts';
import type { ExclusionInfo, TableInfo } from '../schema/model.ts';

// Rows that break an EXCLUDE constraint, counted by PostgreSQL with the constraint's own
// elements and operators: a row counts when another row (its WHERE selecting both) makes every
// element's operator true. Each element is qualified by the row it reads (a., b.), so the
// inner lookup matches the constraint's own index expressions and uses it (n log n, not n²).
// PostgreSQL enforces the constraint on every insert; this finds rows only where it was
// deferred, or the data changed under it.

/** `SELECT count(*) AS n …` over `from` (a FROM item), or undefined when an element cannot be
 *  qualified (the database enforces it all the same). */
export function exclusionViolationsSql(from: string, table: TableInfo, x: ExclusionInfo, count = 'count(*)'): string | undefined {
  const cols = new Set(table.columns.map((c) => c.name));
  const a = (sql: string) => qualify(sql, 'a', cols);
  const b = (sql: string) => qualify(sql, 'b', cols);
  const parts: string[] = [];
  for (const e of x.elements) {
    const ea = a(e.expression), eb = b(e.expression);
    if (ea === undefined || eb === undefined) return undefined;
    parts.push(`(${eb}) OPERATOR(${quoteName(e.operatorSchema ?? 'pg_catalog')}.${e.operator}) (${ea})`);
  }
  const pa = x.predicate ? a(x.predicate) : 'true';
  const pb = x.predicate ? b(x.predicate) : 'true';
  if (pa === undefined || pb === undefined) return undefined;
  // LATERAL … LIMIT 1: a lookup per row (through the constraint's index), never a join of a
  // group with itself (a hash join on room_id is quadratic in the busiest room).
  return `SELECT ${count} AS n FROM ${from} a CROSS JOIN LATERAL (SELECT 1 FROM ${from} b WHERE ${parts.join(' AND ')} AND (b.tableoid, b.ctid) <> (a.tableoid, a.ctid) AND (${pb}) LIMIT 1) c WHERE (${pa})`;
}

/** `sql` with each of the table's columns written `alias.column` (names after `.` or `::`, and
 *  function names, left alone); undefined when it cannot be read. */
function qualify(sql: string, alias: string, columns: Set<string>): string | undefined {
  let tokens;
  try {
    tokens = tokenize(sql);
  } catch {
    return undefined;
  }
  let out = '';
  let at = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.t !== 'ident') continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (prev?.t === 'op' && (prev.v === '.' || prev.v === '::')) continue;
    if (next?.t === 'op' && (next.v === '(' || next.v === '.')) continue;
    const name = t.quoted ? t.v : [...columns].find((c) => c === t.v || c === t.v.toLowerCase());
    if (name === undefined || !columns.has(name)) continue;
    out += `${sql.slice(at, t.pos)}${alias}.`;
    at = t.pos;
  }
  return out + sql.slice(at);
}

function quoteName(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}
