import type { Faker } from '@faker-js/faker';
import type { ColumnRule, EngineConfig, Lookup, PerParent, PerParentCount } from '../config/types.ts';
import { clip, SeedbedError } from '../errors.ts';
import type { ColumnInfo } from '../schema/model.ts';
import { ruleError, type RuleSite } from '../config/rule-site.ts';
import { configValue, WrongValue } from './config-values.ts';
import type { Generator, GenContext } from './generator.ts';
import type { Rng } from './prng.ts';
import { importPackage } from '../packages.ts';

// Column rules from seedbed.config.ts turned into generators: weighted value lists, and user
// functions that get a seeded faker, the row so far, lookups of generated rows and, with
// perParent, their parent. Same seed → same calls in the same order → same values.

export interface RuleContext extends GenContext {
  lookup?: Lookup<Record<string, Record<string, unknown>>>;
  group?: { parent: Record<string, unknown>; index: number; size: number };
}

// faker is big (≈250 ms to import): it is loaded only when a config has column functions, before
// planning (makePlan awaits loadFaker), so runs without such functions never pay for it.
let fakerLib: typeof import('@faker-js/faker') | undefined;

/** Set in the generator thread (write/generator-thread.ts): told before and after each call of a
 *  column function, so that the thread that started it can stop one that does not return. */
export const callWatch: { begin?(table: string, column: string, index: number): void; end?(): void } = {};

/** True when the config has a column function (which gets a seeded faker). */
export function usesFunctions(config: EngineConfig | undefined): boolean {
  for (const t of Object.values(config?.tables ?? {})) {
    for (const rule of Object.values(t?.columns ?? {})) if (typeof rule === 'function' || typeof (rule as { generate?: unknown })?.generate === 'function') return true;
  }
  return false;
}

export async function loadFaker(): Promise<void> {
  fakerLib ??= await importPackage('@faker-js/faker', () => import('@faker-js/faker'));
}

/** Where a rule is (worked out on error) and the column it fills, to check its values against. */
export interface RuleTarget {
  column?: ColumnInfo;
  site?: () => RuleSite;
  /** The config's faker locale ('de', 'pt_BR'); English fills what it lacks. */
  locale?: string;
}

/** faker's locale definitions for a config's `locale`, most specific first. */
function fakerLocale(lib: typeof import('@faker-js/faker'), locale: string | undefined) {
  const own = locale ? (lib.allLocales as Record<string, unknown>)[locale.replace('-', '_')] : undefined;
  return own && own !== lib.en ? [own as typeof lib.en, lib.en, lib.base] : [lib.en, lib.base];
}

export function ruleGenerator(rule: ColumnRule<any, string, string>, table: string, column: string, target: RuleTarget = {}): { gen?: Generator; nullRate?: number } {
  const r = typeof rule === 'function' ? { generate: rule } : rule;
  const out: { gen?: Generator; nullRate?: number } = { nullRate: r.nullRate };
  const site = () => target.site?.() ?? { path: `tables.${table}.columns.${column}` };
  const col = target.column;
  // A value that does not fit the column: one error naming the rule, the row and the type.
  const misfit = (e: WrongValue, what: string) => ruleError(site(), `${what} ${e.shown}, but ${table}.${column} is ${clip(col!.type, 60)}: it needs ${e.needs}.`,
    `Make it ${e.needs}${col!.nullable ? ', or null for NULL' : ''}.`, table);
  if (r.values !== undefined) {
    let values = r.values as readonly unknown[] | Record<string, number>;
    // Checked once here (not per row): each listed value against the column's type.
    if (col && Array.isArray(values)) {
      values = values.map((v, i) => {
        try { return configValue(col, v); } catch (e) { if (e instanceof WrongValue) throw misfit(e, `lists (at [${i}])`); throw e; }
      });
    }
    out.gen = weighted(values, `${table}.${column}`);
    if (col && !Array.isArray(values)) {
      const listed = out.gen.domainValue!;
      for (let i = 0; i < out.gen.domainSize!; i++) {
        try { configValue(col, listed(i)); } catch (e) { if (e instanceof WrongValue) throw misfit(e, 'lists'); throw e; }
      }
    }
  }
  if (r.generate) {
    const fn = r.generate;
    if (!fakerLib) throw new Error('config-rules: loadFaker() must run before planning a config with functions');
    const faker: Faker = new fakerLib.Faker({ locale: fakerLocale(fakerLib, target.locale) });
    let seeded = false;
    out.gen = {
      label: 'config.function',
      next: (rng: Rng, ctx: GenContext) => {
        // Seeded from the column's own stream on first use: same seed, same faker values.
        if (!seeded) { faker.seed(rng.next32()); seeded = true; }
        const c = ctx as RuleContext;
        let v: unknown;
        const watch = callWatch.begin;
        watch?.(table, column, c.index);
        try {
          v = fn({ faker, row: c.row as never, index: c.index, lookup: c.lookup as never, group: c.group, random: () => rng.float() });
        } catch (e) {
          if (e instanceof SeedbedError) throw e;
          throw new SeedbedError('BAD_INPUT', `The config function for ${table}.${column} failed on row ${c.index}: ${clip(String((e as Error)?.message ?? e))}`, {
            fix: `Fix the function for ${table}.${column} in the config (it got row ${clip(safeJson(c.row))}).`,
            table,
          });
        } finally {
          if (watch) callWatch.end!();
        }
        if (!col) return v;
        try {
          return configValue(col, v);
        } catch (e) {
          if (e instanceof WrongValue) throw misfit(e, `returned, for row ${c.index},`);
          throw e;
        }
      },
    };
  }
  return out;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x)) ?? String(v);
  } catch {
    return String(v);
  }
}

/** `['a', 'b']` (equal weights) or `{ a: 80, b: 20 }`. */
export function weighted(values: readonly unknown[] | Record<string, number>, where: string): Generator {
  const items: (readonly [unknown, number])[] = Array.isArray(values) ? values.map((v) => [v, 1] as const) : Object.entries(values as Record<string, number>).map(([k, w]) => [fromKey(k), Number(w)] as const);
  if (!items.length) throw new SeedbedError('BAD_INPUT', `The values list of ${where} is empty.`, { fix: 'Give at least one value.' });
  const total = items.reduce((a, [, w]) => a + w, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const [, w] of items) cumulative.push((acc += w / total));
  const list = items.map(([v]) => v);
  return {
    label: 'config.values',
    next: (rng) => {
      const x = rng.float();
      let i = 0;
      while (i < cumulative.length - 1 && x >= cumulative[i]) i++;
      return list[i];
    },
    domainSize: list.length,
    domainValue: (i) => list[i],
  };
}

/** Object keys are strings: give back the booleans and numbers a column expects. */
function fromKey(k: string): unknown {
  if (k === 'true') return true;
  if (k === 'false') return false;
  if (k === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(k)) return Number(k);
  return k;
}

/** Children for one parent row: an exact count or a range drawn with the unit's stream. */
export function groupSize(spec: PerParent, parent: Record<string, unknown>, rng: Rng): number {
  const c: PerParentCount = typeof spec === 'function' ? spec(parent) : spec;
  if (typeof c === 'number') return c;
  return rng.int(c[0], c[1]);
}

export function meanGroupSize(spec: PerParent): number | undefined {
  if (typeof spec === 'function') return undefined;
  return typeof spec === 'number' ? spec : (spec[0] + spec[1]) / 2;
}
