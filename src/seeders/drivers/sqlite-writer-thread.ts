import { createRequire } from 'node:module';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { insertKey, unpackRows } from './encode.ts';
import { swapDqsTriggers } from './sqlite-dqs-triggers.ts';
import { beginBulk, BoundKeys, commitError, verifyBulk, writtenTable, type BulkTable } from './sqlite-bulk-checks.ts';
import { suspendIndexes } from './sqlite-indexes.ts';
import type { WriterCall, WriterMessage, WriterReply } from './sqlite-thread.ts';
import type { SqliteClient } from './sqlite-client.ts';
import { validateSqlite } from '../validate/sqlite.ts';

// The writing thread of a large SQLite run (entry: sqlite-writer.ts; sqlite-thread.ts drives it).
// It owns a connection of its own to the file and the run's transaction; the engine's thread
// generates and packs rows (encode.ts) and posts them here, so generation and SQLite's own work
// run on two cores. Deliberately tiny (better-sqlite3 and encode.ts): it is ready in a few ms,
// while the engine's thread is still planning. Messages are handled in order, so a call's
// reply means every insert posted before it is done.

interface Statement { run(...params: unknown[]): unknown; all(...params: unknown[]): unknown[] }
interface Connection {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string): unknown;
  close(): void;
  readonly inTransaction: boolean;
}

// A thread's parent port, or (writeInProcesses) a child process's IPC channel, file in argv.
const file = parentPort ? (workerData as { file: string }).file : process.argv[2];
const port = parentPort ?? {
  on: (_: 'message', listener: (m: WriterMessage) => void) => process.on('message', listener),
  postMessage: (reply: WriterReply) => process.send!(reply),
};
// A process whose parent is gone ends (its connection's open transaction rolls back as it closes).
if (!parentPort) {
  process.on('disconnect', () => process.exit(0));
  watchParent(process.ppid);
}
// The same better-sqlite3 that MikroORM's SQLite driver opens the file with (it has no types).
const Sqlite = createRequire(import.meta.url)('better-sqlite3') as new (file: string, options: { fileMustExist: boolean; timeout: number }) => Connection;
let db: Connection | undefined;
/** This thread's connection to the file (SQLite's busy wait: 5 s, as the engine's own). */
const connect = () => new Sqlite(file, { fileMustExist: true, timeout: 5000 });
/** Tables whose FKs are verified before COMMIT instead of per row (sqlite-bulk-checks.ts). */
let bulk: BulkTable[] | undefined;
/** The FK values this thread bound into those tables, which vouch for them (sqlite-bulk-checks.ts). */
let bound: BoundKeys | undefined;
/** Parent key ranges the checks found (sqlite-bulk-checks.ts), kept from one table's to the next. */
const ranges = new Map<string, readonly [number, number] | undefined>();
const statements = new Map<string, Statement>();
/** Puts back the triggers swapDqsTriggers rewrote for the run, before COMMIT. */
let restoreTriggers: (() => void) | undefined;
/** The first failed insert: later inserts are skipped, the next call reports it. */
let failed: WriterReply['error'];

port.on('message', (m: WriterMessage) => {
  if (m.op === 'insert') {
    if (!failed) {
      try {
        for (const [key, sql] of m.defs) statements.set(key, db!.prepare(sql));
        bound?.observe(m.table, m.columns, m.rows);
        unpackRows(m.rows, (params, rows) => {
          const st = statements.get(insertKey(m.table, m.columns, rows))!;
          st.run.apply(st, params); // see unpackRows: values as arguments bind faster than one array
        });
      } catch (e) {
        failed = errorOf(e, m.table);
      }
    }
    port.postMessage({ id: -1, error: failed } satisfies WriterReply);
    return;
  }
  const reply: WriterReply = { id: m.id };
  try {
    if (failed && m.method !== 'rollback') throw failed;
    reply.value = call(m);
  } catch (e) {
    reply.error = e === failed ? failed : errorOf(e);
  }
  port.postMessage(reply);
});

function call(m: WriterCall): unknown {
  switch (m.method) {
    case 'begin':
      db = connect();
      // A 16 MiB page cache (SQLite's default is 2 MiB) holds a 200,000-row load without
      // spilling pages to the file mid-transaction: ≈7 % of the run. This connection's only.
      // Not sized to the run: at 2M rows 4, 16, 64 and 256 MiB cost the writing thread the same
      // CPU (inserts, index rebuilds, checks within ±3 %; the FK checks' parent look-ups are range
      // tests now), while peak memory grew with the cache (237, 246, 309, 379 MiB).
      db.pragma('cache_size = -16384');
      // This connection's own, for its one transaction (BeginOptions.foreignKeysOff).
      if (m.keysOff) db.pragma('foreign_keys = OFF');
      bulk = beginBulk(db, m.tables);
      bound = bulk && new BoundKeys(db, bulk);
      restoreTriggers = swapDqsTriggers(db);
      return bulk !== undefined;
    case 'verify':
      if (bulk) verifyBulk(db!, bulk, bound!, ranges);
      return undefined;
    case 'verifyTable': {
      // Checked now: left out of the final verify.
      const table = bulk?.find((t) => t.name === m.table);
      if (!table) return undefined;
      bulk = bulk!.filter((t) => t !== table);
      verifyBulk(db!, [table], bound!, ranges);
      return undefined;
    }
    case 'run': {
      // A table written otherwise than by the inserts observed (an UPDATE closing a cycle):
      // its FKs go to SQLite's own check.
      if (bound) { const t = writtenTable(m.sql); if (t !== '') bound.doubt(t); }
      let changes = 0;
      const st = db!.prepare(m.sql);
      for (const params of m.params) changes += (st.run(params) as { changes: number }).changes;
      return changes;
    }
    case 'query':
      // Outside a transaction too: the reads of SqliteDriver.apart.
      db ??= connect();
      return db.prepare(m.sql).all(m.params[0] ?? []);
    case 'suspendIndexes':
      return suspendIndexes(db!, m.table);
    case 'commit':
      try {
        restoreTriggers?.();
        db!.exec('COMMIT');
      } catch (e) {
        throw commitError(db!, e);
      }
      db!.close();
      return undefined;
    case 'validate':
      db ??= connect();
      return validateSqlite(db as unknown as SqliteClient, m.schema);
    case 'rollback':
      if (db?.inTransaction) db.exec('ROLLBACK');
      db?.close();
      return undefined;
  }
}

function errorOf(e: unknown, table?: string): WriterReply['error'] {
  const err = e as Error & { code?: string; table?: string };
  return { message: err.message ?? String(e), code: err.code, table: table ?? err.table };
}

/** A statement that never ends (a trigger's endless recursive CTE) keeps this process's own thread
 *  from ever seeing 'disconnect': were the editor to go away meanwhile (a crash, a reload), the
 *  process would run on, holding the file's write lock, for good. A thread of its own looks for
 *  the parent twice a second and, once it is gone, kills the process (the file then rolls back
 *  from its journal at its next open, as after any crash). */
function watchParent(parent: number): void {
  const code = `const { workerData: w } = require('node:worker_threads');
setInterval(() => {
  let gone = process.ppid !== w.parent;
  try { process.kill(w.parent, 0); } catch { gone = true; }
  if (gone) process.kill(process.pid, 'SIGKILL');
}, 500);`;
  new Worker(code, { eval: true, workerData: { parent }, resourceLimits: { maxYoungGenerationSizeMb: 1 } }).unref();
}
