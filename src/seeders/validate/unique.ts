import type { UniqueKey } from '../schema/model.ts';

// Duplicates of one unique key, counted by the database: grouped on what the index holds (its
// expressions), over the rows it holds (its WHERE; NULL parts only with NULLS NOT DISTINCT).

/** `SELECT count(*) AS n …`: how many values of the key appear more than once in `from`. */
export function duplicatesSql(from: string, key: UniqueKey, quote: (id: string) => string, count = 'count(*)'): string {
  const parts = (key.expressions ?? key.columns.map(quote)).map((p) => `(${p})`);
  const where = [...(key.predicate ? [`(${key.predicate})`] : []), ...(key.nullsNotDistinct ? [] : parts.map((p) => `${p} IS NOT NULL`))];
  return `SELECT ${count} AS n FROM (SELECT 1 FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} GROUP BY ${parts.join(', ')} HAVING count(*) > 1) d`;
}

/** How a problem names the key: `(email)`, or `users_email (lower(email)) WHERE deleted_at IS NULL`. */
export function keyText(key: UniqueKey): string {
  if (!key.expressions && !key.predicate && !key.nullsNotDistinct) return `(${key.columns.join(', ')})`;
  return `${key.name} (${(key.expressions ?? key.columns).join(', ')})${key.predicate ? ` WHERE ${key.predicate}` : ''}${key.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}`;
}
