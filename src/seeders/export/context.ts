import type { CycleFkRef } from '../driver.ts';
import type { KeyGuard } from '../drivers/pg-key-guards.ts';
import type { Dialect, TableInfo } from '../schema/model.ts';
import type { OutFile } from './files.ts';

// What an export's writer needs to know about the database it reads (never writes).

export type ExportFormat = 'sql' | 'csv' | 'json';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['sql', 'csv', 'json'];

export interface ExportContext {
  dir: string;
  dialect: Dialect;
  quoteTable(table: string): string;
  quoteColumn(column: string): string;
  /** Reads from the database (CHECKs only it can evaluate; constraint definitions). */
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** NOT NULL cycle FKs that cannot be deferred: dropped and added back around the load (PostgreSQL). */
  cycleFks: CycleFkRef[];
  /** Keys a BEFORE INSERT trigger would replace: kept around the load (PostgreSQL; pg-key-guards.ts). */
  keyGuards?: KeyGuard[];
}

/** The statements that drop and add back the non-deferrable cycle FKs (PostgreSQL; SQLite defers every FK). */
export async function cycleFkStatements(ctx: ExportContext): Promise<{ drop: string[]; add: string[] }> {
  const drop: string[] = [];
  const add: string[] = [];
  if (ctx.dialect !== 'postgresql') return { drop, add };
  for (const f of ctx.cycleFks) {
    const ref = ctx.quoteTable(f.table);
    const rows = await ctx.query('SELECT pg_get_constraintdef(c.oid) AS def FROM pg_constraint c WHERE c.conrelid = to_regclass($1) AND c.conname = $2', [ref, f.name]);
    const def = rows[0]?.def;
    if (typeof def !== 'string') continue;
    drop.push(`ALTER TABLE ${ref} DROP CONSTRAINT ${ctx.quoteColumn(f.name)};`);
    add.push(`ALTER TABLE ${ref} ADD CONSTRAINT ${ctx.quoteColumn(f.name)} ${def};`);
  }
  return { drop, add };
}

/** Statements that move the sequences (serial, identity) of the written integer columns past
 *  the keys the export wrote, as a direct seed does (PostgreSQL; SQLite's own follow its rows). */
export function sequenceStatements(ctx: ExportContext, written: Map<string, TableInfo>, columnsOf: (t: TableInfo) => string[]): string[] {
  if (ctx.dialect !== 'postgresql') return [];
  const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const out: string[] = [];
  for (const table of written.values()) {
    const ref = ctx.quoteTable(table.name);
    for (const c of columnsOf(table)) {
      const col = table.columns.find((x) => x.name === c);
      if (col?.kind !== 'integer' && col?.kind !== 'bigint') continue;
      out.push(`SELECT setval(s, m) FROM (SELECT pg_get_serial_sequence(${lit(ref)}, ${lit(c)}) AS s, (SELECT max(${ctx.quoteColumn(c)}) FROM ${ref}) AS m) AS x WHERE s IS NOT NULL AND m IS NOT NULL;`);
    }
  }
  return out;
}

/** Files written so far, deleted when the export fails. */
export async function discardAll(files: Iterable<OutFile>): Promise<void> {
  for (const f of files) await f.discard().catch(() => {});
}
