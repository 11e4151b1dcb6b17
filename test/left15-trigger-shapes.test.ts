import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, integrity, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// Triggers real apps write, each of which left tables out:
// - a BEFORE INSERT trigger that sets a unique slug from the title (`NEW.slug := lower(
//   regexp_replace(NEW.title, …))`): the run's slugs were replaced and two titles made one slug
//   ('duplicate key … articles_slug_key'): the articles and everything under them left out. The
//   unique key is now read as one on the trigger's expression, kept distinct by the engine.
// - an audit row per new row that copies no column of it (`INSERT INTO audit (tbl, row_data)
//   VALUES (TG_TABLE_NAME, to_jsonb(NEW))`): the tables under audit got no rows until a second
//   seed ('only as the run writes'); now read back (and told in a dry run) like any row a
//   trigger makes per new row.
// The SQLite way of both: an AFTER INSERT trigger that UPDATEs the new row's slug, a log row per
// new row with only text from it.

const DDL = `
CREATE TABLE articles (id serial PRIMARY KEY, title text NOT NULL, slug text NOT NULL UNIQUE, created_at timestamptz NOT NULL DEFAULT now());
CREATE FUNCTION set_slug() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.slug := lower(regexp_replace(NEW.title, '[^a-zA-Z0-9]+', '-', 'g'));
  RETURN NEW;
END $$;
CREATE TRIGGER articles_slug BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION set_slug();
CREATE TABLE article_views (id serial PRIMARY KEY, article_id int NOT NULL REFERENCES articles, viewed_at timestamptz NOT NULL);
CREATE TABLE audit (id bigserial PRIMARY KEY, tbl text NOT NULL, row_data jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now());
CREATE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit (tbl, row_data) VALUES (TG_TABLE_NAME, to_jsonb(NEW));
  RETURN NEW;
END $$;
CREATE TRIGGER articles_audit AFTER INSERT OR UPDATE ON articles FOR EACH ROW EXECUTE FUNCTION audit_row();
CREATE TABLE audit_reviews (id serial PRIMARY KEY, audit_id bigint NOT NULL REFERENCES audit, ok boolean NOT NULL);`;

describe('left15: slug and audit triggers (PostgreSQL)', () => {
  let pg: PgServer;
  before(async () => {
    pg = await startPostgres();
    await pg.createDatabase('shapes', DDL);
  });
  after(async () => { await pg?.stop(); });

  test('every table filled in one run, slugs distinct, no violation; a dry run lists the audit rows and the reviews under them', async () => {
    const url = pg.url('shapes');
    const dry = cli(['seed', '--db', url, '--rows', '300', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(warnings(dry.stderr), []);
    assert.equal(dry.stdout, `Dry run, nothing was written: seed would add 900 rows to 3 tables.
  articles: 300
  article_views: 300
  audit_reviews: 300
  audit: 300 from trigger articles_audit on articles
`);
    const r = cli(['seed', '--db', url, '--rows', '300', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), []);
    assert.match(r.stdout, /^audit: 300 rows from trigger articles_audit on articles$/m);
    valid(url);
    const [c] = await pg.query<Record<string, number>>('shapes', `SELECT (SELECT count(*) FROM articles)::int AS articles, (SELECT count(DISTINCT slug) FROM articles)::int AS slugs,
      (SELECT count(*) FROM article_views)::int AS views, (SELECT count(*) FROM audit)::int AS audit, (SELECT count(*) FROM audit_reviews)::int AS reviews`);
    assert.deepEqual(c, { articles: 300, slugs: 300, views: 300, audit: 300, reviews: 300 });
    const undo = cli(['undo', '--db', url, '--yes']);
    assert.equal(undo.code, 0, undo.stderr);
    const [left] = await pg.query<Record<string, number>>('shapes', 'SELECT (SELECT count(*) FROM articles)::int + (SELECT count(*) FROM audit)::int + (SELECT count(*) FROM audit_reviews)::int AS n');
    assert.deepEqual(left, { n: 0 });
  });
});

const SQLITE = `
CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, slug TEXT UNIQUE);
CREATE TRIGGER notes_slug AFTER INSERT ON notes BEGIN UPDATE notes SET slug = lower(replace(NEW.title, ' ', '-')) WHERE id = NEW.id; END;
CREATE TABLE changes (id INTEGER PRIMARY KEY AUTOINCREMENT, what TEXT NOT NULL, at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
CREATE TRIGGER notes_log AFTER INSERT ON notes BEGIN INSERT INTO changes (what) VALUES ('note added: ' || NEW.title); END;
CREATE TABLE change_acks (id INTEGER PRIMARY KEY, change_id INTEGER NOT NULL REFERENCES changes(id), who TEXT NOT NULL);`;

describe('left15: slug and log triggers (SQLite)', () => {
  const dir = tempDir();
  after(() => cleanup(dir));

  test('every table filled in one run, slugs distinct, no violation; a dry run lists the log rows and the acks under them', () => {
    const file = join(dir, 'notes.db');
    createDb(file, SQLITE);
    const dry = cli(['seed', '--db', `sqlite:${file}`, '--rows', '300', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(warnings(dry.stderr), []);
    assert.equal(dry.stdout, 'Dry run, nothing was written: seed would add 600 rows to 2 tables.\n  notes: 300\n  change_acks: 300\n  changes: 300 from trigger notes_log on notes\n');
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '300', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), []);
    valid(`sqlite:${file}`);
    assert.deepEqual(integrity(file).fk, []);
    assert.deepEqual(withDb(file, (db) => db.prepare('SELECT (SELECT count(*) FROM notes) AS notes, (SELECT count(DISTINCT slug) FROM notes) AS slugs, (SELECT count(*) FROM changes) AS changes, (SELECT count(*) FROM change_acks) AS acks').get()), { notes: 300, slugs: 300, changes: 300, acks: 300 });
  });
});
