// Progress events the engine emits while seeding; the CLI draws them as a progress bar or
// lines, the extension writes them to its Output channel.

export type SeedEvent =
  | { type: 'start'; tables: number; rows: number; seed: number }
  | { type: 'table-start'; table: string; phase: number; index: number; of: number; rows: number }
  | { type: 'progress'; table: string; done: number; total: number; totalDone: number; totalRows: number; rowsPerSecond: number }
  | { type: 'table-done'; table: string; rows: number; ms: number; rowsPerSecond: number; dropped: number }
  | { type: 'fill-after'; table: string; rows: number }
  | { type: 'commit' }
  | { type: 'rollback'; reason: string }
  | { type: 'done'; rows: number; ms: number; rowsPerSecond: number };

export type SeedEventListener = (event: SeedEvent) => void;
