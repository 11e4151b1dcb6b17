import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { TransactionActivity, WriteTransaction } from '../driver.ts';
import type { SchemaInfo, TableInfo } from '../schema/model.ts';
import { quote } from '../schema/sqlite.ts';
import { insertKey, packRows, sqliteValue, statementSizes, type EncodedRows, type PackedRows } from './encode.ts';
import type { BulkTable } from './sqlite-bulk-checks.ts';
import { knownWriteError, writeError } from './sqlite-errors.ts';
import { insertSql, updateParams, updateSql } from './sqlite-sql.ts';
import type { DatabaseTarget } from './url.ts';
import { CANCELLED, cancelledError, isCancel } from '../cancel.ts';

// A large SQLite run's transaction, held by a writing thread (sqlite-writer.ts) with its own
// connection, while this thread generates. better-sqlite3 is synchronous: on one thread,
// generating and writing take turns; here they overlap. Inserts are posted without waiting
// (a few batches in flight); calls (execute, query, commit, …) wait for the thread's reply.

export type WriterCall =
  | { op: 'call'; id: number; method: 'begin'; tables: BulkTable[]; keysOff?: boolean }
  | { op: 'call'; id: number; method: 'verify' | 'commit' | 'rollback' }
  | { op: 'call'; id: number; method: 'run' | 'query'; sql: string; params: unknown[][] }
  | { op: 'call'; id: number; method: 'suspendIndexes' | 'verifyTable'; table: string }
  /** Outside any transaction: `seedbed validate`, whose CHECKs and index expressions may be slow. */
  | { op: 'call'; id: number; method: 'validate'; schema: SchemaInfo };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type WriterMessage =
  | WriterCall
  /** defs: statements to prepare (key → SQL); each statement-sized part of `rows` runs insertKey(table, columns, its row count). */
  | { op: 'insert'; table: string; columns: string[]; defs: [string, string][]; rows: PackedRows };
export interface WriterReply {
  /** -1 acknowledges an insert. */
  id: number;
  value?: unknown;
  error?: { message: string; code?: string; table?: string };
}

const MAX_IN_FLIGHT = 32;

/** The writer script: the .ts next to this file when run from source, the bundled .mjs otherwise. */
export function writerFile(): string | undefined {
  try {
    for (const name of ['./sqlite-writer.ts', './sqlite-writer.mjs']) {
      const path = fileURLToPath(new URL(name, import.meta.url));
      if (existsSync(path)) return path;
    }
  } catch {
    // CommonJS bundle without import.meta.url: write on this thread.
  }
  return undefined;
}

/** The writing thread's young generation, capped (it only binds values and steps statements):
 *  V8 would otherwise grow it with the run, and peak memory with the row count. */
const YOUNG_GENERATION_MB = 4;

/** What holds a transaction: a thread, or a child process (writeInProcesses). */
export interface WriterHost {
  postMessage(message: WriterMessage, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (reply: WriterReply) => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
  on(event: 'exit', listener: (code: number | string | null) => void): unknown;
  terminate(): Promise<unknown>;
  ref(): void;
  unref(): void;
}

let isolation: 'thread' | 'process' = 'thread';

/** Writing "threads" become child processes from now on: for a host process that lives on (VS
 *  Code's extension host). A thread stuck in a statement (a trigger that never ends) cannot be
 *  stopped: in the CLI the process ends on the signal and takes it along, but in the editor it
 *  would run, and hold the file's write lock, until the window closes. A process is killed at the
 *  cancel: the statement stops, the lock goes, and SQLite rolls the transaction back from its
 *  journal at the file's next open. */
export function writeInProcesses(): void {
  isolation = 'process';
}

/** Whether writes go to child processes (writeInProcesses). */
export const writesInProcesses = (): boolean => isolation === 'process';

/** A writing thread (or process) for `target`, loading; `beginInThread` then opens its transaction. */
export function spawnWriter(target: DatabaseTarget, script: string, kind: 'thread' | 'process' = isolation): WriterHost {
  if (kind === 'process') return forkWriter(target.file!, script);
  return new Worker(script, { workerData: { file: target.file }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
}

function forkWriter(file: string, script: string): WriterHost {
  // ELECTRON_RUN_AS_NODE: in the editor, execPath is Electron's binary, to run as Node.
  const child = fork(script, [file], { serialization: 'advanced', execArgv: [], stdio: ['ignore', 'ignore', 'ignore', 'ipc'], env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  const events = new EventEmitter();
  child.on('message', (m) => events.emit('message', m));
  child.on('error', (e) => events.emit('error', e));
  child.on('exit', (code, signal) => events.emit('exit', code ?? signal));
  return {
    postMessage: (m) => {
      if (child.connected) child.send(m);
    },
    on: ((event: string, listener: (...a: unknown[]) => void) => events.on(event, listener)) as WriterHost['on'],
    terminate: async () => {
      child.kill('SIGKILL');
    },
    ref: () => {
      child.ref();
      child.channel?.ref();
    },
    unref: () => {
      child.unref();
      child.channel?.unref();
    },
  };
}

/** Starts the transaction (BEGIN IMMEDIATE: the run's write lock) in a writing thread, for a run
 *  that fills `tables` (checked per table at the end when they are empty: sqlite-bulk-checks.ts). */
export async function beginInThread(target: DatabaseTarget, worker: WriterHost, tables: TableInfo[], held?: (tx: ThreadTransaction) => void, keysOff?: boolean): Promise<ThreadTransaction> {
  const tx = new ThreadTransaction(target, worker);
  // Cancellable from now on: BEGIN may wait (a lock held elsewhere, a process still starting).
  held?.(tx);
  try {
    tx.bulk = (await tx.call({ method: 'begin', tables: tables.map((t) => ({ name: t.name, checks: t.checks })), ...(keysOff ? { keysOff } : {}) })) as boolean;
  } catch (e) {
    await tx.stop();
    throw isCancel(e) ? e : writeError(target, e);
  }
  return tx;
}

export class ThreadTransaction implements WriteTransaction {
  private readonly target: DatabaseTarget;
  private readonly worker: WriterHost;
  /** Whether FKs and CHECKs are left to `verify` (the tables were empty). */
  bulk = false;
  private readonly prepared = new Set<string>();
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private nextId = 1;
  private inFlight = 0;
  private exited = false;
  private wake: (() => void) | undefined;
  /** The thread's first insert error, or its exit. */
  private failure: Error | undefined;

  constructor(target: DatabaseTarget, worker: WriterHost) {
    this.target = target;
    this.worker = worker;
    worker.on('message', (r: WriterReply) => {
      if (r.id === -1) {
        this.inFlight--;
        if (r.error && !this.failure) this.failure = this.toError(r.error);
        this.wake?.();
        this.wake = undefined;
        return;
      }
      const w = this.waiting.get(r.id);
      this.waiting.delete(r.id);
      if (r.error) w?.reject(this.toError(r.error));
      else w?.resolve(r.value);
    });
    const gone = (e: Error) => {
      this.failure ??= e;
      for (const w of this.waiting.values()) w.reject(e);
      this.waiting.clear();
      this.wake?.();
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`the SQLite writing thread stopped (exit code ${code})`)));
  }

  async insert(table: TableInfo, columns: string[], rows: unknown[][]): Promise<void> {
    if (rows.length) await this.insertEncoded(table, columns, packRows(columns.length, rows));
  }

  async insertEncoded(table: TableInfo, columns: string[], rows: EncodedRows): Promise<void> {
    if (rows.kind !== 'sqlite-packed') throw new Error(`the SQLite writing thread cannot write ${rows.kind} rows`);
    if (this.failure) throw this.failure;
    const defs: [string, string][] = [];
    for (const n of statementSizes(rows)) {
      const key = insertKey(table.name, columns, n);
      if (this.prepared.has(key)) continue;
      this.prepared.add(key);
      defs.push([key, insertSql(table.name, columns, n)]);
    }
    this.inFlight++;
    this.lastTable = table.name;
    this.worker.postMessage({ op: 'insert', table: table.name, columns, defs, rows } satisfies WriterMessage, [rows.tags.buffer, rows.numbers.buffer, rows.lengths.buffer] as ArrayBuffer[]);
    while (this.inFlight >= MAX_IN_FLIGHT && !this.failure) await new Promise<void>((r) => (this.wake = r));
    if (this.failure) throw this.failure;
  }

  async update(table: TableInfo, keyColumns: string[], setColumns: string[], rows: unknown[][]): Promise<void> {
    await this.call({ method: 'run', sql: updateSql(table.name, keyColumns, setColumns), params: rows.map((row) => updateParams(row, keyColumns.length)) });
  }

  async execute(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.call({ method: 'run', sql, params: [params.map(sqliteValue)] })) as number;
  }

  async executeEach(sql: string, rows: unknown[][]): Promise<number> {
    return (await this.call({ method: 'run', sql, params: rows.map((row) => row.map(sqliteValue)) })) as number;
  }

  async query(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    return (await this.call({ method: 'query', sql, params: [params.map(sqliteValue)] })) as Record<string, unknown>[];
  }

  async maxInteger(table: TableInfo, column: string): Promise<number> {
    const c = quote(column);
    const rows = await this.query(`SELECT max(${c}) AS m FROM ${quote(table.name)} WHERE typeof(${c}) = 'integer'`);
    return Number(rows[0]?.m ?? 0);
  }

  async suspendIndexes(table: TableInfo): Promise<string[]> {
    return (await this.call({ method: 'suspendIndexes', table: table.name })) as string[];
  }

  async verify(): Promise<void> {
    if (this.bulk) await this.call({ method: 'verify' });
  }

  /** The table's checks now, in the writing thread's spare time while later tables are made. */
  async tableDone(table: TableInfo): Promise<void> {
    if (this.bulk) await this.call({ method: 'verifyTable', table: table.name });
  }

  async commit(): Promise<void> {
    await this.call({ method: 'commit' });
    await this.stop();
  }

  async rollback(): Promise<void> {
    try {
      if (!this.exited) await this.call({ method: 'rollback' });
    } finally {
      await this.stop();
    }
  }

  /** The table of the rows posted last: what a run that makes no progress names (stall-watch.ts). */
  private lastTable: string | undefined;

  async activity(): Promise<TransactionActivity> {
    return { table: this.lastTable };
  }

  /** The run was cancelled: what waits on the thread fails now, later calls fail, and the thread
   *  is stopped (its connection's transaction rolls back as it closes). A statement it is running
   *  cannot be interrupted (better-sqlite3 has no sqlite3_interrupt): the thread, its CPU and its
   *  lock on the file last until that statement ends; the run does not wait for it. */
  cancel(): void {
    if (this.exited) return;
    const e = cancelledError(CANCELLED);
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
    this.wake?.();
    this.exited = true;
    void this.worker.terminate();
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    this.exited = true;
    await this.worker.terminate();
  }

  /** Posts a call and waits for its reply (after every insert posted before it). */
  call(c: DistributiveOmit<WriterCall, 'op' | 'id'>): Promise<unknown> {
    if (this.failure && c.method !== 'rollback') return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ op: 'call', id, ...c } as WriterMessage);
    });
  }

  private toError(e: NonNullable<WriterReply['error']>): Error {
    const err = Object.assign(new Error(e.message), { code: e.code, table: e.table });
    return knownWriteError(this.target, err, e.table) ?? err;
  }
}
