import type { ForeignKeyInfo, TableInfo, TriggerInfo, TriggerReference } from './model.ts';
import { referencesOf, type TriggerBody } from './trigger-body.ts';
import { reaches } from './fk-graph.ts';

// Foreign keys a schema enforces by trigger instead of declaring them: a BEFORE INSERT trigger
// that rejects a row whose `book` matches no `books.id` (calibre's `fkc_*` triggers, SQLite's
// genfkey, a PL/pgSQL `IF NOT EXISTS (SELECT 1 FROM …) THEN RAISE`). They join the table's foreign
// keys, so the parent is filled first, the column takes the parent's keys, undo and clear go
// children first — and the trigger never sees a row it rejects. Marked `trigger`: they are not
// constraints, so nothing drops, re-adds or validates them as one. Left alone where the column
// already has a declared key, or where the key would close a cycle (no constraint to defer).

/** The references a trigger's body enforces, resolved to the schema's tables. */
export function references(body: TriggerBody, resolve: (raw: string) => string | undefined): { references?: TriggerReference[] } {
  const out = referencesOf(body).flatMap((r) => {
    const refTable = resolve(r.table);
    return refTable ? [{ column: r.column, refTable, refColumn: r.refColumn, nullOk: r.nullOk }] : [];
  });
  return out.length ? { references: out } : {};
}

/** Adds the foreign keys the triggers enforce to their tables. */
export function addTriggerKeys(tables: TableInfo[], triggers: TriggerInfo[]): void {
  if (!triggers.some((t) => t.references)) return;
  const byName = new Map(tables.map((t) => [t.name, t]));
  const col = (t: TableInfo, name: string) => t.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  for (const trigger of triggers) {
    const table = byName.get(trigger.table);
    if (!table || !trigger.rejects) continue;
    for (const r of trigger.references ?? []) {
      const parent = byName.get(r.refTable);
      const column = col(table, r.column);
      const refColumn = parent && col(parent, r.refColumn);
      if (!parent || !column || !refColumn || column.generated) continue;
      if (table.foreignKeys.some((f) => f.columns.some((c) => c === column.name))) continue;
      if (parent === table || reaches((t) => (byName.get(t)?.foreignKeys ?? []).map((f) => f.refTable), parent.name, table.name)) continue;
      const fk: ForeignKeyInfo = {
        name: trigger.name, columns: [column.name], refTable: parent.name, refColumns: [refColumn.name],
        nullable: column.nullable && r.nullOk, deferrable: false, trigger: trigger.name,
      };
      table.foreignKeys.push(fk);
    }
  }
}
