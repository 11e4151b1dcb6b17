import type { SqliteClient } from '../drivers/sqlite-client.ts';
import type { SchemaInfo } from '../schema/model.ts';
import { quote } from '../schema/sqlite.ts';
import type { ValidationProblem, ValidationReport } from './report.ts';
import { duplicatesSql, keyText } from './unique.ts';
import { foreignKeyOrphans } from '../drivers/sqlite-fk-check.ts';
import { nameRecord } from '../own.ts';

// Validation by the database itself: foreign_key_check finds orphans, integrity_check finds
// NOT NULL and CHECK violations and broken indexes (UNIQUE included).

export function validateSqlite(db: SqliteClient, schema: SchemaInfo): ValidationReport {
  const problems: ValidationProblem[] = [];
  const { orphans, unchecked } = foreignKeyOrphans(db);
  // A table SQLite refuses to check holds no row Seedbed wrote (it refuses those too): a problem
  // only when it holds rows.
  for (const u of unchecked) {
    if (db.prepare(`SELECT 1 FROM ${quote(u.table)} LIMIT 1`).get()) problems.push({ kind: 'foreign-key', table: u.table, message: `${u.table} holds rows SQLite cannot check: ${u.message}` });
  }
  const perTable = new Map<string, { parent: string; n: number }>();
  for (const o of orphans) {
    const key = `${o.table}\u0000${o.parent}`;
    const e = perTable.get(key) ?? { parent: o.parent, n: 0 };
    e.n++;
    perTable.set(key, e);
  }
  for (const [key, e] of perTable) {
    const table = key.split('\u0000')[0];
    problems.push({ kind: 'foreign-key', table, message: `${e.n} row(s) of ${table} reference missing rows of ${e.parent}` });
  }
  for (const r of integrityRows(db, schema)) {
    if (r.integrity_check === 'ok') continue;
    const m = /(?:in table|of) (\S+)/.exec(r.integrity_check);
    problems.push({ kind: 'integrity', table: m?.[1] ?? '', message: r.integrity_check });
  }
  const counts = nameRecord<number>();
  for (const t of schema.tables) {
    counts[t.name] = (db.prepare(`SELECT count(*) AS n FROM ${quote(t.name)}${t.unwritable ? ' NOT INDEXED' : ''}`).get() as { n: number }).n;
    // Unique indexes as they read (expressions, WHERE): duplicates the index would not let in,
    // which only a schema changed after the rows were written can hold.
    for (const k of counts[t.name] ? t.uniques.filter((u) => !u.trigger) : []) {
      let n = 0;
      try { n = (db.prepare(duplicatesSql(quote(t.name), k, quote)).get() as { n: number }).n; } catch { /* an expression this SQLite cannot run: it enforces the index */ }
      if (n) problems.push({ kind: 'unique', table: t.name, message: `${n} duplicated value(s) of ${keyText(k)} in ${t.name}` });
    }
  }
  return { ok: problems.length === 0, problems, counts };
}

/** integrity_check of the whole file; where that cannot run because a virtual table or an index
 *  needs what only its application registers (Thunderbird's `fts3(tokenize mozporter)`: "unknown
 *  tokenizer"; Android's `COLLATE UNICODE`: "no such collation sequence"),
 *  table by table over the tables Seedbed reads (each with its indexes). */
function integrityRows(db: SqliteClient, schema: SchemaInfo): { integrity_check: string }[] {
  try {
    return db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
  } catch (e) {
    if (!schema.skipped?.some((s) => /^virtual table/.test(s.reason)) && !schema.tables.some((t) => t.unwritable)) throw e;
    // Tables with an index sorting by a collation only the application has (Android's UNICODE)
    // cannot be checked here either; Seedbed never writes them.
    return schema.tables.filter((t) => !t.virtual && !t.unwritable).flatMap((t) => db.prepare(`PRAGMA integrity_check(${quote(t.name)})`).all() as { integrity_check: string }[]);
  }
}

