import type { TableInfo } from './model.ts';

// PostgreSQL identifiers. Tables of the default (search-path) schema keep their bare name; others
// are named `schema.table`. SQL always quotes schema and table separately, so a table whose name
// contains a dot or a quote is never misread.

export function quoteIdent(id: string): string {
  return `"${id.replaceAll('"', '""')}"`;
}

/** `"schema"."table"` for a table of the model. */
export function qualified(t: Pick<TableInfo, 'name' | 'schema' | 'localName'>): string {
  if (t.schema) return `${quoteIdent(t.schema)}.${quoteIdent(t.localName ?? t.name)}`;
  return quoteIdent(t.name);
}

/** Display name → schema and local name, for tables outside the model (FK parents in other schemas). */
export function splitName(name: string, defaultSchema: string): { schema: string; local: string } {
  const dot = name.indexOf('.');
  if (dot <= 0) return { schema: defaultSchema, local: name };
  return { schema: name.slice(0, dot), local: name.slice(dot + 1) };
}

export function displayName(schema: string, local: string, defaultSchema: string): string {
  return schema === defaultSchema ? local : `${schema}.${local}`;
}
