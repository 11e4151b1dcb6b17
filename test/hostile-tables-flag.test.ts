import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parseTableList } from '../src/cli/tables-option.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, Database, dump, tempDir } from './support/sqlite.ts';

// `--tables` and the messages around it (issue #14 item 13): a table named "a,b" or " sp " could
// not be chosen (the list was split on every comma and trimmed); `plan --tables x` for one table
// printed "1 tables, 50 rows, 0 phases" and listed nothing; SQLite's `clear --tables parent` with
// child rows said only "FOREIGN KEY constraint failed"; a 120 KB name was echoed in full.

const dir = tempDir('seedbed-tables-flag-');
after(() => cleanup(dir));

const DDL = `
  CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id), note TEXT);
  CREATE TABLE "a,b" (id INTEGER PRIMARY KEY, v TEXT);
  CREATE TABLE " sp " (id INTEGER PRIMARY KEY, v TEXT);
  CREATE TABLE "q""t" (id INTEGER PRIMARY KEY, v TEXT);
  CREATE TABLE a (id INTEGER PRIMARY KEY, v TEXT);
  CREATE TABLE x (id INTEGER PRIMARY KEY, v TEXT);`;

const HUGE = 'n'.repeat(120_000);

/** The tables a plan lists, in its phase lines. */
const planned = (stdout: string) => [...stdout.matchAll(/^ {2}(.+): \d+ rows/gm)].map((m) => m[1]).sort();

test('parseTableList: commas and spaces inside quotes, "" for a quote, unquoted names trimmed', () => {
  assert.deepEqual(parseTableList('a, b ,c'), ['a', 'b', 'c']);
  assert.deepEqual(parseTableList('"a,b", " sp ",x'), ['a,b', ' sp ', 'x']);
  assert.deepEqual(parseTableList('"q""t"'), ['q"t']);
  assert.deepEqual(parseTableList('quote"d,x'), ['quote"d', 'x'], 'a quote inside an unquoted name is part of it');
  assert.deepEqual(parseTableList(''), []);
  assert.throws(() => parseTableList('"a,b'), /--tables "a,b: a quoted name is not closed\./);
  assert.throws(() => parseTableList('"a"b,c'), /text follows the quoted name "a"/);
});

/** The same checks on either database; `url` is read when the tests run (PostgreSQL starts first). */
function checks(url: () => string, quoteTable: boolean) {
  test('--tables with quoted names and repeated --table choose exactly those tables', () => {
    const db = ['--db', url()];
    const plan = cli(['plan', ...db, '--tables', `"a,b"," sp ",${quoteTable ? '"q""t",' : ''}x`]);
    assert.equal(plan.code, 0, plan.stderr);
    assert.deepEqual(planned(plan.stdout), [' sp ', 'a,b', ...(quoteTable ? ['q"t'] : []), 'x'].sort());
    const repeated = cli(['plan', ...db, '--table', 'a,b', '--table', ' sp ']);
    assert.equal(repeated.code, 0, repeated.stderr);
    assert.match(repeated.stdout, /^Plan: 2 tables, 100 rows, 1 phase\b/);
    const seed = cli(['seed', ...db, '--rows', '7', '--table', 'a,b', '--tables', '" sp "']);
    assert.equal(seed.code, 0, seed.stderr);
    assert.match(seed.stdout, /14 rows in 2 tables/);
    const unclosed = cli(['plan', ...db, '--tables', '"a,b']);
    assert.equal(unclosed.code, 1);
    assert.equal(unclosed.stderr, `seedbed: --tables "a,b: a quoted name is not closed.\nFix: Close the quote: --tables '"a,b",c' (a quote inside a quoted name is written ""), or use --table NAME once per table.\n`);
  });

  test('plan --tables for one table lists it, in one phase', () => {
    const plan = cli(['plan', '--db', url(), '--tables', 'x']);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /^Plan: 1 table, 50 rows, 1 phase\b/);
    assert.match(plan.stdout, /^Phase 1:\n {2}x: 50 rows$/m);
  });

  test('a 120 KB table name is echoed shortened', () => {
    const r = cli(['plan', '--db', url(), '--tables', HUGE]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.length < 1000, `${r.stderr.length} characters`);
    assert.match(r.stderr, /Unknown table "n{150,}…\[119,\d{3} characters left out\]…n+"/);
  });
}

describe('SQLite', () => {
  const file = join(dir, 'flags.db');
  createDb(file, DDL);
  checks(() => `sqlite:${file}`, true);

  test('clear --tables parent with child rows names the child and the fix; nothing is deleted', () => {
    assert.equal(cli(['seed', '--db', `sqlite:${file}`, '--rows', '5', '--tables', 'child']).code, 0);
    const before = dump(file);
    const r = cli(['clear', '--yes', '--db', `sqlite:${file}`, '--tables', 'parent']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `seedbed: Cannot clear parent: rows of child (5 rows, via parent_id) still point at it, and child is not among the tables to clear. Nothing was deleted from sqlite:${file}.\nFix: Add child to --tables, or clear all tables.\n`);
    assert.equal(dump(file), before);
    const both = cli(['clear', '--yes', '--db', `sqlite:${file}`, '--tables', 'parent,child']);
    assert.equal(both.code, 0, both.stderr);
    assert.equal(counts(file).parent, 0);
  });

  test('ON DELETE CASCADE still cascades (the database decides, Seedbed only explains a refusal)', () => {
    const f = join(dir, 'cascade.db');
    createDb(f, `CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER NOT NULL REFERENCES p (id) ON DELETE CASCADE);`);
    const d = new Database(f);
    d.exec('INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1);');
    d.close();
    const r = cli(['clear', '--yes', '--db', `sqlite:${f}`, '--tables', 'p']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(counts(f), { c: 0, p: 0 });
  });

  test('a 120 KB database path is echoed shortened', () => {
    const r = cli(['schema', '--db', `sqlite:${join(dir, HUGE)}.db`]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.length < 1000, `${r.stderr.length} characters`);
    assert.match(r.stderr, /characters left out\]…n+\.db/);
  });
});

describe('PostgreSQL', () => {
  let pg: PgServer;
  const url = { value: '' };
  before(async () => {
    pg = await startPostgres();
    await pg.createDatabase('flags', DDL.replaceAll('INTEGER PRIMARY KEY', 'serial PRIMARY KEY').replace(/^.*"q""t".*$/m, ''));
    url.value = pg.url('flags');
  });
  after(async () => {
    await pg?.stop();
  });

  // A table name holding " breaks PostgreSQL's catalogue queries: #14 item 10, tested with it.
  checks(() => url.value, false);

  test('clear --tables parent with child rows names the child (as before)', () => {
    assert.equal(cli(['seed', '--db', url.value, '--rows', '5', '--tables', 'child']).code, 0);
    const r = cli(['clear', '--yes', '--db', url.value, '--tables', 'parent']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /would also empty child \(5 rows, via child_parent_id_fkey\), which you did not choose\.\nFix: Add child to --tables, or clear all tables\./);
  });

  test('a 120 KB database name is echoed shortened', () => {
    const r = cli(['schema', '--db', pg.url(HUGE)]);
    assert.equal(r.code, 1);
    assert.ok(r.stderr.length < 1000, `${r.stderr.length} characters: ${r.stderr.slice(0, 200)}`);
    assert.ok(!r.stderr.includes(pg.password));
  });
});
