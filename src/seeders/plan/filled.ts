import type { SchemaInfo, TriggerInfo } from '../schema/model.ts';
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
  /** readBack, where its rows can be told without writing (a dry run, an export): its integer
   *  key from the table's sequence or rowid, one row per source row in insert order, and the
   *  columns copied from the source row. */
  predict?: { key: string; copies: [string, string][] };
  /** readBack, where they cannot: why (named when a dry run or an export leaves a table out). */
  unsure?: string;
  /** The trigger that writes it. */
  trigger?: string;
}

export function mirroredTables(schema: SchemaInfo, filled: Map<string, FilledBy>): Mirror[] {
  const out: Mirror[] = [];
  for (const t of schema.triggers ?? []) {
    for (const m of t.mirrors ?? []) {
      const f = filled.get(m.table);
      if (f?.how !== 'trigger' || !f.triggers.includes(t.name) || out.some((x) => x.table === m.table)) continue;
      out.push({ table: m.table, source: t.table, columns: m.columns, trigger: t.name, ...(m.readBack ? { readBack: m.readBack, ...foretold(schema, t, m) } : {}) });
    }
  }
  return out;
}

type TriggerMirror = NonNullable<TriggerInfo['mirrors']>[number];

/** Whether the rows a trigger gives a table with keys of the database's making can be told
 *  before they are written: an integer key the table's own sequence (SQLite's rowid,
 *  AUTOINCREMENT; a PostgreSQL serial or identity) hands out in turn, one INSERT per source row
 *  and no other writer, no trigger that drops source rows or sets the key, and every column a
 *  foreign key reads from it either that key or copied from the source row. */
function foretold(schema: SchemaInfo, trigger: TriggerInfo, m: TriggerMirror): Pick<Mirror, 'predict' | 'unsure'> {
  const target = schema.tables.find((x) => x.name === m.table);
  if (!target) return { unsure: 'the table is not read' };
  if (m.when !== undefined) return { unsure: `trigger ${trigger.name} writes it only WHEN ${m.when || 'its condition holds'}, not for every ${trigger.table} row` };
  if (m.loop) return { unsure: `trigger ${trigger.name} writes it inside a loop, any number of rows per ${trigger.table} row` };
  const key = target.primaryKey.length === 1 ? target.columns.find((c) => c.name === target.primaryKey[0]) : undefined;
  if (!key || !key.autoIncrement || (key.kind !== 'integer' && key.kind !== 'bigint')) {
    const what = target.primaryKey.length === 1 && key ? `its key ${key.name} is ${key.default ? `DEFAULT ${key.default}` : 'made by the database'}` : 'its key is not one integer column';
    return { unsure: `${what}, not a sequence's next numbers` };
  }
  const others = (schema.triggers ?? []).filter((g) => g !== trigger && (g.inserts.includes(target.name) || g.insertsIf?.[target.name] !== undefined)).map((g) => g.name);
  if (others.length || !m.alone) return { unsure: `${others.length ? `trigger${others.length > 1 ? 's' : ''} ${others.join(', ')} also write${others.length > 1 ? '' : 's'} it` : `trigger ${trigger.name} writes it more than once`}, so which row gets which key depends on the order they run in` };
  const setsKey = (schema.triggers ?? []).find((g) => g.table === target.name && g.events.includes('insert') && (g.ignores || g.assigns?.includes(key.name)));
  if (setsKey) return { unsure: `trigger ${setsKey.name} on ${target.name} ${setsKey.ignores ? 'may drop its rows' : `sets its key ${key.name}`}` };
  const drops = (schema.triggers ?? []).find((g) => g.table === trigger.table && g.events.includes('insert') && g.ignores);
  if (drops) return { unsure: `trigger ${drops.name} may drop ${trigger.table} rows, so which of them get a row is known only once written` };
  const copies = m.copies ?? [];
  const known = new Set([key.name, ...copies.map(([c]) => c)]);
  for (const t of schema.tables) {
    for (const f of t.foreignKeys) {
      const unknown = f.refTable === target.name && f.refColumns.find((c) => !known.has(c));
      if (unknown) return { unsure: `${t.name}.${f.columns.join(', ')} points at its column ${unknown}, which the database fills` };
    }
  }
  return { predict: { key: key.name, copies } };
}

/** Tables a dry run or an export leaves out (table → why): a required parent whose rows a trigger
 *  makes with keys the database alone can tell (foretold), which nothing written means nothing read. */
export function unknowableParents(schema: SchemaInfo): Map<string, string> {
  const out = new Map<string, string>();
  if (!schema.triggers?.some((t) => t.mirrors?.some((m) => m.readBack))) return out;
  const unsure = mirroredTables(schema, filledTables(schema)).filter((m) => m.unsure);
  for (const t of schema.tables) {
    for (const f of t.foreignKeys) {
      const m = !f.nullable && f.refTable !== t.name ? unsure.find((x) => x.table === f.refTable) : undefined;
      if (m && !out.has(t.name)) out.set(t.name, `its required parent ${m.table} gets its rows from trigger ${m.trigger} on ${m.source} with keys the database makes as it writes them (${m.unsure}): a dry run or an export writes nothing, so they cannot be known`);
    }
  }
  return out;
}
