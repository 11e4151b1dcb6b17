// What TRUNCATE … CASCADE would empty beyond the chosen tables: every table that references one of
// them through a foreign key, transitively. Those holding rows are returned (clear refuses then);
// empty ones may be cascaded into harmlessly.

interface Querier {
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
}

export interface CascadeHit {
  table: string;
  rows: number;
  via: string;
}

/** `chosen`: quoted, qualified names; `name` gives a hit the name the user knows it by. */
export async function truncatePlan(db: Querier, chosen: string[], name: (schema: string, local: string) => string): Promise<CascadeHit[]> {
  const rows = await db.query(`
    WITH RECURSIVE chosen AS (SELECT unnest($1::regclass[])::oid AS oid),
    hit(oid, via) AS (
      SELECT k.conrelid, k.conname::text FROM pg_constraint k WHERE k.contype = 'f' AND k.confrelid IN (SELECT oid FROM chosen)
      UNION
      SELECT k.conrelid, k.conname::text FROM pg_constraint k JOIN hit h ON k.confrelid = h.oid WHERE k.contype = 'f'
    )
    SELECT DISTINCT ON (h.oid) h.oid::regclass::text AS tbl, n.nspname AS schema, c.relname AS local, h.via FROM hit h
    JOIN pg_class c ON c.oid = h.oid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE h.oid NOT IN (SELECT oid FROM chosen) AND NOT c.relispartition`, [chosen]);
  const out: CascadeHit[] = [];
  for (const r of rows) {
    const n = await db.query(`SELECT count(*)::int8 AS n FROM ${String(r.tbl)}`);
    const count = Number(n[0].n);
    if (count > 0) out.push({ table: name(String(r.schema), String(r.local)), rows: count, via: String(r.via) });
  }
  return out;
}
