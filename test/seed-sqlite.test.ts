import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makePlan, openDatabase, seed, SeedbedError } from '../src/seeders/index.ts';
import { runSeed } from '../src/seeders/write/run.ts';
import { generateRun } from '../src/seeders/write/generate-run.ts';
import { prepareRun } from '../src/seeders/write/prepare.ts';
import { packerFor, sqliteRowsPerStatement, unpackRows, type PackedRows } from '../src/seeders/drivers/encode.ts';
import { cleanup, cli, counts, createDb, Database, dump, fileHash, integrity, ROOT, SHARED, SHARED_MISSING, tempDir, userTables } from './support/sqlite.ts';

// Seeding real SQLite files: every table filled, the database itself finds no violation,
// the same seed gives the same bytes, failures leave the file exactly as it was.

const dir = tempDir();
after(() => cleanup(dir));

const SCHOOL = readFileSync(join(ROOT, 'examples', 'school', 'schema.sql'), 'utf8');
const CYCLES = readFileSync(join(ROOT, 'test', 'fixtures', 'cycles.sql'), 'utf8');
const BOOKKEEPING = new Set(['__diesel_schema_migrations', 'alembic_version']);

function assertFilledAndValid(file: string): void {
  const c = counts(file);
  const empty = Object.entries(c).filter(([t, n]) => n === 0 && !BOOKKEEPING.has(t)).map(([t]) => t);
  assert.deepEqual(empty, [], `tables left empty: ${empty.join(', ')}`);
  const { fk, integrity: ok } = integrity(file);
  assert.deepEqual(fk, [], 'PRAGMA foreign_key_check reports orphans');
  assert.deepEqual(ok, ['ok'], 'PRAGMA integrity_check');
}

function seedSchema(name: string, ddl: string, args: string[] = []) {
  const file = join(dir, `${name}.db`);
  createDb(file, ddl);
  const r = cli(['seed', '--db', `sqlite:${file}`, ...args]);
  assert.equal(r.code, 0, `seed failed: ${r.stderr}`);
  return { file, r };
}

describe('seed fills every table with no constraint violation', () => {
  test('examples/school (126 tables)', () => {
    const { file, r } = seedSchema('school', SCHOOL, ['--rows', '30']);
    assertFilledAndValid(file);
    assert.equal(userTables(file).filter((t) => !BOOKKEEPING.has(t)).length, 126);
    assert.equal(counts(file).__diesel_schema_migrations, 0, 'bookkeeping tables are never seeded');
    assert.match(r.stdout, /rows in 126 tables/);
    const v = cli(['validate', '--db', `sqlite:${file}`]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /no problems/);
    const s = cli(['status', '--db', `sqlite:${file}`, '--rows', '30']);
    assert.match(s.stdout, /tables with data: 126\/126 \(100 %\)/);
  });

  test('cycles, self-references, composite keys and hostile names', () => {
    const { file, r } = seedSchema('cycles', CYCLES, ['--rows', '40']);
    assertFilledAndValid(file);
    const c = counts(file);
    assert.equal(c.alembic_version, 0);
    assert.equal(c.variants, 40, 'colours x sizes allow more than 40 combinations');
    assert.equal(c.sizes, 40, 'sizes.label IN (4 values) is not unique: 40 rows fit; id is the key');
  });

  test('a composite key over small parents is capped with a warning, not a crash', () => {
    const file = join(dir, 'cap.db');
    createDb(file, `CREATE TABLE a (id INTEGER PRIMARY KEY CHECK (id BETWEEN 1 AND 3), name TEXT NOT NULL);
      CREATE TABLE b (id INTEGER PRIMARY KEY CHECK (id IN (10, 20, 30, 40)), name TEXT NOT NULL);
      CREATE TABLE ab (a_id INTEGER NOT NULL REFERENCES a(id), b_id INTEGER NOT NULL REFERENCES b(id), PRIMARY KEY (a_id, b_id));`);
    const p = cli(['plan', '--db', `sqlite:${file}`, '--rows', '50', '--json']);
    assert.equal(p.code, 0, p.stderr);
    const plan = JSON.parse(p.stdout);
    const count = (n: string) => plan.tables.find((t: { name: string }) => t.name === n).count;
    assert.deepEqual([count('a'), count('b'), count('ab')], [3, 4, 12]);
    assert.ok(plan.warnings.some((w: string) => /ab: capped at 12 rows \(asked 50\)/.test(w)), plan.warnings.join('\n'));
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '50']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: ab: capped at 12 rows/);
    assert.deepEqual(counts(file), { a: 3, ab: 12, b: 4 });
    // Coverage measures against what a seed can make: 12 of a possible 12 is full, not 12/50.
    const s = cli(['status', '--db', `sqlite:${file}`, '--rows', '50']);
    assert.match(s.stdout, /^ab\s+12 \/ 12\s+full$/m);
    assert.match(s.stdout, /^a\s+3 \/ 3\s+full$/m);
    assert.match(s.stdout, /tables with data: 3\/3 \(100 %\)/);
  });

  test('faraday_ai (533 tables, ../shared)', { skip: SHARED_MISSING }, () => {
    const { file } = seedSchema('faraday', readFileSync(join(SHARED, 'schemas', 'faraday_ai', 'faraday_models.sqlite.sql'), 'utf8'), ['--rows', '10']);
    assertFilledAndValid(file);
    assert.ok(userTables(file).length >= 533);
  });

  test('chinook (../shared)', { skip: SHARED_MISSING }, () => {
    const { file } = seedSchema('chinook', readFileSync(join(SHARED, 'schemas', 'chinook', 'Chinook_Sqlite.schema-only.sql'), 'utf8'), ['--rows', '100']);
    assertFilledAndValid(file);
  });
});

describe('unique columns with few natural values', () => {
  test('a unique year label asked for 30,000 rows gets all of them, distinct, within its length', () => {
    // Two dozen natural values ("2021/2022"); the rest take numbered suffixes, each base going
    // on from its last number (once re-tried from 2 for every row, and stacked: "2021/2022 2 3 4").
    const { file, r } = seedSchema('years', `CREATE TABLE academic_years (id INTEGER PRIMARY KEY, year_label VARCHAR(20) NOT NULL UNIQUE);`, ['--rows', '30000']);
    assert.doesNotMatch(r.stdout + r.stderr, /left out/);
    const db = new Database(file, { readonly: true });
    try {
      const s = db.prepare(`SELECT count(*) AS n, count(DISTINCT year_label) AS d, max(length(year_label)) AS len, sum(year_label GLOB '* * *') AS stacked FROM academic_years`).get() as Record<string, number>;
      assert.deepEqual(s, { n: 30000, d: 30000, len: s.len, stacked: 0 });
      assert.ok(s.len <= 20, `longest label ${s.len} characters`);
    } finally {
      db.close();
    }
  });

  test('a unique key that runs out of values leaves the rest out with a warning, and the run goes on', () => {
    // One character: a few dozen values at most, which the planner cannot count beforehand.
    const { file, r } = seedSchema('scarce', `CREATE TABLE codes (id INTEGER PRIMARY KEY, code VARCHAR(1) NOT NULL UNIQUE);
CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);`, ['--rows', '5000']);
    const c = counts(file);
    assert.match(r.stdout + r.stderr, new RegExp(`codes: ${5000 - c.codes} row\\(s\\) left out: no distinct value left`));
    assert.ok(c.codes > 0 && c.codes < 100, `${c.codes} codes`);
    assert.equal(c.notes, 5000);
  });
});

describe('bulk loads', () => {
  // A table about to get 10,000+ rows loses its plain indexes for the load and gets them back
  // rebuilt (write/run.ts, drivers/sqlite-indexes.ts), in the run's transaction.
  const DDL = `CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors(id), title TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE INDEX idx_posts_author ON posts (author_id);
CREATE INDEX idx_posts_created ON posts (created_at) WHERE created_at > '2000';
CREATE UNIQUE INDEX ux_posts_title_author ON posts (title, author_id);`;
  const read = <T>(file: string, sql: string): T[] => {
    const db = new Database(file, { readonly: true });
    try { return db.prepare(sql).all() as T[]; } finally { db.close(); }
  };
  const indexes = (file: string) => read(file, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");

  test('a big table keeps its indexes (same SQL), they are used, and the file checks out', async () => {
    const file = join(dir, 'bulk.db');
    createDb(file, DDL);
    const before = indexes(file);
    const db = await openDatabase(`sqlite:${file}`);
    try {
      const { result } = await seed(db, { counts: { authors: 200, posts: 25_000 } });
      assert.equal(result.worker, true, 'a run this size writes from the SQLite writing thread');
    } finally {
      await db.close();
    }
    assert.deepEqual(indexes(file), before);
    assert.deepEqual(integrity(file), { fk: [], integrity: ['ok'] });
    const plan = read<{ detail: string }>(file, 'EXPLAIN QUERY PLAN SELECT * FROM posts WHERE author_id = 3');
    assert.match(plan.map((p) => p.detail).join(' '), /idx_posts_author/);
  });

  test('opened for seeding: the writing thread started at open writes the run; unused or after a failed open, nothing is left running', async () => {
    const file = join(dir, 'seeding.db');
    createDb(file, DDL);
    const db = await openDatabase(`sqlite:${file}`, { seeding: true });
    try {
      const { result } = await seed(db, { counts: { authors: 200, posts: 25_000 } });
      assert.equal(result.worker, true);
    } finally {
      await db.close();
    }
    assert.deepEqual(integrity(file), { fk: [], integrity: ['ok'] });
    // A process that opens for seeding and never seeds (or cannot open) exits by itself.
    const bad = join(dir, 'not-a-db.db');
    writeFileSync(bad, 'this is not a database file, at all, in any way whatsoever'.repeat(100));
    const script = `import { openDatabase } from ${JSON.stringify(join(ROOT, 'src', 'seeders', 'index.ts'))};
const db = await openDatabase(${JSON.stringify(`sqlite:${file}`)}, { seeding: true });
await db.close();
await openDatabase(${JSON.stringify(`sqlite:${bad}`)}, { seeding: true }).then(() => console.log('opened?'), (e) => console.log(e.code));`;
    const main = join(dir, 'open-for-seeding.mjs');
    writeFileSync(main, script);
    const r = spawnSync(process.execPath, [main], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.signal, null, 'the process did not exit by itself');
    assert.equal(r.stdout.trim(), 'NOT_A_DATABASE', r.stderr);
  });

  test('a run that fails after the indexes were dropped leaves them, and the file, as they were', async () => {
    const file = join(dir, 'bulk-fail.db');
    createDb(file, `${DDL}
CREATE TRIGGER stop AFTER INSERT ON posts WHEN NEW.id = 24000 BEGIN SELECT RAISE(ABORT, 'stop here'); END;`);
    const hash = fileHash(file);
    const db = await openDatabase(`sqlite:${file}`);
    try {
      await assert.rejects(seed(db, { counts: { authors: 200, posts: 25_000 }, strict: true }), /stop here/);
    } finally {
      await db.close();
    }
    assert.equal(fileHash(file), hash);
  });
});

describe('reproducible', () => {
  // Large runs use threads: SQLite's writing one while this thread generates; in very large runs
  // also a generating one; with config functions (which cannot cross threads) always this thread
  // generates. Each way gives the same rows as one thread.
  const modes = [
    { worker: 'writer' as const, functions: false, what: 'this thread generates, the writing thread writes' },
    { worker: true, functions: false, what: 'a generating thread and the writing thread' },
    { worker: true, functions: true, what: 'config functions: this thread generates, the writing thread writes' },
  ];
  for (const [m, mode] of modes.entries()) {
    test(`threads give the same rows as one thread (${mode.what})`, async () => {
      const config = mode.functions ? { tables: { students: { columns: { name_english: ({ index }: { index: number }) => `Student ${index}` } } } } : undefined;
      const dumps: string[] = [];
      for (const worker of [false, mode.worker]) {
        const file = join(dir, `threads-${m}-${worker}.db`);
        createDb(file, SCHOOL);
        const db = await openDatabase(`sqlite:${file}`);
        try {
          const { plan } = await makePlan(db, { rows: 40, config });
          const r = await runSeed(db, plan, { seed: 11, worker });
          assert.equal(r.worker, worker !== false);
          // The generating thread reports its CPU time; none when this thread generated.
          assert.equal(r.workerCpuMs !== undefined, worker === true && !mode.functions);
        } finally {
          await db.close();
        }
        dumps.push(dump(file));
      }
      assert.equal(dumps[0], dumps[1]);
      if (mode.functions) assert.match(dumps[0], /Student 0/);
    });
  }

  test('batches cut short when rows come slowly hold the same rows in the same order', async () => {
    // generateRun yields a batch early once it has taken longer than its time budget (a run's
    // cold start); a budget of 0 cuts every batch at its first chance.
    const file = join(dir, 'budget.db');
    createDb(file, SCHOOL);
    const db = await openDatabase(`sqlite:${file}`);
    try {
      const { plan } = await makePlan(db, { rows: 400 });
      const inputs = await prepareRun(db, plan, 5);
      const rowsOf = (budget: number) => {
        const out: unknown[][] = [];
        const sizes: [string, number, number][] = [];
        let batches = 0;
        for (const op of generateRun(plan, inputs, 1000, packerFor('sqlite') as never, budget)) {
          if (op.op !== 'encoded') continue;
          batches++;
          unpackRows(op.rows as PackedRows, (params, n) => { for (let r = 0; r < n; r++) out.push([op.table, ...params.slice(r * (op.rows as PackedRows).width, (r + 1) * (op.rows as PackedRows).width)]); });
          sizes.push([op.table, (op.rows as PackedRows).count, sqliteRowsPerStatement((op.rows as PackedRows).width)]);
        }
        // A short batch holds whole INSERT statements: no statement size of its own is needed.
        sizes.forEach(([table, count, per], i) => {
          if (sizes[i + 1]?.[0] === table) assert.equal(count % per, 0, `${table}: a batch of ${count} rows, ${per} a statement`);
        });
        return { out, batches };
      };
      const whole = rowsOf(Infinity), cut = rowsOf(0);
      assert.ok(cut.batches > whole.batches * 2, `${cut.batches} short batches against ${whole.batches}`);
      assert.deepEqual(cut.out, whole.out);
    } finally {
      await db.close();
    }
  });

  test('the same --seed into two fresh files gives identical dumps; another seed differs', () => {
    const files = ['a', 'b', 'c'].map((n) => join(dir, `repro-${n}.db`));
    for (const f of files) createDb(f, SCHOOL);
    for (const [i, f] of files.entries()) {
      const r = cli(['seed', '--db', `sqlite:${f}`, '--seed', i === 2 ? '8' : '7', '--rows', '15']);
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal(dump(files[0]), dump(files[1]));
    assert.notEqual(dump(files[0]), dump(files[2]));
  });
});

describe('failures leave the database exactly as it was', () => {
  test('a trigger raising in the middle of the run: file byte-identical, one error naming the table', () => {
    const file = join(dir, 'trigger.db');
    createDb(file, SCHOOL + `\nCREATE TRIGGER boom BEFORE INSERT ON library_issues BEGIN SELECT RAISE(ABORT, 'library is closed'); END;`);
    const before = fileHash(file);
    // --strict: without it library_issues is left out and the rest commits (test/left-out-sqlite.test.ts).
    const r = cli(['seed', '--strict', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /library_issues/);
    assert.match(r.stderr, /library is closed/);
    assert.equal(r.stderr.trim().split('\n').filter((l) => l.startsWith('seedbed:')).length, 1, 'one error');
    assert.equal(fileHash(file), before);
  });

  test('cancel through the engine API rolls back within a second', async () => {
    const file = join(dir, 'cancel.db');
    createDb(file, SCHOOL);
    const before = fileHash(file);
    const db = await openDatabase(`sqlite:${file}`);
    const ac = new AbortController();
    let abortedAt = 0;
    try {
      await assert.rejects(
        seed(db, { rows: 2000, signal: ac.signal, onEvent: (e) => { if (e.type === 'progress' && !abortedAt) { abortedAt = performance.now(); ac.abort(); } } }),
        (e: unknown) => e instanceof SeedbedError && e.code === 'CANCELLED',
      );
      assert.ok(abortedAt > 0, 'a progress event came');
      assert.ok(performance.now() - abortedAt < 1000, 'cancel took effect within a second');
    } finally {
      await db.close();
    }
    assert.equal(fileHash(file), before);
  });
});

describe('bad input: one clear error, non-zero exit, nothing written', () => {
  const school = join(dir, 'bad.db');
  createDb(school, SCHOOL);
  const hash = () => fileHash(school);

  const cases: [string, string[], RegExp][] = [
    ['directory does not exist', ['seed', '--db', `sqlite:${join(dir, 'no', 'such', 'dir', 'x.db')}`], /directory .* does not exist/],
    ['file does not exist', ['seed', '--db', `sqlite:${join(dir, 'missing.db')}`], /file does not exist/],
    ['unknown table', ['seed', '--db', `sqlite:${school}`, '--tables', 'studnets'], /Unknown table "studnets"/],
    ['bookkeeping table', ['seed', '--db', `sqlite:${school}`, '--tables', '__diesel_schema_migrations'], /not seeded: migration bookkeeping/],
    ['unknown command', ['sow', '--db', `sqlite:${school}`], /unknown command 'sow'/],
    ['unknown flag', ['seed', '--db', `sqlite:${school}`, '--colour'], /unknown option '--colour'/],
    ['bad number', ['seed', '--db', `sqlite:${school}`, '--rows', 'lots'], /--rows must be a whole number/],
    ['no database', ['status'], /No database given/],
    ['bad url', ['status', '--db', 'mysql://x'], /neither sqlite:PATH nor postgresql/],
    ['clear without --yes', ['clear', '--db', `sqlite:${school}`], /needs confirmation.*\n.*--yes/],
  ];
  for (const [name, args, message] of cases) {
    test(name, () => {
      const before = hash();
      const r = cli(args, { SEEDBED_DATABASE_URL: '' });
      assert.notEqual(r.code, 0, `exit code for ${name}`);
      assert.match(r.stderr, message);
      assert.equal(hash(), before);
    });
  }

  test('a file that is not a database', () => {
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'this is not sqlite\n'.repeat(100));
    const before = fileHash(junk);
    const r = cli(['seed', '--db', `sqlite:${junk}`]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /not an SQLite database/);
    assert.equal(fileHash(junk), before);
  });

  test('an empty database says to run migrations first', () => {
    const empty = join(dir, 'empty.db');
    createDb(empty, '');
    const r = cli(['seed', '--db', `sqlite:${empty}`]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /no tables to seed[\s\S]*migrations/);
  });
});

describe('clear and dry run', () => {
  test('clear --yes empties the tables, keeps bookkeeping; --dry-run writes nothing', () => {
    const file = join(dir, 'clear.db');
    createDb(file, CYCLES + `INSERT INTO alembic_version VALUES ('abc123');`);
    const before = fileHash(file);
    const dry = cli(['seed', '--db', `sqlite:${file}`, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /Dry run/);
    assert.equal(fileHash(file), before);
    assert.equal(cli(['seed', '--db', `sqlite:${file}`]).code, 0);
    assert.ok(counts(file).employees > 0);
    const r = cli(['clear', '--db', `sqlite:${file}`, '--yes']);
    assert.equal(r.code, 0, r.stderr);
    const c = counts(file);
    assert.equal(c.alembic_version, 1);
    assert.deepEqual(Object.entries(c).filter(([t, n]) => t !== 'alembic_version' && n > 0), []);
    copyFileSync(file, join(dir, 'clear-copy.db'));
  });
});
