import { join } from 'node:path';
import type { WriteTransaction } from '../driver.ts';
import { pgText } from '../drivers/pg-text.ts';
import type { TableInfo } from '../schema/model.ts';
import type { ExportContext } from './context.ts';
import { FileNames, OutFile } from './files.ts';
import { sqlLiteral } from './literals.ts';
import { scriptTransaction } from './script.ts';

// `--format csv`: a CSV file per table (a header line of column names, then the rows) and the
// load script that imports them in the plan's order, inside one transaction:
//   PostgreSQL: load.psql, psql's \copy … FROM 'file' (CSV: an unquoted empty field is NULL, a
//     quoted one the empty string; values as PostgreSQL's text input, as COPY takes them);
//   SQLite: load.sql for sqlite3, `.import --csv` into a temporary table, then INSERT … SELECT
//     into the table, with NULLIF(column, '') for nullable columns (sqlite3 imports every field
//     as text and has no NULL in CSV: an empty string in a nullable column loads as NULL);
//     blob values are set by UPDATEs in the script, by primary key (or rowid: into an empty
//     table), as X'…' literals: sqlite3 has no hex decoding before 3.41.
// Run the script from the export folder: file names in it are relative.

export const CSV_SCRIPT = { postgresql: 'load.psql', sqlite: 'load.sql' } as const;
const STAGING = 'seedbed_import';

export async function csvExport(ctx: ExportContext): Promise<WriteTransaction> {
  const pg = ctx.dialect === 'postgresql';
  const scriptName = CSV_SCRIPT[ctx.dialect];
  const script = new OutFile(join(ctx.dir, scriptName));
  const names = new FileNames(ctx.dir, 'csv');
  const files: OutFile[] = [];
  let current: { table: string; file: OutFile; rows: number; key: number[] } | undefined;
  const field = pg ? (v: unknown) => pgText(v) : sqliteText;
  const hint = pg ? `Load from this folder with: psql -v ON_ERROR_STOP=1 -f ${scriptName}` : `Load from this folder with: sqlite3 DATABASE < ${scriptName}`;

  const open = async (table: TableInfo, columns: string[]) => {
    if (current) await current.file.close();
    const { name, path } = names.of(table.name);
    const file = new OutFile(path);
    files.push(file);
    current = { table: table.name, file, rows: 0, key: table.primaryKey.map((k) => columns.indexOf(k)) };
    await file.write(`${columns.map(csvField).join(',')}\n`);
    const ref = ctx.quoteTable(table.name);
    const cols = columns.map(ctx.quoteColumn);
    if (pg) {
      await script.write(`\\copy ${ref} (${cols.join(', ')}) FROM '${name}' WITH (FORMAT csv, HEADER true)\n`);
      return;
    }
    const byName = new Map(table.columns.map((c) => [c.name, c]));
    const select = columns.map((c, i) => (byName.get(c)?.nullable === false ? cols[i] : `NULLIF(${cols[i]}, '')`));
    await script.write(`.import --csv --schema temp ${name} ${STAGING}\n`
      + `INSERT INTO ${ref} (${cols.join(', ')}) SELECT ${select.join(', ')} FROM temp.${STAGING};\nDROP TABLE temp.${STAGING};\n`);
  };

  return scriptTransaction(ctx, script, {
    async insert(table, columns, rows) {
      if (current?.table !== table.name) await open(table, columns);
      const at = current!;
      let s = '';
      let blobs = '';
      for (const row of rows) {
        at.rows++;
        for (let c = 0; c < row.length; c++) {
          const v = row[c];
          if (!pg && v instanceof Uint8Array) {
            s += c ? ',' : '';
            blobs += `UPDATE ${ctx.quoteTable(table.name)} SET ${ctx.quoteColumn(columns[c])} = ${sqlLiteral('sqlite', v)} WHERE ${rowWhere(ctx, table, columns, at, row)};\n`;
            continue;
          }
          const t = field(v);
          s += (c ? ',' : '') + (t === null ? '' : csvField(t));
        }
        s += '\n';
      }
      await at.file.write(s);
      if (blobs) await script.write(blobs);
    },
    files: () => files,
  }, hint);
}

/** The row a blob UPDATE sets: by primary key, else by rowid (the nth row of an empty table). */
function rowWhere(ctx: ExportContext, table: TableInfo, columns: string[], at: { rows: number; key: number[] }, row: unknown[]): string {
  if (at.key.length && at.key.every((i) => i >= 0)) return at.key.map((i) => `${ctx.quoteColumn(columns[i])} = ${sqlLiteral('sqlite', row[i])}`).join(' AND ');
  return `rowid = ${at.rows}`;
}

/** A CSV field: quoted when empty (an empty unquoted field is NULL) or holding a quote, comma,
 *  line break or backslash (`\.` alone would end PostgreSQL's COPY data). */
function csvField(t: string): string {
  return t === '' || /[",\r\n\\]/.test(t) || t.trim() !== t ? `"${t.replaceAll('"', '""')}"` : t;
}

/** A value as SQLite text: booleans 1/0, blobs as hex (unhex() on import). */
function sqliteText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string': return v;
    case 'number': return Number.isNaN(v) ? null : Number.isFinite(v) ? String(v) : v > 0 ? '9e999' : '-9e999';
    case 'bigint': return v.toString();
    case 'boolean': return v ? '1' : '0';
  }
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
  return JSON.stringify(v);
}
