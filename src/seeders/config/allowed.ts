import { deriveHints, parseCheck, type Expr } from '../check/index.ts';
import type { ColumnInfo, TableInfo } from '../schema/model.ts';

// The values a column may hold, when the schema says so: a native enum, or a CHECK such as
// `role IN ('ADMIN', 'STUDENT')` (SQLite has no enums). Used for literal types in
// seedbed.schema.d.ts and to reject `values: { admni: 1 }` in a config.

export type Allowed = (string | number)[];

/** Column name → its allowed values, for the columns that have such a list. */
export function allowedValues(table: TableInfo): Map<string, Allowed> {
  const out = new Map<string, Allowed>();
  const parsed: Expr[] = [];
  for (const c of table.checks) {
    try {
      parsed.push(parseCheck(c.expression));
    } catch {
      // An unreadable CHECK says nothing here; the plan reports it.
    }
  }
  const hints = parsed.length ? deriveHints(parsed).columns : new Map();
  for (const col of table.columns) {
    const list = col.enumValues?.length ? col.enumValues : fromHint(col, hints.get(col.name.toLowerCase())?.oneOf);
    if (list?.length) out.set(col.name, [...new Set(list)]);
  }
  return out;
}

function fromHint(col: ColumnInfo, oneOf: unknown[] | undefined): Allowed | undefined {
  if (!oneOf || col.kind === 'boolean') return undefined;
  const vals = oneOf.filter((v) => v !== null);
  if (!vals.length || !vals.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint')) return undefined;
  return vals.map((v) => (typeof v === 'bigint' ? Number(v) : (v as string | number)));
}
