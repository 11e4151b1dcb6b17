import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WriteTransaction } from '../driver.ts';
import type { TableInfo } from '../schema/model.ts';
import { quote } from '../schema/sqlite.ts';
import { encodeRows, sqliteValue, type EncodedRows } from './encode.ts';
import { knownWriteError, writeError } from './sqlite-errors.ts';
import type { DatabaseTarget } from './url.ts';

// A large SQLite run's transaction, held by a writing thread (sqlite-writer.ts) with its own
// connection, while this thread generates. better-sqlite3 is synchronous: on one thread,
// generating and writing take turns; here they overlap. Inserts are posted without waiting
// (a few batches in flight); calls (execute, query, commit, …) wait for the thread's reply.

export type WriterCall =
  | { op: 'call'; id: number; method: 'begin' | 'commit' | 'rollback' }
  | { op: 'call'; id: number; method: 'run' | 'query'; sql: string; params: unknown[][] };
export type WriterMessage =
  | WriterCall
  /** defs: statements to prepare (key → SQL) before running parts (key, parameters). */
  | { op: 'insert'; table: string; defs: [string, string][]; parts: [string, unknown[]][] };
export interface WriterReply {
  /** -1 acknowledges an insert. */
  id: number;
  value?: unknown;
  error?: { message: string; code?: string; table?: string };
}

const MAX_IN_FLIGHT = 8;

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

/** Starts the writing thread and its transaction (BEGIN IMMEDIATE: the run's write lock). */
export async function beginInThread(target: DatabaseTarget, script: string): Promise<ThreadTransaction> {
  const tx = new ThreadTransaction(target, new Worker(script, { workerData: { file: target.file } }));
  try {
    await tx.call({ method: 'begin' });
  } catch (e) {
    await tx.stop();
    throw writeError(target, e);
  }
  return tx;
}

export class ThreadTransaction implements WriteTransaction {
  private readonly target: DatabaseTarget;
  private readonly worker: Worker;
  private readonly prepared = new Set<string>();
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private nextId = 1;
  private inFlight = 0;
  private exited = false;
  private wake: (() => void) | undefined;
  /** The thread's first insert error, or its exit. */
  private failure: Error | undefined;

  constructor(target: DatabaseTarget, worker: Worker) {
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
    if (rows.length) await this.insertEncoded(table, columns, encodeRows('sqlite', columns.length, rows));
  }

  async insertEncoded(table: TableInfo, columns: string[], rows: EncodedRows): Promise<void> {
    if (rows.kind !== 'sqlite') throw new Error(`SQLite cannot write ${rows.kind} rows`);
    if (this.failure) throw this.failure;
    const width = columns.length;
    const base = `${table.name}\u0000${columns.join('\u0000')}`;
    const defs: [string, string][] = [];
    const parts: [string, unknown[]][] = [];
    for (const chunk of rows.chunks) {
      const n = chunk.length / width;
      const key = `${base}\u0000${n}`;
      if (!this.prepared.has(key)) {
        this.prepared.add(key);
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        defs.push([key, `INSERT INTO ${quote(table.name)} (${columns.map(quote).join(', ')}) VALUES ${Array(n).fill(tuple).join(', ')}`]);
      }
      parts.push([key, chunk]);
    }
    this.inFlight++;
    this.worker.postMessage({ op: 'insert', table: table.name, defs, parts } satisfies WriterMessage);
    while (this.inFlight >= MAX_IN_FLIGHT && !this.failure) await new Promise<void>((r) => (this.wake = r));
    if (this.failure) throw this.failure;
  }

  async update(table: TableInfo, keyColumns: string[], setColumns: string[], rows: unknown[][]): Promise<void> {
    const sql = `UPDATE ${quote(table.name)} SET ${setColumns.map((c) => `${quote(c)} = ?`).join(', ')} WHERE ${keyColumns.map((c) => `${quote(c)} = ?`).join(' AND ')}`;
    // rows hold [...keyValues, ...setValues]; the statement wants SET values first.
    const k = keyColumns.length;
    await this.call({ method: 'run', sql, params: rows.map((row) => [...row.slice(k), ...row.slice(0, k)].map(sqliteValue)) });
  }

  async execute(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.call({ method: 'run', sql, params: [params.map(sqliteValue)] })) as number;
  }

  async query(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    return (await this.call({ method: 'query', sql, params: [params.map(sqliteValue)] })) as Record<string, unknown>[];
  }

  async maxInteger(table: TableInfo, column: string): Promise<number> {
    const c = quote(column);
    const rows = await this.query(`SELECT max(${c}) AS m FROM ${quote(table.name)} WHERE typeof(${c}) = 'integer'`);
    return Number(rows[0]?.m ?? 0);
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

  async stop(): Promise<void> {
    if (this.exited) return;
    this.exited = true;
    await this.worker.terminate();
  }

  /** Posts a call and waits for its reply (after every insert posted before it). */
  call(c: { method: 'begin' | 'commit' | 'rollback' } | { method: 'run' | 'query'; sql: string; params: unknown[][] }): Promise<unknown> {
    if (this.failure && c.method !== 'rollback') return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ op: 'call', id, ...c } as WriterMessage);
    });
  }

  private toError(e: NonNullable<WriterReply['error']>): Error {
    const err = Object.assign(new Error(e.message), { code: e.code });
    return knownWriteError(this.target, err, e.table) ?? err;
  }
}
