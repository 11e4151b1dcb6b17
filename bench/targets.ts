import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TABLES, type Counts } from './schema/counts.ts';
import { Database, quote } from './lib/sqlite.ts';
import type { TargetName } from './contenders/types.ts';

// Where the contenders write: a fresh database with the school schema for every run, and the
// checks the parent runs on the result. A target is pluggable: SQLite files in a temp dir, or
// databases on a throw-away PostgreSQL server (test/support/postgres.ts).

export interface Verification {
  ok: boolean;
  counts: Record<string, number>;
  problems: string[];
  /** Size of the database after the run (SQLite file; PostgreSQL pg_database_size), bytes. */
  bytes: number;
  /** What was checked, for the report. */
  checked: string[];
}

export interface Target {
  readonly name: TargetName;
  /** Engine and version, for the report. */
  readonly description: string;
  /** Engine and version without machine details, for the chart. */
  readonly short: string;
  /** A fresh, empty database with the schema; returns what the contender connects to. */
  fresh(tag: string): Promise<string>;
  verify(url: string, expected: Counts): Promise<Verification>;
  /** One row of `table` (to show what the values look like). */
  sample(url: string, table: string): Promise<Record<string, unknown> | undefined>;
  /** Runs SQL (a schema) in a fresh database; returns its url. */
  freshWith(tag: string, sql: string): Promise<string>;
  drop(url: string): Promise<void>;
  close(): Promise<void>;
  /** PostgreSQL: CPU time (user + system, ms) the server's processes have used so far (the
   *  postmaster, its live children and those it reaped), so that a run's server share is known. */
  serverCpuMs?(): number | undefined;
}

/** utime + stime (+ cutime + cstime) of a process from /proc, in ms; undefined where /proc has none. */
function procCpuMs(pid: number, withReaped: boolean): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14–17 of stat (utime, stime, cutime, cstime) are 12–15 after the state field.
    const ticks = Number(f[11]) + Number(f[12]) + (withReaped ? Number(f[13]) + Number(f[14]) : 0);
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

function serverCpu(postmaster: number): number | undefined {
  const own = procCpuMs(postmaster, true);
  if (own === undefined) return undefined;
  let children: string[] = [];
  try {
    children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  } catch {
    return undefined;
  }
  return children.reduce((a, c) => a + (procCpuMs(Number(c), false) ?? 0), own);
}

const SCHEMA_DIR = join(import.meta.dirname, 'schema');

/** Foreign keys of the school schema: [child, column, parent]. */
const FKS: [string, string, string][] = [
  ['terms', 'academic_year_id', 'academic_years'],
  ['classes', 'academic_year_id', 'academic_years'],
  ['classes', 'grade_level_id', 'grade_levels'],
  ['classes', 'class_teacher_id', 'staff'],
  ['student_guardians', 'student_id', 'students'],
  ['student_guardians', 'guardian_id', 'guardians'],
  ['exams', 'term_id', 'terms'],
  ['student_marks', 'exam_id', 'exams'],
  ['student_marks', 'student_id', 'students'],
  ['student_marks', 'subject_id', 'subjects'],
  ['attendance', 'student_id', 'students'],
];

/** Invariants that must hold whatever wrote the rows (each query counts violations). */
const INVARIANTS: [string, string][] = [
  ['marks BETWEEN 0 AND 100', 'SELECT count(*) AS n FROM student_marks WHERE marks < 0 OR marks > 100'],
  ['UNIQUE student_marks (exam_id, student_id, subject_id)', 'SELECT count(*) AS n FROM (SELECT 1 FROM student_marks GROUP BY exam_id, student_id, subject_id HAVING count(*) > 1) d'],
  ['UNIQUE attendance (student_id, date)', 'SELECT count(*) AS n FROM (SELECT 1 FROM attendance GROUP BY student_id, date HAVING count(*) > 1) d'],
  ['PRIMARY KEY student_guardians (student_id, guardian_id)', 'SELECT count(*) AS n FROM (SELECT 1 FROM student_guardians GROUP BY student_id, guardian_id HAVING count(*) > 1) d'],
  ['UNIQUE terms (academic_year_id, term_number)', 'SELECT count(*) AS n FROM (SELECT 1 FROM terms GROUP BY academic_year_id, term_number HAVING count(*) > 1) d'],
  ['terms end_date > start_date', 'SELECT count(*) AS n FROM terms WHERE NOT (end_date > start_date)'],
  ['exams end_date >= start_date', 'SELECT count(*) AS n FROM exams WHERE NOT (end_date >= start_date)'],
  ['staff date_of_joining > dob', 'SELECT count(*) AS n FROM staff WHERE NOT (date_of_joining > dob)'],
];

const orphanSql = ([child, col, parent]: [string, string, string]) =>
  `SELECT count(*) AS n FROM ${quote(child)} c LEFT JOIN ${quote(parent)} p ON p.id = c.${quote(col)} WHERE c.${quote(col)} IS NOT NULL AND p.id IS NULL`;

function checkCounts(counts: Record<string, number>, expected: Counts, problems: string[]) {
  for (const t of TABLES) {
    if (counts[t] !== expected[t]) problems.push(`${t}: ${counts[t]} rows, expected ${expected[t]}`);
  }
}

export function sqliteTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'seedbed-bench-'));
  const ddl = readFileSync(join(SCHEMA_DIR, 'school.sqlite.sql'), 'utf8');
  const probe = new Database(':memory:');
  const version = (probe.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  probe.close();
  let n = 0;
  const freshWith = async (tag: string, sql: string) => {
    const file = join(dir, `${tag}-${++n}.db`);
    const db = new Database(file);
    db.exec(sql);
    db.close();
    return file;
  };
  return {
    name: 'sqlite',
    description: `SQLite ${version} (better-sqlite3, file in ${tmpdir()}, default journal)`,
    short: `SQLite ${version}`,
    fresh: (tag) => freshWith(tag, ddl),
    freshWith,
    async verify(file, expected) {
      const db = new Database(file, { readonly: true });
      try {
        const problems: string[] = [];
        const counts: Record<string, number> = {};
        for (const t of TABLES) counts[t] = (db.prepare(`SELECT count(*) AS n FROM ${quote(t)}`).get() as { n: number }).n;
        checkCounts(counts, expected, problems);
        const fk = db.prepare('PRAGMA foreign_key_check').all() as { table: string; parent: string }[];
        if (fk.length) problems.push(`PRAGMA foreign_key_check: ${fk.length} violation(s), first ${fk[0].table} → ${fk[0].parent}`);
        for (const f of FKS) {
          const o = (db.prepare(orphanSql(f)).get() as { n: number }).n;
          if (o) problems.push(`${o} orphan(s) ${f[0]}.${f[1]} → ${f[2]}`);
        }
        for (const [what, sql] of INVARIANTS) {
          const v = (db.prepare(sql).get() as { n: number }).n;
          if (v) problems.push(`${what}: ${v} violation(s)`);
        }
        const quick = (db.prepare('PRAGMA quick_check').all() as { quick_check: string }[]).map((r) => r.quick_check);
        if (quick.join() !== 'ok') problems.push(`PRAGMA quick_check: ${quick.slice(0, 3).join('; ')}`);
        return { ok: !problems.length, counts, problems, bytes: statSync(file).size, checked: ['row counts per table', 'PRAGMA foreign_key_check', `${FKS.length} orphan queries`, `${INVARIANTS.length} invariant queries`, 'PRAGMA quick_check'] };
      } finally {
        db.close();
      }
    },
    async sample(file, table) {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare(`SELECT * FROM ${quote(table)} ORDER BY rowid LIMIT 1 OFFSET 7`).get() as Record<string, unknown> | undefined;
      } finally {
        db.close();
      }
    },
    async drop(file) {
      for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    },
    async close() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** PostgreSQL through the test support server; throws when it cannot start. */
export async function postgresTarget(): Promise<Target> {
  const { startPostgres, stripPsqlMeta } = await import('../test/support/postgres.ts');
  const server = await startPostgres();
  const ddl = readFileSync(join(SCHEMA_DIR, 'school.postgres.sql'), 'utf8');
  const vc = await server.client('postgres');
  const version = ((await vc.query('SHOW server_version')).rows[0] as { server_version: string }).server_version;
  // The postmaster: the parent of this session's backend.
  const backend = Number((await vc.query('SELECT pg_backend_pid() AS p')).rows[0].p);
  let postmaster: number | undefined;
  try {
    const stat = readFileSync(`/proc/${backend}/stat`, 'utf8');
    postmaster = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch { /* not Linux, or not this machine: no server CPU figures */ }
  await vc.end();
  let n = 0;
  const dbName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));
  const freshWith = async (tag: string, sql: string) => {
    const name = `bench_${tag.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${++n}`;
    const admin = await server.client('postgres');
    try {
      await admin.query(`CREATE DATABASE ${quote(name)}`);
    } finally {
      await admin.end();
    }
    const c = await server.client(name);
    try {
      await c.query(stripPsqlMeta(sql));
      // Every run starts from a checkpoint: the WAL the run before wrote (the raw contender's,
      // 2M rows one statement at a time) would otherwise set one off in the middle of this run.
      await c.query('CHECKPOINT');
    } finally {
      await c.end();
    }
    return server.url(name);
  };
  return {
    name: 'postgres',
    description: `PostgreSQL ${version} (127.0.0.1:${server.port}, fsync=off, synchronous_commit=off)`,
    short: `PostgreSQL ${version} (fsync off)`,
    fresh: (tag) => freshWith(tag, ddl),
    freshWith,
    async verify(url, expected) {
      const db = dbName(url);
      const c = await server.client(db);
      try {
        const problems: string[] = [];
        const counts: Record<string, number> = {};
        for (const t of TABLES) counts[t] = Number((await c.query(`SELECT count(*) AS n FROM ${quote(t)}`)).rows[0].n);
        checkCounts(counts, expected, problems);
        for (const f of FKS) {
          const o = Number((await c.query(orphanSql(f))).rows[0].n);
          if (o) problems.push(`${o} orphan(s) ${f[0]}.${f[1]} → ${f[2]}`);
        }
        for (const [what, sql] of INVARIANTS) {
          const v = Number((await c.query(sql)).rows[0].n);
          if (v) problems.push(`${what}: ${v} violation(s)`);
        }
        const invalid = (await c.query(`SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND NOT convalidated`)).rows;
        if (invalid.length) problems.push(`constraints not validated: ${invalid.map((r) => r.conname).join(', ')}`);
        const bytes = Number((await c.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b);
        return { ok: !problems.length, counts, problems, bytes, checked: ['row counts per table', `${FKS.length} orphan queries`, `${INVARIANTS.length} invariant queries`, 'pg_constraint.convalidated'] };
      } finally {
        await c.end();
      }
    },
    async sample(url, table) {
      // Own sessions, always closed (the support module may keep sessions open per database).
      const c = await server.client(dbName(url));
      try {
        return (await c.query(`SELECT * FROM ${quote(table)} ORDER BY 1 LIMIT 1 OFFSET 7`)).rows[0] as Record<string, unknown> | undefined;
      } finally {
        await c.end();
      }
    },
    async drop(url) {
      const c = await server.client('postgres');
      try {
        await c.query(`DROP DATABASE IF EXISTS ${quote(dbName(url))} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
    async close() {
      await server.stop();
    },
    serverCpuMs: () => (postmaster ? serverCpu(postmaster) : undefined),
  };
}
