import type { Faker } from '@faker-js/faker';

// The shape of `seedbed.config.ts`. Generic over the project's schema type (written by
// `seedbed init` into seedbed.schema.d.ts), so table and column names autocomplete and a typo
// is a compile error. Untyped projects get `AnySchema`.

/** Table name → column name → TypeScript value type. */
export type AnySchema = Record<string, Record<string, unknown>>;

export type Row<S extends AnySchema, T extends keyof S> = { [C in keyof S[T]]?: S[T][C] };

/** Looks at rows already generated in this run (and rows that existed before it). */
export interface Lookup<S extends AnySchema> {
  /** All rows of a table generated so far, optionally only those matching `where`. */
  rows<T extends keyof S & string>(table: T, where?: Row<S, T>): Row<S, T>[];
  /** One such row, chosen with the column's seeded randomness; undefined when none match. */
  pick<T extends keyof S & string>(table: T, where?: Row<S, T>): Row<S, T> | undefined;
}

export interface ColumnContext<S extends AnySchema, T extends keyof S> {
  /** A faker instance seeded for this column: same seed, same values. */
  faker: Faker;
  /** The row built so far: every column without a rule of its own, then the ruled ones in order. */
  row: Row<S, T>;
  /** 0-based position of the row in this run's rows of the table. */
  index: number;
  lookup: Lookup<S>;
  /** With `perParent`: the parent row this row belongs to and its place among the siblings. */
  group?: { parent: Record<string, unknown>; index: number; size: number };
  /** A seeded number in [0, 1) for this column (like Math.random, but reproducible). */
  random(): number;
}

/** Weighted values: `{ student: 80, teacher: 15, admin: 5 }` or a plain list (equal weights).
 *  Booleans and NULL by name: `{ true: 30, false: 70 }`, `{ draft: 5, null: 1 }`. */
export type WeightedValues<V> = readonly V[] | (V extends string | number ? { readonly [K in V & (string | number)]?: number }
  : V extends boolean ? { readonly true?: number; readonly false?: number }
  : V extends null ? { readonly null?: number }
  : never);

export type ColumnRule<S extends AnySchema, T extends keyof S, C extends keyof S[T]> =
  | ((ctx: ColumnContext<S, T>) => S[T][C] | null)
  | {
      /** Generate with this function. */
      generate?: (ctx: ColumnContext<S, T>) => S[T][C] | null;
      /** Choose among these values (weights allowed). */
      values?: WeightedValues<S[T][C]>;
      /** Share of NULLs for a nullable column (0..1). Default: the config's nullRate. */
      nullRate?: number;
    };

/** `[min, max]` children per parent row, or an exact number. */
export type PerParentCount = number | readonly [number, number];

/** A count for every parent, or a function of the parent row (`p => p.is_dm ? 2 : [3, 10]`). */
export type PerParent = PerParentCount | ((parent: Record<string, unknown>) => PerParentCount);

export interface TableConfig<S extends AnySchema, T extends keyof S> {
  /** Rows to add (the scenario's default otherwise). */
  rows?: number;
  /** Children per parent row, by foreign key column: `{ student_id: [1, 3] }`. Sets the row count. */
  perParent?: { [C in keyof S[T]]?: PerParent };
  /** How unevenly rows spread over their parents, by foreign key column: 0 = every parent
   *  equally often, 3 = the default (the busiest 10 % of parents get ≈ 37 %), higher = more skewed. */
  fanOut?: { [C in keyof S[T]]?: number };
  columns?: { [C in keyof S[T]]?: ColumnRule<S, T, C> };
  /** Tables this one's functions look up, so they are generated first: `after: ['user_channels']`. */
  after?: (keyof S & string)[];
}

export interface Scenario<S extends AnySchema> {
  /** Default rows per table in this scenario. */
  rows?: number;
  tables?: { [T in keyof S]?: number | TableConfig<S, T> };
  description?: string;
}

export interface HookContext {
  table: string;
  rows: number;
  scenario: string;
}

export interface SeedbedConfig<S extends AnySchema = AnySchema> {
  /** sqlite:PATH or postgresql://user@host:port/db; SEEDBED_DATABASE_URL and --db win. */
  database?: string;
  /** The PRNG seed; --seed wins. */
  seed?: number;
  /** faker locale for config generators (default 'en'). */
  locale?: string;
  /** Default share of NULLs in nullable columns (0..1, default 0.1). */
  nullRate?: number;
  /** Default skew of foreign keys (0 = even, default 3; see TableConfig.fanOut). */
  fanOut?: number;
  /** Default rows per table. */
  rows?: number;
  /** Tables never seeded or cleared. */
  exclude?: (keyof S & string)[];
  /** Columns named for a table (user_id → users) without a FOREIGN KEY are filled from that
   *  table's keys (default true); false fills them by their type. */
  impliedForeignKeys?: boolean;
  tables?: { [T in keyof S]?: TableConfig<S, T> };
  /** light, medium, heavy and your own; `--scenario NAME` picks one. */
  scenarios?: Record<string, Scenario<S>>;
  defaultScenario?: string;
  hooks?: {
    beforeTable?(ctx: HookContext): void | Promise<void>;
    afterTable?(ctx: HookContext): void | Promise<void>;
  };
}

/** Identity function that gives a config its types. */
export function defineConfig<S extends AnySchema = AnySchema>(config: SeedbedConfig<S>): SeedbedConfig<S> {
  return config;
}

/**
 * What the engine takes from a loaded config once the scenario is resolved (config/resolve.ts
 * makes it): per-table rules, exclusions, defaults. Row counts travel separately (`counts`).
 */
export interface EngineConfig {
  tables?: Record<string, TableConfig<AnySchema, string>>;
  exclude?: string[];
  impliedForeignKeys?: boolean;
  nullRate?: number;
  fanOut?: number;
  locale?: string;
  hooks?: SeedbedConfig['hooks'];
  /** Scenario name, recorded in the ledger. */
  scenario?: string;
}
