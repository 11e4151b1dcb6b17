// A wide SQLite schema for the editor at real size (#17: 200–500 tables): `topics` × `parts`
// tables in foreign-key layers, each with a CHECK IN-list, a boolean, a nullable column and one
// or two parents among the earlier tables. Deterministic; names read like a real schema's so a
// filter by name has something to find.

const TOPICS = ['account', 'order', 'invoice', 'student', 'course', 'ticket', 'asset', 'vendor', 'shipment', 'payment', 'review', 'session', 'project', 'employee', 'warehouse', 'campaign', 'contract', 'device', 'patient', 'policy', 'route', 'supplier'];
const PARTS = ['', '_items', '_notes', '_events', '_tags', '_history', '_links', '_lines', '_flags', '_audits'];

/** `CREATE TABLE` statements for `count` tables, and their names in creation order (past 220,
 *  the names repeat with a number: account_2, account_items_2, …). */
export function wideSchema(count: number): { sql: string; tables: string[] } {
  const names: string[] = [];
  for (let round = 1; names.length < count; round++) {
    for (const part of PARTS) for (const topic of TOPICS) names.push(`${topic}${part}${round > 1 ? `_${round}` : ''}`);
  }
  const tables = names.slice(0, count);
  const sql = tables.map((name, i) => {
    const cols = [
      'id INTEGER PRIMARY KEY',
      'name TEXT NOT NULL',
      "status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'closed'))",
      'is_active BOOLEAN NOT NULL DEFAULT 1',
      'note TEXT',
      'amount NUMERIC(10, 2) CHECK (amount >= 0)',
    ];
    // Parents: the table of the same topic one layer up, and every third table one more.
    if (i >= TOPICS.length) cols.push(`${tables[i - TOPICS.length]}_id INTEGER NOT NULL REFERENCES "${tables[i - TOPICS.length]}"(id)`);
    if (i % 3 === 0 && i >= 2 * TOPICS.length) cols.push(`${tables[i - 2 * TOPICS.length + 1]}_id INTEGER REFERENCES "${tables[i - 2 * TOPICS.length + 1]}"(id)`);
    return `CREATE TABLE "${name}" (\n  ${cols.join(',\n  ')}\n);`; // "order" is a keyword
  }).join('\n');
  return { sql, tables };
}
