// Progress events the engine emits while seeding; the CLI draws them as a progress bar or
// lines, the extension writes them to its Output channel.

export type SeedEvent =
  | { type: 'start'; tables: number; rows: number; seed: number }
  | { type: 'table-start'; table: string; phase: number; index: number; of: number; rows: number }
  | { type: 'progress'; table: string; done: number; total: number; totalDone: number; totalRows: number; rowsPerSecond: number }
  | { type: 'table-done'; table: string; rows: number; ms: number; rowsPerSecond: number; dropped: number; /** Why rows were left out, when not a unique key. */ dropNote?: string }
  | { type: 'fill-after'; table: string; rows: number }
  /** A table failed while written: the run rolls back and starts again without it. */
  | { type: 'left-out'; table: string; reason: string }
  /** The run has not moved for a while (write/stall-watch.ts): what the database is doing, and how to stop. */
  | { type: 'stalled'; table?: string; ms: number; message: string }
  | { type: 'commit' }
  | { type: 'rollback'; reason: string }
  | { type: 'done'; rows: number; ms: number; rowsPerSecond: number };

export type SeedEventListener = (event: SeedEvent) => void;
