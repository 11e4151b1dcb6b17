import { SeedbedError } from '../errors.ts';
import { SuffixCounter, suffixesPastPool, type Generator as ValueGenerator } from '../generate/generator.ts';
import { sampleDistinct } from '../generate/combos.ts';
import { Rng } from '../generate/prng.ts';
import { KeySet } from '../generate/key-set.ts';
import type { Unit } from '../generate/recipe.ts';
import { afterRows, TableGenerator, type DbCheckFailure } from '../generate/table.ts';
import { childBirthColumn, lifeColumns, type ParentLife } from '../generate/coherence.ts';
import { keyChunks, type InsertedKeys } from '../ledger/ledger.ts';
import type { SeedPlan } from '../plan/plan.ts';
import { runOrder } from '../plan/run-order.ts';
import { referencedColumns, splitTupleColumns, tupleColumns, type RunInputs } from './prepare.ts';
import { rowKey } from '../schema/unique-keys.ts';
import { RowStore } from '../generate/lookup.ts';
import { ColumnTuples, type Tuples } from '../generate/tuples.ts';
import type { RowSink } from '../generate/row-sink.ts';
import type { EncodedRows } from '../drivers/encode.ts';

// The pure half of a run: from the plan and what was read from the database, the stream of
// writes to make. No database access, so it runs the same inline or in a worker thread (where
// it overlaps with the writes on the main thread) and gives the same rows either way.

export type RunOp =
  | { op: 'table-start'; table: string; phase: number; index: number; of: number; target: number }
  | { op: 'rows'; table: string; rows: unknown[][] }
  /** Rows already in the database writer's form (packer, below). */
  | { op: 'encoded'; table: string; rows: EncodedRows }
  /** Candidate rows for the database to test against `checks` (write/db-checks.ts); the
   *  consumer sets `failed` before asking for the next op. */
  | { op: 'check'; table: string; checks: string[]; columns: string[]; rows: unknown[][]; failed?: DbCheckFailure[] }
  /** Which of a table's rows stayed, where an insert trigger may drop rows without a word (SQLite's
   *  RAISE(IGNORE), a PostgreSQL BEFORE trigger that returns NULL): the consumer reads the table's
   *  row keys (`columns`; within `range` for one integer key) and sets `present` (each row's key
   *  values as text, joined by NUL) and `kept` (rows the table gained), before the next op. */
  | { op: 'kept'; table: string; columns: string[]; range?: { lo: number; hi: number }; present?: string[]; kept?: number }
  /** Rows of a table a trigger fills with keys the database makes (a mirror to read back,
   *  plan/filled.ts): the consumer sets `rows` (every row's `columns`) before the next op. */
  | { op: 'read'; table: string; columns: string[]; rows?: unknown[][]; /** The integer key to read past the table's rows before the run, in order (unset in the answer: every row). */ after?: string }
  | { op: 'table-done'; table: string; made: number; dropped: number; keys?: InsertedKeys; dropNote?: string; /** Keys of the rows its trigger gave mirror tables (plan/filled.ts). */ mirrorKeys?: InsertedKeys[]; /** Rows written, when a trigger dropped some of them ('kept'): `made` counts those that stayed. */ written?: number }
  | { op: 'update'; table: string; keyColumns: string[]; setColumns: string[]; rows: unknown[][] };

/** What the consumer of the ops hands back: a 'check' op's failures, a 'kept' or 'read' op's answer. */
export type RunAnswer = DbCheckFailure[] | { present?: string[]; kept?: number } | { rows?: unknown[][]; after?: string } | undefined;

/** The answer to give the generator after `op` (undefined for ops that ask nothing). */
export function answerOf(op: RunOp): RunAnswer {
  if (op.op === 'check') return op.failed ?? [];
  if (op.op === 'kept') return { present: op.present, kept: op.kept };
  if (op.op === 'read') return { rows: op.rows, after: op.after };
  return undefined;
}

/** How long a batch may take to make before it goes out short: rows come ≈20 times slower while
 *  V8 is still compiling the generators (a 1,000-row batch of people took 17–20 ms at a run's
 *  start), and the writing thread, or a PostgreSQL server and this thread's turns to answer it,
 *  would wait that long for each; once warm, batches fill long before it. */
const BATCH_BUDGET_MS = 4;

/** `packer`: makes a table's batches (`budgetMs`: see BATCH_BUDGET_MS) in the writer's form instead of arrays of values (SQLite's packed rows, PostgreSQL's COPY text). */
export function* generateRun(plan: SeedPlan, inputs: RunInputs, batchSize = 1000, packer?: (width: number, rows: number, watch?: number[]) => RowSink<EncodedRows>, budgetMs = BATCH_BUDGET_MS): Generator<RunOp, void, RunAnswer> {
  const seed = inputs.seed;
  const tables = runOrder(plan, plan.tables.filter((t) => t.count > 0));
  const needed = referencedColumns(plan);
  const tuples = new Map<string, Tuples>(inputs.tuples);
  const parentTuples = (u: Unit): Tuples => tuples.get(`${u.fk!.refTable}\u0001${tupleColumns(u)}`) ?? [];
  // Children dated after their parents: the parents' creation (and end) dates, kept only for
  // tables whose children have a creation date, aligned with the tuples of this run's rows.
  const lifeKeep = parentsWithLife(plan, tables);
  const lives = new Map<string, ParentLife>();
  const parentLife = (u: Unit) => {
    const key = `${u.fk!.refTable}\u0001${tupleColumns(u)}`;
    const life = lives.get(key);
    return life && life.offset + life.birth.length === (tuples.get(key)?.length ?? 0) ? life : undefined;
  };

  // Keys first: deferred edges point at rows that are written later.
  const keys = new Map<string, KeyMaker>();
  for (const t of tables) {
    const r = plan.recipes.get(t.name)!;
    const u = r.units.find((x) => x.kind === 'sequence' || x.kind === 'key');
    if (!u) continue;
    const col = u.columns[0];
    const start = inputs.starts.get(t.name) ?? 1;
    const maker = u.kind === 'sequence'
      ? new KeyMaker((i) => start + i, true)
      : distinctKeys(u.gen!, new Rng(seed, t.name, col, ...afterRows(t.existing)), inputs.taken.get(t.name), t.name);
    maker.ensure(t.count);
    keys.set(t.name, maker);
    const key = `${t.name}\u0001${col}`;
    // Compact (tuples.ts): a sequence's keys as their range, others as their values.
    if (needed.get(t.name)?.has(col)) tuples.set(key, new ColumnTuples(tuples.get(key) ?? [], maker.sequence ? { start, count: t.count } : maker.first(t.count)));
  }
  // Config functions may look at the rows generated so far.
  const store = [...plan.recipes.values()].some((r) => r.lookups || r.grouped !== undefined) ? new RowStore(tables.map((t) => t.name)) : undefined;

  // Tables an insert trigger may drop rows of: the rows that stayed are read back after each
  // (their children must not point at the others); no other table pays for it.
  const dropping = new Set((plan.input.schema.triggers ?? []).filter((g) => g.ignores === 'some').map((g) => g.table));
  const held: TableGenerator[] = [];
  for (let ti = 0; ti < tables.length; ti++) {
    const t = tables[ti];
    const recipe = plan.recipes.get(t.name)!;
    // Keep only what is needed after the table: its key (ledger, cycles) and referenced columns.
    const life = lifeKeep.get(t.name);
    // A sequence key is start + row number (rows are numbered as they are made): the ledger's
    // range needs no copy of it, unless children, a tree or a cycle need the values themselves.
    const maker = keys.get(t.name);
    const drops = dropping.has(t.name);
    const pkComputed = maker?.sequence === true && recipe.table.primaryKey.length === 1 && !recipe.units.some((u) => u.mode === 'fill-after') && !drops;
    // The ledger's row key: the primary key, else (PostgreSQL; SQLite has the rowid) a NOT NULL unique key.
    const rowKeyCols = recipe.table.primaryKey.length || plan.dialect === 'sqlite' ? recipe.table.primaryKey : rowKey(recipe.table);
    const keepPk = pkComputed ? [] : rowKeyCols;
    const mirrors = plan.mirrors?.filter((m) => m.source === t.name);
    const keep = [...new Set([...keepPk, ...[...(needed.get(t.name) ?? [])].flatMap((c) => splitTupleColumns(c).all), ...(life ?? []),
      ...(mirrors ?? []).flatMap((m) => m.columns.map(([, from]) => from))])];
    store?.begin(t.name);
    let gen: TableGenerator;
    try {
      gen = new TableGenerator(recipe, {
        seed, dialect: plan.dialect, count: t.count, keys: maker?.sequence ? undefined : maker?.first(t.count), parentTuples,
        existingUnique: inputs.existingUnique.get(t.name), existing: t.existing, existingOf: (x) => inputs.existingUnique.get(x), keep, store, keyAt: maker ? (i) => maker.at(i) : undefined, parentLife,
        rangeEnds: inputs.rangeEnds?.get(t.name),
      });
    } catch (e) {
      throw generationFailed(e, t.name);
    }
    yield { op: 'table-start', table: t.name, phase: t.phase, index: ti + 1, of: tables.length, target: gen.target };
    try {
      if (recipe.dbChecks) {
        // The database tests the candidates: the answer to each 'check' op goes back to the generator.
        const checks = recipe.dbChecks.map((c) => c.text);
        const it = gen.checkedBatches(batchSize);
        let failed: DbCheckFailure[] | undefined;
        for (let r = it.next(); !r.done; r = it.next(failed)) {
          const v = r.value;
          failed = undefined;
          if (Array.isArray(v)) yield { op: 'rows', table: t.name, rows: v };
          else failed = (yield { op: 'check', table: t.name, checks, columns: v.columns, rows: v.rows }) as DbCheckFailure[] | undefined;
        }
      } else if (packer) {
        // Arrays sized for the table's rows when it has fewer than a batch (a 533-table schema
        // at 50 rows a table allocated 1,000 rows' arrays for each: ≈140 MB of zeroed memory).
        // Foreign-key columns are watched as they are packed (a bulk load's FK checks: sqlite-bulk-checks.ts).
        const watch = recipe.units.flatMap((u) => (u.kind === 'fk' ? u.columns.map((c) => recipe.columns.indexOf(c)) : [])).filter((i) => i >= 0);
        const packed = packer(recipe.columns.length, Math.max(1, Math.min(batchSize, gen.target)), watch);
        for (const rows of gen.batches(batchSize, packed, budgetMs)) yield { op: 'encoded', table: t.name, rows };
      } else {
        for (const rows of gen.batches(batchSize)) yield { op: 'rows', table: t.name, rows };
      }
    } catch (e) {
      throw generationFailed(e, t.name);
    }
    // A trigger may have dropped some rows: from here on only those that stayed count.
    let stayed: MadeRows = gen;
    let written: number | undefined;
    if (drops && gen.made && rowKeyCols.length) {
      const cols = rowKeyCols.map((c) => gen.column(c));
      const range = cols.length === 1 ? integerRange(cols[0], gen.made) : undefined;
      const answer = (yield { op: 'kept', table: t.name, columns: rowKeyCols, ...(range ? { range } : {}) }) as { present?: string[]; kept?: number } | undefined;
      const view = answer?.present && answer.kept !== undefined ? keptRows(gen, cols, new Set(answer.present), answer.kept) : undefined;
      if (view) { stayed = view; written = gen.made; }
    }
    // Children of this table may now point at its new rows.
    for (const cols of needed.get(t.name) ?? []) {
      const { key: keyCols, all: list } = splitTupleColumns(cols);
      const key = `${t.name}\u0001${cols}`;
      let added = stayed.made;
      if (list.length === 1 && keys.has(t.name) && recipe.units.some((u) => (u.kind === 'sequence' || u.kind === 'key') && u.columns[0] === list[0])) {
        // Replace the pre-assigned keys by the rows actually written (some may have been left out).
        tuples.set(key, new ColumnTuples(inputs.tuples.get(key) ?? [], stayed.column(list[0])));
      } else {
        const old = tuples.get(key) ?? [];
        if (list.length === 1) {
          const values = stayed.column(list[0]).filter((v) => v !== null);
          added = values.length;
          tuples.set(key, new ColumnTuples(old, values));
        } else {
          const rows = zipColumns(stayed, list).filter((r) => r.every((v, i) => i >= keyCols.length || v !== null));
          added = rows.length;
          tuples.set(key, [...tupleArray(old), ...rows]);
        }
      }
      // This run's rows are the last tuples (dates only when no row was left out for a NULL key).
      const all = tuples.get(key)!.length;
      if (life && added === stayed.made) lives.set(key, { offset: all - stayed.made, birth: stayed.column(life[0]), end: life[1] ? stayed.column(life[1]) : undefined });
    }
    // Tables its insert trigger gave a row per new row, keyed like it: their children may now
    // point at those, and undo removes them by those keys.
    const mirrorKeys: InsertedKeys[] = [];
    for (const m of mirrors ?? []) {
      if (m.readBack) {
        // Its keys are the database's: read once the source's rows (and so the trigger's) are in.
        const specs = [...(needed.get(m.table) ?? [])];
        if (!stayed.made || !specs.length) continue;
        const columns = [...new Set(specs.flatMap((c) => splitTupleColumns(c).all))];
        // A dry run or an export: the rows the trigger will make, told from the source's rows.
        const start = inputs.mirrorStarts?.get(m.table);
        const told = start && m.predict ? toldRows(m.predict, columns, start, stayed) : undefined;
        let answer = told ? { rows: told, after: m.predict!.key } : (yield { op: 'read', table: m.table, columns, ...(m.predict ? { after: m.predict.key } : {}) }) as { rows?: unknown[][]; after?: string } | undefined;
        // Not a row per source row past the old keys (a sequence set back among them): every row.
        if (!told && answer?.after !== undefined && answer.rows?.length !== stayed.made) answer = (yield { op: 'read', table: m.table, columns }) as { rows?: unknown[][] } | undefined;
        if (!answer?.rows) continue;
        for (const cols of specs) {
          const { key: keyCols, all: list } = splitTupleColumns(cols);
          const at = list.map((c) => columns.indexOf(c));
          const rows = answer.rows.map((r) => at.map((i) => r[i])).filter((r) => r.every((v, i) => i >= keyCols.length || v !== null));
          // Only this run's rows (after its key): they follow the rows the table had.
          const old = answer.after !== undefined ? tuples.get(`${m.table}\u0001${cols}`) ?? [] : [];
          tuples.set(`${m.table}\u0001${cols}`, list.length === 1 ? new ColumnTuples(old, rows.map((r) => r[0])) : [...tupleArray(old), ...rows]);
        }
        continue;
      }
      const from = new Map(m.columns);
      if (stayed.made) {
        const src = m.columns.map(([, c]) => stayed.column(c));
        mirrorKeys.push({ table: m.table, columns: m.columns.map(([c]) => c), chunks: keyChunks(stayed.made, (i) => src.map((col) => col[i])) });
      }
      for (const cols of needed.get(m.table) ?? []) {
        const list = splitTupleColumns(cols).all;
        if (!list.every((c) => from.has(c))) continue;
        const key = `${m.table}\u0001${cols}`;
        const rows = zipColumns(stayed, list.map((c) => from.get(c)!));
        const old = tuples.get(key) ?? [];
        tuples.set(key, list.length === 1 ? new ColumnTuples(old, rows.map((r) => r[0])) : [...tupleArray(old), ...rows]);
      }
    }
    if (gen.fillAfter.some((f) => f.rows.length)) held.push(gen);
    const keysOut = !stayed.made || !rowKeyCols.length ? undefined
      : pkComputed ? { table: t.name, columns: recipe.table.primaryKey, range: { lo: maker!.at(0) as number, hi: maker!.at(gen.made - 1) as number } }
      : insertedKeys(t.name, rowKeyCols, stayed);
    yield { op: 'table-done', table: t.name, made: stayed.made, dropped: gen.dropped, keys: keysOut, ...(gen.dropNote ? { dropNote: gen.dropNote } : {}), ...(mirrorKeys.length ? { mirrorKeys } : {}), ...(written !== undefined ? { written } : {}) };
  }
  // Close the cycles: point the rows held back at parents that now exist.
  for (const gen of held) {
    const table = gen.recipe.table;
    const pk = table.primaryKey;
    for (const f of gen.fillAfter) {
      const rng = new Rng(seed, table.name, f.unit.columns.join(','), '#fill-after');
      const parents = parentTuples(f.unit);
      if (!parents.length || !f.rows.length) continue;
      const keyCols = pk.map((c) => gen.column(c));
      const rows = f.unit.shared ? agreeingRows(f.unit, f.rows, gen, keyCols, parents, rng)
        : f.rows.map((pos) => [...keyCols.map((col) => col[pos]), ...parents.at(rng.int(0, parents.length - 1))!]);
      if (rows.length) yield { op: 'update', table: table.name, keyColumns: pk, setColumns: f.unit.columns, rows };
    }
  }
}

/** A table's generator failed (a config function that throws, a CHECK no row meets): named, so
 *  the run can leave that table out (left-out.ts). */
function generationFailed(e: unknown, table: string): SeedbedError {
  // A config function's own error (BAD_INPUT) is that table's failure too.
  if (e instanceof SeedbedError) return e.table && e.code !== 'BAD_INPUT' ? e : new SeedbedError(e.code === 'BAD_INPUT' ? 'GENERATE_FAILED' : e.code, e.message, { fix: e.fix, table: e.table ?? table, cause: e.cause });
  return new SeedbedError('GENERATE_FAILED', `Generating rows for ${table} failed: ${(e as Error)?.message ?? String(e)}`, { table, cause: e });
}

/** Parent tables whose children date themselves after them → the parent's [created, end?] columns. */
function parentsWithLife(plan: SeedPlan, tables: { name: string }[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const inRun = new Set(tables.map((t) => t.name));
  for (const t of tables) {
    const r = plan.recipes.get(t.name)!;
    if (!childBirthColumn(r)) continue;
    for (const u of r.units) {
      if (u.kind !== 'fk' || u.mode === 'fill-after' || out.has(u.fk!.refTable) || !inRun.has(u.fk!.refTable)) continue;
      const cols = lifeColumns(plan.recipes.get(u.fk!.refTable)!);
      if (cols) out.set(u.fk!.refTable, cols);
    }
  }
  return out;
}

/** Rows held back for a unit that shares columns with its row (a pointer to one of the row's own
 *  children): each takes a parent whose shared columns hold the row's values; a row no parent
 *  agrees with stays NULL. */
function agreeingRows(u: Unit, held: number[], gen: TableGenerator, keyCols: unknown[][], parents: Tuples, rng: Rng): unknown[][] {
  const fk = u.fk!;
  const at = u.shared!.map((c) => fk.columns.indexOf(c));
  const own = u.columns.map((c) => fk.columns.indexOf(c));
  const shared = u.shared!.map((c) => gen.column(c));
  const index = new Map<string, number[]>();
  for (let k = 0; k < parents.length; k++) {
    const t = parents.at(k)!;
    const key = at.map((j) => String(t[j])).join('\u0000');
    const list = index.get(key);
    if (list) list.push(k); else index.set(key, [k]);
  }
  const out: unknown[][] = [];
  for (const pos of held) {
    const list = index.get(shared.map((col) => String(col[pos])).join('\u0000'));
    if (!list) continue;
    const t = parents.at(list[rng.int(0, list.length - 1)])!;
    out.push([...keyCols.map((col) => col[pos]), ...own.map((j) => t[j])]);
  }
  return out;
}

/** A table's rows as the run goes on with them: the generator's, or those a trigger kept. */
type MadeRows = Pick<TableGenerator, 'made' | 'column'>;

/** The smallest and largest of a column's first `n` values when all are safe integers. */
function integerRange(col: unknown[], n: number): { lo: number; hi: number } | undefined {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (!Number.isSafeInteger(v)) return undefined;
    if ((v as number) < lo) lo = v as number;
    if ((v as number) > hi) hi = v as number;
  }
  return { lo, hi };
}

/** The rows whose key the database still holds (`present`), as a view with their kept columns;
 *  undefined when that does not add up to the `kept` count the database gives (a key read back
 *  in another form than it was written): the run then goes on with every row, as before. */
function keptRows(gen: TableGenerator, keyCols: unknown[][], present: Set<string>, kept: number): MadeRows | undefined {
  const at: number[] = [];
  for (let i = 0; i < gen.made; i++) if (present.has(keyCols.map((col) => String(col[i])).join('\u0000'))) at.push(i);
  if (at.length !== kept) return undefined;
  if (at.length === gen.made) return gen;
  const cache = new Map<string, unknown[]>();
  return {
    made: at.length,
    column: (name) => {
      let v = cache.get(name);
      if (!v) {
        const all = gen.column(name);
        cache.set(name, (v = at.map((i) => all[i])));
      }
      return v;
    },
  } as MadeRows;
}

/** Tuples as a plain array (a compact pool spelled out). */
function tupleArray(t: Tuples): unknown[][] {
  if (Array.isArray(t)) return t;
  return Array.from({ length: t.length }, (_, p) => t.at(p)!);
}

/** Row tuples of some kept columns of a generated table. */
function zipColumns(gen: MadeRows, columns: string[]): unknown[][] {
  const cols = columns.map((c) => gen.column(c));
  const out = new Array<unknown[]>(gen.made);
  for (let i = 0; i < gen.made; i++) out[i] = cols.map((col) => col[i]);
  return out;
}

/** The keys a table got, for the ledger: a range when they are consecutive integers (checked
 *  on the kept column itself: a million-row table makes no million small tuples here). */
function insertedKeys(table: string, pk: string[], gen: MadeRows): InsertedKeys {
  if (pk.length === 1) {
    const col = gen.column(pk[0]);
    let lo = Infinity, hi = -Infinity, ints = true;
    for (let i = 0; i < gen.made && ints; i++) {
      const v = col[i];
      if (!Number.isSafeInteger(v)) ints = false;
      else { if ((v as number) < lo) lo = v as number; if ((v as number) > hi) hi = v as number; }
    }
    if (ints && hi - lo + 1 === gen.made) return { table, columns: pk, range: { lo, hi } };
  }
  const cols = pk.map((c) => gen.column(c));
  return { table, columns: pk, chunks: keyChunks(gen.made, (i) => cols.map((col) => col[i])) };
}

/** Keys of a table, made on demand (perParent tables can need more than planned). A sequence's
 *  keys are computed, never stored. */
class KeyMaker {
  private readonly values: unknown[] = [];
  private readonly make: (i: number) => unknown;
  readonly sequence: boolean;
  constructor(make: (i: number) => unknown, sequence = false) {
    this.make = make;
    this.sequence = sequence;
  }
  ensure(n: number): void {
    if (this.sequence) return;
    while (this.values.length < n) this.values.push(this.make(this.values.length));
  }
  at(i: number): unknown {
    if (this.sequence) return this.make(i);
    this.ensure(i + 1);
    return this.values[i];
  }
  /** The first n keys. */
  first(n: number): unknown[] {
    if (this.sequence) return Array.from({ length: n }, (_, i) => this.make(i));
    this.ensure(n);
    return this.values.slice(0, n);
  }
}

/** Keys past a pool's end: its values in the drawn order again, each with the next suffix it has
 *  not had, skipping any already in the table. */
function suffixed(gen: ValueGenerator, taken: KeySet | undefined, free: unknown[], order: ArrayLike<number>, table: string): () => unknown {
  const seen = new KeySet(free, free.length);
  const has = (v: unknown) => seen.has(v) || !!taken?.has(v);
  const suffixes = new SuffixCounter();
  let i = 0;
  return () => {
    for (let k = 0; k < 1000; k++) {
      const base = free[order.length ? order[i++ % order.length] : i++ % free.length];
      const v = gen.disambiguate!(base, suffixes.next(base));
      if (!has(v)) { seen.add(v); return v; }
    }
    throw new SeedbedError('UNSATISFIABLE', `${table} has no free primary key values left.`, { table, fix: 'Seed fewer rows into it.' });
  };
}

/** Distinct values of a generated (non-integer) key, avoiding keys already in the table. */
function distinctKeys(gen: ValueGenerator, rng: Rng, taken: KeySet | undefined, table: string): KeyMaker {
  if (gen.domainSize !== undefined && gen.domainValue && gen.domainSize <= 1_000_000) {
    const free = Array.from({ length: gen.domainSize }, (_, i) => gen.domainValue!(i)).filter((v) => !taken?.has(v));
    const order = sampleDistinct(rng, free.length, free.length);
    // A pool of texts (currency codes, weekday names) goes on with suffixes once each value is used,
    // as a unique column does ("USD 2"); a CHECK's or an enum's list has no suffixes and ends.
    const more = suffixesPastPool(gen) ? suffixed(gen, taken, free.length ? free : Array.from({ length: gen.domainSize }, (_, i) => gen.domainValue!(i)), order, table) : undefined;
    return new KeyMaker((i) => {
      if (i >= order.length) {
        if (more) return more();
        throw new SeedbedError('UNSATISFIABLE', `${table} has no free primary key values left.`, { table, fix: 'Seed fewer rows into it.' });
      }
      return free[order[i]];
    });
  }
  const seen = new KeySet();
  const used = (v: unknown) => seen.has(v) || !!taken?.has(v);
  const suffixes = new SuffixCounter();
  // Keys a generator without suffixes can only draw again: rows an earlier run with the same
  // seed wrote hold the stream's first values, so it may take as many draws as there are rows.
  const redraws = gen.disambiguate ? 5 : (taken?.size ?? 0) + 1000;
  return new KeyMaker((i) => {
    let v = gen.next(rng, { index: i, row: {} });
    let base = v;
    for (let k = 1; used(v); k++) {
      if (k > 1000 + redraws || (k >= redraws && !gen.disambiguate)) throw new SeedbedError('UNSATISFIABLE', `Cannot make ${i + 1} distinct primary keys for ${table}.`, { table, fix: 'Seed fewer rows into it.' });
      if (k < redraws) {
        v = base = gen.next(rng, { index: i, row: {} });
        continue;
      }
      v = gen.disambiguate!(base, suffixes.next(base));
    }
    seen.add(v);
    return v;
  });
}

/** The rows a trigger gives a mirror for the source's rows `made` (one each, in order), as
 *  `columns`: its key from the sequence, the columns it copies from the source row; undefined
 *  when a column is neither. */
function toldRows(predict: { key: string; copies: [string, string][] }, columns: string[], start: { next: number; step: number }, made: MadeRows): unknown[][] | undefined {
  const from = new Map(predict.copies);
  if (!columns.every((c) => c === predict.key || from.has(c))) return undefined;
  const cols = columns.map((c) => (c === predict.key ? undefined : made.column(from.get(c)!)));
  const rows: unknown[][] = [];
  for (let i = 0; i < made.made; i++) rows.push(cols.map((col, j) => (col ? col[i] : start.next + i * start.step)));
  return rows;
}
