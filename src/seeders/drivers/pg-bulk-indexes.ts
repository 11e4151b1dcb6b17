import type { PoolClient } from 'pg';
import { dropWhileEmpty } from './pg-bulk-fks.ts';

// Keys and indexes of a bulk load, built once per index instead of maintained row by row. Every
// row COPY writes is inserted into each B-tree of its table; into an empty table it is cheaper
// to load the rows bare and build each index afterwards from a sorted pass (what pg_restore
// does): 2.5–3× faster from a few thousand rows. So, for a large run, the PRIMARY KEYs, UNIQUE
// constraints and indexes of the big tables it fills are dropped inside the run's transaction
// (after their FKs, pg-bulk-fks.ts) and rebuilt, before the FKs come back, as soon as their
// table is loaded (while the next tables' rows are made), else before COMMIT: each
// index from pg_get_indexdef in its own tablespace, a key then attached to it (ADD CONSTRAINT …
// USING INDEX, deferrability as it was), comments and CLUSTER marks restored. A duplicate found
// when a unique index is rebuilt fails the run like a row refused by it (the run rolls back).
//
// Only where the result is plainly the same: an empty ordinary table (not partitioned, not a
// partition) with no user triggers on any of the tables (a trigger may look rows up by key), a
// valid index that is not the replica identity, has no per-column statistics target, backs no
// exclusion constraint, and on which nothing else depends any more (a FK from a table this run
// does not load in bulk keeps the key it references; so does a view grouping by a primary key;
// what is part of the key itself, its index or a deferrable key's recheck trigger, goes and comes
// back with it).
// Drops are tried in a savepoint; anything refused leaves the indexes in place.

export interface DroppedIndex {
  /** The table as regclass prints it, and as the run names it (for messages). */
  table: string;
  display: string;
  /** Index name (a key's constraint has the same). */
  name: string;
  /** 'primary key', 'unique constraint', 'unique index' or 'index', for messages. */
  kind: string;
  drop: string;
  /** Statements that put it back exactly: tablespace, CREATE INDEX, ADD CONSTRAINT … USING INDEX, comments, CLUSTER ON. */
  restore: string[];
}

/** What dropIndexesForBulk dropped, and the statement that puts default_tablespace back after
 *  the restores have set it (as it was when they were dropped). */
export interface DroppedIndexes {
  dropped: DroppedIndex[];
  reset: string;
}

/** A table of the run: quoted, qualified reference and display name. */
export interface BulkTable {
  ref: string;
  display: string;
}

// Lookups (tablespace, access method, namespace, comments) are scalar sub-queries rather than
// joins: with them joined, planning this query took 8–17 ms of every large run's start (a join
// search over a dozen catalogues); as sub-queries 1.4 ms, the same rows.
const CANDIDATES = `
  SELECT r.oid::regclass::text AS "table", run.k, c.relname AS name,
    format('SELECT set_config(%L, %L, true)', 'default_tablespace', current_setting('default_tablespace')) AS reset,
    CASE k.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique constraint' ELSE CASE WHEN i.indisunique THEN 'unique index' ELSE 'index' END END AS kind,
    CASE WHEN k.oid IS NULL THEN format('DROP INDEX %s', i.indexrelid::regclass) ELSE format('ALTER TABLE %s DROP CONSTRAINT %I', r.oid::regclass, k.conname) END AS drop,
    array_remove(ARRAY[
      format('SET LOCAL default_tablespace = %s', coalesce((SELECT quote_ident(ts.spcname) FROM pg_tablespace ts WHERE ts.oid = c.reltablespace), '''''')),
      pg_get_indexdef(i.indexrelid),
      CASE WHEN k.oid IS NOT NULL THEN format('ALTER TABLE %s ADD CONSTRAINT %I %s USING INDEX %I%s', r.oid::regclass, k.conname,
        CASE k.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END, c.relname,
        CASE WHEN k.condeferred THEN ' DEFERRABLE INITIALLY DEFERRED' WHEN k.condeferrable THEN ' DEFERRABLE' ELSE '' END) END,
      (SELECT format('COMMENT ON INDEX %s IS %L', format('%I.%I', (SELECT ns.nspname FROM pg_namespace ns WHERE ns.oid = c.relnamespace), c.relname), d.description) FROM pg_description d WHERE d.objoid = i.indexrelid AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0),
      (SELECT format('COMMENT ON CONSTRAINT %I ON %s IS %L', k.conname, r.oid::regclass, kd.description) FROM pg_description kd WHERE kd.objoid = k.oid AND kd.classoid = 'pg_constraint'::regclass),
      CASE WHEN i.indisclustered THEN format('ALTER TABLE %s CLUSTER ON %I', r.oid::regclass, c.relname) END
    ], NULL) AS restore
  FROM unnest($1::text[]) WITH ORDINALITY AS run(ref, k)
  JOIN pg_index i ON i.indrelid = to_regclass(run.ref)
  JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_class r ON r.oid = i.indrelid
  LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')
  WHERE r.relkind = 'r' AND NOT r.relispartition AND c.relkind = 'i'
    AND i.indisvalid AND i.indisready AND i.indislive AND NOT i.indisreplident
    AND (k.oid IS NULL OR (k.contype IN ('p', 'u') AND (SELECT am.amname FROM pg_am am WHERE am.oid = c.relam) = 'btree'))
    AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0)
    AND NOT EXISTS (SELECT 1 FROM pg_depend dep
      WHERE ((dep.refclassid = 'pg_class'::regclass AND dep.refobjid = i.indexrelid)
          OR (k.oid IS NOT NULL AND dep.refclassid = 'pg_constraint'::regclass AND dep.refobjid = k.oid))
        AND dep.deptype <> 'i')
    AND NOT EXISTS (SELECT 1 FROM pg_trigger tg WHERE tg.tgrelid = ANY (SELECT to_regclass(t) FROM unnest($1::text[]) AS t) AND NOT tg.tgisinternal)
  ORDER BY 1, 2`;

/** Drops the keys and indexes of `tables` where that is safe (call after their FKs are
 *  dropped, within briefLockWait); returns them, or []. Four round trips: a savepoint; the
 *  catalogue; every drop and the test for rows in one query; the savepoint's release. */
export async function dropIndexes(client: PoolClient, tables: BulkTable[]): Promise<DroppedIndexes> {
  const none = { dropped: [], reset: '' };
  if (!tables.length) return none;
  // From here on, anything that fails (a catalogue older than the query, a refused drop) only
  // rolls back to this savepoint: the run goes on with its indexes in place.
  await client.query('SAVEPOINT seedbed_bulk_indexes');
  try {
    const found = (await client.query<Omit<DroppedIndex, 'display'> & { k: string; reset: string }>(CANDIDATES, [tables.map((t) => t.ref)])).rows;
    if (!found.length) {
      await client.query('RELEASE SAVEPOINT seedbed_bulk_indexes');
      return none;
    }
    const dropped: DroppedIndex[] = found.map(({ k, reset: _, ...f }) => ({ ...f, display: tables[Number(k) - 1].display }));
    await dropWhileEmpty(client, dropped.map((d) => d.drop), [...new Set(dropped.map((d) => d.table))]);
    await client.query('RELEASE SAVEPOINT seedbed_bulk_indexes');
    return { dropped, reset: found[0].reset };
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT seedbed_bulk_indexes; RELEASE SAVEPOINT seedbed_bulk_indexes');
    return none;
  }
}

/** A unique index rebuilt over rows that repeat a key: PostgreSQL's error, in the words of a row refused by it. */
export class DuplicateKey extends Error {
  readonly code = '23505';
  readonly detail: string | undefined;
  readonly table: string;
  readonly schema: string | undefined;
  readonly constraint: string;
  /** The table as the run names it. */
  readonly display: string;

  // No `cause`: messages take the words of the innermost error, and these are the clearer ones.
  constructor(index: DroppedIndex, pgError: { detail?: string; table?: string; schema?: string }) {
    super(`duplicate key value violates ${index.kind} "${index.name}" (checked when it was rebuilt after the bulk load)`);
    this.detail = pgError.detail;
    this.table = pgError.table ?? index.display;
    this.schema = pgError.schema;
    this.constraint = index.name;
    this.display = index.display;
  }
}

/** The statements that build `dropped` back, then put default_tablespace back as it was (`reset`). */
export function indexRestoreSql(dropped: DroppedIndex[], reset: string): string[] {
  return dropped.length ? [...dropped.flatMap((d) => d.restore), reset] : [];
}

/** A failure of those statements: a duplicate becomes DuplicateKey naming the index, with
 *  PostgreSQL's detail (the repeated value); anything else is returned as it is. */
export function rebuildError(e: unknown, dropped: DroppedIndex[]): unknown {
  const err = e as { code?: string; constraint?: string; detail?: string };
  if (err.code !== '23505') return e;
  // An index built over duplicates names itself as the constraint (PostgreSQL's errtableconstraint).
  const d = dropped.find((x) => x.name === err.constraint);
  return d ? new DuplicateKey(d, err) : e;
}
