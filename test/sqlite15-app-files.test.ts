import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanup, cli, counts, createDb, integrity, ROOT, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// SQLite application files (sqlite15): constructs real app databases use, each met by a general
// mechanism. Every table is filled, the database finds nothing wrong, undo leaves it empty.

const dir = tempDir();
after(() => cleanup(dir));
const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', name), 'utf8');

test('an app file: names referenced in another case, keyword tables, GLOB prefix CHECKs — every table filled', () => {
  const file = join(dir, 'app.db');
  createDb(file, fixture('sqlite15-app-file.sql'));
  const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '60', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  // `REFERENCES users(id)` for "Users"("ID") and `REFERENCES USERS(Id)` were left out (NOT NULL
  // constraint failed: order.to); a 32-character GLOB '[0-9a-f]*' token was drawn 3 characters long.
  assert.deepEqual(warnings(r.stderr), []);
  const n = counts(file);
  for (const t of ['Users', 'posts', 'order', 'kv', 'tags', 'post_tags', 'places', 'boxes', 'weird', 'sessions']) assert.equal(n[t], 60, `${t}: ${n[t]}`);
  assert.ok(n.counters > 0 && n.posts_fts === 60, JSON.stringify(n));
  assert.deepEqual(integrity(file), { fk: [], integrity: ['ok'] });
  valid(`sqlite:${file}`);
  withDb(file, (db) => {
    // Tokens the rule drew are kept when they fit; the others are drawn from the class, hex
    // throughout as the CHECK's author meant, not printable noise after a hex first character.
    const bad = db.prepare(`SELECT count(*) AS n FROM sessions WHERE length(token) <> 32 OR NOT token GLOB '[0-9a-f]*' OR token GLOB '*[^0-9A-Za-z_-]*'`).get() as { n: number };
    assert.equal(bad.n, 0);
    const to = db.prepare(`SELECT count(*) AS n FROM "order" o JOIN "Users" u ON u."ID" = o."to"`).get() as { n: number };
    assert.equal(to.n, 60);
  });
  const u = cli(['undo', '--db', `sqlite:${file}`, '--yes']);
  assert.equal(u.code, 0, u.stderr);
  const shadow = new Set(withDb(file, (db) => (db.prepare(`SELECT name FROM pragma_table_list WHERE type = 'shadow'`).all() as { name: string }[]).map((x) => x.name)));
  const left = Object.entries(counts(file)).filter(([t, k]) => k > 0 && !shadow.has(t));
  assert.deepEqual(left, []);
  assert.deepEqual(integrity(file), { fk: [], integrity: ['ok'] });
});
