import { branchesOf, conjunction, MAX_BRANCHES } from '../check/branches.ts';
import { deriveHints, notEvaluable, referencedColumns, type CheckHints, type ColumnHint, type Expr, type HintValue } from '../check/index.ts';
import { EmptyDomainError } from '../generate/constrain.ts';
import type { Generator } from '../generate/generator.ts';
import type { BranchGroup, BranchOverride, CheckBranch, Unit } from '../generate/recipe.ts';
import type { ColumnInfo, TableInfo } from '../schema/model.ts';
import { solveOne } from './solved-checks.ts';

const NO_PLACED = new Set<string>();

// The CHECK solver's planning half. CHECK parts the column hints cannot express exactly (ORs of
// conditions on several columns, CASE, num_nonnulls(...) = k, (a IS NULL) <> (b IS NULL)) are
// split into branches (check/branches.ts); each satisfiable branch becomes the generators and
// NULL/NOT NULL choices it imposes on the units it touches (generate/table.ts applies one per
// row). Parts that share columns are solved together (their branches multiplied out), so one
// row's choices never contradict each other. The single-column narrowing of constrain.ts is
// the one-branch case: a branch's generators are made by the same function with the branch's
// facts added to the CHECKs' own.

export interface SolveInput {
  table: TableInfo;
  units: Unit[];
  /** Every parsed CHECK of the table, and the hints derived from them (the base). */
  parsed: Expr[];
  base: CheckHints;
  /** The parts `base` leaves to row tests, with the CHECK text each came from. */
  parts: { expr: Expr; text: string }[];
  /** The column's generator narrowed by a hint (throws EmptyDomainError when none can hold). */
  generator(column: ColumnInfo, hint: ColumnHint): Generator;
}

export function solveBranches(input: SolveInput): BranchGroup[] {
  // Each part with branches, then parts on common columns merged into one choice.
  type Choice = { texts: string[]; exprs: Expr[]; branches: Expr[][]; columns: Set<string> };
  const choices: Choice[] = [];
  for (const p of input.parts) {
    const b = branchesOf(p.expr);
    if (!b?.length) continue;
    const columns = new Set(referencedColumns(p.expr).map((c) => c.toLowerCase()));
    const joined = choices.filter((c) => [...c.columns].some((x) => columns.has(x)));
    let merged: Choice = { texts: [p.text], exprs: [p.expr], branches: b, columns };
    let fits = true;
    for (const c of joined) {
      if (c.branches.length * merged.branches.length > MAX_BRANCHES) { fits = false; break; }
      merged = {
        texts: [...c.texts, ...merged.texts],
        exprs: [...c.exprs, ...merged.exprs],
        branches: c.branches.flatMap((x) => merged.branches.map((y) => [...x, ...y])),
        columns: new Set([...c.columns, ...merged.columns]),
      };
    }
    if (!fits) continue; // too many combinations: left to the row test
    for (const c of joined) choices.splice(choices.indexOf(c), 1);
    choices.push(merged);
  }
  const groups: BranchGroup[] = [];
  for (const c of choices) {
    const branches = c.branches.map((atoms) => steer(input, atoms)).filter((b): b is CheckBranch => b !== null);
    // No branch steers anything (opaque atoms only), or none can hold: the row test as before.
    if (!branches.length || branches.every((b) => !b.overrides.length)) continue;
    const seenText = new Set<string>();
    const distinct = branches.filter((b) => !seenText.has(b.text) && seenText.add(b.text));
    groups.push({ checks: [...new Set(c.texts)], always: c.exprs.some((e) => notEvaluable(e) !== undefined), branches: distinct, units: [...new Set(distinct.flatMap((b) => b.overrides.map((o) => o.unit)))].sort((a, b) => a - b) });
  }
  return groups;
}

/** The overrides one branch imposes, or null when it cannot hold on this table. */
function steer(input: SolveInput, atoms: Expr[]): CheckBranch | null {
  const conj = conjunction(atoms);
  const hints = deriveHints([...input.parsed, conj]);
  const touched = new Set(referencedColumns(conj).map((c) => c.toLowerCase()));
  const overrides: BranchOverride[] = [];
  const nulls: string[] = [];
  const set: string[] = [];
  const values: string[] = [];
  let once = false;
  for (let ui = 0; ui < input.units.length; ui++) {
    const u = input.units[ui];
    const cols = u.columns.filter((c) => touched.has(c.toLowerCase()));
    // The config decides its columns' values (and NULLs) itself.
    if (!cols.length || u.rule || u.gen?.label.startsWith('config.')) continue;
    let wantNull = false;
    let wantSet = false;
    for (const c of cols) {
      const h = hints.columns.get(c.toLowerCase());
      if (!h) continue;
      if (h.oneOf?.length === 0) return null; // the branch contradicts the CHECKs on this column
      if (isNullOnly(h)) {
        if (h.notNull) return null; // IS NULL and IS NOT NULL in one branch
        wantNull = true;
      } else if (h.notNull || hasValueFacts(h)) wantSet = true;
    }
    if (wantNull && wantSet) return null;
    if (u.kind === 'fk') {
      if (wantNull && !u.nullable) return null;
      if (wantSet && u.domainSize === 0) return null;
      if (wantNull) { overrides.push({ unit: ui, nul: true }); nulls.push(...u.columns); }
      else if (wantSet && u.nullable) { overrides.push({ unit: ui, nul: false }); set.push(...u.columns); }
      continue;
    }
    // A tree: a branch may ask for a parent (or none); where the row sits is still the tree's.
    if (u.kind === 'self' && u.nullable && (wantNull || wantSet)) {
      overrides.push({ unit: ui, nul: wantNull });
      (wantNull ? nulls : set).push(...u.columns);
      continue;
    }
    if (u.kind !== 'value') continue; // keys and trees keep their own values
    const col = input.table.columns.find((c) => c.name === u.columns[0])!;
    if (wantNull) {
      if (!u.nullable) return null;
      overrides.push({ unit: ui, nul: true });
      nulls.push(col.name);
      continue;
    }
    if (!wantSet) continue;
    const h = hints.columns.get(col.name.toLowerCase())!;
    const before = input.base.columns.get(col.name.toLowerCase());
    if (sameHint(h, before)) {
      // Set where it could be NULL; a NOT NULL column with the CHECKs' own values needs nothing.
      if (u.nullable) { overrides.push({ unit: ui, nul: false }); set.push(col.name); }
      continue;
    }
    try {
      overrides.push({ unit: ui, nul: false, gen: input.generator(col, h) });
    } catch (e) {
      if (e instanceof EmptyDomainError) return null;
      throw e;
    }
    values.push(describe(col.name, h, before));
    if (h.oneOf?.length === 1 && h.oneOf[0] !== null && uniqueAlone(input.table, col.name)) once = true;
  }
  // Comparisons between columns (`ends_on = starts_on + 13`): the column set from the others.
  const solves = atoms.flatMap((a) => {
    const solve = solveOne(input.table, input.units, a, NO_PLACED);
    return solve && !nulls.includes(solve.column) ? [{ check: a, solve }] : [];
  });
  for (const { solve } of solves) {
    const ui = input.units.findIndex((u) => u.columns.includes(solve.column));
    if (input.units[ui].nullable && !overrides.some((o) => o.unit === ui)) overrides.push({ unit: ui, nul: false });
    values.push(`${solve.column} ${solve.op === '=' ? 'set from' : `kept ${solve.op}`} ${referencedColumns(solve.bound).join(', ')}`);
  }
  const text = [...values, set.length ? `set: ${set.join(', ')}` : '', nulls.length ? `NULL: ${nulls.join(', ')}` : ''].filter(Boolean).join('; ');
  return { text: `${text || 'no column steered'}${once ? ' (one row at most: a unique column)' : ''}`, overrides, ...(once ? { once } : {}), ...(solves.length ? { solves } : {}) };
}

/** The column is a key on its own (primary key or a plain, whole-table UNIQUE). */
function uniqueAlone(table: TableInfo, column: string): boolean {
  return (table.primaryKey.length === 1 && table.primaryKey[0] === column)
    || table.uniques.some((u) => u.columns.length === 1 && u.columns[0] === column && !u.partial && !u.expressions && !u.nullsNotDistinct);
}

const isNullOnly = (h: ColumnHint) => h.oneOf?.length === 1 && h.oneOf[0] === null;

function hasValueFacts(h: ColumnHint): boolean {
  return (h.oneOf !== undefined && h.oneOf.some((v) => v !== null)) || h.min !== undefined || h.max !== undefined
    || h.minLength !== undefined || h.maxLength !== undefined || h.likePrefix !== undefined || h.pattern !== undefined || h.integer === true;
}

function sameHint(a: ColumnHint, b: ColumnHint | undefined): boolean {
  const strip = (h: ColumnHint | undefined) => {
    if (!h) return '{}';
    const { column: _c, notNull: _n, ...rest } = h;
    return JSON.stringify(rest, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
  };
  return strip(a) === strip(b);
}

/** What the branch asks of a column beyond the CHECKs' own facts, e.g. `kind = 'ban'`, `n >= 5`. */
function describe(column: string, h: ColumnHint, base: ColumnHint | undefined): string {
  const lit = (v: HintValue) => (typeof v === 'string' ? `'${v}'` : String(v));
  const values = h.oneOf?.filter((v) => v !== null) ?? [];
  if (values.length === 1) return `${column} = ${lit(values[0])}`;
  if (values.length > 1 && values.length !== base?.oneOf?.length) return `${column} IN (${values.slice(0, 6).map(lit).join(', ')}${values.length > 6 ? ', …' : ''})`;
  const facts: string[] = [];
  if (h.min !== undefined && h.min !== base?.min) facts.push(`${h.minExclusive ? '>' : '>='} ${h.min}`);
  if (h.max !== undefined && h.max !== base?.max) facts.push(`${h.maxExclusive ? '<' : '<='} ${h.max}`);
  if (h.minLength !== undefined && h.minLength !== base?.minLength) facts.push(`length >= ${h.minLength}`);
  if (h.maxLength !== undefined && h.maxLength !== base?.maxLength) facts.push(`length <= ${h.maxLength}`);
  if (h.likePrefix !== undefined && h.likePrefix !== base?.likePrefix) facts.push(`LIKE '${h.likePrefix}%'`);
  if (h.notIn?.length && h.notIn.length !== base?.notIn?.length) facts.push(`NOT IN (${h.notIn.map(lit).join(', ')})`);
  return facts.length ? `${column} ${facts.join(' and ')}` : `${column} set`;
}
