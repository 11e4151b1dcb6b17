import { join } from 'node:path';
import type { WriteTransaction } from '../driver.ts';
import type { TableInfo } from '../schema/model.ts';
import { cycleFkStatements, discardAll, sequenceStatements, type ExportContext } from './context.ts';
import { OutFile } from './files.ts';
import { bindLiterals, sqlLiteral } from './literals.ts';

// `--format sql`: one script, seed.sql, for the database's own client (sqlite3 / psql): one
// transaction, multi-row INSERTs in the plan's order, the UPDATEs that close cycles, FKs
// checked at COMMIT (deferred), and on PostgreSQL the sequences moved past the written keys.

export const SQL_FILE = 'seed.sql';
const ROWS_PER_INSERT = 100;

export async function sqlExport(ctx: ExportContext): Promise<WriteTransaction> {
  const file = new OutFile(join(ctx.dir, SQL_FILE));
  const pg = ctx.dialect === 'postgresql';
  const fks = await cycleFkStatements(ctx);
  const written = new Map<string, TableInfo>();
  const columnsOf = new Map<string, string[]>();
  const lit = (v: unknown) => sqlLiteral(ctx.dialect, v);
  await file.write(pg
    ? `-- Seed data written by Seedbed. Load with: psql -v ON_ERROR_STOP=1 -f ${SQL_FILE}\nSET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nBEGIN;\nSET LOCAL TIME ZONE 'UTC';\nSET CONSTRAINTS ALL DEFERRED;\n${fks.drop.map((s) => `${s}\n`).join('')}`
    : `-- Seed data written by Seedbed. Load with: sqlite3 DATABASE < ${SQL_FILE}\nPRAGMA foreign_keys = ON;\nBEGIN;\nPRAGMA defer_foreign_keys = ON;\n`);
  return {
    async insert(table, columns, rows) {
      if (!rows.length) return;
      written.set(table.name, table);
      columnsOf.set(table.name, columns);
      // COPY (a direct seed) writes GENERATED ALWAYS identity columns too: so does this.
      const head = `INSERT INTO ${ctx.quoteTable(table.name)} (${columns.map(ctx.quoteColumn).join(', ')})${pg ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES\n`;
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        let s = head;
        const end = Math.min(rows.length, start + ROWS_PER_INSERT);
        for (let r = start; r < end; r++) {
          const row = rows[r];
          s += '(';
          for (let c = 0; c < row.length; c++) s += (c ? ', ' : '') + lit(row[c]);
          s += r + 1 < end ? '),\n' : ');\n';
        }
        await file.write(s);
      }
    },
    async insertEncoded() {
      throw new Error('an export takes rows, not rows encoded for a database');
    },
    async update(table, keyColumns, setColumns, rows) {
      const k = keyColumns.length;
      for (const row of rows) {
        await file.write(`UPDATE ${ctx.quoteTable(table.name)} SET ${setColumns.map((c, i) => `${ctx.quoteColumn(c)} = ${lit(row[k + i])}`).join(', ')} WHERE ${keyColumns
          .map((c, i) => `${ctx.quoteColumn(c)} = ${lit(row[i])}`).join(' AND ')};\n`);
      }
    },
    async execute(sql, params) {
      await file.write(`${params?.length ? bindLiterals(ctx.dialect, sql, params) : sql};\n`);
      return 0;
    },
    query: (sql, params) => ctx.query(sql, params),
    readsOutside: true,
    maxInteger: async () => 0,
    async commit() {
      const tail = [...fks.add, ...sequenceStatements(ctx, written, (t) => columnsOf.get(t.name) ?? []), 'COMMIT;'];
      await file.write(tail.map((s) => `${s}\n`).join(''));
      await file.close();
    },
    async rollback() {
      await discardAll([file]);
    },
  };
}
