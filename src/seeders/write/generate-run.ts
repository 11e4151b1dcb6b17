import { SeedbedError } from '../errors.ts';
import type { Generator as ValueGenerator } from '../generate/generator.ts';
import { sampleDistinct } from '../generate/combos.ts';
import { Rng } from '../generate/prng.ts';
import type { Unit } from '../generate/recipe.ts';
import { TableGenerator } from '../generate/table.ts';
import type { InsertedKeys } from '../ledger/ledger.ts';
import type { SeedPlan } from '../plan/plan.ts';
import { referencedColumns, type RunInputs } from './prepare.ts';

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
  const keys = new Map<string, unknown[]>();
  for (const t of tables) {
    const r = plan.recipes.get(t.name)!;
    const u = r.units.find((x) => x.kind === 'sequence' || x.kind === 'key');
    if (!u) continue;
    const col = u.columns[0];
    if (u.kind === 'sequence') {
      const start = inputs.starts.get(t.name) ?? 1;
      keys.set(t.name, Array.from({ length: t.count }, (_, i) => start + i));
    } else {
      keys.set(t.name, distinctValues(u.gen!, t.count, new Rng(seed, t.name, col), inputs.taken.get(t.name) ?? new Set(), t.name));
    }
    const key = `${t.name}\u0001${col}`;
    if (needed.get(t.name)?.has(col)) tuples.set(key, [...(tuples.get(key) ?? []), ...keys.get(t.name)!.map((k) => [k])]);
  }

  const held: TableGenerator[] = [];
  for (let ti = 0; ti < tables.length; ti++) {
    const t = tables[ti];
    const recipe = plan.recipes.get(t.name)!;
    // Keep only what is needed after the table: its key (ledger, cycles) and referenced columns.
    const keep = [...new Set([...recipe.table.primaryKey, ...[...(needed.get(t.name) ?? [])].flatMap((c) => c.split('\u0000'))])];
    const gen = new TableGenerator(recipe, {
      seed, dialect: plan.dialect, count: t.count, keys: keys.get(t.name), parentTuples,
      existingUnique: inputs.existingUnique.get(t.name), keep,
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
        tuples.set(key, [...old.slice(0, old.length - keys.get(t.name)!.length), ...gen.column(list[0]).map((v) => [v])]);
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

function distinctValues(gen: ValueGenerator, n: number, rng: Rng, taken: Set<unknown>, table: string): unknown[] {
  if (gen.domainSize !== undefined && gen.domainValue) {
    const free = Array.from({ length: gen.domainSize }, (_, i) => gen.domainValue!(i)).filter((v) => !taken.has(v));
    return sampleDistinct(rng, Math.min(n, free.length), free.length).map((i) => free[i]);
  }
  const out: unknown[] = [];
  const seen = new Set(taken);
  for (let i = 0; i < n; i++) {
    let v = gen.next(rng, { index: i, row: {} });
    for (let k = 1; seen.has(v); k++) {
      if (k > 1000 || !gen.disambiguate) throw new SeedbedError('UNSATISFIABLE', `Cannot make ${n} distinct primary keys for ${table}.`, { table, fix: 'Seed fewer rows into it.' });
      v = k < 5 ? gen.next(rng, { index: i, row: {} }) : gen.disambiguate(v, k);
    }
    seen.add(v);
    out.push(v);
  }
  return out;
}
