import { join } from 'node:path';
import type { WriteTransaction } from '../driver.ts';
import type { ExportContext } from './context.ts';
import { discardAll } from './context.ts';
import { FileNames, OutFile } from './files.ts';
import { bindLiterals } from './literals.ts';

// `--format json`: a JSON file per table, an array of row objects (column → value) written as
// the rows come, and index.json, which lists the tables in load order (parents first) with
// their files and row counts. Values as JSON has them: numbers, strings, booleans, null, arrays;
// json columns as the JSON they hold (as written, when it parses); bigints beyond 2^53 as decimal strings, blobs
// as "\x…" hex, NaN and infinities as strings. Rows of a cycle get their parent afterwards:
// index.json's `updates` lists `<table>.updates.json` files ({ key: {…}, set: {…} } each), to
// apply once every table is loaded; `statements`, SQL to run after that (totals that sum a
// table's lines, full-text index rebuilds), as a direct seed runs it.

export const JSON_INDEX = 'index.json';

export function jsonExport(ctx: ExportContext): WriteTransaction {
  const names = new FileNames(ctx.dir, 'json');
  names.of(JSON_INDEX.slice(0, -5)); // keeps `index.json` for the index
  const files: OutFile[] = [];
  const tables: { table: string; file: string; rows: number }[] = [];
  const updates: { table: string; file: string; rows: number }[] = [];
  const statements: string[] = [];
  let current: { table: string; file: OutFile; keys: string[]; json: boolean[]; first: boolean } | undefined;
  const updateFiles = new Map<string, { file: OutFile; first: boolean }>();
  const done = async () => {
    if (current) await current.file.write(current.first ? ']\n' : '\n]\n');
    await current?.file.close();
    current = undefined;
  };
  return {
    async insert(table, columns, rows) {
      if (!rows.length) return;
      if (current?.table !== table.name) {
        await done();
        const { name, path } = names.of(table.name);
        const file = new OutFile(path);
        files.push(file);
        tables.push({ table: table.name, file: name, rows: 0 });
        const kinds = new Map(table.columns.map((c) => [c.name, c.kind]));
        current = { table: table.name, file, keys: columns.map((c) => `${JSON.stringify(c)}: `), json: columns.map((c) => kinds.get(c) === 'json'), first: true };
        await file.write('[');
      }
      const at = current;
      let s = '';
      for (const row of rows) {
        s += at.first ? '\n{' : ',\n{';
        at.first = false;
        for (let c = 0; c < row.length; c++) s += (c ? ', ' : '') + at.keys[c] + (at.json[c] ? jsonColumn(row[c]) : jsonValue(row[c]));
        s += '}';
      }
      tables[tables.length - 1].rows += rows.length;
      await at.file.write(s);
    },
    async insertEncoded() {
      throw new Error('an export takes rows, not rows encoded for a database');
    },
    async update(table, keyColumns, setColumns, rows) {
      await done();
      let u = updateFiles.get(table.name);
      if (!u) {
        const { name, path } = names.of(`${table.name}.updates`);
        u = { file: new OutFile(path), first: true };
        files.push(u.file);
        updateFiles.set(table.name, u);
        updates.push({ table: table.name, file: name, rows: 0 });
        await u.file.write('[');
      }
      const k = keyColumns.length;
      let s = '';
      for (const row of rows) {
        const obj = (cols: string[], off: number) => `{${cols.map((c, i) => `${JSON.stringify(c)}: ${jsonValue(row[off + i])}`).join(', ')}}`;
        s += `${u.first ? '\n' : ',\n'}{"key": ${obj(keyColumns, 0)}, "set": ${obj(setColumns, k)}}`;
        u.first = false;
      }
      updates.find((x) => x.table === table.name)!.rows += rows.length;
      await u.file.write(s);
    },
    // Rollups (totals summing a table's lines) and FTS rebuilds: SQL for the loader to run after the rows.
    async execute(sql, params) {
      statements.push(params?.length ? bindLiterals(ctx.dialect, sql, params) : sql);
      return 0;
    },
    query: (sql, params) => ctx.query(sql, params),
    readsOutside: true,
    maxInteger: async () => 0,
    async commit() {
      await done();
      for (const u of updateFiles.values()) {
        await u.file.write(u.first ? ']\n' : '\n]\n');
        await u.file.close();
      }
      const index = new OutFile(join(ctx.dir, JSON_INDEX));
      files.push(index);
      await index.write(`${JSON.stringify({ dialect: ctx.dialect, tables, updates, statements }, null, 2)}\n`);
      await index.close();
    },
    async rollback() {
      await discardAll(files);
    },
  };
}

function jsonValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'number': return Number.isFinite(v) ? String(v) : JSON.stringify(String(v));
    case 'bigint': return Number.isSafeInteger(Number(v)) ? v.toString() : JSON.stringify(v.toString());
    case 'string': return JSON.stringify(v);
    case 'boolean': return v ? 'true' : 'false';
  }
  if (v instanceof Uint8Array) return JSON.stringify(`\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')}`);
  if (Array.isArray(v)) return `[${v.map(jsonValue).join(', ')}]`;
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  return JSON.stringify(v);
}

/** A json column's value: its JSON text itself when that parses, else as a string. */
function jsonColumn(v: unknown): string {
  if (typeof v !== 'string') return jsonValue(v);
  try {
    JSON.parse(v);
    return v;
  } catch {
    return JSON.stringify(v);
  }
}
