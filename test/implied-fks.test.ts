import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cleanup, cli, createDb, dump, tempDir, withDb } from './support/sqlite.ts';

// A schema that declares no FOREIGN KEYs (as many SQLite apps and older Rails schemas do):
// columns named for a table are filled from that table's keys, so the rows tell one story, while
// nothing is added to the database and validate judges only what the database declares.

const DDL = `
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, last_post_id INTEGER);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, title TEXT NOT NULL);
CREATE TABLE comments (id INTEGER PRIMARY KEY, post_id INTEGER NOT NULL, userId INTEGER, body TEXT);
CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE post_tags (post_id INTEGER NOT NULL, tag_id INTEGER NOT NULL, PRIMARY KEY (post_id, tag_id));
CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);
CREATE TABLE visits (id INTEGER PRIMARY KEY, place_id INTEGER, visit_date INTEGER);
CREATE TABLE attachments (id INTEGER PRIMARY KEY, attachable_type TEXT, attachable_id INTEGER, user_id TEXT);
`;

let dir: string;
before(() => { dir = tempDir('seedbed-implied-'); });
after(() => cleanup(dir));

function database(name: string): string {
  const file = join(dir, name);
  createDb(file, DDL);
  return file;
}

const orphans = (file: string) => withDb(file, (db) => Object.fromEntries(([
  ['posts.user_id', `SELECT count(*) AS n FROM posts WHERE user_id NOT IN (SELECT id FROM users)`],
  ['comments.post_id', `SELECT count(*) AS n FROM comments WHERE post_id NOT IN (SELECT id FROM posts)`],
  ['comments.userId', `SELECT count(*) AS n FROM comments WHERE userId IS NOT NULL AND userId NOT IN (SELECT id FROM users)`],
  ['post_tags', `SELECT count(*) AS n FROM post_tags WHERE post_id NOT IN (SELECT id FROM posts) OR tag_id NOT IN (SELECT id FROM tags)`],
  ['visits.place_id', `SELECT count(*) AS n FROM visits WHERE place_id IS NOT NULL AND place_id NOT IN (SELECT id FROM moz_places)`],
] as const).map(([k, sql]) => [k, (db.prepare(sql).get() as { n: number }).n])));

describe('references implied by column names (no FOREIGN KEY declared)', () => {
  test('plan names each implied reference; role names, polymorphic pairs, other kinds and cycles are left alone', () => {
    const r = cli(['plan', '--db', `sqlite:${database('plan.db')}`, '--columns']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /note: references implied by column names \(no FOREIGN KEY in the database; values taken from the parent's keys\): comments\.post_id → posts, comments\.userId → users, post_tags\.post_id → posts, post_tags\.tag_id → tags, posts\.user_id → users, visits\.place_id → moz_places\. `impliedForeignKeys: false` in the config turns this off\./);
    assert.match(r.stdout, /user_id: → users\.id \(implied by its name\)/);
    assert.match(r.stdout, /place_id: → moz_places\.id \(implied by its name\)/);
    // last_post_id names a role, not a table; attachable_id has its _type beside it; a TEXT
    // user_id cannot hold users' integer keys.
    for (const col of ['last_post_id', 'attachable_id']) assert.match(r.stdout, new RegExp(`${col}: number\\.int`));
    assert.doesNotMatch(r.stdout, /user_id: → users\.id \(implied by its name\)[\s\S]*attachments/);
    assert.match(r.stdout, /Phase 1:[\s\S]*users[\s\S]*Phase 2:[\s\S]*posts[\s\S]*Phase 3:[\s\S]*comments/);
    const x = cli(['plan', '--db', `sqlite:${join(dir, 'plan.db')}`, '--explain']);
    assert.match(x.stdout, /user_id +→ users\.id +fk → users\.id \(implied by its name; no FOREIGN KEY\)/);
  });

  test('seeded rows point at rows that exist; the database is not changed beyond its rows; same seed, same bytes', () => {
    const a = database('a.db');
    const b = database('b.db');
    for (const f of [a, b]) assert.equal(cli(['seed', '--db', `sqlite:${f}`, '--rows', '300', '--seed', '7']).code, 0);
    assert.deepEqual(orphans(a), { 'posts.user_id': 0, 'comments.post_id': 0, 'comments.userId': 0, post_tags: 0, 'visits.place_id': 0 });
    withDb(a, (db) => {
      assert.equal((db.prepare(`SELECT count(*) AS n FROM pragma_foreign_key_list('posts')`).get() as { n: number }).n, 0, 'no constraint added');
      // Authors write several posts each (fan-out), as with a declared FK.
      const { users } = db.prepare(`SELECT count(DISTINCT user_id) AS users FROM posts`).get() as { users: number };
      assert.ok(users > 50 && users < 300, `posts spread over ${users} users`);
    });
    assert.equal(dump(a), dump(b));
    const v = cli(['validate', '--db', `sqlite:${a}`]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    assert.match(v.stdout, /valid: no problems found/);
  });

  test('`impliedForeignKeys: false` in the config fills such columns by their type', () => {
    const file = database('off.db');
    const config = join(dir, 'off.config.mjs');
    writeFileSync(config, 'export default { impliedForeignKeys: false };\n');
    const r = cli(['plan', '--db', `sqlite:${file}`, '--columns', '--config', config]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /implied/);
    assert.match(r.stdout, /user_id: number\.int/);
    const bad = join(dir, 'bad.config.mjs');
    writeFileSync(bad, 'export default { impliedForeignKeys: "no" };\n');
    const e = cli(['plan', '--db', `sqlite:${file}`, '--config', bad]);
    assert.equal(e.code, 1);
    assert.match(e.stderr, /impliedForeignKeys.*must be true or false \(got "no"\)/);
  });

  test('a parent left out of the run drops the reference: the child is still filled', () => {
    const file = database('excluded.db');
    const config = join(dir, 'excl.config.mjs');
    writeFileSync(config, "export default { exclude: ['users'] };\n");
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '20', '--config', config]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    withDb(file, (db) => {
      assert.equal((db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n, 0);
      assert.equal((db.prepare('SELECT count(*) AS n FROM posts').get() as { n: number }).n, 20);
    });
  });
});
