// The slice of better-sqlite3's API the engine uses (the package ships no types of its own).

export interface SqliteStatement {
  run(...params: unknown[]): { changes: number };
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  raw(on?: boolean): SqliteStatement;
  /** Integers as bigint (better-sqlite3); absent on other clients. */
  safeIntegers?(on?: boolean): SqliteStatement;
}

export interface SqliteClient {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  readonly inTransaction: boolean;
  readonly open: boolean;
}
