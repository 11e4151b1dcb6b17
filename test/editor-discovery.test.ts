import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { databaseCandidates, discoverDatabases, isSqliteFile } from '../src/views/discovery.ts';
import { filterTables } from '../src/views/tableFilter.ts';
import { seedTableText } from '../src/views/format.ts';
import { cleanup, createDb, tempDir } from './support/sqlite.ts';

// The pure parts of the editor's "finds the database" and "many tables" (#17 items 3 and 4):
// which files of a workspace may be its database, which tables a filter shows, and what Seed
// Table says about the parents. Real files on disk; the extension passes what VS Code found.

const dir = tempDir('seedbed-discovery-');
after(() => cleanup(dir));

function workspace(name: string, files: Record<string, 'sqlite' | 'empty' | 'text'>): { base: string; paths: string[] } {
  const base = join(dir, name);
  const paths: string[] = [];
  for (const [rel, kind] of Object.entries(files)) {
    const file = join(base, rel);
    mkdirSync(join(file, '..'), { recursive: true });
    if (kind === 'sqlite') createDb(file, 'CREATE TABLE t (id INTEGER PRIMARY KEY);');
    else writeFileSync(file, kind === 'empty' ? '' : 'not a database, just text\n');
    paths.push(file);
  }
  return { base, paths };
}

test('discovery: exactly one SQLite file outside node_modules/.git is the database', async () => {
  const ws = workspace('one', {
    'data/app.db': 'sqlite',
    'node_modules/pkg/test.db': 'sqlite',
    '.git/x.sqlite': 'sqlite',
    'notes.db': 'text', // named .db, but not SQLite
    'schema.sql': 'text',
  });
  assert.deepEqual(await discoverDatabases(ws.paths, ws.base), { kind: 'one', file: join(ws.base, 'data/app.db') });
});

test('discovery: several SQLite files are listed shallowest first, by path; none is none', async () => {
  const ws = workspace('several', {
    'b/deep/c.sqlite3': 'sqlite',
    'z.DB': 'sqlite',
    'a.sqlite': 'empty', // an empty file is an empty SQLite database
    'b/a.db': 'sqlite',
    'b/a.db-journal': 'sqlite',
  });
  const found = await discoverDatabases(ws.paths, ws.base);
  assert.deepEqual(found, { kind: 'several', files: ['a.sqlite', 'z.DB', 'b/a.db', 'b/deep/c.sqlite3'].map((f) => join(ws.base, f)) });
  const none = workspace('none', { 'readme.db': 'text', 'node_modules/only.db': 'sqlite' });
  assert.deepEqual(await discoverDatabases(none.paths, none.base), { kind: 'none' });
  assert.deepEqual(databaseCandidates([join(ws.base, 'x.db'), join(ws.base, 'x.db')], ws.base), [join(ws.base, 'x.db')]);
  assert.equal(await isSqliteFile(join(ws.base, 'missing.db')), false);
  assert.equal(await isSqliteFile(ws.base), false); // a folder
});

test('filter: every word in any case and order, * for any characters, empty for all', () => {
  const names = ['students', 'student_marks', 'exam_marks', 'Classes', 'class_teachers', 'marks_students_archive'];
  assert.deepEqual(filterTables(names, 'stud'), ['students', 'student_marks', 'marks_students_archive']);
  assert.deepEqual(filterTables(names, 'MARK stud'), ['student_marks', 'marks_students_archive']);
  assert.deepEqual(filterTables(names, 'stud*mark'), ['student_marks']);
  assert.deepEqual(filterTables(names, 'class'), ['Classes', 'class_teachers']);
  assert.deepEqual(filterTables(names, '  '), names);
  assert.deepEqual(filterTables(names, 'a.c'), []); // a dot is a dot, not "any character"
  assert.deepEqual(filterTables(names, 'nothing'), []);
});

test('Seed Table says the rows its empty parents need', () => {
  assert.equal(
    seedTableText('student_marks', [
      { name: 'subjects', count: 20, added: true },
      { name: 'students', count: 20, added: true },
      { name: 'student_marks', count: 20, added: false },
    ]),
    'student_marks gets 20 rows. Its empty parents need rows first: subjects 20, students 20 (2 tables, 40 rows).',
  );
  assert.equal(seedTableText('t', [{ name: 't', count: 1, added: false }]), 't gets 1 row. Its parents already have the rows it needs.');
  const many = Array.from({ length: 10 }, (_, i) => ({ name: `p${i}`, count: 1500, added: true }));
  assert.equal(seedTableText('c', [...many, { name: 'c', count: 1500, added: false }]),
    'c gets 1,500 rows. Its empty parents need rows first: p0 1,500, p1 1,500, p2 1,500, p3 1,500, p4 1,500, p5 1,500, p6 1,500, p7 1,500, … 2 more (10 tables, 15,000 rows).');
});
