import { evaluate, type EvalContext, type Expr } from '../check/index.ts';
import { SeedbedError, sqlText } from '../errors.ts';
import { decodeInto, sampleCollections, sortedSample, type SortedSample } from './combos.ts';
import { EPOCH_END } from './format.ts';
import { SuffixCounter, type GenContext } from './generator.ts';
import type { Lookup } from '../config/types.ts';
import { groupSize, type RuleContext } from './config-rules.ts';
import type { RowStore } from './lookup.ts';
import { coherenceFor, type Coherence, type ParentLife } from './coherence.ts';
import { Rng } from './prng.ts';
import { uniqueKeyId, type BranchGroup, type BranchOverride, type CheckBranch, type Link, type RowCheck, type TableRecipe, type Unit } from './recipe.ts';
import { solvedValue } from './solved.ts';
import { formValue, selects, type KeyForm } from './unique-forms.ts';
import type { Tuples } from './tuples.ts';
import { KeySet } from './key-set.ts';
import { ArraySink, rowValues, type RowSink } from './row-sink.ts';
import { groupOf, Timeline } from './timeline.ts';
import type { ExclusionForm } from './exclusion-forms.ts';
import { nameRecord } from '../own.ts';

// Makes one table's rows from its recipe, in batches, deterministically: every unit draws from
// its own PRNG stream (seed, table, columns), so rows do not depend on other tables or columns.
// This is the hot loop of a seed: per-table facts are worked out once in the constructor, and
// only the columns the run needs later (keys, referenced columns) are kept, so memory stays
// flat as row counts grow.

/** Rows in a row without a free value for a unique key before the key counts as used up. */
const STREAK_EXHAUSTED = 100;
export const NULL_RATE = 0.1;
const MAX_TREE_DEPTH = 4;
/** Default skew of foreign-key picks (Unit.fanOut): parent rank = n·(v^k − v0^k)/(1 − v0^k), v
 *  uniform in [v0, 1). With k = 3 and v0 = 0.15 the top 10 % of parents get ≈ 37 % of the
 *  children, the busiest of 200 about 6 %, the quietest about a quarter of the average. */
export const FAN_OUT_SKEW = 3;
const FAN_OUT_V0 = 0.15;
const RETRIES = 60;
/** Drafts of a row whose FKs sharing a column found no parents that agree, before it is dropped. */
const UNMATCHED_TRIES = 20;
/** Rounds of re-drawing the rows the database rejected, per batch. */
const DB_ROUNDS = 100;

/** Candidate rows (values of `columns`) for the database to test against the table's dbChecks. */
export interface DbCheckRequest {
  columns: string[];
  rows: unknown[][];
}

/** A candidate row (position in the request) that fails dbChecks[check], or raised `error`. */
export interface DbCheckFailure {
  row: number;
  check: number;
  error?: string;
}

/** The salt of a table's value streams when it already holds `existing` rows: the same seed
 *  again would replay the earlier run's values (its names again, its keys refused as duplicates). */
export const afterRows = (existing: number | undefined): string[] => (existing ? ['#after', String(existing)] : []);

export interface TableInputs {
  seed: number;
  dialect: 'sqlite' | 'postgresql';
  count: number;
  /** Pre-assigned primary keys (sequence/key units), one per row. */
  keys?: unknown[];
  /** Tuples a foreign key may point at (rows of the parent: existing + this run's). */
  parentTuples(unit: Unit): Tuples;
  /** Existing unique values of another table of the run, by key ('#combo': its sampled key):
   *  the parents sibling subtype tables already hold (Unit.subtype). */
  existingOf?(table: string): Map<string, Set<unknown>> | undefined;
  /** Values of unique keys already in the table (incremental seeding). */
  existingUnique?: Map<string, Set<unknown>>;
  /** Rows the table held before the run (its value streams depend on it). */
  existing?: number;
  /** Columns whose values the run needs after the table is written (keys, referenced columns). */
  keep?: string[];
  /** Generated rows for config lookups; this table's rows are added as they are made. */
  store?: RowStore;
  /** Key of row i when the table makes more rows than were pre-assigned (perParent). */
  keyAt?(i: number): unknown;
  /** Creation (and end) dates of the parent rows of an fk unit, aligned with parentTuples. */
  parentLife?(unit: Unit): ParentLife | undefined;
  /** Per EXCLUDE constraint laid out on timelines: where each group's existing rows end. */
  rangeEnds?: Map<string, Map<string, number>>;
}

export interface FillAfter {
  unit: Unit;
  /** Row positions (in generated order) whose FK is set once the parent exists. */
  rows: number[];
}

/** How a unit gets its value in every row, decided once per table. */
const enum_ = { free: 0, combo: 1, key: 2, later: 3, group: 4, linked: 5, placed: 6 } as const;

/** Slots a row of an EXCLUDE timeline may pass over (its CHECKs, its unique keys) before the
 *  constraint counts as one the rows cannot meet. */
const PLACE_TRIES = 200;

/** An EXCLUDE constraint's timeline in a generator: its own random stream, the unit whose
 *  generator gives a group's first start. */
interface Placing {
  form: ExclusionForm;
  timeline: Timeline;
  rng: Rng;
  first: number;
  /** The unit whose generator draws a row's length (a duration column), or -1. */
  length: number;
  /** Groups whose timeline has no room left (PLACE_TRIES slots failed): their rows are left out. */
  full: Set<string>;
}

export class TableGenerator {
  readonly recipe: TableRecipe;
  readonly inputs: TableInputs;
  /** Rows skipped because no distinct value could be found for a unique key. */
  dropped = 0;
  /** Why rows were skipped, when it is not a unique key (an EXCLUDE timeline with no room left). */
  dropNote: string | undefined;
  /** Rows made so far. */
  made = 0;
  readonly fillAfter: FillAfter[] = [];
  private readonly rngs: Rng[];
  private readonly roles: number[];
  private readonly comboPos: number[];
  private readonly parents: (Tuples | undefined)[];
  /** Sampled combinations (indexes into the product of comboSizes), ascending; decoded per row. */
  private readonly combos: SortedSample | undefined;
  private comboSizes: number[] = [];
  private readonly combo: number[] = [];
  private readonly seen: KeySet[];
  /** Per unique key: rows in a row that found no free value; from STREAK_EXHAUSTED on, the key
   *  counts as used up and later rows are left out at once (see makeUnique). */
  private readonly failStreak: number[];
  private readonly failures: number[];
  /** Suffix numbers per (key, unit, base value) (makeUnique). */
  private readonly suffixes = new SuffixCounter();
  private readonly keyUnits: number[][];
  /** Keys on expressions, partial or NULLS NOT DISTINCT (recipe.keyForms), by key. */
  private readonly forms: (KeyForm | undefined)[] | undefined;
  private readonly depth: number[] = [];
  private readonly kept: Map<string, unknown[]>;
  private readonly keptNames: string[];
  private existingCombos: Set<unknown> | undefined;
  private comboColumns: string[] = [];
  private readonly checkRng: Rng;
  /** Some row check is solved for a column (plan/solved-checks.ts). */
  private readonly solving: boolean;
  private readonly evalContext: EvalContext;
  private readonly unitOfColumn: Map<string, number>;
  private readonly late: boolean[];
  private readonly coherent: Coherence | undefined;
  /** Per unique key: refilling its columns changes what the row's fix-ups (coherence) look at. */
  private readonly recohere: boolean[];
  /** The story step (coherence.ts), when a CHECK the solver redraws for names a column it reads or
   *  writes: run again after a redraw, so status, flags and event dates agree (decided per table). */
  private readonly restory: Coherence['story'];
  /** Parent position each fk unit chose for the current row (-1: none). */
  private readonly picked: Int32Array;
  /** Per self unit: the earlier row of this run it picked as parent (-1: a root or an older row). */
  private readonly selfPicked: Int32Array;
  /** makeUnique's scratch: the value each unique key took for the row being made. */
  private readonly took: unknown[] = [];
  /** Per fk unit: power of the skewed parent pick (0: uniform) and a seeded permutation a·r + b mod n. */
  private readonly skew: Float64Array;
  /** Per fk unit: how many of its parents can be picked (all unless Unit.reach). */
  private readonly reachN: Float64Array;
  private readonly permA: Float64Array;
  private readonly permB: Float64Array;
  /** Per fk unit: the parent positions it draws from, when the existing rows taught them. */
  private readonly seenAt: (Int32Array | undefined)[] = [];
  /** Per fk unit: the parent position of row i, when the existing rows taught children per parent. */
  private readonly planned: (Int32Array | undefined)[] = [];
  private readonly lookups: (Lookup<Record<string, Record<string, unknown>>> | undefined)[];
  /** CHECK branches (plan/branches.ts): per unit, what the current row's branch makes of it. */
  private readonly override: (BranchOverride | undefined)[] | undefined;
  private readonly branchOrder: { block: number; order: number[] }[] = [];
  /** Per branch group, its CheckBranch.once branches already taken. */
  private readonly onceUsed: Set<CheckBranch>[] = [];
  /** Rows steered so far, per group; and per row check, the group it belongs to (-1: none). */
  private readonly steered: number[];
  private readonly groupOfCheck: number[];
  /** perParent: parent position and place in the group, per row. */
  private groups: { parent: number; index: number; size: number }[] | undefined;
  /** Linked units (plan/links.ts), in order, or undefined when the table has none. */
  private readonly links: Link[] | undefined;
  /** Per via unit: the parent positions whose carried values its linked units can take (all: undefined). */
  private readonly allowed: (Int32Array | undefined)[] = [];
  /** Units with Unit.shared or Unit.agree: their parents by the values they must agree on (indexBy). */
  private readonly sharedIndex: (Map<string, number[]> | undefined)[] = [];
  /** Self units with Unit.shared: this run's rows so far by their shared values (commitRow). */
  private readonly selfGroups: (Map<string, number[]> | undefined)[] = [];
  /** Set by fillShared when no parent agrees with the row: the row is drafted again. */
  private unmatched = false;
  private unmatchedTries = 0;
  /** Per combination unit whose choices are not in the key's order: its choices (parent
   *  positions, domain indexes) in that order (keyOrder). */
  private readonly comboOrder: (Int32Array | undefined)[] = [];
  /** Per linked fk unit: parent tuple key → position, to record which parent the copy is. */
  private readonly positionOf: (Map<unknown, number> | undefined)[] = [];
  /** EXCLUDE timelines (recipe.exclusions), or undefined when the table has none. */
  private readonly placing: Placing[] | undefined;
  /** Per unique key: it reads a column a timeline writes (checked once the row is placed). */
  private readonly placedKey: boolean[] | undefined;

  /** A column is called `__proto__`: rows have no prototype, so its value is a key like any other
   *  (on a plain object it was dropped, and Object.prototype was bound in its place). */
  private readonly bareRows: boolean;

  constructor(recipe: TableRecipe, inputs: TableInputs) {
    this.recipe = recipe;
    this.bareRows = recipe.table.columns.some((c) => c.name === '__proto__');
    this.inputs = inputs;
    const t = recipe.table.name;
    const units = recipe.units;
    const after = afterRows(inputs.existing);
    this.rngs = units.map((u) => new Rng(inputs.seed, t, u.columns.join(','), ...after));
    this.checkRng = new Rng(inputs.seed, t, '#checks', ...after);
    this.solving = recipe.rowChecks.some((c) => c.solve !== undefined);
    // CHECKs are judged by the target's rules, with a fixed "now" so runs stay reproducible.
    this.evalContext = { dialect: inputs.dialect === 'postgresql' ? 'postgres' : 'sqlite', now: new Date(EPOCH_END) };
    this.unitOfColumn = new Map();
    units.forEach((u, i) => u.columns.forEach((c) => { this.unitOfColumn.set(c, i); this.unitOfColumn.set(c.toLowerCase(), i); }));
    const comboUnits = recipe.comboKey?.units ?? [];
    this.comboPos = units.map((_, i) => comboUnits.indexOf(i));
    this.roles = units.map((u, i) => {
      if (u.mode === 'fill-after') return enum_.later;
      if (this.comboPos[i] >= 0) return enum_.combo;
      if (u.kind === 'sequence' || u.kind === 'key') return enum_.key;
      return enum_.free;
    });
    // Parent rows do not change while this table is generated: look them up once.
    this.parents = units.map((u) => (u.kind === 'fk' || u.kind === 'self' ? inputs.parentTuples(u) : undefined));
    // A required parent that got no rows in the run (its keys ran out: a CHECK on them no value
    // meets) leaves nothing to point at: the table is left out, named, instead of NULL being
    // written into the NOT NULL column.
    const orphaned = units.findIndex((u, i) => u.kind === 'fk' && !u.nullable && u.mode !== 'fill-after' && !this.parents[i]!.length);
    if (orphaned >= 0) {
      const u = units[orphaned];
      throw new SeedbedError('UNSATISFIABLE', `its required parent ${u.fk!.refTable} (${u.columns.join(', ')} NOT NULL) got no rows.`, { table: recipe.table.name, fix: `Give ${u.fk!.refTable} rows first, or exclude ${recipe.table.name}.` });
    }
    this.links = recipe.links?.length ? recipe.links : undefined;
    if (this.links) this.prepareLinks(this.links);
    units.forEach((u, i) => { if (u.subtype && u.kind === 'fk') this.subtypeShare(i, u.subtype); });
    units.forEach((u, i) => { if (u.keyChecks && u.kind === 'fk') this.keysPassing(i, u.columns, u.keyChecks); });
    units.forEach((u, i) => { if (u.refuse && u.kind === 'fk') this.notRefused(i, u); });
    units.forEach((u, i) => { if (u.agree) this.agreeable(i, u.agree); });
    units.forEach((u, i) => { if (u.shared && u.kind === 'self') this.selfGroups[i] = new Map(); });
    this.seen = recipe.uniqueKeys.map((_, k) => new KeySet(inputs.existingUnique?.get(uniqueKeyId(recipe, k)), inputs.count));
    this.forms = recipe.keyForms;
    this.failStreak = recipe.uniqueKeys.map(() => 0);
    this.failures = recipe.uniqueKeys.map(() => 0);
    // A partial key's WHERE columns are refilled with its own: a colliding row may leave the index.
    this.keyUnits = recipe.uniqueKeys.map((k, i) => [...new Set([...k, ...(this.forms?.[i]?.predicateColumns ?? [])].map((c) => this.unitIndex(c)))].filter((x) => x >= 0));
    const self = units.filter((u) => u.kind === 'self').flatMap((u) => u.fk!.refColumns);
    for (const l of recipe.links ?? []) if (l.from) self.push(...l.from);
    this.keptNames = [...new Set([...(inputs.keep ?? []), ...self])];
    this.kept = new Map(this.keptNames.map((c) => [c, []]));
    if (recipe.comboKey) {
      // A via unit of a link (below) draws from the parents its linked units can follow.
      const sizes = comboUnits.map((i) => (units[i].kind === 'fk' ? this.allowed[i]?.length ?? this.parents[i]!.length : units[i].gen?.domainSize ?? 0));
      const space = sizes.reduce((a, b) => a * b, 1);
      // Existing rows hold some combinations already: draw extra candidates, skip those.
      // (A subtype table's share already leaves out the parents existing rows hold.)
      this.existingCombos = comboUnits.length === 1 && units[comboUnits[0]].subtype ? undefined : inputs.existingUnique?.get('#combo');
      // A few spare combinations: some may fail a CHECK (requester_id <> addressee_id).
      const wanted = inputs.count + (this.existingCombos?.size ?? 0);
      const n = Math.min(space, wanted + Math.ceil(wanted * 0.1) + 10);
      const skew = recipe.comboKey.skew;
      // In index order: B-tree inserts then land at the end, ≈2x faster than random order.
      // Over a collection: members per collection decided first, exactly the rows wanted.
      this.combos = skew && sizes.length === 2
        ? sampleCollections(new Rng(inputs.seed, t, '#combo'), Math.min(space, wanted), sizes, skew.pos, skew.power)
        : sortedSample(() => new Rng(inputs.seed, t, '#combo'), n, space);
      if (inputs.dialect === 'sqlite') comboUnits.forEach((ui) => { this.comboOrder[ui] = this.keyOrder(ui); });
      this.comboSizes = sizes;
      this.comboColumns = comboUnits.flatMap((i) => units[i].columns);
    }
    units.forEach((u) => { if (u.mode === 'fill-after') this.fillAfter.push({ unit: u, rows: [] }); });
    this.late = units.map((u) => u.rule !== undefined);
    this.picked = new Int32Array(units.length).fill(-1);
    this.selfPicked = new Int32Array(units.length).fill(-1);
    this.skew = new Float64Array(units.length);
    this.reachN = new Float64Array(units.length);
    this.permA = new Float64Array(units.length);
    this.permB = new Float64Array(units.length);
    // Skewed fan-out: few parents get most children, which ones is seeded per parent table.
    // Units of a unique key stay uniform (skew would only make them collide).
    const inKey = new Set(this.keyUnits.flat());
    units.forEach((u, i) => { if (u.parents && u.kind === 'fk' && !inKey.has(i)) this.learnedParents(i, u); });
    units.forEach((u, i) => {
      const n = this.parents[i]?.length ?? 0;
      const k = u.fanOut ?? FAN_OUT_SKEW;
      this.reachN[i] = u.reach !== undefined && !inKey.has(i) ? Math.max(1, Math.min(n, Math.round(n * u.reach))) : n;
      if (u.kind !== 'fk' || n < 2 || (k <= 0 && this.reachN[i] === n) || inKey.has(i)) return;
      const r = new Rng(inputs.seed, u.fk!.refTable, u.fk!.refColumns.join(','), '#fan-out');
      let a = 1 + Math.floor(r.float() * (n - 1));
      while (gcd(a, n) !== 1) a = a % (n - 1) + 1;
      this.skew[i] = Math.max(0, k);
      this.permA[i] = a;
      this.permB[i] = Math.floor(r.float() * n);
    });
    this.coherent = coherenceFor(recipe, {
      seed: inputs.seed, evalContext: this.evalContext,
      parentLife: inputs.parentLife ? (ui) => inputs.parentLife!(units[ui]) : undefined,
      parentTuples: (ui) => this.parents[ui],
      rows: inputs.count,
    });
    const touches = this.coherent?.touches;
    this.recohere = this.keyUnits.map((us) => touches !== undefined && us.some((ui) => units[ui].columns.some((c) => touches.has(c))));
    const story = this.coherent?.story;
    const storyCols = story && new Set([...story.touches].map((c) => c.toLowerCase()));
    this.restory = storyCols && recipe.rowChecks.some((rc) => rc.columns.some((c) => storyCols.has(c.toLowerCase()))) ? story : undefined;
    const store = inputs.store;
    this.lookups = units.map((u, i) => (u.rule && store ? store.view(this.rngs[i]) : undefined));
    this.steered = [];
    this.groupOfCheck = [];
    if (recipe.branches) {
      this.override = new Array(units.length).fill(undefined);
      this.steered = recipe.branches.map(() => 0);
      this.groupOfCheck = recipe.rowChecks.map((rc) => recipe.branches!.findIndex((g) => !g.always && g.checks.includes(rc.text)));
    }
    if (recipe.exclusions) {
      const placed = new Set(recipe.exclusions.flatMap((f) => f.placed));
      units.forEach((u, i) => { if (u.columns.some((c) => placed.has(c))) this.roles[i] = enum_.placed; });
      this.placing = recipe.exclusions.map((form) => {
        const timeline = new Timeline(form, this.busiestGroup(form));
        for (const [g, end] of inputs.rangeEnds?.get(form.name) ?? []) timeline.startAfter(g, end);
        const r = form.range;
        return { form, timeline, rng: new Rng(inputs.seed, t, '#exclusion', form.name), first: this.unitIndex(r.shape === 'column' ? r.column : r.shape === 'bounds' && r.day ? r.day : r.lower),
          length: r.shape === 'span' && r.duration ? this.unitIndex(r.duration) : -1, full: new Set<string>() };
      });
      this.placedKey = recipe.uniqueKeys.map((k, i) => [...k, ...(this.forms?.[i]?.predicateColumns ?? [])].some((c) => placed.has(c)));
    }
    if (recipe.grouped !== undefined) {
      this.groups = this.makeGroups(recipe.grouped);
      this.roles[recipe.grouped] = enum_.group; // set per row from the groups, never redrawn
    }
  }

  /** A subtype table's share of its parent's rows (plan/subtypes.ts): with a discriminator, the
   *  parents carrying its value; else its slice of one seeded shuffle of the parents, the same for
   *  every sibling, cut in slot order by their planned rows (scaled down when they outnumber the
   *  parents), so no parent row is in two of them. */
  private subtypeShare(i: number, st: NonNullable<Unit['subtype']>): void {
    const tuples = this.parents[i]!;
    // Parents a sibling's (or this table's) existing rows already hold are no one's share.
    const held = st.siblings.map((s) => this.inputs.existingOf?.(s)?.get('#combo')).filter((x): x is Set<unknown> => x !== undefined && x.size > 0);
    const width = this.recipe.units[i].columns.length;
    const free = (p: number) => {
      if (!held.length) return true;
      const t = tuples.at(p)!;
      const k = width === 1 ? (typeof t[0] === 'object' && t[0] !== null ? String(t[0]) : t[0]) : t.slice(0, width).map(String).join('\u0000') + '\u0000';
      return !held.some((h) => h.has(k));
    };
    let n = tuples.length;
    let share: number[] = [];
    if (st.discriminator) {
      const { at, value } = st.discriminator;
      for (let p = 0; p < n; p++) { const v = tuples.at(p)![at]; if (v !== null && String(v) === value && free(p)) share.push(p); }
    } else {
      let all = new Int32Array(n);
      for (let p = 0; p < n; p++) all[p] = p;
      if (held.length) { all = all.filter(free); n = all.length; }
      const total = st.sizes.reduce((a, b) => a + b, 0);
      const scale = total > n ? n / total : 1;
      const before = st.sizes.slice(0, st.slot).reduce((a, b) => a + b, 0);
      const from = Math.floor(before * scale);
      const to = Math.min(n, Math.floor((before + st.sizes[st.slot]) * scale));
      const rng = new Rng(this.inputs.seed, st.parent, st.siblings.join(','), '#subtypes');
      for (let p = 0; p < to; p++) {
        const j = rng.int(p, n - 1);
        const t = all[p]; all[p] = all[j]; all[j] = t;
      }
      share = Array.from(all.subarray(from, to)).sort((a, b) => a - b);
    }
    // A via unit of a link already draws from some parents only: keep those.
    const prior = this.allowed[i];
    if (prior) { const ok = new Set(prior); share = share.filter((p) => ok.has(p)); }
    this.allowed[i] = Int32Array.from(share);
  }

  /** fk unit i takes only the parents whose key passes its column's CHECKs (of those it may
   *  already take); all of them when none or every one passes (the database judges then). */
  private keysPassing(i: number, columns: string[], checks: Expr[]): void {
    const tuples = this.parents[i]!;
    const prior = this.allowed[i];
    const n = prior ? prior.length : tuples.length;
    const row: Record<string, unknown> = {};
    const ok: number[] = [];
    for (let k = 0; k < n; k++) {
      const p = prior ? prior[k] : k;
      const t = tuples.at(p)!;
      for (let j = 0; j < columns.length; j++) row[columns[j]] = t[j];
      if (checks.every((e) => { try { return evaluate(e, row, this.evalContext) !== false; } catch { return true; } })) ok.push(p);
    }
    if (ok.length && ok.length < n) this.allowed[i] = Int32Array.from(ok);
  }

  /** fk unit i takes only the parents no trigger refuses the row for (Unit.refuse: its condition
   *  on the parent's carried columns is not true); all of them when every one is refused (the
   *  database judges then, and its error names the trigger). */
  private notRefused(i: number, u: Unit): void {
    const tuples = this.parents[i]!;
    const prior = this.allowed[i];
    const n = prior ? prior.length : tuples.length;
    const at = u.fk!.refColumns.length;
    const carry = u.carry ?? [];
    const row: Record<string, unknown> = {};
    const ok: number[] = [];
    for (let k = 0; k < n; k++) {
      const p = prior ? prior[k] : k;
      const tuple = tuples.at(p)!;
      carry.forEach((c, j) => { row[c] = tuple[at + j]; });
      if (u.refuse!.every((r) => { try { return evaluate(r.expr, row, this.evalContext) !== true; } catch { return true; } })) ok.push(p);
    }
    if (ok.length && ok.length < n) this.allowed[i] = Int32Array.from(ok);
  }

  /** Where fk unit i's rows go, as the existing rows taught (Unit.parents): the parents the
   *  existing rows use, as often, or the others (drawn evenly). */
  private learnedParents(i: number, u: Unit): void {
    const tuples = this.parents[i]!;
    const { from, keys } = u.parents!;
    let picks: number[];
    if (from === 'others') {
      const used = new Set(keys.map(String));
      picks = [];
      for (let p = 0; p < tuples.length; p++) if (!used.has(String(tuples.at(p)![0]))) picks.push(p);
      // Each of the other parents, in a seeded order, gets as many rows as a parent that has its
      // children (drawn from their counts), one after another.
      const sizes = u.parents!.sizes;
      if (sizes?.length && picks.length) {
        const rng = new Rng(this.inputs.seed, this.recipe.table.name, u.columns.join(','), '#learned-parents');
        const order = picks.slice();
        for (let j = order.length - 1; j > 0; j--) { const r = rng.int(0, j); const t = order[j]; order[j] = order[r]; order[r] = t; }
        const plan: number[] = [];
        for (const p of order) {
          if (plan.length >= this.inputs.count) break;
          for (let k = sizes[Math.floor(rng.float() * sizes.length)]; k > 0; k--) plan.push(p);
        }
        this.planned[i] = Int32Array.from(plan);
      }
    } else {
      const at = new Map<string, number>();
      for (let p = 0; p < tuples.length; p++) { const k = String(tuples.at(p)![0]); if (!at.has(k)) at.set(k, p); }
      picks = keys.map((k) => at.get(String(k))).filter((p) => p !== undefined);
    }
    if (picks.length) this.seenAt[i] = Int32Array.from(picks);
  }

  /** Linked units are copied, never drawn; their via units draw only parents whose carried
   *  values the linked unit can take (a NOT NULL column, a value among its own parents). */
  private prepareLinks(links: Link[]): void {
    const units = this.recipe.units;
    for (const l of links) {
      this.roles[l.target] = enum_.linked;
      const target = units[l.target];
      if (target.kind === 'fk' && !this.positionOf[l.target]) {
        const map = new Map<unknown, number>();
        const width = target.fk!.refColumns.length;
        const tuples = this.parents[l.target]!;
        for (let p = 0; p < tuples.length; p++) { const k = tupleKey(tuples.at(p)!, 0, width); if (!map.has(k)) map.set(k, p); }
        this.positionOf[l.target] = map;
      }
    }
    units.forEach((_, vi) => {
      const mine = links.filter((l) => l.via === vi && !l.from && !links.some((o) => o.target === vi));
      if (!mine.length) return;
      const tuples = this.parents[vi]!;
      const ok: number[] = [];
      for (let p = 0; p < tuples.length; p++) {
        const tuple = tuples.at(p)!;
        if (mine.every((l) => this.takes(l, tuple))) ok.push(p);
      }
      // None fits: draw as usual and let the database judge (its error names the trigger).
      if (ok.length && ok.length < tuples.length) this.allowed[vi] = Int32Array.from(ok);
    });
  }

  /** True when the values a parent tuple carries for link l suit its target unit. */
  private takes(l: Link, tuple: unknown[]): boolean {
    const target = this.recipe.units[l.target];
    let nulls = 0;
    for (let k = 0; k < l.width; k++) if (tuple[l.offset + k] === null || tuple[l.offset + k] === undefined) nulls++;
    if (nulls) return nulls === l.width && target.nullable;
    return target.kind !== 'fk' || this.positionOf[l.target]!.has(tupleKey(tuple, l.offset, l.width));
  }

  /** Copies each linked unit from the parent its via unit picked (drawn freely without one). */
  private applyLinks(i: number, row: Record<string, unknown>, ctx: GenContext): void {
    const units = this.recipe.units;
    for (const l of this.links!) {
      if (l.from) { this.applySelfLink(l, i, row, ctx); continue; }
      const p = this.picked[l.via];
      const target = units[l.target];
      const tuple = p >= 0 ? this.parents[l.via]!.at(p) : undefined;
      if (!tuple || !this.takes(l, tuple)) { this.fill(l.target, i, row, ctx); continue; }
      for (let k = 0; k < l.width; k++) row[target.columns[k]] = tuple[l.offset + k];
      if (target.kind === 'fk') this.picked[l.target] = row[target.columns[0]] === null ? -1 : this.positionOf[l.target]!.get(tupleKey(tuple, l.offset, l.width)) ?? -1;
    }
  }

  /** A self link: the target copies the parent row's columns, the parent being the earlier row
   *  of this run its tree unit picked (drawn freely for a root, or a parent from before the run). */
  private applySelfLink(l: Link, i: number, row: Record<string, unknown>, ctx: GenContext): void {
    const p = this.selfPicked[l.via];
    const target = this.recipe.units[l.target];
    if (p < 0) { this.fill(l.target, i, row, ctx); return; }
    const values = l.from!.map((c) => this.kept.get(c)![p]);
    if (values.some((v) => v === null || v === undefined) && !target.nullable) { this.fill(l.target, i, row, ctx); return; }
    assign(row, target.columns, values);
    if (target.kind === 'fk') this.picked[l.target] = values[0] === null ? -1 : this.positionOf[l.target]!.get(tupleKey(values, 0, values.length)) ?? -1;
  }

  /** perParent: how many rows each parent row gets, drawn once per parent in parent order. */
  private makeGroups(ui: number): { parent: number; index: number; size: number }[] {
    const u = this.recipe.units[ui];
    const parents = this.parents[ui]!;
    const rng = new Rng(this.inputs.seed, this.recipe.table.name, '#per-parent');
    const out: { parent: number; index: number; size: number }[] = [];
    for (let p = 0; p < parents.length; p++) {
      const size = groupSize(u.perParent!, this.parentRow(ui, p), rng);
      for (let k = 0; k < size; k++) out.push({ parent: p, index: k, size });
    }
    return out;
  }

  /** The whole parent row when lookups keep rows, else its referenced columns. */
  private parentRow(ui: number, p: number): Record<string, unknown> {
    const u = this.recipe.units[ui];
    const tuple = this.parents[ui]!.at(p)!;
    const where = Object.fromEntries(u.fk!.refColumns.map((c, k) => [c, tuple[k]]));
    return this.inputs.store?.rows(u.fk!.refTable, where)[0] ?? where;
  }

  /** How many rows this generator will try to make. */
  get target(): number {
    if (this.groups) return this.groups.length;
    return this.combos ? Math.min(this.inputs.count, Math.max(0, this.combos.length - (this.existingCombos?.size ?? 0))) : this.inputs.count;
  }

  /** Yields rows, `size` at a time, as `sink` makes batches of them (default: arrays of values
   *  in recipe.columns order); a batch that takes longer than `budgetMs` to make is yielded
   *  early (the same rows, in smaller batches). (A table whose CHECKs the database must test is
   *  made by checkedBatches instead.) */
  batches(size: number): Generator<unknown[][]>;
  batches<B>(size: number, sink: RowSink<B>, budgetMs?: number): Generator<B>;
  *batches(size: number, sink: RowSink<unknown> = new ArraySink(), budgetMs = Infinity): Generator<unknown> {
    const n = this.target;
    const { columns } = this.recipe;
    const candidates = this.combos ? this.combos.length : n;
    const unit = sink.unit ?? 1;
    const every = Math.max(32, unit);
    let deadline = budgetMs === Infinity ? Infinity : performance.now() + budgetMs;
    for (let c = 0; c < candidates && this.made < n; c++) {
      const combo = this.combos ? decodeInto(this.combos.at(c)!, this.comboSizes, this.combo) : undefined;
      if (combo && this.existingCombos && this.comboTaken(combo)) continue;
      const row = this.draftRow(this.made, combo);
      if (!row) continue;
      this.commitRow(this.made, row, this.draftPending);
      sink.add(row, columns);
      this.made++;
      // Cut short when rows come slowly (code not yet compiled, at a run's start): the writer,
      // or the server and this thread's turn for its replies, wait for them otherwise.
      if (sink.count >= size || (sink.count % every === 0 && sink.count % unit === 0 && performance.now() > deadline)) {
        yield sink.take();
        if (deadline !== Infinity) deadline = performance.now() + budgetMs;
      }
    }
    // Rows that found no distinct value, or whose fixed columns could not satisfy a CHECK.
    this.dropped = n - this.made;
    if (sink.count) yield sink.take();
  }

  /** Batches whose candidate rows the database tests before they are made (recipe.dbChecks):
   *  yields each batch's candidates as a DbCheckRequest and takes the failures back (one query
   *  per round); failing rows are drafted again at the same position until all pass. */
  *checkedBatches(size: number): Generator<unknown[][] | DbCheckRequest, void, DbCheckFailure[] | undefined> {
    const n = this.target;
    const candidates = this.combos ? this.combos.length : n;
    const cols = this.recipe.dbCheckColumns!;
    let c = 0;
    while (this.made < n && c < candidates) {
      const drafts: { i: number; row: Record<string, unknown>; pending: FillAfter[] | undefined; combo: number[] | undefined }[] = [];
      while (drafts.length < size && this.made + drafts.length < n && c < candidates) {
        const combo = this.combos ? decodeInto(this.combos.at(c)!, this.comboSizes, this.combo).slice() : undefined;
        c++;
        if (combo && this.existingCombos && this.comboTaken(combo)) continue;
        const i = this.made + drafts.length;
        const row = this.draftRow(i, combo);
        if (row) drafts.push({ i, row, pending: this.draftPending, combo });
      }
      let open = drafts.map((_, k) => k);
      for (let round = 0; open.length; round++) {
        const failed = (yield { columns: cols, rows: open.map((k) => cols.map((col) => drafts[k].row[col])) }) ?? [];
        if (!failed.length) break;
        // Every candidate makes the database raise an error: drawing again will not help.
        const raising = round >= 2 && failed.length === open.length && failed.every((f) => f.error !== undefined);
        if (round >= DB_ROUNDS || raising) {
          const f = failed[0];
          const checks = f.error ? this.recipe.dbChecks! : [this.recipe.dbChecks![f.check] ?? this.recipe.dbChecks![0]];
          const what = checks.map((x) => `CHECK (${sqlText(x.text)})`).join(' or ');
          throw new SeedbedError('UNSATISFIABLE', `No row of ${this.recipe.table.name} passes ${what} (checked by the database) after ${round} attempts${f.error ? `; the database said: ${f.error}` : ''}.`, {
            fix: `Give the columns of that CHECK a generator in the config (seedbed.config.ts), or exclude ${this.recipe.table.name}.`,
            table: this.recipe.table.name,
          });
        }
        const again: number[] = [];
        for (const f of failed) {
          const k = open[f.row];
          const d = drafts[k];
          this.forget(d.row);
          // Draw again only the columns of the CHECK that failed (the rest of the row passed).
          const cols = f.error ? [] : this.recipe.dbChecks![f.check]?.columns ?? [];
          let row = cols.length ? this.redraw(d.i, d.row, cols) : null;
          for (let t = 0; t < 10 && row === null; t++) row = this.draftRow(d.i, d.combo);
          if (row === null) throw new SeedbedError('UNSATISFIABLE', `No row of ${this.recipe.table.name} satisfies its CHECKs and unique keys after the database rejected one.`, { table: this.recipe.table.name, fix: `Exclude ${this.recipe.table.name}, or give its columns generators in the config.` });
          drafts[k] = { ...d, row, pending: this.draftPending };
          again.push(k);
        }
        open = again;
      }
      const batch = drafts.map((d) => { this.commitRow(d.i, d.row, d.pending); return rowValues(d.row, this.recipe.columns); });
      this.made += batch.length;
      if (batch.length) yield batch;
    }
    this.dropped = n - this.made;
  }

  /** Row i drawn again in `columns` only (its other values kept), or null when that cannot
   *  satisfy the engine's CHECKs and the unique keys. */
  private redraw(i: number, row: Record<string, unknown>, columns: string[]): Record<string, unknown> | null {
    const units = [...new Set(columns.map((c) => this.unitIndex(c)))].filter((ui) => !this.isFixed(ui));
    if (!units.length) return null;
    if (this.override) this.startBranches();
    const next = { ...row };
    const ctx: RuleContext = { index: i, row: next };
    for (const ui of units) this.fill(ui, i, next, ctx);
    if (this.recipe.rowChecks.length && !this.satisfyChecks(i, next, ctx)) return null;
    if (this.seen.length && !this.makeUnique(i, next, ctx)) return null;
    if (this.placing && !this.place(i, next, ctx)) return null;
    return next;
  }

  /** Gives back the unique key values of a drafted row that will not be written. */
  private forget(row: Record<string, unknown>): void {
    const keys = this.recipe.uniqueKeys;
    for (let k = 0; k < keys.length; k++) {
      const v = keyOf(row, keys[k]);
      if (v !== null) this.seen[k].delete(v);
    }
  }

  /** Values of a kept column (see TableInputs.keep), one per row made. */
  column(name: string): unknown[] {
    const v = this.kept.get(name);
    if (!v) throw new Error(`column ${name} of ${this.recipe.table.name} was not kept`);
    return v;
  }

  /** A combination unit's choices in SQLite's order of their values, when they are not in it
   *  already (text keys: parents made in random order, an enumeration's declared order): the
   *  sampled combinations, in index order, then reach the table in its key's order, so B-tree
   *  inserts land at the end and the FK checks walk their parents in order. Integer keys made
   *  by the run are in order already: nothing changes for them. */
  private keyOrder(ui: number): Int32Array | undefined {
    const u = this.recipe.units[ui];
    let n: number;
    let value: (c: number) => unknown[];
    if (u.kind === 'fk') {
      const tuples = this.parents[ui]!;
      const allowed = this.allowed[ui];
      n = allowed?.length ?? tuples.length;
      value = (c) => tuples.at(allowed ? allowed[c] : c)!;
    } else {
      const g = u.gen;
      if (!g?.domainValue || g.domainSize === undefined || g.domainSize > 1_000_000) return undefined;
      n = g.domainSize;
      value = (c) => [g.domainValue!(c)];
    }
    const width = u.columns.length;
    let sorted = true;
    for (let c = 1; c < n && sorted; c++) sorted = compareTuples(value(c - 1), value(c), width) <= 0;
    if (sorted) return undefined;
    const keys = Array.from({ length: n }, (_, c) => value(c));
    const order = Int32Array.from({ length: n }, (_, c) => c).sort((a, b) => compareTuples(keys[a], keys[b], width) || a - b);
    return u.kind === 'fk' && this.allowed[ui] ? order.map((c) => this.allowed[ui]![c]) : order;
  }

  /** True when existing rows already hold this combination. */
  private comboTaken(combo: number[]): boolean {
    const row: Record<string, unknown> = {};
    this.recipe.comboKey!.units.forEach((ui, ci) => this.setCombo(ui, combo[ci], row));
    const k = keyOf(row, this.comboColumns);
    return k !== null && this.existingCombos!.has(k);
  }

  private setCombo(ui: number, pos: number, row: Record<string, unknown>): void {
    const u = this.recipe.units[ui];
    const order = this.comboOrder[ui];
    if (order) pos = order[pos];
    if (u.kind === 'fk') {
      const p = this.allowed[ui] && !order ? this.allowed[ui]![pos] : pos;
      assign(row, u.columns, this.parents[ui]!.at(p)!);
      this.picked[ui] = p;
    }
    else row[u.columns[0]] = u.gen!.domainValue!(pos);
  }

  /** Fill-after edges the last drafted row takes part in (see draftRow). */
  private draftPending: FillAfter[] | undefined;

  /** Row i's values, satisfying the CHECKs the engine evaluates and the unique keys (whose
   *  values it takes); null when the row is left out. Nothing else is recorded until commitRow. */
  private draftRow(i: number, combo: number[] | undefined): Record<string, unknown> | null {
    const { units } = this.recipe;
    const row: Record<string, unknown> = this.bareRows ? nameRecord() : {};
    const ctx: RuleContext = { index: i, row };
    // Edges closed after the cycle: decide now whether the row gets a parent, write NULL for now.
    let pending: FillAfter[] | undefined;
    if (this.fillAfter.length) pending = this.fillAfter.filter((f) => !(f.unit.nullable && this.rngs[units.indexOf(f.unit)].chance(f.unit.nullRate ?? NULL_RATE)));
    if (this.override) this.startBranches();
    const group = this.groups?.[i];
    if (group) {
      const gu = this.recipe.grouped!;
      assign(row, units[gu].columns, this.parents[gu]!.at(group.parent)!);
      this.picked[gu] = group.parent;
      ctx.group = { parent: this.parentRow(gu, group.parent), index: group.index, size: group.size };
    }
    // Units with a config function go last, so they see the rest of the row.
    for (let pass = 0; pass < 2; pass++) {
      for (let ui = 0; ui < units.length; ui++) {
        const role = this.roles[ui];
        if (this.late[ui] !== (pass === 1) || role === enum_.group) continue;
        if (role === enum_.free) this.fill(ui, i, row, ctx);
        else if (role === enum_.key) row[units[ui].columns[0]] = this.keyAt(i);
        else if (role === enum_.combo) this.setCombo(ui, combo![this.comboPos[ui]], row);
        else if (role !== enum_.linked && role !== enum_.placed) { assign(row, units[ui].columns, null); this.picked[ui] = -1; }
      }
    }
    if (this.unmatched) {
      this.unmatched = false;
      if (++this.unmatchedTries < UNMATCHED_TRIES) return this.draftRow(i, combo);
      this.unmatchedTries = 0;
      return null;
    }
    this.unmatchedTries = 0;
    if (this.links) this.applyLinks(i, row, ctx);
    this.coherent?.(row, this.picked);
    if (this.recipe.rowChecks.length && !this.satisfyChecks(i, row, ctx)) {
      const c = this.recipe.rowChecks.find((rc) => this.fails(rc.expr, row))!;
      // Only fixed columns (a sampled combination, a key) are involved: skip this combination.
      if (c.columns.every((col) => this.isFixed(this.unitIndex(col)))) {
        this.dropNote ??= `its ${c.columns.length > 1 ? 'key combinations' : 'keys'} (${c.columns.join(', ')}) do not meet CHECK (${sqlText(c.text)})`;
        return null;
      }
      throw new SeedbedError('UNSATISFIABLE', `No row of ${this.recipe.table.name} satisfies CHECK (${sqlText(c.text)}) after ${RETRIES} attempts.`, {
        fix: `Check that the constraint can hold together with the others on ${this.recipe.table.name}, or give its columns a generator in the config.`,
        table: this.recipe.table.name,
      });
    }
    if (this.seen.length && !this.makeUnique(i, row, ctx)) return null;
    if (this.placing && !this.place(i, row, ctx)) { this.forget(row); return null; }
    this.draftPending = pending;
    return row;
  }

  /** Records a drafted row as made (fill-after rows, lookups, kept columns). */
  private commitRow(i: number, row: Record<string, unknown>, pending: FillAfter[] | undefined): void {
    if (pending) for (const f of pending) f.rows.push(i);
    this.inputs.store?.add(this.recipe.table.name, row);
    for (const c of this.keptNames) this.kept.get(c)!.push(row[c]);
    if (this.selfGroups.length) {
      this.recipe.units.forEach((u, ui) => {
        const groups = this.selfGroups[ui];
        if (!groups) return;
        const key = u.shared!.map((c) => String(row[c])).join('\u0000');
        const list = groups.get(key);
        if (list) list.push(i); else groups.set(key, [i]);
      });
    }
  }

  /** A new row starts unsteered (its values as drawn), except in groups the engine cannot test
   *  (always steered, see BranchGroup.always). */
  private startBranches(): void {
    const groups = this.recipe.branches!;
    for (let g = 0; g < groups.length; g++) {
      for (const ui of groups[g].units) this.override![ui] = undefined;
      if (groups[g].always) this.useBranch(g);
    }
  }

  /** Steers the row into group g's next branch: the steered rows take the B branches in a seeded
   *  order, block after block, so they are spread evenly and all reached from B rows on. */
  private useBranch(g: number): BranchOverride[] {
    const group: BranchGroup = this.recipe.branches![g];
    const n = group.branches.length;
    const k = this.steered[g]++;
    const block = Math.floor(k / n);
    let o = this.branchOrder[g];
    if (!o || o.block !== block) {
      const rng = new Rng(this.inputs.seed, this.recipe.table.name, '#branch', String(g), String(block));
      const order = Array.from({ length: n }, (_, j) => j);
      for (let j = n - 1; j > 0; j--) { const r = rng.int(0, j); const t = order[j]; order[j] = order[r]; order[r] = t; }
      o = this.branchOrder[g] = { block, order };
    }
    for (const ui of group.units) this.override![ui] = undefined;
    let b = group.branches[o.order[k % n]];
    // A branch one row at most can take (CheckBranch.once) is taken once; then the next one.
    if (b.once) {
      const used = this.onceUsed[g] ??= new Set();
      if (used.has(b)) b = group.branches.find((x) => !x.once || !used.has(x)) ?? b;
      if (b.once) used.add(b);
    }
    this.branchTaken = b;
    const overrides = b.overrides;
    for (const ov of overrides) this.override![ov.unit] = ov;
    return overrides;
  }

  /** A row that fails group g's CHECKs as drawn: into the next branch, refilling what it changes
   *  (values it sets stay as drawn when they are already set and not narrowed). */
  private steer(g: number, i: number, row: Record<string, unknown>, ctx: GenContext): void {
    for (const ov of this.useBranch(g)) {
      if (this.isFixed(ov.unit)) continue;
      const u = this.recipe.units[ov.unit];
      if (ov.nul || ov.gen || u.columns.some((c) => row[c] === null || row[c] === undefined)) this.fill(ov.unit, i, row, ctx);
    }
    // The branch's comparisons set their columns from the values just drawn.
    const solves = this.branchTaken?.solves;
    if (solves) {
      for (const { check, solve } of solves) {
        if (!this.fails(check, row) || this.isFixed(this.unitIndex(solve.column))) continue;
        const v = solvedValue(solve, row, row[solve.column], this.evalContext, this.checkRng);
        if (v !== undefined) row[solve.column] = v;
      }
    }
  }

  /** The branch useBranch took last. */
  private branchTaken: CheckBranch | undefined;

  /** Fills unit `ui` of row i with a fresh value. */
  private fill(ui: number, i: number, row: Record<string, unknown>, ctx: GenContext): void {
    const u = this.recipe.units[ui];
    const rng = this.rngs[ui];
    if (u.mode === 'fill-after') return assign(row, u.columns, null);
    // A CHECK branch decides NULL or set (and may narrow the values).
    const ov = this.override === undefined ? undefined : this.override[ui];
    if (ov !== undefined && ov.nul) { this.picked[ui] = -1; return assign(row, u.columns, null); }
    if (u.rule) {
      this.picked[ui] = -1;
      // A config function: it may look at generated rows through its own lookup view.
      (ctx as RuleContext).lookup = this.lookups[ui];
      if (u.nullable && u.nullRate && ov === undefined && rng.chance(u.nullRate)) return assign(row, u.columns, null);
      const v = u.rule.next(rng, ctx);
      return assign(row, u.columns, [v === undefined ? null : v]);
    }
    if (u.shared && u.kind === 'fk') return this.fillShared(ui, rng, row, ov);
    if (u.agree && this.picked[u.agree.unit] >= 0 && this.fillAgreeing(ui, rng, row, ov)) return;
    if (u.kind === 'fk') {
      const tuples = this.parents[ui]!;
      const n = tuples.length;
      if (!n || (u.nullable && ov === undefined && rng.chance(u.nullRate ?? NULL_RATE))) { this.picked[ui] = -1; return assign(row, u.columns, null); }
      const planned = this.planned[ui];
      if (planned && i < planned.length) {
        this.picked[ui] = planned[i];
        return assign(row, u.columns, tuples.at(planned[i])!);
      }
      const allowed = this.allowed[ui] ?? this.seenAt[ui];
      if (allowed) {
        const p = allowed[Math.floor(rng.float() * allowed.length)];
        this.picked[ui] = p;
        return assign(row, u.columns, tuples.at(p)!);
      }
      // One draw either way; skewed: a rank on the power law, mapped to a parent through the
      // seeded permutation (so the busiest parents are not simply the first rows).
      // Only the first m ranks when the FK reaches part of its parents (Unit.reach).
      const k = this.skew[ui];
      const m = this.reachN[ui];
      const x = rng.float();
      let p: number;
      if (k === 0 && m === n) p = Math.floor(x * n);
      else {
        const c = FAN_OUT_V0 ** k;
        const rank = k === 0 ? Math.floor(x * m) : Math.min(m - 1, Math.floor((m * ((FAN_OUT_V0 + x * (1 - FAN_OUT_V0)) ** k - c)) / (1 - c)));
        p = (this.permA[ui] * rank + this.permB[ui]) % n;
      }
      this.picked[ui] = p;
      return assign(row, u.columns, tuples.at(p)!);
    }
    if (u.kind === 'self') return this.fillSelf(ui, rng, i, row, ctx);
    if (ov !== undefined) { row[u.columns[0]] = (ov.gen ?? u.gen!).next(rng, ctx); return; }
    if (u.nullable && rng.chance(u.nullRate ?? NULL_RATE)) { row[u.columns[0]] = null; return; }
    row[u.columns[0]] = u.gen!.next(rng, ctx);
  }

  /** An fk sharing columns with an earlier unit: a parent whose values there are the row's (any
   *  parent, setting them, while they are unset: the other unit copies them later, by a link). */
  private fillShared(ui: number, rng: Rng, row: Record<string, unknown>, ov: BranchOverride | undefined): void {
    const u = this.recipe.units[ui];
    const fk = u.fk!;
    const tuples = this.parents[ui]!;
    this.picked[ui] = -1;
    if (!tuples.length || (u.nullable && ov === undefined && rng.chance(u.nullRate ?? NULL_RATE))) return assign(row, u.columns, null);
    const at = u.shared!.map((c) => fk.columns.indexOf(c));
    const values = u.shared!.map((c) => row[c]);
    let p: number;
    if (values.some((v) => v === undefined)) p = rng.int(0, tuples.length - 1);
    else if (values.some((v) => v === null)) return assign(row, u.columns, null); // MATCH SIMPLE: nothing to agree with
    else {
      const list = this.indexBy(ui, at).get(values.map(String).join('\u0000'));
      // No parent agrees: NULL where the columns may be; else the row is drafted again.
      if (!list) { if (u.nullable) return assign(row, u.columns, null); this.unmatched = true; return; }
      p = list[rng.int(0, list.length - 1)];
    }
    this.picked[ui] = p;
    const tuple = tuples.at(p)!;
    fk.columns.forEach((c, j) => { row[c] = tuple[j]; });
  }

  /** The earlier unit of an agreement takes only parents some parent of unit i agrees with. */
  private agreeable(i: number, a: NonNullable<Unit['agree']>): void {
    const u = this.recipe.units[i];
    const first = this.recipe.units[a.unit];
    const values = this.indexBy(i, [u.fk!.refColumns.length + u.carry!.indexOf(a.own)]);
    const at = first.fk!.refColumns.length + first.carry!.indexOf(a.column);
    const tuples = this.parents[a.unit]!;
    const prior = this.allowed[a.unit];
    const n = prior ? prior.length : tuples.length;
    const ok: number[] = [];
    for (let k = 0; k < n; k++) {
      const p = prior ? prior[k] : k;
      const v = tuples.at(p)![at];
      if (v === null || v === undefined || values.has(String(v))) ok.push(p);
    }
    if (ok.length && ok.length < n) this.allowed[a.unit] = Int32Array.from(ok);
  }

  /** An fk whose parent must agree with the one another unit picked (Unit.agree): a parent
   *  carrying the same value. False when that value is NULL (nothing to agree with). */
  private fillAgreeing(ui: number, rng: Rng, row: Record<string, unknown>, ov: BranchOverride | undefined): boolean {
    const u = this.recipe.units[ui];
    const a = u.agree!;
    const other = this.recipe.units[a.unit];
    const value = this.parents[a.unit]!.at(this.picked[a.unit])![other.fk!.refColumns.length + other.carry!.indexOf(a.column)];
    if (value === null || value === undefined) return false;
    this.picked[ui] = -1;
    if (u.nullable && ov === undefined && rng.chance(u.nullRate ?? NULL_RATE)) { assign(row, u.columns, null); return true; }
    const list = this.indexBy(ui, [u.fk!.refColumns.length + u.carry!.indexOf(a.own)]).get(String(value));
    if (!list) { if (u.nullable) assign(row, u.columns, null); else this.unmatched = true; return true; }
    const p = list[rng.int(0, list.length - 1)];
    this.picked[ui] = p;
    assign(row, u.columns, this.parents[ui]!.at(p)!);
    return true;
  }

  /** Unit ui's parents by their values at these positions of the tuple, as text joined by NUL
   *  (built on first use; a unit is looked up by one set of positions). */
  private indexBy(ui: number, at: number[]): Map<string, number[]> {
    let index = this.sharedIndex[ui];
    if (!index) {
      const tuples = this.parents[ui]!;
      index = this.sharedIndex[ui] = new Map();
      for (let k = 0; k < tuples.length; k++) {
        const t = tuples.at(k)!;
        const key = at.map((j) => String(t[j])).join('\u0000');
        const list = index.get(key);
        if (list) list.push(k); else index.set(key, [k]);
      }
    }
    return index;
  }

  /** A forest: roots have NULL (or point at themselves when NOT NULL), children an earlier row. */
  private fillSelf(ui: number, rng: Rng, i: number, row: Record<string, unknown>, ctx: GenContext): void {
    const u = this.recipe.units[ui];
    if (u.shared) return this.fillSelfShared(ui, rng, i, row);
    const ref = u.fk!.refColumns;
    const existing = this.parents[ui]!;
    // A CHECK branch that asks for a parent: an earlier row (an existing one for the first).
    const parented = this.override?.[ui]?.nul === false;
    const root = parented ? i === 0 : i === 0 || rng.chance(u.rootRate ?? 0.3);
    if (parented && i === 0 && existing.length) {
      this.selfPicked[ui] = -1;
      this.depth[i] = 0;
      return assign(row, u.columns, existing.at(rng.int(0, existing.length - 1))!);
    }
    let parent = -1;
    if (!root) {
      // An org chart (rootRate 0) has one head: a parent too deep is drawn again, not made a root.
      for (let t = u.rootRate === 0 ? 8 : 1; t > 0 && parent < 0; t--) {
        parent = rng.int(0, i - 1);
        if (parent >= this.made || (this.depth[parent] ?? 0) >= MAX_TREE_DEPTH - 1) parent = -1;
      }
    }
    this.selfPicked[ui] = parent;
    if (parent >= 0) {
      this.depth[i] = (this.depth[parent] ?? 0) + 1;
      return assign(row, u.columns, ref.map((c) => this.kept.get(c)![parent]));
    }
    this.depth[i] = 0;
    if (u.nullable) return assign(row, u.columns, null);
    if (u.rootGens) return assign(row, u.columns, u.rootGens.map((g) => (g ? g.next(rng, ctx) : null)));
    if (existing.length) return assign(row, u.columns, existing.at(rng.int(0, existing.length - 1))!);
    // NOT NULL self-reference with no earlier row: point at itself (its key is pre-assigned).
    return assign(row, u.columns, ref.map((c) => row[c] ?? this.keyAt(i)));
  }

  /** A tree whose self-reference shares columns with another FK of the row (a folder's tenant is
   *  its owner's): the parent is an earlier row of this run with the same values there. */
  private fillSelfShared(ui: number, rng: Rng, i: number, row: Record<string, unknown>): void {
    const u = this.recipe.units[ui];
    const fk = u.fk!;
    const key = u.shared!.map((c) => row[c]);
    let parent = -1;
    if (i > 0 && !key.some((v) => v === null || v === undefined) && !rng.chance(u.rootRate ?? 0.3)) {
      const list = this.selfGroups[ui]?.get(key.map(String).join('\u0000'));
      for (let t = 0; list && t < 4 && parent < 0; t++) {
        parent = list[rng.int(0, list.length - 1)];
        if ((this.depth[parent] ?? 0) >= MAX_TREE_DEPTH - 1) parent = -1;
      }
    }
    this.selfPicked[ui] = parent;
    const refOf = (c: string) => fk.refColumns[fk.columns.indexOf(c)];
    if (parent >= 0) {
      this.depth[i] = (this.depth[parent] ?? 0) + 1;
      return assign(row, u.columns, u.columns.map((c) => this.kept.get(refOf(c))![parent]));
    }
    this.depth[i] = 0;
    if (u.nullable) return assign(row, u.columns, null);
    // NOT NULL with no parent in its group: the row points at itself.
    return assign(row, u.columns, u.columns.map((c) => row[refOf(c)] ?? this.keyAt(i)));
  }

  /** Pre-assigned key of row i (or beyond them, from keyAt). */
  private keyAt(i: number): unknown {
    const keys = this.inputs.keys;
    if (keys && i < keys.length) return keys[i];
    if (this.inputs.keyAt) return this.inputs.keyAt(i);
    throw new Error(`no key for row ${i} of ${this.recipe.table.name}`);
  }

  private isFixed(ui: number): boolean {
    return ui < 0 || this.roles[ui] !== enum_.free;
  }

  private satisfyChecks(i: number, row: Record<string, unknown>, ctx: GenContext): boolean {
    const checks = this.recipe.rowChecks;
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const failing = checks.filter((c) => this.fails(c.expr, row));
      if (!failing.length) {
        // Redrawn values may have changed a status or an event date: the story agrees again
        // (its guard keeps every CHECK on what it writes; the others do not read it).
        if (attempt > 0 && this.restory) this.restory.apply(row, this.picked);
        return true;
      }
      let steeredNow = 0;
      for (const c of failing) {
        // A CHECK solved as branches: the row goes into its next branch (once per attempt).
        const g = this.groupOfCheck.length ? this.groupOfCheck[checks.indexOf(c)] : -1;
        if (g >= 0) {
          if (!(steeredNow & (1 << Math.min(g, 30)))) this.steer(g, i, row, ctx);
          steeredNow |= 1 << Math.min(g, 30);
          continue;
        }
        // A solved comparison sets its column from the others (drawn again first after a miss);
        // a check it has already made hold is left alone (available >= 0 after available = a - b).
        if (c.solve && this.solve(c, i, row, ctx, attempt)) continue;
        if (this.solving && !this.fails(c.expr, row)) continue;
        // Two-column order relations are fixed by swapping before redrawing.
        if (attempt === 0 && c.columns.length === 2 && /^\S+ (<|<=|>|>=) \S+$/.test(c.text)) {
          const [a, b] = c.columns;
          if (!this.isFixed(this.unitIndex(a)) && !this.isFixed(this.unitIndex(b))) { const t = row[a]; row[a] = row[b]; row[b] = t; continue; }
        }
        for (const col of c.columns) {
          const ui = this.unitIndex(col);
          if (this.isFixed(ui)) continue;
          // Later attempts also try NULL for nullable columns (`a IS NULL OR …` forms).
          if (this.recipe.units[ui].nullable && this.override?.[ui] === undefined && this.checkRng.chance(0.3)) { row[this.recipe.units[ui].columns[0]] = null; continue; }
          this.fill(ui, i, row, ctx);
        }
      }
      if (this.links) this.applyLinks(i, row, ctx);
    }
    if (checks.some((c) => this.fails(c.expr, row))) return false;
    this.restory?.apply(row, this.picked);
    return true;
  }

  /** Sets the column of a solved comparison from the row's other values (after drawing those
   *  again, past the first attempt); false when it cannot, and the check is redrawn as any other. */
  private solve(c: RowCheck, i: number, row: Record<string, unknown>, ctx: GenContext, attempt: number): boolean {
    const s = c.solve!;
    if (!this.fails(c.expr, row)) return true; // an earlier solved column already fixed it
    const target = this.unitIndex(s.column);
    if (this.isFixed(target)) return false;
    if (attempt > 0) {
      for (const col of c.columns) {
        const ui = this.unitIndex(col);
        if (ui !== target && !this.isFixed(ui)) this.fill(ui, i, row, ctx);
      }
    }
    const v = solvedValue(s, row, row[s.column], this.evalContext, this.checkRng);
    if (v === undefined) return false;
    row[s.column] = v;
    return true;
  }

  /** Sets again each column whose solved CHECK the row now fails (its own values kept). */
  private resolve(row: Record<string, unknown>): void {
    for (const c of this.recipe.rowChecks) {
      if (!c.solve || !this.fails(c.expr, row) || this.isFixed(this.unitIndex(c.solve.column))) continue;
      const v = solvedValue(c.solve, row, row[c.solve.column], this.evalContext, this.checkRng);
      if (v !== undefined) row[c.solve.column] = v;
    }
  }

  private makeUnique(i: number, row: Record<string, unknown>, ctx: GenContext): boolean {
    const keys = this.recipe.uniqueKeys;
    const took = this.took;
    // Refilling the columns of one key can change an earlier key's (n8n's variables: a project key
    // refilled moved the row into the global key's partial index, beside the same `key`): then
    // the row's values are given back and every key is made unique again (a few rounds at most).
    for (let round = 0; ; round++) {
      const refilledAt = this.uniqueRound(i, row, ctx, keys, took);
      if (refilledAt === -2) return false;
      if (refilledAt <= 0 || round === 2 || !this.movedBefore(refilledAt, row, took)) return true;
      for (let k = 0; k < keys.length; k++) if (took[k] !== null) this.seen[k].delete(took[k]);
    }
  }

  /** True when a key before `n` no longer has the value the row took for it. */
  private movedBefore(n: number, row: Record<string, unknown>, took: unknown[]): boolean {
    for (let k = 0; k < n; k++) {
      if (this.placedKey?.[k]) continue;
      const form = this.forms?.[k];
      if ((form ? formValue(form, row, this.evalContext) : keyOf(row, this.recipe.uniqueKeys[k])) !== took[k]) return true;
    }
    return false;
  }

  /** One pass over the keys: the last key whose columns were refilled (-1: none), -2 when the row
   *  is left out; `took[k]` the value key k took (null: none). */
  private uniqueRound(i: number, row: Record<string, unknown>, ctx: GenContext, keys: string[][], took: unknown[]): number {
    let refilledAt = -1;
    for (let k = 0; k < keys.length; k++) {
      took[k] = null;
      if (this.placedKey?.[k]) continue; // its values are set when the row is placed (place)
      const key = keys[k];
      const seen = this.seen[k];
      const form = this.forms?.[k];
      let v = form ? formValue(form, row, this.evalContext) : keyOf(row, key);
      if (v === null) continue; // a NULL part never collides; a row outside a partial index neither
      // Once a key has failed, values are scarce: a short search per row from then on, and none
      // at all after STREAK_EXHAUSTED failures in a row (a column with ≈10,000 distinct values
      // asked for 30,000 rows spent 16 s searching 1,000 times for each row it then left out).
      const streak = this.failStreak[k];
      const budget = this.failures[k] === 0 ? 1000 : 30;
      let tries = 0;
      let base: unknown;
      while (seen.has(v)) {
        tries++;
        refilledAt = k;
        const free = this.keyUnits[k].filter((ui) => !this.isFixed(ui));
        if (!free.length || streak >= STREAK_EXHAUSTED) { this.failed(k); return -2; }
        if (tries <= 10) {
          for (const ui of free) this.fill(ui, i, row, ctx);
          if (this.links) this.applyLinks(i, row, ctx);
          // Fresh values hang together too (an email from the name, a child after its parent).
          if (this.recohere[k]) this.coherent!(row, this.picked);
        } else if (tries === 11 && form?.predicate && this.leaveIndex(form, free, row)) {
          v = null;
          break;
        } else {
          const ui = free.find((x) => this.recipe.units[x].gen?.disambiguate);
          if (ui === undefined || tries > budget) { this.failed(k); return -2; }
          const u = this.recipe.units[ui];
          // Suffixes of the value the refills ended with ("2021/22" → "2021/22 2", "… 3"), each
          // base picking up where the last row that needed one left off: no re-trying from 2.
          if (tries === 11) base = row[u.columns[0]];
          // Numbers step from one counter per column (80 → 81, the next collision → 82 …), so
          // bases never walk the same taken values again.
          row[u.columns[0]] = u.gen!.disambiguate!(base, this.suffixes.next(`${k}\u0000${ui}${typeof base === 'number' ? '' : `\u0000${String(base)}`}`));
        }
        // A refilled parent no parent of a shared-column unit agrees with (fillShared): the row
        // would point at nothing; refill again.
        if (this.unmatched) { this.unmatched = false; continue; }
        // Columns a solved CHECK sets follow the refilled key (an end a week after a unique start).
        if (this.solving) this.resolve(row);
        if (this.recipe.rowChecks.some((c) => this.fails(c.expr, row))) continue;
        v = form ? formValue(form, row, this.evalContext) : keyOf(row, key);
        if (v === null) break;
      }
      if (v !== null) { seen.add(v); took[k] = v; }
      this.failStreak[k] = 0;
    }
    return refilledAt;
  }

  /** About how many rows the busiest group of an EXCLUDE timeline gets: all of them without `=`
   *  parts; a few times the mean over the parents (or values) its columns can take. */
  private busiestGroup(form: ExclusionForm): number {
    const n = this.inputs.count;
    if (!form.groupColumns.length) return n;
    let groups = 1;
    for (const c of form.groupColumns) {
      const ui = this.unitIndex(c);
      const size = ui < 0 ? undefined : this.parents[ui]?.length ?? this.recipe.units[ui].domainSize;
      if (!size) return Math.ceil(n / 100);
      groups *= size;
    }
    return Math.min(n, Math.ceil((3 * n) / groups));
  }

  /** Lays the row's ranges out on their groups' timelines (EXCLUDE constraints): the next slot
   *  of its group, passing over slots its CHECKs or a unique key reject; a CHECK that also reads
   *  drawn columns gets them drawn again (and a row whose group that changes is placed again).
   *  False when its group has no room left (a CHECK bounds the dates): the row is left out. */
  private place(i: number, row: Record<string, unknown>, ctx: GenContext): boolean {
    const checks = this.recipe.rowChecks;
    for (const p of this.placing!) {
      let placed = false;
      let group = '';
      for (let t = 0; t < PLACE_TRIES && !placed; t++) {
        group = groupOf(p.form, row, this.evalContext);
        if (p.full.has(group)) return false;
        if (!p.timeline.open(group)) {
          p.full.add(group);
          this.dropNote = `EXCLUDE ${p.form.name} ${sqlText(p.form.text)}: an existing row's range never ends${p.form.groupColumns.length ? ` (for its ${p.form.groupColumns.join(', ')})` : ''}`;
          return false;
        }
        const first = this.recipe.units[p.first];
        const length = this.recipe.units[p.length];
        p.timeline.place(group, row, p.rng, () => (first?.gen ? first.gen.next(this.rngs[p.first], ctx) : undefined), length?.gen ? () => length.gen!.next(this.rngs[p.length], ctx) : undefined);
        if (checks.length && checks.some((c) => this.fails(c.expr, row))) {
          // A CHECK over the placed columns only: the next slot. One that reads drawn ones: redraw them.
          if (!checks.some((c) => this.fails(c.expr, row) && c.columns.some((col) => !this.isFixed(this.unitIndex(col))))) continue;
          if (!this.satisfyChecks(i, row, ctx) || groupOf(p.form, row, this.evalContext) !== group) continue;
        }
        if (this.placedKey && this.placedKey.some((on, k) => { if (!on) return false; const v = this.placedValue(k, row); return v !== null && this.seen[k].has(v); })) continue;
        placed = true;
      }
      if (!placed) {
        const c = checks.find((rc) => this.fails(rc.expr, row));
        const why = `EXCLUDE ${p.form.name} ${sqlText(p.form.text)}: no room left next to the other rows${p.form.groupColumns.length ? ` of their ${p.form.groupColumns.join(', ')}` : ''}${c ? ` within CHECK (${sqlText(c.text)})` : ' (its unique keys)'}`;
        // Not even the first row of the table fits: nothing will (the run names the constraint).
        if (this.made === 0 && !p.full.size) {
          throw new SeedbedError('UNSATISFIABLE', `No row of ${this.recipe.table.name} fits ${why} after ${PLACE_TRIES} slots.`, {
            fix: `Check that the constraint can hold together with the CHECKs on ${this.recipe.table.name}, give its columns a generator in the config, or exclude ${this.recipe.table.name}.`,
            table: this.recipe.table.name,
          });
        }
        p.full.add(group);
        this.dropNote = why;
        return false;
      }
    }
    // Unique keys over placed columns take their values now (a taken one moved the row on, above).
    this.recipe.uniqueKeys.forEach((_, k) => { if (this.placedKey?.[k]) { const v = this.placedValue(k, row); if (v !== null) this.seen[k].add(v); } });
    return true;
  }

  /** Unique key k's value in the row (null: NULL part, or outside a partial index). */
  private placedValue(k: number, row: Record<string, unknown>): unknown {
    const form = this.forms?.[k];
    return form ? formValue(form, row, this.evalContext) : keyOf(row, this.recipe.uniqueKeys[k]);
  }

  /** Moves the row out of a partial index (is_default = false, deleted_at set): each value of a
   *  small domain, or NULL, for the WHERE's own columns, until the WHERE no longer holds and the
   *  row's CHECKs still do. */
  private leaveIndex(form: KeyForm, free: number[], row: Record<string, unknown>): boolean {
    for (const ui of free) {
      const u = this.recipe.units[ui];
      if (u.columns.length !== 1 || !form.predicateColumns.some((c) => c.toLowerCase() === u.columns[0].toLowerCase())) continue;
      const col = u.columns[0];
      const before = row[col];
      const g = u.gen;
      const candidates: unknown[] = u.nullable ? [null] : [];
      if (g?.domainValue && g.domainSize !== undefined && g.domainSize <= 64) for (let i = 0; i < g.domainSize; i++) candidates.push(g.domainValue(i));
      for (const c of candidates) {
        row[col] = c;
        if (!selects(form, row, this.evalContext) && !this.recipe.rowChecks.some((rc) => this.fails(rc.expr, row))) return true;
      }
      row[col] = before;
    }
    return false;
  }

  private failed(k: number): false {
    this.failStreak[k]++;
    this.failures[k]++;
    return false;
  }

  /** A CHECK fails only on false; one we cannot evaluate is left to the database. */
  private fails(expr: Expr, row: Record<string, unknown>): boolean {
    try {
      return evaluate(expr, row, this.evalContext) === false;
    } catch {
      return false;
    }
  }

  private unitIndex(column: string): number {
    return this.unitOfColumn.get(column) ?? this.unitOfColumn.get(column.toLowerCase()) ?? -1;
  }
}

function gcd(a: number, b: number): number {
  while (b) { const t = a % b; a = b; b = t; }
  return a;
}

/** SQLite's order of two values (BINARY collation): NULL, then numbers, then text, then blobs. */
function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a), rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) return Number(a) - Number(b);
  if (ra === 2) return a! < b! ? -1 : a! > b! ? 1 : 0;
  return 0;
}

function rank(v: unknown): number {
  if (v === null || v === undefined) return 0;
  const t = typeof v;
  return t === 'number' || t === 'bigint' || t === 'boolean' ? 1 : t === 'string' ? 2 : 3;
}

function compareTuples(a: unknown[], b: unknown[], width: number): number {
  for (let k = 0; k < width; k++) {
    const c = compareValues(a[k], b[k]);
    if (c) return c;
  }
  return 0;
}

function assign(row: Record<string, unknown>, columns: string[], values: unknown[] | null): void {
  for (let k = 0; k < columns.length; k++) row[columns[k]] = values === null ? null : values[k];
}

/** A parent tuple's values [from, from + n) as one Map key. */
function tupleKey(t: unknown[], from: number, n: number): unknown {
  // As text: the same key read back from the database (PostgreSQL's text) or generated (a number).
  if (n === 1) return String(t[from]);
  let s = '';
  for (let k = from; k < from + n; k++) s += `${String(t[k])}\u0000`;
  return s;
}

/**
 * A unique key's identity: the value itself for one column (cheap in a Set), a joined string
 * for several; null when any part is NULL (NULLs never collide).
 */
export function keyOf(row: Record<string, unknown>, key: string[]): unknown {
  if (key.length === 1) {
    const v = row[key[0]];
    if (v === null || v === undefined) return null;
    return typeof v === 'object' ? String(v) : v;
  }
  let s = '';
  for (const c of key) {
    const v = row[c];
    if (v === null || v === undefined) return null;
    s += `${typeof v === 'string' ? v : String(v)}\u0000`;
  }
  return s;
}
