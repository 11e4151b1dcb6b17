import { basename, dirname, join, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { Driver } from '../driver.ts';
import { SeedbedError } from '../errors.ts';
import type { SeedOptions } from '../seed-options.ts';
import type { SeedPlan } from '../plan/plan.ts';
import type { SchemaInfo } from '../schema/model.ts';
import { displayPath } from './error.ts';
import { CONFIG_FILE } from './init.ts';
import { findConfig, loadConfig, type LoadedConfig } from './load.ts';
import { mikroOrmDatabase } from './mikro-orm.ts';
import { resolveScenario, type ConfigOptions, type ResolveFlags, type ResolvedConfig } from './resolve.ts';
import type { SeedbedConfig } from './types.ts';
import { validateConfig } from './validate.ts';
import { nameRecord } from '../own.ts';

// A project's seedbed.config.ts → the options a seed or a plan runs with. The CLI (--config,
// --scenario) and the VS Code extension (settings seedbed.configPath / seedbed.scenario, in its
// engine worker) both go through here, so a config means the same in both.

export interface ProjectConfigRef {
  /** The project folder: relative paths start here, and its own config is used by default. */
  cwd: string;
  /** The config file (or a folder holding one), absolute or relative to `cwd`; undefined: the
   *  one in `cwd`, if any. */
  file?: string;
}

/** The config file a project uses, without loading it (no config code runs): undefined when
 *  there is none. `expected` is where it would be created. */
export function locateProjectConfig(ref: ProjectConfigRef): { file: string | undefined; expected: string } {
  const cwd = resolve(ref.cwd);
  if (!ref.file) return { file: findConfig(cwd), expected: join(cwd, CONFIG_FILE) };
  const abs = resolve(cwd, ref.file);
  if (existsSync(abs) && statSync(abs).isDirectory()) return { file: findConfig(abs), expected: join(abs, CONFIG_FILE) };
  return { file: existsSync(abs) ? abs : undefined, expected: abs };
}

/** The folder `seedbed init` should write into so that `ref` finds the new config (an error
 *  when ref names a file that init cannot write: init writes seedbed.config.ts). */
export function initFolder(ref: ProjectConfigRef): string {
  const { expected } = locateProjectConfig(ref);
  if (basename(expected) !== CONFIG_FILE) {
    throw new SeedbedError('BAD_INPUT', `Seedbed writes a starter config as ${CONFIG_FILE}, not ${displayPath(expected)}.`, {
      fix: `Point the config path at a folder or at a file named ${CONFIG_FILE}, or create ${basename(expected)} yourself.`,
    });
  }
  return dirname(expected);
}

/** Loads the project's config and checks its shape (no schema needed); undefined when there is
 *  none. Runs the config's code. */
export async function loadCheckedConfig(ref: ProjectConfigRef): Promise<LoadedConfig | undefined> {
  const { file, expected } = locateProjectConfig(ref);
  if (!file) {
    if (!ref.file) return undefined;
    throw new SeedbedError('NOT_FOUND', `The config file ${displayPath(expected)} does not exist.`, {
      fix: 'Check the config path (seedbed.configPath in VS Code, --config on the command line), or create the file with `seedbed init`.',
    });
  }
  const loaded = await loadConfig(file);
  validateConfig(loaded.config, undefined, loaded.file, loaded.source);
  return loaded;
}

/**
 * The project's config resolved for `scenario` (undefined: the config's defaultScenario) and
 * `flags` (explicit values such as --seed that win over the config). Undefined when the project
 * has no config; a scenario without a config is an error.
 */
export async function resolveProjectConfig(ref: ProjectConfigRef & { scenario?: string; flags?: ResolveFlags }): Promise<ResolvedConfig | undefined> {
  const loaded = await loadCheckedConfig(ref);
  if (!loaded) {
    if (ref.scenario !== undefined) {
      throw new SeedbedError('BAD_INPUT', `Scenario "${ref.scenario}" needs a config file, and there is no ${CONFIG_FILE} in ${displayPath(resolve(ref.cwd))}.`, {
        fix: `Create one with \`seedbed init\` (in VS Code: "Seedbed: Open Config"), or choose no scenario.`,
      });
    }
    return undefined;
  }
  return resolveScenario(loaded, ref.scenario, ref.flags);
}

/** Checks the config's table and column names against the live schema (file:line on a typo). */
export async function checkConfigNames(db: Driver, config: ResolvedConfig | undefined, schema?: SchemaInfo): Promise<void> {
  if (config) validateConfig(config.config, schema ?? (await db.readSchema()), config.file);
}

/**
 * What a seed or plan takes from the config (spread it over the other options). The engine reads
 * `config`; `configFile` is the path a worker thread re-loads it from. Explicit flags are already
 * merged in (resolve.ts); `defaults` fill only what the config leaves open (the VS Code
 * extension's `seedbed.rows` setting: a chosen scenario's rows win over it).
 */
export function configRunOptions(config: ResolvedConfig | undefined, defaults: { rows?: number } = {}): SeedOptions & ConfigOptions {
  if (!config) return {};
  return { config, configFile: config.file, scenario: config.scenario, rows: config.rows ?? defaults.rows, counts: config.counts, seed: config.seed };
}

/** The database a project names when none is given (--db, SEEDBED_DATABASE_URL, the
 *  extension's setting): its config's `database`, else its MikroORM config's. Both are project
 *  code that has already run (the config) or runs here (the MikroORM config). */
export async function projectDatabase(config: ResolvedConfig | undefined, dir: string): Promise<{ url: string; from: string } | undefined> {
  if (config?.database) return { url: config.database, from: config.file };
  return mikroOrmDatabase(dir);
}

/** Per-table row targets of a plan (what a full seed makes, perParent totals included): the
 *  coverage target when a config sizes the tables. */
export function planTargets(plan: SeedPlan): Record<string, number> {
  const out = nameRecord<number>();
  // A table that cannot be filled still aims at what was asked: it shows as empty, not as done.
  for (const t of plan.tables) out[t.name] = t.leftOut !== undefined ? t.requested : t.count;
  return out;
}

export interface ScenarioSummary {
  name: string;
  /** Default rows per table in this scenario (scenario.rows, else config.rows). */
  rows: number | undefined;
  /** Tables the scenario sizes itself. */
  tables: string[];
  description: string | undefined;
  /** The config's defaultScenario. */
  default: boolean;
}

/** The config's scenarios, in the order written. */
export function scenarioSummaries(config: SeedbedConfig): ScenarioSummary[] {
  return Object.entries(config.scenarios ?? {}).map(([name, s]) => ({
    name,
    rows: s.rows ?? config.rows,
    tables: Object.keys(s.tables ?? {}),
    description: s.description,
    default: name === config.defaultScenario,
  }));
}
