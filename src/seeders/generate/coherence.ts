import { evaluate, parseCheck, referencedColumns, type EvalContext, type Expr } from '../check/index.ts';
import type { ColumnInfo } from '../schema/model.ts';
import { EPOCH_END, parseDateTime } from './format.ts';
import { COUNTRY_PLACES, PLACES, type Place } from './place-pool.ts';
import { Rng } from './prng.ts';
import { afterBirthStep, storyNotes, storyStep, type StoryInput } from './story.ts';
import type { TableRecipe } from './recipe.ts';
import { DAY, STAFF_TABLES, dateText, dateTimeText, singular, snake } from './rules/kit.ts';
import type { Tuples } from './tuples.ts';

// Rows that hang together, decided once per table from column names and the rules that filled
// them, applied to each row before its CHECKs are tested:
// - dates: created_at <= updated_at <= deleted_at, start <= end, sent <= read, created <= closed;
// - an email made from the person named in the same row;
// - one place per address: city, state, postcode, country, lat/lng and time zone of one real
//   place (place-pool.ts), per group of columns (`billing_city` goes with `billing_country`);
// - totals that add up: line total = quantity * unit price, total = subtotal + tax + shipping
//   - discount, tax = subtotal * tax rate, at each column's scale;
// - children inside their parents' lifetime: a row's creation date is not before the creation
//   of the parent rows it points at, nor after their end (closed/ended/deleted);
// - a status or flag and its event dates agree: shipped_at set for a shipped or delivered order
//   only, deleted_at with is_deleted (story.ts).
// A fix-up that would break one of the table's CHECKs is undone for that row.

type Row = Record<string, unknown>;

/** Dates of the parent rows a foreign key points at: entry p - offset is parent tuple p. */
export interface ParentLife {
  offset: number;
  birth: unknown[];
  end?: unknown[];
}

export interface CoherenceOptions {
  seed: number;
  evalContext?: EvalContext;
  /** Dates of the parents of foreign-key unit `ui` (aligned with its parent tuples), if kept. */
  parentLife?(ui: number): ParentLife | undefined;
  /** The parent tuples foreign-key unit `ui` draws from (its key, then its carried columns). */
  parentTuples?(ui: number): Tuples | undefined;
  /** Rows the run makes (a staff table's offices grow with it). */
  rows?: number;
}

/** Fixes one row; `picked[ui]` is the parent position foreign-key unit ui chose (-1: none). */
export interface Coherence {
  (row: Row, picked: Int32Array): void;
  /** Every column the fix-ups read or write: a row whose other columns change needs no new pass. */
  touches: ReadonlySet<string>;
  /** The status/flag ↔ event-date step alone (story.ts), guarded by the CHECKs on what it writes:
   *  run again after the CHECK solver redrew a column it reads or writes. */
  story?: { touches: ReadonlySet<string>; apply(row: Row, picked: Int32Array): void };
}

interface Step {
  /** Columns the step writes. */
  columns: string[];
  /** Columns it only reads. */
  reads?: string[];
  apply(row: Row, picked: Int32Array): void;
  /** CHECKs on these columns: when one fails after the step, the step is undone. */
  guard?: Expr[];
  /** Per guard CHECK, the indexes (in `columns`) of what it names: when set, a failing CHECK
   *  undoes only those (a CHECK against archived_at keeps the published_at the step set). */
  partial?: number[][];
}

export function coherenceFor(recipe: TableRecipe, opts: CoherenceOptions = { seed: 1 }): Coherence | undefined {
  const facts = tableFacts(recipe);
  const steps: Step[] = [];
  const guarded = (s: Step | undefined) => { if (s) steps.push(withGuard(s, readChecks(recipe))); };
  for (const s of placeSteps(facts, opts.seed, opts.rows)) guarded(s);
  // After the row's own place (an exception keeps it), before totals (a copied unit price counts).
  guarded(copyStep(facts, opts));
  guarded(totalsStep(facts));
  const fixed = fixedColumns(recipe);
  const roles = dateRoles(facts);
  const allChains = dateChains(facts, roles);
  // Event dates a status or flag decides (story.ts) are dated by it, not by the chains.
  const input = storyInput(facts, fixed, opts.seed, roles);
  const story = storyStep(input);
  const mine = new Set(story?.columns);
  const chains = allChains.map((c) => c.filter((x) => !fixed.has(x.column) && !mine.has(x.column))).filter((c) => c.length > 1);
  const rngGap = new Rng(opts.seed, recipe.table.name, '#date-gaps');
  if (chains.length) steps.push({ columns: chains.flat().map((x) => x.column), apply: (row) => { for (const c of chains) fixChain(row, c, rngGap); } });
  const pinned = pinnedStep(recipe, allChains, fixed);
  if (pinned) steps.push(pinned);
  guarded(lifetimeStep(facts, chains, opts, rngGap));
  // After the row's birth is in place (lifetime may move it): which event dates are set, and when.
  const storyAt = story ? steps.length : -1;
  if (story) steps.push(withGuard(story, readChecks(recipe), true));
  // Other event dates (email_confirmed_at) not before the row's creation.
  const ordered = new Set([...mine, ...allChains.flat().map((x) => x.column)]);
  guarded(afterBirthStep(input, () => birthOf(roles, false), ordered));
  const email = emailFromName(facts);
  if (email) steps.push(email);
  guarded(normalizedCopies(facts));
  guarded(boundsInOrder(facts));
  if (!steps.length) return undefined;
  const touches = new Set(steps.flatMap((s) => [...s.columns, ...(s.reads ?? [])]));
  const ctx = opts.evalContext ?? {};
  const fails = (e: Expr, row: Row) => { try { return evaluate(e, row, ctx) === false; } catch { return false; } };
  const saved = steps.map((s) => new Array<unknown>(s.columns.length));
  const run = (k: number, row: Row, picked: Int32Array) => {
    const s = steps[k];
    if (!s.guard) { s.apply(row, picked); return; }
    const cols = s.columns, old = saved[k];
    for (let i = 0; i < cols.length; i++) old[i] = row[cols[i]];
    s.apply(row, picked);
    const guard = s.guard, partial = s.partial;
    let undone = false;
    for (let g = 0; g < guard.length; g++) {
      if (!fails(guard[g], row)) continue;
      if (partial) { for (const i of partial[g]) row[cols[i]] = old[i]; undone = true; continue; }
      for (let i = 0; i < cols.length; i++) row[cols[i]] = old[i];
      break;
    }
    // What the partial undo left must meet every CHECK too; else the whole step goes.
    if (undone && guard.some((e) => fails(e, row))) for (let i = 0; i < cols.length; i++) row[cols[i]] = old[i];
  };
  const again = storyAt < 0 ? undefined : {
    touches: new Set([...steps[storyAt].columns, ...(steps[storyAt].reads ?? [])]),
    apply: (row: Row, picked: Int32Array) => run(storyAt, row, picked),
  };
  if (steps.length === 1 && !steps[0].guard) return Object.assign(steps[0].apply.bind(steps[0]), { touches, story: again });
  return Object.assign((row: Row, picked: Int32Array) => {
    for (let k = 0; k < steps.length; k++) run(k, row, picked);
  }, { touches, story: again });
}

// ── What the table offers ─────────────────────────────────────────────────────────────

interface Facts {
  recipe: TableRecipe;
  /** Columns filled by a rule (not keys, FKs or config functions), with the rule's label. */
  label: Map<string, string>;
  info: Map<string, ColumnInfo>;
}

type Checks = { expr: Expr; columns: Set<string> }[];

function tableFacts(recipe: TableRecipe): Facts {
  const label = new Map<string, string>();
  for (const u of recipe.units) if (u.kind === 'value' && !u.rule) label.set(u.columns[0], u.gen?.label ?? '');
  const info = new Map(recipe.table.columns.map((c) => [c.name, c]));
  return { recipe, label, info };
}

/** The table's CHECKs that can be read, with the columns they name (lower case); parsed once per recipe. */
const checksOf = new WeakMap<TableRecipe, Checks>();
function readChecks(recipe: TableRecipe): Checks {
  let checks = checksOf.get(recipe);
  if (checks) return checks;
  checks = [];
  for (const c of recipe.table.checks) {
    try {
      const expr = parseCheck(c.expression);
      checks.push({ expr, columns: new Set(referencedColumns(expr).map((x) => x.toLowerCase())) });
    } catch {
      // Unreadable CHECKs are the database's to judge (and named by `plan`).
    }
  }
  checksOf.set(recipe, checks);
  return checks;
}

/** Columns whose values a sampled distinct combination sets: coherence must not change them. */
function fixedColumns(recipe: TableRecipe): Set<string> {
  const out = new Set((recipe.comboKey?.units ?? []).flatMap((i) => recipe.units[i].columns));
  // A range partition key (inserted_at of a table partitioned by day) must stay inside the
  // partitions: the other dates of its chain are put around it instead (pinnedStep).
  for (const c of recipe.table.columns) if (c.partition?.ranges) out.add(c.name);
  return out;
}

/** Chains that hold a range partition key: the key stays; a later date before it, or an earlier
 *  one after it, takes the key's value (updated_at not before the inserted_at its partition
 *  decided). Runs after the chains are ordered without the key, so their order stays. */
function pinnedStep(recipe: TableRecipe, chains: ChainLink[][], fixed: Set<string>): Step | undefined {
  const keys = new Set(recipe.table.columns.filter((c) => c.partition?.ranges).map((c) => c.name));
  if (!keys.size) return undefined;
  const pins = chains.flatMap((chain) => chain.filter((x) => keys.has(x.column)).map((pin) => ({
    pin: pin.column,
    later: chain.filter((x) => x.rank > pin.rank && !fixed.has(x.column)).map((x) => x.column),
    earlier: chain.filter((x) => x.rank < pin.rank && !fixed.has(x.column)).map((x) => x.column),
  }))).filter((p) => p.later.length || p.earlier.length);
  if (!pins.length) return undefined;
  /** `v` written like `like` (a date keeps its day only). */
  const as = (v: string, like: string) => (like.length <= 10 ? v.slice(0, 10) : v);
  return {
    columns: pins.flatMap((p) => [...p.later, ...p.earlier]),
    reads: pins.map((p) => p.pin),
    apply(row) {
      for (const p of pins) {
        const k = row[p.pin];
        if (typeof k !== 'string') continue;
        for (const c of p.later) { const v = row[c]; if (typeof v === 'string' && v < k) row[c] = as(k, v); }
        for (const c of p.earlier) { const v = row[c]; if (typeof v === 'string' && v.slice(0, k.length) > k) row[c] = as(k, v); }
      }
    },
  };
}

function withGuard(s: Step, checks: Checks, partial = false): Step {
  const cols = new Set(s.columns.map((c) => c.toLowerCase()));
  const on = checks.filter((c) => [...c.columns].some((x) => cols.has(x)));
  if (!on.length) return s;
  const guard = on.map((c) => c.expr);
  if (!partial) return { ...s, guard };
  return { ...s, guard, partial: on.map((c) => s.columns.flatMap((x, i) => (c.columns.has(x.toLowerCase()) ? [i] : []))) };
}

const round = (v: number, scale: number): number => {
  const k = 10 ** scale;
  return Math.round(v * k) / k;
};

/** Decimal places a numeric column keeps (integers 0, numeric(p, s) s, else `fallback`). */
export function scaleOf(c: ColumnInfo, fallback: number): number {
  if (c.kind === 'integer' || c.kind === 'bigint') return 0;
  if (c.kind === 'decimal') return c.scale ?? fallback;
  return fallback;
}

/** Largest magnitude numeric(p, s) holds. */
export function limitOf(c: ColumnInfo): number {
  if (!c.precision) return Infinity;
  const s = c.scale ?? 0;
  return 10 ** (c.precision - s) - 10 ** -s;
}

// ── Dates ─────────────────────────────────────────────────────────────────────────────

// Words that say where a timestamp sits in a lifetime. Two families, so "created" is never
// ordered against "start" (a course can start before its row was created).
const LIFECYCLE: Record<string, number> = {
  created: 0, creation: 0, inserted: 0, added: 0, first_used: 0, first_seen: 0,
  updated: 1, modified: 1, changed: 1, edited: 1, deleted: 2, archived: 2, removed: 2,
  // Use after creation (Chrome's date_created <= date_last_used, Firefox's firstUsed <= lastUsed).
  last_used: 1, last_accessed: 1, last_seen: 1, last_visited: 1, last_played: 1, last_login: 1, last_activity: 1, last_filled: 1,
};
// Ranks: born (-1) before the start of something (0: ordered, issued, hired, borrowed …), then
// what follows it (1: shipped, due, approved), then its end (2: delivered, paid, returned, closed).
const SPAN: Record<string, number> = {
  birth: -1, born: -1, dob: -1,
  start: 0, starts: 0, started: 0, begin: 0, begins: 0, from: 0, issued: 0, issue: 0, opened: 0, open: 0, sent: 0,
  borrowed: 0, booked: 0, requested: 0, check_in: 0, checkin: 0, departure: 0, enrolled: 0, joined: 0,
  ordered: 0, placed: 0, hired: 0, hire: 0, submitted: 0, applied: 0, rented: 0, purchased: 0, reported: 0, raised: 0,
  shipped: 1, ship: 1, dispatched: 1, due: 1, required: 1, approved: 1, confirmed: 1, accepted: 1, assigned: 1,
  end: 2, ends: 2, ended: 2, finish: 2, finished: 2, to: 2, until: 2, returned: 2, return: 2, closed: 2, close: 2,
  read: 2, delivered: 2, received: 2, arrived: 2, paid: 2, completed: 2, resolved: 2, check_out: 2, checkout: 2, arrival: 2,
  expires: 2, expiry: 2, expired: 2, left: 2, terminated: 2, termination: 2, retired: 2,
  // Tokens: JWT's iat (issued at) and exp, and when the token was consumed (Authelia).
  iat: 0, consumed: 2, exp: 2,
};
/** Days between a step and the one before it, where the word says it follows soon (a shipment
 *  days after its order, not months): [least, most]. Other pairs are only put in order. */
const GAP_DAYS: Record<string, readonly [number, number]> = {
  shipped: [1, 5], ship: [1, 5], dispatched: [1, 5], approved: [0, 3], confirmed: [0, 3], accepted: [0, 3], assigned: [0, 2],
  delivered: [1, 10], received: [1, 10], arrived: [1, 10], returned: [1, 21], return: [1, 21], due: [14, 30], required: [14, 30],
  paid: [0, 10], resolved: [0, 14], closed: [0, 14], completed: [0, 14], read: [0, 2], check_out: [1, 7], checkout: [1, 7], arrival: [0, 1],
};
/** Words that end a row's life: its children are not dated after them. */
const END_OF_LIFE = new Set(['closed', 'ended', 'finished', 'completed', 'resolved', 'deleted', 'archived', 'removed']);
const FILLER = new Set(['at', 'on', 'date', 'time', 'ts', 'timestamp', 'datetime', 'dt']);

interface DateRole { column: string; family: 'life' | 'span'; rank: number; word: string; stem: string }
/** A column of a date chain: its rank, and the days after the rank before it when its word says. */
export interface ChainLink { column: string; rank: number; gap?: readonly [number, number]; deadline?: boolean }
/** Dates that are a deadline set at the start, not a step: later steps do not follow them. */
const DEADLINE = new Set(['required']);

/** Timestamp columns filled by a rule, with the lifetime word in their name. */
function dateRoles(f: Facts): DateRole[] {
  const out: DateRole[] = [];
  const entity = singular(f.recipe.table.name);
  for (const [name, label] of f.label) {
    const col = f.info.get(name)!;
    // Unix times in numbers (added_on INTEGER) are ordered too, among numbers of the same column
    // kind only (seconds in INTEGER, milliseconds in BIGINT): their stem carries the kind, so they
    // never chain with text dates nor give a row its birth for children (those compare text).
    const epoch = label === 'time.epoch' || label === 'time.epochFloat' ? `#${col.kind}` : '';
    if (!epoch && col.kind !== 'date' && col.kind !== 'datetime' && !(col.kind === 'text' && /^(time|date)/.test(label))) continue;
    // Text too short for a date (`starts_at char(4)`): reordering would write one it cannot hold.
    if (col.kind === 'text' && col.length !== undefined && col.length < 10) continue;
    const words = col.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/_+/).filter(Boolean);
    // The table's own date (invoice_date of invoices, rental_date of rentals): when the row began.
    const bare = words.filter((w) => !FILLER.has(w)).join('_');
    if (bare && (bare === entity || entity.endsWith(`_${bare}`))) { out.push({ column: col.name, family: 'span', rank: 0, word: bare, stem: epoch }); continue; }
    for (const [family, table] of [['life', LIFECYCLE], ['span', SPAN]] as const) {
      const hit = words.findIndex((w, i) => table[w] !== undefined || table[`${w}_${words[i + 1]}`] !== undefined);
      if (hit < 0) continue;
      const two = `${words[hit]}_${words[hit + 1]}`;
      const rank = table[two] ?? table[words[hit]];
      const skip = table[two] !== undefined ? 2 : 1;
      const stem = [...words.slice(0, hit), ...words.slice(hit + skip)].filter((w) => !FILLER.has(w)).join('_') + epoch;
      out.push({ column: col.name, family, rank, word: table[two] !== undefined ? two : words[hit], stem });
      break;
    }
  }
  return out;
}

function dateChains(f: Facts, roles = dateRoles(f)): ChainLink[][] {
  const groups = new Map<string, DateRole[]>();
  for (const r of roles) {
    const key = `${r.family}:${r.stem}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const link = (x: DateRole, first: boolean): ChainLink => (first || !GAP_DAYS[x.word] ? { column: x.column, rank: x.rank }
    : { column: x.column, rank: x.rank, gap: GAP_DAYS[x.word], ...(DEADLINE.has(x.word) ? { deadline: true } : {}) });
  const chains = [...groups.values()]
    .filter((g) => g.length > 1 && new Set(g.map((x) => x.rank)).size > 1)
    .map((g) => g.sort((a, b) => a.rank - b.rank).map((x, i) => link(x, i === 0 || x.rank === g[0].rank)));
  // A row is created before it is closed or ended: created <= closed_at. Sorting a pair only
  // lowers `created` and raises the end, so the chains above stay in order.
  const born = birthOf(roles, false);
  if (born) for (const r of roles) if (r.family === 'span' && r.stem === '' && END_OF_LIFE.has(r.word)) chains.push([{ column: born, rank: 0 }, { column: r.column, rank: 1 }]);
  return chains;
}

/** Within-row date order for `plan --explain`: column → what it follows (and by how many days). */
export function dateOrderNotes(recipe: TableRecipe): Map<string, string> {
  const out = new Map<string, string>();
  const fixed = fixedColumns(recipe);
  const mine = statusNotes(recipe);
  for (const chain of dateChains(tableFacts(recipe))) {
    const c = chain.filter((x) => !fixed.has(x.column) && !mine.has(x.column));
    for (let i = 1; i < c.length; i++) {
      const before = c.filter((x) => x.rank < c[i].rank).map((x) => x.column);
      if (!before.length) continue;
      const g = c[i].gap;
      const steps = c.filter((y) => y.rank < c[i].rank && !y.deadline);
      const prev = steps.filter((x) => x.rank === Math.max(...steps.map((y) => y.rank))).map((x) => x.column);
      const note = g ? `${g[0]}–${g[1]} days after ${prev.join(' / ')}` : `after ${before.join(', ')}`;
      out.set(c[i].column, out.has(c[i].column) ? `${out.get(c[i].column)}; ${note}` : note);
    }
  }
  return out;
}

function storyInput(f: Facts, fixed: Set<string>, seed: number, roles?: DateRole[]): StoryInput {
  return { recipe: f.recipe, label: f.label, info: f.info, fixed, birth: () => birthOf(roles ?? dateRoles(f), true), seed, toMs };
}

/** For `plan --explain`: event dates a status or flag of the row decides (story.ts). */
export function statusNotes(recipe: TableRecipe): Map<string, string> {
  return storyNotes(storyInput(tableFacts(recipe), fixedColumns(recipe), 1));
}

/** The column that says when a row came to be: created_at; for a child also sent_at, started_at … */
function birthOf(roles: DateRole[], child: boolean): string | undefined {
  const r = roles.find((x) => x.family === 'life' && x.rank === 0 && x.stem === '')
    ?? (child ? roles.find((x) => x.family === 'span' && x.rank === 0 && x.stem === '') : undefined);
  return r?.column;
}

/** Parent side: the columns whose values its children need (birth, then end of life), if any. */
export function lifeColumns(recipe: TableRecipe): string[] | undefined {
  const roles = dateRoles(tableFacts(recipe));
  // Created, else the row's own start: a customer's orders come after it joined, an employee's after the hire.
  const birth = birthOf(roles, true);
  if (!birth) return undefined;
  const end = roles.find((r) => r.stem === '' && END_OF_LIFE.has(r.word));
  return end ? [birth, end.column] : [birth];
}

/** Child side: the column dated after the parents, if the table has one. */
export function childBirthColumn(recipe: TableRecipe): string | undefined {
  return birthOf(dateRoles(tableFacts(recipe)), true);
}

/** Puts the non-NULL timestamps of `columns` in ascending order (text formats compare as text,
 *  Unix times as numbers); an insertion sort in place: chains are 2–3 columns and this runs for
 *  every row. */
function order(row: Row, columns: string[]): void {
  for (let i = 1; i < columns.length; i++) {
    const v = row[columns[i]];
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    // Move v down past every larger value before it (NULLs stay where they are).
    let hole = i;
    for (let j = i - 1; j >= 0; j--) {
      const w = row[columns[j]];
      if (typeof w !== typeof v) continue;
      if ((w as string | number) <= v) break;
      row[columns[hole]] = shaped(row[columns[hole]], w);
      hole = j;
    }
    if (hole !== i) row[columns[hole]] = shaped(row[columns[hole]], v);
  }
}

/** A date moved into a timestamp's place, or a timestamp into a date's, written as that column
 *  writes its values: a DATE given '2022-04-01 13:24:57' looked distinct from '2022-04-01' to a
 *  unique key, and the database stored both as one day. */
function shaped(dest: unknown, v: unknown): unknown {
  if (typeof dest !== 'string' || typeof v !== 'string' || dest.length === v.length) return v;
  if (dest.length === 10 && v.length > 10 && v[10] === ' ') return v.slice(0, 10);
  if (v.length === 10 && dest.length === 19 && dest[10] === ' ') return `${v} 00:00:00`;
  return v;
}

/** Puts a chain's dates in order, then sets each that follows soon (shipped, paid, returned)
 *  its typical number of days after the latest date of the rank before it (keeping a date or a
 *  midnight timestamp whole days). NULLs stay NULL. */
function fixChain(row: Row, chain: ChainLink[], r: Rng): void {
  const cols = chain.map((x) => x.column);
  order(row, cols);
  for (let i = 1; i < chain.length; i++) {
    const g = chain[i].gap;
    if (!g) continue;
    const v = row[chain[i].column];
    if (typeof v !== 'string') continue;
    // The latest date of the nearest rank below that has one.
    let base: string | undefined;
    let rank = -Infinity;
    for (let j = 0; j < i; j++) {
      const w = row[chain[j].column];
      if (typeof w !== 'string' || chain[j].rank >= chain[i].rank || chain[j].deadline) continue;
      if (chain[j].rank > rank || (chain[j].rank === rank && base !== undefined && w > base)) { base = w; rank = chain[j].rank; }
    }
    if (base === undefined) continue;
    const t = toMs(base);
    if (Number.isNaN(t)) continue;
    const days = g[0] + Math.floor(r.float() * (g[1] - g[0] + 1));
    const whole = v.length <= 10 || v.endsWith('00:00:00');
    let x = whole ? Math.floor(t / DAY) * DAY + days * DAY : t + days * DAY + Math.floor(r.float() * DAY);
    if (x < t) x += DAY;
    row[chain[i].column] = v.length <= 10 ? dateText(x) : dateTimeText(x);
  }
  // A plain date of a later rank stays after a date a gap moved (closed after shipped); dates of
  // one rank are not ordered among themselves (shipped may come after required).
  let below: string | undefined;
  let within: string | undefined;
  for (let i = 0; i < chain.length; i++) {
    if (i > 0 && chain[i].rank !== chain[i - 1].rank) { if (within !== undefined && (below === undefined || within > below)) below = within; within = undefined; }
    const v = row[chain[i].column];
    if (typeof v !== 'string') continue;
    const w = !chain[i].gap && below !== undefined && v < below ? (row[chain[i].column] = shaped(v, below) as string) : v;
    if (!chain[i].deadline && (within === undefined || w > within)) within = w;
  }
}

function lifetimeStep(f: Facts, chains: ChainLink[][], opts: CoherenceOptions, rngGap: Rng): Step | undefined {
  if (!opts.parentLife) return undefined;
  const birth = childBirthColumn(f.recipe);
  if (!birth) return undefined;
  const links: { ui: number; life: ParentLife }[] = [];
  f.recipe.units.forEach((u, ui) => {
    if (u.kind !== 'fk' || u.mode === 'fill-after') return;
    const life = opts.parentLife!(ui);
    if (life) links.push({ ui, life });
  });
  if (!links.length) return undefined;
  // Columns a sampled combination fixed (attendance (student_id, date)) are never moved.
  const fixed = fixedColumns(f.recipe);
  if (fixed.has(birth)) return undefined;
  const links0 = chains.find((c) => c.some((x) => x.column === birth));
  const chain = (links0?.map((x) => x.column) ?? [birth]).filter((c) => !fixed.has(c));
  const rng = new Rng(opts.seed, f.recipe.table.name, '#lifetime');
  /** A timestamp in [lo, hi] written like `like` (a date or a date and time), never before lo. */
  const between = (like: string, lo: string, hi: string | undefined): string => {
    const a = toMs(lo);
    if (Number.isNaN(a)) return like; // not a timestamp we can read: left as it was
    const h = hi === undefined ? NaN : toMs(hi);
    const b = Number.isNaN(h) ? Math.max(a, EPOCH_END) : h;
    const x = a + Math.floor(rng.float() * Math.max(0, b - a));
    if (like.length > 10) return dateTimeText(x);
    const d = dateText(x);
    return d < lo ? dateText(x + DAY) : d;
  };
  return {
    columns: chain,
    reads: links.flatMap((l) => f.recipe.units[l.ui].columns),
    apply(row, picked) {
      let lo: string | undefined;
      let hi: string | undefined;
      for (const l of links) {
        const p = picked[l.ui] - l.life.offset;
        if (p < 0) continue;
        const b = l.life.birth[p];
        if (typeof b !== 'string') continue;
        if (lo === undefined || b > lo) lo = b;
        const e = l.life.end?.[p];
        if (typeof e === 'string' && e >= b && (hi === undefined || e < hi)) hi = e;
      }
      if (lo === undefined) return;
      if (hi !== undefined && hi < lo) hi = undefined;
      let moved = false;
      const v0 = row[birth];
      // The chain is in order already: when its first date is not before lo, none is.
      if (typeof v0 !== 'string' || v0 < lo) {
        for (const c of chain) {
          const v = row[c];
          if (typeof v === 'string' && v < lo) { row[c] = between(v, lo, hi); moved = true; }
        }
      }
      const v = row[birth];
      if (hi !== undefined && typeof v === 'string' && v > hi) { row[birth] = between(v, lo, hi); moved = true; }
      if (moved && links0) fixChain(row, links0, rngGap);
    },
  };
}

/** Epoch ms of 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' without a regex or a Date (the formats
 *  format.ts writes); anything else goes through parseDateTime. */
function toMs(s: string): number {
  const n = (i: number) => s.charCodeAt(i) - 48;
  if ((s.length !== 10 && s.length < 19) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return parseDateTime(s);
  let y = n(0) * 1000 + n(1) * 100 + n(2) * 10 + n(3);
  const m = n(5) * 10 + n(6), d = n(8) * 10 + n(9);
  // Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
  if (m <= 2) y--;
  const era = Math.floor(y / 400), yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const days = era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  const sec = s.length >= 19 ? (n(11) * 10 + n(12)) * 3600 + (n(14) * 10 + n(15)) * 60 + n(17) * 10 + n(18) : 0;
  return days * DAY + sec * 1000;
}

// ── Values copied from the parent row (copies.ts) ─────────────────────────────────────

function copyStep(f: Facts, opts: CoherenceOptions): Step | undefined {
  const groups = f.recipe.copies;
  if (!groups?.length || !opts.parentTuples) return undefined;
  const fixed = fixedColumns(f.recipe);
  const links: { ui: number; rate: number; tuples: Tuples; cols: { column: string; at: number; nullable: boolean; fits: (v: unknown) => boolean }[] }[] = [];
  for (const g of groups) {
    const tuples = opts.parentTuples(g.unit);
    if (!tuples?.length) continue;
    const cols = g.pairs.filter((p) => !fixed.has(p.column)).map((p) => {
      const c = f.info.get(p.column)!;
      return { column: p.column, at: p.at, nullable: c.nullable, fits: fitsColumn(c) };
    });
    if (cols.length) links.push({ ui: g.unit, rate: g.rate, tuples, cols });
  }
  if (!links.length) return undefined;
  const rng = new Rng(opts.seed, f.recipe.table.name, '#copies');
  return {
    columns: links.flatMap((l) => l.cols.map((c) => c.column)),
    reads: links.flatMap((l) => f.recipe.units[l.ui].columns),
    apply(row, picked) {
      for (const l of links) {
        const p = picked[l.ui];
        if (p < 0 || rng.float() >= l.rate) continue;
        const tuple = l.tuples.at(p)!;
        for (const c of l.cols) {
          const v = tuple[c.at];
          if (v === null || v === undefined ? c.nullable : c.fits(v)) row[c.column] = v ?? null;
        }
      }
    },
  };
}

/** Whether a copied value fits the child column (a shorter text, a smaller numeric). */
function fitsColumn(c: ColumnInfo): (v: unknown) => boolean {
  const max = c.length;
  const limit = limitOf(c);
  if (max) return (v) => typeof v !== 'string' || v.length <= max;
  if (limit !== Infinity) return (v) => typeof v !== 'number' || Math.abs(v) <= limit;
  return () => true;
}

// ── Email from the row's person ───────────────────────────────────────────────────────

function emailFromName(f: Facts): Step | undefined {
  const label = (c: string) => f.label.get(c) ?? '';
  const cols = f.recipe.table.columns.map((c) => c.name);
  const email = cols.find((c) => label(c) === 'contact.email');
  if (!email) return undefined;
  const first = cols.find((c) => label(c) === 'person.firstName');
  const last = cols.find((c) => label(c) === 'person.lastName');
  const full = cols.find((c) => /^person\.(fullName|name)/.test(label(c)));
  if (!(first && last) && !full) return undefined;
  const max = f.info.get(email)!.length ?? 254;
  const reads = [first, last, full].filter((c): c is string => c !== undefined);
  // An organisation's staff share its domain (the first row's).
  let domain = STAFF_TABLES.test(snake(f.recipe.table.name)) ? '' : undefined;
  return { columns: [email], reads, apply: (row) => {
    const e = row[email];
    if (typeof e !== 'string' || !e.includes('@')) return;
    const name = first && last ? [row[first], row[last]] : String(row[full!] ?? '').split(/\s+/);
    let local = '';
    for (const x of name) {
      const a = typeof x === 'string' && x ? ascii(x) : '';
      if (a) local = local ? `${local}.${a}` : a;
    }
    if (!local) return;
    if (domain === '') domain = e.slice(e.indexOf('@') + 1);
    const made = `${local}@${domain ?? e.slice(e.indexOf('@') + 1)}`;
    if (made.length <= max) row[email] = made;
  } };
}

// Bounds of one quantity in a row (min_lat/max_lat, price_min/price_max, age_from/age_to): the
// lower is not above the upper.
const LOWER = /^(min|minimum|lower|lo)_(.+)$|^(.+)_(min|minimum|lower|lo|from)$/;
const UPPER: Record<string, string> = { min: 'max', minimum: 'maximum', lower: 'upper', lo: 'hi', from: 'to' };

function boundsInOrder(f: Facts): Step | undefined {
  const numeric = (c: ColumnInfo | undefined) => !!c && ['integer', 'bigint', 'decimal', 'real'].includes(c.kind);
  const bySnake = new Map(f.recipe.table.columns.filter(numeric).map((c) => [snake(c.name), c.name]));
  const pairs: [string, string][] = [];
  for (const [n, lo] of bySnake) {
    const m = LOWER.exec(n);
    if (!m) continue;
    const hi = m[1] ? bySnake.get(`${UPPER[m[1]]}_${m[2]}`) : bySnake.get(`${m[3]}_${UPPER[m[4]]}`);
    // Both filled by rules: keys, references and config functions keep their values.
    if (hi && f.label.has(lo) && f.label.has(hi)) pairs.push([lo, hi]);
  }
  if (!pairs.length) return undefined;
  return { columns: pairs.flat(), apply: (row) => {
    for (const [lo, hi] of pairs) {
      const a = row[lo], b = row[hi];
      // numeric(p, s) values may be text ('12.50').
      if (a !== null && b !== null && a !== undefined && b !== undefined && Number(a) > Number(b)) { row[lo] = b; row[hi] = a; }
    }
  } };
}

// A normalised copy of a sibling column: username_clean, lower_name, normalized_address,
// email_canonical hold their sibling lower-cased and trimmed (what the application stores to
// compare case-insensitively), not words of their own.
const COPY_SUFFIX = /^(.+)_(clean|cleaned|normalized|normalised|lower|lowercase|lowercased|canonical|ci|folded)$/;
const COPY_PREFIX = /^(clean|normalized|normalised|lower|lowercase|lowercased|canonical)_(.+)$/;

// A slug is its row's title or name made URL-safe ("Practical Leadership" → practical-leadership;
// NetBox's tag name/slug, a post's title/slug), its own words only where the row has neither.
const SLUG = /^(?:(.+)_)?slug$/;
const SLUG_SOURCES = ['title', 'name', 'label', 'headline', 'display_name'];

function normalizedCopies(f: Facts): Step | undefined {
  const bySnake = new Map(f.recipe.table.columns.filter((c) => c.kind === 'text').map((c) => [snake(c.name), c.name]));
  const pairs: [target: string, source: string, max: number, slug: boolean][] = [];
  for (const target of f.label.keys()) {
    const col = f.info.get(target)!;
    if (col.kind !== 'text') continue;
    const n = snake(target);
    const base = COPY_SUFFIX.exec(n)?.[1] ?? COPY_PREFIX.exec(n)?.[2];
    let source = base === undefined ? undefined : bySnake.get(base);
    const slug = SLUG.exec(n);
    if (!source && slug) {
      const own = slug[1];
      source = (own ? [`${own}_title`, `${own}_name`, own] : SLUG_SOURCES).map((x) => bySnake.get(x)).find((x) => x !== undefined);
    }
    if (source && source !== target) pairs.push([target, source, col.length ?? Infinity, !!slug && !base]);
  }
  if (!pairs.length) return undefined;
  return { columns: pairs.map((p) => p[0]), reads: pairs.map((p) => p[1]), apply: (row) => {
    for (const [target, source, max, slug] of pairs) {
      const v = row[source];
      if (typeof v === 'string') {
        const s = slug ? slugify(v) : v.trim().toLowerCase();
        if (s) row[target] = s.length > max ? s.slice(0, max).replace(/-+$/, '') : s;
      } else if (v === null && f.info.get(target)!.nullable) row[target] = null;
    }
  } };
}

function slugify(v: string): string {
  return v.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Names come from pools of a few thousand: each is folded once (normalize and two regexes per
 *  name were a quarter of a person table's generation). Bounded: a pool of unique names empties it. */
const ASCII = new Map<string, string>();
function ascii(s: string): string {
  let a = ASCII.get(s);
  if (a === undefined) {
    a = s.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
    if (ASCII.size >= 20_000) ASCII.clear();
    ASCII.set(s, a);
  }
  return a;
}

// ── One place per address ─────────────────────────────────────────────────────────────

type Part = 'city' | 'state' | 'postcode' | 'country' | 'lat' | 'lng' | 'tz' | 'coords';
const PART_OF: Record<string, Part> = {
  'place.city': 'city', 'place.city.context': 'city', 'place.state': 'state', 'place.addressState': 'state', 'place.stateCode': 'state', 'place.state.context': 'state',
  'place.postcode': 'postcode', 'place.country': 'country', 'place.countryCode': 'country', 'place.country.context': 'country',
  'place.latitude': 'lat', 'place.longitude': 'lng', 'place.timeZone': 'tz', 'place.coordinates': 'coords',
};
/** Fill order: when the pool must shrink to fit a column, the earlier parts keep their say. */
const PART_ORDER: Part[] = ['country', 'city', 'state', 'tz', 'lat', 'lng', 'coords', 'postcode'];
/** The place word at the end of a column name; what is left is the address it belongs to. */
const PLACE_WORD = /(^|_)(city|town|city_name|town_name|municipality|state|province|region|state_name|province_name|prefecture|state_province|state_code|state_abbr|state_abbreviation|province_code|region_code|zip|zip_code|zipcode|postal_code|postcode|post_code|postal|postalcode|pin_code|pincode|country|country_name|country_code|country_iso|country_iso_code|iso_country|iso2|iso3|iso_code|country_alpha2|country_alpha3|cc|lat|latitude|geo_lat|lat_deg|lng|lon|long|longitude|geo_lng|lng_deg|time_?zone|tz|tz_name|timezone_name|coordinates|coords|geo|geolocation|geo_location|lat_lng|latlng|gps|name|title)$/;

interface PartColumn { column: string; part: Part; nullable?: boolean; code?: boolean; value(p: Place, r: Rng): unknown; fits(p: Place): boolean }

function placeSteps(f: Facts, seed: number, rows: number | undefined): Step[] {
  const groups = new Map<string, PartColumn[]>();
  for (const [name, label] of f.label) {
    const part = PART_OF[label];
    if (!part) continue;
    const pc = partColumn(f.info.get(name)!, label, part);
    if (!pc) continue;
    const stem = snake(name).replace(PLACE_WORD, '');
    groups.set(stem, [...(groups.get(stem) ?? []), { ...pc, nullable: f.info.get(name)!.nullable }]);
  }
  // An organisation's staff work in one country, in a few offices.
  const staff = STAFF_TABLES.test(snake(f.recipe.table.name));
  // Phone numbers written for the country of the row's own address (the group without a prefix).
  let phones = [...f.label].filter(([, l]) => l === 'contact.phone').map(([c]) => ({ column: c, max: f.info.get(c)!.length ?? Infinity }));
  const phoneStem = groups.has('') ? '' : [...groups.keys()][0];
  const unique = new Set(f.recipe.uniqueKeys.flat());
  phones = phones.filter((p) => !unique.has(p.column));
  const fixed = fixedColumns(f.recipe);
  const steps: Step[] = [];
  for (const [stem, all] of groups) {
    const withPhones = stem === phoneStem && phones.length > 0;
    // One column alone keeps its rule, unless the place also decides the phones or is the staff's office.
    if (all.length < 2 && !withPhones && !staff) continue;
    // Country-only columns (countries.name, iso2, iso3) may take any country, not only those with a city here.
    let pool: readonly Place[] = all.every((c) => c.part === 'country') ? COUNTRY_PLACES : PLACES;
    // Keep the places every column can hold; a column no place fits is left to its rule.
    const cols: PartColumn[] = [];
    for (const part of PART_ORDER) {
      for (const c of all.filter((x) => x.part === part)) {
        const ok = pool.filter((p) => c.fits(p));
        if (ok.length) { pool = ok; cols.push(c); }
      }
    }
    if (!cols.length || (cols.length < 2 && !withPhones && !staff)) continue;
    const rng = new Rng(seed, f.recipe.table.name, `#place:${stem}`);
    const free = cols.filter((c) => !fixed.has(c.column));
    const columns = free.map((c) => c.column);
    const anchors = cols.filter((c) => fixed.has(c.column));
    const tel = withPhones ? phones : [];
    const writes = [...columns, ...tel.map((p) => p.column)];
    // The row has an address when its city (else its country, else any part) was drawn set.
    const main = free.find((c) => c.part === 'city') ?? free.find((c) => c.part === 'country') ?? free[0];
    const put = (row: Row, p: Place) => fill(row, free, main, tel, p, rng);
    if (anchors.length) {
      // A sampled combination fixed this column (iso2 of a countries table): the place follows it.
      const a = anchors[0];
      if (anchors.length > 1 || !DETERMINED.has(a.part)) continue;
      const at = new Map<string, Place[]>();
      for (const p of pool) { const k = String(a.value(p, rng)); at.set(k, [...(at.get(k) ?? []), p]); }
      steps.push({ columns: writes, reads: [a.column], apply: (row) => { const ps = at.get(String(row[a.column])); if (ps) put(row, ps[Math.floor(rng.float() * ps.length)]); } });
      continue;
    }
    const keyed = cols.filter((c) => unique.has(c.column));
    if (keyed.length) {
      // A unique column must not take random parts (postcode, coordinates) from a shared place.
      if (keyed.some((c) => !DETERMINED.has(c.part))) continue;
      // Unique (countries.name …): distinct places in a seeded order, one per row, while they last.
      const seen = new Set<string>();
      const distinct = pool.filter((p) => { const k = keyed.map((c) => String(c.value(p, rng))).join('\u0000'); return !seen.has(k) && seen.add(k); });
      const order = shuffle(distinct, rng);
      let i = 0;
      steps.push({ columns: writes, apply: (row) => { if (i < order.length) put(row, order[i++]); } });
      continue;
    }
    if (staff) {
      // An organisation's staff: one country, a few offices, the first the biggest.
      const offices = officesOf(pool, rows ?? 50, rng);
      steps.push({ columns: writes, apply: (row) => { const x = rng.float(); put(row, offices[x < 0.6 ? 0 : Math.min(offices.length - 1, 1 + Math.floor(((x - 0.6) / 0.4) * (offices.length - 1)))]); } });
      continue;
    }
    const n = pool.length;
    steps.push({ columns: writes, apply: (row) => put(row, pool[Math.floor(rng.float() * n)]) });
  }
  return steps;
}

/** The offices of a staff table: the cities of one country (drawn like any place), one more per
 *  50 staff beyond the first three. */
function officesOf(pool: readonly Place[], rows: number, r: Rng): Place[] {
  // Staff named from English name lists work where those names are common.
  const home0 = pool.filter((p) => ENGLISH_SPEAKING.has(p.alpha2));
  const homes = home0.length ? home0 : pool;
  const home = homes[Math.floor(r.float() * homes.length)];
  const cities = shuffle(pool.filter((p) => p.alpha2 === home.alpha2 && p.city !== home.city), r);
  return [home, ...cities.slice(0, Math.max(2, Math.floor(rows / 50) + 2))];
}

/** Countries where the English first and last names the staff get are the common ones. */
const ENGLISH_SPEAKING = new Set(['US', 'GB', 'CA', 'AU', 'NZ', 'IE']);

/** A state column that holds the code rather than the name. */
export const STATE_CODE = /(^|_)state$/;

/** Parts whose value the place alone decides (no random digits). */
const DETERMINED = new Set<Part>(['city', 'state', 'country', 'tz']);

/** Writes one place into a row: all its parts or, when the row has no address (its main part
 *  drew NULL), none of the nullable ones; a state only where the country's addresses have one. */
function fill(row: Row, cols: PartColumn[], main: PartColumn | undefined, phones: { column: string; max: number }[], p: Place, r: Rng): void {
  const present = main === undefined || (row[main.column] !== null && row[main.column] !== undefined);
  for (const c of cols) {
    if (c.nullable && (!present || (c.part === 'state' && (!p.hasRegion || (c.code && !p.regionCode))) || (c.part === 'postcode' && !p.postcode))) row[c.column] = null;
    else row[c.column] = c.value(p, r);
  }
  for (const t of phones) {
    const v = row[t.column];
    if (typeof v !== 'string' || !p.phone || p.phone.length > t.max) continue;
    row[t.column] = phoneOf(p.phone, r);
  }
}

/** A phone number of the pattern's shape (`#` a digit, `%` a digit 2–9). */
function phoneOf(pattern: string, r: Rng): string {
  let s = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    s += ch === '#' ? DIGITS[Math.floor(r.float() * 10)] : ch === '%' ? DIGITS[2 + Math.floor(r.float() * 8)] : ch;
  }
  return s;
}

function shuffle<T>(xs: readonly T[], r: Rng): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(r.float() * (i + 1)); const t = a[i]; a[i] = a[j]; a[j] = t; }
  return a;
}

function partColumn(col: ColumnInfo, label: string, part: Part): PartColumn | undefined {
  const max = col.length ?? Infinity;
  const name = snake(col.name);
  const text = (get: (p: Place) => string): PartColumn => ({ column: col.name, part, value: get, fits: (p) => get(p).length <= max });
  const numeric = col.kind === 'integer' || col.kind === 'bigint' || col.kind === 'real' || col.kind === 'decimal';
  switch (part) {
    case 'city': return col.kind === 'text' ? text((p) => p.city) : undefined;
    case 'tz': return col.kind === 'text' ? text((p) => p.timeZone) : undefined;
    case 'state': {
      if (col.kind !== 'text') return undefined;
      // A bare `state` (billing_state) holds the code, as addresses write it (CA, SP, NSW).
      // A region without a letter code (a numbered prefecture): its name, or NULL where allowed (fill).
      return label === 'place.stateCode' || max <= 3 || STATE_CODE.test(name) ? { ...text((p) => p.regionCode || p.region), code: true } : text((p) => p.region);
    }
    case 'country': {
      if (col.kind !== 'text') return undefined;
      const code = label === 'place.countryCode' ? (max === 3 || /3$/.test(name) ? 3 : 2) : max === 2 ? 2 : max === 3 ? 3 : 0;
      return text(code === 2 ? (p) => p.alpha2 : code === 3 ? (p) => p.alpha3 : (p) => p.country);
    }
    case 'postcode': {
      if (col.kind === 'text') return { column: col.name, part, value: (p, r) => postcode(p.postcode, r), fits: (p) => p.postcode.length <= max };
      if (col.kind !== 'integer' && col.kind !== 'bigint') return undefined;
      // Integer postcodes: digit-only patterns that do not start with a zero.
      return { column: col.name, part, value: (p, r) => Number(postcode(p.postcode, r)), fits: (p) => /^[1-9#][0-9#]*$/.test(p.postcode) && p.postcode.length <= 9 };
    }
    case 'lat':
    case 'lng': {
      if (!numeric) return undefined;
      const dec = Math.min(6, scaleOf(col, 6));
      const limit = limitOf(col);
      const at = part === 'lat' ? (p: Place) => p.lat : (p: Place) => p.lng;
      // Within about 5 km of the place's centre.
      return { column: col.name, part, value: (p, r) => round(at(p) + (r.float() - 0.5) * 0.1, dec), fits: (p) => Math.abs(at(p)) + 0.1 <= limit };
    }
    case 'coords': {
      const json = col.kind === 'json';
      if (col.kind !== 'text' && !json) return undefined;
      const make = (p: Place, r: Rng) => {
        const lat = (p.lat + (r.float() - 0.5) * 0.1).toFixed(5);
        const lng = (p.lng + (r.float() - 0.5) * 0.1).toFixed(5);
        return json ? `{"lat":${lat},"lng":${lng}}` : `${lat},${lng}`;
      };
      return { column: col.name, part, value: make, fits: () => (json ? 40 : 22) <= max };
    }
  }
}

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
/** A postcode of the pattern's shape: `#` a digit, `@` a letter. */
function postcode(pattern: string, r: Rng): string {
  let s = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    s += ch === '#' ? DIGITS[Math.floor(r.float() * 10)] : ch === '@' ? LETTERS[Math.floor(r.float() * LETTERS.length)] : ch;
  }
  return s;
}

// ── Totals that add up ────────────────────────────────────────────────────────────────

export const QUANTITY = ['quantity', 'qty', 'quantity_ordered', 'ordered_quantity', 'quantity_purchased', 'quantity_sold', 'units', 'unit_count', 'num_items', 'item_count', 'items_count', 'pieces'];
export const UNIT_PRICE = ['unit_price', 'price_per_unit', 'unit_cost', 'price_each', 'unit_amount', 'price', 'sale_price', 'selling_price', 'list_price', 'retail_price', 'cost_price'];
export const SUBTOTAL = ['subtotal', 'sub_total', 'subtotal_amount', 'line_subtotal'];
const TAX = ['tax', 'tax_amount', 'tax_total', 'vat', 'vat_amount', 'sales_tax', 'gst', 'gst_amount'];
const DISCOUNT = ['discount', 'discount_amount', 'discount_total'];
const SHIPPING = ['shipping', 'shipping_cost', 'shipping_amount', 'shipping_fee', 'shipping_total', 'delivery_fee'];
const TOTAL = ['line_total', 'total', 'total_price', 'total_amount', 'grand_total', 'amount', 'total_cost', 'extended_price', 'order_total', 'invoice_total', 'net_total', 'line_amount', 'amount_due'];
/** Money in cents: `total_cents` is a total, counted in cents. */
export const CENTS = /_(in_)?cents$/;
export const MONEY = new Set(['money.price', 'money.perUnit', 'money.amount', 'money.cents']);

interface Money { column: string; scale: number; limit: number }

function totalsStep(f: Facts): Step | undefined {
  // Money columns by the name they would have without `_cents`; all parts in one unit.
  const byName = new Map<string, { column: string; cents: boolean }>();
  let quantity: string | undefined, taxRate: string | undefined, discountPct: string | undefined;
  for (const [name, label] of f.label) {
    const n = snake(name);
    if (label === 'commerce.quantity' && QUANTITY.includes(n)) quantity ??= name;
    else if (label === 'money.taxRate') taxRate ??= name;
    else if (label === 'money.discountPercent' && /discount|percent_off/.test(n)) discountPct ??= name;
    else if (MONEY.has(label)) {
      const cents = CENTS.test(n);
      const base = n.replace(CENTS, '');
      if (!byName.has(base)) byName.set(base, { column: name, cents });
    }
  }
  const first = (names: string[]) => names.map((n) => byName.get(n)).find((x) => x !== undefined);
  const price = quantity ? first(UNIT_PRICE) : undefined;
  const sub0 = first(SUBTOTAL);
  const anchor = price ?? sub0;
  if (!anchor) return undefined;
  const money = (names: string[]): Money | undefined => {
    const m = first(names);
    if (!m || m.cents !== anchor.cents || m.column === price?.column) return undefined;
    const c = f.info.get(m.column)!;
    return { column: m.column, scale: m.cents ? 0 : scaleOf(c, 2), limit: limitOf(c) };
  };
  const sub = money(SUBTOTAL);
  const tax = money(TAX);
  const discount = money(DISCOUNT);
  const shipping = money(SHIPPING);
  const total = money(TOTAL);
  const parts = tax || discount || shipping || discountPct;
  if (!((price && (sub || total)) || (sub && total && parts))) return undefined;
  const q = quantity, p = price?.column;
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const set = (m: Money, v: number, row: Row): number | undefined => {
    const x = round(v, m.scale);
    if (Math.abs(x) > m.limit) return undefined;
    row[m.column] = x;
    return x;
  };
  const columns = [sub, tax, discount, total].filter((m): m is Money => m !== undefined).map((m) => m.column);
  const fixed = fixedColumns(f.recipe);
  if (columns.some((c) => fixed.has(c))) return undefined;
  const reads = [q, p, taxRate, discountPct, shipping?.column].filter((c): c is string => c !== undefined);
  return {
    columns,
    reads,
    apply(row) {
      let base: number | undefined;
      if (p && q) {
        const qv = num(row[q]), pv = num(row[p]);
        if (qv !== undefined && pv !== undefined) base = qv * pv;
      }
      if (sub) base = base !== undefined ? set(sub, base, row) : num(row[sub.column]);
      if (base === undefined) return;
      let t = base;
      if (tax) {
        const rate = taxRate ? num(row[taxRate]) : undefined;
        const tv = rate !== undefined && row[tax.column] !== null ? set(tax, (base * rate) / 100, row) : num(row[tax.column]);
        if (tv !== undefined) t += tv;
      }
      if (discount) {
        const dv = num(row[discount.column]);
        // A discount never exceeds what it is taken from.
        if (dv !== undefined) t -= dv > base && base >= 0 ? set(discount, base * 0.1, row) ?? 0 : dv;
      } else if (discountPct) {
        const pct = num(row[discountPct]);
        if (pct !== undefined) t -= round((base * pct) / 100, total?.scale ?? 2);
      }
      if (shipping) t += num(row[shipping.column]) ?? 0;
      if (total && row[total.column] !== null) set(total, t, row);
    },
  };
}
