import type { PoolClient } from 'pg';
import { SeedbedError } from '../errors.ts';
import { quoteIdent } from '../schema/pg-names.ts';

// Foreign keys of a bulk load, checked once per constraint instead of once per row. PostgreSQL
// checks each row's FKs with a trigger that looks the parent up (and locks it): ≈3/4 of a COPY's
// time on the benchmark schema. For a large run, the FKs of the tables it fills are dropped
// inside the run's transaction and added back once their table is loaded (and the keys they
// reference are back), else before COMMIT — the order pg_restore uses — and
// adding a FK makes PostgreSQL check every row against the parent table in one query. A row
// without a parent fails the run, which is rolled back, constraints and all.
// Only where that is plainly the same: the table was empty (every row is the run's), the FK is
// validated and its own (not inherited, not on a partition); its comment is given back with it.
// The drops are tried in a savepoint, and anything refused (not the owner, a dependency) leaves
// per-row checks. Keys and indexes follow the same path (pg-bulk-indexes.ts).

export interface DroppedFk {
  /** The table as regclass prints it (quoted and qualified where needed). */
  table: string;
  /** The table as the run refers to it (quoted, qualified), to find its FKs when it is loaded. */
  ref: string;
  /** The referenced table as regclass prints it: its keys must be in place before the FK is. */
  parent: string;
  name: string;
  /** pg_get_constraintdef: FOREIGN KEY (…) REFERENCES …, with its actions and deferrability. */
  definition: string;
  /** COMMENT ON CONSTRAINT that gives its comment back (quoted by PostgreSQL's format), or null. */
  comment: string | null;
}

/** A NOT NULL cycle edge that cannot be deferred: `table` is quoted and qualified. */
export interface CycleFk {
  table: string;
  name: string;
  /** For the message when it cannot be dropped: `child.col → parent`. */
  edge: string;
  child: string;
}

/** What a dropped FK needs to come back; its comment as the statement that restores it. */
const FK_COLUMNS = `c.conrelid::regclass::text AS "table", c.confrelid::regclass::text AS parent, c.conname AS name,
  pg_get_constraintdef(c.oid) AS definition,
  CASE WHEN obj_description(c.oid, 'pg_constraint') IS NOT NULL
    THEN format('COMMENT ON CONSTRAINT %I ON %s IS %L', c.conname, c.conrelid::regclass, obj_description(c.oid, 'pg_constraint')) END AS comment`;

/** How long the bulk load's optional drops (FKs here, keys and indexes in pg-bulk-indexes.ts)
 *  wait for a lock another session holds on a table (a psql session idle in a transaction after
 *  a SELECT): then the run goes on with its constraints in place, checked per row. Not the
 *  session's lock_timeout (pg-connect.ts), which a speed-up alone should not spend. */
const OPTIONAL_LOCK_WAIT = '500ms';

/** Runs `work` (optional DDL, each part tried in a savepoint of its own) with the short lock
 *  wait above, then puts the session's lock_timeout back. */
export async function briefLockWait<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  const before = (await client.query<{ v: string }>(`SELECT current_setting('lock_timeout') AS v, set_config('lock_timeout', $1, true)`, [OPTIONAL_LOCK_WAIT])).rows[0].v;
  try {
    return await work();
  } finally {
    await client.query(`SELECT set_config('lock_timeout', $1, true)`, [before]);
  }
}

/** Drops the FKs of `tables` (quoted, qualified names) where that is safe; returns them, or [].
 *  Within briefLockWait. Three round trips: the catalogue; the savepoint, every drop and the
 *  test for rows in one query; its release (a round trip each was ≈1 ms of a run's start). */
export async function dropFks(client: PoolClient, tables: string[]): Promise<DroppedFk[]> {
  if (!tables.length) return [];
  const fks = (await client.query<DroppedFk>(`
    SELECT ${FK_COLUMNS}, run.ref
    FROM unnest($1::text[]) AS run(ref)
    JOIN pg_constraint c ON c.conrelid = to_regclass(run.ref) JOIN pg_class r ON r.oid = c.conrelid
    WHERE c.contype = 'f' AND c.convalidated AND c.conparentid = 0 AND c.coninhcount = 0
      AND r.relkind = 'r' AND NOT r.relispartition
    ORDER BY "table", name`, [tables])).rows;
  if (!fks.length) return [];
  const byTable = group(fks);
  try {
    await dropWhileEmpty(client, [
      'SAVEPOINT seedbed_bulk_fks',
      ...[...byTable].map(([table, list]) => `ALTER TABLE ${table} ${list.map((f) => `DROP CONSTRAINT ${quoteIdent(f.name)}`).join(', ')}`),
    ], [...byTable.keys()]);
    await client.query('RELEASE SAVEPOINT seedbed_bulk_fks');
    return fks;
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT seedbed_bulk_fks; RELEASE SAVEPOINT seedbed_bulk_fks');
    return [];
  }
}

/** Runs `statements` (drops, within a savepoint the caller rolls back to) in one query that ends
 *  by asking whether any of `tables` holds a row; throws when one does. Decided under the ACCESS
 *  EXCLUSIVE locks the drops took: nobody can add rows meanwhile. */
export async function dropWhileEmpty(client: PoolClient, statements: string[], tables: string[]): Promise<void> {
  const r: unknown = await client.query([...statements, `SELECT ${tables.map((t) => `EXISTS (SELECT 1 FROM ${t})`).join(' OR ')} AS any`].join(';\n'));
  // node-postgres gives a result per statement: the last one's row says.
  const last = (Array.isArray(r) ? r.at(-1) : r) as { rows?: { any?: boolean }[] } | undefined;
  if (last?.rows?.[0]?.any) throw new Error('a table already holds rows');
}

/** Drops the NOT NULL cycle FKs that cannot be deferred, so the cycle's tables can be written
 *  one after the other; fkRestoreSql adds them back (same name, definition — deferrability, NOT
 *  VALID, actions — and comment) and PostgreSQL checks every row as it does. Only the table's
 *  owner may: otherwise a SeedbedError naming the edge, with the child table (left out). */
export async function dropCycleFks(client: PoolClient, fks: CycleFk[]): Promise<DroppedFk[]> {
  const out: DroppedFk[] = [];
  for (const f of fks) {
    const found = (await client.query<DroppedFk>(`
      SELECT ${FK_COLUMNS}, $1 AS ref
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

/** The statements that add `fks` back: one ALTER TABLE per table, then their comments;
 *  PostgreSQL checks every row of each table as it adds a FK. */
export function fkRestoreSql(fks: DroppedFk[]): string[] {
  const out: string[] = [];
  for (const [table, list] of group(fks)) {
    out.push(`ALTER TABLE ${table} ${list.map((f) => `ADD CONSTRAINT ${quoteIdent(f.name)} ${f.definition}`).join(', ')}`);
    for (const f of list) if (f.comment != null) out.push(f.comment);
  }
  return out;
}

function group(fks: DroppedFk[]): Map<string, DroppedFk[]> {
  const m = new Map<string, DroppedFk[]>();
  for (const f of fks) m.set(f.table, [...(m.get(f.table) ?? []), f]);
  return m;
}
