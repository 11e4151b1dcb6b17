import type { SchemaInfo, TableInfo } from '../schema/model.ts';
import { filledTables } from '../plan/filled.ts';

// FTS commands: an index is changed through INSERTs into a column named after its table. An
// external-content index without sync triggers is rebuilt from its content table whenever that
// table changed under Seedbed (a seed, an undo, a clear); FTS5 empties an external-content or
// contentless index with 'delete-all' (a DELETE would read back content that may be gone).

export function ftsCommand(table: string, command: 'rebuild' | 'delete-all'): string {
  const q = `"${table.replaceAll('"', '""')}"`;
  return `INSERT INTO ${q}(${q}) VALUES ('${command}')`;
}

/** How `clear` empties a table: a DELETE, an FTS5 'delete-all', or a rebuild once the rest is cleared. */
export function clearMode(t: TableInfo): 'delete' | 'delete-all' | 'rebuild' {
  const v = t.virtual;
  if (!v || v.content === undefined) return 'delete';
  if (v.module === 'fts5') return 'delete-all';
  return v.content ? 'rebuild' : 'delete';
}

/** External-content indexes (no sync triggers) fed by any of `changed`, to rebuild after a change. */
export function indexesToRebuild(schema: SchemaInfo, changed: Iterable<string>): string[] {
  const names = new Set(changed);
  return [...filledTables(schema)].filter(([, f]) => f.how === 'rebuild' && f.sources.some((s) => names.has(s))).map(([t]) => t);
}
