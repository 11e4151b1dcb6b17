import { deriveHints, parseCheck, type Expr } from '../check/index.ts';
import type { Driver } from '../driver.ts';
import type { CheckInfo, ColumnInfo, SchemaInfo, TableInfo, ValueKind } from './model.ts';

// What a project's ORM entities know and the database cannot say, laid over the schema the
// database gives (config/mikro-orm-entities.ts reads the facts through MikroORM's own
// discovery). Every fact becomes something the rest of the engine already understands: an enum
// becomes a CHECK (col IN …), an inheritance hierarchy a CHECK of one branch per subclass (the
// CHECK solver then makes each row one valid subclass), a list or an embeddable the column's
// `element` / `entity.fields`. Those CHECKs carry `entity`, so `validate` (the database's own
// verdict) leaves them out and plan --explain names the entity.

/** One property as the entity maps it to a column (or, inside an embeddable, to a JSON key). */
export interface EntityProperty {
  /** The column (for an embeddable's field: the key in the JSON object). */
  column: string;
  property: string;
  /** The class that declares it (a subclass in an inheritance hierarchy). */
  entity: string;
  nullable: boolean;
  /** Enum values (`p.enum(...)`, numeric enums as numbers). */
  values?: (string | number)[];
  /** What the entity's property holds: string, number, boolean, bigint, Date, object, … */
  runtimeType?: string;
  /** The kind of value its type makes (an embeddable's field has no column to say). */
  kind?: ValueKind;
  /** A list: how it is stored and what its items are (`values` then apply to the items). */
  list?: { stored: 'comma' | 'json' | 'native'; item: ValueKind };
  /** An embeddable stored as one JSON object: its fields. */
  fields?: EntityProperty[];
  /** BigIntType's mode: 'number' means the value must fit a JavaScript number. */
  bigintMode?: string;
}

export interface EntityTable {
  table: string;
  /** PostgreSQL schema of the entity, when it names one. */
  schema?: string;
  /** The entity (the root of an inheritance hierarchy). */
  entity: string;
  properties: EntityProperty[];
  /** Single-table inheritance: the discriminator column and, per concrete class, its value,
   *  the columns it requires and the columns that are its own. */
  inheritance?: { column: string; classes: { value: string | number; entity: string; required: string[]; own: string[] }[] };
  /** Class-table inheritance: the subclasses' tables (each row's key references this table's). */
  subclassTables?: string[];
}

export interface EntityFacts {
  /** The MikroORM config they come from. */
  file: string;
  tables: EntityTable[];
}

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
const NUMERIC: ValueKind[] = ['integer', 'bigint', 'real', 'decimal'];
const literal = (v: string | number, kind: ValueKind) =>
  typeof v === 'number' && NUMERIC.includes(kind) ? String(v) : `'${String(v).replaceAll("'", "''")}'`;

/** A driver whose schema carries the entities' facts. */
export function withEntities(driver: Driver, facts: EntityFacts): Driver {
  const read = driver.readSchema.bind(driver);
  driver.readSchema = async () => applyEntities(await read(), facts);
  return driver;
}

/** The schema with the entities' facts laid over it (a new object: the driver's own model is
 *  left as read), and `entityWarnings` where entities and database disagree. */
export function applyEntities(schema: SchemaInfo, facts: EntityFacts): SchemaInfo {
  const warnings: string[] = [];
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  const skipped = new Set(schema.skipped.map((s) => s.name));
  const replaced = new Map<TableInfo, TableInfo>();
  for (const et of facts.tables) {
    const table = findTable(schema, byName, et);
    if (!table) {
      if (!skipped.has(et.table)) warnings.push(`the entity ${et.entity} maps table ${et.table}, which the database lacks (run the migrations, or seed --create-schema on an empty database)`);
      continue;
    }
    replaced.set(table, overlay(table, et, warnings));
  }
  if (!replaced.size && !warnings.length) return schema;
  return {
    ...schema,
    tables: schema.tables.map((t) => replaced.get(t) ?? t),
    notes: [...(schema.notes ?? []), `entities: ${replaced.size} of ${schema.tables.length} tables mapped by the MikroORM entities of ${facts.file}`],
    ...(warnings.length ? { entityWarnings: [...(schema.entityWarnings ?? []), ...warnings] } : {}),
  };
}

function findTable(schema: SchemaInfo, byName: Map<string, TableInfo>, et: EntityTable): TableInfo | undefined {
  const qualified = et.schema ? `${et.schema}.${et.table}` : et.table;
  return byName.get(qualified) ?? byName.get(et.table)
    ?? schema.tables.find((t) => t.localName === et.table && (!et.schema || t.schema === et.schema));
}

function overlay(table: TableInfo, et: EntityTable, warnings: string[]): TableInfo {
  const columns = table.columns.map((c) => ({ ...c }));
  const colOf = (name: string) => columns.find((c) => c.name === name) ?? columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
  const checks: CheckInfo[] = [...table.checks];
  const dbHints = deriveHints(parsedChecks(table.checks));
  const mapped = new Set<string>();
  for (const p of et.properties) {
    const col = colOf(p.column);
    if (!col) {
      warnings.push(`${table.name}: the entity ${p.entity}.${p.property} maps column ${p.column}, which the table lacks`);
      continue;
    }
    mapped.add(col.name);
    const source = `${p.entity}.${p.property}`;
    col.entity = { source, property: p.property };
    // Types the column hides: a Date kept as text, a boolean kept as an integer (SQLite).
    const hidden = p.runtimeType === 'Date' && (col.kind === 'text' || col.kind === 'unknown') ? 'datetime'
      : p.runtimeType === 'boolean' && col.kind === 'integer' ? 'boolean' : undefined;
    if (hidden) Object.assign(col, { kind: hidden, entity: { ...col.entity, type: p.runtimeType } });
    if (p.bigintMode === 'number' && (col.kind === 'bigint' || col.kind === 'integer')) col.maxValue = Math.min(col.maxValue ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    if (p.list) {
      const item = itemColumn(col.name, p.list.item, p.values);
      if (col.element) {
        // A native array (PostgreSQL): the entity only adds what its items may be.
        if (p.values?.length && !col.element.enumValues?.length) col.element = { ...col.element, enumValues: item.enumValues };
      } else if (p.list.stored !== 'native') {
        col.element = item;
        col.entity.list = p.list.stored;
      }
      continue;
    }
    if (p.fields?.length && (col.kind === 'json' || col.kind === 'text' || col.kind === 'unknown')) {
      col.entity.fields = p.fields.map(fieldColumn);
      continue;
    }
    if (!p.values?.length) continue;
    if (col.enumValues?.length) {
      // A native enum: the database already says; the entity may only disagree.
      const refused = p.values.filter((v) => !col.enumValues!.includes(String(v)));
      if (refused.length) warnings.push(`${table.name}.${col.name}: the entity ${source} allows ${listText(refused)}, which the enum type ${col.type} refuses; not used`);
      continue;
    }
    const allowed = dbHints.columns.get(col.name.toLowerCase())?.oneOf;
    if (allowed) {
      const refused = p.values.filter((v) => !allowed.some((a) => a !== null && String(a) === String(v)));
      if (refused.length) warnings.push(`${table.name}.${col.name}: the entity ${source} allows ${listText(refused)}, which the database's CHECK refuses; not used`);
    }
    checks.push({ name: null, expression: `${ident(col.name)} IN (${p.values.map((v) => literal(v, col.kind)).join(', ')})`, entity: source });
  }
  if (et.inheritance) {
    const sti = inheritanceCheck(et, colOf, warnings, table.name);
    if (sti) checks.push(sti);
  }
  // Class-table inheritance: the subclass tables' keys reference this table's; that they are
  // disjoint subtypes (not 1:1 extensions like profiles and settings) is the entities' word.
  for (const c of columns) {
    if (!mapped.has(c.name) && !c.generated) warnings.push(`${table.name}.${c.name}: no property of the entity ${et.entity} maps it (filled from the database's schema alone)`);
  }
  return { ...table, entity: et.entity, columns, checks, ...(et.subclassTables?.length ? { subtypeTables: et.subclassTables } : {}) };
}

/** One branch per concrete class: its discriminator value, its required columns set, the other
 *  classes' own columns NULL. */
function inheritanceCheck(et: EntityTable, colOf: (n: string) => ColumnInfo | undefined, warnings: string[], table: string): CheckInfo | undefined {
  const inh = et.inheritance!;
  const disc = colOf(inh.column);
  if (!disc) {
    warnings.push(`${table}: the discriminator column ${inh.column} of the entity ${et.entity} is missing`);
    return undefined;
  }
  const real = (names: string[]) => names.map(colOf).filter((c): c is ColumnInfo => c !== undefined).map((c) => c.name);
  const own = new Map(inh.classes.map((k) => [k, new Set(real(k.own))]));
  const branches = inh.classes.map((k) => {
    const others = new Set(inh.classes.filter((o) => o !== k).flatMap((o) => [...own.get(o)!]).filter((c) => !own.get(k)!.has(c)));
    const parts = [
      `${ident(disc.name)} = ${literal(k.value, disc.kind)}`,
      ...real(k.required).filter((c) => !others.has(c)).map((c) => `${ident(c)} IS NOT NULL`),
      ...[...others].map((c) => `${ident(c)} IS NULL`),
    ];
    return `(${parts.join(' AND ')})`;
  });
  if (!branches.length) return undefined;
  return { name: null, expression: branches.join(' OR '), entity: `${et.entity} (single table inheritance)` };
}

function itemColumn(name: string, kind: ValueKind, values: (string | number)[] | undefined): ColumnInfo {
  return {
    name, type: kind, kind, nullable: false, default: null, autoIncrement: false, generated: false,
    ...(values?.length ? { enumValues: values.map(String) } : {}),
  };
}

/** An embeddable's field as a column of its own (named by its JSON key), for the generators. */
function fieldColumn(p: EntityProperty): ColumnInfo {
  const kind = p.kind ?? kindOf(p.runtimeType);
  const col: ColumnInfo = {
    name: p.column, type: p.runtimeType ?? 'text', kind, nullable: p.nullable, default: null, autoIncrement: false, generated: false,
    ...(p.values?.length && !p.list ? { enumValues: p.values.map(String) } : {}),
    entity: { source: `${p.entity}.${p.property}`, property: p.property },
  };
  if (p.list) {
    col.element = itemColumn(p.column, p.list.item, p.values);
    col.entity!.list = 'json';
  }
  if (p.fields?.length) col.entity!.fields = p.fields.map(fieldColumn);
  return col;
}

/** A JavaScript runtime type → the value kind its generator makes. */
export function kindOf(runtimeType: string | undefined): ValueKind {
  switch (runtimeType) {
    case 'number': return 'integer';
    case 'bigint': return 'bigint';
    case 'boolean': return 'boolean';
    case 'Date': return 'datetime';
    case 'object': case 'any': return 'json';
    default: return 'text';
  }
}

function parsedChecks(checks: CheckInfo[]): Expr[] {
  const out: Expr[] = [];
  for (const c of checks) {
    try { out.push(parseCheck(c.expression)); } catch { /* unreadable: the planner names it */ }
  }
  return out;
}

const listText = (values: (string | number)[]) => values.map((v) => (typeof v === 'number' ? String(v) : `'${v}'`)).join(', ');
