import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TABLES } from '../schema/counts.ts';
import { Database, quote } from '../lib/sqlite.ts';
import { floorInsert, floorRows } from './floor-rows.ts';
import { mark, span, type ContenderOutcome, type RunSpec } from './types.ts';

// (f) The floor: the rows generated inside the database (INSERT … SELECT over generate_series on
// PostgreSQL, over a recursive CTE on SQLite; floor-rows.ts) into tables whose keys, unique
// constraints, indexes and FKs are dropped first and rebuilt after the load, in the same
// transaction — what pg_restore does. No client sends a byte of row data: this is the database
// engine's own speed at writing and indexing these rows, the reference a client can only approach.
//
// PostgreSQL: every FK, PRIMARY KEY, UNIQUE constraint and index of the schema is read from the
// catalogue (pg_get_constraintdef / pg_get_indexdef), dropped, and recreated after the load under
// the same name (PK/UNIQUE before the FKs that need them); sequences are set past the ids written.
// SQLite cannot drop a UNIQUE or composite PRIMARY KEY constraint: the tables are re-created
// without them (and without their indexes), loaded with FK enforcement off, then given a UNIQUE
// INDEX per such constraint (the same check: that is how SQLite implements them) and their plain
// indexes back, and PRAGMA foreign_key_check checks every FK once. CHECKs stay per row on both, as
// pg_restore creates them with the table. Page cache: 64 MiB (the index builds sort in it).

const SCHEMA_DIR = join(import.meta.dirname, '..', 'schema');
const SQLITE_CACHE_KIB = 65_536;

export async function run(spec: RunSpec): Promise<ContenderOutcome> {
  return spec.target === 'sqlite' ? runSqlite(spec) : runPostgres(spec);
}

/** The SQLite schema without UNIQUE / composite PRIMARY KEY constraints and indexes, and the
 *  statements that put that checking back (unique indexes, then the schema's own indexes). */
export function strippedSqliteSchema(ddl: string): { create: string[]; rebuild: string[] } {
  const text = ddl.replace(/--[^\n]*/g, '');
  const create: string[] = [];
  const rebuild: string[] = [];
  const indexes: string[] = [];
  for (const stmt of text.split(';').map((s) => s.trim()).filter(Boolean)) {
    if (/^CREATE\s+(UNIQUE\s+)?INDEX/i.test(stmt)) { indexes.push(stmt); continue; }
    const table = /^CREATE TABLE\s+(\w+)/i.exec(stmt)?.[1];
    if (!table) throw new Error(`floor: unexpected statement in the SQLite schema: ${stmt.slice(0, 60)}`);
    const keys: string[][] = [];
    const lines = stmt.split('\n').flatMap((line) => {
      const tableKey = /^\s*(UNIQUE|PRIMARY KEY)\s*\(([^)]*)\)\s*,?\s*$/i.exec(line);
      if (tableKey) { keys.push(tableKey[2].split(',').map((c) => c.trim())); return []; }
      if (/\bUNIQUE\b(?!\s*\()/i.test(line)) {
        keys.push([line.trim().split(/\s+/)[0]]);
        return [line.replace(/\s+UNIQUE\b(?!\s*\()/i, '')];
      }
      return [line];
    });
    create.push(lines.join('\n').replace(/,(\s*)\)$/, '$1)'));
    keys.forEach((cols, k) => rebuild.push(`CREATE UNIQUE INDEX ${quote(`floor_${table}_key${k + 1}`)} ON ${quote(table)} (${cols.map(quote).join(', ')})`));
  }
  return { create, rebuild: [...rebuild, ...indexes] };
}

function runSqlite(spec: RunSpec): ContenderOutcome {
  const t0 = mark();
  const db = new Database(spec.url);
  const { create, rebuild } = strippedSqliteSchema(readFileSync(join(SCHEMA_DIR, 'school.sqlite.sql'), 'utf8'));
  const rows = floorRows(spec.counts, 'sqlite');
  const inserts = TABLES.filter((t) => spec.counts[t] > 0).map((t) => floorInsert('sqlite', quote(t), quote, rows[t], spec.counts[t]));
  db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  db.pragma('foreign_keys = OFF'); // only outside a transaction; checked once below
  const t1 = mark();
  db.exec('BEGIN');
  try {
    for (const t of [...TABLES].reverse()) db.exec(`DROP TABLE ${quote(t)}`);
    for (const sql of create) db.exec(sql);
    for (const sql of inserts) db.exec(sql);
    for (const sql of rebuild) db.exec(sql);
    const orphans = db.prepare('PRAGMA foreign_key_check').all() as { table: string; parent: string }[];
    if (orphans.length) throw new Error(`floor: ${orphans.length} FK violation(s), first ${orphans[0].table} → ${orphans[0].parent}`);
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
  const t2 = mark();
  db.pragma('foreign_keys = ON');
  db.close();
  return { ...span(t0, t1, t2), notes: [`INSERT … SELECT over a recursive CTE; UNIQUE/composite keys as unique indexes built after the load; FKs checked once (PRAGMA foreign_key_check); cache ${SQLITE_CACHE_KIB / 1024} MiB`] };
}

interface Def { table: string; name: string; def: string }

async function runPostgres(spec: RunSpec): Promise<ContenderOutcome> {
  const { default: pg } = await import('pg');
  const t0 = mark();
  const client = new pg.Client({ connectionString: spec.url });
  await client.connect();
  const rows = floorRows(spec.counts, 'postgres');
  const inserts = TABLES.filter((t) => spec.counts[t] > 0).map((t) => floorInsert('postgres', quote(t), quote, rows[t], spec.counts[t]));
  const t1 = mark();
  await client.query('BEGIN');
  try {
    const inSchema = `connamespace = 'public'::regnamespace`;
    const fks = (await client.query<Def>(`SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'f' AND ${inSchema} ORDER BY 1, 2`)).rows;
    const keys = (await client.query<Def>(`SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype IN ('p', 'u') AND ${inSchema} ORDER BY 1, 2`)).rows;
    const indexes = (await client.query<Def>(`
      SELECT i.indrelid::regclass::text AS table, c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relnamespace = 'public'::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
      ORDER BY 1, 2`)).rows;
    // Dropped: FKs first (they need the keys), then keys and indexes.
    for (const [table, list] of group(fks)) await client.query(`ALTER TABLE ${table} ${list.map((f) => `DROP CONSTRAINT ${quote(f.name)}`).join(', ')}`);
    for (const [table, list] of group(keys)) await client.query(`ALTER TABLE ${table} ${list.map((f) => `DROP CONSTRAINT ${quote(f.name)}`).join(', ')}`);
    if (indexes.length) await client.query(`DROP INDEX ${indexes.map((x) => quote(x.name)).join(', ')}`);
    for (const sql of inserts) await client.query(sql);
    // Rebuilt: keys and indexes, then the FKs (each checked over its whole table in one query).
    for (const [table, list] of group(keys)) await client.query(`ALTER TABLE ${table} ${list.map((f) => `ADD CONSTRAINT ${quote(f.name)} ${f.def}`).join(', ')}`);
    for (const x of indexes) await client.query(x.def);
    for (const [table, list] of group(fks)) await client.query(`ALTER TABLE ${table} ${list.map((f) => `ADD CONSTRAINT ${quote(f.name)} ${f.def}`).join(', ')}`);
    // Identity sequences past the ids written, as a restore (and Seedbed) leaves them.
    for (const t of TABLES) {
      if (spec.counts[t] > 0 && rows[t].columns.includes('id')) await client.query(`SELECT setval(pg_get_serial_sequence($1, 'id'), $2)`, [t, spec.counts[t]]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    await client.end();
    throw e;
  }
  const t2 = mark();
  await client.end();
  return { ...span(t0, t1, t2), notes: ['INSERT … SELECT over generate_series; FKs, PRIMARY KEYs, UNIQUE constraints and indexes dropped and rebuilt in the transaction'] };
}

function group(defs: Def[]): Map<string, Def[]> {
  const m = new Map<string, Def[]>();
  for (const d of defs) m.set(d.table, [...(m.get(d.table) ?? []), d]);
  return m;
}
