import type { DetailedCoverage } from '../seeders/coverage/model.ts';
import type { CoverageReport, RunRecord, RunResult, ScenarioSummary, SeedEvent, UndoResult, ValidationReport } from '../seeders/index.ts';
import type { ProjectSeeders, SeederRun } from '../seeders/config/mikro-orm.ts';
import type { RowPreview } from '../seeders/preview.ts';

// Messages between the extension host and the engine worker (src/views/engineWorker.ts).
// The engine runs in that worker thread only, so the extension host's thread stays free.

export interface TableSummary {
  name: string;
  columns: { name: string; type: string; nullable: boolean; pk: boolean }[];
  /** `undeclared`: how a reference the database does not declare is known ("implied by its name",
   *  "enforced by trigger t"); the plan seeds it like a declared one. */
  foreignKeys: { columns: string[]; refTable: string; refColumns: string[]; nullable: boolean; undeclared?: string }[];
}

export interface Overview {
  display: string;
  dialect: string;
  tables: TableSummary[];
  skipped: { name: string; reason: string }[];
  coverage: CoverageReport;
  /** Seeding phases from the engine's plan (empty when it cannot plan; see planError). */
  phases: string[][];
  /** Cycle edges as the plan resolves them. */
  edges: { from: string; to: string; columns: string[]; mode: string }[];
  /** Column → how the engine fills it, per table. */
  columnsHow: Record<string, Record<string, string>>;
  planError?: string;
  /** Tables that cannot be filled (the plan's, and those the last run left out) → why. */
  leftOut?: Record<string, string>;
  /** The project's seedbed.config.ts as this overview used it (undefined: none). */
  config?: ConfigInfo;
  ms: number;
}

/**
 * Which seedbed.config.ts a request uses. The extension sends `trusted: false` in an untrusted
 * workspace: the worker then only looks whether the file exists and never runs it.
 */
export interface ConfigRef {
  trusted: boolean;
  /** The workspace folder: the default config is its seedbed.config.ts. */
  cwd: string;
  /** seedbed.configPath (absolute or relative to cwd); undefined: the default. */
  file?: string;
  /** seedbed.scenario; undefined: the config's defaultScenario. */
  scenario?: string;
}

export interface ConfigInfo {
  /** Absolute path of the config file. */
  file: string;
  /** Not loaded: the workspace is not trusted (config files are code). */
  ignored?: boolean;
  /** The scenario in effect (the setting, else the config's defaultScenario). */
  scenario?: string;
  scenarios: ScenarioSummary[];
  /** The config could not be used (syntax, unknown scenario, a typo in a table name …). */
  error?: WireError;
}

/** What a seed or plan took from the config, sent before the run starts. */
export interface ConfigUsed {
  file: string;
  scenario?: string;
}

export interface SeedRequestOptions {
  seed?: number;
  rows?: number;
  tables?: string[];
  clearFirst?: boolean;
  dryRun?: boolean;
  allowRemote?: boolean;
  allowProduction?: boolean;
}

export interface SeedOutcome {
  result: RunResult;
  /** The config and scenario the run used (undefined: none). */
  config?: ConfigUsed;
  warnings: string[];
  planTables: { name: string; phase: number; count: number }[];
}

export type Request =
  | { op: 'overview'; url: string; rows?: number; config?: ConfigRef }
  | { op: 'seed'; url: string; options: SeedRequestOptions; config?: ConfigRef }
  | { op: 'clear'; url: string; tables?: string[]; allowRemote?: boolean; allowProduction?: boolean }
  | { op: 'undo'; url: string; runId?: number; allowRemote?: boolean; allowProduction?: boolean }
  | { op: 'runs'; url: string }
  | { op: 'validate'; url: string }
  | { op: 'plan'; url: string; options: SeedRequestOptions; config?: ConfigRef }
  /** The rows a seed would write, as files in `out` (sql, csv or json); the database is only read. */
  | { op: 'export'; url: string; out: string; format: string; options: SeedRequestOptions; config?: ConfigRef }
  | { op: 'preview'; url: string; table: string; limit?: number }
  /** The detailed coverage report (per column, per foreign key); `targets`: the overview's, so
   *  the webview and the tree agree on what "full" means. */
  | { op: 'coverage'; url: string; rows?: number; targets?: Record<string, number> }
  | { op: 'createFromSchema'; file: string; schemaFile: string }
  | { op: 'configInfo'; config: ConfigRef }
  | { op: 'locateConfig'; config: ConfigRef }
  | { op: 'initConfig'; url: string; config: ConfigRef }
  | { op: 'mikroOrmProjects'; dir: string; found: string[] }
  | { op: 'mikroOrmSeeders'; project: string }
  | { op: 'mikroOrmSeed'; project: string; seeder?: string; allowRemote?: boolean; allowProduction?: boolean }
  | { op: 'projectDatabase'; config: ConfigRef };

export interface Responses {
  overview: Overview;
  seed: SeedOutcome;
  clear: string[];
  undo: UndoResult;
  runs: RunRecord[];
  validate: ValidationReport;
  plan: {
    text: string; warnings: string[]; config?: ConfigUsed; /** An untrusted workspace's config, not run. */ ignoredConfig?: string;
    /** Rows per table; `added`: not asked for, an empty parent the asked tables need. */
    tables: { name: string; count: number; added: boolean }[];
  };
  preview: RowPreview;
  coverage: DetailedCoverage;
  export: { rows: number; tables: number; dir: string; format: string; warnings: string[] };
  createFromSchema: { file: string; tables: number };
  /** Undefined: the workspace has no config file. */
  configInfo: ConfigInfo | undefined;
  /** `file`: the config in use, if it exists; `expected`: where a new one goes. */
  locateConfig: { file?: string; expected: string };
  initConfig: { files: string[]; tables: number };
  mikroOrmProjects: string[];
  mikroOrmSeeders: ProjectSeeders;
  mikroOrmSeed: SeederRun & { file: string; url: string; display: string };
  /** The database the project names (seedbed.config.ts `database`, else its MikroORM config):
   *  used when `seedbed.databaseUrl` is empty. */
  projectDatabase: { url: string; from: string } | undefined;
}

export type ToWorker = { id: number; request: Request } | { id: number; cancel: true };

export interface WireError {
  code?: string;
  message: string;
  fix?: string;
  cause?: string;
  table?: string;
}

export type FromWorker =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: WireError }
  | { id: number; event: SeedEvent }
  | { id: number; config: ConfigUsed }
  | { ready: true; ms: number }
  /** Config code runs on the engine's thread from now until `configLoaded` (load.ts): past its
   *  time limit and a grace, the thread is taken to be stuck in it (engineClient.ts). */
  | { configLoading: number; file: string; limitMs: number }
  | { configLoaded: number };
