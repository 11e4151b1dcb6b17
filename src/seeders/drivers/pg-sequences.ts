import type { PoolClient } from 'pg';
import { quoteIdent } from '../schema/pg-names.ts';

// The engine writes integer keys itself (max + 1, …), so sequences owned by those columns (serial,
// identity) must end past them or the application's next INSERT collides. ALTER SEQUENCE … RESTART
// is transactional, unlike setval(): done before COMMIT, a rolled-back run leaves sequences alone.

export async function advanceSequences(client: PoolClient, tables: string[]): Promise<void> {
  if (!tables.length) return;
  // Sequences owned by a column (serial, identity) and those a column default calls (nextval('…')).
  const owned = await client.query(`
    WITH cols AS (
      SELECT d.objid AS seq, d.refobjid AS rel, d.refobjsubid AS attnum
      FROM pg_depend d
      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
        AND d.refobjid = ANY($1::regclass[])
      UNION
      SELECT d.refobjid, ad.adrelid, ad.adnum
      FROM pg_attrdef ad JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid AND d.refclassid = 'pg_class'::regclass
      WHERE ad.adrelid = ANY($1::regclass[])
    )
    SELECT DISTINCT s.oid::regclass::text AS seq, c.rel::regclass::text AS tbl, a.attname AS col, q.seqincrement > 0 AS up
    FROM cols c
    JOIN pg_class s ON s.oid = c.seq AND s.relkind = 'S'
    JOIN pg_sequence q ON q.seqrelid = s.oid
    JOIN pg_attribute a ON a.attrelid = c.rel AND a.attnum = c.attnum
    WHERE a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)`, [tables]);
  for (const r of owned.rows as { seq: string; tbl: string; col: string; up: boolean }[]) {
    if (!r.up) continue;
    const m = await client.query(`SELECT max(${quoteIdent(r.col)})::text AS m FROM ${r.tbl}`);
    const max = m.rows[0]?.m as string | null;
    if (max === null || max === undefined) continue;
    const st = await client.query(`SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text AS next FROM ${r.seq}`);
    if (BigInt(st.rows[0].next as string) > BigInt(max)) continue;
    await client.query(`ALTER SEQUENCE ${r.seq} RESTART WITH ${(BigInt(max) + 1n).toString()}`);
  }
}
