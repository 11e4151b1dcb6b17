import type { SchemaInfo } from '../schema/model.ts';
import type { EngineConfig } from './types.ts';

// In a project with ORM entities a config may name a table by its entity (`Member`) and a
// column by its property (`fullName`, `publisher` for publisher_id), as the application's code
// does. These are turned into the schema's own names once, where a plan starts (both threads
// plan, so both see the same names) and where the config is checked; a name the schema has
// itself always wins. Without entities nothing changes.

export interface SchemaNames {
  /** The schema's table for a table or entity name (undefined: unknown). */
  table(name: string): string | undefined;
  /** The table's column for a column or property name. */
  column(table: string, name: string): string | undefined;
}

/** Resolves entity and property names; undefined when the schema has no entities. */
export function entityNames(schema: SchemaInfo): SchemaNames | undefined {
  if (!schema.tables.some((t) => t.entity)) return undefined;
  const tables = new Map(schema.tables.map((t) => [t.name, t]));
  const byEntity = new Map<string, string>();
  for (const t of schema.tables) if (t.entity && !tables.has(t.entity)) byEntity.set(t.entity, t.name);
  return {
    table: (name) => (tables.has(name) ? name : byEntity.get(name)),
    column: (table, name) => {
      const t = tables.get(table);
      if (!t) return undefined;
      if (t.columns.some((c) => c.name === name)) return name;
      const own = t.columns.filter((c) => c.entity?.property === name);
      return own.length === 1 ? own[0].name : undefined; // a composite FK property names several
    },
  };
}

type Named = { tables?: string[]; counts?: Record<string, number>; config?: EngineConfig };

/** The plan options with entity and property names turned into the schema's (a copy; the same
 *  object when there is nothing to turn). */
export function withSchemaNames<T extends Named>(options: T, schema: SchemaInfo): T {
  const names = entityNames(schema);
  if (!names) return options;
  const table = (n: string) => names.table(n) ?? n;
  const config = options.config;
  return {
    ...options,
    ...(options.tables ? { tables: options.tables.map(table) } : {}),
    ...(options.counts ? { counts: renameKeys(options.counts, table) } : {}),
    ...(config ? {
      config: {
        ...config,
        ...(config.exclude ? { exclude: config.exclude.map(table) } : {}),
        ...(config.tables ? {
          tables: Object.fromEntries(Object.entries(config.tables).map(([name, tc]) => {
            const t = table(name);
            const col = (c: string) => names.column(t, c) ?? c;
            if (!tc) return [t, tc];
            return [t, {
              ...tc,
              ...(tc.columns ? { columns: renameKeys(tc.columns as Record<string, unknown>, col) } : {}),
              ...(tc.perParent ? { perParent: renameKeys(tc.perParent as Record<string, unknown>, col) } : {}),
              ...(tc.fanOut ? { fanOut: renameKeys(tc.fanOut as Record<string, unknown>, col) } : {}),
              ...(tc.after ? { after: tc.after.map(table) } : {}),
            }];
          })),
        } : {}),
      },
    } : {}),
  };
}

function renameKeys<V>(o: Record<string, V>, rename: (k: string) => string): Record<string, V> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [rename(k), v]));
}
