import { createRequire } from 'node:module';

// better-sqlite3 (the copy @mikro-orm/sqlite brings; it ships no types of its own), typed to the
// slice the benchmark uses.

export interface Statement {
  run(...params: unknown[]): { changes: number };
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  raw(on?: boolean): Statement;
}

export interface Db {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  close(): void;
}

const require = createRequire(import.meta.url);
export const Database = require('better-sqlite3') as new (file: string, opts?: { readonly?: boolean }) => Db;

export function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
