import type { SchemaInfo } from '../schema/model.ts';
import { reaches } from '../schema/fk-graph.ts';

// Tables the database fills itself as other tables get rows: a history, counter or audit table
// an INSERT trigger writes, an FTS index kept in sync by triggers on its content table, or an
// external-content FTS index without such triggers (rebuilt from its content table after the
// run). Seedbed does not seed them; it counts what they got.

export interface FilledBy {
  how: 'trigger' | 'rebuild';
  /** Triggers that insert into it (how = 'trigger'). */
  triggers: string[];
  /** The tables whose rows feed it. */
  sources: string[];
  /** For the plan and status: `trigger messages_history on messages`. */
  text: string;
}

export function filledTables(schema: SchemaInfo): Map<string, FilledBy> {
  const out = new Map<string, FilledBy>();
  const names = new Set(schema.tables.map((t) => t.name));
  if (schema.triggers?.length) {
    // Parents a table needs rows of: NOT NULL foreign keys. A nullable one (a user's profile_id
    // that a trigger sets once it has made the profile) can wait for the trigger's rows.
    const parents = new Map(schema.tables.map((t) => [t.name, t.foreignKeys
      .filter((f) => !f.nullable).map((f) => f.refTable)]));
    for (const t of schema.triggers) {
      if (!t.events.includes('insert') || t.timing === 'instead') continue;
      for (const target of t.inserts) {
        // A table the source needs rows of (a required parent, or further up) is seeded as usual.
        if (target === t.table || !names.has(target) || reaches((x) => parents.get(x) ?? [], t.table, target)) continue;
        // Only under an IF on the new row, which the new rows are steered clear of: seeded as usual.
        if (t.insertsIf?.[target] !== undefined) continue;
        const f = out.get(target) ?? { how: 'trigger' as const, triggers: [], sources: [], text: '' };
        f.triggers.push(t.name);
        if (!f.sources.includes(t.table)) f.sources.push(t.table);
        out.set(target, f);
      }
    }
  }
  for (const t of schema.tables) {
    const content = t.virtual?.content;
    if (!content || out.has(t.name)) continue;
    const from = schema.tables.find((x) => x.name.toLowerCase() === content.toLowerCase());
    if (from) out.set(t.name, { how: 'rebuild', triggers: [], sources: [from.name], text: '' });
  }
  for (const f of out.values()) {
    f.text = f.how === 'rebuild'
      ? `its content table ${f.sources[0]} (FTS 'rebuild' after the run)`
      : `${f.triggers.length > 1 ? 'triggers' : 'trigger'} ${f.triggers.join(', ')} on ${f.sources.join(', ')}`;
  }
  return out;
}

/** A table an insert trigger fills with one row per row of its source, keyed by the source's
 *  key (a profile row for each auth user): its keys are the source's, known as the run writes
 *  the source, so its children are seeded in the same run (after the source). */
export interface Mirror {
  table: string;
  source: string;
  /** (the table's key column, the source key column it copies). */
  columns: [string, string][];
  /** Its keys are made by the database (identity, serial): read back once the source is written. */
  readBack?: true;
}

export function mirroredTables(schema: SchemaInfo, filled: Map<string, FilledBy>): Mirror[] {
  const out: Mirror[] = [];
  for (const t of schema.triggers ?? []) {
    for (const m of t.mirrors ?? []) {
      const f = filled.get(m.table);
      if (f?.how !== 'trigger' || !f.triggers.includes(t.name) || out.some((x) => x.table === m.table)) continue;
      out.push({ table: m.table, source: t.table, columns: m.columns, ...(m.readBack ? { readBack: m.readBack } : {}) });
    }
  }
  return out;
}
