import type { SqliteClient } from '../drivers/sqlite-client.ts';
import type { TableInfo } from './model.ts';

// Core Data's SQLite stores (iOS and macOS apps: Notes, Photos, Reminders, most App Store apps):
// one Z-table per entity, keyed by Z_PK, with Z_ENT (the entity's number in Z_PRIMARYKEY) and
// Z_OPT (the row's save count); a to-one relationship is a column named for it (ZFOLDER), beside
// `Z<n>_FOLDER` holding the entity number of the row it points at when entities inherit. No
// FOREIGN KEY is declared. The relationships become references implied by their names
// (implied-fks.ts asks `coreDataParent`); what Core Data itself keeps joins the table's CHECKs as
// steers (`entity`: not the database's constraints, so validate leaves them out): Z_ENT is the
// entity's number, Z_OPT a small save count, `Z<n>_X` is n exactly when X is set. A join table's
// `Z_<n><NAME>` columns reference entity n's table. Persistent history's A-tables (ACHANGE,
// ATRANSACTION) count as the entity's too.
// Only tables with all three of Z_PK, Z_ENT and Z_OPT are taken as Core Data's.

const STEER = 'Core Data';
const COCOA_EPOCH = 978_307_200;

export function isCoreDataTable(t: TableInfo): boolean {
  let n = 0;
  for (const c of t.columns) if (c.name === 'Z_PK' || c.name === 'Z_ENT' || c.name === 'Z_OPT') n++;
  return n === 3;
}

/** The Core Data table a relationship column names: ZFOLDER, ZFOLDER1 → table ZFOLDER. */
export function coreDataParent(table: TableInfo, column: string, tables: TableInfo[]): TableInfo | undefined {
  const m = /^Z([A-Z][A-Z0-9]*?)\d*$/.exec(column);
  if (!m || !isCoreDataTable(table)) return undefined;
  const name = `Z${m[1]}`;
  const parent = tables.find((t) => t.name.toUpperCase() === name && t !== table);
  return parent && isCoreDataTable(parent) ? parent : undefined;
}

/** Adds the steers of each Core Data table (none when the schema has no such table). */
export function addCoreDataSteers(db: SqliteClient, tables: TableInfo[]): void {
  const stores = tables.filter(isCoreDataTable);
  if (!stores.length) return;
  const { byTable: entities, tableOf } = entityNumbers(db);
  const q = (c: string) => `"${c.replaceAll('"', '""')}"`;
  joinTableKeys(tables, tableOf);
  for (const t of stores) {
    const ents = entities.get(t.name.toUpperCase()) ?? entities.get(`Z${t.name.slice(1).toUpperCase()}`);
    if (ents?.length) t.checks.push({ name: 'Core Data Z_ENT', expression: `"Z_ENT" IS NOT NULL AND "Z_ENT" IN (${ents.join(', ')})`, entity: STEER });
    // Dates are seconds since 2001-01-01 (NSDate's reference date), stored as REAL. Attributes
    // are named without the Z and the number Core Data adds on a clash (ZTITLE1 → title).
    for (const c of t.columns) {
      if (/^TIMESTAMP$/i.test(c.type)) Object.assign(c, { kind: 'real', epochSeconds: COCOA_EPOCH });
      const own = /^Z([A-Z][A-Z0-9]*?)\d*$/.exec(c.name);
      if (own) c.ruleName = own[1].toLowerCase();
    }
    t.checks.push({ name: 'Core Data Z_OPT', expression: '"Z_OPT" IS NOT NULL AND "Z_OPT" BETWEEN 1 AND 12', entity: STEER });
    for (const c of t.columns) {
      const m = /^Z(\d+)_([A-Z0-9]+)$/.exec(c.name);
      const rel = m && t.columns.find((x) => x.name === `Z${m[2]}`);
      if (!m || !rel) continue;
      t.checks.push({ name: `Core Data ${c.name}`, expression: `${q(c.name)} IS NULL OR ${q(c.name)} = ${m[1]}`, entity: STEER });
      t.checks.push({ name: `Core Data ${c.name} with ${rel.name}`, expression: `(${q(rel.name)} IS NULL AND ${q(c.name)} IS NULL) OR (${q(rel.name)} IS NOT NULL AND ${q(c.name)} IS NOT NULL AND ${q(c.name)} = ${m[1]})`, entity: STEER });
    }
  }
}

/** A many-to-many relationship's join table (Z_4EVENT: Z_4CUSTOMMETADATA, Z_10EVENT): each
 *  `Z_<n><NAME>` column holds a Z_PK of entity n's table. Implied references, as above. */
function joinTableKeys(tables: TableInfo[], tableOf: Map<number, string>): void {
  if (!tableOf.size) return;
  for (const t of tables) {
    if (!/^Z_\d+[A-Z]/i.test(t.name) || isCoreDataTable(t)) continue;
    for (const c of t.columns) {
      const m = /^Z_(\d+)[A-Z]/.exec(c.name);
      const parent = m && tables.find((x) => x.name.toUpperCase() === tableOf.get(Number(m[1])) && isCoreDataTable(x));
      if (!parent || t.foreignKeys.some((f) => f.columns.includes(c.name))) continue;
      t.foreignKeys.push({ name: `implied ${t.name}.${c.name}`, columns: [c.name], refTable: parent.name, refColumns: ['Z_PK'], nullable: c.nullable, deferrable: false, implied: true });
    }
  }
}

/** Entity numbers by table (ZNOTE: Note and its sub-entities), and each entity's table, from
 *  Z_PRIMARYKEY's rows. */
function entityNumbers(db: SqliteClient): { byTable: Map<string, number[]>; tableOf: Map<number, string> } {
  const out = new Map<string, number[]>();
  const tableOf = new Map<number, string>();
  let rows: { ent: number; name: string; sup: number | null }[];
  try {
    rows = db.prepare('SELECT Z_ENT AS ent, Z_NAME AS name, Z_SUPER AS sup FROM Z_PRIMARYKEY').all() as typeof rows;
  } catch {
    return { byTable: out, tableOf }; // no catalogue (or an older one without Z_SUPER)
  }
  const byEnt = new Map(rows.map((r) => [r.ent, r]));
  const root = (r: (typeof rows)[number]) => { let x = r; for (let i = 0; i < 50 && x.sup && byEnt.has(x.sup); i++) x = byEnt.get(x.sup)!; return x; };
  for (const r of rows) {
    if (!Number.isInteger(r.ent) || typeof r.name !== 'string') continue;
    const table = `Z${root(r).name.toUpperCase()}`;
    out.set(table, [...(out.get(table) ?? []), r.ent]);
    tableOf.set(r.ent, table);
  }
  return { byTable: out, tableOf };
}
