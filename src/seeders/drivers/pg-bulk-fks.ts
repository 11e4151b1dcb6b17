import type { PoolClient } from 'pg';
import { SeedbedError } from '../errors.ts';
import { quoteIdent } from '../schema/pg-names.ts';

// Foreign keys of a bulk load, checked once per constraint instead of once per row. PostgreSQL
// checks each row's FKs with a trigger that looks the parent up (and locks it): ≈3/4 of a COPY's
// time on the benchmark schema. For a large run, the FKs of the tables it fills are dropped
// inside the run's transaction and added back before COMMIT — the order pg_restore uses — and
// adding a FK makes PostgreSQL check every row against the parent table in one query. A row
// without a parent fails the run, which is rolled back, constraints and all.
// Only where that is plainly the same: the table was empty (every row is the run's), the FK is
// validated and its own (not inherited, not on a partition); its comment is given back with it.
// The drops are tried in a savepoint, and anything refused (not the owner, a dependency) leaves
// per-row checks. Keys and indexes follow the same path (pg-bulk-indexes.ts).

export interface DroppedFk {
  /** The table as regclass prints it (quoted and qualified where needed). */
  table: string;
  name: string;
  /** pg_get_constraintdef: FOREIGN KEY (…) REFERENCES …, with its actions and deferrability. */
  definition: string;
  /** COMMENT ON CONSTRAINT, given back with it. */
  comment?: string | null;
}

/** A NOT NULL cycle edge that cannot be deferred: `table` is quoted and qualified. */
export interface CycleFk {
  table: string;
  name: string;
  /** For the message when it cannot be dropped: `child.col → parent`. */
  edge: string;
  child: string;
}

/** Drops the FKs of `tables` (quoted, qualified names) where that is safe; returns them, or []. */
export async function dropFksForBulk(client: PoolClient, tables: string[]): Promise<DroppedFk[]> {
  if (!tables.length) return [];
  const fks = (await client.query<DroppedFk>(`
    SELECT c.conrelid::regclass::text AS "table", c.conname AS name, pg_get_constraintdef(c.oid) AS definition, obj_description(c.oid, 'pg_constraint') AS comment
    FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
    WHERE c.contype = 'f' AND c.convalidated AND c.conparentid = 0 AND c.coninhcount = 0
      AND r.relkind = 'r' AND NOT r.relispartition
      AND c.conrelid = ANY (SELECT to_regclass(t) FROM unnest($1::text[]) AS t)
    ORDER BY 1, 2`, [tables])).rows;
  if (!fks.length) return [];
  const byTable = group(fks);
  await client.query('SAVEPOINT seedbed_bulk_fks');
  try {
    for (const [table, list] of byTable) await client.query(`ALTER TABLE ${table} ${list.map((f) => `DROP CONSTRAINT ${quoteIdent(f.name)}`).join(', ')}`);
    // Decided under the ACCESS EXCLUSIVE locks the drops took: nobody can add rows meanwhile.
    const tablesWithRows = (await client.query(`SELECT ${[...byTable.keys()].map((t) => `EXISTS (SELECT 1 FROM ${t})`).join(' OR ')} AS any`)).rows[0]?.any;
    if (tablesWithRows) throw new Error('a table already holds rows');
    await client.query('RELEASE SAVEPOINT seedbed_bulk_fks');
    return fks;
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT seedbed_bulk_fks');
    await client.query('RELEASE SAVEPOINT seedbed_bulk_fks');
    return [];
  }
}

/** Drops the NOT NULL cycle FKs that cannot be deferred, so the cycle's tables can be written
 *  one after the other; restoreFks adds them back (same name, definition — deferrability, NOT
 *  VALID, actions — and comment) and PostgreSQL checks every row as it does. Only the table's
 *  owner may: otherwise a SeedbedError naming the edge, with the child table (left out). */
export async function dropCycleFks(client: PoolClient, fks: CycleFk[]): Promise<DroppedFk[]> {
  const out: DroppedFk[] = [];
  for (const f of fks) {
    const found = (await client.query<DroppedFk>(`
      SELECT c.conrelid::regclass::text AS "table", c.conname AS name, pg_get_constraintdef(c.oid) AS definition, obj_description(c.oid, 'pg_constraint') AS comment
      FROM pg_constraint c WHERE c.conrelid = to_regclass($1) AND c.conname = $2 AND c.contype = 'f'`, [f.table, f.name])).rows[0];
    if (!found) continue;
    await client.query('SAVEPOINT seedbed_cycle_fk');
    try {
      await client.query(`ALTER TABLE ${found.table} DROP CONSTRAINT ${quoteIdent(found.name)}`);
      await client.query('RELEASE SAVEPOINT seedbed_cycle_fk');
    } catch (e) {
      await client.query('ROLLBACK TO SAVEPOINT seedbed_cycle_fk');
      if ((e as { code?: string }).code !== '42501') throw e;
      const user = (await client.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u;
      throw new SeedbedError('UNSATISFIABLE',
        `${f.edge} closes a cycle of NOT NULL foreign keys that cannot be deferred, and only the owner of ${f.child} may drop it for the run${user ? ` (user "${user}" does not own it)` : ''}`,
        { table: f.child, fix: `Seed as the owner of ${f.child}, or make the constraint ${quoteIdent(f.name)} DEFERRABLE, or make ${f.edge.split(' → ')[0]} nullable.`, cause: e });
    }
    out.push(found);
  }
  return out;
}

/** Adds the FKs back; PostgreSQL checks every row of each table as it does. */
export async function restoreFks(client: PoolClient, fks: DroppedFk[]): Promise<void> {
  for (const [table, list] of group(fks)) {
    await client.query(`ALTER TABLE ${table} ${list.map((f) => `ADD CONSTRAINT ${quoteIdent(f.name)} ${f.definition}`).join(', ')}`);
    for (const f of list) {
      if (f.comment == null) continue;
      // Quoted by PostgreSQL itself (format %L): the comment is any text.
      const sql = (await client.query(`SELECT format('COMMENT ON CONSTRAINT %I ON %s IS %L', $1::text, $2::text, $3::text) AS sql`, [f.name, table, f.comment])).rows[0].sql;
      await client.query(sql);
    }
  }
}

function group(fks: DroppedFk[]): Map<string, DroppedFk[]> {
  const m = new Map<string, DroppedFk[]>();
  for (const f of fks) m.set(f.table, [...(m.get(f.table) ?? []), f]);
  return m;
}
