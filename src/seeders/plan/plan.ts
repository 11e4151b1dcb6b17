import { undeclaredHow, withoutImpliedTo } from '../schema/implied-fks.ts';
import { deriveHints, notEvaluable, parseCheck, readsClock, referencedColumns, type ColumnHint, type Expr } from '../check/index.ts';
import { plural } from '../words.ts';
import { SeedbedError, sqlText } from '../errors.ts';
import { constrain, EmptyDomainError, integerBounds } from '../generate/constrain.ts';
import type { Link, RowCheck, TableRecipe, Unit } from '../generate/recipe.ts';
import { chooseGenerator } from '../generate/rules.ts';
import { commentGenerator } from '../generate/comments.ts';
import { languageGenerator } from '../generate/locales.ts';
import { matchPattern } from '../generate/pattern.ts';
import { typeGenerator } from '../generate/special-types.ts';
import type { ForeignKeyInfo, SchemaInfo, TableInfo, UniqueKey } from '../schema/model.ts';
import type { EngineConfig, TableConfig } from '../config/types.ts';
import { meanGroupSize, ruleGenerator } from '../generate/config-rules.ts';
import { ruleSite } from '../config/rule-site.ts';
import { withSchemaNames } from '../config/entity-names.ts';
import { NULL_RATE } from '../generate/table.ts';
import { fkNullRate, valueNullRate } from '../generate/null-rates.ts';
import { keyForm, partSize, type KeyForm } from '../generate/unique-forms.ts';
import { exclusionText, readExclusion, type ExclusionForm } from '../generate/exclusion-forms.ts';
import { isPlainKey } from '../schema/unique-keys.ts';
import { findRollups, type Rollup } from './rollups.ts';
import { filledTables, mirroredTables, unknowableParents, type Mirror } from './filled.ts';
import { withKeysFittingReferences } from './key-widths.ts';
import { mismatchedParents, mismatchedTables } from '../schema/fk-mismatch.ts';
import { ignoringAllTables } from '../schema/trigger-ignore.ts';
import { clockRefusedTables, pinnedClock } from './clock-checks.ts';
import { shapedByCheck } from '../generate/check-shapes.ts';
import { agreeing, findLinks, owningReference, type LinkContext } from './links.ts';
import { sharedColumnGroups, sharedValues } from './shared-columns.ts';
import { integerRange, suffixesPastPool, type Generator } from '../generate/generator.ts';
import { findCopies } from '../generate/copies.ts';
import { distinctLabels, fanOutByKind } from './table-kinds.ts';
import { planSubtypes } from './subtypes.ts';
import { missingTables, orderTables, type Edge, type EdgeMode } from './graph.ts';
import { closest } from './names.ts';
import { solveBranches } from './branches.ts';
import { solveRowChecks, timelineLengths } from './solved-checks.ts';
import { tokenize } from '../check/tokenize.ts';
import { learnColumn, learnParents } from '../learn/generators.ts';
import type { Profiles } from '../learn/profile.ts';
import { own } from '../own.ts';

// The plan: which tables, in which order, how many rows each (capped where unique keys cannot
// hold more), how every column is filled, and every warning — all before a row is written.

export const DEFAULT_ROWS = 50;

export interface PlanOptions {
  /** Rows per table unless `counts` says otherwise. */
  rows?: number;
  counts?: Record<string, number>;
  /** Restrict to these tables (their empty required parents are added). */
  tables?: string[];
  /** Rows already in each table (from the driver). */
  existing: Map<string, number>;
  /** The count is a target: seed only what is missing up to it. */
  topUp?: boolean;
  /** Rules from seedbed.config.ts (columns, perParent, exclusions, null rate). */
  config?: EngineConfig;
  /** Tables found at run time not to fill (table → why): planned with no rows (write/run.ts). */
  leftOut?: Record<string, string>;
  /** The run's clock (ms; default now): SQLite CHECKs on CURRENT_DATE / CURRENT_TIMESTAMP are met for its day. */
  now?: number;
  /** What the rows already in tables look like (learn/profile.ts): new rows follow them. */
  profiles?: Profiles;
  /** A dry run or an export: nothing is written, so keys only the database makes as it writes
   *  are known only where they can be told beforehand (plan/filled.ts foretold). */
  writesNothing?: boolean;
}

export interface TablePlan {
  name: string;
  phase: number;
  requested: number;
  count: number;
  existing: number;
  /** Column → how it is filled (generator label, `fk → parent`, `sequence`, …). */
  columns: Record<string, string>;
  warnings: string[];
  /** Why it was added when --tables did not name it. */
  addedBecause?: string;
  /** Why it cannot be filled: it gets no rows, the rest of the run goes on (SeedPlan.leftOut). */
  leftOut?: string;
  /** Not seeded: the database fills it (`trigger history_ai on messages`, an FTS rebuild). */
  filledBy?: string;
}

export interface SeedPlan {
  dialect: SchemaInfo['dialect'];
  tables: TablePlan[];
  phases: string[][];
  edges: { from: string; to: string; columns: string[]; mode: EdgeMode }[];
  skipped: SchemaInfo['skipped'];
  /** CHECKs we could not read: the database still enforces them; the plan names them. */
  unreadableChecks: { table: string; check: string; reason: string }[];
  /** CHECKs the database itself tests on candidate rows before they are written. */
  dbChecks: { table: string; check: string; reason: string }[];
  /** Totals that are the sum of a child table's lines, set once the rows are written. */
  rollups: Rollup[];
  /** Tables that cannot be filled, and why: left out, with a warning (`seed --strict` refuses). */
  leftOut: { table: string; reason: string }[];
  /** NOT NULL cycle FKs that cannot be deferred (PostgreSQL): dropped for the run and added back
   *  before COMMIT, which checks every row (drivers/pg-bulk-fks.ts). */
  cycleFks: { table: string; name: string; columns: string[]; refTable: string }[];
  /** External-content FTS indexes to rebuild once their content table is written. */
  rebuilds: string[];
  /** SQLite: tables written with foreign keys checked at once, not deferred: the parents of a key
   *  SQLite calls a "foreign key mismatch" (schema/fk-mismatch.ts), whose INSERTs prepare only so. */
  immediateKeys?: string[];
  /** Tables a trigger fills with one row per row the run writes to their source, keyed like
   *  it: their children take the source's new keys (plan/filled.ts). */
  mirrors?: Mirror[];
  warnings: string[];
  totalRows: number;
  /** Runtime-only: how each table is generated (not serialised). */
  recipes: Map<string, TableRecipe>;
  /** Runtime-only: what the plan was made from, so a worker thread can make the same plan. */
  input: { schema: SchemaInfo; options: PlanOptions };
}

export function planSeed(fullSchema: SchemaInfo, given: PlanOptions): SeedPlan {
  // A config may name tables and columns as the project's entities do (Member.fullName).
  const options = withSchemaNames(given, fullSchema);
  // A table found unfillable while planning, after tables that reference it were planned (a
  // cycle), restarts the plan with it known: the set only grows, so this ends.
  const leftOut = new Map(Object.entries(options.leftOut ?? {}));
  for (const [t, why] of fullSchema.dialect === 'sqlite' ? mismatchedTables(fullSchema.tables) : []) if (!leftOut.has(t)) leftOut.set(t, why);
  for (const [t, why] of ignoringAllTables(fullSchema)) if (!leftOut.has(t)) leftOut.set(t, why);
  for (const t of fullSchema.tables) if (t.unwritable && !leftOut.has(t.name)) leftOut.set(t.name, t.unwritable);
  for (const [t, why] of fullSchema.dialect === 'sqlite' ? clockRefusedTables(fullSchema.tables) : []) if (!leftOut.has(t)) leftOut.set(t, why);
  if (options.writesNothing) for (const [t, why] of unknowableParents(fullSchema)) if (!leftOut.has(t)) leftOut.set(t, why);
  for (;;) {
    const size = leftOut.size;
    const plan = planOnce(fullSchema, options, leftOut);
    if (plan) return plan;
    if (leftOut.size === size) throw new Error('planning did not settle'); // cannot happen: a restart adds a table
  }
}

/** The plan, or undefined when a table turned out unfillable after its dependents were planned. */
function planOnce(fullSchema: SchemaInfo, options: PlanOptions, leftOut: Map<string, string>): SeedPlan | undefined {
  const schema = withKeysFittingReferences(withoutImpliedTo(withoutExcluded(fullSchema, options.config?.exclude), (t) => leftOut.has(t)));
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  const selected = selectTables(schema, options, byName);
  const after = Object.entries(options.config?.tables ?? {}).flatMap(([child, t]) => (t?.after ?? []).map((parent) => ({ child, parent })));
  const filled = filledTables(schema);
  // Tables a trigger fills with a row per source row, keyed like it: after their source.
  const mirrors = mirroredTables(schema, filled).filter((m) => selected.has(m.table) && selected.has(m.source) && !leftOut.has(m.source));
  const ordering = orderTables([...selected.keys()].map((n) => byName.get(n)!), [...after, ...mirrors.map((m) => ({ child: m.table, parent: m.source }))],
    new Set([...selected.keys()].flatMap((n) => [...ownChildPointers(byName.get(n)!, byName)])));
  /** The rows a mirror gets in the run: one per row its source gets. */
  const mirrorRows = (m: Mirror) => Math.max(0, (finalRows.get(m.source) ?? 0) - (options.existing.get(m.source) ?? 0));
  // NOT NULL cycle edges that cannot be deferred: SQLite defers every FK (PRAGMA
  // defer_foreign_keys); on PostgreSQL the constraint is dropped for the run and added back.
  const cycleFks: SeedPlan['cycleFks'] = ordering.blocked.map((e) => ({ table: e.child, name: e.fk.name, columns: e.fk.columns, refTable: e.parent }));
  const edgeMode = new Map<string, EdgeMode>();
  for (const e of ordering.edges) edgeMode.set(fkKey(e.child, e.fk.columns), e.mode);

  const finalRows = new Map<string, number>(); // existing + planned, for FK domains
  for (const t of schema.tables) finalRows.set(t.name, options.existing.get(t.name) ?? 0);
  const tables: TablePlan[] = [];
  const recipes = new Map<string, TableRecipe>();
  const unreadableChecks: SeedPlan['unreadableChecks'] = [];
  const dbChecks: SeedPlan['dbChecks'] = [];
  const phaseOf = new Map<string, number>();
  // Columns two FKs of a row share: where their values start, one list for all (plan/shared-columns.ts).
  const sharedGroups = sharedColumnGroups(byName);
  const sharedLists = new Map<string, Generator>();
  const shared = sharedGroups.size ? (t: string, c: string, gen: Generator) => {
    const group = sharedGroups.get(`${t}\u0000${c}`);
    if (group === undefined) return gen;
    let list = sharedLists.get(group);
    if (!list) sharedLists.set(group, list = sharedValues(group, gen));
    return list;
  } : undefined;
  const links = { tables: byName, triggers: schema.triggers ?? [], edgeMode: (t: string, cols: string[]) => edgeMode.get(fkKey(t, cols)), shared, clock: schema.dialect === 'sqlite' ? options.now ?? Date.now() : undefined };
  ordering.phases.forEach((p, i) => p.forEach((n) => phaseOf.set(n, i + 1)));

  // Planned counts of parents must be known before children's caps: walk in order, but
  // deferred/fill-after parents come later, so give every table its requested count first.
  for (const name of ordering.order) {
    const have = options.existing.get(name) ?? 0;
    if (filled.has(name)) {
      // What the database puts there is not known before the run, but for a mirror: a row per source row.
      const m = mirrors.find((x) => x.table === name);
      if (m) finalRows.set(name, have + mirrorRows(m));
      continue;
    }
    finalRows.set(name, leftOut.has(name) ? have : options.topUp ? Math.max(have, requestedFor(name, options)) : have + requestedFor(name, options));
  }

  const referenced = new Set(schema.tables.flatMap((t) => t.foreignKeys.filter((f) => f.refTable !== t.name).map((f) => f.refTable)));
  const planned = new Set<string>();
  const known = new Set(leftOut.keys());
  const missing = missingTables(fullSchema);
  for (const name of ordering.order) {
    const table = byName.get(name)!;
    const existing = options.existing.get(name) ?? 0;
    const filledBy = filled.get(name)?.text;
    const requested = filledBy ? 0 : options.topUp ? Math.max(0, requestedFor(name, options) - existing) : requestedFor(name, options);
    const warnings: string[] = [];
    const built = leftOut.has(name) ? undefined : recipeOrReason(table, edgeMode, finalRows, options.config, { ...links, profile: own(options.profiles, name), existing: options.existing, adding: requested });
    const reason = leftOut.get(name) ?? (built && 'reason' in built ? built.reason
      : requested > 0 ? cannotFill(built!.recipe, leftOut, options.existing, missing) : undefined);
    if (reason !== undefined) {
      leftOut.set(name, reason);
      finalRows.set(name, existing);
      // Tables planned already (through a cycle) counted on its rows: plan again.
      if (!known.has(name) && schema.tables.some((t) => planned.has(t.name) && t.foreignKeys.some((f) => f.refTable === name && t.name !== name))) return undefined;
      tables.push({ name, phase: phaseOf.get(name)!, requested, count: 0, existing, columns: {}, warnings: [`cannot fill: ${reason}; left out`], addedBecause: selected.get(name) ?? undefined, leftOut: reason });
      planned.add(name);
      continue;
    }
    const { recipe, checks } = built as { recipe: TableRecipe; checks: { check: string; reason: string }[] };
    // A nullable pointer at the table this one's insert trigger gives a row per row (a user's
    // profile_id; the profile made with the user): that row does not exist when this one is
    // written, and pointing at another row's would break the pair. NULL, for a trigger to set.
    // (A unique one was made a sampled combination, never NULL: it is NULLs now.)
    const ownMirror = recipe.units.filter((u, i) => u.kind === 'fk' && u.fk!.nullable && !u.rule && mirrors.some((m) => m.table === u.fk!.refTable && m.source === name)
      && (!recipe.comboKey?.units.includes(i) || recipe.comboKey.units.length === 1));
    for (const u of ownMirror) {
      u.nullable = true;
      u.nullRate = 1;
      if (recipe.comboKey?.units.includes(recipe.units.indexOf(u))) recipe.comboKey = undefined;
    }
    unreadableChecks.push(...checks.map((c) => ({ table: name, ...c })));
    for (const c of recipe.dbChecks ?? []) dbChecks.push({ table: name, check: c.text, reason: c.reason });
    let count = requested;
    // A top-up of a table already at its cap is simply full: no warning.
    const capped = (free: number, why: string) => {
      if (!(options.topUp && free === 0 && existing > 0)) warnings.push(`capped at ${plural(free, 'row')} (asked ${count}): ${why}`);
      count = free;
    };
    for (const u of recipe.units) {
      if (u.kind === 'fk' && !u.nullable && u.domainSize === 0) {
        count = 0;
        const by = filled.get(u.fk!.refTable);
        warnings.push(by ? `no rows: required parent ${u.fk!.refTable} gets its rows from ${by.text} only as the run writes, so none exist to point at yet (seed again afterwards to fill ${name})` : `no rows: required parent ${u.fk!.refTable} has no rows`);
      }
    }
    // A pool of texts with suffixes goes on past its end (write/generate-run.ts distinctKeys).
    const key = recipe.units.find((u) => u.kind === 'key' && u.domainSize !== undefined && !suffixesPastPool(u.gen));
    if (key && count > Math.max(0, key.domainSize! - existing)) {
      const free = Math.max(0, key.domainSize! - existing);
      capped(free, `primary key ${key.columns[0]} can take only ${plural(key.domainSize!, 'value')}${existing ? `, ${existing} already used` : ''}`);
    }
    // A sequence in a fixed-width integer (a smallint key) runs out at the type's largest value.
    const seq = recipe.units.find((u) => u.kind === 'sequence');
    const seqMax = seq && table.columns.find((c) => c.name === seq.columns[0])?.maxValue;
    if (seq && seqMax !== undefined) {
      const room = Math.max(0, seqMax - (seq.start ?? 1) + 1 - existing);
      if (count > room) {
        capped(room, `primary key ${seq.columns[0]} (${table.columns.find((c) => c.name === seq.columns[0])!.type}) holds at most ${seqMax}`);
      }
    }
    // A combination key too small for the rows asked, with an integer that may go on: it does.
    const widen = recipe.comboKey?.widen;
    if (widen && count > recipe.comboKey!.size - existing) {
      const u = recipe.units[widen.unit];
      const [min] = u.gen!.range!;
      const others = recipe.comboKey!.size / u.domainSize!;
      const n = Math.min(widen.max - min + 1, Math.ceil(((count + existing) * 1.1) / others) + 1);
      if (n > u.domainSize!) {
        u.gen = integerRange(u.gen!.label, min, min + n - 1);
        u.domainSize = n;
        recipe.comboKey!.size = others * n;
      }
    }
    // Existing rows already use some combinations (a unique key holds each at most once).
    const free = recipe.comboKey ? Math.max(0, recipe.comboKey.size - existing) : Infinity;
    if (recipe.comboKey && count > free) {
      const cols = recipe.comboKey.units.flatMap((i) => recipe.units[i].columns).join(', ');
      capped(free, `unique (${cols}) has only ${plural(recipe.comboKey.size, 'distinct combination')}${existing ? `, ${existing} already used` : ''}`);
    }
    // A full key on expressions over columns of a few values each holds at most their product
    // (lower(code) over 5 codes: 5 rows); a partial one never caps (rows may stay outside it).
    recipe.keyForms?.forEach((f, k) => {
      if (!f || f.predicate) return;
      // Parts of few values by their shape: `((version IS NOT NULL))` holds one row.
      const unitOf = (c: string) => recipe.units.find((u) => u.columns.some((x) => x.toLowerCase() === c.toLowerCase()));
      const shaped = f.approximate || f.parts.every((p) => p.kind === 'col') ? undefined : f.parts.map((p) => partSize(p, (c) => unitOf(c)?.nullable === false,
        (c) => { const u = unitOf(c); return u && !u.rule && !u.gen?.disambiguate ? u.domainSize : undefined; }));
      if (shaped?.every((n) => n !== undefined)) {
        const size = shaped.reduce((a, n) => a! * n!, 1)!;
        if (count > size - existing) capped(Math.max(0, size - existing), `unique ${f.text} has at most ${plural(size, 'distinct value')}${existing ? `, ${plural(existing, 'row')} already` : ''}`);
        return;
      }
      const us = [...new Set(recipe.uniqueKeys[k].map((c) => recipe.units.findIndex((u) => u.columns.includes(c))))].map((i) => recipe.units[i]);
      if (!us.length || us.some((u) => !u || u.nullable || u.rule || u.domainSize === undefined || u.gen?.disambiguate)) return;
      const size = us.reduce((a, u) => a * u.domainSize!, 1);
      if (count > size - existing) {
        capped(Math.max(0, size - existing), `unique ${f.text} has at most ${plural(size, 'distinct value')}${existing ? `, ${plural(existing, 'row')} already` : ''}`);
      }
    });
    // perParent decides the count per parent row; the plan shows the expected total.
    if (recipe.grouped !== undefined) {
      const u = recipe.units[recipe.grouped];
      const mean = meanGroupSize(u.perParent!);
      if (mean !== undefined) count = Math.round((u.domainSize ?? 0) * mean);
      warnings.push(`rows per ${u.fk!.refTable} row set by perParent (${count} expected)`);
    }
    const mirror = filledBy ? mirrors.find((m) => m.table === name) : undefined;
    // A mirror gets a row for each row its source gets.
    finalRows.set(name, existing + (mirror ? mirrorRows(mirror) : count));
    const columns: Record<string, string> = {};
    recipe.units.forEach((u, i) => {
      for (const c of u.columns) columns[c] = describeUnit(u, recipe.links?.find((l) => l.target === i));
    });
    for (const u of ownMirror) for (const c of u.columns) columns[c] = `NULL (its ${u.fk!.refTable} row is made by ${filled.get(u.fk!.refTable)!.text} as this row is written)`;
    for (const f of recipe.exclusions ?? []) for (const c of f.placed) columns[c] += ` (laid out ${f.groupColumns.length ? `per ${f.groupColumns.join(', ')}` : 'over the table'}: EXCLUDE ${f.name})`;
    if (filledBy) for (const c of Object.keys(columns)) columns[c] = `filled by ${filledBy}`;
    tables.push({ name, phase: phaseOf.get(name)!, requested, count, existing, columns, warnings, addedBecause: selected.get(name) ?? undefined, ...(filledBy ? { filledBy } : {}) });
    // Values copied from parent rows (billing_city ← customers.city): parents are planned first.
    const copies = findCopies(recipe, (t) => recipes.get(t));
    if (copies.length) recipe.copies = copies;
    // Children spread by what the tables are (lookups steep, lines of an order near even); a
    // parent's label without repeats.
    fanOutByKind(recipe, count, (t) => byName.get(t), (t) => finalRows.get(t) ?? 0);
    if (referenced.has(name)) distinctLabels(recipe);
    recipes.set(name, recipe);
    planned.add(name);
  }
  // Sibling subtype tables (a table per type) share their parent's rows out (plan/subtypes.ts).
  const subtypes = planSubtypes(recipes, (t) => tables.find((x) => x.name === t)?.count ?? 0, (t) => byName.get(t), (t) => finalRows.get(t) ?? 0);
  for (const s of subtypes) {
    const t = tables.find((x) => x.name === s.table)!;
    for (const c of s.columns) t.columns[c] += ` (${s.note})`;
    if (s.count !== undefined) t.count = s.count;
  }
  const warnings = tables.flatMap((t) => t.warnings.map((w) => `${t.name}: ${w}`));
  for (const u of unreadableChecks) warnings.push(`${u.table}: CHECK (${sqlText(u.check)}) not understood (${u.reason}); checked by the database`);
  // Where the project's entities and the database disagree (schema/entities.ts).
  if (schema.entityWarnings) warnings.push(...schema.entityWarnings);
  const immediateKeys = schema.dialect === 'sqlite' ? mismatchedParents(schema.tables) : [];
  return {
    dialect: schema.dialect,
    tables,
    phases: ordering.phases,
    edges: ordering.edges.map((e: Edge) => ({ from: e.child, to: e.parent, columns: e.fk.columns, mode: e.mode })),
    skipped: schema.skipped,
    unreadableChecks,
    dbChecks,
    rollups: findRollups(recipes, new Set(tables.filter((t) => t.count > 0).map((t) => t.name))),
    leftOut: tables.filter((t) => t.leftOut !== undefined).map((t) => ({ table: t.name, reason: t.leftOut! })),
    // Only the edges of tables that are filled.
    cycleFks: cycleFks.filter((f) => !leftOut.has(f.table) && !leftOut.has(f.refTable)),
    mirrors: mirrors.filter((m) => tables.some((t) => t.name === m.source && t.count > 0)),
    ...(immediateKeys.length ? { immediateKeys } : {}),
    rebuilds: tables.filter((t) => filled.get(t.name)?.how === 'rebuild' && tables.some((s) => s.count > 0 && filled.get(t.name)!.sources.includes(s.name))).map((t) => t.name),
    warnings,
    totalRows: tables.reduce((a, t) => a + t.count, 0),
    recipes,
    input: { schema, options },
  };
}

/** The recipe of a table, or why it cannot be filled (a CHECK no value satisfies). */
function recipeOrReason(table: TableInfo, edgeMode: Map<string, EdgeMode>, finalRows: Map<string, number>, config: EngineConfig | undefined, links: LinkSchema) {
  try {
    return buildRecipe(table, edgeMode, finalRows, config, links);
  } catch (e) {
    if (e instanceof SeedbedError && e.code === 'UNSATISFIABLE') return { reason: reasonOf(e.message) };
    throw e;
  }
}

/** A run-time or plan-time error as the reason a table is left out: one sentence. */
export function reasonOf(message: string): string {
  return message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}

/** Why a table with a usable recipe still cannot get rows: a required parent that cannot be filled
 *  and has no rows, or a unique key with no value at all. */
function cannotFill(recipe: TableRecipe, leftOut: Map<string, string>, existing: Map<string, number>, missing: Set<string>): string | undefined {
  for (const u of recipe.units) {
    if (u.kind === 'fk' && missing.has(u.fk!.refTable)) return `references ${u.fk!.refTable}, which does not exist`;
    if (u.kind !== 'fk' || u.nullable || !leftOut.has(u.fk!.refTable) || (existing.get(u.fk!.refTable) ?? 0) > 0) continue;
    return `its required parent ${u.fk!.refTable} (${u.columns.join(', ')} NOT NULL) cannot be filled`;
  }
  // A required parent with no rows that is not in the run (excluded, or sized 0 on purpose): a
  // plain warning below, as before.
  if (recipe.units.some((u) => u.kind === 'fk' && !u.nullable && u.domainSize === 0)) return undefined;
  const key = recipe.units.find((u) => u.kind === 'key' && u.domainSize === 0);
  if (key) return `primary key ${key.columns[0]} can take no value`;
  if (recipe.comboKey?.size === 0) return `unique (${recipe.comboKey.units.flatMap((i) => recipe.units[i].columns).join(', ')}) has no possible combination`;
  return undefined;
}

/** Tables the config excludes are skipped like bookkeeping tables. */
function withoutExcluded(schema: SchemaInfo, exclude: string[] | undefined): SchemaInfo {
  if (!exclude?.length) return schema;
  const out = new Set(exclude);
  return {
    ...schema,
    tables: schema.tables.filter((t) => !out.has(t.name)),
    skipped: [...schema.skipped, ...schema.tables.filter((t) => out.has(t.name)).map((t) => ({ name: t.name, reason: 'excluded by the config' }))],
  };
}

/** Rows the options ask for, before the plan caps or adds anything: enough to decide early
 *  whether a run is large. */
export function requestedRows(schema: SchemaInfo, options: PlanOptions): number {
  const names = options.tables?.length ? options.tables : schema.tables.map((t) => t.name);
  return names.reduce((sum, name) => sum + requestedFor(name, options), 0);
}

/** Whether a table may get rows from these options (named or not filtered; below its target
 *  for a top-up), before the plan adds required parents or caps anything. */
export function wantsRows(name: string, options: Omit<PlanOptions, 'existing'> & { existing: Map<string, number> }): boolean {
  if (options.tables?.length && !options.tables.includes(name)) return false;
  if (options.config?.exclude?.includes(name)) return false;
  const n = own(options.counts, name) ?? options.rows ?? DEFAULT_ROWS;
  return options.topUp ? n > (options.existing.get(name) ?? 0) : n > 0;
}

function requestedFor(name: string, options: PlanOptions): number {
  const n = own(options.counts, name) ?? options.rows ?? DEFAULT_ROWS;
  if (!Number.isInteger(n) || n < 0) {
    throw new SeedbedError('BAD_COUNT', `Row count for ${name} must be a whole number >= 0 (got ${n}).`, { fix: 'Pass --rows N with N >= 0.' });
  }
  return n;
}

/** Selected tables → why each was added (null: asked for / all). */
function selectTables(schema: SchemaInfo, options: PlanOptions, byName: Map<string, TableInfo>): Map<string, string | null> {
  const out = new Map<string, string | null>();
  if (!options.tables?.length) {
    for (const t of schema.tables) out.set(t.name, null);
    return out;
  }
  for (const n of options.tables) {
    if (!byName.has(n)) {
      const skipped = schema.skipped.find((s) => s.name === n);
      const near = closest(n, [...byName.keys()]);
      throw new SeedbedError('UNKNOWN_TABLE',
        skipped ? `Table "${n}" is not seeded: ${skipped.reason}.` : `Unknown table "${n}".`,
        { fix: near.length ? `Did you mean ${near.map((x) => `"${x}"`).join(', ')}? Run \`seedbed schema\` to list tables.` : 'Run `seedbed schema` to list the tables.' });
    }
    out.set(n, null);
  }
  // Required parents with no rows must be seeded too, or the children cannot be.
  const queue = [...out.keys()];
  while (queue.length) {
    const t = byName.get(queue.shift()!)!;
    for (const fk of t.foreignKeys) {
      // A key that is the primary key is required even where SQLite lets a TEXT key be NULL.
      const required = !fk.nullable || fk.columns.every((c) => t.primaryKey.includes(c));
      if (!required || out.has(fk.refTable) || !byName.has(fk.refTable)) continue;
      if ((options.existing.get(fk.refTable) ?? 0) > 0) continue;
      out.set(fk.refTable, `${t.name}.${fk.columns.join(', ')} needs rows in it`);
      queue.push(fk.refTable);
    }
  }
  return out;
}

/** Foreign keys that point a row at one of its own children: the row's whole primary key plus a
 *  pointer, to a table whose rows reference this one by the columns the key meets (a workflow's
 *  `(id, active_revision_id) → workflow_revisions (workflow_id, id)`, a user's default address). */
export function ownChildPointers(table: TableInfo, tables: Map<string, TableInfo>): Set<ForeignKeyInfo> {
  const out = new Set<ForeignKeyInfo>();
  const pk = table.primaryKey;
  if (!pk.length) return out;
  for (const f of table.foreignKeys) {
    if (f.refTable === table.name || f.columns.length <= pk.length || !pk.every((c) => f.columns.includes(c))) continue;
    // The pointer may be NULL (no child yet): then the key is not checked (MATCH SIMPLE).
    if (!f.columns.filter((c) => !pk.includes(c)).every((c) => table.columns.find((x) => x.name === c)?.nullable)) continue;
    const back = pk.map((c) => f.refColumns[f.columns.indexOf(c)]);
    const child = tables.get(f.refTable);
    if (child?.foreignKeys.some((g) => g.refTable === table.name && g.columns.length === back.length
      && back.every((c, i) => g.columns[g.refColumns.indexOf(pk[i])] === c))) out.add(f);
  }
  return out;
}

export function fkKey(table: string, columns: string[]): string {
  return `${table}\u0000${columns.join('\u0000')}`;
}

function describeUnit(u: Unit, link?: Link): string {
  if (link) return `${u.kind === 'fk' ? `→ ${u.fk!.refTable}.${u.fk!.refColumns.join(', ')}, ` : ''}${link.source}`;
  switch (u.kind) {
    case 'sequence': return 'sequence';
    case 'key': return `key (${u.gen!.label})`;
    case 'fk': return `→ ${u.fk!.refTable}.${u.fk!.refColumns.join(', ')}${u.fk!.implied ? ` (${undeclaredHow(u.fk!)})` : ''}${u.mode === 'fill-after' ? ' (filled after the cycle)' : u.mode === 'deferred' ? ' (checked at commit)' : ''}${agreeing(u)}`;
    case 'self': return `→ ${u.fk!.refTable} (tree)`;
    default: return u.learned ? `${u.gen!.label} (learned)` : u.gen!.label;
  }
}

type LinkSchema = Omit<LinkContext, 'table' | 'units' | 'fixed'> & {
  /** A column's generator, or the list it shares with other tables (plan/shared-columns.ts). */
  shared?: (table: string, column: string, gen: Generator) => Generator;
  /** The table's existing rows (learn/), rows per table before the run, rows this run adds. */
  profile?: Profiles[string];
  existing?: Map<string, number>;
  adding?: number;
  /** SQLite: the run's clock (ms), which CHECKs on CURRENT_DATE / CURRENT_TIMESTAMP are met for (clock-checks.ts). */
  clock?: number;
};

function buildRecipe(table: TableInfo, edgeMode: Map<string, EdgeMode>, finalRows: Map<string, number>, config: EngineConfig | undefined, linkSchema: LinkSchema) {
  const tcfg: TableConfig<any, string> | undefined = own(config?.tables, table.name);
  const configNull = config?.nullRate;
  const ruleOf = (c: string) => {
    const rule = tcfg?.columns?.[c];
    return rule === undefined ? undefined : ruleGenerator(rule as never, table.name, c, { column: table.columns.find((x) => x.name === c), site: () => ruleSite(config, table.name, c), locale: config?.locale });
  };
  // CHECKs: parse each; single-column parts become generator hints, the rest is tested per row.
  const parsed: Expr[] = [];
  const parsedText: string[] = [];
  const unreadable: { check: string; reason: string }[] = [];
  // Conditions a trigger tests against other tables: the database judges each candidate row.
  const byDatabase = table.checks.filter((c) => c.database);
  for (const c of table.checks) {
    if (c.database) continue;
    try {
      const e = parseCheck(c.expression);
      // A CHECK on CURRENT_DATE / CURRENT_TIMESTAMP (SQLite): tested at the run's day and two days on.
      for (const x of (linkSchema.clock !== undefined ? pinnedClock(e, linkSchema.clock) : undefined) ?? [e]) {
        parsed.push(x);
        parsedText.push(c.expression);
      }
    } catch (e) {
      unreadable.push({ check: c.expression, reason: (e as Error).message });
    }
  }
  const hints = deriveHints(parsed);
  const writable = table.columns.filter((c) => !c.generated);
  const units: Unit[] = [];
  const covered = new Set<string>();
  const pk = table.primaryKey;
  const pointers = ownChildPointers(table, linkSchema.tables);
  // A pointer to one of the row's own children does not fill the row's key: the key is the row's.
  const fkCols = new Set(table.foreignKeys.filter((f) => !pointers.has(f)).flatMap((f) => f.columns));
  const uniqueCols = new Set([...pk, ...table.uniques.flatMap((u) => u.columns)]);
  for (const col of writable) {
    if (covered.has(col.name)) continue;
    const holding = table.foreignKeys.filter((f) => f.columns.includes(col.name) && !(pointers.has(f) && pk.includes(col.name)));
    const fk = holding.length > 1 ? owningReference(table, holding, linkSchema.tables) : holding[0];
    if (fk) {
      const self = fk.refTable === table.name;
      // A config function on a single-column FK picks the parent itself (e.g. from a lookup).
      const rule = fk.columns.length === 1 ? ruleOf(fk.columns[0]) : undefined;
      const perParent = fk.columns.map((c) => tcfg?.perParent?.[c]).find((x) => x !== undefined);
      const fanOut = fk.columns.map((c) => tcfg?.fanOut?.[c]).find((x) => x !== undefined) ?? config?.fanOut;
      // Columns an earlier FK of the row already fills (a tenant column in two composite FKs):
      // this one takes a parent that agrees with them and fills only its other columns.
      const mode = edgeMode.get(fkKey(table.name, fk.columns)) ?? 'direct';
      // A pointer to one of the row's own children, filled after them: a child of this row.
      const shared = mode === 'direct' || self || (pointers.has(fk) && mode === 'fill-after') ? fk.columns.filter((c) => covered.has(c)) : [];
      const own = shared.length ? fk.columns.filter((c) => !covered.has(c)) : fk.columns.slice();
      const unit: Unit = {
        kind: self ? 'self' : 'fk',
        columns: own,
        // A CHECK (col IS NOT NULL) on a nullable FK column makes the reference required.
        nullable: shared.length
          ? own.every((c) => (table.columns.find((x) => x.name === c)?.nullable ?? true) && !hints.columns.get(c.toLowerCase())?.notNull)
          : fk.nullable && !fk.columns.some((c) => hints.columns.get(c.toLowerCase())?.notNull),
        ...(shared.length ? { shared } : {}),
        fk,
        mode,
        domainSize: self ? undefined : finalRows.get(fk.refTable) ?? 0,
        rule: rule?.gen,
        // A function decides its own NULLs; only an explicit nullRate adds more.
        nullRate: rule?.nullRate ?? (rule?.gen ? 0 : configNull ?? (self ? undefined : fkNullRate(fk.columns)) ?? NULL_RATE),
        perParent: (shared.length ? undefined : perParent) as Unit['perParent'],
        fanOut,
      };
      // A composite self-reference with NOT NULL columns beside nullable ones (a tree within a
      // tenant: (tenant_id, parent_id) → (tenant_id, id)): roots are NULL only where they may be.
      if (self && !shared.length && !fk.nullable && fk.columns.length > 1) {
        const cols = fk.columns.map((c) => table.columns.find((x) => x.name === c)!);
        if (cols.some((c) => c.nullable)) {
          unit.rootGens = cols.map((c) => {
            if (c.nullable) return undefined;
            const g = constrainOrExplain(table, c, hints.columns.get(c.name.toLowerCase()));
            return linkSchema.shared?.(table.name, c.name, g) ?? g;
          });
        }
      }
      // How the existing rows spread over their parents (below perParent, fanOut and functions).
      const learned = self || rule || shared.length || perParent !== undefined || fk.columns.length !== 1 || !linkSchema.profile ? undefined : learnParents({
        profile: linkSchema.profile, column: table.columns.find((c) => c.name === fk.columns[0])!, parent: fk.refTable,
        parentsBefore: linkSchema.existing?.get(fk.refTable) ?? 0, parentsAfter: finalRows.get(fk.refTable) ?? 0,
        adding: linkSchema.adding ?? 0, baseNullRate: unit.nullRate ?? NULL_RATE,
      });
      if (learned) {
        if (learned.choice && fanOut === undefined) unit.parents = learned.choice;
        if (learned.fanOut !== undefined && fanOut === undefined) unit.fanOut = learned.fanOut;
        if (learned.nullRate !== undefined && configNull === undefined) unit.nullRate = learned.nullRate;
        unit.learned = { note: learned.note, values: false, ...((learned.fanOut !== undefined || learned.choice) && fanOut === undefined ? { fanOut: true } : {}) };
      }
      units.push(unit);
      fk.columns.forEach((c) => covered.add(c));
      continue;
    }
    const hint = hints.columns.get(col.name.toLowerCase());
    const rule = ruleOf(col.name);
    const base = rule?.gen ?? constrainOrExplain(table, col, hint);
    const gen = rule || !linkSchema.shared ? base : linkSchema.shared(table.name, col.name, base);
    const isPk = pk.length === 1 && pk[0] === col.name && !fkCols.has(col.name);
    // A plain integer key counts up from max(existing) + 1; a bounded one is drawn from its range.
    const bounded = hint?.oneOf || hint?.max !== undefined || hint?.notIn;
    if (isPk && (col.kind === 'integer' || col.kind === 'bigint') && !bounded) {
      units.push({ kind: 'sequence', columns: [col.name], nullable: false, start: hint?.min !== undefined ? Math.ceil(hint.min + (hint.minExclusive ? 1e-9 : 0)) : undefined });
    } else if (isPk) {
      units.push({ kind: 'key', columns: [col.name], nullable: false, gen, domainSize: gen.domainSize });
    } else {
      const notNull = !col.nullable || hint?.notNull === true;
      const nullRate = rule?.nullRate ?? (rule?.gen?.label === 'config.function' ? 0 : configNull ?? gen.nullRate ?? valueNullRate(table, col) ?? NULL_RATE);
      // Rows already in the table: a source of rules below the config, above the naming rules.
      const learned = rule || !linkSchema.profile ? undefined : learnColumn({
        column: col, profile: linkSchema.profile, base: gen, baseNullRate: nullRate, unique: uniqueCols.has(col.name),
        allowed: hint?.oneOf?.filter((v) => v !== null) ?? col.enumValues,
      });
      const g = learned?.gen ?? gen;
      units.push({
        kind: 'value', columns: [col.name], nullable: !notNull, gen: g, domainSize: g.domainSize,
        nullRate: learned?.nullRate !== undefined && configNull === undefined ? learned.nullRate : nullRate,
        rule: rule?.gen?.label === 'config.function' ? gen : undefined, ...(learned ? { learned: { note: learned.note, values: learned.values } } : {}),
      });
    }
    covered.add(col.name);
  }
  const unitOf = (c: string) => units.findIndex((u) => u.columns.includes(c));
  // An integer whose CHECK or type bounds hold no more values than its generator's domain: stepping
  // to the next free value cannot help, so its key is capped (a rating 1–5 gives 5 rows).
  const integerCapped = (u: Unit) => {
    const col = u.columns.length === 1 ? table.columns.find((c) => c.name === u.columns[0]) : undefined;
    if (!col || (col.kind !== 'integer' && col.kind !== 'bigint') || u.domainSize === undefined) return false;
    const [lo, hi] = integerBounds(col, hints.columns.get(col.name.toLowerCase()));
    return hi - lo + 1 <= u.domainSize;
  };
  // Two parents a trigger requires to agree (a collection item's collection and item are in one
  // library): the later unit takes a parent that agrees with the earlier one's (Unit.agree).
  for (const t of linkSchema.triggers) {
    if (t.table !== table.name || !t.agreements || !t.events.includes('insert')) continue;
    for (const a of t.agreements) {
      const at = (s: typeof a.left) => units.findIndex((u) => u.kind === 'fk' && !u.rule && !u.shared && u.perParent === undefined && u.columns.length === 1 && u.columns[0] === s.via && u.fk!.refTable === s.refTable);
      const [li, ri] = [at(a.left), at(a.right)];
      if (li < 0 || ri < 0 || units[li].agree || units[ri].agree) continue;
      const [first, second] = li < ri ? [a.left, a.right] : [a.right, a.left];
      const [fi, si] = li < ri ? [li, ri] : [ri, li];
      for (const [u, c] of [[units[fi], first.refColumn], [units[si], second.refColumn]] as const) if (!(u.carry ??= []).includes(c)) u.carry.push(c);
      units[si].agree = { unit: fi, column: first.refColumn, own: second.refColumn, trigger: t.name, via: first.via };
    }
  }
  // Parents a trigger refuses the row for (an API key of a deleted user): never taken (Unit.refuse).
  for (const t of linkSchema.triggers) {
    if (t.table !== table.name || !t.parentConditions || !t.events.includes('insert')) continue;
    for (const c of t.parentConditions) {
      const u = units.find((x) => x.kind === 'fk' && !x.rule && x.columns.length === 1 && x.columns[0] === c.via && x.fk!.refTable === c.refTable);
      const parent = linkSchema.tables.get(c.refTable);
      let expr: Expr;
      try { expr = parseCheck(c.condition); } catch { continue; }
      const cols = referencedColumns(expr).map((n) => parent?.columns.find((x) => x.name.toLowerCase() === n.toLowerCase())?.name);
      if (!u || !cols.length || cols.some((n) => n === undefined)) continue;
      for (const n of cols as string[]) if (!(u.carry ??= []).includes(n)) u.carry.push(n);
      (u.refuse ??= []).push({ expr, condition: c.condition, trigger: t.name });
    }
  }
  // A lone unique integer whose bounds hold no more values than the rows asked for (a ratings
  // table: rating UNIQUE CHECK (rating > -1 AND rating < 11)) is a list of those values: each
  // once, the table capped there, never NULL for want of values. (Two values or fewer: a flag,
  // left as it was.)
  for (const uq of table.uniques) {
    if (uq.columns.length !== 1 || !isPlainKey(uq) || uq.nullsNotDistinct) continue;
    const u = units.find((x) => x.kind === 'value' && !x.rule && x.columns[0] === uq.columns[0]);
    const col = u && table.columns.find((c) => c.name === u.columns[0]);
    if (!u || !col || (col.kind !== 'integer' && col.kind !== 'bigint')) continue;
    const [lo, hi] = integerBounds(col, hints.columns.get(col.name.toLowerCase()));
    const n = hi - lo + 1;
    if (n < 3 || n > (finalRows.get(table.name) ?? 0)) continue;
    u.gen = integerRange(u.gen!.label, lo, hi);
    u.domainSize = n;
    u.nullable = false;
  }
  // Unique keys: the PK (unless a sequence/key unit already makes it unique) and every UNIQUE.
  // Keys on expressions or partial ones (a form) are kept distinct row by row, never sampled as
  // combinations: their columns do not bound how many rows fit (a partial index on is_default
  // allows any number of rows outside it).
  const keys: { columns: string[]; form?: KeyForm }[] = [];
  if (pk.length && !units.some((u) => (u.kind === 'sequence' || u.kind === 'key') && u.columns[0] === pk[0] && pk.length === 1)) keys.push({ columns: pk });
  // EXCLUDE constraints: `=` only is a unique key; `=` and a range's `&&` a timeline per group.
  const excl = table.exclusions ? readExclusions(table, units, tcfg) : undefined;
  for (const u of [...table.uniques, ...(excl?.keys ?? [])]) {
    const form = keyForm(u, table);
    if (form && !(isPlainKey(u) && form.nullsNotDistinct && form.parts.every((p) => p.kind === 'col'))) { keys.push({ columns: u.columns, form }); continue; }
    const same = keys.find((k) => !k.form?.parts.some((p) => p.kind !== 'col') && !k.form?.predicate && sameSet(k.columns, u.columns));
    if (!same) keys.push({ columns: u.columns, form });
    else if (form && !same.form) same.form = form; // NULLS NOT DISTINCT is the stricter of the two
  }
  let comboKey: TableRecipe['comboKey'];
  let comboForm: KeyForm | undefined;
  const uniqueKeys: string[][] = [];
  const keyForms: (KeyForm | undefined)[] = [];
  const pushKey = (columns: string[], form: KeyForm | undefined) => { uniqueKeys.push(columns); keyForms.push(form); };
  for (const k of keys) {
    const us = [...new Set(k.columns.map(unitOf))].filter((i) => i >= 0);
    const sizes = us.map((i) => units[i].domainSize);
    // Units filled by a config function choose their own values: never sampled as combinations.
    // A lone column that can step past its domain (a date) keeps doing so rather than be capped.
    const open = us.length === 1 && units[us[0]].gen?.disambiguate !== undefined && !integerCapped(units[us[0]]);
    // Columns an exclusion's timeline writes are set after the row's other values: never sampled.
    const sampled = (!k.form || (k.form.nullsNotDistinct && !k.form.predicate && k.form.parts.every((p) => p.kind === 'col'))) && !(excl?.forms.length && k.columns.some((c) => excl.forms.some((f) => f.placed.includes(c))));
    // A nullable FK to a table with no rows (its parent left out of --tables, or empty) is NULL
    // in every row, as the key allows: a combination of it would have no values at all (the
    // table got none: 'required parent … has no rows' of a parent it never required).
    const parentless = !k.form?.nullsNotDistinct && us.some((i) => units[i].kind === 'fk' && units[i].nullable && units[i].domainSize === 0);
    if (sampled && !parentless && us.length && !open && sizes.every((s) => s !== undefined) && us.every((i) => units[i].kind !== 'key' && !units[i].rule && !units[i].shared && !units[i].agree)) {
      const size = sizes.reduce((a, b) => a! * b!, 1)!;
      if (!comboKey || size < comboKey.size) {
        if (comboKey) pushKey(comboKey.units.flatMap((i) => units[i].columns), comboForm);
        comboKey = { units: us, size };
        comboForm = k.form;
        continue;
      }
    }
    pushKey(k.columns, k.form);
  }
  // perParent fixes which parent each row has: no sampled combinations then (kept distinct per row).
  const grouped = units.findIndex((u) => u.perParent !== undefined);
  if (grouped >= 0 && comboKey) { pushKey(comboKey.units.flatMap((i) => units[i].columns), comboForm); comboKey = undefined; }
  if (grouped >= 0) units[grouped].nullable = false;
  // Combination columns never take NULL (a NULL would be an unused combination anyway).
  if (comboKey) for (const i of comboKey.units) units[i].nullable = false;
  // An integer of the key whose type holds more values than its rule draws (a position 1–20 in
  // (feature, sequence)) may go on past them rather than cap the table (SeedPlan widens it).
  if (comboKey && comboKey.units.length > 1) {
    const w = comboKey.units.find((i) => {
      const u = units[i];
      const col = u.kind === 'value' && !u.rule && u.columns.length === 1 ? table.columns.find((c) => c.name === u.columns[0]) : undefined;
      return col && (col.kind === 'integer' || col.kind === 'bigint') && u.gen?.range && !integerCapped(u);
    });
    if (w !== undefined) comboKey.widen = { unit: w, max: integerBounds(table.columns.find((c) => c.name === units[w].columns[0])!, hints.columns.get(units[w].columns[0].toLowerCase()))[1] };
  }
  for (const k of uniqueKeys) for (const c of k) { const i = unitOf(c); if (i >= 0 && pk.includes(c)) units[i].nullable = false; }
  const rowChecks: RowCheck[] = [];
  for (const r of hints.relations) {
    rowChecks.push({ text: `${r.left} ${r.op} ${r.right}`, expr: relationExpr(r.left, r.op, r.right), columns: [r.left, r.right] });
  }
  // Each AND part of a CHECK is shown as the CHECK it came from.
  const textOf = new Map<Expr, string>();
  parsed.forEach((e, i) => { for (const part of andParts(e)) textOf.set(part, parsedText[i]); });
  // A part the engine cannot evaluate is left to the database (below), not tested here.
  for (const e of hints.opaque) if (notEvaluable(e) === undefined) rowChecks.push({ text: textOf.get(e) ?? exprText(table, e), expr: e, columns: referencedColumns(e) });
  // Comparisons that tie a column to the others (`total = a + b`, `ends_at > starts_at + '15
  // minutes'`): that column is set from them when a row fails.
  if (excl?.forms.length && parsed.length) timelineLengths(excl.forms, parsed.flatMap((e, i) => andParts(e).map((expr) => ({ expr, text: parsedText[i] }))));
  const solved = rowChecks.length ? solveRowChecks(table, units, rowChecks, new Set((excl?.forms ?? []).flatMap((f) => f.placed))) : [];
  // A failing relation is fixed by swapping or redrawing its columns: keep each one's own CHECKs
  // in view too, or a swap could move a value out of its range (min_age 500 into max_age <= 120).
  // So for a column set from a solved comparison.
  const related = new Set([...hints.relations.flatMap((r) => [r.leftKey, r.rightKey]), ...solved.map((c) => c.toLowerCase())]);
  // Columns an EXCLUDE timeline writes skip their generators (and the hints in them): their own
  // CHECKs are tested on each row instead.
  for (const f of excl?.forms ?? []) for (const c of f.placed) related.add(c.toLowerCase());
  parsed.forEach((e, i) => {
    for (const part of andParts(e)) {
      const cols = referencedColumns(part);
      if (cols.length === 1 && related.has(cols[0].toLowerCase())) rowChecks.push({ text: parsedText[i], expr: part, columns: cols });
    }
  });
  // CHECKs the engine cannot evaluate (or read): the database tests candidate rows.
  const writtenColumns = units.flatMap((u) => u.columns);
  const dbChecks = [
    ...parsed.flatMap((e, i) => {
      // The engine's clock is fixed (reproducible seeds); a CHECK on the time is the database's to judge too.
      const reason = notEvaluable(e) ?? (readsClock(e) ? 'it reads the current time, which is the database\'s' : undefined);
      return reason ? [{ text: parsedText[i], reason, columns: columnsOf(referencedColumns(e), writtenColumns) }] : [];
    }),
    ...unreadable.map((u) => ({ text: u.check, reason: `not understood: ${u.reason}`, columns: columnsOf(identifiersIn(u.check), writtenColumns) })),
    ...byDatabase.map((c) => ({ text: c.expression, reason: `trigger ${c.trigger} rejects rows otherwise and reads other tables`, columns: columnsOf(identifiersIn(c.expression), writtenColumns) })),
  ];
  const dbCheckColumns = dbChecks.length ? columnsOf(dbChecks.flatMap((c) => c.columns), writtenColumns) : undefined;
  // ORs, CASEs and counts of NULLs: each row takes one branch, which steers its generators.
  const parts = hints.opaque.map((e) => ({ expr: e, text: textOf.get(e) ?? exprText(table, e) }));
  const branches = parts.length ? solveBranches({ table, units, parsed, base: hints, parts, generator: (col, hint) => narrowed(table, col, hint) }) : [];
  // Columns that follow from another FK of the row (diamonds, trigger-checked equalities).
  const fixed = new Set([...(comboKey?.units ?? []), ...(grouped >= 0 ? [grouped] : [])]);
  let links = table.foreignKeys.length > 1 || linkSchema.triggers.some((t) => t.table === table.name && t.equalities.length) ? findLinks({ ...linkSchema, table, units, fixed }) : [];
  // Units that agree with another pick their own parents: never copied by a link.
  const agreed = new Set(units.flatMap((u, i) => (u.agree ? [i, u.agree.unit] : [])));
  if (agreed.size) links = links.filter((l) => !agreed.has(l.target));
  // A unit another FK shares columns with is copied only from that FK's parent row, so the two agree.
  if (units.some((u) => u.shared)) {
    links = links.filter((l) => {
      const readers = units.flatMap((u, i) => (u.shared?.some((c) => units[l.target].columns.includes(c)) ? [i] : []));
      return !readers.length || readers.includes(l.via);
    });
  }
  // A CHECK on a foreign key's column (`parent_id <> 0`, a trigger's `NOT (field_id IN (…))`)
  // narrows the parents it may take: a hint alone would be lost on an fk unit.
  if (parsed.length) {
    for (const u of units) {
      // A composite key too: `CHECK (transaction_type = 'invoice')` beside FOREIGN KEY
      // (transaction_id, transaction_type) takes only the invoices' transactions.
      if (u.kind !== 'fk' || u.shared) continue;
      const own = new Set(u.columns.map((c) => c.toLowerCase()));
      const parts = parsed.flatMap((e) => andParts(e)).filter((p) => { const cols = referencedColumns(p); return cols.length >= 1 && cols.every((c) => own.has(c.toLowerCase())) && notEvaluable(p) === undefined; });
      if (parts.length) u.keyChecks = parts;
    }
  }
  const recipe: TableRecipe = {
    ...(links.length ? { links } : {}),
    table,
    units,
    ...(branches.length ? { branches } : {}),
    ...(dbChecks.length ? { dbChecks, dbCheckColumns } : {}),
    columns: units.flatMap((u) => u.columns),
    comboKey,
    uniqueKeys,
    ...(keyForms.some((f) => f) ? { keyForms } : {}),
    rowChecks,
    ...(excl?.forms.length ? { exclusions: excl.forms } : {}),
    ...(excl?.unplanned.length ? { unplannedExclusions: excl.unplanned } : {}),
    grouped: grouped >= 0 ? grouped : undefined,
    lookups: units.some((u) => u.rule !== undefined),
  };
  return { recipe, checks: unreadable };
}

/** The table's EXCLUDE constraints as unique keys (`=` parts only), timelines (`=` parts and a
 *  range's `&&`, over columns the engine draws itself) or, for the rest, why not. */
function readExclusions(table: TableInfo, units: Unit[], tcfg: TableConfig<any, string> | undefined) {
  const keys: UniqueKey[] = [];
  const forms: ExclusionForm[] = [];
  const unplanned: { name: string; text: string; reason: string }[] = [];
  const taken = new Set<string>();
  for (const x of table.exclusions!) {
    const r = readExclusion(x, table);
    if ('key' in r) { keys.push(r.key); continue; }
    let reason = 'unplanned' in r ? r.unplanned : undefined;
    if ('form' in r) {
      const bad = r.form.placed.find((c) => {
        const u = units.find((x) => x.columns.includes(c));
        return !u || u.kind !== 'value' || u.rule !== undefined || tcfg?.columns?.[c] !== undefined || table.primaryKey.includes(c) || taken.has(c);
      });
      if (bad === undefined) { forms.push(r.form); r.form.placed.forEach((c) => taken.add(c)); continue; }
      // The same range under another constraint: one timeline over the whole table meets both.
      const same = forms.findIndex((f) => JSON.stringify(f.range) === JSON.stringify(r.form.range));
      if (same >= 0 && r.form.placed.every((c) => units.find((x) => x.columns.includes(c))?.kind === 'value')) {
        forms[same] = { ...forms[same], groupParts: [], groupColumns: [], also: [...(forms[same].also ?? []), x.name] };
        continue;
      }
      reason = taken.has(bad) ? `${bad} is in another exclusion's range` : `${bad} is a key, a foreign key or set by the config, not a column the engine lays out`;
    }
    unplanned.push({ name: x.name, text: exclusionText(x), reason: reason! });
  }
  return { keys, forms, unplanned };
}

/** The column's generator narrowed to what `hint` allows (throws EmptyDomainError when nothing does). */
function narrowed(table: TableInfo, col: TableInfo['columns'][number], hint: ColumnHint | undefined) {
  // Types that decide their own values (arrays, inet, partition keys, …) come before the naming rules.
  const facts = { table: table.name, column: col };
  // A regex/LIKE CHECK keeps the rule's value when it matches, else draws from the pattern.
  return matchPattern(constrain(typeGenerator(facts) ?? shapedByCheck(facts, hint) ?? (col.comment ? commentGenerator(facts) : undefined) ?? languageGenerator(table, col) ?? chooseGenerator(facts), col, hint), hint, col.length, col.name);
}

/** The written columns among these names (matched case-insensitively), in insert order. */
function columnsOf(names: string[], written: string[]): string[] {
  const refs = new Set(names.map((c) => c.toLowerCase()));
  return written.filter((c) => refs.has(c.toLowerCase()));
}

/** Every identifier of an expression the parser cannot read (its column names among them);
 *  all of them when it cannot even be split into tokens. */
function identifiersIn(sql: string): string[] {
  try {
    return tokenize(sql).flatMap((t) => (t.t === 'ident' ? [t.v] : []));
  } catch {
    return [];
  }
}

function constrainOrExplain(table: TableInfo, col: TableInfo['columns'][number], hint: ColumnHint | undefined) {
  try {
    return narrowed(table, col, hint);
  } catch (e) {
    if (!(e instanceof EmptyDomainError)) throw e;
    const checks = table.checks.filter((c) => c.expression.toLowerCase().includes(col.name.toLowerCase())).map((c) => `CHECK (${sqlText(c.expression)})`);
    if (e.tooLarge) {
      const what = e.ofCheck ? `the pattern in ${checks.join(' and ') || 'its CHECK'} ` : '';
      throw new SeedbedError('UNSATISFIABLE', `${table.name}.${col.name}: ${what}${e.message}.`, {
        fix: `Give ${col.name} a generator in the config (seedbed.config.ts), or exclude ${table.name}.`,
        table: table.name,
      });
    }
    throw new SeedbedError('UNSATISFIABLE', `No value of ${table.name}.${col.name} can satisfy ${checks.join(' and ') || 'its CHECK constraints'}: ${e.message}.`, {
      fix: `Check that the constraint can hold (this one never does), or exclude ${table.name}.`,
      table: table.name,
    });
  }
}

function andParts(e: Expr): Expr[] {
  return e.kind === 'binary' && e.op === 'AND' ? [...andParts(e.left), ...andParts(e.right)] : [e];
}

function relationExpr(left: string, op: string, right: string): Expr {
  return { kind: 'binary', op, left: { kind: 'col', name: left }, right: { kind: 'col', name: right } } as Expr;
}

function exprText(table: TableInfo, e: Expr): string {
  const cols = referencedColumns(e);
  const c = table.checks.find((x) => cols.every((col) => x.expression.toLowerCase().includes(col.toLowerCase())));
  return c?.expression ?? cols.join(', ');
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
