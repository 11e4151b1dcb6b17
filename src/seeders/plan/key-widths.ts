import type { SchemaInfo } from '../schema/model.ts';

// A text key that a narrower column references is made to fit the narrowest such column: the
// application makes keys that fit every column holding them (n8n's 16-character workflow ids sit in
// workflow_entity.id varchar(36) and in insights_metadata.workflowId varchar(16)); a 36-character
// key copied into a varchar(16) is refused. The schema is returned as it is when no key needs it.

export function withKeysFittingReferences(schema: SchemaInfo): SchemaInfo {
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  let narrowest: Map<string, Map<string, number>> | undefined;
  for (const t of schema.tables) {
    for (const fk of t.foreignKeys) {
      const parent = byName.get(fk.refTable);
      if (!parent) continue;
      fk.columns.forEach((c, k) => {
        const width = t.columns.find((x) => x.name === c)?.length;
        const key = parent.columns.find((x) => x.name === fk.refColumns[k]);
        if (width === undefined || width < 1 || !key || key.kind !== 'text' || (key.length !== undefined && key.length <= width)) return;
        const cols = (narrowest ??= new Map()).get(parent.name) ?? new Map<string, number>();
        cols.set(key.name, Math.min(cols.get(key.name) ?? Infinity, width));
        narrowest.set(parent.name, cols);
      });
    }
  }
  if (!narrowest) return schema;
  return {
    ...schema,
    tables: schema.tables.map((t) => {
      const cols = narrowest!.get(t.name);
      return cols ? { ...t, columns: t.columns.map((c) => (cols.has(c.name) ? { ...c, length: cols.get(c.name)! } : c)) } : t;
    }),
  };
}
