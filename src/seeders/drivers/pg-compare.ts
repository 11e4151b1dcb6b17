import type { TableInfo } from '../schema/model.ts';

// PostgreSQL types without a default btree operator class: no `=`, no ordering, so neither
// count(DISTINCT …) nor ORDER BY takes them (json, not jsonb; xml; the geometric types), nor
// arrays of them. Their text is: read-backs order by it, coverage counts no distinct values.
const NOT_COMPARABLE = /^(json|xml|point|line|lseg|box|path|polygon|circle)\b(?!b)/i;

/** Whether a column of this PostgreSQL type (as introspected: `json`, `_json`, `json[]`) has
 *  equality and ordering. */
export function pgComparable(type: string): boolean {
  return !NOT_COMPARABLE.test(type.replace(/^_/, ''));
}

/** ORDER BY terms for `columns` of `table` (quoted by `quote`): a column without ordering by its text. */
export function pgOrderTerms(table: TableInfo, columns: string[], quote: (name: string) => string): string[] {
  return columns.map((name) => {
    const type = table.columns.find((c) => c.name === name)?.type;
    return type !== undefined && !pgComparable(type) ? `${quote(name)}::text` : quote(name);
  });
}
