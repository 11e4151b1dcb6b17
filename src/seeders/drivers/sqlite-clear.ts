import { SeedbedError } from '../errors.ts';
import type { SchemaInfo, TableInfo } from '../schema/model.ts';
import { quote } from '../schema/sqlite.ts';
import type { SqliteClient } from './sqlite-client.ts';
import type { DatabaseTarget } from './url.ts';

// SQLite refuses to clear a table other rows still point at with a bare "FOREIGN KEY constraint
// failed". PostgreSQL's clear names those tables (pg-truncate.ts); this gives SQLite the same
// message, found after the refusal so that ON DELETE CASCADE / SET NULL keep working as declared.

/** The tables outside `chosen` whose rows reference one of them, with how many do and the FK. */
export function referencingRows(client: SqliteClient, schema: SchemaInfo, chosen: TableInfo[]): { table: string; rows: number; via: string; ref: string }[] {
  const names = new Set(chosen.map((t) => t.name));
  const out: { table: string; rows: number; via: string; ref: string }[] = [];
  for (const t of schema.tables) {
    if (names.has(t.name)) continue;
    for (const fk of t.foreignKeys) {
      if (!names.has(fk.refTable)) continue;
      const set = fk.columns.map((c) => `${quote(c)} IS NOT NULL`).join(' AND ');
      const n = (client.prepare(`SELECT count(*) AS n FROM ${quote(t.name)} WHERE ${set}`).get() as { n: number }).n;
      if (n > 0) out.push({ table: t.name, rows: n, via: fk.columns.join(', '), ref: fk.refTable });
    }
  }
  return out;
}

export function clearRefused(target: DatabaseTarget, blocked: { table: string; rows: number; via: string; ref: string }[], cause: unknown): SeedbedError {
  const children = [...new Set(blocked.map((b) => b.table))];
  const parents = [...new Set(blocked.map((b) => b.ref))];
  const many = children.length > 1;
  return new SeedbedError('BAD_INPUT',
    `Cannot clear ${parents.join(', ')}: rows of ${blocked.map((b) => `${b.table} (${b.rows} rows, via ${b.via})`).join(', ')} still point at ${parents.length > 1 ? 'them' : 'it'}, and ${many ? 'those tables are' : `${children[0]} is`} not among the tables to clear. Nothing was deleted from ${target.display}.`,
    { fix: `Add ${children.join(', ')} to --tables, or clear all tables.`, cause });
}
