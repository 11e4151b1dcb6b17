import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanup, cli, createDb, dump, tempDir, withDb } from './support/sqlite.ts';

// Class-table inheritance ("table per type") without an ORM: subtype tables whose key is also a
// foreign key to the parent's key. A parent row is one subtype at most; with a discriminator
// column whose CHECK names the subtype tables, each subtype takes the parents of its value.

const dir = tempDir();
after(() => cleanup(dir));

const SUBTYPES = `
CREATE TABLE print_editions (id INTEGER PRIMARY KEY REFERENCES editions (id), pages INTEGER NOT NULL CHECK (pages > 0));
CREATE TABLE ebooks (id INTEGER PRIMARY KEY REFERENCES editions (id), file_size INTEGER NOT NULL);
CREATE TABLE audiobooks (id INTEGER PRIMARY KEY REFERENCES editions (id), minutes INTEGER NOT NULL);`;

const overlap = (db: { prepare(s: string): { get(): unknown } }) => (db.prepare(`SELECT count(*) AS n FROM (SELECT id FROM print_editions INTERSECT SELECT id FROM ebooks
  UNION ALL SELECT id FROM print_editions INTERSECT SELECT id FROM audiobooks UNION ALL SELECT id FROM ebooks INTERSECT SELECT id FROM audiobooks)`).get() as { n: number }).n;

test('sibling subtype tables take disjoint parents; same seed, same rows', () => {
  const seedOnce = (name: string) => {
    const file = join(dir, name);
    createDb(file, `CREATE TABLE editions (id INTEGER PRIMARY KEY, title TEXT NOT NULL);${SUBTYPES}`);
    const p = cli(['plan', '--db', `sqlite:${file}`, '--rows', '40', '--columns']);
    assert.equal(p.code, 0, p.stderr);
    assert.match(p.stdout, /^ {2}ebooks: 13 rows \(asked 40\)\n {6}id: → editions\.id \(editions rows not in audiobooks, print_editions\)$/m);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '40', '--seed', '7', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    return file;
  };
  const a = seedOnce('a.db');
  withDb(a, (db) => {
    for (const t of ['editions', 'print_editions', 'ebooks', 'audiobooks']) assert.ok((db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n > 0, t);
    assert.equal(overlap(db), 0);
    const used = (db.prepare('SELECT count(*) AS n FROM (SELECT id FROM print_editions UNION SELECT id FROM ebooks UNION SELECT id FROM audiobooks)').get() as { n: number }).n;
    const all = (db.prepare('SELECT (SELECT count(*) FROM print_editions) + (SELECT count(*) FROM ebooks) + (SELECT count(*) FROM audiobooks) AS n').get() as { n: number }).n;
    assert.equal(used, all);
    // 3 × 40 asked over 40 parents: shared out, every parent in exactly one subtype.
    assert.equal(used, 40);
  });
  const v = cli(['validate', '--db', `sqlite:${a}`]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  // Seeding again: the new subtype rows keep off the parents the existing ones hold.
  const again = cli(['seed', '--db', `sqlite:${a}`, '--rows', '40', '--seed', '8', '--yes']);
  assert.equal(again.code, 0, again.stderr);
  withDb(a, (db) => {
    assert.equal(overlap(db), 0);
    assert.ok((db.prepare('SELECT count(*) AS n FROM ebooks').get() as { n: number }).n > 13);
  });
  assert.equal(cli(['validate', '--db', `sqlite:${a}`]).code, 0);
  const b = seedOnce('b.db');
  const c = seedOnce('c.db');
  assert.equal(dump(b), dump(c), 'same seed, same rows');
});

test('a discriminator whose CHECK names the subtype tables: each takes the parents of its value', () => {
  const file = join(dir, 'disc.db');
  createDb(file, `CREATE TABLE editions (id INTEGER PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('print', 'ebook', 'audio')));${SUBTYPES}`);
  const p = cli(['plan', '--db', `sqlite:${file}`, '--rows', '60', '--columns']);
  assert.match(p.stdout, /^ {6}id: → editions\.id \(the editions rows whose kind is 'ebook'\)$/m);
  const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '60', '--seed', '3', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  withDb(file, (db) => {
    assert.equal(overlap(db), 0);
    const wrong = (t: string, v: string) => (db.prepare(`SELECT count(*) AS n FROM ${t} JOIN editions e USING (id) WHERE e.kind <> '${v}'`).get() as { n: number }).n;
    assert.equal(wrong('print_editions', 'print'), 0);
    assert.equal(wrong('ebooks', 'ebook'), 0);
    assert.equal(wrong('audiobooks', 'audio'), 0);
    // Each subtype asked as many rows as there are parents: it gets every parent of its value.
    const missing = (db.prepare(`SELECT count(*) AS n FROM editions e WHERE NOT EXISTS (SELECT 1 FROM print_editions WHERE id = e.id)
      AND NOT EXISTS (SELECT 1 FROM ebooks WHERE id = e.id) AND NOT EXISTS (SELECT 1 FROM audiobooks WHERE id = e.id)`).get() as { n: number }).n;
    assert.equal(missing, 0);
  });
  const v = cli(['validate', '--db', `sqlite:${file}`]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
});

test('1:1 tables named as aspects of the parent (user_profiles, user_settings) are not subtypes: every user may have both', () => {
  const file = join(dir, 'aspects.db');
  createDb(file, `CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE user_profiles (id INTEGER PRIMARY KEY REFERENCES users (id), bio TEXT);
CREATE TABLE user_settings (id INTEGER PRIMARY KEY REFERENCES users (id), theme TEXT);`);
  const p = cli(['plan', '--db', `sqlite:${file}`, '--rows', '30', '--columns']);
  assert.equal(p.code, 0, p.stderr);
  assert.doesNotMatch(p.stdout, /rows not in/);
  const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '30', '--seed', '2', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  withDb(file, (db) => {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    assert.equal(n('SELECT count(*) AS n FROM user_profiles'), 30);
    assert.equal(n('SELECT count(*) AS n FROM user_settings'), 30);
    assert.equal(n('SELECT count(*) AS n FROM (SELECT id FROM user_profiles INTERSECT SELECT id FROM user_settings)'), 30);
  });
});
