import { closest } from '../plan/names.ts';
import { parseDatabaseUrl } from '../drivers/url.ts';
import { SeedbedError } from '../errors.ts';
import { dirname } from 'node:path';
import { displayPath } from './error.ts';
import type { AnySchema, ColumnRule, EngineConfig, PerParent, Scenario, SeedbedConfig, TableConfig } from './types.ts';
import { nameRecord } from '../own.ts';

// A config plus a scenario plus the command line → the options the engine runs with.
//
// Merge rules (most specific wins; CLI flags > scenario > config defaults):
//   rows (default rows per table)  --rows  >  scenarios[s].rows  >  config.rows  >  engine default
//   seed                           --seed  >  config.seed        >  engine default
//   database                       --db / SEEDBED_DATABASE_URL  >  config.database (a relative
//                                  sqlite: path is relative to the config file's folder)
//   per table, size:   the most specific level that sizes the table decides, and `rows` and
//                      `perParent` are alternatives: scenarios[s].tables[t] (a number N means
//                      { rows: N }) replaces config.tables[t]'s rows AND perParent; a table
//                      the scenario does not size keeps config.tables[t]'s rows or perParent.
//                      A per-table count beats the default `rows` (also --rows: it is a default).
//   per table, columns: merged column by column; the scenario's rule for a column replaces
//                      the config's rule for that column as a whole.
//   per table, after:  the scenario's list replaces the config's.
//   exclude, nullRate, fanOut, locale, hooks: from the config (scenarios do not set them;
//                      a scenario's tables[t].fanOut merges over the config's per column).
// The scenario: --scenario NAME > config.defaultScenario > none (config defaults only).

export interface ResolveFlags {
  /** --rows: default rows per table. */
  rows?: number;
  /** --seed. */
  seed?: number;
}

/** Everything needed to rebuild a ResolvedConfig in another thread (plain data, cloneable). */
export interface ConfigSource {
  file: string;
  scenario: string | undefined;
  flags: ResolveFlags;
}

export type ResolvedTable = TableConfig<AnySchema, string>;

/**
 * What the engine gets as `options.config` (with `options.configFile`). Every field is already
 * merged: the engine never looks at config.scenarios itself.
 */
export interface ResolvedConfig extends EngineConfig {
  /** Absolute path of the config file. A worker thread re-loads the config from here
   *  (functions cannot cross threads): `loadResolved(resolved.source)` gives the same object. */
  file: string;
  /** Name of the scenario applied, or undefined when none (also goes to the ledger and hooks). */
  scenario: string | undefined;
  /** Default rows per table (--rows > scenario.rows > config.rows); undefined: engine default. */
  rows: number | undefined;
  /** Row count per table, from scenario.tables / config.tables `rows` (or a bare number in a
   *  scenario). Tables sized by `perParent` are not here: their count follows from the parents. */
  counts: Record<string, number>;
  /** Per-table rules after merging config.tables with the scenario's tables: `rows` (same as
   *  counts[t]) or `perParent` (never both), `columns` (function or { generate, values,
   *  nullRate } per column), `fanOut` (per foreign key column) and `after`. Only tables with
   *  some setting appear; excluded never. */
  tables: Record<string, ResolvedTable>;
  /** Tables never seeded or cleared (config.exclude). */
  exclude: string[];
  /** Default share of NULLs in nullable columns (0..1); undefined: engine default (0.1). A
   *  column's own nullRate wins. */
  nullRate: number | undefined;
  /** Default skew of foreign-key picks (0 = even); undefined: engine default (3). A column's
   *  own fanOut (tables[t].fanOut) wins. */
  fanOut: number | undefined;
  /** false: columns like user_id without a FOREIGN KEY are filled by their type, not from users' keys. */
  impliedForeignKeys: boolean | undefined;
  /** PRNG seed: --seed > config.seed; undefined: engine default. */
  seed: number | undefined;
  /** faker locale for config generators; undefined: 'en'. */
  locale: string | undefined;
  /** beforeTable / afterTable, called with { table, rows, scenario } (scenario '' when none). */
  hooks: NonNullable<SeedbedConfig['hooks']>;
  /** Database URL from the config (sqlite paths made absolute), or undefined. --db wins. */
  database: string | undefined;
  /** Plain data to rebuild this object elsewhere (a worker thread). */
  source: ConfigSource;
  /** The config object as loaded (for anything not covered above). */
  config: SeedbedConfig;
}

/** The keys a run's options carry (`seed(driver, { ...options, config, configFile })`). */
export interface ConfigOptions {
  config?: ResolvedConfig;
  /** Absolute path of the config file: what a worker thread re-loads (= config.file). */
  configFile?: string;
}

type Loaded = { config: SeedbedConfig; file: string };

/** Names of the config's scenarios, in the order written. */
export function scenarioNames(config: SeedbedConfig): string[] {
  return Object.keys(config.scenarios ?? {});
}

/**
 * The engine's options for `scenario` (or the config's defaultScenario) — see the merge rules at
 * the top of this file. An unknown scenario name is an error listing the scenarios.
 */
export function resolveScenario(loaded: Loaded | SeedbedConfig, name?: string, flags: ResolveFlags = {}): ResolvedConfig {
  const { config, file } = isLoaded(loaded) ? loaded : { config: loaded, file: '' };
  const scenarioName = name ?? config.defaultScenario;
  let scenario: Scenario<AnySchema> | undefined;
  if (scenarioName !== undefined) {
    const names = scenarioNames(config);
    scenario = Object.hasOwn(config.scenarios ?? {}, scenarioName) ? config.scenarios![scenarioName] : undefined;
    if (!scenario) {
      const near = closest(scenarioName, names);
      throw new SeedbedError('BAD_INPUT', names.length
        ? `Unknown scenario "${scenarioName}". Scenarios in ${file ? displayPath(file) : 'the config'}: ${names.join(', ')}.`
        : `Unknown scenario "${scenarioName}": ${file ? displayPath(file) : 'the config'} defines no scenarios.`, {
        fix: near.length ? `Did you mean "${near[0]}"? (--scenario ${near[0]})` : names.length ? `Pass one of: ${names.join(', ')}.` : 'Add a `scenarios: { light: { rows: 5 } }` section to the config, or leave out --scenario.',
      });
    }
  }

  const exclude = [...(config.exclude ?? [])];
  const excluded = new Set(exclude);
  const tables = nameRecord<ResolvedTable>();
  const counts = nameRecord<number>();
  const names = new Set([...Object.keys(config.tables ?? {}), ...Object.keys(scenario?.tables ?? {})]);
  for (const t of names) {
    if (excluded.has(t)) continue;
    const base = (config.tables?.[t] ?? {}) as ResolvedTable;
    const raw = scenario?.tables?.[t];
    const over: ResolvedTable | undefined = raw === undefined ? undefined : typeof raw === 'number' ? { rows: raw } : (raw as ResolvedTable);
    const merged: ResolvedTable = {};
    const sizedByScenario = over !== undefined && (over.rows !== undefined || over.perParent !== undefined);
    const size = sizedByScenario ? over! : base;
    if (size.rows !== undefined) merged.rows = size.rows;
    else if (size.perParent !== undefined) merged.perParent = { ...(size.perParent as Record<string, PerParent>) };
    const columns: Record<string, ColumnRule<AnySchema, string, string>> = { ...(base.columns as object), ...(over?.columns as object) };
    if (Object.keys(columns).length) merged.columns = columns;
    const after = over?.after ?? base.after;
    if (after?.length) merged.after = [...after];
    const fanOut = { ...(base.fanOut as object), ...(over?.fanOut as object) };
    if (Object.keys(fanOut).length) merged.fanOut = fanOut;
    if (merged.rows !== undefined) counts[t] = merged.rows;
    if (Object.keys(merged).length) tables[t] = merged;
  }

  let database = config.database;
  if (database && file) {
    try {
      const target = parseDatabaseUrl(database, dirname(file));
      if (target.dialect === 'sqlite') database = `sqlite:${target.file}`;
    } catch {
      // validateConfig reports a bad URL with its line; leave it for the driver otherwise.
    }
  }

  return {
    file,
    scenario: scenarioName,
    rows: flags.rows ?? scenario?.rows ?? config.rows,
    counts,
    tables,
    exclude,
    nullRate: config.nullRate,
    fanOut: config.fanOut,
    impliedForeignKeys: config.impliedForeignKeys,
    seed: flags.seed ?? config.seed,
    locale: config.locale,
    hooks: { ...(config.hooks ?? {}) },
    database,
    source: { file, scenario: scenarioName, flags: { ...flags } },
    config,
  };
}

function isLoaded(x: Loaded | SeedbedConfig): x is Loaded {
  return typeof (x as Loaded).file === 'string' && typeof (x as Loaded).config === 'object' && (x as Loaded).config !== null;
}
