import type { SqliteClient, SqliteStatement } from '../drivers/sqlite-client.ts';
import { missingFunctions } from '../drivers/sqlite-stand-ins.ts';
import { bookkeepingReason } from './bookkeeping.ts';
import { dqsAsStrings, jsonReadColumns, scanChecks, scanIndex } from './ddl-scan.ts';
import { sqlName, uniqueKey, type IndexPart } from './unique-keys.ts';
import type { ColumnInfo, ForeignKeyInfo, SchemaInfo, SkippedTable, TableInfo, TriggerInfo, UniqueKey } from './model.ts';
import { readSqliteTriggers } from './sqlite-triggers.ts';
import { addTriggerConditions } from './trigger-when.ts';
import { addTriggerKeys } from './trigger-keys.ts';
import { addCopyConditions } from './trigger-copies.ts';
import { addTriggerCounters } from './trigger-counters.ts';
import { addDerivedUniques } from './trigger-derived.ts';
import { addTriggerUniques } from './trigger-unique.ts';
import { addCoreDataSteers } from './core-data.ts';
import { markMismatchedKeys } from './fk-mismatch.ts';
import { missingCollationTables } from './sqlite-app-only.ts';
import { readVirtual, shadowReason, tableKinds, unloadedShadows } from './sqlite-virtual.ts';
import { classifyType, typeArgs } from './types.ts';

// SQLite introspection from its own PRAGMAs, on the connection MikroORM opened.
// MikroORM's DatabaseSchema misses unique constraints, splits composite FKs and drops CHECKs
// after a table-level UNIQUE (engine-notes.md); the PRAGMAs are the authoritative catalogue
// and ≈10x faster on a 533-table schema.

interface XInfoRow { cid: number; name: string; type: string; notnull: number; dflt_value: string | null; pk: number; hidden: number }
interface IndexListRow { seq: number; name: string; unique: number; origin: string; partial: number }
interface IndexXInfoRow { seqno: number; cid: number; name: string | null; coll: string | null; key: number }
interface FkRow { id: number; seq: number; table: string; from: string; to: string | null }

export function introspectSqlite(db: SqliteClient): SchemaInfo {
  const rows = db
    .prepare(`SELECT type, name, tbl_name AS t, sql FROM sqlite_schema WHERE type IN ('table', 'index') ORDER BY name`)
    .all() as { type: string; name: string; t: string; sql: string | null }[];
  const masters = rows.filter((r) => r.type === 'table');
  const tables: TableInfo[] = [];
  const skipped: SkippedTable[] = [];
  const kinds = tableKinds(db);
  // Index expressions that read a column as JSON (json_extract(payload, '$.kind')), by table.
  const jsonIndexes = new Map<string, string>();
  for (const r of rows) {
    if (r.type === 'index' && r.sql && JSON_TEXT.test(r.sql)) jsonIndexes.set(r.t.toLowerCase(), `${jsonIndexes.get(r.t.toLowerCase()) ?? ''}\n${r.sql}`);
  }
  const unloaded = unloadedShadows(db, masters, kinds);
  for (const m of masters) {
    const reason = bookkeepingReason(m.name);
    if (reason) { skipped.push({ name: m.name, reason }); continue; }
    if (kinds.get(m.name) === 'shadow') { skipped.push(shadowReason(m.name, kinds)); continue; }
    const orphan = unloaded.get(m.name);
    if (orphan) { skipped.push(orphan); continue; }
    if (m.sql && /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(m.sql)) {
      const v = readVirtual(db, m.name, m.sql);
      if ('reason' in v) skipped.push(v);
      else tables.push(v);
      continue;
    }
    tables.push(readTable(db, m.name, m.sql ?? '', jsonIndexes.get(m.name.toLowerCase())));
  }
  // FKs without explicit target columns point at the parent's primary key.
  // SQLite matches table names case-insensitively; resolve to the real spelling.
  const byName = new Map(tables.map((t) => [t.name.toLowerCase(), t]));
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const parent = byName.get(fk.refTable.toLowerCase());
      fk.refTable = parent?.name ?? fk.refTable;
      if (fk.refColumns.every((c) => c === '')) fk.refColumns = parent?.primaryKey.slice() ?? ['rowid'];
      // Column names too (`REFERENCES users(ID)` for `id`): the PRAGMA gives them as written.
      else if (parent) fk.refColumns = fk.refColumns.map((c) => parent.columns.find((x) => x.name === c)?.name ?? parent.columns.find((x) => x.name.toLowerCase() === c.toLowerCase())?.name ?? c);
    }
  }
  for (const [t, why] of missingCollationTables(db, rows, tables)) tables.find((x) => x.name === t)!.unwritable = why;
  markMismatchedKeys(db, tables);
  const triggers = readSqliteTriggers(db, tables);
  addTriggerKeys(tables, triggers);
  addTriggerConditions(tables, triggers);
  addCopyConditions(tables, triggers);
  addTriggerCounters(tables, triggers);
  addDerivedUniques(tables, triggers);
  addTriggerUniques(tables, triggers);
  addCoreDataSteers(db, tables);
  const notes = standInNotes(db, triggers);
  return { dialect: 'sqlite', tables, skipped, ...(triggers.length ? { triggers } : {}), ...(notes.length ? { notes } : {}) };
}

/** The catalogue queries, prepared once per connection and bound to each table or index name
 *  (a 533-table schema prepared ≈2,000 PRAGMA statements: most of its introspection). */
const CATALOGUE = {
  tableXinfo: 'SELECT * FROM pragma_table_xinfo(?)',
  indexList: 'SELECT * FROM pragma_index_list(?)',
  foreignKeys: 'SELECT * FROM pragma_foreign_key_list(?)',
  indexXinfo: 'SELECT * FROM pragma_index_xinfo(?)',
  indexSql: "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?",
} as const;
const prepared = new WeakMap<SqliteClient, Map<string, SqliteStatement>>();
function catalogue(db: SqliteClient, query: keyof typeof CATALOGUE): SqliteStatement {
  let byQuery = prepared.get(db);
  if (!byQuery) prepared.set(db, (byQuery = new Map()));
  let st = byQuery.get(query);
  if (!st) byQuery.set(query, (st = db.prepare(CATALOGUE[query])));
  return st;
}

const JSON_TEXT = /json|->/i;

function readTable(db: SqliteClient, name: string, sql: string, indexSql?: string): TableInfo {
  const xinfo = catalogue(db, 'tableXinfo').all(name) as XInfoRow[];
  const pkCols = xinfo.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const withoutRowid = /\)\s*WITHOUT\s+ROWID\s*;?\s*$/i.test(sql);
  const columns: ColumnInfo[] = xinfo.map((c) => {
    const kind = c.type.trim() === '' ? typelessKind(c.dflt_value) : classifyType(c.type, 'sqlite');
    const rowidAlias = !withoutRowid && pkCols.length === 1 && pkCols[0] === c.name && c.type.toUpperCase() === 'INTEGER';
    return {
      name: c.name,
      type: c.type,
      kind: rowidAlias ? 'integer' : kind,
      // A rowid alias can never hold NULL even though the PRAGMA says it may.
      nullable: c.notnull === 0 && !rowidAlias && !(withoutRowid && c.pk > 0),
      default: c.dflt_value,
      autoIncrement: rowidAlias,
      generated: c.hidden === 2 || c.hidden === 3,
      ...typeArgs(c.type),
    };
  });

  const uniques: UniqueKey[] = [];
  const names = columns.map((c) => c.name);
  for (const ix of catalogue(db, 'indexList').all(name) as IndexListRow[]) {
    if (!ix.unique || ix.origin === 'pk') continue;
    const key = uniqueIndex(db, ix, names);
    if (key) uniques.push(key);
  }

  const fkRows = catalogue(db, 'foreignKeys').all(name) as FkRow[];
  const groups = new Map<number, FkRow[]>();
  for (const r of fkRows) groups.set(r.id, [...(groups.get(r.id) ?? []), r]);
  const foreignKeys: ForeignKeyInfo[] = [...groups.values()].map((rows) => {
    rows.sort((a, b) => a.seq - b.seq);
    const cols = rows.map((r) => r.from);
    return {
      name: `${name}_${cols.join('_')}_fkey`,
      columns: cols,
      refTable: rows[0].table,
      refColumns: rows.map((r) => r.to ?? ''),
      nullable: cols.every((c) => columns.find((x) => x.name === c)?.nullable ?? true),
      // PRAGMA defer_foreign_keys defers every FK of the transaction.
      deferrable: true,
    };
  });

  // Text columns the table's generated columns or indexes read as JSON must hold JSON.
  if (JSON_TEXT.test(sql) || indexSql) {
    for (const [col, shape] of jsonReadColumns(`${sql}\n${indexSql ?? ''}`, names)) {
      const c = columns.find((x) => x.name === col);
      if (c && !c.generated && (c.kind === 'text' || c.kind === 'unknown')) c.jsonText = shape;
    }
    for (const g of columns) if (g.generated) jsonPathOf(sql, g, columns, uniques);
  }
  if (sql.includes('--')) {
    for (const [col, text] of columnComments(sql)) {
      const c = columns.find((x) => x.name.toLowerCase() === col.toLowerCase());
      if (c) c.comment = text;
    }
  }
  return { name, columns, primaryKey: pkCols, uniques, foreignKeys, checks: scanChecks(sql, names) };
}

/** `-- comment` at the end of a column's line of a CREATE TABLE, by column name: the line's first
 *  word (quoted or not), when the line defines a column rather than a constraint. */
export function columnComments(sql: string): Map<string, string> {
  const out = new Map<string, string>();
  const body = sql.slice(sql.indexOf('(') + 1);
  for (const line of body.split('\n')) {
    const at = commentStart(line);
    if (at < 0) continue;
    const text = line.slice(at + 2).trim();
    const def = line.slice(0, at).trim();
    const m = /^(?:"((?:[^"]|"")+)"|`([^`]+)`|\[([^\]]+)\]|([A-Za-z_][\w$]*))/.exec(def);
    if (!m || !text) continue;
    const name = m[1]?.replaceAll('""', '"') ?? m[2] ?? m[3] ?? m[4];
    if (!m[1] && !m[2] && !m[3] && /^(constraint|primary|unique|check|foreign)$/i.test(name)) continue;
    out.set(name, text);
  }
  return out;
}

/** Where `--` starts a comment on a line (not inside a quoted string or name), or -1. */
function commentStart(line: string): number {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) { if (ch === quote) quote = ''; continue; }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '[') quote = ']';
    else if (ch === '-' && line[i + 1] === '-') return i;
  }
  return -1;
}

/** A unique index with its parts: plain columns, expressions (`lower(email)`) and collations
 *  other than BINARY (`email COLLATE NOCASE`: case variants collide) as its SQL spells them, and
 *  the WHERE of a partial index. */
function uniqueIndex(db: SqliteClient, ix: IndexListRow, tableColumns: string[]): UniqueKey | undefined {
  const cols = (catalogue(db, 'indexXinfo').all(ix.name) as IndexXInfoRow[])
    .filter((c) => c.key === 1).sort((a, b) => a.seqno - b.seqno);
  const plain = cols.every((c) => c.cid >= 0 && (c.coll ?? 'BINARY').toUpperCase() === 'BINARY');
  if (plain && ix.partial !== 1) return uniqueKey({ name: ix.name, parts: cols.map((c) => ({ column: c.name! })) }, tableColumns);
  const sql = (catalogue(db, 'indexSql').get(ix.name) as { sql: string | null } | undefined)?.sql;
  const scanned = sql ? scanIndex(sql) : undefined;
  const parts: IndexPart[] = cols.map((c, i) => {
    if (c.cid === -2) return { expression: dqsAsStrings(scanned?.parts[i] ?? '', tableColumns) };
    const coll = (c.coll ?? 'BINARY').toUpperCase();
    if (coll === 'BINARY') return { column: c.name! };
    return { expression: `${sqlName(c.name!)} COLLATE ${coll}` };
  });
  if (parts.some((p) => p.expression === '')) return undefined; // an expression we could not read back
  return uniqueKey({ name: ix.name, parts, predicate: ix.partial === 1 && scanned?.where ? dqsAsStrings(scanned.where, tableColumns) : null }, tableColumns);
}

/** A column declared with no type holds what the application gives it; its DEFAULT says what
 *  that is (`text DEFAULT "" NOT NULL`, `mode NOT NULL DEFAULT 3`). Without one: a blob, as before. */
function typelessKind(dflt: string | null): ColumnInfo['kind'] {
  const d = dflt?.trim() ?? '';
  if (/^[-+]?\d+$/.test(d)) return 'integer';
  if (/^[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$/.test(d)) return 'real';
  if (/^(['"]).*\1$/s.test(d)) return 'text';
  return 'blob';
}

export function quote(id: string): string {
  return `"${id.replaceAll('"', '""')}"`;
}

/** Triggers that call functions only the application registers: the run stands them in (drivers/sqlite-stand-ins.ts). */
function standInNotes(db: SqliteClient, triggers: TriggerInfo[]): string[] {
  const missing = new Set(missingFunctions(db, triggers.flatMap((t) => t.calls ?? [])));
  if (!missing.size) return [];
  const which = triggers.filter((t) => t.calls?.some((c) => missing.has(c)))
    .map((t) => `${t.name} on ${t.table}: ${t.calls!.filter((c) => missing.has(c)).map((c) => `${c}()`).join(', ')}`);
  return [`triggers call functions only the application registers on its own connection (${which.join('; ')}); in Seedbed's runs each call stands in as its first argument (NULL without one)`];
}

/** A generated column that is `json_extract(col, '$.a.b')` of a JSON text column, NOT NULL or in
 *  a unique key: its path, noted on that column (ColumnInfo.jsonPaths) for the rows to hold. */
function jsonPathOf(sql: string, g: ColumnInfo, columns: ColumnInfo[], uniques: UniqueKey[]): void {
  const q = (n: string) => `["\`\\[]?${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["\`\\]]?`;
  const m = new RegExp(`(?:^|[\\s,(])${q(g.name)}\\s[^,]*?\\bAS\\s*\\(\\s*json_extract\\s*\\(\\s*["\`\\[]?([\\w$]+)["\`\\]]?\\s*,\\s*'\\$((?:\\.[\\w-]+)+)'\\s*\\)\\s*\\)`, 'i').exec(sql);
  const src = m && columns.find((c) => c.name.toLowerCase() === m[1].toLowerCase());
  if (!src || !src.jsonText || src.generated) return;
  const unique = uniques.some((u) => !u.partial && !u.expressions && u.columns.includes(g.name));
  if (!unique && g.nullable) return;
  (src.jsonPaths ??= []).push({ path: m[2].slice(1).split('.'), required: !g.nullable, unique });
}
