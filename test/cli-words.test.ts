import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanup, cli, cliEntry, createDb, fileHash, ROOT, tempDir } from './support/sqlite.ts';

// The exact words the CLI prints (issue #17 items 5–9), on real SQLite files: targets that agree,
// undo after a clear, runs that add nothing, singular and plural, a fix on every argument error,
// a closed pipe.

const dir = tempDir();
after(() => cleanup(dir));

// `kinds.code` admits 3 values: the table is full at 3 rows whatever --rows asks.
const SCHEMA = `
CREATE TABLE kinds (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE CHECK (code IN ('a', 'b', 'c')));
CREATE TABLE owners (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES owners(id), kind_id INTEGER REFERENCES kinds(id), name TEXT NOT NULL);
`;

let n = 0;
function fresh(ddl = SCHEMA): { file: string; db: string } {
  const file = join(dir, `w${++n}.db`);
  createDb(file, ddl);
  return { file, db: `sqlite:${file}` };
}

function ok(args: string[]) {
  const r = cli(args);
  assert.equal(r.code, 0, `${args.join(' ')}\n${r.stderr}`);
  return r;
}

/** `seedbed runs` without the timestamps. */
const runLines = (db: string) => ok(['runs', '--db', db]).stdout.replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME');
/** A seed's summary line without the timing. */
const summary = (stdout: string) => stdout.replace(/, [\d.]+ s, \d+ rows\/s/, '');

describe('status and coverage agree on targets', () => {
  test('a table its unique key caps at 3 rows is 3/3 full in both', () => {
    const { db } = fresh();
    ok(['seed', '--db', db, '--rows', '10']);
    const status = ok(['status', '--db', db, '--rows', '10']).stdout;
    assert.match(status, /^kinds +3 \/ 3 {2}full$/m);
    const coverage = ok(['coverage', '--db', db, '--rows', '10']).stdout;
    assert.match(coverage, /^kinds {2}3\/3 full$/m);
    assert.match(coverage, /^rows: 23 · target 10 per table: 3 full, 0 partial, 0 empty$/m);
    const json = JSON.parse(ok(['coverage', '--db', db, '--rows', '10', '--json']).stdout);
    assert.deepEqual(json.tables.map((t: { table: string; target: number; state: string }) => [t.table, t.target, t.state]), [['kinds', 3, 'full'], ['owners', 10, 'full'], ['pets', 10, 'full']]);
  });
});

describe('undo after clear tells the truth', () => {
  test('clear marks the run cleared; undo says there is nothing left, in one line', () => {
    const { file, db } = fresh();
    assert.equal(summary(ok(['seed', '--db', db, '--rows', '10']).stdout), 'Run 1: 23 rows in 3 tables\n');
    assert.equal(ok(['clear', '--db', db, '--yes']).stdout, 'Cleared 3 tables.\n');
    assert.equal(runLines(db), '   1  TIME  seed 1  23 rows in 3 tables  cleared\n');
    const before = fileHash(file);
    const u = cli(['undo', '--db', db, '--yes']);
    assert.equal(u.code, 1);
    assert.equal(u.stdout, '');
    assert.equal(u.stderr, 'seedbed: Run 1 has no rows left: its tables were cleared since; there is nothing to undo.\nFix: None needed: no run of this database has rows left to undo (`seedbed runs` lists them).\n');
    assert.equal(fileHash(file), before);
  });

  test('rows deleted behind Seedbed\'s back: undo marks the run cleared instead of listing "kept" tables', () => {
    const { db, file } = fresh();
    ok(['seed', '--db', db, '--rows', '10']);
    createDb(file, 'DELETE FROM pets; DELETE FROM owners; DELETE FROM kinds;');
    assert.equal(ok(['undo', '--db', db, '--yes']).stdout, 'Run 1 has nothing left to undo: its 23 rows were already deleted (its tables were cleared since). Marked run 1 as cleared.\n');
    assert.equal(runLines(db), '   1  TIME  seed 1  23 rows in 3 tables  cleared\n');
  });

  test('one table cleared: undo deletes the rest and counts the cleared rows as gone, not kept', () => {
    const { db } = fresh();
    ok(['seed', '--db', db, '--rows', '10']);
    assert.equal(ok(['clear', '--db', db, '--tables', 'pets', '--yes']).stdout, 'Cleared 1 table.\n');
    assert.match(runLines(db), /committed\n$/, 'a run with rows left stays undoable');
    assert.equal(ok(['undo', '--db', db, '--yes']).stdout, 'Undid run 1: deleted 13 rows from 2 tables.\n10 rows of the run were already deleted.\n');
  });
});

describe('a run that adds nothing', () => {
  test('--top-up on a full database and --rows 0: "nothing to add", no run recorded, no warning, the file unchanged', () => {
    const { file, db } = fresh();
    ok(['seed', '--db', db, '--rows', '10']);
    const before = fileHash(file);
    for (const args of [['--top-up', '--rows', '10'], ['--rows', '0']]) {
      const r = ok(['seed', '--db', db, ...args]);
      assert.equal(r.stdout, 'Nothing to add: every table already has the rows asked for. No run was recorded.\n');
      assert.equal(r.stderr, '', 'no "capped at 0 rows" warning for a table already full, no progress lines');
    }
    assert.equal(fileHash(file), before);
    assert.equal(runLines(db), '   1  TIME  seed 1  23 rows in 3 tables  committed\n');
  });

  test('rows asked for but none made (no key meets the table\'s CHECK): said so, and why; not "already full"', () => {
    const { file, db } = fresh('CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT NOT NULL, CHECK (id % 7 = 3 AND id > 0));');
    const before = fileHash(file);
    const r = cli(['seed', '--db', db, '--rows', '50']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^warning: p: 50 row\(s\) left out: its keys \(id\) do not meet CHECK \(id % 7 = 3 AND id > 0\)$/m);
    assert.equal(r.stdout.split('\n').at(-2), 'Nothing was added: the 50 rows asked for were left out; see the warnings above. No run was recorded.');
    assert.equal(fileHash(file), before);
  });

  test('undo never picks an empty run recorded by an older version', () => {
    const { file, db } = fresh();
    ok(['seed', '--db', db, '--rows', '10']);
    createDb(file, `INSERT INTO seedbed_runs (id, started_at, finished_at, seed, scenario, row_count, tables, status) VALUES (2, 'x', 'x', 1, NULL, 0, '{}', 'committed')`);
    assert.equal(ok(['undo', '--db', db, '--yes']).stdout, 'Undid run 1: deleted 23 rows from 3 tables.\n');
  });
});

describe('plurals and wording', () => {
  test('"1 row", "1 table", "1 value"; plan on a table with rows says "adds N (has M)"', () => {
    const { db } = fresh(`CREATE TABLE solo (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL);`);
    const seed = ok(['seed', '--db', db, '--rows', '5']);
    assert.equal(summary(seed.stdout), 'Run 1: 1 row in 1 table\n');
    assert.equal(seed.stderr, 'Seeding 1 table, 1 row (seed 1)\n  solo: 1 row in ' + seed.stderr.match(/in (\d+) ms/)![1] + ' ms\nDone: 1 row in ' + seed.stderr.match(/Done: 1 row in ([\d.]+) s/)![1] + ' s (' + seed.stderr.match(/\((\d+) rows\/s\)/)![1] + ' rows/s)\nwarning: solo: capped at 1 row (asked 5): primary key id can take only 1 value\n');
    assert.equal(ok(['runs', '--db', db]).stdout.replace(/\d{4}-[\dT:.-]+Z/, 'TIME'), '   1  TIME  seed 1  1 row in 1 table  committed\n');
    assert.equal(ok(['schema', '--db', db]).stdout, 'solo (2 columns, pk id)\n1 table; skipped: seedbed_run_keys, seedbed_runs\n');
    assert.equal(ok(['undo', '--db', db, '--yes']).stdout, 'Undid run 1: deleted 1 row from 1 table.\n');

    const { db: db2 } = fresh();
    ok(['seed', '--db', db2, '--rows', '50']);
    const plan = ok(['plan', '--db', db2, '--rows', '50']).stdout;
    assert.match(plan, /^Plan: 3 tables, 100 rows, 2 phases \(sqlite\)$/m);
    assert.match(plan, /^ {2}owners: adds 50 \(has 50\)$/m);
    assert.match(plan, /^ {2}kinds: adds 0 \(asked 50; has 3\)$/m);
  });

  test('plan --explain on a capped table says why', () => {
    const { db } = fresh();
    const x = ok(['plan', '--db', db, '--rows', '10', '--explain']).stdout;
    assert.match(x, /^kinds \(3 rows, asked 10; text-like 1\/1 semantic\)\n {2}capped at 3 rows \(asked 10\): unique \(code\) has only 3 distinct combinations\n/m);
    const json = JSON.parse(ok(['plan', '--db', db, '--rows', '10', '--explain', '--json']).stdout);
    const kinds = json.tables.find((t: { name: string }) => t.name === 'kinds');
    assert.equal(kinds.requested, 10);
    assert.deepEqual(kinds.warnings, ['capped at 3 rows (asked 10): unique (code) has only 3 distinct combinations']);
  });

  test('every argument error has its Fix: line', () => {
    const { db } = fresh();
    const cases: [string[], string][] = [
      [['seed', '--db', db, '--rows', '-5'], 'seedbed: --rows must be a whole number >= 0 (got "-5").\nFix: Pass a whole number, e.g. --rows 50.\n'],
      [['plan', '--db', db, '--rows', 'ten'], 'seedbed: --rows must be a whole number >= 0 (got "ten").\nFix: Pass a whole number, e.g. --rows 50.\n'],
      [['seed', '--db', db, '--seed', '1.5'], 'seedbed: --seed must be a whole number >= 0 (got "1.5").\nFix: Pass a whole number, e.g. --seed 42.\n'],
      [['status', '--db', db, '--rows', '-1'], 'seedbed: --rows must be a whole number >= 0 (got "-1").\nFix: Pass a whole number, e.g. --rows 50.\n'],
      [['undo', 'last', '--db', db, '--yes'], 'seedbed: RUN must be a whole number >= 0 (got "last").\nFix: Pass a whole number, e.g. `seedbed undo 2` (`seedbed runs` lists the run ids).\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = cli(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.equal(r.stderr, stderr);
    }
  });
});

describe('a closed pipe', () => {
  test('`seedbed schema | head -1` on 300 tables exits 0 without a stack trace', () => {
    const { file } = fresh(Array.from({ length: 300 }, (_, i) => `CREATE TABLE t${i} (id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT);`).join('\n'));
    const main = cliEntry();
    for (const command of ['schema', 'coverage']) {
      const r = spawnSync('/bin/sh', ['-c', `"$NODE" "$MAIN" ${command} --db "sqlite:$FILE" | head -1; exit "\${PIPESTATUS:-0}"`], {
        encoding: 'utf8', env: { ...process.env, NODE: process.execPath, MAIN: main, FILE: file },
      });
      assert.equal(r.stdout.split('\n').length, 2, r.stdout.slice(0, 200));
      assert.equal(r.stderr, '', `${command}: ${r.stderr}`);
    }
    // The exit status of seedbed itself (bash reports each side of the pipe).
    const r = spawnSync('/bin/bash', ['-c', `"$NODE" "$MAIN" schema --db "sqlite:$FILE" | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`], {
      encoding: 'utf8', env: { ...process.env, NODE: process.execPath, MAIN: main, FILE: file },
    });
    assert.equal(r.stdout, '0\n');
    assert.equal(r.stderr, '');
  });
});

describe('a full disk', () => {
  // A real full disk: a small tmpfs mounted in a private mount namespace (`unshare -Urm` needs
  // no root, and the mount vanishes with the process), the database file copied onto it, and
  // seedbed writing there through its real driver.
  // 2,000 rows a table are written on this thread; 5,000 (30,000 in all) by SQLite's writing thread.
  for (const rows of [2000, 5000]) test(`seed --rows ${rows} fails with one message naming it, and a Fix; the database is byte-identical`, () => {
    const { file } = fresh(Array.from({ length: 6 }, (_, i) => `CREATE TABLE notes${i} (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT);`).join('\n'));
    const main = cliEntry();
    const script = [
      'set -e',
      'mount -t tmpfs -o size=$((SIZE))k tmpfs "$MNT"',
      'cp "$FILE" "$MNT/full.db"',
      'sha1sum < "$MNT/full.db"',
      'set +e',
      '"$NODE" "$MAIN" seed --db "sqlite:$MNT/full.db" --rows $ROWS --seed 1 2>"$MNT/err" >/dev/null; echo "exit $?"',
      'grep -v "^  \\|^Seeding" "$MNT/err"',
      'sha1sum < "$MNT/full.db"',
      'ls "$MNT"',
    ].join('\n');
    const mnt = join(dir, `mnt${rows}`);
    spawnSync('mkdir', ['-p', mnt]);
    const size = Math.ceil(statSync(file).size / 4096) * 4 + 8; // the file and two pages to spare
    const r = spawnSync('unshare', ['-Urm', '/bin/sh', '-c', script], {
      encoding: 'utf8', env: { ...process.env, CI: '1', NODE: process.execPath, MAIN: main, FILE: file, MNT: mnt, SIZE: String(size), ROWS: String(rows) },
    });
    assert.equal(r.status, 0, `unshare -Urm (a private tmpfs) must work here: ${r.stderr}`);
    const [hashBefore, exit, ...rest] = r.stdout.trim().split('\n');
    assert.equal(exit, 'exit 1');
    assert.deepEqual(rest, [
      rest[0].startsWith('seedbed: The disk is full while writing table "notes') ? rest[0] : 'seedbed: The disk is full while writing table "notes…"; nothing was written.',
      'Fix: Free disk space or seed fewer rows.',
      hashBefore,
      'err',
      'full.db',
    ]);
    assert.match(rest[0], /^seedbed: The disk is full while writing table "notes\d"; nothing was written\.$/);
  });
});

describe('the editor\'s Output lines count alike', () => {
  test('"1 table, 1 row"; thousands keep their separators', async () => {
    const { eventLine } = await import('../src/views/format.ts');
    assert.equal(eventLine({ type: 'start', tables: 1, rows: 1, seed: 1 }), 'Seeding 1 table, 1 row (seed 1)');
    assert.equal(eventLine({ type: 'start', tables: 2, rows: 1234, seed: 1 }), 'Seeding 2 tables, 1,234 rows (seed 1)');
    assert.equal(eventLine({ type: 'fill-after', table: 't', rows: 1 }), '  t: closed a cycle, updated 1 row');
  });
});
