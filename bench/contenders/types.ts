import type { Counts, SizeName } from '../schema/counts.ts';

export const CONTENDERS = ['floor', 'raw', 'seedbed', 'faker', 'drizzle', 'mikroorm'] as const;
export type ContenderName = (typeof CONTENDERS)[number];
export type TargetName = 'sqlite' | 'postgres';

export const LABELS: Record<ContenderName, string> = {
  floor: '(f) floor (in-database)',
  raw: '(a) raw limit',
  seedbed: '(b) Seedbed',
  faker: '(c) faker script',
  drizzle: '(d) drizzle-seed 0.3.1',
  mikroorm: '(e) MikroORM 7.2.1 seeder',
};

/** What the parent hands a child: one contender, one fresh database, one size. */
export interface RunSpec {
  contender: ContenderName;
  target: TargetName;
  size: SizeName;
  counts: Counts;
  /** sqlite: the file path; postgres: a postgresql:// URL of a fresh database with the schema. */
  url: string;
  seed: number;
  /** drizzle only: try the single seed() call a user tries first and report how it fails. */
  probe?: boolean;
}

/** What a contender reports (timings are its own; the parent verifies the database). */
export interface ContenderOutcome {
  /** Opening the connection / ORM init / pre-generating values: not counted in rows/s. */
  setupMs: number;
  /** From the first statement to COMMIT. rows/s = expected rows / seedMs. */
  seedMs: number;
  notes?: string[];
  /** CPU time (user + system) of this process during seedMs: less sensitive to a busy machine;
   *  on PostgreSQL it leaves out the server's share. */
  seedCpuMs?: number;
  /** CLOCK_MONOTONIC µs (the clock of V8 CPU profiles) at the start and end of seedMs. */
  windowUs?: [number, number];
}

/** A point in time: wall clock, this process's CPU time, and V8's profiler clock. */
export interface Mark { wall: number; cpu: number; mono: number }

export function mark(): Mark {
  const u = process.cpuUsage();
  // V8's CPU profiler stamps samples with CLOCK_MONOTONIC µs, as process.hrtime does.
  return { wall: performance.now(), cpu: (u.user + u.system) / 1000, mono: Number(process.hrtime.bigint() / 1000n) };
}

/** setup = t0→t1, seeding = t1→t2. */
export function span(t0: Mark, t1: Mark, t2: Mark): Pick<ContenderOutcome, 'setupMs' | 'seedMs' | 'seedCpuMs' | 'windowUs'> {
  return { setupMs: t1.wall - t0.wall, seedMs: t2.wall - t1.wall, seedCpuMs: t2.cpu - t1.cpu, windowUs: [t1.mono, t2.mono] };
}

export interface ChildResult extends ContenderOutcome {
  ok: boolean;
  error?: string;
  /** process.resourceUsage().maxRSS of the child, in MiB. */
  peakRssMb: number;
  /** Heap used at the end (MiB), to tell retained data from transient peaks. */
  heapUsedMb: number;
}

export type Contender = (spec: RunSpec) => Promise<ContenderOutcome>;
