import { SeedbedError } from '../errors.ts';
import type { Generator as ValueGenerator } from '../generate/generator.ts';
import { sampleDistinct } from '../generate/combos.ts';
import { Rng } from '../generate/prng.ts';
import type { Unit } from '../generate/recipe.ts';
import { TableGenerator } from '../generate/table.ts';
import type { InsertedKeys } from '../ledger/ledger.ts';
import type { SeedPlan } from '../plan/plan.ts';
import { referencedColumns, type RunInputs } from './prepare.ts';
import { RowStore } from '../generate/lookup.ts';

// The pure half of a run: from the plan and what was read from the database, the stream of
// writes to make. No database access, so it runs the same inline or in a worker thread (where
// it overlaps with the writes on the main thread) and gives the same rows either way.

export type RunOp =
  | { op: 'table-start'; table: string; phase: number; index: number; of: number; target: number }
  | { op: 'rows'; table: string; rows: unknown[][] }
  | { op: 'table-done'; table: string; made: number; dropped: number; keys?: InsertedKeys }
  | { op: 'update'; table: string; keyColumns: string[]; setColumns: string[]; rows: unknown[][] };

export function* generateRun(plan: SeedPlan, inputs: RunInputs, batchSize = 1000): Generator<RunOp> {
  const seed = inputs.seed;
  const tables = plan.tables.filter((t) => t.count > 0);
  const needed = referencedColumns(plan);
  const tuples = new Map(inputs.tuples);
  const parentTuples = (u: Unit) => tuples.get(`${u.fk!.refTable}\u0001${u.fk!.refColumns.join('\u0000')}`) ?? [];

  // Keys first: deferred edges point at rows that are written later.
  const keys = new Map<string, KeyMaker>();
  for (const t of tables) {
    const r = plan.recipes.get(t.name)!;
    const u = r.units.find((x) => x.kind === 'sequence' || x.kind === 'key');
    if (!u) continue;
    const col = u.columns[0];
    const maker = u.kind === 'sequence'
      ? new KeyMaker((i) => (inputs.starts.get(t.name) ?? 1) + i)
      : distinctKeys(u.gen!, new Rng(seed, t.name, col), inputs.taken.get(t.name) ?? new Set(), t.name);
    maker.ensure(t.count);
    keys.set(t.name, maker);
    const key = `${t.name}\u0001${col}`;
    if (needed.get(t.name)?.has(col)) tuples.set(key, [...(tuples.get(key) ?? []), ...maker.values.slice(0, t.count).map((k) => [k])]);
  }
  // Config functions may look at the rows generated so far.
  const store = [...plan.recipes.values()].some((r) => r.lookups || r.grouped !== undefined) ? new RowStore(tables.map((t) => t.name)) : undefined;

  const held: TableGenerator[] = [];
  for (let ti = 0; ti < tables.length; ti++) {
    const t = tables[ti];
    const recipe = plan.recipes.get(t.name)!;
    // Keep only what is needed after the table: its key (ledger, cycles) and referenced columns.
    const keep = [...new Set([...recipe.table.primaryKey, ...[...(needed.get(t.name) ?? [])].flatMap((c) => c.split('\u0000'))])];
    const maker = keys.get(t.name);
    store?.begin(t.name);
    const gen = new TableGenerator(recipe, {
      seed, dialect: plan.dialect, count: t.count, keys: maker?.values.slice(0, t.count), parentTuples,
      existingUnique: inputs.existingUnique.get(t.name), keep, store, keyAt: maker ? (i) => maker.at(i) : undefined,
    });
    yield { op: 'table-start', table: t.name, phase: t.phase, index: ti + 1, of: tables.length, target: gen.target };
    for (const rows of gen.batches(batchSize)) yield { op: 'rows', table: t.name, rows };
    // Children of this table may now point at its new rows.
    for (const cols of needed.get(t.name) ?? []) {
      const list = cols.split('\u0000');
      const key = `${t.name}\u0001${cols}`;
      if (list.length === 1 && keys.has(t.name) && recipe.units.some((u) => (u.kind === 'sequence' || u.kind === 'key') && u.columns[0] === list[0])) {
        // Replace the pre-assigned keys by the rows actually written (some may have been left out).
        const old = tuples.get(key) ?? [];
        tuples.set(key, [...old.slice(0, old.length - Math.min(t.count, old.length)), ...gen.column(list[0]).map((v) => [v])]);
      } else {
        tuples.set(key, [...(tuples.get(key) ?? []), ...zipColumns(gen, list).filter((r) => r.every((v) => v !== null))]);
      }
    }
    if (gen.fillAfter.some((f) => f.rows.length)) held.push(gen);
    const keysOut = gen.made && recipe.table.primaryKey.length ? insertedKeys(t.name, recipe.table.primaryKey, zipColumns(gen, recipe.table.primaryKey)) : undefined;
    yield { op: 'table-done', table: t.name, made: gen.made, dropped: gen.dropped, keys: keysOut };
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
      const rows = f.rows.map((pos) => [...keyCols.map((col) => col[pos]), ...parents[rng.int(0, parents.length - 1)]]);
      yield { op: 'update', table: table.name, keyColumns: pk, setColumns: f.unit.columns, rows };
    }
  }
}

/** Row tuples of some kept columns of a generated table. */
function zipColumns(gen: TableGenerator, columns: string[]): unknown[][] {
  const cols = columns.map((c) => gen.column(c));
  const out = new Array<unknown[]>(gen.made);
  for (let i = 0; i < gen.made; i++) out[i] = cols.map((col) => col[i]);
  return out;
}

/** The keys a table got, for the ledger: a range when they are consecutive integers. */
function insertedKeys(table: string, pk: string[], rows: unknown[][]): InsertedKeys {
  if (pk.length === 1 && rows.every((r) => Number.isSafeInteger(r[0]))) {
    let lo = Infinity, hi = -Infinity;
    for (const r of rows) { const v = r[0] as number; if (v < lo) lo = v; if (v > hi) hi = v; }
    if (hi - lo + 1 === rows.length) return { table, columns: pk, range: { lo, hi } };
  }
  return { table, columns: pk, keys: rows };
}

/** Keys of a table, made on demand (perParent tables can need more than planned). */
class KeyMaker {
  readonly values: unknown[] = [];
  private readonly make: (i: number) => unknown;
  constructor(make: (i: number) => unknown) {
    this.make = make;
  }
  ensure(n: number): void {
    while (this.values.length < n) this.values.push(this.make(this.values.length));
  }
  at(i: number): unknown {
    this.ensure(i + 1);
    return this.values[i];
  }
}

/** Distinct values of a generated (non-integer) key, avoiding keys already in the table. */
function distinctKeys(gen: ValueGenerator, rng: Rng, taken: Set<unknown>, table: string): KeyMaker {
  if (gen.domainSize !== undefined && gen.domainValue && gen.domainSize <= 1_000_000) {
    const free = Array.from({ length: gen.domainSize }, (_, i) => gen.domainValue!(i)).filter((v) => !taken.has(v));
    const order = sampleDistinct(rng, free.length, free.length);
    return new KeyMaker((i) => {
      if (i >= order.length) throw new SeedbedError('UNSATISFIABLE', `${table} has no free primary key values left.`, { table, fix: 'Seed fewer rows into it.' });
      return free[order[i]];
    });
  }
  const seen = new Set(taken);
  return new KeyMaker((i) => {
    let v = gen.next(rng, { index: i, row: {} });
    for (let k = 1; seen.has(v); k++) {
      if (k > 1000 || !gen.disambiguate) throw new SeedbedError('UNSATISFIABLE', `Cannot make ${i + 1} distinct primary keys for ${table}.`, { table, fix: 'Seed fewer rows into it.' });
      v = k < 5 ? gen.next(rng, { index: i, row: {} }) : gen.disambiguate(v, k);
    }
    seen.add(v);
    return v;
  });
}
