// What any SQLite client can reach at a size, measured beside the floor: Seedbed's own rows of the
// bench schema (seeded once), written again in alternating rounds, each arm in a process of its own
// (two SQLite libraries never share one):
//   floor        the floor contender (bench/contenders/floor.ts), the reference;
//   copy         SQLite copying exactly those rows itself (ATTACH + INSERT … SELECT, every key and
//                index kept, FKs off, one transaction, the floor's 64 MiB page cache): SQLite's own cost of these rows, no client;
//   bind         the same rows, read into one flat array per table before the clock (then a full GC), bound from JS into prepared
//                100-row INSERTs through better-sqlite3 (what Seedbed's writer uses): a client's limit;
//   node-sqlite  the same through node:sqlite (Node's built-in binding).
// Nothing is generated, checked or rebuilt in copy/bind/node-sqlite: the gap between copy and bind
// is the price of handing values to SQLite one by one, which no client of the C API escapes.
// The bind arms hold every row in the heap before the clock starts: a fair limit at 200k; at 2M
// the collector's work on that heap dominates them (0.46–0.53 of the floor, where Seedbed, which
// keeps no rows, reaches 0.96), so they say nothing about a client there.
//
//   node bench/ceiling.ts [--size 200k] [--rounds 7] [--json bench/results/FILE.json]

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { countsFor, isSize, TABLES, totalRows } from './schema/counts.ts';
import { loadEngine } from './lib/engine.ts';
import { median } from './stats.ts';

const SCHEMA = readFileSync(join(import.meta.dirname, 'schema', 'school.sqlite.sql'), 'utf8');
const ARMS = ['floor', 'copy', 'bind', 'node-sqlite'] as const;
type Arm = (typeof ARMS)[number];
const PER_STATEMENT = 100;
/** The floor's page cache (bench/contenders/floor.ts), so that no arm spills where it does not. */
const CACHE_KIB = 65_536;
const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

const { values: opts } = parseArgs({ options: { size: { type: 'string', default: '200k' }, rounds: { type: 'string', default: '7' }, json: { type: 'string' }, arm: { type: 'string' }, src: { type: 'string' }, out: { type: 'string' } } });
if (!isSize(opts.size)) throw new Error(`unknown size ${opts.size}`);
const size = opts.size;

if (opts.arm) {
  process.stdout.write(`@@ms ${await runArm(opts.arm as Arm, opts.src!, opts.out!)}\n`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'seedbed-ceiling-'));
try {
  const src = join(dir, 'src.db');
  await seedSource(src);
  const took: Record<Arm, number[]> = { floor: [], copy: [], bind: [], 'node-sqlite': [] };
  const rounds = Number(opts.rounds);
  for (let r = 0; r <= rounds; r++) {
    for (const arm of ARMS) {
      const out = join(dir, `${arm}.db`);
      rmSync(out, { force: true });
      const p = spawnSync(process.execPath, ['--expose-gc', import.meta.filename, '--size', size, '--arm', arm, '--src', src, '--out', out], { encoding: 'utf8' });
      const ms = Number(/@@ms (\S+)/.exec(p.stdout)?.[1]);
      if (!Number.isFinite(ms)) throw new Error(`${arm}: ${p.stderr.slice(0, 2000)}`);
      if (r > 0) took[arm].push(ms); // round 0 warms the page cache and compile caches
    }
  }
  const rows = totalRows(countsFor(size));
  const f = median(took.floor);
  const summary = ARMS.map((arm) => ({ arm, medianMs: Math.round(median(took[arm])), rowsPerSec: Math.round(rows / (median(took[arm]) / 1000)), timesFloor: Number((f / median(took[arm])).toFixed(2)), ms: took[arm].map(Math.round) }));
  for (const s of summary) console.log(`${s.arm.padEnd(12)} median ${String(s.medianMs).padStart(5)} ms  ${s.rowsPerSec.toLocaleString('en-US').padStart(9)} rows/s  × floor ${s.timesFloor.toFixed(2)}   [${s.ms.join(' ')}]`);
  if (opts.json) {
    writeFileSync(opts.json, `${JSON.stringify({ date: new Date().toISOString(), machine: `${cpus()[0]?.model} × ${cpus().length}`, node: process.version, size, rows, rounds, method: 'bench/ceiling.ts: alternating rounds, one process per arm; copy/bind/node-sqlite write the rows Seedbed made (seed 42) into a fresh database with the schema, keys and indexes kept, FKs off, one transaction; floor = bench/contenders/floor.ts', summary }, null, 2)}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function seedSource(file: string): Promise<void> {
  const { Database } = await import('./lib/sqlite.ts');
  const db = new Database(file);
  db.exec(SCHEMA);
  db.close();
  const { openDatabase, seed } = await loadEngine();
  const driver = await openDatabase(`sqlite:${file}`, { seeding: true });
  try {
    await seed(driver, { seed: 42, counts: countsFor(size) });
  } finally {
    await driver.close();
  }
}

async function runArm(arm: Arm, src: string, out: string): Promise<number> {
  if (arm === 'floor') {
    const { Database } = await import('./lib/sqlite.ts');
    const db = new Database(out);
    db.exec(SCHEMA);
    db.close();
    const { run } = await import('./contenders/floor.ts');
    const o = await run({ contender: 'floor', target: 'sqlite', size, counts: countsFor(size), url: out, seed: 42 });
    return o.seedMs;
  }
  if (arm === 'node-sqlite') return nodeSqlite(src, out);
  const { Database } = await import('./lib/sqlite.ts');
  const db = new Database(out) as import('./lib/sqlite.ts').Db & { pragma(s: string): unknown };
  db.exec(SCHEMA);
  db.pragma('foreign_keys = OFF');
  db.pragma(`cache_size = -${CACHE_KIB}`);
  if (arm === 'copy') {
    db.exec(`ATTACH ${`'${src.replace(/'/g, "''")}'`} AS src`);
    const t0 = performance.now();
    db.exec('BEGIN');
    // WHERE 1: not SQLite's transfer optimisation (which copies stored records without decoding them).
    for (const t of TABLES) db.exec(`INSERT INTO main.${q(t)} SELECT * FROM src.${q(t)} WHERE 1`);
    db.exec('COMMIT');
    return performance.now() - t0;
  }
  const reader = new Database(src, { readonly: true });
  const data = TABLES.map((t) => {
    const stmt = reader.prepare(`SELECT * FROM ${q(t)}`) as unknown as { raw(): { all(): unknown[][] }; columns(): { name: string }[] };
    return { t, columns: stmt.columns().map((c) => c.name), values: stmt.raw().all().flat() };
  });
  reader.close();
  settle();
  const ms = bindAll(db, data);
  db.close();
  return ms;
}

async function nodeSqlite(src: string, out: string): Promise<number> {
  const { DatabaseSync } = await import('node:sqlite');
  const reader = new DatabaseSync(src, { readOnly: true });
  const data = TABLES.map((t) => {
    const stmt = reader.prepare(`SELECT * FROM ${q(t)}`);
    stmt.setReturnArrays(true);
    return { t, columns: stmt.columns().map((c) => c.name), values: (stmt.all() as unknown as (string | number | null)[][]).flat() };
  });
  reader.close();
  const db = new DatabaseSync(out);
  db.exec(SCHEMA);
  db.exec(`PRAGMA foreign_keys = OFF; PRAGMA cache_size = -${CACHE_KIB}`);
  settle();
  const ms = bindAll(db, data);
  db.close();
  return ms;
}

interface Writable { exec(sql: string): unknown; prepare(sql: string): { run(...values: never[]): unknown } }

/** One transaction of prepared PER_STATEMENT-row INSERTs of every table's values; its ms. */
function bindAll(db: Writable, data: { t: string; columns: string[]; values: unknown[] }[]): number {
  const run = (st: ReturnType<Writable['prepare']>, values: unknown[]) => st.run.apply(st, values as never[]); // values as arguments bind faster than one array (Seedbed's writer)
  const t0 = performance.now();
  db.exec('BEGIN');
  for (const { t, columns, values } of data) {
    const full = db.prepare(insertSql(t, columns, PER_STATEMENT));
    const step = PER_STATEMENT * columns.length;
    const buf: unknown[] = new Array(step);
    let i = 0;
    for (; i + step <= values.length; i += step) {
      for (let k = 0; k < step; k++) buf[k] = values[i + k];
      run(full, buf);
    }
    if (i < values.length) run(db.prepare(insertSql(t, columns, (values.length - i) / columns.length)), values.slice(i));
  }
  db.exec('COMMIT');
  return performance.now() - t0;
}

function insertSql(table: string, columns: string[], rows: number): string {
  return `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${Array(rows).fill(`(${columns.map(() => '?').join(', ')})`).join(', ')}`;
}

/** The rows read before the clock sit in the old generation, compacted, so that the timed loop
 *  (which allocates almost nothing) pays no collection of them. */
function settle(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
