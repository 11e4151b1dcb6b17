import { existsSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import type { MikroORM } from '@mikro-orm/sqlite';
import type { BeginOptions, CycleFkRef, Driver, FilledTable, WriteTransaction } from '../driver.ts';
import { SeedbedError } from '../errors.ts';
import { suspendDeleteGuards } from '../ledger/delete-guards.ts';
import type { SchemaInfo, TableInfo } from '../schema/model.ts';
import { introspectSqlite, quote } from '../schema/sqlite.ts';
import { validateSqlite } from '../validate/sqlite.ts';
import { insertKey, packRows, sqliteValue, unpackRows, type EncodedRows } from './encode.ts';
import type { SqliteClient, SqliteStatement } from './sqlite-client.ts';
import { clearRefused, referencingRows } from './sqlite-clear.ts';
import { knownWriteError, writeError } from './sqlite-errors.ts';
import { commitError } from './sqlite-bulk-checks.ts';
import { suspendIndexes } from './sqlite-indexes.ts';
import { swapDqsTriggers } from './sqlite-dqs-triggers.ts';
import { clearMode, ftsCommand } from './sqlite-fts.ts';
import { insertSql, updateParams, updateSql } from './sqlite-sql.ts';
import { beginInThread, spawnWriter, ThreadTransaction, writerFile, writesInProcesses, type WriterHost } from './sqlite-thread.ts';
import type { ValidationReport } from '../validate/report.ts';
import type { DatabaseTarget } from './url.ts';
import { importPackage } from '../packages.ts';

// SQLite through MikroORM's connection: MikroORM opens the file (better-sqlite3) and we use
// its native client for catalogue PRAGMAs and prepared multi-row INSERTs, which are ≈3x faster
// than em.insertMany (which inlines every value into the SQL text).

/** Tables counted per statement (SQLite allows 500 terms in a compound SELECT). */
const COUNT_BATCH = 200;

export async function openSqlite(target: DatabaseTarget, options: { create?: boolean; seeding?: boolean } = {}): Promise<SqliteDriver> {
  const file = target.file!;
  const dir = dirname(file);
  if (!existsSync(dir)) {
    throw new SeedbedError('NOT_FOUND', `Cannot open ${target.display}: the directory ${dir} does not exist.`, {
      fix: 'Check the path in --db / SEEDBED_DATABASE_URL.',
    });
  }
  const st = fileStat(target);
  if (!st && !options.create) {
    throw new SeedbedError('NOT_FOUND', `Cannot open ${target.display}: the file does not exist.`, {
      fix: 'Check the path, or create the database (run your migrations) first: Seedbed fills existing tables, it does not create them.',
    });
  }
  if (st?.isDirectory()) {
    throw new SeedbedError('NOT_A_DATABASE', `Cannot open ${target.display}: it is a directory, not a database file.`, {
      fix: 'Point --db at the SQLite file itself.',
    });
  }
  // A FIFO would block the open, a device (/dev/zero, /dev/null) read as an empty database.
  if (st && !st.isFile()) {
    const kind = st.isFIFO() ? 'a named pipe (FIFO)' : st.isSocket() ? 'a socket' : 'a device';
    throw new SeedbedError('NOT_A_DATABASE', `Cannot open ${target.display}: it is ${kind}, not a database file.`, {
      fix: 'Point --db at the SQLite file itself.',
    });
  }
  // A seed follows: its writing thread boots (≈40 ms of a thread's start-up and module loading) on
  // another core while MikroORM loads on this one, instead of while the run waits for it.
  const spare = options.seeding ? spareWriter(target) : undefined;
  let orm: MikroORM;
  try {
    // Loaded here, not at start-up: MikroORM's modules take ≈0.3 s to load, which commands that
    // never open a database (--help, init) should not pay.
    const { MikroORM } = await importPackage('@mikro-orm/sqlite', () => import('@mikro-orm/sqlite'));
    orm = await MikroORM.init({
      dbName: file,
      entities: [],
      discovery: { warnWhenNoEntities: false },
      debug: false,
      allowGlobalContext: true,
    });
  } catch (e) {
    await spare?.terminate();
    throw openError(target, e);
  }
  let client: SqliteClient;
  try {
    client = (await orm.em.getConnection().getNativeClient()) as unknown as SqliteClient;
    client.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (e) {
    await orm.close(true);
    await spare?.terminate();
    throw openError(target, e);
  }
  return new SqliteDriver(target, orm, client, spare);
}

/** Rows from which a load is worth a thread of its own in the editor (below, the process started
 *  at open is ready and the copies cost little). */
const THREAD_ROWS = 20_000;

/** A large load whose statements all end: no trigger anywhere in the file (the only way SQLite
 *  runs code of the schema's own that can loop) and no generated column in the tables it fills
 *  (an expression computed per row, however costly): it inserts rows, rebuilds indexes and checks
 *  its own rows, each bounded by their number. */
function cannotRunAway(client: SqliteClient, filled: FilledTable[]): boolean {
  if (filled.reduce((n, f) => n + f.rows, 0) < THREAD_ROWS) return false;
  if (filled.some((f) => f.table.columns.some((c) => c.generated))) return false;
  return !client.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'trigger' LIMIT 1`).get();
}

/** A writing thread, loading, that does not keep the process alive while it is idle. */
function spareWriter(target: DatabaseTarget): WriterHost | undefined {
  const script = writerFile();
  if (!script) return undefined;
  const w = spawnWriter(target, script);
  w.unref();
  return w;
}

/** The file's status (links followed), or undefined when nothing is there. */
function fileStat(target: DatabaseTarget): Stats | undefined {
  try {
    return statSync(target.file!);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') {
      throw new SeedbedError('NOT_A_DATABASE', `Cannot open ${target.display}: its symbolic links form a loop.`, {
        fix: 'Point --db at the SQLite file itself (`ls -l` shows where each link points).',
      });
    }
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw openError(target, e);
  }
}

function openError(target: DatabaseTarget, e: unknown): SeedbedError {
  const code = (e as { code?: string }).code ?? '';
  const msg = (e as Error).message ?? String(e);
  if (code === 'SQLITE_NOTADB' || /not a database/i.test(msg)) {
    return new SeedbedError('NOT_A_DATABASE', `Cannot open ${target.display}: the file is not an SQLite database.`, {
      fix: 'Point --db at an SQLite database file (one your application or migrations created).',
      cause: e,
    });
  }
  if (code.startsWith('SQLITE_BUSY') || /database is locked/i.test(msg)) {
    return new SeedbedError('CONNECT_FAILED', `Cannot open ${target.display}: another connection holds a lock on it (a write transaction of an app or of the sqlite3 shell); Seedbed waited 5 s and stopped. Nothing was written.`, {
      fix: 'Let that program finish its transaction (COMMIT or ROLLBACK) or close it, then run again.',
      cause: e,
    });
  }
  if (code === 'SQLITE_CANTOPEN') {
    return new SeedbedError('CONNECT_FAILED', `Cannot open ${target.display}: SQLite cannot open the file (permissions?).`, {
      fix: 'Check that the file and its directory are readable and writable by you.',
      cause: e,
    });
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EACCES' || code === 'EIO') {
    return new SeedbedError('CONNECT_FAILED', `Cannot open ${target.display}: ${msg}.`, {
      fix: 'Point --db at an SQLite database file you can read and write, on a working disk.',
      cause: e,
    });
  }
  return new SeedbedError('CONNECT_FAILED', `Cannot open ${target.display}: ${msg}`, { cause: e });
}

export class SqliteDriver implements Driver {
  readonly dialect = 'sqlite' as const;
  readonly target: DatabaseTarget;
  readonly client: SqliteClient;
  private readonly orm: MikroORM;

  constructor(target: DatabaseTarget, orm: MikroORM, client: SqliteClient, spare?: WriterHost) {
    this.target = target;
    this.orm = orm;
    this.client = client;
    this.spare = spare;
  }

  async readSchema(): Promise<SchemaInfo> {
    return introspectSqlite(this.client);
  }

  async countRows(tables: TableInfo[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    // One statement per COUNT_BATCH tables (a statement per table was ≈0.15 ms each to prepare:
    // 80 ms of a 533-table schema's plan); a batch that fails (a virtual table whose module is
    // missing) is counted table by table, so the error names its table. A table whose indexes
    // sort by a collation this SQLite lacks is counted without them (count(*) reads an index).
    for (let i = 0; i < tables.length; i += COUNT_BATCH) {
      const part = tables.slice(i, i + COUNT_BATCH);
      let rows: { n: number }[] | undefined;
      try {
        const counted = this.client.prepare(part.map((t, k) => `SELECT ${k} AS k, count(*) AS n FROM ${quote(t.name)}${t.unwritable ? ' NOT INDEXED' : ''}`).join(' UNION ALL ')).all() as { k: number; n: number }[];
        rows = counted.sort((a, b) => a.k - b.k);
      } catch {
        rows = part.map((t) => this.client.prepare(`SELECT count(*) AS n FROM ${quote(t.name)}${t.unwritable ? ' NOT INDEXED' : ''}`).get() as { n: number });
      }
      part.forEach((t, k) => out.set(t.name, rows![k].n));
    }
    return out;
  }

  async readValues(table: TableInfo, columns: string[]): Promise<unknown[][]> {
    const cols = columns.map(quote).join(', ');
    const st = this.client.prepare(`SELECT ${cols} FROM ${quote(table.name)} ORDER BY ${cols}`).raw(true);
    // Integers past 2^53 (snowflake ids) read exactly, as bigint: as numbers they were rounded,
    // and a row pointing at an existing one pointed at no row. Every other integer stays a number.
    // Read again so only when a value is that large: bigints cost an allocation each.
    const rows = st.all() as unknown[][];
    return st.safeIntegers && rows.some(beyondDouble) ? exactIntegers(st.safeIntegers(true).all() as unknown[][]) : rows;
  }

  async sampleRows(table: TableInfo, columns: string[], limit: number): Promise<unknown[][]> {
    return this.client.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table.name)} LIMIT ?`).raw(true).all(limit) as unknown[][];
  }

  async maxInteger(table: TableInfo, column: string): Promise<number> {
    return (await this.maxIntegers([{ table, column }]))[0];
  }

  async maxIntegers(requests: { table: TableInfo; column: string }[]): Promise<number[]> {
    const out: number[] = [];
    // As countRows: one statement per COUNT_BATCH columns, table by table if that fails.
    const sql = (q: { table: TableInfo; column: string }, k: number) => {
      const c = quote(q.column);
      return `SELECT ${k} AS k, max(${c}) AS m FROM ${quote(q.table.name)} WHERE typeof(${c}) = 'integer'`;
    };
    for (let i = 0; i < requests.length; i += COUNT_BATCH) {
      const part = requests.slice(i, i + COUNT_BATCH);
      let rows: { m: number | null }[];
      try {
        rows = (this.client.prepare(part.map(sql).join(' UNION ALL ')).all() as { k: number; m: number | null }[]).sort((a, b) => a.k - b.k);
      } catch {
        rows = part.map((q) => this.client.prepare(sql(q, 0)).get() as { m: number | null });
      }
      for (const r of rows) out.push(Number(r.m ?? 0));
    }
    return out;
  }

  /** Every write transaction (seed, undo, clear, the ledger's) is held by a writing thread of its
   *  own (sqlite-thread.ts), whatever its size: a statement that never ends (a trigger's endless
   *  recursive CTE, a CHECK that takes hours) then blocks that thread, never this one, which stays
   *  free to answer Ctrl-C, SIGTERM or Cancel and to report the stall. better-sqlite3 cannot
   *  interrupt a statement; a process that must end mid-statement leaves the file as it was (SQLite
   *  rolls the open transaction back from its journal at the next open). Costs nothing measurable:
   *  the thread is started while the run plans (prepareWriter). Checked per row as on this thread. */
  async begin(_filled?: FilledTable[], _cycleFks?: CycleFkRef[], options?: BeginOptions): Promise<WriteTransaction> {
    if (writerFile()) return this.beginInThread([], options);
    return this.beginHere(options);
  }

  /** The transaction on this thread's connection (a bundle without the writer script). */
  private async beginHere(options?: BeginOptions): Promise<WriteTransaction> {
    // Only outside a transaction; back on once it ends (below).
    if (options?.foreignKeysOff) this.client.pragma('foreign_keys = OFF');
    try {
      this.client.exec('BEGIN IMMEDIATE');
    } catch (e) {
      throw writeError(this.target, e);
    }
    // Every FK is checked at COMMIT, so cycles and out-of-order keys are fine inside the run.
    this.client.pragma('defer_foreign_keys = ON');
    let restore: (() => void) | undefined;
    try {
      restore = swapDqsTriggers(this.client);
    } catch (e) {
      this.client.exec('ROLLBACK');
      throw writeError(this.target, e);
    }
    return new SqliteTransaction(this.client, this.target, restore, options?.foreignKeysOff ? () => this.client.pragma('foreign_keys = ON') : undefined);
  }

  /** A writing thread started at open (a seed follows) or by prepareWriter, not yet used. */
  private spare: WriterHost | undefined;

  prepareWriter(): void {
    this.spare ??= spareWriter(this.target);
  }

  async beginInThread(filled: FilledTable[], options?: BeginOptions): Promise<WriteTransaction> {
    const script = writerFile();
    if (!script) return this.beginHere(options);
    // Where writes go to a process a Cancel can kill (the editor), a large load that can run no
    // statement without end writes from a thread all the same: its rows are then not copied from
    // process to process (≈15 % of such a run's time at 200k–2M rows).
    const worker = this.takeWriter(script, writesInProcesses() && cannotRunAway(this.client, filled) ? 'thread' : undefined);
    return beginInThread(this.target, worker, filled.map((f) => f.table), (tx) => { this.threaded = tx; }, options?.foreignKeysOff);
  }

  /** The run's writing thread, while it may be running. */
  private threaded: ThreadTransaction | undefined;

  /** Aborting `signal` fails the transaction's writing thread at once (sqlite-thread.ts): what
   *  waits on it is cancelled, and the thread is let go (its statement cannot be interrupted). */
  cancelOn(signal: AbortSignal): () => void {
    const onAbort = () => this.threaded?.cancel();
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return () => signal.removeEventListener('abort', onAbort);
  }

  private async dropSpare(): Promise<void> {
    const w = this.spare;
    this.spare = undefined;
    await w?.terminate();
  }

  async clear(tables: TableInfo[]): Promise<void> {
    const seq = this.client.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'`).get();
    // Delete guards are triggers: the schema is read (for them) only when the file has any.
    const schema = this.client.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'trigger' LIMIT 1`).get() ? await this.readSchema() : undefined;
    const tx = await this.begin();
    try {
      // An append-only table's delete guard does not apply (as PostgreSQL's TRUNCATE fires no
      // row triggers): set aside for the transaction, put back before COMMIT.
      const restoreGuards = schema ? await suspendDeleteGuards(this, tx, schema, tables.map((t) => t.name)) : undefined;
      // FTS indexes last: deleting their content tables' rows first lets sync triggers run on an intact index.
      for (const t of tables) if (clearMode(t) === 'delete') await tx.execute!(`DELETE FROM ${quote(t.name)}`);
      for (const t of tables) {
        const mode = clearMode(t);
        if (mode !== 'delete') await tx.execute!(ftsCommand(t.name, mode));
      }
      if (seq) for (const t of tables) await tx.execute!('DELETE FROM sqlite_sequence WHERE name = ?', [t.name]);
      await restoreGuards?.();
      await tx.commit();
    } catch (e) {
      await tx.rollback();
      const blocked = (e as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ? referencingRows(this.client, await this.readSchema(), tables) : [];
      throw blocked.length ? clearRefused(this.target, blocked, e) : writeError(this.target, e);
    }
  }

  async query(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    if (this.reader) return this.reader.query(sql, params);
    return this.client.prepare(sql).all(...params.map(sqliteValue)) as Record<string, unknown>[];
  }

  /** The thread `query` runs on while `apart` runs. */
  private reader: ThreadTransaction | undefined;

  async apart<T>(fn: () => Promise<T>): Promise<T> {
    const session = this.reader ? undefined : this.session();
    if (!session) return fn();
    this.reader = session;
    try {
      return await fn();
    } finally {
      this.reader = undefined;
      await session.stop();
    }
  }

  /** A connection in a thread of its own, outside any transaction (validate, apart); cancelOn
   *  lets it go. Undefined in a bundle without the writer script. */
  private session(): ThreadTransaction | undefined {
    const script = writerFile();
    if (!script) return undefined;
    return this.threaded = new ThreadTransaction(this.target, this.takeWriter(script));
  }

  /** The spare writer (started at open or by prepareWriter), else a new one; `kind` 'thread': a
   *  thread even where writes go to processes (the spare, then a process, is let go). */
  private takeWriter(script: string, kind?: 'thread'): WriterHost {
    const spare = this.spare;
    this.spare = undefined;
    if (kind) void spare?.terminate();
    const worker = kind || !spare ? spawnWriter(this.target, script, kind) : spare;
    worker.ref();
    return worker;
  }

  quoteTable(table: string): string {
    return quote(table);
  }

  quoteColumn(column: string): string {
    return quote(column);
  }

  placeholder(): string {
    return '?';
  }

  /** In a thread of its own, as writes are (begin): validating evaluates every CHECK and index
   *  expression over every row, which a hostile schema can make last for hours. */
  async validate(schema: SchemaInfo): Promise<ValidationReport> {
    const session = this.session();
    if (!session) return validateSqlite(this.client, schema);
    try {
      return (await session.call({ method: 'validate', schema })) as ValidationReport;
    } finally {
      await session.stop();
    }
  }

  async close(): Promise<void> {
    await this.dropSpare();
    await this.orm.close(true);
  }
}

class SqliteTransaction implements WriteTransaction {
  private readonly client: SqliteClient;
  private readonly target: DatabaseTarget;
  private readonly statements = new Map<string, SqliteStatement>();
  /** Puts back triggers swapDqsTriggers rewrote for the run. */
  private readonly restoreTriggers: (() => void) | undefined;
  /** Runs once the transaction has ended, committed or not (foreign keys back on). */
  private readonly ended: (() => void) | undefined;

  constructor(client: SqliteClient, target: DatabaseTarget, restoreTriggers?: () => void, ended?: () => void) {
    this.client = client;
    this.target = target;
    this.restoreTriggers = restoreTriggers;
    this.ended = ended;
  }

  private statement(key: string, sql: () => string): SqliteStatement {
    let s = this.statements.get(key);
    if (!s) {
      s = this.client.prepare(sql());
      this.statements.set(key, s);
    }
    return s;
  }

  async insert(table: TableInfo, columns: string[], rows: unknown[][]): Promise<void> {
    if (rows.length) await this.insertEncoded(table, columns, packRows(columns.length, rows));
  }

  /** One prepared multi-row INSERT per statement size (full statements share one). */
  async insertEncoded(table: TableInfo, columns: string[], rows: EncodedRows): Promise<void> {
    if (rows.kind !== 'sqlite-packed') throw new Error(`SQLite cannot write ${rows.kind} rows`);
    try {
      unpackRows(rows, (params, n) => {
        const st = this.statement(insertKey(table.name, columns, n), () => insertSql(table.name, columns, n));
        st.run.apply(st, params);
      });
    } catch (e) {
      // File-level problems get their own message; data errors go up as they are.
      throw knownWriteError(this.target, e, table.name) ?? e;
    }
  }

  async update(table: TableInfo, keyColumns: string[], setColumns: string[], rows: unknown[][]): Promise<void> {
    const sql = updateSql(table.name, keyColumns, setColumns);
    const st = this.statement(`U\u0000${sql}`, () => sql);
    for (const row of rows) st.run(updateParams(row, keyColumns.length));
  }

  async execute(sql: string, params: unknown[] = []): Promise<number> {
    return this.client.prepare(sql).run(...params.map(sqliteValue)).changes;
  }

  async executeEach(sql: string, rows: unknown[][]): Promise<number> {
    const st = this.client.prepare(sql);
    let changes = 0;
    for (const row of rows) changes += st.run(...row.map(sqliteValue)).changes;
    return changes;
  }

  async suspendIndexes(table: TableInfo): Promise<string[]> {
    return suspendIndexes(this.client, table.name);
  }

  async commit(): Promise<void> {
    try {
      this.restoreTriggers?.();
      this.client.exec('COMMIT');
    } catch (e) {
      throw commitError(this.client, e);
    } finally {
      // A failed COMMIT leaves the transaction open: it ends at the rollback that follows.
      if (!this.client.inTransaction) this.ended?.();
    }
  }

  async rollback(): Promise<void> {
    try {
      if (this.client.inTransaction) this.client.exec('ROLLBACK');
    } finally {
      this.ended?.();
    }
  }
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const beyondDouble = (row: unknown[]) => row.some((v) => typeof v === 'number' && (v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER));
/** The rows with each bigint a number where a number holds it exactly (in place). */
function exactIntegers(rows: unknown[][]): unknown[][] {
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (typeof v === 'bigint' && v <= SAFE && v >= -SAFE) row[i] = Number(v);
    }
  }
  return rows;
}
