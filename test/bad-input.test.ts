import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanup, cli, cliEntry, createDb, Database, dump, fileHash, ROOT, tempDir } from './support/sqlite.ts';

// The catalogue of bad input: each case gets ONE clear error naming the problem and the fix,
// a non-zero exit, and the database exactly as it was (byte for byte).

const dir = tempDir();
after(() => cleanup(dir));
const SCHOOL = readFileSync(join(ROOT, 'examples', 'school', 'schema.sql'), 'utf8');
const school = join(dir, 'school.db');
createDb(school, SCHOOL);
const db = `sqlite:${school}`;

interface Case { name: string; args: string[]; error: RegExp; fix?: RegExp; file?: string; env?: Record<string, string>; setup?: () => void; asUser?: boolean }

const unsat = join(dir, 'unsat.db');
const prod = join(dir, 'prod.db');
const readonlyDir = join(dir, 'ro');
const readonly = join(readonlyDir, 'ro.db');
const junk = join(dir, 'junk.db');
const empty = join(dir, 'empty.db');
const cycle = join(dir, 'cycle.db');

const cases: Case[] = [
  { name: 'no database given', args: ['status'], error: /No database given/, fix: /--db sqlite:/ },
  { name: 'URL of an unsupported kind', args: ['status', '--db', 'mysql://u@h/db'], error: /neither sqlite:PATH nor postgresql/ },
  { name: 'empty sqlite: URL', args: ['status', '--db', 'sqlite:'], error: /no file path/ },
  { name: 'in-memory database', args: ['seed', '--db', 'sqlite::memory:'], error: /in-memory database vanishes/ },
  { name: 'directory does not exist', args: ['seed', '--db', `sqlite:${join(dir, 'nope', 'x.db')}`], error: /directory .* does not exist/, fix: /Check the path/ },
  { name: 'file does not exist', args: ['seed', '--db', `sqlite:${join(dir, 'missing.db')}`], error: /file does not exist/, fix: /migrations/ },
  { name: 'path is a directory', args: ['seed', '--db', `sqlite:${dir}/sub.db`], error: /is a directory/, setup: () => mkdirSync(join(dir, 'sub.db'), { recursive: true }) },
  { name: 'file is not a database', args: ['seed', '--db', `sqlite:${junk}`], error: /not an SQLite database/, file: junk, setup: () => writeFileSync(junk, 'hello\n'.repeat(400)) },
  { name: 'database has no tables', args: ['seed', '--db', `sqlite:${empty}`], error: /no tables to seed/, fix: /migrations/, file: empty, setup: () => createDb(empty, '') },
  // As root, file modes do not stop writes: the CLI runs as `nobody` there (see cliAs).
  { name: 'read-only database file', args: ['seed', '--db', `sqlite:${readonly}`], error: /read-only/i, fix: /writable/, file: readonly, asUser: true, setup: () => { chmodSync(dir, 0o755); mkdirSync(readonlyDir, { recursive: true }); createDb(readonly, 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);'); chmodSync(readonly, 0o444); chmodSync(readonlyDir, 0o555); } },
  { name: 'unknown table', args: ['seed', '--db', db, '--tables', 'studnets'], error: /Unknown table "studnets"/, fix: /Did you mean "students"/ },
  { name: 'bookkeeping table', args: ['seed', '--db', db, '--tables', '__diesel_schema_migrations'], error: /not seeded: migration bookkeeping/ },
  { name: 'unknown table to clear', args: ['clear', '--db', db, '--tables', 'nope', '--yes'], error: /Unknown table "nope"/ },
  { name: 'unknown command', args: ['sow', '--db', db], error: /unknown command 'sow'/ },
  { name: 'unknown flag', args: ['seed', '--db', db, '--colour'], error: /unknown option '--colour'/ },
  { name: 'rows not a number', args: ['seed', '--db', db, '--rows', 'lots'], error: /--rows must be a whole number/ },
  { name: 'negative rows', args: ['seed', '--db', db, '--rows=-5'], error: /--rows must be a whole number/ },
  { name: 'seed not a number', args: ['seed', '--db', db, '--seed', '1.5'], error: /--seed must be a whole number/ },
  { name: 'run id not a number', args: ['undo', 'last', '--db', db, '--yes'], error: /RUN must be a whole number/ },
  { name: 'nothing to undo', args: ['undo', '--db', db, '--yes'], error: /no seed run to undo/, fix: /Seed first/ },
  { name: 'unknown run to undo', args: ['undo', '42', '--db', db, '--yes'], error: /no run 42/ },
  { name: 'clear without --yes (no terminal)', args: ['clear', '--db', db], error: /needs confirmation/, fix: /--yes/ },
  { name: 'seed --clear-first without --yes', args: ['seed', '--clear-first', '--db', db], error: /needs confirmation/, fix: /--yes/ },
  { name: 'production-looking database name', args: ['seed', '--db', `sqlite:${prod}`], error: /looks like a production database/, fix: /--allow-production/, file: prod, setup: () => createDb(prod, 'CREATE TABLE t (id INTEGER PRIMARY KEY);') },
  { name: 'remote PostgreSQL host without opt-in (refused before connecting)', args: ['seed', '--db', 'postgresql://dev@db.example.invalid:5432/app'], error: /db\.example\.invalid is not this machine/, fix: /--allow-remote/ },
  { name: 'password never printed', args: ['seed', '--db', 'postgresql://dev:s3cret-pass@db.example.invalid/app'], error: /postgresql:\/\/dev:\*\*\*@db\.example\.invalid/ },
  // Without --strict such a table is left out with a warning (test/left-out-sqlite.test.ts).
  { name: 'unsatisfiable CHECK with --strict', args: ['seed', '--strict', '--db', `sqlite:${unsat}`], error: /Cannot fill table t \(.*CHECK \(x > 5 AND x < 3\)/, fix: /run without --strict to fill every other table/, file: unsat, setup: () => createDb(unsat, 'CREATE TABLE t (id INTEGER PRIMARY KEY, x INTEGER NOT NULL CHECK (x > 5 AND x < 3));') },
  { name: 'trigger failing mid-run names the trigger and its table (--strict)', args: ['seed', '--strict', '--db', `sqlite:${cycle}`], error: /Cannot fill table employees \(trigger "t" rejected its rows: no hiring today\).*rolled back/s, file: cycle, setup: () => createDb(cycle, readFileSync(join(ROOT, 'test', 'fixtures', 'cycles.sql'), 'utf8') + `CREATE TRIGGER t BEFORE INSERT ON employees BEGIN SELECT RAISE(ABORT, 'no hiring today'); END;`) },
];

/** Runs the CLI as an unprivileged user when the tests run as root (CI does). */
function cliAsUser(args: string[]) {
  if (process.getuid?.() !== 0) return cli(args);
  const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, cliEntry(), ...args], { encoding: 'utf8', cwd: '/', env: { PATH: process.env.PATH ?? '', CI: '1', HOME: '/tmp' } });
  if (r.error) throw new Error(`cannot run the CLI as nobody (runuser): ${r.error.message}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('bad input: one clear error, non-zero exit, nothing changed', () => {
  test('the catalogue has at least 25 cases', () => assert.ok(cases.length >= 25, `${cases.length} cases`));
  for (const c of cases) {
    test(c.name, () => {
      c.setup?.();
      const file = c.file ?? school;
      const before = fileHash(file);
      const r = c.asUser ? cliAsUser(c.args) : cli(c.args, { SEEDBED_DATABASE_URL: '', ...c.env });
      assert.notEqual(r.code, 0, `exit code (stdout: ${r.stdout})`);
      assert.match(r.stderr, c.error);
      if (c.fix) assert.match(r.stderr, c.fix);
      const errors = r.stderr.split('\n').filter((l) => /^(seedbed: |error: )/.test(l));
      assert.equal(errors.length, 1, `exactly one error line:\n${r.stderr}`);
      assert.doesNotMatch(r.stderr, /s3cret-pass/);
      assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
      assert.equal(fileHash(file), before, 'database unchanged');
    });
  }
});

// The two runs wait out SQLite's 5 s busy timeout side by side (separate files), not one after the other.
describe('concurrent runs', { concurrency: true }, () => {
  // 5 rows per table: written on the CLI's own thread; 200: a run of 20,000+ rows, written by the
  // SQLite writing thread (its own connection), which must wait and refuse the same way.
  for (const rows of ['5', '200']) test(`a seed (--rows ${rows}) while another writer holds the database waits, then refuses with a clear message`, () => {
    const file = join(dir, `busy-${rows}.db`);
    createDb(file, SCHOOL);
    // Another run in progress = a connection holding SQLite's write lock inside its transaction.
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const before = dump(file);
      const started = performance.now();
      const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', rows]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /another connection holds a lock/);
      assert.match(r.stderr, /wait for the other seed/);
      assert.ok(performance.now() - started >= 4000, 'it waited for the lock before refusing');
      assert.equal(dump(file), before);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});
