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
  // Two round trips whatever the number of tables: every max and next value in one query (by
  // 200), then every RESTART in one batch.
  const up = (owned.rows as { seq: string; tbl: string; col: string; up: boolean }[]).filter((r) => r.up);
  // A sequence several columns share (inheritance) ends past the largest of them.
  const seqs = new Map<string, { next: bigint; max: bigint }>();
  for (let i = 0; i < up.length; i += 200) {
    const part = up.slice(i, i + 200);
    const probe = part.map((r, k) => `SELECT ${k} AS k, (SELECT max(${quoteIdent(r.col)}) FROM ${r.tbl})::text AS m, `
      + `(SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM ${r.seq})::text AS next`).join(' UNION ALL ');
    for (const x of (await client.query<{ k: number; m: string | null; next: string }>(probe)).rows) {
      if (x.m === null || x.m === undefined) continue;
      const seq = part[x.k].seq;
      const s = seqs.get(seq);
      if (!s || BigInt(x.m) > s.max) seqs.set(seq, { next: BigInt(x.next), max: BigInt(x.m) });
    }
  }
  const restarts = [...seqs].filter(([, s]) => s.next <= s.max).map(([seq, s]) => `ALTER SEQUENCE ${seq} RESTART WITH ${(s.max + 1n).toString()}`);
  if (restarts.length) await client.query(restarts.join(';\n'));
}
