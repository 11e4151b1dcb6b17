// The engine's own schema model: what introspection produces and everything else consumes.
// Dialect-neutral on purpose, so planning and generation never look at driver output.

export type Dialect = 'sqlite' | 'postgresql';

/** What kind of value a column holds, decided once from its declared type (see types.ts). */
export type ValueKind =
  | 'integer' | 'bigint' | 'real' | 'decimal' | 'boolean'
  | 'text' | 'uuid' | 'date' | 'time' | 'datetime'
  | 'json' | 'blob' | 'unknown';

export interface ColumnInfo {
  name: string;
  /** Declared type as the database reports it, e.g. `VARCHAR(255)`. */
  type: string;
  kind: ValueKind;
  nullable: boolean;
  /** Default as SQL text, or null. */
  default: string | null;
  /** Filled by the database itself (SQLite rowid alias with AUTOINCREMENT semantics, identity, serial). */
  autoIncrement: boolean;
  /** Generated (computed) columns are never written. */
  generated: boolean;
  /** SQLite text that a generated column or an index reads as JSON (`json_extract(json, '$.callId')`):
   *  the JSON shape its paths ask for (schema/ddl-scan.ts jsonReadColumns). */
  jsonText?: 'object' | 'array' | 'any';
  /** Paths of that JSON a generated column reads (`json_extract(config, '$.meta.name')`) that
   *  each row must hold: the generated column is NOT NULL (`required`), or in a unique key
   *  (`unique`: a value of its own per row). */
  jsonPaths?: { path: string[]; required: boolean; unique: boolean }[];
  /** Character length limit, when the type has one. */
  length?: number;
  precision?: number;
  scale?: number;
  /** Range of a fixed-width integer type (smallint: -32768..32767), on SQLite too. */
  minValue?: number;
  maxValue?: number;
  /** Allowed values from a native enum or an `IN (...)` CHECK. */
  enumValues?: string[];
  /** PostgreSQL arrays: one element (type, kind, length, enum labels), so elements are valid. */
  element?: ColumnInfo;
  /** PostgreSQL composite type (`CREATE TYPE … AS (…)`): its fields, as columns. */
  composite?: ColumnInfo[];
  /** Partition key (PostgreSQL): values must land in an existing partition. */
  partition?: PartitionBounds;
  /** The subtype of a range type the schema declares itself (`AS RANGE (subtype = uuid)`). */
  rangeSubtype?: string;
  /** What the project's MikroORM entity says the column holds (schema/entities.ts). */
  entity?: EntityColumn;
  /** The name the naming rules read, where a framework decorates the attribute's own name
   *  (Core Data's ZTITLE1 → title). */
  ruleName?: string;
  /** A point in time stored as seconds since this Unix time (Core Data's TIMESTAMP columns:
   *  978307200, 2001-01-01), whatever the column is called (generate/special-types.ts). */
  epochSeconds?: number;
  /** What the schema says the column holds: PostgreSQL's COMMENT ON COLUMN, or a SQLite `--`
   *  comment on the column's line of its CREATE TABLE (generate/comments.ts reads it). */
  comment?: string;
}

/** A column as an ORM entity maps it: its property, and what its values are where the column
 *  type hides it (a list in a text column, an object in a JSON column). */
export interface EntityColumn {
  /** `Entity.property`, as plan --explain names it. */
  source: string;
  property: string;
  /** The column holds a list (`element` describes its items): 'comma' joined text (MikroORM's
   *  ArrayType) or a 'json' array; PostgreSQL's own arrays need neither. */
  list?: 'comma' | 'json';
  /** The column holds a JSON object of these fields (an embeddable): `name` is the key. */
  fields?: ColumnInfo[];
  /** The entity's type, where it changed the column's `kind` (a Date kept as text: 'Date'). */
  type?: string;
}

/** Where a partition key may go: the union of the existing partitions' bounds. */
export interface PartitionBounds {
  /** RANGE partitions: [from, to) as SQL literal text; null for MINVALUE / MAXVALUE. */
  ranges?: { from: string | null; to: string | null }[];
  /** LIST partitions: every listed value. */
  values?: string[];
}

export interface ForeignKeyInfo {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  /** True when every FK column is nullable: the edge can be filled later. */
  nullable: boolean;
  deferrable: boolean;
  /** Not in the database: implied by the column's name (schema/implied-fks.ts), for the plan only. */
  implied?: boolean;
  /** SQLite: the referenced columns are neither the parent's primary key nor a unique key, so
   *  SQLite refuses writes to both tables ("foreign key mismatch"; schema/fk-mismatch.ts). */
  mismatch?: boolean;
  /** Not declared: a trigger of the child table rejects rows without a parent (trigger-keys.ts).
   *  Seeded like any foreign key; never dropped, re-added or validated as a constraint. */
  trigger?: string;
}

export interface UniqueKey {
  name: string;
  /** The columns the key reads, in the order its parts first use them. */
  columns: string[];
  /** Partial unique index: only rows its `predicate` selects are kept distinct. */
  partial: boolean;
  /** Per part of the key, as the database spells it, when any part is not a plain column:
   *  `lower(email)`, `lower((name)::text)`, `coalesce(a, ''::text)`, `email COLLATE NOCASE`. */
  expressions?: string[];
  /** The WHERE of a partial index (or a partition's bounds), as the database spells it. */
  predicate?: string;
  /** NULLS NOT DISTINCT (PostgreSQL 15+): NULLs collide like any value. */
  nullsNotDistinct?: boolean;
  /** Declared on this partition only (PostgreSQL): binds the rows routed there. */
  partition?: string;
  /** Not an index: an insert trigger turns away rows that repeat these columns (schema/trigger-unique.ts). */
  trigger?: string;
}

/** A PostgreSQL EXCLUDE constraint: no two rows (that its WHERE selects) where every element's
 *  operator holds between them (`room_id WITH =, during WITH &&`: same room, overlapping times). */
export interface ExclusionInfo {
  name: string;
  /** Index method: gist, btree, spgist … */
  using: string;
  /** Per element: the column or expression as PostgreSQL prints it, and the operator. */
  elements: { expression: string; operator: string; operatorSchema?: string }[];
  /** The WHERE, as PostgreSQL prints it. */
  predicate?: string;
  deferrable?: boolean;
}

export interface CheckInfo {
  name: string | null;
  /** The expression inside CHECK ( ... ). */
  expression: string;
  /** Not in the database: what the project's entities require (`Member.role`, `Animal (single
   *  table inheritance)`). Steers generation like any CHECK; `validate` leaves it out. */
  entity?: string;
  /** Not in the database: the rows a rejecting trigger lets through (NOT its WHEN condition;
   *  schema/trigger-when.ts). Steers generation like any CHECK; `validate` leaves it out. */
  trigger?: string;
  /** Only the database can judge it (it reads other tables: a trigger's `EXISTS (SELECT …)`):
   *  candidate rows are tested by the database, never by the engine. */
  database?: true;
}

export interface TableInfo {
  name: string;
  schema?: string;
  /** PostgreSQL: the name inside `schema` (`name` is `schema.table` outside the default schema). */
  localName?: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  uniques: UniqueKey[];
  foreignKeys: ForeignKeyInfo[];
  checks: CheckInfo[];
  /** PostgreSQL EXCLUDE constraints (absent when the table has none). */
  exclusions?: ExclusionInfo[];
  /** SQLite virtual table (FTS, rtree): written through INSERT into itself, never its shadow tables. */
  virtual?: VirtualTableInfo;
  /** The MikroORM entity mapped to it (the root of an inheritance hierarchy). */
  entity?: string;
  /** Tables whose rows are each one subtype of this table's rows (class-table inheritance the
   *  entities declare): a row of this table is in one of them at most. */
  subtypeTables?: string[];
  /** Why the database cannot take rows into it here (SQLite: an index sorts by a collation only
   *  the application registers); the plan leaves it out with this reason. */
  unwritable?: string;
}

export interface VirtualTableInfo {
  /** Module name, lower case: fts3, fts4, fts5, rtree, rtree_i32. */
  module: string;
  /** FTS external content table (`content='docs'`); '' for contentless. */
  content?: string;
  /** A contentless FTS5 index declared `contentless_delete=1`: its rows can be deleted by rowid. */
  deletable?: boolean;
}

/** A trigger as far as seeding cares: what fires it, which tables its body inserts into, and
 *  whether it rejects rows (and on which cross-table equalities). */
export interface TriggerInfo {
  name: string;
  /** The table it fires on (display name). */
  table: string;
  timing: 'before' | 'after' | 'instead';
  events: ('insert' | 'update' | 'delete' | 'truncate')[];
  /** FOR EACH ROW (SQLite triggers always are). */
  row: boolean;
  /** Tables its body inserts rows into (display names; only tables of the schema). */
  inserts: string[];
  /** Its body can reject the row (RAISE(ABORT …), RAISE EXCEPTION). */
  rejects: boolean;
  /** The messages it raises, to recognise its errors. */
  messages: string[];
  /** SQLite: the functions its body calls (lower case), to name it when one does not exist. */
  calls?: string[];
  /** PostgreSQL: the trigger function's name (errors name the function, not the trigger). */
  function?: string;
  /** Columns of the new row that must equal a column of the row another column points at. */
  equalities: TriggerEquality[];
  /** Pairs of the new row's parents it requires to hold the same value (trigger-body.ts agreementsOf). */
  agreements?: TriggerAgreement[];
  /** An insert trigger that deletes rows of its own table WHERE this holds (expired rows): the
   *  rows it selects do not stay (trigger-body.ts purgeOf). */
  purges?: string;
  /** Conditions (reading `NEW.`) under which its body rejects the new row (trigger-body.ts rejectConditionsOf). */
  rejectsWhen?: string[];
  /** Parents the trigger refuses the new row for (trigger-body.ts parentConditionsOf). */
  parentConditions?: TriggerParentCondition[];
  /** Columns of the new row the trigger requires a row of another table for (a foreign key it enforces). */
  references?: TriggerReference[];
  /** Its WHEN condition, on the new row's own columns (`NEW.` dropped), when it has one. */
  when?: string;
  /** PostgreSQL BEFORE INSERT row trigger: the new row's columns its function assigns. */
  assigns?: string[];
  /** Insert trigger: conditions on the new row its copies into other tables need (`"col" IS NOT
   *  NULL` for a NOT NULL column, a range inside a partitioned table's partitions; trigger-copies.ts). */
  requires?: string[];
  /** Insert row trigger: tables it gives one row per new row, keyed by the new row's key
   *  (target key column, source key column), so their keys are known as the run writes the
   *  source (trigger-copies.ts keyMirrors). */
  mirrors?: {
    table: string; columns: [string, string][];
    /** Its keys are made by the database: read back after the source is written. */
    readBack?: true;
    /** readBack: written inside a loop (any number of rows per new row). */
    loop?: true;
    /** readBack: (target column, source column) copied from the new row as is. */
    copies?: [string, string][];
    /** readBack: the body's only INSERT into that table. */
    alone?: true;
    /** readBack: the trigger fires only WHEN this holds ('' when it could not be read). */
    when?: string;
  }[];
  /** SQLite BEFORE INSERT: its body drops the new row without a word (RAISE(IGNORE)): 'all' when
   *  nothing guards that (no WHEN on the trigger, no WHERE on the SELECT), else 'some'.
   *  PostgreSQL BEFORE INSERT row trigger whose function may `RETURN NULL` (skips the row): 'some'. */
  ignores?: 'all' | 'some';
  /** Insert trigger: columns of a table it adds to (a counter cache, a running total;
   *  schema/trigger-counters.ts), the table resolved to the schema's name. */
  accumulates?: { table: string; column: string }[];
  /** PostgreSQL BEFORE DELETE row trigger whose function may `RETURN NULL`: the row stays (a soft
   *  delete). SQLite's `RAISE(IGNORE)` counts as `rejects`. */
  keepsDeleted?: true;
  /** PL/pgSQL BEFORE INSERT row trigger: columns it sets from the new row's others whatever the
   *  row holds (`NEW.slug := lower(NEW.title)`), with that expression (`NEW.` dropped; trigger-derived.ts). */
  derives?: { column: string; expression: string }[];
  /** PL/pgSQL insert row trigger: tables it inserts into only inside IFs on the new row, with that
   *  condition (`NEW.` dropped): seeded as usual, not "filled by" it (trigger-copies.ts conditionalInserts). */
  insertsIf?: Record<string, string>;
  /** SQLite insert trigger: columns it turns a repeated row away on (`RAISE(…) WHERE EXISTS (SELECT 1
   *  FROM own WHERE a = NEW.a)`), kept unique like an index (schema/trigger-unique.ts). */
  uniqueBy?: string[];
}

/** NEW.column must match refTable.refColumn of some row (NULL allowed when `nullOk`). */
export interface TriggerReference {
  column: string;
  refTable: string;
  refColumn: string;
  nullOk: boolean;
}

/** NEW.column must equal refTable.refColumn of the row whose key = NEW.via (e.g. a row's
 *  room_id is the room_id of the event it references). */
export interface TriggerEquality {
  column: string;
  via: string;
  refTable: string;
  key: string;
  refColumn: string;
}

/** The parents two FKs of the new row pick must agree: left.refTable.refColumn of the row
 *  NEW.left.via points at equals right.refTable.refColumn of the row NEW.right.via points at. */
export interface TriggerAgreement {
  left: { via: string; refTable: string; refColumn: string };
  right: { via: string; refTable: string; refColumn: string };
}

/** The trigger rejects the new row when `condition` (SQL over refTable's columns) holds for the
 *  parent row NEW.via points at: an API key for a deleted user, a task in an archived project. */
export interface TriggerParentCondition {
  via: string;
  refTable: string;
  condition: string;
}

export interface SkippedTable {
  name: string;
  reason: string;
}

/** PostgreSQL: a schema of the database, its table count, and whether the model read it. */
export interface SchemaSummary {
  name: string;
  tables: number;
  read: boolean;
}

export interface SchemaInfo {
  dialect: Dialect;
  tables: TableInfo[];
  /** Tables seen but never seeded (migration bookkeeping, Seedbed's own tables, excluded ones). */
  skipped: SkippedTable[];
  /** Triggers on the schema's tables (absent when the schema has none). */
  triggers?: TriggerInfo[];
  /** PostgreSQL: the database's schemas that hold tables (and those read). */
  schemas?: SchemaSummary[];
  /** Things the user should know about how the schema was read (which schemas, and why). */
  notes?: string[];
  /** Where the project's entities and the database disagree (plan warns). */
  entityWarnings?: string[];
}
