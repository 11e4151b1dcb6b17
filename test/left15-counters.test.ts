import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, integrity, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// Counter caches and running totals an insert trigger keeps on a parent (`UPDATE posts SET
// comment_count = comment_count + 1 WHERE id = NEW.post_id`, `SET total_cents = coalesce(total_cents,
// 0) + NEW.amount_cents`, a recount `SET uses = (SELECT count(*) …)`): the run's parents start them
// at their DEFAULT, so after the run each says what its children add up to (was a random number
// plus the trigger's additions). A soft-delete trigger (PostgreSQL BEFORE DELETE … RETURN NULL after
// an UPDATE) no longer keeps the run's rows through `undo`.

const SQLITE = `
CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, post_count INTEGER NOT NULL DEFAULT 0 CHECK (post_count >= 0));
CREATE TABLE posts (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors(id), title TEXT NOT NULL, comment_count INTEGER NOT NULL DEFAULT 0, updated_at TEXT);
CREATE TABLE comments (id INTEGER PRIMARY KEY, post_id INTEGER NOT NULL REFERENCES posts(id), body TEXT NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, total_cents INTEGER);
CREATE TABLE order_lines (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id), amount_cents INTEGER NOT NULL CHECK (amount_cents > 0));
CREATE TABLE tags (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, uses INTEGER NOT NULL DEFAULT 0);
CREATE TABLE post_tags (post_id INTEGER NOT NULL REFERENCES posts(id), tag_id INTEGER NOT NULL REFERENCES tags(id), PRIMARY KEY (post_id, tag_id));
CREATE TRIGGER posts_count AFTER INSERT ON posts BEGIN UPDATE authors SET post_count = post_count + 1 WHERE id = NEW.author_id; END;
CREATE TRIGGER posts_uncount AFTER DELETE ON posts BEGIN UPDATE authors SET post_count = post_count - 1 WHERE id = OLD.author_id; END;
CREATE TRIGGER comments_count AFTER INSERT ON comments BEGIN UPDATE posts SET comment_count = comment_count + 1, updated_at = CURRENT_TIMESTAMP WHERE id = NEW.post_id; END;
CREATE TRIGGER lines_total AFTER INSERT ON order_lines BEGIN UPDATE orders SET total_cents = coalesce(total_cents, 0) + NEW.amount_cents WHERE id = NEW.order_id; END;
CREATE TRIGGER tags_recount AFTER INSERT ON post_tags BEGIN UPDATE tags SET uses = (SELECT count(*) FROM post_tags WHERE tag_id = NEW.tag_id) WHERE id = NEW.tag_id; END;`;

const MISMATCHES = `SELECT
  (SELECT count(*) FROM authors a WHERE post_count <> (SELECT count(*) FROM posts p WHERE p.author_id = a.id)) AS authors,
  (SELECT count(*) FROM posts p WHERE comment_count <> (SELECT count(*) FROM comments c WHERE c.post_id = p.id)) AS posts,
  (SELECT count(*) FROM orders o WHERE coalesce(total_cents, 0) <> (SELECT coalesce(sum(amount_cents), 0) FROM order_lines l WHERE l.order_id = o.id)) AS orders,
  (SELECT count(*) FROM tags t WHERE uses <> (SELECT count(*) FROM post_tags x WHERE x.tag_id = t.id)) AS tags`;

describe('left15: counter caches and running totals kept by insert triggers (SQLite)', () => {
  const dir = tempDir();
  after(() => cleanup(dir));

  test('every table filled; each counter and total equals what its children add up to; undo leaves nothing', () => {
    const file = join(dir, 'counters.db');
    createDb(file, SQLITE);
    const plan = cli(['plan', '--db', `sqlite:${file}`, '--columns']);
    assert.equal(plan.code, 0, plan.stderr);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '30', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), []);
    valid(`sqlite:${file}`);
    assert.deepEqual(integrity(file).fk, []);
    const counts = withDb(file, (db) => db.prepare(`SELECT ${['authors', 'posts', 'comments', 'orders', 'order_lines', 'tags', 'post_tags'].map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`).get());
    assert.deepEqual(counts, { authors: 30, posts: 30, comments: 30, orders: 30, order_lines: 30, tags: 30, post_tags: 30 });
    assert.deepEqual(withDb(file, (db) => db.prepare(MISMATCHES).get()), { authors: 0, posts: 0, orders: 0, tags: 0 });
    // A second run on top: the new parents start at 0 too, the old ones count on.
    const again = cli(['seed', '--db', `sqlite:${file}`, '--rows', '10', '--yes']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(withDb(file, (db) => db.prepare(MISMATCHES).get()), { authors: 0, posts: 0, orders: 0, tags: 0 });
    for (const _ of [1, 2]) assert.equal(cli(['undo', '--db', `sqlite:${file}`, '--yes']).code, 0);
    assert.deepEqual(withDb(file, (db) => db.prepare('SELECT (SELECT count(*) FROM authors) + (SELECT count(*) FROM posts) + (SELECT count(*) FROM orders) AS n').get()), { n: 0 });
  });
});

const PG = `
CREATE SCHEMA app;
CREATE TABLE app.users (id serial PRIMARY KEY, email text NOT NULL UNIQUE, post_count int NOT NULL DEFAULT 0, deleted_at timestamptz);
CREATE TABLE app.posts (id bigserial PRIMARY KEY, user_id int NOT NULL REFERENCES app.users, title text NOT NULL, deleted boolean NOT NULL DEFAULT false);
CREATE TABLE app.likes (id bigserial PRIMARY KEY, post_id bigint NOT NULL REFERENCES app.posts, weight numeric(6,2) NOT NULL CHECK (weight > 0));
ALTER TABLE app.posts ADD COLUMN score numeric(10,2) NOT NULL DEFAULT 0;
CREATE FUNCTION app.count_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE app.users SET post_count = post_count + 1 WHERE id = NEW.user_id; RETURN NEW; END $$;
CREATE TRIGGER posts_count AFTER INSERT ON app.posts FOR EACH ROW EXECUTE FUNCTION app.count_post();
CREATE FUNCTION app.add_like() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE app.posts p SET score = p.score + NEW.weight WHERE p.id = NEW.post_id; RETURN NEW; END $$;
CREATE TRIGGER likes_score AFTER INSERT ON app.likes FOR EACH ROW EXECUTE FUNCTION app.add_like();
CREATE FUNCTION app.soft_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN UPDATE app.posts SET deleted = true WHERE id = OLD.id; RETURN NULL; END $$;
CREATE TRIGGER posts_soft_delete BEFORE DELETE ON app.posts FOR EACH ROW EXECUTE FUNCTION app.soft_delete();`;

describe('left15: counters kept by triggers, soft deletes (PostgreSQL)', () => {
  let pg: PgServer;
  before(async () => {
    pg = await startPostgres();
    await pg.createDatabase('counters', PG);
  });
  after(async () => { await pg?.stop(); });

  test('counters equal their children; undo removes the run\'s rows through a soft-delete trigger, which is back after', async () => {
    const url = pg.url('counters', ['app']);
    const r = cli(['seed', '--db', url, '--rows', '25', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), []);
    valid(url);
    const [m] = await pg.query<Record<string, number>>('counters', `SELECT
      (SELECT count(*) FROM app.users u WHERE post_count <> (SELECT count(*) FROM app.posts p WHERE p.user_id = u.id))::int AS users,
      (SELECT count(*) FROM app.posts p WHERE score <> (SELECT coalesce(sum(weight), 0) FROM app.likes l WHERE l.post_id = p.id))::int AS posts,
      (SELECT count(*) FROM app.likes)::int AS likes`);
    assert.deepEqual(m, { users: 0, posts: 0, likes: 25 });
    const undo = cli(['undo', '--db', url, '--yes']);
    assert.equal(undo.code, 0, undo.stderr);
    assert.equal(undo.stdout, 'Undid run 1: deleted 75 rows from 3 tables.\n');
    const [left] = await pg.query<Record<string, number>>('counters', `SELECT (SELECT count(*) FROM app.users)::int AS users, (SELECT count(*) FROM app.posts)::int AS posts,
      (SELECT count(*) FROM pg_trigger WHERE tgname = 'posts_soft_delete' AND tgenabled = 'O')::int AS enabled`);
    assert.deepEqual(left, { users: 0, posts: 0, enabled: 1 });
  });
});
