// Where tables are defined in source: `CREATE TABLE` in SQL, MikroORM `@Entity` classes in
// TypeScript/JavaScript. Pure text scanning (no vscode import), used by the CodeLens provider.

const CREATE_TABLE = /\bcreate\s+(?:temp(?:orary)?\s+)?table\s+(?:if\s+not\s+exists\s+)?((?:["`[]?[\w$]+["`\]]?\.)?["`[]?([\w$ ]+?)["`\]]?)\s*\(/gi;
const ENTITY = /@Entity\s*\(\s*(\{[^)]*\})?\s*\)\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+(\w+)/g;

export interface TableMention {
  table: string;
  offset: number;
}

/** `CREATE TABLE` statements of an SQL text (schema prefixes dropped, quotes removed). */
export function createTableMentions(text: string): TableMention[] {
  const out: TableMention[] = [];
  for (const m of text.matchAll(CREATE_TABLE)) out.push({ table: m[2].trim(), offset: m.index });
  return out;
}

/** MikroORM `@Entity` classes and their table names (tableName option, else snake_case of the class). */
export function entityMentions(text: string): TableMention[] {
  const out: TableMention[] = [];
  for (const m of text.matchAll(ENTITY)) {
    const explicit = m[1] && /\b(?:tableName|collection)\s*:\s*['"`]([^'"`]+)['"`]/.exec(m[1]);
    const table = explicit ? explicit[1].split('.').pop()! : m[2].replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
    out.push({ table, offset: m.index });
  }
  return out;
}
