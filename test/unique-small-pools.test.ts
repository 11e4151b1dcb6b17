import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanup, cli, counts, createDb, tempDir, withDb } from './support/sqlite.ts';

// A unique text column whose naming rule draws from a few values (weekdays, statuses, file
// extensions) capped its table at the pool's size (found on real schemas: a unique `status`
// gave 6 rows where 200 were asked). The pool now goes on with suffixes ("Monday 2"), cut to the
// column's length; a CHECK's list still bounds the column.

const dir = tempDir();
after(() => cleanup(dir));

test('unique columns with small rule pools are filled to the rows asked; a CHECK list still caps', () => {
  const file = join(dir, 'pools.db');
  createDb(file, `
CREATE TABLE days (id INTEGER PRIMARY KEY, weekday TEXT NOT NULL UNIQUE);
CREATE TABLE statuses (id INTEGER PRIMARY KEY, status VARCHAR(10) NOT NULL UNIQUE);
CREATE TABLE mimes (id INTEGER PRIMARY KEY, extension VARCHAR(4) NOT NULL UNIQUE);
CREATE TABLE kinds (id INTEGER PRIMARY KEY, status TEXT NOT NULL UNIQUE CHECK (status IN ('open', 'closed')));`);
  const p = cli(['plan', '--db', `sqlite:${file}`, '--rows', '120']);
  assert.equal(p.code, 0, p.stderr);
  assert.match(p.stdout, /^ {2}days: 120 rows$/m);
  assert.match(p.stdout, /^ {2}statuses: 120 rows$/m);
  assert.match(p.stdout, /^ {2}mimes: 120 rows$/m);
  assert.match(p.stdout, /kinds: capped at 2 rows \(asked 120\): unique \(status\) has only 2 distinct combinations/);
  const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '120', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(counts(file), { days: 120, kinds: 2, mimes: 120, statuses: 120 });
  withDb(file, (db) => {
    const days = (db.prepare('SELECT weekday FROM days ORDER BY id').all() as { weekday: string }[]).map((d) => d.weekday);
    // The pool's own values first, then suffixed ones.
    assert.ok(days.slice(0, 5).every((d) => /^[A-Z][a-z]+day$/.test(d)), days.slice(0, 5).join(', '));
    assert.ok(days.some((d) => /^[A-Z][a-z]+day \d+$/.test(d)), 'suffixed weekdays');
    assert.equal((db.prepare('SELECT max(length(status)) AS n FROM statuses').get() as { n: number }).n <= 10, true);
    assert.equal((db.prepare('SELECT max(length(extension)) AS n FROM mimes').get() as { n: number }).n <= 4, true);
  });
  const v = cli(['validate', '--db', `sqlite:${file}`]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
});
