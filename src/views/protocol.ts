import type { CoverageReport, RunRecord, RunResult, SeedEvent, UndoResult, ValidationReport } from '../seeders/index.ts';
import type { RowPreview } from '../seeders/preview.ts';

// Messages between the extension host and the engine worker (src/views/engineWorker.ts).
// The engine runs in that worker thread only, so the extension host's thread stays free.

export interface TableSummary {
  name: string;
  columns: { name: string; type: string; nullable: boolean; pk: boolean }[];
  foreignKeys: { columns: string[]; refTable: string; refColumns: string[]; nullable: boolean }[];
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
  ms: number;
}

export interface SeedRequestOptions {
  seed?: number;
  rows?: number;
  tables?: string[];
  clearFirst?: boolean;
  dryRun?: boolean;
  allowRemote?: boolean;
}

export interface SeedOutcome {
  result: RunResult;
  warnings: string[];
  planTables: { name: string; phase: number; count: number }[];
}

export type Request =
  | { op: 'overview'; url: string; rows?: number }
  | { op: 'seed'; url: string; options: SeedRequestOptions }
  | { op: 'clear'; url: string; tables?: string[]; allowRemote?: boolean }
  | { op: 'undo'; url: string; runId?: number; allowRemote?: boolean }
  | { op: 'runs'; url: string }
  | { op: 'validate'; url: string }
  | { op: 'plan'; url: string; options: SeedRequestOptions }
  | { op: 'preview'; url: string; table: string; limit?: number }
  | { op: 'createFromSchema'; file: string; schemaFile: string };

export interface Responses {
  overview: Overview;
  seed: SeedOutcome;
  clear: string[];
  undo: UndoResult;
  runs: RunRecord[];
  validate: ValidationReport;
  plan: { text: string; warnings: string[] };
  preview: RowPreview;
  createFromSchema: { file: string; tables: number };
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
  | { ready: true; ms: number };
