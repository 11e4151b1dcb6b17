import { deriveHints, parseCheck, referencedColumns, type ColumnHint, type Expr, type HintValue } from '../check/index.ts';
import { plural } from '../words.ts';
import { sqlText } from '../errors.ts';
import type { SolvedCheck, TableRecipe, Unit } from '../generate/recipe.ts';
import { keyForm } from '../generate/unique-forms.ts';
import { exclusionText } from '../generate/exclusion-forms.ts';
import { childBirthColumn, dateOrderNotes, lifeColumns, statusNotes } from '../generate/coherence.ts';
import { matchRule, ruleById, RULE_GROUPS, RULES, type Rule } from '../generate/rules.ts';
import { commentGenerator } from '../generate/comments.ts';
import { languageName } from '../generate/locales.ts';
import { typeGenerator } from '../generate/special-types.ts';
import { rollupSource } from './rollups.ts';
import type { ColumnInfo, TableInfo } from '../schema/model.ts';
import { undeclaredHow } from '../schema/implied-fks.ts';
import type { SeedPlan } from './plan.ts';
import { agreeing } from './links.ts';

// `seedbed plan --explain`: for every column of every planned table, the generator the plan
// chose and why — the naming rule (its id, file, pattern, doc and whether the table name was
// context), the foreign key, the key sequence, the config override, the CHECK or enum list, the
// type, or the fallback by type — plus whether that generator is *semantic*, and per plan the
// share of text-like columns that get a semantic generator.
//
// Nothing here decides anything: it reads the plan's recipes (the generators the seed will run)
// and re-asks the same questions the planner asked (plan.ts `buildRecipe`/`constrainOrExplain`,
// in the same order) to say which one answered.

/** How a column is filled, in the order the planner decides it. */
export type ExplainSource =
  | 'generated' // computed by the database, never written
  | 'sequence'  // integer primary key: max(existing) + 1, + 2, …
  | 'fk'        // foreign key: values of existing or planned parent rows (self-reference: a tree)
  | 'config'    // a column rule of seedbed.config.ts
  | 'check'     // a CHECK's IN list (or a CHECK that forces NULL) gives the only values
  | 'enum'      // a native enum type (PostgreSQL) gives the only values
  | 'entity'    // the project's ORM entity gives the only values, or the shape of a list or object (schema/entities.ts)
  | 'type'      // the type decides (arrays, inet, ranges, partition keys, … — generate/special-types.ts)
  | 'rule'      // a naming rule (generate/rules.ts, rules/*.ts)
  | 'learned'   // the rows already in the table (learn/): their values, numbers or dates
  | 'comment'   // the column's comment: its list of values, or the rule its words name
  | 'fallback'; // no rule knows the column: a generator by value kind (lorem words, numbers 1–1000, …)

export type ColumnRole = 'value' | 'key' | 'sequence' | 'fk' | 'tree' | 'generated';

export interface RuleExplanation {
  id: string;
  /** Rule file under src/seeders/generate/rules/. */
  file: string;
  doc: string;
  /** The column-name pattern that matched (against the snake_case column name). */
  column: string;
  /** The table-name pattern that matched, when the rule needs table context. */
  table?: string;
  tableContext: boolean;
  /** A catch-all rule (see GENERIC_RULES): real words for the concept, but not specific to it. */
  generic: boolean;
}

export interface ColumnExplanation {
  column: string;
  type: string;
  kind: ColumnInfo['kind'];
  role: ColumnRole;
  /** The generator label, as `plan --columns` shows it. */
  generator: string;
  source: ExplainSource;
  /** One line: why this generator. */
  why: string;
  /** The naming rule that chose the values (or, for `check`/`enum`, the one the list replaced). */
  rule?: RuleExplanation;
  /** What the column's own CHECKs impose on its values (`IN (…)`, `>= 0`, `length <= 20`, `LIKE 'AB%'`, …). */
  constraints?: string[];
  /** CHECKs involving this and other columns (or not reducible to the above): tested on each row. */
  rowChecks?: string[];
  textLike: boolean;
  semantic: boolean;
}

/** A unique key of the table (constraint or index) and how generation keeps it. */
export interface UniqueExplanation {
  name: string;
  /** What the index holds, as it spells it: `(org_id, lower((name)::text))`. */
  key: string;
  expressions?: string[];
  /** A partial index's WHERE (or the bounds of the partition it is declared on). */
  predicate?: string;
  nullsNotDistinct?: boolean;
  partition?: string;
  how: string;
}

export interface TableExplanation {
  name: string;
  count: number;
  /** Rows asked for, when the plan makes fewer (a cap); `warnings` say why. */
  requested?: number;
  /** The plan's notes on this table: why it is capped, perParent sizing, … */
  warnings?: string[];
  columns: ColumnExplanation[];
  /** Unique constraints and indexes, with their expressions and WHERE. */
  uniqueKeys?: UniqueExplanation[];
  /** PostgreSQL EXCLUDE constraints, and how the rows meet each (or why the engine does not plan it). */
  exclusions?: { name: string; definition: string; how: string; planned: boolean }[];
  /** CHECKs tested on each generated row before it is written. */
  rowChecks: string[];
  /** Comparisons solved for one column (`end_date = start_date + …`): the column is set from the others. */
  solvedChecks?: { check: string; column: string; how: string }[];
  /** CHECKs the parser could not read: only the database checks them. */
  unreadableChecks: { check: string; reason: string }[];
  /** CHECKs solved as branches: each row takes one branch (spread evenly), which steers its values. */
  branches: { checks: string[]; always: boolean; branches: { text: string; share: number }[] }[];
  /** CHECKs that are not the database's but the project's entities' (an enum, an inheritance
   *  hierarchy): their text → `Entity.property` / `Entity (single table inheritance)`. */
  entityChecks?: Record<string, string>;
  /** CHECKs the database tests on candidate rows before they are written (the engine cannot evaluate them). */
  dbChecks: { check: string; reason: string }[];
  textLike: number;
  semanticTextLike: number;
}

export interface ExplainSummary {
  tables: number;
  columns: number;
  /** How many columns each source fills. */
  bySource: Partial<Record<ExplainSource, number>>;
  textLike: number;
  semanticTextLike: number;
  /** semanticTextLike / textLike (1 when there is no text-like column). */
  share: number;
  /** Text-like columns filled by a catch-all rule (counted as semantic). */
  genericTextLike: number;
  /** `table.column (generator)` of every text-like column without a semantic generator. */
  notSemantic: string[];
}

export interface PlanExplanation {
  dialect: SeedPlan['dialect'];
  /** Naming rules in the rule table (generate/rules.ts RULES). */
  ruleCount: number;
  /** What counts as text-like and as semantic (TEXT_LIKE / SEMANTIC below). */
  definitions: { textLike: string; semantic: string };
  tables: TableExplanation[];
  /** Tables that cannot be filled (no columns explained), and why. */
  leftOut: SeedPlan['leftOut'];
  summary: ExplainSummary;
}

/**
 * Text-like: a column holding characters — its value kind is `text` (CHAR, VARCHAR, NVARCHAR,
 * TEXT, CLOB, STRING, citext …, schema/types.ts) or it has native enum labels — that Seedbed
 * fills with values of its own choosing: not generated by the database, not a foreign-key column,
 * not part of the primary key. The one place this is defined (`isTextLike`).
 */
export const TEXT_LIKE =
  'value kind text (CHAR/VARCHAR/NVARCHAR/TEXT/CLOB/citext…) or native enum labels; not generated, not a foreign-key column, not part of the primary key';

/**
 * Semantic: the values come from what the column means — a naming rule, a CHECK IN list or enum,
 * a config rule, the column's special type, its parent rows or its key sequence — not from the
 * fallback by type (lorem words, random codes, numbers 1–1000) and not from an unsupported type.
 */
export const SEMANTIC =
  'values chosen by a naming rule, a CHECK IN list, an enum, a config rule, a special type, a foreign key or a key sequence; not the fallback by type (lorem words, random codes and numbers) nor an unsupported type';

/** Catch-all rules: their values are real words for the concept (a status, a type, a name from
 *  the table noun), so they count as semantic, but they know nothing specific about the column. */
export const GENERIC_RULES: ReadonlySet<string> = new Set(['name.generic', 'status.generic', 'status.type']);

export function isTextLike(table: TableInfo, column: ColumnInfo): boolean {
  if (column.generated) return false;
  if (table.primaryKey.includes(column.name)) return false;
  if (table.foreignKeys.some((f) => f.columns.includes(column.name))) return false;
  return column.kind === 'text' || (column.enumValues?.length ?? 0) > 0;
}

const FILE_OF = new Map<string, string>(RULE_GROUPS.flatMap((g) => g.rules.map((r) => [r.id, g.file] as const)));

/** Explains every column of every table of a plan (see the header comment). */
export function explainPlan(plan: SeedPlan): PlanExplanation {
  const unreadable = new Map<string, { check: string; reason: string }[]>();
  for (const u of plan.unreadableChecks) {
    const list = unreadable.get(u.table) ?? [];
    list.push({ check: u.check, reason: u.reason });
    unreadable.set(u.table, list);
  }
  const tables: TableExplanation[] = [];
  for (const tp of plan.tables) {
    const recipe = plan.recipes.get(tp.name);
    if (!recipe) continue;
    const t = explainTable(recipe.table, recipe.units, recipe.rowChecks.map((r) => ({ text: r.text, columns: r.columns, solve: r.solve })), tp.count, unreadable.get(tp.name) ?? []);
    const uniques = explainUniques(recipe);
    if (uniques.length) t.uniqueKeys = uniques;
    if (recipe.table.exclusions) t.exclusions = explainExclusions(recipe);
    if (tp.count !== tp.requested) t.requested = tp.requested;
    if (tp.warnings.length) t.warnings = [...tp.warnings];
    t.branches = (recipe.branches ?? []).map((g) => ({ checks: g.checks, always: g.always, branches: g.branches.map((b) => ({ text: b.text, share: 1 / g.branches.length })) }));
    t.dbChecks = (recipe.dbChecks ?? []).map((c) => ({ check: c.text, reason: c.reason }));
    const fromEntity = recipe.table.checks.filter((c) => c.entity);
    if (fromEntity.length) t.entityChecks = Object.fromEntries(fromEntity.map((c) => [c.expression, c.entity!]));
    // Copied from the parent row another FK picked (a diamond, a trigger's equality); or not written at all.
    for (const f of recipe.exclusions ?? []) {
      for (const c of t.columns) if (f.placed.includes(c.column)) c.why = `${c.why.replace(/\.$/, '')}; then laid out ${f.groupColumns.length ? `per ${f.groupColumns.join(', ')}` : 'over the table'} by EXCLUDE ${f.name} (no two ranges overlap)`;
    }
    for (const l of recipe.links ?? []) {
      for (const c of t.columns) if (recipe.units[l.target].columns.includes(c.column)) c.why = `${c.why.replace(/\.$/, '')}; ${l.source}`;
    }
    if (tp.filledBy) for (const c of t.columns) Object.assign(c, { why: `filled by ${tp.filledBy} (not seeded)`, generator: 'database', semantic: true });
    t.semanticTextLike = t.columns.filter((c) => c.textLike && c.semantic).length;
    tables.push(t);
  }
  // A total that sums a child table's lines is overwritten once the rows are written.
  for (const r of plan.rollups) {
    const c = tables.find((t) => t.name === r.parent)?.columns.find((x) => x.column === r.column);
    if (c) c.why = `${c.why.replace(/\.$/, '')}; then the ${rollupSource(r)}`;
  }
  // Values copied from the parent row a foreign key points at (generate/copies.ts).
  for (const [name, recipe] of plan.recipes) {
    for (const g of recipe.copies ?? []) {
      const fk = recipe.units[g.unit].fk!;
      for (const p of g.pairs) {
        const c = tables.find((t) => t.name === name)?.columns.find((x) => x.column === p.column);
        if (c) c.why = `${c.why.replace(/\.$/, '')}; then copied from ${fk.refTable}.${p.from} via ${fk.columns.join(', ')} in ${Math.round(g.rate * 100)} % of rows (the rest keep their own)`;
      }
    }
  }
  // Dates in order by meaning: within the row (shipped after ordered) and after the parent rows.
  const rowsOf = new Map(plan.tables.map((t) => [t.name, t.count + t.existing]));
  for (const [name, recipe] of plan.recipes) {
    const cols = tables.find((t) => t.name === name)?.columns;
    if (!cols) continue;
    const note = (column: string, text: string) => { const c = cols.find((x) => x.column === column); if (c) c.why = `${c.why.replace(/\.$/, '')}; ${text}`; };
    for (const [column, text] of dateOrderNotes(recipe)) note(column, `then ${text}`);
    for (const [column, text] of statusNotes(recipe)) note(column, text);
    const birth = childBirthColumn(recipe);
    if (!birth) continue;
    for (const u of recipe.units) {
      const parent = u.kind === 'fk' && u.mode !== 'fill-after' ? plan.recipes.get(u.fk!.refTable) : undefined;
      const life = parent && (rowsOf.get(parent.table.name) ?? 0) > 0 ? lifeColumns(parent) : undefined;
      if (life) note(birth, `then after ${parent!.table.name}.${life[0]} via ${u.columns.join(', ')}${life[1] ? ` (and before its ${life[1]})` : ''}`);
    }
  }
  const all = tables.flatMap((t) => t.columns.map((c) => ({ t, c })));
  const bySource: Partial<Record<ExplainSource, number>> = {};
  for (const { c } of all) bySource[c.source] = (bySource[c.source] ?? 0) + 1;
  const text = all.filter(({ c }) => c.textLike);
  const semantic = text.filter(({ c }) => c.semantic).length;
  return {
    dialect: plan.dialect,
    ruleCount: RULES.length,
    definitions: { textLike: TEXT_LIKE, semantic: SEMANTIC },
    tables,
    leftOut: plan.leftOut,
    summary: {
      tables: tables.length,
      columns: all.length,
      bySource,
      textLike: text.length,
      semanticTextLike: semantic,
      share: text.length ? semantic / text.length : 1,
      genericTextLike: text.filter(({ c }) => c.source === 'rule' && c.rule?.generic).length,
      notSemantic: text.filter(({ c }) => !c.semantic).map(({ t, c }) => `${t.name}.${c.column} (${c.generator})`),
    },
  };
}

function explainTable(
  table: TableInfo, units: Unit[], rowChecks: { text: string; columns: string[]; solve?: SolvedCheck }[], count: number,
  unreadableChecks: { check: string; reason: string }[],
): TableExplanation {
  // The same hints the planner derived from this table's CHECKs.
  const parsed: Expr[] = [];
  for (const c of table.checks) {
    try { parsed.push(parseCheck(c.expression)); } catch { /* named in unreadableChecks */ }
  }
  const hints = deriveHints(parsed);
  const unitOf = new Map<string, Unit>();
  for (const u of units) for (const c of u.columns) unitOf.set(c, u);
  const columns: ColumnExplanation[] = [];
  for (const col of table.columns) {
    const unit = unitOf.get(col.name);
    const hint = hints.columns.get(col.name.toLowerCase());
    const e = explainColumn(table, col, unit, hint);
    const involved = rowChecks.filter((r) => r.columns.some((c) => c.toLowerCase() === col.name.toLowerCase())).map((r) => r.text);
    if (involved.length) e.rowChecks = [...new Set(involved)];
    const solved = rowChecks.find((r) => r.solve?.column === col.name);
    if (solved) e.why = `${e.why.replace(/\.$/, '')}; then ${solvedHow(solved)}`;
    columns.push(e);
  }
  const solvedChecks = rowChecks.filter((r) => r.solve).map((r) => ({ check: r.text, column: r.solve!.column, how: solvedHow(r, false) }));
  const text = columns.filter((c) => c.textLike);
  return {
    name: table.name,
    count,
    columns,
    rowChecks: [...new Set(rowChecks.map((r) => r.text))],
    ...(solvedChecks.length ? { solvedChecks } : {}),
    unreadableChecks,
    branches: [],
    dbChecks: [],
    textLike: text.length,
    semanticTextLike: text.filter((c) => c.semantic).length,
  };
}

/** How a solved comparison sets its column: `set from start_date by CHECK (…)`. */
function solvedHow(r: { text: string; solve?: SolvedCheck }, named = true): string {
  const s = r.solve!;
  const from = referencedColumns(s.bound).join(', ');
  const check = named ? ` by CHECK (${sqlText(r.text)})` : '';
  return s.op === '=' ? `set from ${from}${check}, after them` : `kept ${s.op} the bound from ${from}${check}, moved there${s.base ? ' by a gap up to the offset' : ''} when a row fails it`;
}

function explainColumn(table: TableInfo, col: ColumnInfo, unit: Unit | undefined, hint: ColumnHint | undefined): ColumnExplanation {
  const base = { column: col.name, type: col.type, kind: col.kind, textLike: isTextLike(table, col) };
  if (!unit) {
    return { ...base, role: 'generated', generator: 'generated', source: 'generated', why: col.generated ? 'generated by the database (never written)' : 'not written', semantic: true };
  }
  if (unit.kind === 'sequence') {
    return { ...base, role: 'sequence', generator: 'sequence', source: 'sequence', semantic: true,
      why: `sequence/key: integer primary key, max(existing) + 1, + 2, …${unit.start !== undefined ? ` (from ${unit.start}, CHECK)` : ''}` };
  }
  if (unit.kind === 'fk' || unit.kind === 'self') {
    const fk = unit.fk!;
    const target = `${fk.refTable}.${fk.refColumns[fk.columns.indexOf(col.name)] ?? fk.refColumns.join(', ')}`;
    const mode = unit.mode === 'fill-after' ? ', filled after the cycle' : unit.mode === 'deferred' ? ', checked at commit' : '';
    const tree = unit.kind === 'self' ? ' (tree of bounded depth)' : fk.trigger ? ` (${undeclaredHow(fk)})` : fk.implied ? ` (${undeclaredHow(fk)}; no FOREIGN KEY)` : '';
    const generator = unit.kind === 'self' ? `→ ${fk.refTable} (tree)` : `→ ${fk.refTable}.${fk.refColumns.join(', ')}`;
    if (unit.rule) {
      return { ...base, role: unit.kind === 'self' ? 'tree' : 'fk', generator: 'config.function', source: 'config', semantic: true,
        why: `config override (seedbed.config.ts function) picks the parent of fk → ${target}` };
    }
    const fanOut = unit.fanOut !== undefined && !unit.learned?.fanOut ? `, fan-out ${unit.fanOut} from the config` : '';
    return { ...base, role: unit.kind === 'self' ? 'tree' : 'fk', generator, source: 'fk', semantic: true,
      why: `fk → ${target}${tree}${agreeing(unit)}${unit.perParent !== undefined ? ', rows per parent from perParent' : ''}${unit.spread && !unit.learned?.fanOut ? `, ${unit.spread}` : fanOut}${mode}${unit.learned ? `; ${unit.learned.note}` : ''}` };
  }
  const e = explainValue(table, col, unit, hint);
  // What the rows already there taught the column (learn/generators.ts).
  if (unit.learned) {
    e.why = unit.learned.values ? `${unit.learned.note} (instead of ${e.source === 'rule' ? `rule ${e.rule?.id}` : e.generator})` : `${e.why.replace(/\.$/, '')}; ${unit.learned.note}`;
    if (unit.learned.values) Object.assign(e, { source: 'learned', semantic: true });
  }
  return e;
}

function explainValue(table: TableInfo, col: ColumnInfo, unit: Unit, hint: ColumnHint | undefined): ColumnExplanation {
  const base = { column: col.name, type: col.type, kind: col.kind, textLike: isTextLike(table, col) };
  const role: ColumnRole = unit.kind === 'key' ? 'key' : 'value';
  const gen = unit.rule ?? unit.gen!;
  const generator = gen.label;
  const keyNote = role === 'key' ? 'primary key (distinct values): ' : '';
  const constraints = describeHint(hint);
  const facts = { table: table.name, column: col };
  // A type the column hides (a Date kept as text): the entity's, said after whatever fills it.
  const hidden = col.entity?.type ? ` (a ${col.entity.type} in the entity ${col.entity.source})` : '';
  const out = (source: ExplainSource, why: string, semantic: boolean, rule?: Rule): ColumnExplanation => ({
    ...base, role, generator, source, why: keyNote + why + hidden, semantic,
    ...(rule ? { rule: describeRule(rule) } : {}),
    ...(constraints.length ? { constraints } : {}),
  });

  if (generator === 'config.function' || generator === 'config.values') {
    return out('config', `config override (seedbed.config.ts ${generator === 'config.values' ? 'weighted values' : 'function'})`, true);
  }
  const rule = matchRule(facts);
  if (generator === 'check.null') return out('check', 'check: a CHECK allows only NULL', true);
  if (generator === 'check.oneOf') {
    const replaced = rule ? ` (instead of rule ${rule.id})` : '';
    const entity = col.entity && table.checks.some((c) => c.entity === col.entity!.source) ? col.entity.source : undefined;
    if (hint?.oneOf?.length && entity) {
      const alsoDb = table.checks.some((c) => !c.entity && c.expression.toLowerCase().includes(col.name.toLowerCase()));
      return out('entity', `from the entity ${entity}${alsoDb ? ' and the CHECK' : ''}: ${listText(hint.oneOf)}${replaced}`, true, rule);
    }
    if (hint?.oneOf?.length) return out('check', `check IN list: ${listText(hint.oneOf)}${replaced}`, true, rule);
    return out('enum', `enum type ${col.type}: ${listText(col.enumValues ?? [])}${replaced}`, true, rule);
  }
  const special = typeGenerator(facts);
  if (special && (col.entity?.list || col.entity?.fields)) return out('entity', `from the entity ${col.entity.source}: ${special.label}`, true);
  if (special) {
    const unsupported = special.label.startsWith('unsupported type');
    const why = col.partition ? `partition key: values inside the existing partitions (${special.label})` : `type ${col.type}: ${special.label}`;
    return out('type', why, !unsupported);
  }
  const pattern = generator.endsWith('~pattern') ? ', reshaped to the CHECK pattern' : '';
  const language = languageName(generator);
  if (language) return out('rule', `text in ${language}, from the column's name: ${MEANING[generator.split('.')[2]] ?? generator.split('.')[2]} (one draw per row, shared with its other languages)`, true);
  // The column's comment named its values or what it is (generate/comments.ts).
  const said = col.comment ? commentGenerator(facts) : undefined;
  if (said && generator.replace(/~pattern$/, '') === said.label) {
    if (said.label === 'comment.values') return out('comment', `${said.from}: one of ${listText(Array.from({ length: said.domainSize! }, (_, i) => said.domainValue!(i) as string))}${pattern}`, true);
    const r = ruleById(said.label);
    if (r) return out('comment', `${said.from}: rule ${r.id} (${FILE_OF.get(r.id) ?? 'rules'})${pattern} — ${r.doc}`, true, r);
  }
  if (rule && generator.replace(/~pattern$/, '') === rule.id) {
    const ctx = rule.table ? ` with table context /${short(rule.table.source)}/` : '';
    return out('rule', `rule ${rule.id} (${FILE_OF.get(rule.id) ?? 'rules'}): column /${short(rule.column.source)}/${ctx}${pattern} — ${rule.doc}`, true, rule);
  }
  return out('fallback', `type fallback (${col.kind}${col.length ? `, length ${col.length}` : ''}: ${generator}): no naming rule fits ${table.name}.${col.name}${pattern}`, false);
}

/** Each EXCLUDE constraint: laid out on timelines, kept as a unique key, or left to the database. */
function explainExclusions(recipe: TableRecipe): NonNullable<TableExplanation['exclusions']> {
  return recipe.table.exclusions!.map((x) => {
    const definition = exclusionText(x);
    const form = recipe.exclusions?.find((f) => f.name === x.name || f.also?.includes(x.name));
    const no = recipe.unplannedExclusions?.find((u) => u.name === x.name);
    if (no) return { name: x.name, definition, planned: false, how: `not planned (${no.reason}); the database enforces it: rows that collide leave ${recipe.table.name} out, the constraint named` };
    if (!form) return { name: x.name, definition, planned: true, how: `= parts only: kept like a unique key on (${x.elements.map((e) => e.expression).join(', ')})${x.predicate ? ' over the rows its WHERE selects' : ''}, distinct values checked on each row` };
    const r = form.range;
    const cols = r.shape === 'column' ? r.column : r.shape === 'span' ? (r.duration ? `${r.lower}, ${r.duration} (× ${r.per} min)` : `${r.lower} (${r.per} min each)`) : r.day ? `${r.day} + ${r.lower}, ${r.day} + ${r.upper}` : `${r.lower}, ${r.upper}`;
    const shared = form.also ? [form.name, ...form.also].filter((n) => n !== x.name) : [];
    const per = form.groupColumns.length ? `per ${form.groupColumns.join(', ')}` : `over the whole table${shared.length ? ` (its range is also EXCLUDE ${shared.join(', ')}'s: one timeline meets both)` : ''}`;
    const lasts = form.lasts ?? (r.kind === 'date' ? 'days' : r.kind === 'integer' || r.kind === 'numeric' ? undefined : 'hours');
    const unit = `${{ timestamp: 'minutes', clock: 'times of day, one day each', date: 'days', integer: 'whole numbers', numeric: 'numbers' }[r.kind]}${lasts && !form.upperFrom ? `, each range ${lasts} long` : ''}`;
    return {
      name: x.name, definition, planned: true,
      how: `ranges laid out ${per} on a timeline (${unit}): each row starts a gap after the previous one ends, so none overlap${r.shape !== 'column' && !r.touching ? ' or touch' : ''}; ${cols} written by the engine${form.upperFrom && r.shape === 'bounds' ? `, each range's length from CHECK (${form.upperFrom.check}) (${r.upper} set from ${r.lower})` : ''}${form.predicate ? '; rows its WHERE leaves out are laid out the same way' : ''}`,
    };
  });
}

function explainUniques(recipe: TableRecipe): UniqueExplanation[] {
  const combo = recipe.comboKey?.units.flatMap((i) => recipe.units[i].columns) ?? [];
  return recipe.table.uniques.map((u) => {
    const form = keyForm(u, recipe.table);
    const parts = u.expressions ?? u.columns;
    const key = `(${parts.join(', ')})`;
    const how: string[] = [];
    if (u.partition) how.push(`declared on partition ${u.partition} only (its WHERE: the partition's bounds)`);
    if (u.expressions) how.push(`kept distinct on the expression's value${u.expressions.some((e) => /\blower\(|\bupper\(|collate\s+nocase/i.test(e)) ? ' (case variants collide)' : ''}`);
    if (u.predicate) how.push('only rows its WHERE selects are kept distinct (a colliding row may leave it), no cap on the table');
    if (u.nullsNotDistinct) how.push('NULLs count as one value');
    if (!u.expressions && form?.parts.some((p) => p.kind === 'call')) how.push('citext: case variants collide');
    if (!how.length || (!u.expressions && !u.predicate)) {
      how.push(!u.predicate && !u.expressions && sameSet(combo, u.columns) && recipe.comboKey
        ? `combinations sampled up front (at most ${recipe.comboKey.size} rows)`
        : 'distinct values, checked on each row');
    }
    if (form?.approximate) how.push(form.approximate);
    return {
      name: u.name, key, how: how.join('; '),
      ...(u.expressions ? { expressions: u.expressions } : {}),
      ...(u.predicate ? { predicate: u.predicate } : {}),
      ...(u.nullsNotDistinct ? { nullsNotDistinct: true } : {}),
      ...(u.partition ? { partition: u.partition } : {}),
    };
  });
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function describeRule(r: Rule): RuleExplanation {
  return {
    id: r.id,
    file: FILE_OF.get(r.id) ?? '',
    doc: r.doc,
    column: r.column.source,
    ...(r.table ? { table: r.table.source } : {}),
    tableContext: r.table !== undefined,
    generic: GENERIC_RULES.has(r.id),
  };
}

/** A column hint as short SQL-ish facts. */
function describeHint(h: ColumnHint | undefined): string[] {
  if (!h) return [];
  const out: string[] = [];
  if (h.oneOf?.length) out.push(`IN (${listText(h.oneOf)})`);
  if (h.notIn?.length) out.push(`NOT IN (${listText(h.notIn)})`);
  if (h.min !== undefined) out.push(`${h.minExclusive ? '>' : '>='} ${h.min}`);
  if (h.max !== undefined) out.push(`${h.maxExclusive ? '<' : '<='} ${h.max}`);
  if (h.minLength !== undefined) out.push(`length >= ${h.minLength}`);
  if (h.maxLength !== undefined) out.push(`length <= ${h.maxLength}`);
  if (h.likePrefix) out.push(`starts with '${h.likePrefix}'`);
  if (h.pattern) out.push(`matches /${h.pattern}/${h.patternFlags ?? ''}`);
  const day = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/( 00:00:00)?\.000Z$/, '');
  if (h.minDate !== undefined) out.push(`${h.minDateExclusive ? '>' : '>='} '${day(h.minDate)}'`);
  if (h.maxDate !== undefined) out.push(`${h.maxDateExclusive ? '<' : '<='} '${day(h.maxDate)}'`);
  if (h.dateParts) out.push(Object.entries(h.dateParts).map(([f, v]) => `${f} ${v}`).join(', '));
  if (h.integer) out.push('integer');
  if (h.notNull) out.push('NOT NULL');
  return out;
}

function listText(values: readonly (HintValue | string)[]): string {
  const shown = values.slice(0, 8).map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
  return shown.join(', ') + (values.length > 8 ? `, … (${values.length} values)` : '');
}

/** What a language column holds (generate/locales.ts meanings), for `plan --explain`. */
const MEANING: Record<string, string> = {
  full: 'a full name', first: 'a given name', last: 'a family name', city: 'a city', country: 'a country', company: 'a company', sentence: 'a sentence', words: 'a few words',
};

const oneLine = (s: string) => sqlText(s);
const short = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** `plan --explain` as text: per table, per column the generator and why; then the summary. */
export function formatExplanation(x: PlanExplanation): string {
  const lines: string[] = [];
  const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
  lines.push(`Explain: ${plural(x.summary.tables, 'table')}, ${plural(x.summary.columns, 'column')}, ${plural(x.ruleCount, 'naming rule')} (${x.dialect})`);
  for (const l of x.leftOut) lines.push('', `${l.table}: cannot fill: ${l.reason}; left out`);
  for (const t of x.tables) {
    lines.push('');
    lines.push(`${t.name} (${plural(t.count, 'row')}${t.requested !== undefined ? `, asked ${t.requested}` : ''}${t.textLike ? `; text-like ${t.semanticTextLike}/${t.textLike} semantic` : ''})`);
    for (const w of t.warnings ?? []) lines.push(`  ${w}`);
    const wc = Math.max(...t.columns.map((c) => c.column.length));
    const wg = Math.max(...t.columns.map((c) => c.generator.length));
    for (const c of t.columns) {
      const flags = [c.textLike ? 'text-like' : '', c.semantic ? '' : 'NOT SEMANTIC'].filter(Boolean).join(', ');
      lines.push(`  ${c.column.padEnd(wc)}  ${c.generator.padEnd(wg)}  ${c.why}${flags ? ` [${flags}]` : ''}`);
      if (c.constraints?.length) lines.push(`  ${''.padEnd(wc)}  ${''.padEnd(wg)}  CHECK: ${c.constraints.join(', ')}`);
    }
    for (const x of t.exclusions ?? []) lines.push(`  exclude ${x.name} ${oneLine(x.definition)}: ${x.how}`);
    for (const u of t.uniqueKeys ?? []) lines.push(`  unique ${u.name} ${oneLine(u.key)}${u.predicate ? ` WHERE ${oneLine(u.predicate)}` : ''}${u.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}: ${u.how}`);
    const whose = (checks: string[]) => [...new Set(checks.map((c) => t.entityChecks?.[c]).filter(Boolean))].map((e) => `from the entity ${e}: `).join('');
    for (const r of new Set(t.rowChecks)) {
      const solved = t.solvedChecks?.find((x) => x.check === r);
      lines.push(`  row ${whose([r])}CHECK (${oneLine(r)}): ${solved ? `${solved.column} ${solved.how}` : 'tested on each generated row'}`);
    }
    for (const g of t.branches) {
      const n = g.branches.length;
      const who = g.always ? 'every row' : 'every row that does not meet it as drawn';
      lines.push(`  ${whose(g.checks)}CHECK (${g.checks.map(oneLine).join(') AND (')}): ${n === 1 ? `1 branch, ${who} takes it` : `${n} branches, ${who} takes one (${pct(1 / n)} each)`}:`);
      for (const b of g.branches) lines.push(`    ${b.text}`);
    }
    for (const u of t.unreadableChecks) lines.push(`  CHECK (${oneLine(u.check)}) not understood (${u.reason}); checked by the database`);
    const unread = new Set(t.unreadableChecks.map((u) => u.check));
    for (const c of t.dbChecks) if (!unread.has(c.check)) lines.push(`  CHECK (${oneLine(c.check)}): checked by the database (${c.reason})`);
  }
  const s = x.summary;
  lines.push('');
  lines.push(`Columns by source: ${Object.entries(s.bySource).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  lines.push(`Text-like columns (${x.definitions.textLike}): ${s.textLike}, with a semantic generator ${s.semanticTextLike} (${pct(s.share)}; ${s.genericTextLike} of them by a catch-all rule)`);
  if (s.notSemantic.length) lines.push(`Not semantic: ${s.notSemantic.join(', ')}`);
  return lines.join('\n');
}
