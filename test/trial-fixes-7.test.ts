import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, seedClean, tempDir, valid, withDb } from './support/sqlite.ts';
import { join } from 'node:path';

// Defects a seventh round of acceptance trials on real schemas found (a PostGraphile starter
// app with three schemas, …), each as a small schema of the project's own.

// A job queue filled by a function that AFTER INSERT triggers of other tables call: the trigger
// body itself names no table.
const QUEUE = `
CREATE SCHEMA worker;
CREATE TABLE worker.jobs (id bigserial PRIMARY KEY, task text NOT NULL, payload json NOT NULL);
CREATE FUNCTION worker.add_job(task text, payload json) RETURNS worker.jobs LANGUAGE sql AS $$
  INSERT INTO worker.jobs (task, payload) VALUES (task, payload) RETURNING *; $$;
CREATE FUNCTION public.tg_add_job() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM worker.add_job(TG_ARGV[0], json_build_object('id', NEW.id)); RETURN NEW; END $$;
CREATE TABLE public.invitations (id serial PRIMARY KEY, email text NOT NULL);
CREATE TRIGGER send_invite AFTER INSERT ON public.invitations FOR EACH ROW EXECUTE FUNCTION public.tg_add_job('send_invite');`;

// An audit log a trigger writes through EXECUTE, its table named by the trigger's arguments:
// nothing says which table it fills, so the log is seeded (first: the audited table has a parent).
const AUDIT = `
CREATE TABLE audit_log (id serial PRIMARY KEY, tbl text NOT NULL, row_id int NOT NULL);
CREATE FUNCTION tg_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN EXECUTE format('INSERT INTO %I (tbl, row_id) VALUES ($1, $2)', TG_ARGV[0]) USING TG_TABLE_NAME, NEW.id; RETURN NEW; END $$;
CREATE TABLE teams (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE members (id serial PRIMARY KEY, team_id int NOT NULL REFERENCES teams(id), name text NOT NULL);
CREATE TRIGGER audit AFTER INSERT ON members FOR EACH ROW EXECUTE FUNCTION tg_audit('audit_log');`;

// A repository keyed by the worktree entry it sits on: its key is a reference to entries, and its
// (project, worktree) part also references worktrees (a collaborative editor's server schema).
const WORKTREES = `
CREATE TABLE projects (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
CREATE TABLE worktrees (project_id INTEGER NOT NULL REFERENCES projects (id), id INTEGER NOT NULL, root TEXT NOT NULL, PRIMARY KEY (project_id, id));
CREATE TABLE entries (project_id INTEGER NOT NULL, worktree_id INTEGER NOT NULL, id INTEGER NOT NULL, path TEXT NOT NULL,
  PRIMARY KEY (project_id, worktree_id, id), FOREIGN KEY (project_id, worktree_id) REFERENCES worktrees (project_id, id));
CREATE TABLE repos (project_id INTEGER NOT NULL, worktree_id INTEGER NOT NULL, work_directory_id INTEGER NOT NULL, branch TEXT,
  PRIMARY KEY (project_id, worktree_id, work_directory_id),
  FOREIGN KEY (project_id, worktree_id) REFERENCES worktrees (project_id, id),
  FOREIGN KEY (project_id, worktree_id, work_directory_id) REFERENCES entries (project_id, worktree_id, id));`;

// Bookmarks in one tree whose only root is the row with a fixed guid (a browser's places schema).
const BOOKMARKS = `
CREATE TABLE places (id INTEGER PRIMARY KEY, url TEXT NOT NULL);
CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, fk INTEGER DEFAULT NULL, type INTEGER NOT NULL, parent INTEGER, position INTEGER NOT NULL,
  title TEXT, guid TEXT NOT NULL UNIQUE CHECK(length(guid) == 12),
  CHECK((type == 1 AND fk IS NOT NULL) OR (type > 1 AND fk IS NULL))
  CHECK(guid == 'root________' OR parent IS NOT NULL)
  FOREIGN KEY(fk) REFERENCES places(id) ON DELETE RESTRICT
  FOREIGN KEY(parent) REFERENCES bookmarks(id) ON DELETE CASCADE);`;

// Model records kept as JSON text, their searchable fields generated columns read from it, NOT
// NULL and in unique keys (an image-generation app's model registry).
const MODELS = `
CREATE TABLE models (id TEXT NOT NULL PRIMARY KEY,
  name TEXT GENERATED ALWAYS as (json_extract(config, '$.name')) VIRTUAL NOT NULL,
  base TEXT GENERATED ALWAYS as (json_extract(config, '$.base')) VIRTUAL NOT NULL,
  category TEXT GENERATED ALWAYS as (json_extract(config, '$.meta.category')) VIRTUAL NOT NULL,
  path TEXT GENERATED ALWAYS as (json_extract(config, '$.path')) VIRTUAL NOT NULL,
  description TEXT GENERATED ALWAYS as (json_extract(config, '$.description')) VIRTUAL,
  config TEXT NOT NULL, UNIQUE(path));
CREATE UNIQUE INDEX name_base ON models(name, base);`;

describe('SQLite', () => {
  const dir = tempDir();
  after(() => cleanup(dir));

  test('generated NOT NULL and UNIQUE columns read from a JSON text column: each row\'s JSON holds those paths, distinct where unique; every row in', () => {
    // Found on an image-generation app's SQLite database (InvokeAI-style models and
    // workflow_library): both were left out ("NOT NULL constraint failed: models.hash"): the JSON
    // objects made for config lacked the paths the generated columns read.
    const file = join(dir, 'models.db');
    createDb(file, MODELS);
    seedClean(`sqlite:${file}`, '--rows', '300');
    assert.deepEqual(counts(file), { models: 300 });
    valid(`sqlite:${file}`);
    const r = withDb(file, (db) => db.prepare(`SELECT count(DISTINCT path) AS paths, count(DISTINCT name || base) AS names, count(category) AS categories FROM models`).get());
    assert.deepEqual(r, { paths: 300, names: 300, categories: 300 });
    assert.match(cli(['plan', '--explain', '--db', `sqlite:${file}`]).stdout, /config .*holding \$\.name, \$\.base, \$\.meta\.category, \$\.path/);
  });

  test('CHECK (guid = const OR parent IS NOT NULL) with guid UNIQUE: one root holds the constant, every other row has a parent; every row in', () => {
    // Found on Firefox's Rust places schema: 203 of 300 moz_bookmarks rows were left out ("no
    // distinct value left for a unique key"): each tree root took guid 'root________', which one
    // row only can hold, and the other branch (a parent) steered nothing.
    const file = join(dir, 'bookmarks.db');
    createDb(file, BOOKMARKS);
    seedClean(`sqlite:${file}`, '--rows', '300');
    assert.deepEqual(counts(file), { places: 300, bookmarks: 300 });
    valid(`sqlite:${file}`);
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, count(parent) AS parented, sum(guid = 'root________') AS roots FROM bookmarks`).get());
    assert.deepEqual(r, { n: 300, parented: 299, roots: 1 });
    assert.match(cli(['plan', '--explain', '--db', `sqlite:${file}`]).stdout, /guid = 'root________' \(one row at most: a unique column\)\n\s+set: parent/);
  });

  test('a key that is a reference to entries, beside a reference to its worktree over part of it: every row in, one per entry, validate clean', () => {
    // Found on Zed's collaboration server schema: worktree_repositories was left out ("FOREIGN KEY
    // constraint failed: 77 row(s) … have no parent in worktree_entries"): a worktree refilled for
    // a unique key had no entry, and the row kept the entry of the worktree drawn before.
    for (const rows of ['300', '1000']) {
      const file = join(dir, `worktrees-${rows}.db`);
      createDb(file, WORKTREES);
      seedClean(`sqlite:${file}`, '--rows', rows);
      assert.deepEqual(counts(file), { projects: +rows, worktrees: +rows, entries: +rows, repos: +rows });
      valid(`sqlite:${file}`);
    }
  });
});

describe('PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('a CHECK the database judges (now()) on a table with a NOT NULL domain column left to its DEFAULT: every row in, validate clean', async () => {
    // Found on AdventureWorks: HumanResources.Employee (and its two children) were left out ("the
    // database said: domain "Flag" does not allow null values"): the candidate rows were made
    // with json_populate_record over the table's row type, where an unwritten column is NULL.
    await pg.createDatabase('flags_domain', `CREATE DOMAIN "Flag" boolean NOT NULL;
CREATE TABLE staff (id serial PRIMARY KEY, name text NOT NULL, birthdate date NOT NULL, salaried "Flag" NOT NULL DEFAULT (true),
  CONSTRAINT ck_birthdate CHECK (birthdate BETWEEN '1930-01-01' AND now() - interval '18 years'));
CREATE TABLE pay (id serial PRIMARY KEY, staff_id int NOT NULL REFERENCES staff(id), rate numeric NOT NULL CHECK (rate BETWEEN 6.50 AND 200.00));`);
    seedClean(pg.url('flags_domain'), '--rows', '80');
    valid(pg.url('flags_domain'));
    const [r] = await pg.query<{ staff: number; adults: number; pay: number }>('flags_domain', `SELECT (SELECT count(*) FROM staff)::int AS staff,
      (SELECT count(*) FROM staff WHERE birthdate <= now() - interval '18 years')::int AS adults, (SELECT count(*) FROM pay)::int AS pay`);
    assert.deepEqual(r, { staff: 80, adults: 80, pay: 80 });
  });

  test('a trigger that fills a table through a function it calls: that table is filled by the trigger, not seeded; every row in', async () => {
    // Found on a PostGraphile starter app: graphile_worker.jobs (which add_job fills) was seeded
    // too, and organization_invitations and user_emails were left out ("duplicate key value
    // violates unique constraint jobs_pkey").
    await pg.createDatabase('queue', QUEUE);
    const url = pg.url('queue', ['public', 'worker']);
    assert.match(cli(['plan', '--db', url]).stdout, /worker\.jobs: filled by trigger send_invite on invitations, not seeded/);
    seedClean(url, '--rows', '60');
    valid(url);
    const [r] = await pg.query<{ invitations: number; jobs: number; queued: number }>('queue', `SELECT (SELECT count(*) FROM invitations)::int AS invitations,
      (SELECT count(*) FROM worker.jobs)::int AS jobs, (SELECT count(*) FROM worker.jobs WHERE task = 'send_invite')::int AS queued`);
    assert.deepEqual(r, { invitations: 60, jobs: 60, queued: 60 });
  });

  test('a trigger that adds rows through EXECUTE to a table seeded before it: its sequence is past the seeded keys first; every row in', async () => {
    // The same run with the queue seeded first (graphile_worker.jobs in phase 1): the trigger's
    // nextval handed out ids 1, 2, … the run had written; sequences were only advanced at COMMIT.
    await pg.createDatabase('audit', AUDIT);
    seedClean(pg.url('audit'), '--rows', '50');
    valid(pg.url('audit'));
    const [r] = await pg.query<{ members: number; log: number; audited: number }>('audit', `SELECT (SELECT count(*) FROM members)::int AS members,
      (SELECT count(*) FROM audit_log)::int AS log, (SELECT count(*) FROM audit_log WHERE tbl = 'members')::int AS audited`);
    assert.deepEqual(r, { members: 50, log: 100, audited: 50 });
    // The application's next row takes a fresh key.
    await pg.query('audit', `INSERT INTO audit_log (tbl, row_id) VALUES ('x', 1)`);
  });
});
