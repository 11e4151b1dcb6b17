import type { ColumnInfo } from '../schema/model.ts';
import { Rng } from './prng.ts';
import type { Generator } from './generator.ts';
import type { TableRecipe } from './recipe.ts';
import { DAY, EPOCH_END, EPOCH_START, dateText, dateTimeText, localName, singular, snake } from './rules/kit.ts';

// A row's status agrees with its timestamps and flags (coherence.ts runs it): a status whose
// values name events (cancelled, shipped, paid, …) decides which of the columns named for those
// events (`cancelled_at`, `shipped_on`, `date_paid`) are set — its own and, on the common order of
// events (paid < shipped < delivered < completed), the earlier ones — and which are NULL; a
// boolean `is_deleted` / `email_verified` decides `deleted_at` / `email_verified_at` (and
// `is_active` decides `deactivated_at`, set when it is false). Set timestamps follow the row's
// birth (created_at) in that order, a typical number of days apart. Decided once per table from
// names, types and the status column's values; a table without such pairs gets no step.

type Row = Record<string, unknown>;

/** Fillers that end (or, for `date`, begin) a timestamp's name around its event word. */
const SUFFIX = new Set(['at', 'on', 'date', 'time', 'timestamp', 'ts', 'datetime', 'dt', 'when']);
/** Timestamps that plan or record something other than a state reached: never managed. */
const NOT_EVENTS = new Set([
  'created', 'updated', 'modified', 'changed', 'edited', 'inserted', 'added', 'scheduled', 'due', 'expires', 'expiry',
  'planned', 'estimated', 'expected', 'required', 'target', 'deadline', 'last', 'next', 'first', 'birth', 'start', 'end',
  'valid', 'effective', 'until', 'from', 'to', 'synced', 'seen_last',
]);
/** Statuses and column words spelled differently for one event. */
const SPELLING: Record<string, string> = { canceled: 'cancelled', cancel: 'cancelled', void: 'voided', complete: 'completed', done: 'completed', success: 'succeeded', successful: 'succeeded', open: 'opened', authorised: 'authorized', finalised: 'finalized' };
/** Statuses that say an event happened without naming it as a past participle. */
const STATUS_EVENTS: Record<string, string[]> = {
  active: ['activated', 'started'], in_progress: ['started'], running: ['started'], ongoing: ['started'], processing: ['started'],
  in_transit: ['shipped'], out_for_delivery: ['shipped'], inactive: ['deactivated'], disabled: ['deactivated'],
  // Paused or past due: it had started.
  paused: ['paused', 'started'], past_due: ['past_due', 'activated', 'started'],
  // A job queue's states (Oban, Sidekiq, graphile-worker): a job that ran; one that failed and
  // will run again; one given up on after failing.
  executing: ['started'], retryable: ['failed', 'started'], errored: ['failed', 'started'], dead: ['failed', 'started'],
  discarded: ['discarded', 'failed', 'started'],
};
/** The common order of events a thing goes through; a status at a rank has passed the ranks below. */
const RANK: Record<string, number> = {
  // (Not opened: a mail is opened after it is delivered.)
  submitted: 1, requested: 1, placed: 1, ordered: 1, registered: 1, invited: 1, queued: 1,
  reviewed: 2, assigned: 2, acknowledged: 2,
  confirmed: 3, verified: 3, accepted: 3, approved: 3, authorized: 3,
  paid: 4, charged: 4, captured: 4,
  started: 5, activated: 5, processed: 5, published: 5, joined: 5, enrolled: 5,
  shipped: 6, dispatched: 6,
  delivered: 7, received: 7,
  completed: 8, finished: 8, ended: 8, fulfilled: 8, succeeded: 8, resolved: 8, settled: 8, finalized: 8,
  closed: 9,
};
/** Statuses off that order (an exit), with the event they imply happened before, if any
 *  (`ladder`: and the ranks below it). Any other status reaches its own event and the first
 *  steps (rank 1) only: a cancelled order was placed, not paid. */
const IMPLIES: Record<string, { event: string; ladder: boolean }> = {
  refunded: { event: 'paid', ladder: true }, returned: { event: 'delivered', ladder: true },
  suspended: { event: 'activated', ladder: true }, banned: { event: 'activated', ladder: true }, blocked: { event: 'activated', ladder: true },
  locked: { event: 'activated', ladder: true }, deactivated: { event: 'activated', ladder: true },
  terminated: { event: 'started', ladder: true }, archived: { event: 'published', ladder: false }, failed: { event: 'started', ladder: false },
};
/** Statuses before anything happened, not even the first step (a draft is not yet submitted). */
const BEFORE_ALL = new Set(['draft', 'new', 'unsubmitted', 'not_started', 'initial', 'created']);
/** A flag whose truth is the absence of an event: `is_active` true ↔ `deactivated_at` NULL. */
const ANTONYM: Record<string, string[]> = {
  active: ['deactivated', 'inactivated', 'disabled'], enabled: ['disabled'], visible: ['hidden'], subscribed: ['unsubscribed'],
  available: ['unavailable'], valid: ['invalidated', 'revoked'], published: ['unpublished'], unread: ['read'],
};
/** Days after the step before: [least, most]. Others take DEFAULT_GAP. */
const GAP: Record<string, readonly [number, number]> = {
  submitted: [0, 2], requested: [0, 2], placed: [0, 1], ordered: [0, 1], opened: [0, 1], reviewed: [0, 7], assigned: [0, 2],
  confirmed: [0, 2], verified: [0, 2], accepted: [0, 3], approved: [0, 3], authorized: [0, 1], paid: [0, 3], charged: [0, 3],
  started: [0, 7], activated: [0, 2], processed: [0, 3], published: [0, 14], shipped: [1, 5], dispatched: [1, 5],
  delivered: [1, 10], received: [1, 10], completed: [0, 14], finished: [0, 14], resolved: [0, 14], closed: [0, 14], ended: [1, 90],
  cancelled: [0, 14], rejected: [0, 7], declined: [0, 7], failed: [0, 2], refunded: [1, 30], returned: [1, 21], read: [0, 2], seen: [0, 2],
  deleted: [1, 365], archived: [7, 365], suspended: [30, 365], banned: [30, 365], deactivated: [30, 365], expired: [30, 365],
};
const DEFAULT_GAP: readonly [number, number] = [0, 30];
const STATUS_NAME = /(^|_)(status|state|stage|phase|lifecycle)$/;
/** A status with a prefix (payment_status, health_status) tells the row's own events only for
 *  its process: these, or any when the prefix is the row's own noun (orders.order_status). */
const STEM_EVENTS: Record<string, string[]> = {
  payment: ['paid', 'refunded', 'failed', 'charged', 'captured', 'settled', 'cancelled'],
  billing: ['paid', 'refunded', 'failed', 'charged', 'settled'],
  delivery: ['shipped', 'dispatched', 'delivered', 'returned', 'fulfilled', 'failed'],
  shipping: ['shipped', 'dispatched', 'delivered', 'returned'], shipment: ['shipped', 'dispatched', 'delivered', 'returned'],
  fulfillment: ['shipped', 'dispatched', 'delivered', 'fulfilled', 'returned'], fulfilment: ['shipped', 'dispatched', 'delivered', 'fulfilled', 'returned'],
  approval: ['approved', 'rejected', 'declined', 'reviewed'], review: ['reviewed', 'approved', 'rejected'], moderation: ['approved', 'rejected', 'reviewed'],
  verification: ['verified', 'rejected'], publication: ['published', 'unpublished'], publish: ['published', 'unpublished'],
  completion: ['completed', 'finished', 'started'], progress: ['started', 'completed', 'finished'],
};
const GENERIC_STEMS = new Set(['', 'current', 'workflow', 'lifecycle', 'overall', 'record', 'row', 'status']);
const FLAG_PREFIX = /^(is|has_been|was|has)_/;
/** What a flag's name may end with besides its word: activebool, deleted_flag, active_yn. */
const TWIN_SUFFIX = /_?(bool|boolean|flag|yn)$/;

const norm = (v: string) => { const w = v.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, ''); return SPELLING[w] ?? w; };

/** The events a status value says have happened (status values repeat across tables: kept). */
const REACHED = new Map<string, Set<string>>();
export function reached(value: string): Set<string> {
  let out = REACHED.get(value);
  if (!out) {
    out = reach(norm(value));
    if (REACHED.size < 10_000) REACHED.set(value, out);
  }
  return out;
}

function reach(v: string): Set<string> {
  const out = new Set<string>();
  if (BEFORE_ALL.has(v)) return out;
  const add = (e: string, ladder: boolean) => {
    out.add(e);
    const r = RANK[e];
    if (r === undefined) return;
    // One rank of ends: completed, finished, resolved are one event told differently.
    for (const [w, q] of Object.entries(RANK)) if (ladder ? q < r || (q === r && r === 8) : q === 1) out.add(w);
  };
  for (const e of STATUS_EVENTS[v] ?? [v]) add(e, true);
  const imp = IMPLIES[v];
  if (imp) add(imp.event, imp.ladder);
  if (RANK[v] === undefined && !imp && !STATUS_EVENTS[v]) for (const [w, q] of Object.entries(RANK)) if (q === 1) out.add(w);
  return out;
}

/** A timestamp column named for an event: its stem (`email` of email_verified_at) and event word. */
function eventOf(name: string): { stem: string; event: string; bare: string } | undefined {
  const words = snake(name).split('_').filter(Boolean);
  let bare: string[];
  if (words.length > 1 && SUFFIX.has(words[words.length - 1])) bare = words.slice(0, -1);
  else if (words.length > 1 && words[0] === 'date') bare = words.slice(1);
  else return undefined;
  const event = SPELLING[bare[bare.length - 1]] ?? bare[bare.length - 1];
  if (NOT_EVENTS.has(event) || bare.some((w) => w === 'last' || w === 'next' || w === 'first')) return undefined;
  return { stem: bare.slice(0, -1).join('_'), event, bare: [...bare.slice(0, -1), event].join('_') };
}

export interface StoryInput {
  recipe: TableRecipe;
  /** Columns filled by a rule, with the rule's label. */
  label: Map<string, string>;
  info: Map<string, ColumnInfo>;
  /** Columns a sampled combination or a partition decided: never changed. */
  fixed: Set<string>;
  /** The column that says when the row came to be (created_at), if any; asked only of a table
   *  with event dates. */
  birth(): string | undefined;
  seed: number;
  toMs(s: string): number;
}

interface Managed { column: string; event: string; date: boolean; rank: number }
interface ByStatus { kind: 'status'; column: string; cols: Managed[]; pattern: Map<unknown, Uint8Array> }
interface ByFlag { kind: 'flag'; column: string; col: Managed; inverse: boolean }
/** `copy` follows `column`: a twin flag copies it; with `values`, a flag is true where the status is one of them. */
interface ByTwin { kind: 'twin'; column: string; copy: string; bool: boolean; values?: Set<unknown> }
type Pair = ByStatus | ByFlag | ByTwin;

/** The pairs a table has, for `plan --explain`: managed timestamp → what decides it. */
export function storyNotes(input: StoryInput): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of pairsOf(input)) {
    if (p.kind === 'twin') out.set(p.copy, p.values ? `true when ${p.column} is ${[...p.values].join(' / ')}, else false` : `the same as ${p.column}`);
    else if (p.kind === 'flag') out.set(p.col.column, `set when ${p.column} is ${p.inverse ? 'false' : 'true'}, else NULL`);
    else {
      for (const [i, c] of p.cols.entries()) {
        const when = [...p.pattern].filter(([, m]) => m[i]).map(([v]) => String(v));
        out.set(c.column, `set when ${p.column} is ${when.join(' / ')}, else NULL`);
      }
    }
  }
  return out;
}

function finiteValues(recipe: TableRecipe, column: string, info: ColumnInfo): unknown[] | undefined {
  const u = recipe.units.find((x) => x.kind === 'value' && !x.rule && x.columns[0] === column);
  const g = u?.gen;
  if (g?.domainSize !== undefined && g.domainValue && g.domainSize <= 64) return Array.from({ length: g.domainSize }, (_, i) => g.domainValue!(i));
  return info.enumValues?.length ? [...info.enumValues] : undefined;
}

function pairsOf(input: StoryInput): Pair[] {
  const { recipe, label, info, fixed } = input;
  // Nullable timestamps named for an event; flags, and whether two share a word. Most tables
  // have neither event dates nor twin flags: they stop here.
  const scan = scanOf(input);
  let events = scan.events.filter((e) => info.get(e.column)!.nullable);
  if (!events.length && scan.flags.length < 2) return [];
  if (events.length) { const birth = input.birth(); events = events.filter((e) => e.column !== birth); }
  const out: (ByStatus | ByFlag)[] = [];
  const taken = new Set<string>();
  // Statuses: a column named for one, with a finite set of text values.
  const statuses: { column: string; stem: string; own: boolean; values: string[]; sets: Set<string>[] }[] = [];
  const entity = singular(localName(recipe.table.name));
  for (const name of label.keys()) {
    const n = snake(name);
    if (!STATUS_NAME.test(n) || fixed.has(name)) continue;
    const values = finiteValues(recipe, name, info.get(name)!)?.filter((v): v is string => typeof v === 'string');
    if (!values || values.length < 2) continue;
    const stem = n.replace(STATUS_NAME, '').replace(/_$/, '');
    const own = GENERIC_STEMS.has(stem) || entity === stem || entity.endsWith(`_${stem}`);
    statuses.push({ column: name, stem: own ? '' : stem, own, values, sets: values.map(reached) });
  }
  // A timestamp a status names outright belongs to that status; else to one whose order implies it.
  for (const direct of [true, false]) {
    for (const s of statuses) {
      const cols = events.filter((e) => !taken.has(e.column) && (e.stem === s.stem || (e.stem === '' && (s.own || STEM_EVENTS[s.stem]?.includes(e.event))))
        && s.sets.some((x) => x.has(e.event)) && s.sets.some((x) => !x.has(e.event))
        && (!direct || s.values.some((v) => norm(v) === e.event || (STATUS_EVENTS[norm(v)] ?? []).includes(e.event))));
      if (!cols.length) continue;
      for (const c of cols) taken.add(c.column);
      cols.sort((a, b) => a.rank - b.rank);
      const existing = out.find((p): p is ByStatus => p.kind === 'status' && p.column === s.column);
      const all = [...(existing?.cols ?? []), ...cols].sort((a, b) => a.rank - b.rank);
      const pattern = new Map<unknown, Uint8Array>(s.values.map((v, i) => [v, Uint8Array.from(all, (c) => (s.sets[i].has(c.event) ? 1 : 0))]));
      if (existing) { existing.cols = all; existing.pattern = pattern; } else out.push({ kind: 'status', column: s.column, cols: all, pattern });
    }
  }
  const flags = scan.flags;
  // Two flags that say one thing (pagila's activebool and active): the first (a boolean if one
  // is) decides, the other copies it. Before the timestamps, which then follow either.
  const twins: ByTwin[] = [];
  for (const f of flags) {
    const group = flags.filter((x) => x.word === f.word);
    const lead = group.find((x) => x.bool) ?? group[0];
    if (lead !== f) twins.push({ kind: 'twin', column: lead.column, copy: f.column, bool: f.bool });
  }
  // A row's own status that names a flag's word (status 'active', is_active) decides the flag:
  // true for that status only (an inactive, suspended or pending account is not active).
  const echoes: ByTwin[] = [];
  for (const s of statuses) {
    if (!s.own) continue;
    for (const f of flags) {
      const on = new Set(s.values.filter((v) => norm(v) === f.word));
      if (on.size && on.size < s.values.length) echoes.push({ kind: 'twin', column: s.column, copy: f.column, bool: f.bool, values: on });
    }
  }
  // A flag named like an event, or its opposite, decides that event's timestamp.
  for (const f of flags) {
    const w = f.word;
    for (const e of events) {
      if (taken.has(e.column)) continue;
      const stem = e.stem ? `${e.stem}_` : '';
      const same = e.bare === w;
      const inverse = !same && (ANTONYM[w.slice(stem.length)] ?? []).includes(e.event) && w.startsWith(stem);
      if (!same && !inverse) continue;
      taken.add(e.column);
      out.push({ kind: 'flag', column: f.column, col: e, inverse });
    }
  }
  const echoed = new Set(echoes.map((e) => e.copy));
  return [...echoes, ...twins.filter((t) => !echoed.has(t.copy)), ...out];
}

type EventDate = Managed & { stem: string; bare: string };
/** One look at a table's columns, shared by its steps: the timestamps filled by a rule and named
 *  for an event, and how many integer or boolean columns it has. */
interface Flag { column: string; word: string; bool: boolean }
const scans = new WeakMap<Map<string, string>, { events: EventDate[]; flags: Flag[] }>();
function scanOf(input: StoryInput): { events: EventDate[]; flags: Flag[] } {
  let scan = scans.get(input.label);
  if (scan) return scan;
  scan = { events: [], flags: [] };
  let gens: Map<string, Generator> | undefined;
  for (const [name, l] of input.label) {
    const c = input.info.get(name)!;
    if (input.fixed.has(name) || c.generated) continue;
    if (c.kind === 'boolean' || c.kind === 'integer' || c.kind === 'bigint') {
      // A flag: a boolean, or an integer that holds only 0 and 1.
      if (c.kind !== 'boolean' && !gens) {
        gens = new Map();
        for (const u of input.recipe.units) if (u.kind === 'value' && !u.rule && u.gen) gens.set(u.columns[0], u.gen);
      }
      const g = gens?.get(name);
      if (c.kind !== 'boolean' && !(g?.domainSize === 2 && g.domainValue && [g.domainValue(0), g.domainValue(1)].sort().join() === '0,1')) continue;
      const word = snake(name).replace(FLAG_PREFIX, '').replace(TWIN_SUFFIX, '').split('_').map((x) => SPELLING[x] ?? x).join('_');
      if (word) scan.flags.push({ column: name, word, bool: c.kind === 'boolean' });
      continue;
    }
    const date = c.kind === 'date' || l === 'time.date';
    if (!date && c.kind !== 'datetime' && !(c.kind === 'text' && l.startsWith('time'))) continue;
    const e = eventOf(name);
    if (e) scan.events.push({ column: name, event: e.event, stem: e.stem, bare: e.bare, date, rank: RANK[e.event] ?? 10 });
  }
  scans.set(input.label, scan);
  return scan;
}

/** A timestamp the event's typical number of days after `base` (ms), written as a date or a
 *  date and time, not past the window's end. */
function afterOf(rng: Rng): (base: number, m: Managed) => string {
  return (base, m) => {
    const [lo, hi] = GAP[m.event] ?? DEFAULT_GAP;
    const days = lo + Math.floor(rng.float() * (hi - lo + 1));
    // At least a minute after: a CHECK (paid_at > created_at) holds too.
    let x = base + days * DAY + (m.date ? 0 : 60_000 + Math.floor(rng.float() * (days === 0 ? DAY / 4 : DAY)));
    const end = Math.max(base, EPOCH_END);
    if (x > end) x = end;
    return m.date ? dateText(x) : dateTimeText(x);
  };
}

/** Events recorded once the row exists (confirmed, paid, cancelled, deleted …; not the first
 *  steps, which may be the row's own start, nor plans such as due or scheduled). */
const LATER = new Set([...Object.keys(RANK).filter((w) => RANK[w] > 1), ...Object.keys(IMPLIES), ...Object.keys(GAP).filter((w) => !(RANK[w] <= 1))]);

/** Dates of events no status or flag decides (email_confirmed_at, a lone shipped_at) are not
 *  before the row's creation: one drawn before it is moved to the event's typical days after.
 *  `skip`: columns others order (a status, a flag, a chain of dates). Undefined when none. */
export function afterBirthStep(input: StoryInput, created: () => string | undefined, skip: Set<string>): { columns: string[]; reads: string[]; apply(row: Row): void } | undefined {
  let cols: Managed[] = scanOf(input).events.filter((e) => LATER.has(e.event) && !skip.has(e.column));
  if (!cols.length) return undefined;
  const birth = created();
  cols = cols.filter((c) => c.column !== birth);
  if (!birth || !cols.length) return undefined;
  const after = afterOf(new Rng(input.seed, input.recipe.table.name, '#after-birth'));
  const toMs = input.toMs;
  return {
    columns: cols.map((c) => c.column),
    reads: [birth],
    apply(row) {
      const b = row[birth];
      if (typeof b !== 'string') return;
      for (const c of cols) {
        const v = row[c.column];
        if (typeof v !== 'string' || v.slice(0, b.length) >= b.slice(0, v.length)) continue;
        const t = toMs(b);
        if (!Number.isNaN(t)) row[c.column] = after(t, c);
      }
    },
  };
}

/** The step that makes the pairs agree, or undefined when the table has none (no per-row work). */
export function storyStep(input: StoryInput): { columns: string[]; reads: string[]; apply(row: Row): void } | undefined {
  const pairs = pairsOf(input);
  if (!pairs.length) return undefined;
  const { toMs, recipe } = input;
  const birth = input.birth();
  const rng = new Rng(input.seed, recipe.table.name, '#story');
  const after = afterOf(rng);
  /** When the row began: its birth, else the earliest of the given columns' own values. */
  const start = (row: Row, cols: Managed[]): number => {
    const b = birth ? row[birth] : undefined;
    if (typeof b === 'string') { const t = toMs(b); if (!Number.isNaN(t)) return t; }
    let t = NaN;
    for (const c of cols) { const v = row[c.column]; if (typeof v === 'string') { const x = toMs(v); if (!(x >= t)) t = x; } }
    // Nothing to follow: a day of the window, far enough from its end for the steps after it.
    return Number.isNaN(t) ? EPOCH_START + Math.floor(rng.float() * (EPOCH_END - EPOCH_START - 120 * DAY)) : t;
  };
  const columns = pairs.flatMap((p) => (p.kind === 'twin' ? [p.copy] : p.kind === 'flag' ? [p.col.column] : p.cols.map((c) => c.column)));
  const reads = [...pairs.map((p) => p.column), ...(birth ? [birth] : [])];
  return {
    columns,
    reads,
    apply(row) {
      for (const p of pairs) {
        const v = row[p.column];
        if (p.kind === 'twin') {
          const on = p.values ? (v === null || v === undefined ? undefined : p.values.has(v)) : v === true || v === 1 ? true : v === false || v === 0 ? false : undefined;
          if (on !== undefined) row[p.copy] = p.bool ? on : on ? 1 : 0;
          continue;
        }
        if (p.kind === 'flag') {
          const on = v === true || v === 1 ? true : v === false || v === 0 ? false : undefined;
          if (on === undefined) continue;
          const c = p.col;
          if (on === p.inverse) { row[c.column] = null; continue; }
          row[c.column] = after(start(row, [c]), c);
          continue;
        }
        const set = p.pattern.get(v);
        if (!set) continue;
        let t = NaN;
        for (let i = 0; i < p.cols.length; i++) {
          const c = p.cols[i];
          if (!set[i]) { row[c.column] = null; continue; }
          if (Number.isNaN(t)) t = start(row, p.cols);
          const x = after(t, c);
          row[c.column] = x;
          t = toMs(x);
        }
      }
    },
  };
}
