import { safeStart } from './safe-starts.ts';
import type { Driver } from '../driver.ts';
import type { EvalContext } from '../check/index.ts';
import { EPOCH_END } from '../generate/format.ts';
import { uniqueKeyId, type TableRecipe, type Unit } from '../generate/recipe.ts';
import { formValue } from '../generate/unique-forms.ts';
import { keyOf } from '../generate/table.ts';
import { KeySet } from '../generate/key-set.ts';
import { groupOf, rangeEnd } from '../generate/timeline.ts';
import type { SeedPlan } from '../plan/plan.ts';
import type { TableInfo } from '../schema/model.ts';

// Everything a run needs to read from the database before generating, gathered inside the
// run's transaction. Plain data (Maps, Sets, arrays), so it can cross into a worker thread.

export interface RunInputs {
  seed: number;
  /** `${table}\u0001${columns joined by \u0000}` → existing tuples of those columns. */
  tuples: Map<string, unknown[][]>;
  /** table → first value of its integer key sequence. */
  starts: Map<string, number>;
  /** table → existing values of its generated primary key (to avoid; bytes compared by content). */
  taken: Map<string, KeySet>;
  /** table → unique key name → existing key values; '#combo' for the sampled key. */
  existingUnique: Map<string, Map<string, Set<unknown>>>;
  /** table → EXCLUDE constraint → group → where its existing rows' ranges end (generate/timeline.ts). */
  rangeEnds?: Map<string, Map<string, Map<string, number>>>;
  /** A dry run's or an export's: mirror table → where the keys its trigger's rows get start (mirror-keys.ts). */
  mirrorStarts?: Map<string, { next: number; step: number }>;
}

/** Referenced column lists per parent table, as `a\u0000b` strings; columns carried along for
 *  linked units follow after `\u0002` (`id\u0002customer_id`). */
export function referencedColumns(plan: SeedPlan): Map<string, Set<string>> {
  const needed = new Map<string, Set<string>>();
  for (const r of plan.recipes.values()) {
    for (const u of r.units) {
      if (u.kind !== 'fk' && u.kind !== 'self') continue;
      const set = needed.get(u.fk!.refTable) ?? new Set<string>();
      set.add(tupleColumns(u));
      needed.set(u.fk!.refTable, set);
    }
  }
  return needed;
}

/** The parent columns an fk unit's tuples hold: its referenced key, then any carried columns. */
export function tupleColumns(u: Unit): string {
  const key = u.fk!.refColumns.join('\u0000');
  return u.carry?.length ? `${key}\u0002${u.carry.join('\u0000')}` : key;
}

/** `tupleColumns` text → the key columns and all columns. */
export function splitTupleColumns(cols: string): { key: string[]; all: string[] } {
  const [key, carry] = cols.split('\u0002');
  const k = key.split('\u0000');
  return { key: k, all: carry ? [...k, ...carry.split('\u0000')] : k };
}

export async function prepareRun(driver: Driver, plan: SeedPlan, seed: number): Promise<RunInputs> {
  const inputs: RunInputs = { seed, tuples: new Map(), starts: new Map(), taken: new Map(), existingUnique: new Map() };
  const tableInfo = new Map<string, TableInfo>();
  for (const r of plan.recipes.values()) tableInfo.set(r.table.name, r.table);
  const stub = (name: string): TableInfo => ({ name, columns: [], primaryKey: [], uniques: [], foreignKeys: [], checks: [] });
  const existing = new Map(plan.tables.map((t) => [t.name, t.existing]));
  for (const [table, sets] of referencedColumns(plan)) {
    for (const cols of sets) {
      const hasRows = existing.has(table) ? existing.get(table)! > 0 : true;
      const { key, all } = splitTupleColumns(cols);
      const values = hasRows ? (await driver.readValues(tableInfo.get(table) ?? stub(table), all)).filter((row) => row.every((v, i) => i >= key.length || v !== null)) : [];
      inputs.tuples.set(`${table}\u0001${cols}`, values);
    }
  }
  const sequences = plan.tables.filter((t) => t.count > 0).flatMap((t) => {
    const r = plan.recipes.get(t.name)!;
    // The table's key maker (generate-run.ts): its first sequence or key unit.
    const u = r.units.find((x) => x.kind === 'sequence' || x.kind === 'key');
    return u?.kind === 'sequence' ? [{ name: t.name, table: r.table, column: u.columns[0], start: u.start ?? 1 }] : [];
  });
  const maxes = driver.maxIntegers ? await driver.maxIntegers(sequences) : await sequential(sequences.map((s) => () => driver.maxInteger(s.table, s.column)));
  sequences.forEach((s, i) => inputs.starts.set(s.name, Math.max(maxes[i] + 1, s.start)));
  // Keys past 2^53 already there (snowflakes): a start the engine can count from exactly.
  if (plan.dialect === 'sqlite') {
    for (const [i, s] of sequences.entries()) {
      const count = plan.tables.find((t) => t.name === s.name)?.count ?? 0;
      if (maxes[i] + count < Number.MAX_SAFE_INTEGER) continue;
      const start = await safeStart(driver, s.table, s.column, maxes[i], count, s.start);
      if (start !== undefined) inputs.starts.set(s.name, start);
    }
  }
  for (const t of plan.tables) {
    if (t.count <= 0 || !t.existing) continue;
    const r = plan.recipes.get(t.name)!;
    const u = r.units.find((x) => x.kind === 'sequence' || x.kind === 'key');
    if (u?.kind === 'key') {
      const conv = asGenerated(r.table, u.columns[0]);
      const values = (await driver.readValues(r.table, u.columns)).map((v) => (conv ? conv(v[0]) : v[0]));
      inputs.taken.set(t.name, new KeySet(values, values.length));
    }
    const ctx: EvalContext = { dialect: plan.dialect === 'postgresql' ? 'postgres' : 'sqlite', now: new Date(EPOCH_END) };
    inputs.existingUnique.set(t.name, await existingKeys(driver, r, ctx));
    if (r.exclusions) (inputs.rangeEnds ??= new Map()).set(t.name, await existingRangeEnds(driver, r, ctx));
  }
  return inputs;
}

async function sequential<T>(calls: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (const call of calls) out.push(await call());
  return out;
}

async function existingKeys(driver: Driver, recipe: TableRecipe, ctx: EvalContext): Promise<Map<string, Set<unknown>>> {
  const out = new Map<string, Set<unknown>>();
  for (let i = 0; i < recipe.uniqueKeys.length; i++) {
    const k = recipe.uniqueKeys[i];
    const form = recipe.keyForms?.[i];
    if (!form) { out.set(uniqueKeyId(recipe, i), keySet(await driver.readValues(recipe.table, k), k, recipe.table)); continue; }
    // What the index holds for each existing row: its expressions, over the rows its WHERE selects.
    const names = new Map(recipe.table.columns.map((c) => [c.name.toLowerCase(), c.name]));
    const cols = [...new Set([...k, ...form.predicateColumns].map((c) => names.get(c.toLowerCase()) ?? c))];
    const conv = cols.map((c) => asGenerated(recipe.table, c));
    const values = (await driver.readValues(recipe.table, cols)).map((r) => formValue(form, Object.fromEntries(cols.map((c, j) => [c, conv[j] ? conv[j]!(r[j]) : r[j]])), ctx));
    out.set(uniqueKeyId(recipe, i), new Set(values.filter((v) => v !== null)));
  }
  if (recipe.comboKey) {
    const cols = recipe.comboKey.units.flatMap((i) => recipe.units[i].columns);
    out.set('#combo', keySet(await driver.readValues(recipe.table, cols), cols));
  }
  return out;
}

/** Per EXCLUDE timeline, per group, the end of the last existing range: new rows come after it. */
async function existingRangeEnds(driver: Driver, recipe: TableRecipe, ctx: EvalContext): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  for (const form of recipe.exclusions!) {
    const cols = [...new Set([...form.groupColumns, ...form.placed])];
    const ends = new Map<string, number>();
    for (const r of await driver.readValues(recipe.table, cols)) {
      const row = Object.fromEntries(cols.map((c, j) => [c, r[j]]));
      const end = rangeEnd(form, form.placed.map((c) => row[c]));
      if (end === undefined) continue;
      const g = groupOf(form, row, ctx);
      if (!(end <= (ends.get(g) ?? -Infinity))) ends.set(g, end);
    }
    out.set(form.name, ends);
  }
  return out;
}

function keySet(rows: unknown[][], cols: string[], table?: TableInfo): Set<unknown> {
  const conv = table ? cols.map((c) => asGenerated(table, c)) : [];
  return new Set(rows.map((r) => keyOf(Object.fromEntries(cols.map((c, i) => [c, conv[i] ? conv[i]!(r[i]) : r[i]])), cols)).filter((x) => x !== null));
}

/** Existing values as generators make them, so they compare equal: PostgreSQL's rows are read as
 *  text ('3', 't'). Foreign-key columns take their parents' values as read: left as they are. */
function asGenerated(table: TableInfo, column: string): ((v: unknown) => unknown) | undefined {
  if (table.foreignKeys.some((f) => f.columns.includes(column))) return undefined;
  const kind = table.columns.find((c) => c.name === column)?.kind;
  // PostgreSQL reads bytea as its text ('\\x1b65…'); generators make bytes.
  if (kind === 'blob') return (v) => (typeof v === 'string' && v.startsWith('\\x') ? Buffer.from(v.slice(2), 'hex') : v);
  if (kind === 'boolean') return (v) => (v === 't' || v === 'true' || v === 1 || v === '1' ? true : v === 'f' || v === 'false' || v === 0 || v === '0' ? false : v);
  if (kind !== 'integer' && kind !== 'bigint' && kind !== 'decimal' && kind !== 'real') return undefined;
  return (v) => {
    if (typeof v === 'bigint') return Number(v);
    if (typeof v !== 'string' || v.trim() === '') return v;
    const n = Number(v);
    return Number.isFinite(n) ? n : v;
  };
}
