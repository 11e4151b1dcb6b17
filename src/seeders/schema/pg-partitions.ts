import type { PartitionBounds, TableInfo } from './model.ts';
import type { Catalog, CatalogRelation } from './pg-catalog.ts';

// Partitioned tables are seeded through the parent; every row must land in an existing partition.
// We read each partition's bound (pg_get_expr(relpartbound)) and hand the key column the union
// of them (generate/special-types.ts draws inside it). Hash partitions and a DEFAULT partition
// accept anything. Only the first key column is steered (multi-column range keys are rare).

/** Sets `partition` on the key column; returns why the table cannot be seeded, or null. */
export function partitionBounds(table: TableInfo, rel: CatalogRelation, cat: Catalog): string | null {
  const parts = [...cat.relations.values()].filter((r) => r.parent === rel.relid && r.relispartition);
  if (!parts.length) return 'partitioned table without any partition: PostgreSQL cannot store a row in it';
  if (rel.partstrat !== 'r' && rel.partstrat !== 'l') return null; // hash: any value lands somewhere
  // The key's first column, by attribute number (a name may hold commas or quotes); null for an expression.
  const colName = rel.partcols[0];
  const col = colName ? table.columns.find((c) => c.name === colName) : undefined;
  if (!col) return null; // an expression key: the database routes rows; nothing we can steer
  if (parts.some((p) => /^DEFAULT$/i.test(p.bound ?? ''))) return null;
  const bounds: PartitionBounds = {};
  for (const p of parts) {
    const b = p.bound ?? '';
    const range = /^FOR VALUES FROM \((.*)\) TO \((.*)\)$/i.exec(b);
    if (range) {
      (bounds.ranges ??= []).push({ from: literal(firstItem(range[1])), to: literal(firstItem(range[2])) });
      continue;
    }
    const list = /^FOR VALUES IN \((.*)\)$/i.exec(b);
    if (list) (bounds.values ??= []).push(...items(list[1]).map(literal).filter((v): v is string => v !== null));
  }
  col.partition = bounds;
  return null;
}

function items(s: string): string[] {
  return s.match(/'(?:[^']|'')*'|[^,\s][^,]*/g)?.map((x) => x.trim()) ?? [];
}

function firstItem(s: string): string {
  return items(s)[0] ?? '';
}

/** SQL literal → its text; MINVALUE / MAXVALUE / NULL → null. */
function literal(s: string): string | null {
  const q = /^'((?:[^']|'')*)'/.exec(s);
  if (q) return q[1].replaceAll("''", "'");
  if (/^(MINVALUE|MAXVALUE|NULL)$/i.test(s)) return null;
  return s;
}
