import type { WriteTransaction } from '../driver.ts';
import type { TableInfo } from '../schema/model.ts';
import { keyGuardStatements } from '../drivers/pg-key-guards.ts';
import { cycleFkStatements, discardAll, sequenceStatements, type ExportContext } from './context.ts';
import type { OutFile } from './files.ts';
import { bindLiterals, sqlLiteral } from './literals.ts';

// The load script of `--format sql` (the rows inline) and `--format csv` (the rows in files it
// imports): one transaction for the database's own client, FKs checked at COMMIT (deferred),
// the UPDATEs that close cycles and any other statement of the run (rollups, FTS rebuilds) in
// order, and on PostgreSQL the sequences moved past the written keys, as a direct seed does.

export interface ScriptRows {
  /** Writes a batch of a table's rows (into the script, or a file of their own). */
  insert(table: TableInfo, columns: string[], rows: unknown[][]): Promise<void>;
  /** Files besides the script, closed at the end (deleted if the export fails). */
  files(): OutFile[];
}

export async function scriptTransaction(ctx: ExportContext, script: OutFile, rows: ScriptRows, loadHint: string): Promise<WriteTransaction> {
  const pg = ctx.dialect === 'postgresql';
  const fks = await cycleFkStatements(ctx);
  const guards = keyGuardStatements(pg ? ctx.keyGuards ?? [] : []);
  const written = new Map<string, TableInfo>();
  const columnsOf = new Map<string, string[]>();
  const lit = (v: unknown) => sqlLiteral(ctx.dialect, v);
  await script.write(pg
    ? `-- Seed data written by Seedbed. ${loadHint}\nSET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nBEGIN;\nSET LOCAL TIME ZONE 'UTC';\nSET CONSTRAINTS ALL DEFERRED;\n${[...fks.drop, ...guards.install.map((s) => `${s};`)].map((s) => `${s}\n`).join('')}`
    : `-- Seed data written by Seedbed. ${loadHint}\nPRAGMA foreign_keys = ON;\nBEGIN;\nPRAGMA defer_foreign_keys = ON;\n`);
  return {
    async insert(table, columns, batch) {
      if (!batch.length) return;
      written.set(table.name, table);
      columnsOf.set(table.name, columns);
      await rows.insert(table, columns, batch);
    },
    async insertEncoded() {
      throw new Error('an export takes rows, not rows encoded for a database');
    },
    async update(table, keyColumns, setColumns, batch) {
      const k = keyColumns.length;
      for (const row of batch) {
        await script.write(`UPDATE ${ctx.quoteTable(table.name)} SET ${setColumns.map((c, i) => `${ctx.quoteColumn(c)} = ${lit(row[k + i])}`).join(', ')} WHERE ${keyColumns
          .map((c, i) => `${ctx.quoteColumn(c)} = ${lit(row[i])}`).join(' AND ')};\n`);
      }
    },
    async execute(sql, params) {
      await script.write(`${params?.length ? bindLiterals(ctx.dialect, sql, params) : sql};\n`);
      return 0;
    },
    query: (sql, params) => ctx.query(sql, params),
    readsOutside: true,
    maxInteger: async () => 0,
    async commit() {
      const tail = [...guards.remove.map((s) => `${s};`), ...fks.add, ...sequenceStatements(ctx, written, (t) => columnsOf.get(t.name) ?? []), 'COMMIT;'];
      await script.write(tail.map((s) => `${s}\n`).join(''));
      for (const f of rows.files()) await f.close();
      await script.close();
    },
    async rollback() {
      await discardAll([script, ...rows.files()]);
    },
  };
}
