import type { SchemaInfo } from '../schema/model.ts';
import { quoteIdent } from '../schema/pg-names.ts';

// A BEFORE INSERT trigger that assigns a row's key (`NEW.id := 'bucket_' || gen_random_ulid()`)
// would replace the keys the run generated: children written with those keys then point nowhere,
// and undo, which deletes by the keys it recorded, leaves the rows behind. For the run, two
// triggers of its own bracket the application's: the first (its name sorts first) keeps the
// row's key columns aside, the last puts them back; everything else the application's trigger
// sets stays. Both, and their functions (pg_temp), are dropped before COMMIT: nothing remains.

/** What the guards need of a connection (not pg's own type: this module's declarations ship
 *  with the engine's, which the exports reach, and an app need not have pg's types). */
interface Client {
  query(sql: string): Promise<unknown>;
}

export interface KeyGuard {
  /** The table, quoted and schema-qualified. */
  ref: string;
  columns: string[];
}

const STASH = '!seedbed_keep_keys';
const RESTORE = '~seedbed_keep_keys';

/** Tables whose keys (primary key, columns other tables reference) a BEFORE INSERT trigger assigns. */
export function keyGuards(schema: SchemaInfo | undefined, ref: (table: string) => string): KeyGuard[] {
  const out: KeyGuard[] = [];
  for (const table of schema?.tables ?? []) {
    const assigned = new Set((schema!.triggers ?? []).filter((t) => t.table === table.name && t.assigns?.length).flatMap((t) => t.assigns!));
    if (!assigned.size) continue;
    const referenced = schema!.tables.flatMap((t) => t.foreignKeys.filter((f) => f.refTable === table.name && !f.implied).flatMap((f) => f.refColumns));
    const keys = [...new Set([...table.primaryKey, ...referenced])].filter((c) => assigned.has(c));
    if (keys.length) out.push({ ref: ref(table.name), columns: keys });
  }
  return out;
}

/** The statements that put the guards in place, and those that take them away again (before
 *  COMMIT); the same for a direct run and for an exported script. */
export function keyGuardStatements(guards: KeyGuard[]): { install: string[]; remove: string[] } {
  if (!guards.length) return { install: [], remove: [] };
  const install = [
    `CREATE OR REPLACE FUNCTION pg_temp.seedbed_stash_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM set_config('seedbed.keys', (SELECT jsonb_object_agg(k, to_jsonb(NEW) -> k) FROM unnest(TG_ARGV) AS k)::text, true);
  RETURN NEW;
END $$`,
    `CREATE OR REPLACE FUNCTION pg_temp.seedbed_restore_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW := jsonb_populate_record(NEW, current_setting('seedbed.keys', true)::jsonb);
  RETURN NEW;
END $$`,
  ];
  const remove: string[] = [];
  for (const g of guards) {
    const args = g.columns.map((c) => `'${c.replaceAll("'", "''")}'`).join(', ');
    install.push(`CREATE TRIGGER ${quoteIdent(STASH)} BEFORE INSERT ON ${g.ref} FOR EACH ROW EXECUTE FUNCTION pg_temp.seedbed_stash_keys(${args})`);
    install.push(`CREATE TRIGGER ${quoteIdent(RESTORE)} BEFORE INSERT ON ${g.ref} FOR EACH ROW EXECUTE FUNCTION pg_temp.seedbed_restore_keys()`);
    remove.push(`DROP TRIGGER IF EXISTS ${quoteIdent(STASH)} ON ${g.ref}`, `DROP TRIGGER IF EXISTS ${quoteIdent(RESTORE)} ON ${g.ref}`);
  }
  remove.push('DROP FUNCTION IF EXISTS pg_temp.seedbed_stash_keys(), pg_temp.seedbed_restore_keys()');
  return { install, remove };
}

export async function installKeyGuards(client: Client, guards: KeyGuard[]): Promise<void> {
  for (const sql of keyGuardStatements(guards).install) await client.query(sql);
}

export async function removeKeyGuards(client: Client, guards: KeyGuard[]): Promise<void> {
  for (const sql of keyGuardStatements(guards).remove) await client.query(sql);
}
