import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanup, cli, cliEntry, counts, createDb, dump, integrity, ROOT, tempDir, withDb } from './support/sqlite.ts';

// Undo, incremental seeding and crashes on real SQLite files: the ledger deletes exactly what a
// run inserted, and a killed run leaves the data as it was.

const dir = tempDir();
after(() => cleanup(dir));
const SCHOOL = readFileSync(join(ROOT, 'examples', 'school', 'schema.sql'), 'utf8');
const CYCLES = readFileSync(join(ROOT, 'test', 'fixtures', 'cycles.sql'), 'utf8');

// Rows an application already had before anyone seeded: they must survive every undo.
const EXISTING = `
INSERT INTO academic_years (id, year_label, start_date, end_date, is_current, status) VALUES (900, 'Legacy 1999', '1999-01-01', '1999-12-31', 0, 'closed');
INSERT INTO grade_levels (id, grade_number, grade_name, education_level) VALUES (900, 13, 'Grade 13 (legacy)', 'advanced');
INSERT INTO subjects (id, code, name_en, subject_category) VALUES (900, 'LEG-900', 'Legacy subject ''quoted''', 'optional');
`;

function ok(file: string): void {
  const r = integrity(file);
  assert.deepEqual(r.fk, []);
  assert.deepEqual(r.integrity, ['ok']);
}

function runIds(file: string): { id: number; status: string }[] {
  return withDb(file, (db) => db.prepare('SELECT id, status FROM seedbed_runs ORDER BY id').all() as { id: number; status: string }[]);
}

describe('undo', () => {
  test('seed then undo leaves exactly the pre-existing rows (row by row)', (t) => {
    const file = join(dir, 'undo.db');
    createDb(file, SCHOOL);
    try {
      createDb(file, EXISTING);
    } catch (e) {
      t.diagnostic(`fixture rows do not fit the school schema: ${(e as Error).message}`);
      throw e;
    }
    const before = dump(file);
    const s = cli(['seed', '--db', `sqlite:${file}`, '--rows', '20']);
    assert.equal(s.code, 0, s.stderr);
    assert.notEqual(dump(file), before);
    const u = cli(['undo', '--yes', '--db', `sqlite:${file}`]);
    assert.equal(u.code, 0, u.stderr);
    assert.match(u.stdout, /Undid run 1/);
    assert.equal(dump(file), before);
    assert.deepEqual(runIds(file), [{ id: 1, status: 'undone' }]);
    const again = cli(['undo', '--yes', '--db', `sqlite:${file}`]);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /Run 1 was already undone; there is nothing to undo\./);
  });

  test('seed twice, undo the first by id: the second run stays valid', () => {
    const file = join(dir, 'twice.db');
    createDb(file, SCHOOL);
    assert.equal(cli(['seed', '--db', `sqlite:${file}`, '--rows', '15', '--seed', '1']).code, 0);
    const first = counts(file);
    const s2 = cli(['seed', '--db', `sqlite:${file}`, '--rows', '15', '--seed', '2']);
    assert.equal(s2.code, 0, s2.stderr);
    ok(file);
    const both = counts(file);
    const u = cli(['undo', '1', '--yes', '--db', `sqlite:${file}`]);
    assert.equal(u.code, 0, u.stderr);
    ok(file);
    const after1 = counts(file);
    // Every table lost at most run 1's rows and kept at least run 2's.
    for (const t of Object.keys(both)) {
      assert.ok(after1[t] >= both[t] - first[t], `${t}: run 2's rows remain`);
      assert.ok(after1[t] <= both[t], t);
    }
    assert.deepEqual(runIds(file), [{ id: 1, status: 'undone' }, { id: 2, status: 'committed' }]);
    const u2 = cli(['undo', '--yes', '--db', `sqlite:${file}`]);
    assert.equal(u2.code, 0, u2.stderr);
    ok(file);
  });

  test('cycles, self-references and composite keys undo cleanly', () => {
    const file = join(dir, 'cycles-undo.db');
    createDb(file, CYCLES);
    const before = dump(file);
    assert.equal(cli(['seed', '--db', `sqlite:${file}`, '--rows', '30']).code, 0);
    const u = cli(['undo', '--yes', '--db', `sqlite:${file}`]);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(dump(file), before, u.stdout);
  });
});

describe('incremental seeding', () => {
  test('a second seed references existing parents and never collides with unique values', () => {
    const file = join(dir, 'incremental.db');
    createDb(file, SCHOOL);
    assert.equal(cli(['seed', '--db', `sqlite:${file}`, '--rows', '10']).code, 0);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '10', '--seed', '5']);
    assert.equal(r.code, 0, r.stderr);
    ok(file);
    const c = counts(file);
    assert.equal(c.students, 20);
    assert.equal(c.library_settings, 1, 'CHECK (id = 1) allows one row; the plan caps the second run at 0');
  });
});

describe('crash safety', () => {
  test('kill -9 in the middle of a seed leaves the data unchanged', async () => {
    const file = join(dir, 'kill.db');
    createDb(file, SCHOOL);
    createDb(file, EXISTING);
    const before = dump(file);
    const child = spawn(process.execPath, [cliEntry(), 'seed', '--db', `sqlite:${file}`, '--rows', '4000'], { cwd: ROOT, env: { ...process.env, CI: '1' } });
    let err = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no progress within 60 s: ${err}`)), 60_000);
      child.stderr.on('data', (d) => {
        err += d;
        // Kill once a few tables are written inside the open transaction.
        if ((err.match(/rows in \d+ ms/g) ?? []).length >= 5) { clearTimeout(timer); child.kill('SIGKILL'); resolve(); }
      });
      child.on('exit', () => { clearTimeout(timer); resolve(); });
    });
    await new Promise((r) => child.once('exit', r).once('close', r));
    assert.equal(child.signalCode, 'SIGKILL', `the seed was still running when killed: ${err.slice(-300)}`);
    assert.equal(dump(file), before);
    ok(file);
  });
});
