import type { Expr } from '../check/index.ts';
import type { EdgeMode } from '../plan/graph.ts';
import type { ForeignKeyInfo, TableInfo } from '../schema/model.ts';
import type { Generator } from './generator.ts';
import type { KeyForm } from './unique-forms.ts';
import type { ExclusionForm } from './exclusion-forms.ts';
import type { PerParent } from '../config/types.ts';
import type { ParentChoice } from '../learn/generators.ts';

// How one table's rows are made: a list of units, each filling one or more columns.
// Built by the planner (plan/plan.ts), executed by generate/table.ts.

export type UnitKind =
  | 'sequence' // integer primary key: max(existing) + 1, + 2, …
  | 'key'      // other single-column primary key, generated before the run so cycles can point at it
  | 'fk'       // foreign key (one or more columns) pointing at a parent row
  | 'self'     // self-reference: a tree of bounded depth over this run's rows
  | 'value';   // any other column: its generator

export interface Unit {
  kind: UnitKind;
  columns: string[];
  nullable: boolean;
  gen?: Generator;
  fk?: ForeignKeyInfo;
  mode?: EdgeMode;
  /** Share of NULLs when nullable (config or the default). */
  nullRate?: number;
  /** A config function fills it, after every other unit of the row. */
  rule?: Generator;
  /** fk: how unevenly children spread over parents: the power k of the rank law (default
   *  FAN_OUT_SKEW in table.ts; higher is more skewed; 0 = every parent equally likely). */
  fanOut?: number;
  /** fk: share of the parent rows that get children at all (an FK named for a role, such as
   *  support_rep_id → employees, points only at the staff in that role); absent: all. */
  reach?: number;
  /** self: share of rows that are roots of the tree (default 0.3); an org chart has one. */
  rootRate?: number;
  /** self over several columns, some nullable (MATCH SIMPLE: one NULL column and the row need
   *  not match): a root row is NULL in those and takes these generators' values in the others. */
  rootGens?: (Generator | undefined)[];
  /** fk whose columns overlap an earlier unit's (a tenant column in two composite FKs:
   *  (tenant_id, a_id) → a, (tenant_id, b_id) → b): those columns of fk.columns, set first by the
   *  other unit; `columns` holds the rest, and the parent is one that agrees with the row. */
  shared?: string[];
  /** fk whose parent must agree with the parent another fk unit of the row picked (a trigger
   *  rejects a collection item whose collection and item are in different libraries): this
   *  unit's carried `own` equals that unit's carried `column` (trigger-body.ts agreementsOf). */
  agree?: { unit: number; column: string; own: string; trigger: string; via: string };
  /** fk: why its children spread as they do, when the table's kind decided (plan/table-kinds.ts). */
  spread?: string;
  /** Children per parent row (config perParent), on an fk unit. */
  perParent?: PerParent;
  /** sequence: smallest allowed value (from a CHECK). */
  start?: number;
  /** Finite number of distinct values this unit can take (fk: parent rows), when known. */
  domainSize?: number;
  /** fk: its CHECKs (parts over its columns alone); only parents whose key passes are taken. */
  keyChecks?: Expr[];
  /** fk: parents a trigger rejects the row for (`expr` over the parent's carried columns holds:
   *  a deleted user, an archived project) are never taken (schema/trigger-body.ts parentConditionsOf). */
  refuse?: { expr: Expr; condition: string; trigger: string }[];
  /** fk: columns of the parent row read along with its key, for the units linked to it (Link). */
  carry?: string[];
  /** What the rows already in the table taught it (learn/generators.ts), for `plan --explain`;
   *  `values`: its values come from them (not from the rule); `fanOut`: they set its skew. */
  learned?: { note: string; values: boolean; fanOut?: boolean };
  /** fk: which parents new rows go to, learned from the existing rows (learn/generators.ts). */
  parents?: ParentChoice;
  /** fk of a subtype table (its key references the parent's, like its siblings'): the share of
   *  the parent rows it may take (plan/subtypes.ts). `sizes`: the siblings' planned rows, in slot
   *  order; `discriminator`: take the parents whose carried value (tuple index `at`) is `value`. */
  subtype?: { parent: string; siblings: string[]; slot: number; sizes: number[]; discriminator?: { at: number; value: string } };
}

/** A unit whose value is copied from the parent row another fk unit picked (plan/links.ts). */
export interface Link {
  target: number;
  via: number;
  /** Where the copied values start in the via unit's parent tuples, and how many. */
  offset: number;
  width: number;
  /** A self-reference (`via` is a 'self' unit): the parent row is an earlier row of this table,
   *  and these of its columns are copied instead of the via unit's tuple (offset unused). */
  from?: string[];
  /** Why, for the plan: `same as orders.customer_id of order_id`. */
  source: string;
}

export interface RowCheck {
  text: string;
  expr: Expr;
  columns: string[];
  /** A comparison solved for one of its columns (plan/solved-checks.ts): when the row fails it,
   *  that column is set from the others rather than drawn again. */
  solve?: SolvedCheck;
}

/** `column op bound`: an equality gives the column its value from the row's others; an
 *  inequality puts it past the bound by a gap up to the CHECK's own offset (`bound` - `base`). */
export interface SolvedCheck {
  column: string;
  op: '=' | '<' | '<=' | '>' | '>=';
  bound: Expr;
  base?: Expr;
  /** BETWEEN: the upper bound (op is '>=', `bound` the lower one): the column is drawn between them. */
  upper?: Expr;
  /** Decimal places the column keeps (integers 0): PostgreSQL rounds what it stores to them. */
  scale?: number;
}

/** What a CHECK branch makes of one unit: NULL, or set (NOT NULL), from `gen` when the branch
 *  narrows the column's values (a discriminator's value, a range). */
export interface BranchOverride {
  unit: number;
  nul: boolean;
  gen?: Generator;
}

/** One satisfiable branch of a CHECK (plan/branches.ts): its steering of the units it touches. */
export interface CheckBranch {
  /** Short description for `plan --explain`, e.g. `kind = 'ban'; set: a, b; NULL: c`. */
  text: string;
  overrides: BranchOverride[];
  /** It pins a column that must be unique on its own to one value (`guid = 'root'` OR parent
   *  IS NOT NULL, guid UNIQUE): one row at most can take it, later rows take the others. */
  once?: boolean;
  /** Comparisons of the branch solved for a column (`ends_on = starts_on + 13` in `ends_on IS
   *  NULL OR …`): set from the others once the branch's values are drawn. */
  solves?: { check: Expr; solve: SolvedCheck }[];
}

/** CHECKs (sharing columns) solved as branches: each row takes one branch, spread evenly. */
export interface BranchGroup {
  checks: string[];
  /** Every row is steered into a branch (the engine cannot test these CHECKs); otherwise only a
   *  row that fails them as drawn is, so rows that already pass keep their natural values. */
  always: boolean;
  branches: CheckBranch[];
  /** Units any branch touches (reset for every row). */
  units: number[];
}

/** A CHECK the engine cannot evaluate (a schema function, an operator it does not read): the
 *  database tests candidate rows in batches before they are written (write/db-checks.ts). */
export interface DbCheck {
  text: string;
  /** The written columns it refers to (drawn again when it fails). */
  columns: string[];
  /** Why the engine cannot evaluate it, for `plan`. */
  reason: string;
}

export interface TableRecipe {
  table: TableInfo;
  units: Unit[];
  /** Insert column order (generated columns excluded). */
  columns: string[];
  /** The unique key whose combinations are sampled up front (junction tables). */
  comboKey?: {
    units: number[];
    size: number;
    /** An integer unit of the key whose type allows values up to `max` beyond its generator's:
     *  widened (from its generator's least value) when the rows asked outnumber the combinations. */
    widen?: { unit: number; max: number };
    /** Two-column key over a collection (playlist_tracks over playlists): the members per
     *  collection follow a Zipf law of this power over `pos` (the index in `units`); a few
     *  collections hold most rows (plan/table-kinds.ts). */
    skew?: { pos: number; power: number };
  };
  /** Other unique keys, kept distinct by checking each row: the columns each reads. */
  uniqueKeys: string[][];
  /** Per entry of uniqueKeys, when the key is more than its columns (an expression, a partial
   *  index's WHERE, NULLS NOT DISTINCT; generate/unique-forms.ts). Absent when no key is. */
  keyForms?: (KeyForm | undefined)[];
  rowChecks: RowCheck[];
  /** EXCLUDE constraints whose ranges are laid out per group (generate/timeline.ts); absent when none. */
  exclusions?: ExclusionForm[];
  /** EXCLUDE constraints the engine does not plan (the database enforces them): why, for the plan. */
  unplannedExclusions?: { name: string; text: string; reason: string }[];
  /** CHECKs solved as branches that steer the generators (absent when there are none). */
  branches?: BranchGroup[];
  /** CHECKs only the database can evaluate (absent when there are none). */
  dbChecks?: DbCheck[];
  /** Columns the database checks need bound (insert order). */
  dbCheckColumns?: string[];
  /** Unit whose parent rows set the row count (perParent). */
  grouped?: number;
  /** Config functions may look at generated rows: the run keeps whole rows. */
  lookups?: boolean;
  /** Units copied from the parent row of another unit, in the order to apply them. */
  links?: Link[];
  /** Columns copied from the parent row a foreign key points at (generate/copies.ts). */
  copies?: CopyGroup[];
}

/** A unique key's identity within its table (existing values are read and kept under it). */
export function uniqueKeyId(recipe: TableRecipe, k: number): string {
  const f = recipe.keyForms?.[k];
  return f ? `${recipe.uniqueKeys[k].join(',')}#${f.text}` : recipe.uniqueKeys[k].join(',');
}

/** A column copied from the parent row a foreign key points at (found by generate/copies.ts). */
export interface CopyPair {
  /** Child column ← parent column. */
  column: string;
  from: string;
  /** Where the parent column sits in the fk unit's parent tuples (carried after its key). */
  at: number;
}

export interface CopyGroup {
  /** The fk unit (index in the child's units) whose parent row is copied from. */
  unit: number;
  pairs: CopyPair[];
  /** Share of rows that copy; the others keep their own generated values. */
  rate: number;
}
