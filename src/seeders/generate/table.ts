import { evaluate, type EvalContext, type Expr } from '../check/index.ts';
import { EPOCH_END } from './format.ts';
import { SeedbedError } from '../errors.ts';
import { decode, sampleDistinct } from './combos.ts';
import type { GenContext } from './generator.ts';
import { Rng } from './prng.ts';
import type { TableRecipe, Unit } from './recipe.ts';

// Makes one table's rows from its recipe, in batches, deterministically: every unit draws from
// its own PRNG stream (seed, table, columns), so rows do not depend on other tables or columns.

export const NULL_RATE = 0.1;
const MAX_TREE_DEPTH = 4;
const RETRIES = 60;

export interface TableInputs {
  seed: number;
  dialect: 'sqlite' | 'postgresql';
  count: number;
  /** Pre-assigned primary keys (sequence/key units), one per row. */
  keys?: unknown[];
  /** Tuples a foreign key may point at (rows of the parent: existing + this run's). */
  parentTuples(unit: Unit): unknown[][];
  /** Values of unique keys already in the table (incremental seeding). */
  existingUnique?: Map<string, Set<string>>;
}

export interface FillAfter {
  unit: Unit;
  /** Row positions (in generated order) whose FK is set once the parent exists. */
  rows: number[];
}

export class TableGenerator {
  readonly recipe: TableRecipe;
  readonly inputs: TableInputs;
  /** Rows skipped because no distinct value could be found for a unique key. */
  dropped = 0;
  /** Values of referenced columns per generated row, for children and self-references. */
  readonly produced: Map<string, unknown[][]> = new Map();
  readonly fillAfter: FillAfter[] = [];
  private readonly rngs: Rng[];
  private readonly combos: number[][] | undefined;
  private readonly seen: Map<string, Set<string>>;
  private readonly depth: number[] = [];
  private readonly rowTuples: Record<string, unknown>[] = [];
  private comboParents = new Map<number, unknown[][]>();
  private existingCombos: Set<string> | undefined;
  private comboColumns: string[] = [];
  private readonly checkRng: Rng;
  private readonly evalContext: EvalContext;

  constructor(recipe: TableRecipe, inputs: TableInputs) {
    this.recipe = recipe;
    this.inputs = inputs;
    const t = recipe.table.name;
    this.rngs = recipe.units.map((u) => new Rng(inputs.seed, t, u.columns.join(',')));
    this.checkRng = new Rng(inputs.seed, t, '#checks');
    // CHECKs are judged by the target's rules, with a fixed "now" so runs stay reproducible.
    this.evalContext = { dialect: inputs.dialect === 'postgresql' ? 'postgres' : 'sqlite', now: new Date(EPOCH_END) };
    this.seen = new Map(recipe.uniqueKeys.map((k) => [k.join(','), new Set(inputs.existingUnique?.get(k.join(',')) ?? [])]));
    if (recipe.comboKey) {
      const sizes = recipe.comboKey.units.map((i) => this.domainOf(i));
      const space = sizes.reduce((a, b) => a * b, 1);
      // Existing rows hold some combinations already: draw extra candidates, skip those.
      this.existingCombos = inputs.existingUnique?.get('#combo');
      const n = Math.min(inputs.count + (this.existingCombos?.size ?? 0), space);
      const picks = sampleDistinct(new Rng(inputs.seed, t, '#combo'), n, space);
      this.combos = picks.map((p) => decode(p, sizes));
      this.comboColumns = recipe.comboKey.units.flatMap((i) => recipe.units[i].columns);
    }
    recipe.units.forEach((u) => { if (u.kind === 'fk' && u.mode === 'fill-after') this.fillAfter.push({ unit: u, rows: [] }); });
  }

  private domainOf(i: number): number {
    const u = this.recipe.units[i];
    if (u.kind === 'fk') {
      const tuples = this.inputs.parentTuples(u);
      this.comboParents.set(i, tuples);
      return tuples.length;
    }
    return u.gen?.domainSize ?? 0;
  }

  /** How many rows this generator will try to make. */
  get target(): number {
    return this.combos ? Math.min(this.inputs.count, this.combos.length - (this.existingCombos?.size ?? 0)) : this.inputs.count;
  }

  /** Yields rows (arrays in recipe.columns order), `size` at a time. */
  *batches(size: number): Generator<unknown[][]> {
    let batch: unknown[][] = [];
    const n = this.target;
    const candidates = this.combos ? this.combos.length : n;
    for (let c = 0, made = 0; c < candidates && made < n; c++) {
      const combo = this.combos?.[c];
      if (combo && this.existingCombos && this.comboTaken(combo)) continue;
      const row = this.makeRow(made, combo);
      if (!row) { this.dropped++; continue; }
      made++;
      batch.push(row);
      if (batch.length >= size) { yield batch; batch = []; }
    }
    if (batch.length) yield batch;
  }

  /** True when existing rows already hold this combination. */
  private comboTaken(combo: number[]): boolean {
    const row: Record<string, unknown> = {};
    this.recipe.comboKey!.units.forEach((ui, ci) => {
      const u = this.recipe.units[ui];
      if (u.kind === 'fk') assign(row, u.columns, this.comboParents.get(ui)![combo[ci]]);
      else row[u.columns[0]] = u.gen!.domainValue!(combo[ci]);
    });
    const text = keyText(row, this.comboColumns);
    return text !== null && this.existingCombos!.has(text);
  }

  private makeRow(i: number, combo: number[] | undefined): unknown[] | null {
    const { units, columns } = this.recipe;
    const row: Record<string, unknown> = {};
    const ctx: GenContext = { index: i, row };
    const fixed = new Set<number>();
    // Edges closed after the cycle: decide now whether the row gets a parent, write NULL for now.
    const pending = this.fillAfter.filter((f) => !(f.unit.nullable && this.rngs[units.indexOf(f.unit)].chance(NULL_RATE)));
    units.forEach((u, ui) => {
      if (u.mode === 'fill-after') return assign(row, u.columns, null);
      const ci = this.recipe.comboKey?.units.indexOf(ui) ?? -1;
      if (combo && ci >= 0) {
        fixed.add(ui);
        if (u.kind === 'fk') assign(row, u.columns, this.comboParents.get(ui)![combo[ci]]);
        else row[u.columns[0]] = u.gen!.domainValue!(combo[ci]);
        return;
      }
      if (u.kind === 'sequence' || u.kind === 'key') {
        fixed.add(ui);
        row[u.columns[0]] = this.inputs.keys![i];
        return;
      }
      this.fill(ui, i, row, ctx);
    });
    if (!this.satisfyChecks(i, row, ctx, fixed)) {
      const c = this.recipe.rowChecks.find((rc) => this.fails(rc.expr, row))!;
      throw new SeedbedError('UNSATISFIABLE', `No row of ${this.recipe.table.name} satisfies CHECK (${c.text}) after ${RETRIES} attempts.`, {
        fix: `Check that the constraint can hold together with the others on ${this.recipe.table.name}, or give its columns a generator in the config.`,
        table: this.recipe.table.name,
      });
    }
    if (!this.makeUnique(i, row, ctx, fixed)) return null;
    for (const f of pending) f.rows.push(this.rowTuples.length);
    this.rowTuples.push(row);
    const out = new Array(columns.length);
    for (let c = 0; c < columns.length; c++) out[c] = row[columns[c]];
    return out;
  }

  /** Fills unit `ui` of row i with a fresh value. */
  private fill(ui: number, i: number, row: Record<string, unknown>, ctx: GenContext): void {
    const u = this.recipe.units[ui];
    const rng = this.rngs[ui];
    if (u.mode === 'fill-after') return assign(row, u.columns, null);
    if (u.kind === 'fk') {
      const tuples = this.inputs.parentTuples(u);
      if (!tuples.length || (u.nullable && rng.chance(NULL_RATE))) return assign(row, u.columns, null);
      return assign(row, u.columns, tuples[rng.int(0, tuples.length - 1)]);
    }
    if (u.kind === 'self') return this.fillSelf(u, rng, i, row);
    if (u.nullable && rng.chance(NULL_RATE)) { row[u.columns[0]] = null; return; }
    row[u.columns[0]] = u.gen!.next(rng, ctx);
  }

  /** A forest: roots have NULL (or point at themselves when NOT NULL), children an earlier row. */
  private fillSelf(u: Unit, rng: Rng, i: number, row: Record<string, unknown>): void {
    const ref = u.fk!.refColumns;
    const existing = this.inputs.parentTuples(u);
    const root = i === 0 || rng.chance(0.3);
    let parent = -1;
    if (!root) {
      parent = rng.int(0, i - 1);
      if (parent >= this.rowTuples.length || (this.depth[parent] ?? 0) >= MAX_TREE_DEPTH - 1) parent = -1;
    }
    if (parent >= 0) {
      this.depth[i] = (this.depth[parent] ?? 0) + 1;
      const p = this.rowTuples[parent];
      return assign(row, u.columns, ref.map((c) => p[c]));
    }
    this.depth[i] = 0;
    if (u.nullable) return assign(row, u.columns, null);
    if (existing.length) return assign(row, u.columns, existing[rng.int(0, existing.length - 1)]);
    // NOT NULL self-reference with no earlier row: point at itself (its key is pre-assigned).
    return assign(row, u.columns, ref.map((c) => row[c] ?? this.inputs.keys?.[i]));
  }

  private satisfyChecks(i: number, row: Record<string, unknown>, ctx: GenContext, fixed: Set<number>): boolean {
    const checks = this.recipe.rowChecks;
    if (!checks.length) return true;
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      const failing = checks.filter((c) => this.fails(c.expr, row));
      if (!failing.length) return true;
      for (const c of failing) {
        // Two-column order relations are fixed by swapping before redrawing.
        if (attempt === 0 && c.columns.length === 2 && /[<>]/.test(c.text)) {
          const [a, b] = c.columns;
          const ua = this.unitIndex(a), ub = this.unitIndex(b);
          if (!fixed.has(ua) && !fixed.has(ub)) { const t = row[a]; row[a] = row[b]; row[b] = t; continue; }
        }
        for (const col of c.columns) {
          const ui = this.unitIndex(col);
          if (ui < 0 || fixed.has(ui)) continue;
          // Later attempts also try NULL for nullable columns (`a IS NULL OR …` forms).
          if (this.recipe.units[ui].nullable && this.checkRng.chance(0.3)) { row[col] = null; continue; }
          this.fill(ui, i, row, ctx);
        }
      }
    }
    return !checks.some((c) => this.fails(c.expr, row));
  }

  private makeUnique(i: number, row: Record<string, unknown>, ctx: GenContext, fixed: Set<number>): boolean {
    for (const key of this.recipe.uniqueKeys) {
      const seen = this.seen.get(key.join(','))!;
      let text = keyText(row, key);
      if (text === null) continue; // a NULL part never collides
      let tries = 0;
      while (seen.has(text!)) {
        tries++;
        const free = key.map((c) => this.unitIndex(c)).filter((ui) => ui >= 0 && !fixed.has(ui));
        if (!free.length) return false;
        if (tries <= 10) {
          for (const ui of free) this.fill(ui, i, row, ctx);
        } else {
          const ui = free.find((x) => this.recipe.units[x].gen?.disambiguate);
          if (ui === undefined || tries > 1000) return false;
          const u = this.recipe.units[ui];
          row[u.columns[0]] = u.gen!.disambiguate!(row[u.columns[0]], tries - 10);
        }
        if (this.recipe.rowChecks.some((c) => this.fails(c.expr, row))) continue;
        text = keyText(row, key);
        if (text === null) break;
      }
      if (text !== null) seen.add(text);
    }
    return true;
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
    const lc = column.toLowerCase();
    return this.recipe.units.findIndex((u) => u.columns.some((c) => c.toLowerCase() === lc));
  }

  /** Rows generated so far, as objects (for the fill-after pass and key stores). */
  rows(): readonly Record<string, unknown>[] {
    return this.rowTuples;
  }
}

function assign(row: Record<string, unknown>, columns: string[], values: unknown[] | null): void {
  for (let k = 0; k < columns.length; k++) row[columns[k]] = values === null ? null : values[k];
}

export function keyText(row: Record<string, unknown>, key: string[]): string | null {
  let s = '';
  for (const c of key) {
    const v = row[c];
    if (v === null || v === undefined) return null;
    s += `${typeof v === 'string' ? v : String(v)}\u0000`;
  }
  return s;
}
