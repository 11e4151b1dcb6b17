import { bookkeepingReason } from './bookkeeping.ts';
import type { CheckInfo, ColumnInfo, SchemaInfo, SkippedTable, TableInfo } from './model.ts';
import { catalogTable, readCatalog, sameList, stripCheck, type CatalogColumn, type Catalog } from './pg-catalog.ts';
import { partitionBounds } from './pg-partitions.ts';
import { readPgTriggers } from './pg-triggers.ts';
import { addTriggerConditions } from './trigger-when.ts';
import { addTriggerKeys } from './trigger-keys.ts';
import { addCopyConditions } from './trigger-copies.ts';
import { addTriggerCounters } from './trigger-counters.ts';
import { addDerivedUniques } from './trigger-derived.ts';
import { regTypeValues } from './pg-reg-types.ts';
import { quoteIdent, TableNames } from './pg-names.ts';
import { chooseSchemas } from './pg-schemas.ts';
import { classifyType, typeArgs } from './types.ts';
import type { PgQuery } from './pg-query.ts';

// PostgreSQL introspection, from the catalogue alone (pg-catalog.ts): relations, columns and
// constraints are found by OID and names travel as values, never spliced into SQL text, so names
// holding quotes, dots or newlines read like any other. (MikroORM's DatabaseSchema, used before,
// built `'"' || schema || '"."' || table || '"'` text over every schema of the database and
// stripped quotes from index column names.) Completed here: domains (base type, NOT NULL, CHECKs
// with VALUE → the column), array element types, enums, partitions (bounds of the partition key;
// FKs declared on partitions only), extension-owned and bookkeeping tables (named as skipped).


export interface PgSchemaInfo extends SchemaInfo {
  /** current_schema(): its tables keep their bare names. */
  defaultSchema: string;
  /** Tables whose rows live in partitions (count and truncate them as a whole). */
  partitioned: Set<string>;
  /** Every display name given (tables, and FK parents outside the selection) → schema and name. */
  names: TableNames;
}

export async function introspectPostgres(query: PgQuery, wanted?: string[]): Promise<PgSchemaInfo> {
  const choice = await chooseSchemas(query, wanted);
  const { schemas, current: cur } = choice;
  const cat = await readCatalog(query, schemas);
  const names = new TableNames(cur);
  // The default schema's tables are named first: they keep their bare names.
  const rels = [...cat.relations.values()].filter((r) => schemas.includes(r.schema))
    .sort((a, b) => Number(b.schema === cur) - Number(a.schema === cur) || cmp(a.schema, b.schema) || cmp(a.name, b.name));
  for (const rel of rels) names.name(rel.schema, rel.name);

  const tables: TableInfo[] = [];
  const skipped: SkippedTable[] = [];
  const partitioned = new Set<string>();
  for (const rel of rels) {
    const name = names.name(rel.schema, rel.name);
    if (rel.relispartition) {
      const parent = rel.parent ? cat.relations.get(rel.parent) : undefined;
      skipped.push({ name, reason: `partition of ${parent ? names.name(parent.schema, parent.name) : 'another table'}: its rows are written through the parent` });
      continue;
    }
    if (rel.extension) { skipped.push({ name, reason: `belongs to the extension ${rel.extension}` }); continue; }
    const reason = bookkeepingReason(rel.name);
    if (reason) { skipped.push({ name, reason }); continue; }
    const table = catalogTable(rel, cat, names);
    table.columns = table.columns.map((c) => column(c, cat.columns.get(`${rel.relid}.${c.name}`)));
    table.checks.push(...domainChecks(table.columns, cat, rel.relid));
    if (rel.relkind === 'p') {
      partitioned.add(name);
      const problem = partitionBounds(table, rel, cat);
      if (problem) { skipped.push({ name, reason: problem }); continue; }
      liftPartitionFks(table, rel.relid, cat, names);
    }
    tables.push(table);
  }
  tables.sort((a, b) => cmp(a.name, b.name));
  regTypeValues(tables);
  const triggers = await readPgTriggers(query, schemas, cur, tables, (schema, local) => names.name(schema, local));
  addTriggerKeys(tables, triggers);
  addTriggerConditions(tables, triggers);
  addCopyConditions(tables, triggers);
  addTriggerCounters(tables, triggers);
  addDerivedUniques(tables, triggers);
  return {
    dialect: 'postgresql', tables, skipped, defaultSchema: cur, partitioned, names,
    schemas: choice.summary, ...(choice.note ? { notes: [choice.note] } : {}), ...(triggers.length ? { triggers } : {}),
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A column completed from the catalogue: domains (base type, NOT NULL), arrays (element), enums. */
function column(base: ColumnInfo, cc: CatalogColumn | undefined): ColumnInfo {
  const declared = cc?.isArray ? cc.type : cc?.baseType ?? cc?.type ?? base.type;
  const out: ColumnInfo = { ...base, type: declared, kind: classifyType(declared, 'postgresql'), nullable: base.nullable && !cc?.domainNotNull };
  if (!cc?.isArray) Object.assign(out, typeArgs(cc?.baseType ?? cc?.type ?? declared, 'postgresql'));
  if (cc?.enumLabels?.length) out.enumValues = cc.enumLabels;
  if (cc?.compositeFields?.length && !cc.isArray) out.composite = fieldsOf(cc.compositeFields);
  if (cc?.comment?.trim()) out.comment = cc.comment.trim();
  if (cc?.rangeSubtype && !cc.isArray) out.rangeSubtype = cc.rangeSubtype;
  if (cc?.isArray && cc.elementType) {
    const el = cc.elementType;
    out.element = {
      name: out.name, type: el, kind: classifyType(el, 'postgresql'), nullable: false, default: null,
      autoIncrement: false, generated: false, ...typeArgs(el, 'postgresql'),
      ...(cc.elementEnumLabels?.length ? { enumValues: cc.elementEnumLabels } : {}),
      ...(cc.compositeFields?.length ? { composite: fieldsOf(cc.compositeFields) } : {}),
    };
  }
  return out;
}

/** A composite type's fields as nullable columns (its fields carry no NOT NULL). */
function fieldsOf(fields: NonNullable<CatalogColumn['compositeFields']>): ColumnInfo[] {
  return fields.map((f) => ({
    name: f.name, type: f.type, kind: classifyType(f.type, 'postgresql'), nullable: true, default: null, autoIncrement: false, generated: false,
    ...typeArgs(f.type, 'postgresql'), ...(f.labels?.length ? { enumValues: f.labels } : {}),
  }));
}

/** A domain's CHECKs, VALUE rewritten to the column, become CHECKs of the table. */
function domainChecks(columns: ColumnInfo[], cat: Catalog, relid: string): CheckInfo[] {
  const out: CheckInfo[] = [];
  for (const c of columns) {
    const cc = cat.columns.get(`${relid}.${c.name}`);
    for (const def of cc?.domainChecks ?? []) {
      out.push({ name: `${cc!.domain}: ${def}`, expression: replaceValue(stripCheck(def), quoteIdent(c.name)) });
    }
  }
  return out;
}

/** Replaces the VALUE keyword outside string literals. */
function replaceValue(expr: string, ident: string): string {
  return expr.split(/('(?:[^']|'')*')/).map((part, i) => (i % 2 ? part : part.replace(/\bVALUE\b/g, ident))).join('');
}

/** FKs declared on partitions only (pagila's payment_p2022_0x) bind rows routed there: lift them to the parent. */
function liftPartitionFks(table: TableInfo, relid: string, cat: Catalog, names: TableNames): void {
  for (const part of cat.relations.values()) {
    if (part.parent !== relid) continue;
    for (const k of cat.constraints.get(part.relid) ?? []) {
      if (k.type !== 'f' || k.inherited || !k.refSchema || !k.refName) continue;
      const refTable = names.name(k.refSchema, k.refName);
      if (table.foreignKeys.some((f) => f.refTable === refTable && sameList(f.columns, k.columns))) continue;
      table.foreignKeys.push({
        name: `${k.name} (on partition ${part.name})`,
        columns: k.columns,
        refTable,
        refColumns: k.refColumns,
        nullable: k.columns.every((c) => table.columns.find((x) => x.name === c)?.nullable ?? true),
        deferrable: k.deferrable,
      });
    }
  }
}
