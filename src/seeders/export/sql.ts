import { join } from 'node:path';
import type { WriteTransaction } from '../driver.ts';
import type { ExportContext } from './context.ts';
import { OutFile } from './files.ts';
import { sqlLiteral } from './literals.ts';
import { scriptTransaction } from './script.ts';

// `--format sql`: one script, seed.sql, with the rows as multi-row INSERTs in the plan's order.

export const SQL_FILE = 'seed.sql';
const ROWS_PER_INSERT = 100;

export async function sqlExport(ctx: ExportContext): Promise<WriteTransaction> {
  const file = new OutFile(join(ctx.dir, SQL_FILE));
  const pg = ctx.dialect === 'postgresql';
  const hint = pg ? `Load with: psql -v ON_ERROR_STOP=1 -f ${SQL_FILE}` : `Load with: sqlite3 DATABASE < ${SQL_FILE}`;
  return scriptTransaction(ctx, file, {
    async insert(table, columns, rows) {
      // COPY (a direct seed) writes GENERATED ALWAYS identity columns too: so does this.
      const head = `INSERT INTO ${ctx.quoteTable(table.name)} (${columns.map(ctx.quoteColumn).join(', ')})${pg ? ' OVERRIDING SYSTEM VALUE' : ''} VALUES\n`;
      for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
        let s = head;
        const end = Math.min(rows.length, start + ROWS_PER_INSERT);
        for (let r = start; r < end; r++) {
          const row = rows[r];
          s += '(';
          for (let c = 0; c < row.length; c++) s += (c ? ', ' : '') + sqlLiteral(ctx.dialect, row[c]);
          s += r + 1 < end ? '),\n' : ');\n';
        }
        await file.write(s);
      }
    },
    files: () => [],
  }, hint);
}
