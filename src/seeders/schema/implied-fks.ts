import type { ColumnInfo, ForeignKeyInfo, SchemaInfo, TableInfo } from './model.ts';
import { localName, snake } from '../names.ts';
import { reaches } from './fk-graph.ts';
import { coreDataParent } from './core-data.ts';

// References a schema does not declare. Many real schemas hold `user_id` columns with no FOREIGN
// KEY constraint (Rails before add_foreign_key, SQLite apps that never turned FKs on, ORMs with
// db_constraint=False): seeded as free integers, their rows point nowhere. Where a column's name
// names exactly one table (user_id, userId → users, user, app_users) whose single-column key has
// the same kind of value, the plan treats it as a reference: parents first, values from their
// keys, fan-out and dates as for a declared one. It is a plan-only link (`implied`): nothing is
// created in the database, validate never counts it, and a parent left out drops it (the column
// is then filled by its type). An edge that would close a cycle, a polymorphic pair (x_type next
// to x_id) and a column already in a declared FK are never implied. Core Data's relationship
// columns (ZFOLDER → ZFOLDER.Z_PK) are named by its own convention (core-data.ts).

/** The schema with implied references added to its tables' foreign keys, and a note naming them. */
export function withImpliedForeignKeys(schema: SchemaInfo): SchemaInfo {
  const byForm = tableForms(schema.tables);
  const edges = new Map<string, Set<string>>();
  const link = (child: string, parent: string) => { if (child !== parent) (edges.get(child) ?? edges.set(child, new Set()).get(child)!).add(parent); };
  for (const t of schema.tables) for (const fk of t.foreignKeys) link(t.name, fk.refTable);
  const added = new Map<TableInfo, ForeignKeyInfo[]>();
  for (const table of schema.tables) {
    const declared = new Set(table.foreignKeys.flatMap((fk) => fk.columns.map((c) => c.toLowerCase())));
    const names = new Set(table.columns.map((c) => snake(c.name)));
    for (const col of table.columns) {
      if (declared.has(col.name.toLowerCase()) || col.generated) continue;
      const coreData = coreDataParent(table, col.name, schema.tables);
      if (coreData) {
        const key = coreData.columns.find((c) => c.name === 'Z_PK');
        if (key && !reaches((t) => edges.get(t) ?? [], coreData.name, table.name)) {
          link(table.name, coreData.name);
          added.set(table, [...(added.get(table) ?? []), { name: `implied ${table.name}.${col.name}`, columns: [col.name], refTable: coreData.name, refColumns: ['Z_PK'], nullable: col.nullable, deferrable: false, implied: true }]);
        }
        continue;
      }
      const base = referenceBase(col.name);
      if (!base || names.has(`${base}_type`)) continue;
      // A table's own key names another table only exactly (user_profiles.user_id → users): Umami's
      // event_data.event_id is event_data's own id, not a reference to website_event.
      const ownKey = table.primaryKey.length === 1 && table.primaryKey[0] === col.name;
      const parent = parentFor(base, byForm, ownKey);
      if (!parent || parent === table) continue;
      const key = parentKey(parent, base, col, ownKey || parentFor(base, byForm, true) === parent);
      if (!key || reaches((t) => edges.get(t) ?? [], parent.name, table.name)) continue;
      link(table.name, parent.name);
      const fk: ForeignKeyInfo = { name: `implied ${table.name}.${col.name}`, columns: [col.name], refTable: parent.name, refColumns: [key.name], nullable: col.nullable, deferrable: false, implied: true };
      added.set(table, [...(added.get(table) ?? []), fk]);
    }
  }
  if (!added.size) return schema;
  const list = [...added].flatMap(([t, fks]) => fks.map((fk) => `${t.name}.${fk.columns[0]} → ${fk.refTable}`));
  const shown = list.length > 8 ? `${list.slice(0, 8).join(', ')}, … (${list.length} in all)` : list.join(', ');
  return {
    ...schema,
    tables: schema.tables.map((t) => (added.has(t) ? { ...t, foreignKeys: [...t.foreignKeys, ...added.get(t)!] } : t)),
    notes: [...(schema.notes ?? []), `references implied by column names (no FOREIGN KEY in the database; values taken from the parent's keys): ${shown}. \`impliedForeignKeys: false\` in the config turns this off.`],
  };
}

/** How the plan knows of a reference the database does not declare ("implied by its name",
 *  "enforced by trigger t"), as plan, explain and the editor say it; undefined for a declared one. */
export function undeclaredHow(fk: ForeignKeyInfo): string | undefined {
  if (fk.trigger) return `enforced by trigger ${fk.trigger}`;
  if (fk.implied) return 'implied by its name';
  return undefined;
}

/** The implied references to tables that get no rows here (left out, excluded): dropped. */
export function withoutImpliedTo(schema: SchemaInfo, gone: (table: string) => boolean): SchemaInfo {
  const names = new Set(schema.tables.map((t) => t.name));
  let changed = false;
  const tables = schema.tables.map((t) => {
    const kept = t.foreignKeys.filter((fk) => !fk.implied || (names.has(fk.refTable) && !gone(fk.refTable)));
    if (kept.length === t.foreignKeys.length) return t;
    changed = true;
    return { ...t, foreignKeys: kept };
  });
  return changed ? { ...schema, tables } : schema;
}

/** `user_id`, `userId`, `UserID` → 'user'; `blogPostId` → 'blog_post'; `account_guid`,
 *  `accountUuid` → 'account' (GnuCash keys its rows by guid); `idFile` → 'file'; anything
 *  else undefined. */
function referenceBase(name: string): string | undefined {
  const m = /^(.*[a-z0-9])(?:_id|_ID|Id|ID|_guid|_GUID|Guid|GUID|_uuid|_UUID|Uuid|UUID)$/.exec(name) ?? /^(.+)_(?:id|guid|uuid)$/i.exec(name)
    // The key first, camel-cased: Kodi's idFile, idPath (→ files, path).
    ?? /^id([A-Z][A-Za-z0-9]*)$/.exec(name);
  if (!m) return undefined;
  const base = snake(m[1]);
  return base && base !== 'parent' && /[a-z]/.test(base) ? base : undefined;
}

/** Each table under the names a reference may use for it: its own and, for a prefixed name
 *  (moz_places, app_users), the part after the prefix. A table named for its ORM entity class
 *  (Android Room's `AccountEntity`, JPA's `account_entity`) is also known by the name without
 *  the suffix, after the tables named exactly so: `accountId` there names `AccountEntity`
 *  (unless an `accounts` table is there too). */
function tableForms(tables: TableInfo[]): Map<string, TableInfo[]> {
  const out = new Map<string, TableInfo[]>();
  const add = (form: string, t: TableInfo) => { const l = out.get(form) ?? []; if (!l.includes(t)) out.set(form, [...l, t]); };
  for (const t of tables) {
    const own = snake(localName(t.name));
    add(own, t);
    const parts = own.split('_');
    for (let i = 1; i < parts.length; i++) add(`~${parts.slice(i).join('_')}`, t);
    if (parts.length > 1 && parts[parts.length - 1] === 'entity') {
      const stem = parts.slice(0, -1);
      add(`=${stem.join('_')}`, t);
      for (let i = 1; i < stem.length; i++) add(`~${stem.slice(i).join('_')}`, t);
    }
  }
  return out;
}

/** The one table a base names: exact (user, users, …) before an entity's (user_entity) before
 *  prefixed (app_users). */
function parentFor(base: string, byForm: Map<string, TableInfo[]>, exactOnly = false): TableInfo | undefined {
  const forms = [base, `${base}s`, `${base}es`, ...(base.endsWith('y') ? [`${base.slice(0, -1)}ies`] : [])];
  for (const prefix of exactOnly ? ['', '='] : ['', '=', '~']) {
    const found = [...new Set(forms.flatMap((f) => byForm.get(prefix + f) ?? []))];
    if (found.length === 1) return found[0];
    if (found.length > 1) return undefined;
  }
  return undefined;
}

/** The parent's single-column key the reference points at (`id`, `user_id`, or the child
 *  column's own name; any name when the column names the table exactly: website_event_id →
 *  website_event.event_id), when its values are of the child column's kind. */
function parentKey(parent: TableInfo, base: string, col: ColumnInfo, exact: boolean): ColumnInfo | undefined {
  if (parent.primaryKey.length !== 1) return undefined;
  const key = parent.columns.find((c) => c.name === parent.primaryKey[0]);
  if (!key) return undefined;
  const k = snake(key.name);
  if (!exact && k !== 'id' && k !== `${base}_id` && k !== snake(col.name)) return undefined;
  const ints = ['integer', 'bigint'];
  const same = key.kind === col.kind || (ints.includes(key.kind) && ints.includes(col.kind));
  return same && key.kind !== 'unknown' ? key : undefined;
}
