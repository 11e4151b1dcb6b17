// What a seed is asked to do: the options of `seed`, `makePlan` and `status` (index.ts), which the
// config's scenarios fill in too (config/run-options.ts).

import type { EngineConfig } from './config/types.ts';
import type { SeedEventListener } from './events.ts';
import type { GuardOptions } from './guard.ts';

export interface SeedOptions extends GuardOptions {
  seed?: number;
  /** Fill each table only up to its target (`rows`), counting the rows it already has. */
  topUp?: boolean;
  /** Rules from seedbed.config.ts, resolved for the chosen scenario. */
  config?: EngineConfig;
  scenario?: string;
  rows?: number;
  counts?: Record<string, number>;
  tables?: string[];
  clearFirst?: boolean;
  dryRun?: boolean;
  /** A table that cannot be filled fails the run, nothing written (for CI); by default it is left
   *  out with a warning and every other table is filled. */
  strict?: boolean;
  /** Learn from the rows already in a table (default true): new rows follow them. */
  learn?: boolean;
  signal?: AbortSignal;
  onEvent?: SeedEventListener;
}
