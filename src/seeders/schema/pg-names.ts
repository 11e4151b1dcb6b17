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

/** Display names, unique within a schema model: bare in the default schema, `schema.table` elsewhere,
 *  and `"schema"."table"` where that spelling is already taken (a default-schema table named `a.b`
 *  beside table b of schema a). Name the default schema's tables first so they keep bare names. */
export class TableNames {
  private readonly byKey = new Map<string, string>();
  /** Display name → where the table lives. */
  readonly parts = new Map<string, { schema: string; local: string }>();
  readonly defaultSchema: string;
  constructor(defaultSchema: string) { this.defaultSchema = defaultSchema; }

  name(schema: string, local: string): string {
    const key = `${schema}\u0000${local}`;
    let d = this.byKey.get(key);
    if (d !== undefined) return d;
    d = displayName(schema, local, this.defaultSchema);
    if (this.parts.has(d)) d = `${quoteIdent(schema)}.${quoteIdent(local)}`;
    this.byKey.set(key, d);
    this.parts.set(d, { schema, local });
    return d;
  }

  /** Left out of `schema --json` (the tables carry their schema and local name). */
  toJSON(): undefined {
    return undefined;
  }
}
