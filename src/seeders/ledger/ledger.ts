import type { Driver, WriteTransaction, WrittenKeys } from '../driver.ts';
import { SeedbedError } from '../errors.ts';

// The ledger: every run is recorded in the database it wrote to, in the same transaction, so
// `undo` can delete exactly the rows a run inserted. Keys are stored compactly: a range for
// integer keys (the engine assigns them consecutively), chunks of key tuples otherwise.

export const RUNS_TABLE = 'seedbed_runs';
export const KEYS_TABLE = 'seedbed_run_keys';
const CHUNK = 1000;
/** Ledger key rows per INSERT (7 parameters each: under SQLite's oldest limit of 999), and at most
 *  about this much key text per statement. */
const KEY_ROWS_PER_INSERT = 100;
const KEY_BYTES_PER_INSERT = 4_000_000;

export interface RunRecord {
  id: number;
  startedAt: string;
  seed: number;
  scenario: string | null;
  rows: number;
  tables: Record<string, number>;
  /** `cleared`: its rows were deleted by a clear (or otherwise) rather than by undo. */
  status: 'committed' | 'undone' | 'cleared';
  /** Tables the run could not fill, and why. */
  leftOut?: Record<string, string>;
}

/** What one table got in a run: a key range, or explicit key tuples, or their JSON chunks as the
 *  ledger stores them (keyChunks) — the driver's WrittenKeys, which a transaction is told too. */
export type InsertedKeys = WrittenKeys;

/** Key tuples (`tuple(i)` for i < count) as the ledger's JSON chunks: text is ≈4x smaller than
 *  the tuples, and a million-row junction table's keys cross between threads as 1,000 strings. */
export function keyChunks(count: number, tuple: (i: number) => unknown[]): string[] {
  const out: string[] = [];
  for (let lo = 0; lo < count; lo += CHUNK) {
    const hi = Math.min(count, lo + CHUNK);
    out.push(JSON.stringify(Array.from({ length: hi - lo }, (_, i) => tuple(lo + i)), jsonValue));
  }
  return out;
}

function ddl(driver: Driver): string[] {
  const big = driver.dialect === 'postgresql' ? 'BIGINT' : 'INTEGER';
  return [
    `CREATE TABLE IF NOT EXISTS ${RUNS_TABLE} (id ${big} PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT NOT NULL, seed ${big} NOT NULL, scenario TEXT, row_count ${big} NOT NULL, tables TEXT NOT NULL, status TEXT NOT NULL, left_out TEXT)`,
    `CREATE TABLE IF NOT EXISTS ${KEYS_TABLE} (run_id ${big} NOT NULL, table_name TEXT NOT NULL, chunk INTEGER NOT NULL, key_columns TEXT NOT NULL, lo ${big}, hi ${big}, key_values TEXT, PRIMARY KEY (run_id, table_name, chunk))`,
  ];
}

function need<T>(v: T | undefined, what: string): T {
  if (!v) throw new SeedbedError('UNSUPPORTED', `This database driver cannot ${what} yet.`);
  return v;
}

async function hasLedger(driver: Driver): Promise<boolean> {
  const query = need(driver.query, 'read the ledger').bind(driver);
  const sql = driver.dialect === 'sqlite'
    ? `SELECT 1 AS x FROM sqlite_schema WHERE type = 'table' AND name = '${RUNS_TABLE}'`
    : `SELECT 1 AS x FROM information_schema.tables WHERE table_name = '${RUNS_TABLE}' AND table_schema = current_schema()`;
  return (await query(sql)).length > 0;
}

/** Records a finished run inside its transaction; returns the run id. */
export async function recordRun(
  driver: Driver, tx: WriteTransaction,
  run: { startedAt: Date; seed: number; scenario?: string; tables: Record<string, number>; keys: InsertedKeys[]; leftOut?: { table: string; reason: string }[] },
): Promise<number> {
  const exec = need(tx.execute, 'write the ledger').bind(tx);
  for (const sql of ddl(driver)) await exec(sql);
  const p = (i: number) => driver.placeholder!(i);
  // Through the transaction: it may be on another connection (a writing thread) than the driver's.
  const read = tx.query ? tx.query.bind(tx) : driver.query!.bind(driver);
  if (run.leftOut?.length) {
    // A ledger made before left_out existed gets the column when a run first needs it.
    const has = driver.dialect === 'sqlite'
      ? `SELECT 1 AS x FROM pragma_table_info('${RUNS_TABLE}') WHERE name = 'left_out'`
      : `SELECT 1 AS x FROM information_schema.columns WHERE table_name = '${RUNS_TABLE}' AND column_name = 'left_out' AND table_schema = current_schema()`;
    if (!(await read(has)).length) await exec(`ALTER TABLE ${RUNS_TABLE} ADD COLUMN left_out TEXT`);
  }
  const rows = await read(`SELECT COALESCE(MAX(id), 0) AS m FROM ${RUNS_TABLE}`);
  const id = Number(rows[0].m) + 1;
  const total = Object.values(run.tables).reduce((a, b) => a + b, 0);
  const leftOut = run.leftOut?.length ? JSON.stringify(Object.fromEntries(run.leftOut.map((l) => [l.table, l.reason]))) : undefined;
  await exec(
    `INSERT INTO ${RUNS_TABLE} (id, started_at, finished_at, seed, scenario, row_count, tables, status${leftOut ? ', left_out' : ''}) VALUES (${[1, 2, 3, 4, 5, 6, 7].map(p).join(', ')}, 'committed'${leftOut ? `, ${p(8)}` : ''})`,
    [id, run.startedAt.toISOString(), new Date().toISOString(), run.seed, run.scenario ?? null, total, JSON.stringify(run.tables), ...(leftOut ? [leftOut] : [])],
  );
  // Several key rows per INSERT: a run over 500 tables otherwise waits for 500 statements.
  let batch: unknown[][] = [];
  let bytes = 0;
  const flush = async () => {
    if (!batch.length) return;
    const values = batch.map((_, r) => `(${[1, 2, 3, 4, 5, 6, 7].map((i) => p(r * 7 + i)).join(', ')})`).join(', ');
    await exec(`INSERT INTO ${KEYS_TABLE} (run_id, table_name, chunk, key_columns, lo, hi, key_values) VALUES ${values}`, batch.flat());
    batch = [];
    bytes = 0;
  };
  const add = async (row: unknown[]) => {
    batch.push(row);
    bytes += typeof row[6] === 'string' ? row[6].length : 0;
    if (batch.length >= KEY_ROWS_PER_INSERT || bytes >= KEY_BYTES_PER_INSERT) await flush();
  };
  for (const k of run.keys) {
    if (k.range) {
      await add([id, k.table, 0, JSON.stringify(k.columns), k.range.lo, k.range.hi, null]);
      continue;
    }
    const keys = k.keys ?? [];
    const chunks = k.chunks ?? keyChunks(keys.length, (i) => keys[i]);
    for (let c = 0; c < chunks.length; c++) await add([id, k.table, c, JSON.stringify(k.columns), null, null, chunks[c]]);
  }
  await flush();
  return id;
}

function jsonValue(_k: string, v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  // A BLOB key (a uuid stored as 16 bytes) reaches here as Buffer.toJSON's {type, data}: kept
  // as hex and read back as bytes, which the driver can bind (undo failed: "can only bind …").
  if (v !== null && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) return { [BYTES]: Buffer.from((v as { data: number[] }).data).toString('hex') };
  return v;
}

const BYTES = '$bytes';
function keyValue(_k: string, v: unknown): unknown {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof (v as Record<string, unknown>)[BYTES] === 'string' ? Buffer.from((v as Record<string, string>)[BYTES], 'hex') : v;
}

export async function listRuns(driver: Driver): Promise<RunRecord[]> {
  if (!(await hasLedger(driver))) return [];
  const rows = await driver.query!(`SELECT * FROM ${RUNS_TABLE} ORDER BY id`);
  return rows.map((r) => ({
    id: Number(r.id),
    startedAt: String(r.started_at),
    seed: Number(r.seed),
    scenario: (r.scenario as string | null) ?? null,
    rows: Number(r.row_count),
    tables: JSON.parse(String(r.tables)),
    status: r.status as RunRecord['status'],
    ...(r.left_out ? { leftOut: JSON.parse(String(r.left_out)) as Record<string, string> } : {}),
  }));
}

export async function runKeys(driver: Driver, runId: number): Promise<InsertedKeys[]> {
  const p = driver.placeholder!(1);
  const rows = await driver.query!(`SELECT table_name, chunk, key_columns, lo, hi, key_values FROM ${KEYS_TABLE} WHERE run_id = ${p} ORDER BY table_name, chunk`, [runId]);
  const out = new Map<string, InsertedKeys>();
  for (const r of rows) {
    const table = String(r.table_name);
    const e: InsertedKeys = out.get(table) ?? { table, columns: JSON.parse(String(r.key_columns)) as string[] };
    if (r.lo !== null && r.lo !== undefined) e.range = { lo: Number(r.lo), hi: Number(r.hi) };
    else e.keys = [...(e.keys ?? []), ...(JSON.parse(String(r.key_values), String(r.key_values).includes(BYTES) ? keyValue : undefined) as unknown[][])];
    out.set(table, e);
  }
  return [...out.values()];
}

export async function markUndone(tx: WriteTransaction, driver: Driver, runId: number, status: 'undone' | 'cleared' = 'undone'): Promise<void> {
  await tx.execute!(`UPDATE ${RUNS_TABLE} SET status = ${driver.placeholder!(1)} WHERE id = ${driver.placeholder!(2)}`, [status, runId]);
}

/** Runs `undo` can take: committed, with rows (the last one is the default). */
export function undoableRuns(runs: RunRecord[]): RunRecord[] {
  return runs.filter((r) => r.status === 'committed' && r.rows > 0);
}

/** After a clear of `tables`: committed runs that wrote only to those tables have nothing left to
 *  undo; they are marked `cleared` (what `runs` shows, and `undo` no longer picks them). */
export async function markClearedRuns(driver: Driver, tables: string[]): Promise<void> {
  if (!driver.query || !(await hasLedger(driver))) return;
  const cleared = new Set(tables);
  const ids: number[] = [];
  for (const r of undoableRuns(await listRuns(driver))) {
    // Its keys name every table it wrote to, those its triggers filled included.
    if ((await runKeys(driver, r.id)).every((k) => cleared.has(k.table))) ids.push(r.id);
  }
  if (!ids.length) return;
  const tx = await driver.begin();
  try {
    for (const id of ids) await markUndone(tx, driver, id, 'cleared');
    await tx.commit();
  } catch (e) {
    await tx.rollback();
    throw e;
  }
}

