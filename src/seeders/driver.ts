import type { EncodedRows } from './drivers/encode.ts';
import type { DatabaseTarget } from './drivers/url.ts';
import type { Dialect, SchemaInfo, TableInfo } from './schema/model.ts';
import type { ValidationReport } from './validate/report.ts';

// What the engine needs from a database. One implementation per dialect (write/sqlite.ts, …);
// planning and generation never talk to a database except through this.

export interface Driver {
  readonly dialect: Dialect;
  readonly target: DatabaseTarget;
  readSchema(): Promise<SchemaInfo>;
  countRows(tables: TableInfo[]): Promise<Map<string, number>>;
  /** Existing values of `columns` (a referenced key or a unique key), in a stable order. */
  readValues(table: TableInfo, columns: string[]): Promise<unknown[][]>;
  /** Up to `limit` rows of `columns` (a bounded sample of the rows already there, learn/profile.ts). */
  sampleRows?(table: TableInfo, columns: string[], limit: number): Promise<unknown[][]>;
  /** The same for several tables at once (PostgreSQL: one round trip for many: a 500-table
   *  schema would otherwise wait for 500 in a row). */
  sampleRowsMany?(requests: { table: TableInfo; columns: string[] }[], limit: number): Promise<unknown[][][]>;
  /** Largest value of an integer column, or 0 for an empty table. */
  maxInteger(table: TableInfo, column: string): Promise<number>;
  /** The same for several columns at once (PostgreSQL: one round trip for all of them). */
  maxIntegers?(requests: { table: TableInfo; column: string }[]): Promise<number[]>;
  /** Opens the run's single transaction; given the tables a large run fills (and how many rows
   *  each gets), it may leave their FK (and CHECK) checks to `verify` where they are empty. */
  begin(filled?: FilledTable[], cycleFks?: CycleFkRef[], options?: BeginOptions): Promise<WriteTransaction>;
  /** Opens it in a writing thread of its own, when the driver has one (SQLite), for large runs
   *  that fill `filled`: the caller's thread then generates while that one writes. */
  beginInThread?(filled: FilledTable[]): Promise<WriteTransaction>;
  /** Starts that thread now, so it loads while the run reads the schema and plans (a thread not
   *  used by the next begin is stopped). */
  prepareWriter?(): void;
  /** Deletes all rows of the given tables (children first), in one transaction. */
  clear(tables: TableInfo[]): Promise<void>;
  validate(schema: SchemaInfo): Promise<ValidationReport>;
  /** Runs a read query with bound parameters (placeholders from `placeholder`). */
  query?(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs `fn` with read queries that can change nothing, whatever the functions they call do
   *  (PostgreSQL: a CHECK's own function may INSERT or call nextval); outside a run. */
  readOnly?<T>(fn: (query: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T>;
  /** The dialect's quoted table name (schema-qualified where needed) and column name. */
  quoteTable?(table: string): string;
  quoteColumn?(column: string): string;
  /** Parameter placeholder number i (1-based): `?` on SQLite, `$i` on PostgreSQL. */
  placeholder?(i: number): string;
  /** Until the returned function is called, aborting `signal` stops what the database is running
   *  for this driver (a trigger that never returns, a statement stuck on the server): the
   *  caller's pending call rejects, its transaction rolls back, and later statements are refused. */
  cancelOn?(signal: AbortSignal): () => void;
  /** Runs `fn` with this driver's read queries (query) on a connection of their own thread: SQLite
   *  cannot interrupt a statement, and a read can take hours (a generated column's expression over
   *  every row); that thread is then let go on a cancel, the caller's stays free. */
  apart?<T>(fn: () => Promise<T>): Promise<T>;
  /** What the database says the session running this driver's statement is doing now, waited for
   *  at most `waitMs` (a command that has run long says it: write/stall-watch.ts). */
  sessionActivity?(waitMs: number): Promise<TransactionActivity>;
  close(): Promise<void>;
}

/** A NOT NULL cycle FK that cannot be deferred (plan.cycleFks): dropped for the run and added
 *  back before COMMIT where the database needs that (PostgreSQL; SQLite defers every FK). */
export interface CycleFkRef {
  table: string;
  name: string;
  columns: string[];
  refTable: string;
}

/** How a transaction is opened. */
export interface BeginOptions {
  /** SQLite: its connection enforces no foreign keys (an undo deleting rows of the parent of a key
   *  SQLite calls a "foreign key mismatch", which it refuses to prepare any DELETE of otherwise;
   *  undo's own statements keep every row still referenced). */
  foreignKeysOff?: boolean;
}

/** A table a run fills, and the rows it plans for it. */
export interface FilledTable {
  table: TableInfo;
  rows: number;
}

/** Keys a run wrote to a table (the ledger's InsertedKeys): a range of integers, or the key tuples
 *  (`keys`, or `chunks` of them as JSON). */
export interface WrittenKeys {
  table: string;
  columns: string[];
  range?: { lo: number; hi: number };
  keys?: unknown[][];
  chunks?: string[];
}

export interface WriteTransaction {
  /** Inserts rows; values are already in the engine's neutral form (see write/values.ts). */
  insert(table: TableInfo, columns: string[], rows: unknown[][]): Promise<void>;
  /** Inserts rows already encoded for this database (drivers/encode.ts), e.g. by the worker thread. */
  insertEncoded(table: TableInfo, columns: string[], rows: EncodedRows): Promise<void>;
  /** Sets `setColumns` on the rows identified by `keyColumns` (used for edges filled after a cycle). */
  update(table: TableInfo, keyColumns: string[], setColumns: string[], rows: unknown[][]): Promise<void>;
  /** Runs a statement with bound parameters inside the transaction; returns rows changed. */
  execute?(sql: string, params?: unknown[]): Promise<number>;
  /** Runs one statement once per parameter list, prepared once and in one step (a writing
   *  thread gets them in one message); returns rows changed. */
  executeEach?(sql: string, rows: unknown[][]): Promise<number>;
  /** Reads inside the transaction, when it is not on the driver's own connection. */
  query?(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  maxInteger?(table: TableInfo, column: string): Promise<number>;
  /** `query` reads outside what is written (an export to files): a failed read aborts nothing. */
  readsOutside?: boolean;
  /** Drops the table's plain (non-unique) indexes before a bulk load; returns the statements
   *  that recreate them, for `execute` once the table is filled. In order with the inserts:
   *  callers need not wait for it before inserting. */
  suspendIndexes?(table: TableInfo): Promise<string[]>;
  /** Checks what the database did not check row by row (a bulk load into empty tables checks
   *  FKs, and on SQLite CHECKs, per table at the end); rejects naming the table and constraint.
   *  Called once every row is written, before the ledger and COMMIT. */
  verify?(): Promise<void>;
  /** Every row of `table` has been handed over (in order with the inserts) and its FK parents
   *  are written: what verify would do for this table can be done now, while later tables are
   *  generated. Not called for a table the run writes again later (cycle updates, rollups);
   *  verify covers those. Its failure rejects naming the table, like verify. */
  tableDone?(table: TableInfo): Promise<void>;
  /** The run has read what it needs before its rows: work that can wait for them (PostgreSQL's
   *  bulk-load drops) goes out now, while the first rows are made. */
  startBulk?(): void;
  /** Every row of `table` has been handed over: a stream of its rows (PostgreSQL's COPY) ends
   *  now, so the server finishes it while the next table is generated, not when that table's
   *  first rows come. */
  tableWritten?(table: TableInfo): void;
  /** The transaction's I/O runs on this thread's event loop (a PostgreSQL client): each step the
   *  server finishes (a COPY, a rebuild) waits for a turn of it before the next is sent, so the
   *  run gives it one after every batch instead of every 25 ms. */
  readonly ioOnThisThread?: boolean;
  /** What the database says the transaction's session is doing now, asked from another session
   *  and waited for at most `waitMs` (for a run that makes no progress: write/stall-watch.ts). */
  activity?(waitMs: number): Promise<TransactionActivity>;
  /** Before commit: the keys the run wrote (PostgreSQL moves sequences past them without asking
   *  the tables for their max). */
  keysWritten?(keys: WrittenKeys[]): void;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** The run's table a transaction's last statement is for (when known), and what the server says
 *  its session is doing (a database with a server: PostgreSQL). */
export interface TransactionActivity {
  table?: string;
  session?: SessionActivity;
  /** The server was asked and did not answer in time. */
  unanswered?: boolean;
}

/** A database session as the server sees it (PostgreSQL's pg_stat_activity). */
export interface SessionActivity {
  pid: number;
  /** active, idle in transaction, … */
  state: string;
  /** What it waits on (wait_event_type/wait_event: Timeout/PgSleep, Lock/relation, …), if anything. */
  wait?: string;
  /** How long its current statement has run. */
  runningMs: number;
  statement: string;
}
