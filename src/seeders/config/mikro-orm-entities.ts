import type { ValueKind } from '../schema/model.ts';
import type { EntityFacts, EntityProperty, EntityTable } from '../schema/entities.ts';
import { displayPath } from './error.ts';
import { refuseForeignCode } from './found-code.ts';
import { findMikroOrmConfig, loadMikroOrmProject, openMikroOrm, type MikroOrmProject } from './mikro-orm.ts';

// A MikroORM project's entities, read through MikroORM's own discovery (the project's config,
// MikroORM.init without connecting, MetadataStorage → EntityMetadata), never by parsing source
// text. The result is plain data (schema/entities.ts lays it over the database's schema), so it
// crosses to worker threads and tests can write it by hand.

interface Prop {
  name: string;
  kind: string;
  type: string;
  runtimeType: string;
  fieldNames?: string[];
  columnTypes?: string[];
  nullable?: boolean;
  enum?: boolean;
  items?: (string | number)[];
  array?: boolean;
  object?: boolean;
  embedded?: [string, string];
  embeddedProps?: Record<string, Prop>;
  customType?: { constructor: { name: string }; mode?: string };
  persist?: boolean;
  formula?: unknown;
  inherited?: boolean;
  owner?: boolean;
  primary?: boolean;
}
interface Meta {
  className: string;
  tableName: string;
  schema?: string;
  abstract?: boolean;
  embeddable?: boolean;
  virtual?: boolean;
  view?: boolean;
  root?: Meta;
  inheritanceType?: 'sti' | 'tpt';
  discriminatorColumn?: string;
  discriminatorValue?: string | number;
  discriminatorMap?: Record<string, { name?: string } | string>;
  props: Prop[];
  /** Class-table inheritance (tpt): a subclass's parent, its own properties, a parent's subclasses. */
  tptParent?: Meta;
  ownProps?: Prop[];
  tptChildren?: Meta[];
}

/** The entity facts of the MikroORM project in `dir`, or undefined when it has none. */
export async function projectEntityFacts(dir: string): Promise<EntityFacts | undefined> {
  const file = findMikroOrmConfig(dir);
  if (file) refuseForeignCode(file, 'Run with --no-entities (the MikroORM project is then not loaded), or make the file yours if you trust it.');
  return file ? readEntityFacts(await loadMikroOrmProject(file)) : undefined;
}

/** Discovers the project's entities (MikroORM.init connects lazily: no database is opened). */
export async function readEntityFacts(project: MikroOrmProject): Promise<EntityFacts> {
  const orm = await openMikroOrm(project);
  try {
    const all = orm.getMetadata().getAll() as unknown as Map<unknown, Meta> | Record<string, Meta>;
    return { file: displayPath(project.file), tables: entityTables(all instanceof Map ? [...all.values()] : Object.values(all)) };
  } finally {
    await orm.close(true);
  }
}

/** One EntityTable per table: an entity of its own, or the root of a hierarchy (its subclasses'
 *  columns included, as MikroORM's root metadata holds them). */
export function entityTables(metas: Meta[]): EntityTable[] {
  const out: EntityTable[] = [];
  for (const m of metas) {
    if (m.embeddable || m.virtual || m.view || !m.tableName) continue;
    if (m.root && m.root !== m && m.root.tableName === m.tableName) continue; // an STI subclass: its root says it
    if (m.abstract && !m.discriminatorMap) continue; // a mapped superclass, no table
    // A class-table subclass's table holds its own properties and the key (its parent's holds the rest).
    const props = m.tptParent ? m.props.filter((p) => p.primary || m.ownProps?.includes(p)) : m.props;
    const properties = props.flatMap((p) => property(m, p, metas));
    const table: EntityTable = { table: m.tableName, entity: m.className, properties, ...(m.schema && m.schema !== '*' ? { schema: m.schema } : {}) };
    if (m.tptChildren?.length) table.subclassTables = m.tptChildren.map((c) => c.tableName);
    if (m.inheritanceType === 'sti' && m.discriminatorColumn && m.discriminatorMap) table.inheritance = inheritance(m, metas);
    out.push(table);
  }
  return out;
}

function inheritance(root: Meta, metas: Meta[]): EntityTable['inheritance'] {
  const column = root.props.find((p) => p.name === root.discriminatorColumn)?.fieldNames?.[0] ?? root.discriminatorColumn!;
  const rootOwn = new Set(root.props.filter((p) => !p.inherited).flatMap((p) => p.fieldNames ?? []));
  const classes: NonNullable<EntityTable['inheritance']>['classes'] = [];
  for (const [value, cls] of Object.entries(root.discriminatorMap!)) {
    const name = typeof cls === 'string' ? cls : cls.name;
    const m = metas.find((x) => x.className === name) ?? (name === root.className ? root : undefined);
    if (!m || m.abstract) continue;
    const persisted = m.props.filter((p) => stored(p) && !p.primary);
    classes.push({
      value: /^\d+$/.test(value) && typeof root.discriminatorValue === 'number' ? Number(value) : value,
      entity: m.className,
      own: persisted.flatMap((p) => p.fieldNames ?? []).filter((c) => !rootOwn.has(c)),
      // Columns every class shares are the table's own NOT NULLs; the CHECK names only a class's own.
      required: persisted.filter((p) => !p.nullable).flatMap((p) => p.fieldNames ?? []).filter((c) => !rootOwn.has(c)),
    });
  }
  return { column, classes };
}

/** A property that has columns of its own in the table. */
function stored(p: Prop): boolean {
  if (p.persist === false || p.formula || !p.fieldNames?.length) return false;
  if (p.kind === 'embedded') return p.object === true; // inline embeddables: their fields are columns
  if (p.kind === 'scalar') return true;
  return (p.kind === 'm:1' || p.kind === '1:1') && p.owner !== false;
}

function property(m: Meta, p: Prop, metas: Meta[]): EntityProperty[] {
  if (!stored(p)) return [];
  // The root lists every subclass's properties as inherited: name the class that declares it.
  const entity = p.inherited ? metas.find((x) => x !== m && x.root === m && x.props.some((q) => q.name === p.name && !q.inherited))?.className ?? m.className : m.className;
  if (p.kind === 'm:1' || p.kind === '1:1') {
    return p.fieldNames!.map((column) => ({ column, property: p.name, entity, nullable: p.nullable === true }));
  }
  return [{ ...facts(p), column: p.fieldNames![0], entity }];
}

function facts(p: Prop): Omit<EntityProperty, 'column' | 'entity'> {
  const custom = p.customType?.constructor.name;
  const out: Omit<EntityProperty, 'column' | 'entity'> = { property: p.name, nullable: p.nullable === true, runtimeType: p.runtimeType };
  if (p.items?.length) out.values = p.items;
  if (custom === 'BigIntType' && p.customType?.mode) out.bigintMode = p.customType.mode;
  const listType = /^(string|number)\[\]$/.exec(p.runtimeType ?? '') ?? /^(string|number)\[\]$/.exec(p.type ?? '');
  if (custom === 'ArrayType' || custom === 'EnumArrayType' || p.array || listType) {
    const native = (p.columnTypes?.[0] ?? '').endsWith('[]');
    const json = !native && /json/i.test(`${p.columnTypes?.[0] ?? ''} ${custom ?? ''}`);
    out.list = { stored: native ? 'native' : json ? 'json' : 'comma', item: listType?.[1] === 'number' || typeof p.items?.[0] === 'number' ? 'integer' : 'text' };
  }
  if (p.kind === 'embedded' && p.embeddedProps) {
    out.fields = Object.values(p.embeddedProps).map((x) => ({ ...facts(x), property: x.embedded?.[1] ?? x.name, column: x.fieldNames?.[0] ?? x.name, entity: p.type }));
  }
  out.kind = kindOf(p);
  return out;
}

/** The value kind a property's values have (for an embeddable's JSON fields). */
function kindOf(p: Prop): ValueKind {
  const t = String(p.type ?? '').toLowerCase();
  if (p.kind === 'embedded') return 'json';
  if (/^(integer|int|smallint|tinyint|mediumint|int\d)$/.test(t)) return 'integer';
  if (/bigint/.test(t)) return 'bigint';
  if (/^(float|double|real)$/.test(t)) return 'real';
  if (/decimal|numeric/.test(t)) return 'decimal';
  if (/bool/.test(t)) return 'boolean';
  const column = (p.columnTypes?.[0] ?? '').toLowerCase();
  if (column === 'date' || p.type === 'date' || t === 'datetype') return 'date';
  if (/datetime|timestamp/.test(`${column} ${t}`) || p.runtimeType === 'Date') return 'datetime';
  if (/^time/.test(t)) return 'time';
  if (/uuid/.test(t)) return 'uuid';
  if (/json/.test(t)) return 'json';
  if (p.runtimeType === 'number') return 'integer';
  if (p.runtimeType === 'boolean') return 'boolean';
  return 'text';
}
