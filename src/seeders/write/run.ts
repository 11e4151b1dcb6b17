import type { Driver, WriteTransaction } from '../driver.ts';
import { SeedbedError } from '../errors.ts';
import type { SeedEventListener } from '../events.ts';
import type { Generator } from '../generate/generator.ts';
import { sampleDistinct } from '../generate/combos.ts';
import { Rng } from '../generate/prng.ts';
import type { TableRecipe, Unit } from '../generate/recipe.ts';
import { keyOf, TableGenerator } from '../generate/table.ts';
import type { SeedPlan } from '../plan/plan.ts';
import type { TableInfo } from '../schema/model.ts';
import { recordRun, type InsertedKeys } from '../ledger/ledger.ts';

// Executes a plan: pre-assigns keys, generates each table in order and streams its rows to the
// driver inside ONE transaction, closes cycle edges, commits. Any error or a cancel rolls back,
// so the database is exactly as it was.

export interface RunOptions {
  seed: number;
  scenario?: string;
  /** Record the run in the database's ledger (seedbed_runs) so it can be undone. Default true. */
  ledger?: boolean;
  signal?: AbortSignal;
  onEvent?: SeedEventListener;
  /** Generate and write, then roll back. */
  dryRun?: boolean;
  batchSize?: number;
}

export interface RunResult {
  seed: number;
  rows: number;
  perTable: Record<string, number>;
  ms: number;
  rowsPerSecond: number;
  dryRun: boolean;
  warnings: string[];
  /** Ledger id of the run (undefined for a dry run or without a ledger). */
  runId?: number;
}

export async function runSeed(driver: Driver, plan: SeedPlan, options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const emit = options.onEvent ?? (() => {});
  const batchSize = options.batchSize ?? 1000;
  const tables = plan.tables.filter((t) => t.count > 0);
  const recipes = plan.recipes;
  const seed = options.seed;
  const totalRows = tables.reduce((a, t) => a + t.count, 0);
  emit({ type: 'start', tables: tables.length, rows: totalRows, seed });

  // What each parent must expose to its children: tuples of referenced columns.
  const tuples = new Map<string, unknown[][]>();
  const needed = new Map<string, Set<string>>(); // table → referenced column lists
  for (const r of recipes.values()) {
    for (const u of r.units) {
      if (u.kind !== 'fk' && u.kind !== 'self') continue;
      const set = needed.get(u.fk!.refTable) ?? new Set<string>();
      set.add(u.fk!.refColumns.join('\u0000'));
      needed.set(u.fk!.refTable, set);
    }
  }
  const tableInfo = new Map<string, TableInfo>();
  for (const r of recipes.values()) tableInfo.set(r.table.name, r.table);
  for (const r of recipes.values()) for (const u of r.units) if (u.fk) tableInfo.set(u.fk.refTable, tableInfo.get(u.fk.refTable) ?? { name: u.fk.refTable, columns: [], primaryKey: [], uniques: [], foreignKeys: [], checks: [] });
  const existing = new Map(plan.tables.map((t) => [t.name, t.existing]));
  for (const [table, sets] of needed) {
    for (const cols of sets) {
      const list = cols.split('\u0000');
      const hasRows = existing.has(table) ? existing.get(table)! > 0 : true;
      const values = hasRows ? (await driver.readValues(tableInfo.get(table)!, list)).filter((row) => row.every((v) => v !== null)) : [];
      tuples.set(`${table}\u0001${cols}`, values);
    }
  }
  const parentTuples = (u: Unit) => tuples.get(`${u.fk!.refTable}\u0001${u.fk!.refColumns.join('\u0000')}`) ?? [];

  // Keys first: deferred edges point at rows that are written later.
  const keys = new Map<string, unknown[]>();
  for (const t of tables) {
    const r = recipes.get(t.name)!;
    const u = r.units.find((x) => x.kind === 'sequence' || x.kind === 'key');
    if (!u) continue;
    const col = u.columns[0];
    if (u.kind === 'sequence') {
      const start = Math.max((await driver.maxInteger(r.table, col)) + 1, u.start ?? 1);
      keys.set(t.name, Array.from({ length: t.count }, (_, i) => start + i));
    } else {
      const taken = t.existing ? new Set((await driver.readValues(r.table, [col])).map((v) => String(v[0]))) : new Set<string>();
      keys.set(t.name, distinctValues(u.gen!, t.count, new Rng(seed, t.name, col), taken, r.table.name));
    }
    // Deferred edges may reference these keys before the rows exist.
    const set = needed.get(t.name);
    if (set?.has(col)) {
      const key = `${t.name}\u0001${col}`;
      tuples.set(key, [...(tuples.get(key) ?? []), ...keys.get(t.name)!.map((k) => [k])]);
    }
  }

  let tx: WriteTransaction | undefined;
  const perTable: Record<string, number> = {};
  const warnings: string[] = [];
  const fillAfter: { gen: TableGenerator; recipe: TableRecipe }[] = [];
  const inserted: InsertedKeys[] = [];
  let runId: number | undefined;
  const startedAt = new Date();
  let totalDone = 0;
  let current = '';
  try {
    tx = await driver.begin();
    let lastYield = performance.now();
    for (let ti = 0; ti < tables.length; ti++) {
      const t = tables[ti];
      const recipe = recipes.get(t.name)!;
      current = t.name;
      const tStart = performance.now();
      const existingUnique = t.existing ? await existingKeys(driver, recipe) : undefined;
      const rowidBefore = !recipe.table.primaryKey.length && driver.dialect === 'sqlite' ? await driver.maxInteger(recipe.table, 'rowid') : undefined;
      // Keep only what is needed after the table: its key (ledger, cycles) and referenced columns.
      const keep = [...new Set([...recipe.table.primaryKey, ...[...(needed.get(t.name) ?? [])].flatMap((c) => c.split('\u0000'))])];
      const gen = new TableGenerator(recipe, { seed, dialect: plan.dialect, count: t.count, keys: keys.get(t.name), parentTuples, existingUnique, keep });
      emit({ type: 'table-start', table: t.name, phase: t.phase, index: ti + 1, of: tables.length, rows: gen.target });
      let done = 0;
      for (const batch of gen.batches(batchSize)) {
        await tx.insert(recipe.table, recipe.columns, batch);
        done += batch.length;
        totalDone += batch.length;
        const now = performance.now();
        if (now - lastYield > 25) {
          emit({ type: 'progress', table: t.name, done, total: gen.target, totalDone, totalRows, rowsPerSecond: rate(done, now - tStart) });
          // Let a cancel (signal) or the UI get a turn; better-sqlite3 itself is synchronous.
          await new Promise((r) => setImmediate(r));
          lastYield = performance.now();
        }
        if (options.signal?.aborted) throw new SeedbedError('CANCELLED', 'Seeding was cancelled; nothing was written.');
      }
      perTable[t.name] = done;
      if (gen.dropped) warnings.push(`${t.name}: ${gen.dropped} row(s) left out: no distinct value left for a unique key`);
      // Children of this table may now point at its new rows.
      for (const cols of needed.get(t.name) ?? []) {
        const list = cols.split('\u0000');
        const key = `${t.name}\u0001${cols}`;
        const isPreassigned = list.length === 1 && keys.has(t.name) && recipe.units.some((u) => (u.kind === 'sequence' || u.kind === 'key') && u.columns[0] === list[0]);
        if (isPreassigned) {
          // Replace the pre-assigned keys by the rows actually written (some may have been left out).
          const old = tuples.get(key) ?? [];
          const base = old.slice(0, old.length - keys.get(t.name)!.length);
          tuples.set(key, [...base, ...gen.column(list[0]).map((v) => [v])]);
        } else {
          tuples.set(key, [...(tuples.get(key) ?? []), ...zipColumns(gen, list).filter((r) => r.every((v) => v !== null))]);
        }
      }
      if (gen.fillAfter.some((f) => f.rows.length)) fillAfter.push({ gen, recipe });
      if (done) {
        const k = insertedKeys(recipe.table, zipColumns(gen, recipe.table.primaryKey), rowidBefore === undefined ? undefined : { lo: rowidBefore + 1, hi: await driver.maxInteger(recipe.table, 'rowid') });
        if (k) inserted.push(k);
        else warnings.push(`${t.name}: has no primary key; its rows cannot be undone one by one`);
      }
      const ms = performance.now() - tStart;
      emit({ type: 'table-done', table: t.name, rows: done, ms, rowsPerSecond: rate(done, ms), dropped: gen.dropped });
    }
    // Close the cycles: point the rows held back at parents that now exist.
    for (const { gen, recipe } of fillAfter) {
      current = recipe.table.name;
      const pk = recipe.table.primaryKey;
      for (const f of gen.fillAfter) {
        const rng = new Rng(seed, recipe.table.name, f.unit.columns.join(','), '#fill-after');
        const parents = parentTuples(f.unit);
        if (!parents.length) continue;
        const keyCols = pk.map((c) => gen.column(c));
        const updates = f.rows.map((pos) => [...keyCols.map((col) => col[pos]), ...parents[rng.int(0, parents.length - 1)]]);
        await tx.update(recipe.table, pk, f.unit.columns, updates);
        emit({ type: 'fill-after', table: recipe.table.name, rows: updates.length });
      }
    }
    current = '';
    if (!options.dryRun && options.ledger !== false && tx.execute) {
      runId = await recordRun(driver, tx, { startedAt, seed, scenario: options.scenario, tables: perTable, keys: inserted });
    }
    if (options.dryRun) {
      await tx.rollback();
      emit({ type: 'rollback', reason: 'dry run' });
    } else {
      await tx.commit();
      emit({ type: 'commit' });
    }
  } catch (e) {
    try { await tx?.rollback(); } catch { /* the original error matters more */ }
    emit({ type: 'rollback', reason: (e as Error).message });
    throw wrapRunError(e, current);
  }
  const ms = performance.now() - started;
  const rows = Object.values(perTable).reduce((a, b) => a + b, 0);
  emit({ type: 'done', rows, ms, rowsPerSecond: rate(rows, ms) });
  return { seed, rows, perTable, ms, rowsPerSecond: rate(rows, ms), dryRun: !!options.dryRun, warnings, runId };
}

/** Row tuples of some kept columns of a generated table. */
function zipColumns(gen: TableGenerator, columns: string[]): unknown[][] {
  const cols = columns.map((c) => gen.column(c));
  const out = new Array<unknown[]>(gen.made);
  for (let i = 0; i < gen.made; i++) out[i] = cols.map((col) => col[i]);
  return out;
}

/** The keys a table got, for the ledger: a range when they are consecutive integers. */
function insertedKeys(table: TableInfo, rows: unknown[][], rowids?: { lo: number; hi: number }): InsertedKeys | undefined {
  const pk = table.primaryKey;
  if (!pk.length) return rowids ? { table: table.name, columns: ['rowid'], range: rowids } : undefined;
  if (pk.length === 1 && rows.every((r) => Number.isSafeInteger(r[0]))) {
    let lo = Infinity, hi = -Infinity;
    for (const r of rows) { const v = r[0] as number; if (v < lo) lo = v; if (v > hi) hi = v; }
    if (hi - lo + 1 === rows.length) return { table: table.name, columns: pk, range: { lo, hi } };
  }
  return { table: table.name, columns: pk, keys: rows };
}

function rate(rows: number, ms: number): number {
  return ms > 0 ? Math.round((rows * 1000) / ms) : rows;
}

function distinctValues(gen: Generator, n: number, rng: Rng, taken: Set<string>, table: string): unknown[] {
  if (gen.domainSize !== undefined && gen.domainValue) {
    const free = Array.from({ length: gen.domainSize }, (_, i) => gen.domainValue!(i)).filter((v) => !taken.has(String(v)));
    return sampleDistinct(rng, Math.min(n, free.length), free.length).map((i) => free[i]);
  }
  const out: unknown[] = [];
  const seen = new Set(taken);
  for (let i = 0; i < n; i++) {
    let v = gen.next(rng, { index: i, row: {} });
    for (let k = 1; seen.has(String(v)); k++) {
      if (k > 1000 || !gen.disambiguate) throw new SeedbedError('UNSATISFIABLE', `Cannot make ${n} distinct primary keys for ${table}.`, { table, fix: 'Seed fewer rows into it.' });
      v = k < 5 ? gen.next(rng, { index: i, row: {} }) : gen.disambiguate(v, k);
    }
    seen.add(String(v));
    out.push(v);
  }
  return out;
}

async function existingKeys(driver: Driver, recipe: TableRecipe): Promise<Map<string, Set<unknown>>> {
  const out = new Map<string, Set<unknown>>();
  for (const k of recipe.uniqueKeys) {
    const rows = await driver.readValues(recipe.table, k);
    out.set(k.join(','), keySet(rows, k));
  }
  if (recipe.comboKey) {
    const cols = recipe.comboKey.units.flatMap((i) => recipe.units[i].columns);
    out.set('#combo', keySet(await driver.readValues(recipe.table, cols), cols));
  }
  return out;
}

function keySet(rows: unknown[][], cols: string[]): Set<unknown> {
  return new Set(rows.map((r) => keyOf(Object.fromEntries(cols.map((c, i) => [c, r[i]])), cols)).filter((x) => x !== null));
}

function wrapRunError(e: unknown, table: string): SeedbedError {
  if (e instanceof SeedbedError) {
    if (e.code === 'CANCELLED' || e.table || !table) return e;
    return new SeedbedError(e.code, e.message, { fix: e.fix, table, cause: e.cause });
  }
  const msg = (e as Error).message ?? String(e);
  return new SeedbedError('WRITE_FAILED', `Seeding failed${table ? ` at table "${table}"` : ''}: ${msg}. Nothing was written (the run was rolled back).`, {
    table: table || undefined,
    cause: e,
    fix: table ? `Look at the constraints and triggers of "${table}"; \`seedbed plan\` shows how each column is filled.` : undefined,
  });
}
