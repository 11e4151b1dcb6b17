import { parseCheck, referencedColumns } from '../check/index.ts';
import type { TableInfo, UniqueKey } from './model.ts';

// One UniqueKey from what either catalogue says about a unique index: its parts (a column, or an
// expression as the database spells it), its WHERE, NULLS NOT DISTINCT. Both readers build keys
// here, so `columns` always means the same thing: the table's columns the parts read.

export interface IndexPart {
  /** A plain column part. */
  column?: string;
  /** An expression part (`lower(email)`), or a column with a collation (`email COLLATE NOCASE`). */
  expression?: string;
}

export interface IndexFacts {
  name: string;
  parts: IndexPart[];
  predicate?: string | null;
  nullsNotDistinct?: boolean;
  partition?: string;
}

/** The key, or undefined when a part reads a column the table does not have (nothing to keep
 *  distinct). A constant part (`((1)) WHERE is_default`: one default row in the table) reads none
 *  and adds none; a key of constants only binds the rows it holds to one. */
export function uniqueKey(ix: IndexFacts, tableColumns: readonly string[]): UniqueKey | undefined {
  const byLower = new Map(tableColumns.map((c) => [c.toLowerCase(), c]));
  const columns: string[] = [];
  const add = (c: string) => { if (!columns.includes(c)) columns.push(c); };
  let constants = 0;
  for (const p of ix.parts) {
    if (p.column !== undefined) {
      if (!tableColumns.includes(p.column)) return undefined;
      add(p.column);
      continue;
    }
    let read: string[];
    try {
      read = referencedColumns(parseCheck(p.expression ?? '')).map((c) => byLower.get(c.toLowerCase()) ?? c);
      if (!read.length) { constants++; continue; }
    } catch {
      read = tableColumns.filter((c) => new RegExp(`\\b${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(p.expression ?? ''));
    }
    const known = read.filter((c) => tableColumns.includes(c));
    if (!known.length) return undefined;
    known.forEach(add);
  }
  // Constants alone: one row in the index (the rows its WHERE selects, else the whole table).
  if (!columns.length && !constants) return undefined;
  const key: UniqueKey = { name: ix.name, columns, partial: !!ix.predicate };
  if (ix.parts.some((p) => p.expression !== undefined)) key.expressions = ix.parts.map((p) => p.expression ?? sqlName(p.column!));
  if (ix.predicate) key.predicate = ix.predicate;
  if (ix.nullsNotDistinct) key.nullsNotDistinct = true;
  if (ix.partition) key.partition = ix.partition;
  return key;
}

/** True for a key that is one column list, full and NULL-distinct: what a UNIQUE constraint is. */
export function isPlainKey(k: UniqueKey): boolean {
  return !k.expressions && !k.predicate;
}

/** The columns that name one row: the primary key, else a plain unique key of NOT NULL columns
 *  (`id text NOT NULL, UNIQUE (id)`: common where a schema never declared a primary key). */
export function rowKey(table: TableInfo): string[] {
  if (table.primaryKey.length) return table.primaryKey;
  const notNull = new Set(table.columns.filter((c) => !c.nullable).map((c) => c.name));
  return table.uniques.find((u) => isPlainKey(u) && !u.partial && u.columns.every((c) => notNull.has(c)))?.columns ?? [];
}

const RESERVED = new Set(['all', 'and', 'any', 'as', 'asc', 'by', 'case', 'check', 'default', 'desc', 'else', 'end', 'from', 'group', 'in', 'index', 'is', 'key', 'limit', 'not', 'null', 'offset', 'on', 'or', 'order', 'primary', 'references', 'select', 'table', 'then', 'unique', 'user', 'when', 'where']);

/** A column name as SQL text: bare when that reads the same, else double-quoted. */
export function sqlName(c: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(c) && !RESERVED.has(c) ? c : `"${c.replaceAll('"', '""')}"`;
}
