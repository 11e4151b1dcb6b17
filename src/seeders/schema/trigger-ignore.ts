import type { SchemaInfo, TriggerInfo } from './model.ts';

// SQLite's RAISE(IGNORE) in a BEFORE INSERT trigger drops the new row without an error: the
// INSERT "succeeds" and the row is not there. A trigger that does so for every row (no WHEN, no
// WHERE) leaves its table unfillable: the plan leaves it out, named, instead of the run reporting
// rows SQLite did not keep. One that does so under a condition is steered clear of where the
// condition reads the new row (trigger-body.ts rejectConditionsOf → a CHECK); what it still drops
// is read back after the table is written (the 'kept' op of write/generate-run.ts, only for tables
// with such a trigger): children point at the rows that stayed, counts and the ledger say what was
// kept. A PostgreSQL BEFORE INSERT row trigger whose function may RETURN NULL is 'some' too.

/** Tables an insert trigger empties of every new row, and why. */
export function ignoringAllTables(schema: SchemaInfo): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of schema.triggers ?? []) {
    if (t.ignores !== 'all' || out.has(t.table)) continue;
    out.set(t.table, `its trigger ${t.name} drops every row inserted (SELECT RAISE(IGNORE) with no WHEN or WHERE): SQLite keeps none of its rows; drop or guard the trigger to fill it`);
  }
  return out;
}

/** Per table, the insert triggers that may drop some of its new rows. */
export function ignoringTriggers(triggers: TriggerInfo[] | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of triggers ?? []) if (t.ignores === 'some') out.set(t.table, [...(out.get(t.table) ?? []), t.name]);
  return out;
}
