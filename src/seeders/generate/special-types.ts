import type { Generator } from './generator.ts';
import type { ColumnFacts } from './rules.ts';

// Generators for database-specific types that no naming rule knows (PostgreSQL: inet, cidr,
// macaddr, interval, ranges, tsvector, arrays, …). Called first by rules.ts `byType`.

export function specialTypeGenerator(_f: ColumnFacts): Generator | undefined {
  return undefined;
}
