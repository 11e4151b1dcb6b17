import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Real SQLite files for tests, opened with better-sqlite3 directly (not through Seedbed),
// so what the tests check is what the database itself says.

const require = createRequire(import.meta.url);
export const Database = require('better-sqlite3') as new (file: string, opts?: object) => {
  exec(sql: string): void;
  prepare(sql: string): { all(...a: unknown[]): unknown[]; run(...a: unknown[]): unknown; get(...a: unknown[]): unknown; raw(on?: boolean): { all(...a: unknown[]): unknown[] } };
  pragma(sql: string): unknown;
  close(): void;
};

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = resolve(ROOT, '..', 'shared');
export const SHARED_MISSING = existsSync(join(SHARED, 'schemas'))
  ? false
  : `../shared/schemas is not present next to this checkout (${SHARED}); tests over the shared real-world schemas cannot run here`;

export function tempDir(prefix = 'seedbed-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function createDb(file: string, ddl: string): void {
  const db = new Database(file);
  db.exec(ddl);
  db.close();
}

export function withDb<T>(file: string, fn: (db: InstanceType<typeof Database>) => T): T {
  const db = new Database(file, { readonly: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** Application tables: SQLite's own and Seedbed's ledger (it holds run timestamps) left out. */
export function userTables(file: string): string[] {
  return withDb(file, (db) =>
    (db.prepare(`SELECT name FROM sqlite_schema WHERE type='table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'seedbed_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name));
}

export function counts(file: string): Record<string, number> {
  return withDb(file, (db) => Object.fromEntries(userTables(file).map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t.replaceAll('"', '""')}"`).get() as { n: number }).n])));
}

/** Like `sqlite3 .dump`: schema text plus every row of every table, in rowid/key order. */
export function dump(file: string): string {
  return withDb(file, (db) => {
    const out: string[] = [];
    for (const r of db.prepare(`SELECT type, name, sql FROM sqlite_schema WHERE tbl_name NOT LIKE 'seedbed_%' ORDER BY type, name`).all() as { name: string; sql: string | null }[]) out.push(String(r.sql));
    for (const t of userTables(file)) {
      const q = `"${t.replaceAll('"', '""')}"`;
      const width = (db.prepare(`SELECT count(*) AS n FROM pragma_table_info(?)`).get(t) as { n: number }).n;
      const order = Array.from({ length: width }, (_, i) => i + 1).join(', ');
      const rows = db.prepare(`SELECT * FROM ${q} ORDER BY ${order}`).raw(true).all();
      out.push(`-- ${t}`);
      for (const row of rows as unknown[][]) out.push(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v && v.type === 'Buffer' ? `x'${Buffer.from(v.data).toString('hex')}'` : v)));
    }
    return out.join('\n');
  });
}

export function fileHash(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function integrity(file: string): { fk: unknown[]; integrity: string[] } {
  const db = new Database(file);
  try {
    db.pragma('foreign_keys = ON');
    const fk = db.prepare('PRAGMA foreign_key_check').all();
    const integrity = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[]).map((r) => r.integrity_check);
    return { fk, integrity };
  } finally {
    db.close();
  }
}

export interface CliResult { code: number; stdout: string; stderr: string }

function newest(path: string): number {
  const s = statSync(path);
  return s.isDirectory() ? Math.max(s.mtimeMs, ...readdirSync(path).map((n) => newest(join(path, n)))) : s.mtimeMs;
}
let entry: string | undefined;
/**
 * The CLI to run: as it ships (bin/seedbed.mjs: the bundle dist/cli.cjs with its V8 code cache,
 * ≈0.1 s of CPU less a start than type-stripping and loading a few hundred modules of src/,
 * over the hundreds of runs the tests make) when `npm test` has just built it, that is when
 * dist/cli.cjs is newer than every source file; `node src/cli/main.ts` otherwise (a file run
 * alone on a changed tree, or SEEDBED_TEST_CLI=src).
 */
export function cliEntry(): string {
  if (entry) return entry;
  const bundle = join(ROOT, 'dist', 'cli.cjs');
  const built = process.env.SEEDBED_TEST_CLI !== 'src' && existsSync(bundle) && statSync(bundle).mtimeMs >= newest(join(ROOT, 'src'));
  return (entry = built ? join(ROOT, 'bin', 'seedbed.mjs') : join(ROOT, 'src', 'cli', 'main.ts'));
}

/** Runs the real CLI (cliEntry: the built one, or `node src/cli/main.ts …`) with the project's Node. */
export function cli(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [cliEntry(), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1', ...env },
    cwd: ROOT,
    timeout: 300_000,
    maxBuffer: 256 * 1024 * 1024, // `plan --explain --json` on 533 tables runs to megabytes
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The `warning:` lines of a command's stderr. */
export const warnings = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('warning: '));

/** `seed --db db …args`: exit 0 and no warning line. */
export function seedClean(db: string, ...args: string[]): void {
  const r = cli(['seed', '--db', db, ...args]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(warnings(r.stderr), []);
}

/** `validate --db db` finds nothing (exit 0). */
export function valid(db: string): void {
  const v = cli(['validate', '--db', db]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
