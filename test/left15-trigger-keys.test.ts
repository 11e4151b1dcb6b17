import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makePlan, openDatabase } from '../src/seeders/index.ts';
import { runSeed } from '../src/seeders/write/run.ts';
import { dataDump, startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, Database, integrity, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// Rows an insert trigger makes with keys the database hands out (`INSERT INTO profiles (user_id)
// VALUES (NEW.id)`, profiles.id from a sequence or rowid; an audit row per post): a dry run or an
// export writes nothing, so it cannot read them back. Where the keys follow from the table's
// sequence (one row per source row, in insert order), they are told beforehand: the dry run's
// rows and the export's files equal what a real seed writes, the tables under them included.
// Where they cannot be (a random text key), those tables are left out, named, with the reason.

const SQLITE = `
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, status TEXT NOT NULL CHECK (status IN ('active','invited')));
CREATE TABLE profiles (id INTEGER PRIMARY KEY AUTOINCREMENT, user_id INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE, bio TEXT);
CREATE TRIGGER users_profile AFTER INSERT ON users BEGIN INSERT INTO profiles (user_id) VALUES (NEW.id); END;
CREATE TABLE posts (id INTEGER PRIMARY KEY, profile_id INTEGER NOT NULL REFERENCES profiles(id), title TEXT NOT NULL);
CREATE TABLE audit_log (id INTEGER PRIMARY KEY, post_id INTEGER NOT NULL REFERENCES posts(id), action TEXT NOT NULL);
CREATE TRIGGER posts_audit AFTER INSERT ON posts BEGIN INSERT INTO audit_log (post_id, action) VALUES (NEW.id, 'insert'); END;
CREATE TABLE audit_notes (id INTEGER PRIMARY KEY, log_id INTEGER NOT NULL REFERENCES audit_log(id), post_id INTEGER NOT NULL REFERENCES posts(id), note TEXT NOT NULL);`;
const SQLITE_TOKENS = `
CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE team_tokens (token TEXT PRIMARY KEY DEFAULT (lower(hex(randomblob(16)))), team_id INTEGER NOT NULL REFERENCES teams(id));
CREATE TRIGGER teams_token AFTER INSERT ON teams BEGIN INSERT INTO team_tokens (team_id) VALUES (NEW.id); END;
CREATE TABLE token_uses (id INTEGER PRIMARY KEY, token TEXT NOT NULL REFERENCES team_tokens(token), used_at TEXT NOT NULL);`;
// Rows already there: profile 3 deleted, so AUTOINCREMENT hands out 4 next (max(id) is 2).
const SQLITE_ROWS = `
PRAGMA foreign_keys = ON;
INSERT INTO users (id, email, status) VALUES (1, 'a@x.org', 'active'), (2, 'b@x.org', 'invited'), (3, 'c@x.org', 'active');
DELETE FROM users WHERE id = 3;
INSERT INTO posts (profile_id, title) VALUES (2, 'old');`;

/** A dry run's rows per table, as the engine would write them. */
async function dryRows(url: string, rows: number): Promise<Map<string, { columns: string[]; rows: unknown[][] }>> {
  const db = await openDatabase(url);
  const out = new Map<string, { columns: string[]; rows: unknown[][] }>();
  try {
    const { plan } = await makePlan(db, { rows, dryRun: true });
    await runSeed(db, plan, { seed: 1, dryRun: true, worker: false, onDryRows: (t, columns, batch) => {
      const e = out.get(t) ?? { columns, rows: [] };
      // Integers as numbers, whatever form a driver read them in (PostgreSQL's int8 as text).
      e.rows.push(...batch.map((r) => r.map((v) => (typeof v === 'bigint' || (typeof v === 'string' && /^\d+$/.test(v)) ? Number(v) : v))));
      out.set(t, e);
    } });
  } finally {
    await db.close();
  }
  return out;
}

describe('left15: rows a trigger makes with keys of the database, in dry runs and exports (SQLite)', () => {
  const dir = tempDir();
  after(() => cleanup(dir));

  test('a dry run writes the rows a real seed writes, the tables under trigger-made rows included', async () => {
    const dry = join(dir, 'dry.db');
    const real = join(dir, 'real.db');
    for (const f of [dry, real]) createDb(f, SQLITE + SQLITE_ROWS);
    const r = cli(['seed', '--db', `sqlite:${dry}`, '--rows', '6', '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), []);
    assert.equal(r.stdout, `Dry run, nothing was written: seed would add 18 rows to 3 tables.
  users: 6
  posts: 6
  audit_notes: 6
  audit_log: 6 from trigger posts_audit on posts
  profiles: 6 from trigger users_profile on users
`);
    const told = await dryRows(`sqlite:${dry}`, 6);
    const s = cli(['seed', '--db', `sqlite:${real}`, '--rows', '6', '--yes']);
    assert.equal(s.code, 0, s.stderr);
    assert.deepEqual(warnings(s.stderr), []);
    valid(`sqlite:${real}`);
    assert.deepEqual(integrity(real).fk, []);
    for (const t of ['users', 'posts', 'audit_notes']) {
      const { columns, rows } = told.get(t)!;
      const written = withDb(real, (db) => db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${t}" ORDER BY rowid`).raw(true).all()) as unknown[][];
      // The rows there before the run first: the run's follow, the same as the dry run's.
      assert.deepEqual(written.slice(written.length - rows.length), rows, t);
    }
    // The new posts point at the profiles the trigger made for the new users (ids 4…9), not only at the old ones.
    const ids = new Set(told.get('posts')!.rows.map((row) => row[told.get('posts')!.columns.indexOf('profile_id')]));
    assert.ok([...ids].some((id) => (id as number) >= 4), `posts point at ${[...ids]}`);
  });

  test('an export loads into a fresh database as the same rows a seed there writes', () => {
    const source = join(dir, 'source.db');
    const loaded = join(dir, 'loaded.db');
    const seeded = join(dir, 'seeded.db');
    for (const f of [source, loaded, seeded]) createDb(f, SQLITE);
    const out = join(dir, 'out');
    const e = cli(['seed', '--db', `sqlite:${source}`, '--rows', '5', '--out', out, '--format', 'sql']);
    assert.equal(e.code, 0, e.stderr);
    assert.deepEqual(warnings(e.stderr), []);
    const db = new Database(loaded);
    try { db.exec(readFileSync(join(out, 'seed.sql'), 'utf8')); } finally { db.close(); }
    const s = cli(['seed', '--db', `sqlite:${seeded}`, '--rows', '5', '--yes']);
    assert.equal(s.code, 0, s.stderr);
    const all = (f: string) => withDb(f, (db) => Object.fromEntries(['users', 'profiles', 'posts', 'audit_log', 'audit_notes'].map((t) => [t, db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw(true).all()])));
    const a = all(loaded);
    assert.deepEqual(a, all(seeded));
    for (const [t, rows] of Object.entries(a)) assert.equal((rows as unknown[]).length, 5, t);
    assert.deepEqual(integrity(loaded).fk, []);
  });

  test('keys no sequence gives (a random text DEFAULT): the tables under them are left out of a dry run, named, and filled by a real seed', () => {
    const file = join(dir, 'tokens.db');
    createDb(file, SQLITE_TOKENS);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '3', '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), ['warning: token_uses: cannot fill: its required parent team_tokens gets its rows from trigger teams_token on teams with keys the database makes as it writes them (its key token is DEFAULT lower(hex(randomblob(16))), not a sequence\'s next numbers): a dry run or an export writes nothing, so they cannot be known; left out']);
    assert.equal(r.stdout, 'Dry run, nothing was written: seed would add 3 rows to 1 table.\n  teams: 3\n');
    const s = cli(['seed', '--db', `sqlite:${file}`, '--rows', '3', '--yes']);
    assert.equal(s.code, 0, s.stderr);
    assert.deepEqual(warnings(s.stderr), []);
    assert.deepEqual(withDb(file, (db) => db.prepare('SELECT (SELECT count(*) FROM teams) AS teams, (SELECT count(*) FROM team_tokens) AS tokens, (SELECT count(*) FROM token_uses) AS uses').get()), { teams: 3, tokens: 3, uses: 3 });
    valid(`sqlite:${file}`);
  });
});

const PG = `
CREATE TABLE users (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE, created_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE profiles (id serial PRIMARY KEY, user_id bigint NOT NULL UNIQUE REFERENCES users ON DELETE CASCADE, bio text);
CREATE TABLE posts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, profile_id int NOT NULL REFERENCES profiles, title text NOT NULL);
CREATE TABLE audit_log (id int GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 5) PRIMARY KEY, post_id bigint NOT NULL REFERENCES posts, action text NOT NULL);
CREATE TABLE audit_notes (id serial PRIMARY KEY, log_id int NOT NULL REFERENCES audit_log, note text NOT NULL);
CREATE FUNCTION make_profile() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO profiles (user_id) VALUES (NEW.id);
  RETURN NEW;
END $$;
CREATE TRIGGER users_profile AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION make_profile();
CREATE FUNCTION audit_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO audit_log (post_id, action) VALUES (NEW.id, 'insert');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER posts_audit AFTER INSERT ON posts FOR EACH ROW EXECUTE FUNCTION audit_post();
CREATE TABLE teams (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE team_tokens (token uuid PRIMARY KEY DEFAULT gen_random_uuid(), team_id int NOT NULL REFERENCES teams);
CREATE FUNCTION make_token() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO team_tokens (team_id) VALUES (NEW.id); RETURN NEW; END $$;
CREATE TRIGGER teams_token AFTER INSERT ON teams FOR EACH ROW EXECUTE FUNCTION make_token();
CREATE TABLE token_uses (id serial PRIMARY KEY, token uuid NOT NULL REFERENCES team_tokens, used_at timestamptz NOT NULL);`;
// Rows already there, and the profiles' sequence moved past them (a deleted user's profile took 3).
const PG_ROWS = `
INSERT INTO users (email) VALUES ('a@x.org'), ('b@x.org'), ('c@x.org');
DELETE FROM users WHERE email = 'c@x.org';
SELECT setval(pg_get_serial_sequence('profiles', 'id'), 40);`;

describe('left15: rows a trigger makes with keys of the database, in dry runs and exports (PostgreSQL)', () => {
  let pg: PgServer;
  const dir = tempDir();
  before(async () => {
    pg = await startPostgres();
    await pg.createDatabase('dry', PG + PG_ROWS);
    await pg.createDatabase('real', PG + PG_ROWS);
    await pg.createDatabase('source', PG);
    await pg.createDatabase('loaded', PG);
    await pg.createDatabase('seeded', PG);
  });
  after(async () => { await pg?.stop(); cleanup(dir); });

  test('a dry run writes the rows a real seed writes: keys from the sequences where they stand', async () => {
    const r = cli(['seed', '--db', pg.url('dry'), '--rows', '5', '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), ['warning: token_uses: cannot fill: its required parent team_tokens gets its rows from trigger teams_token on teams with keys the database makes as it writes them (its key token is DEFAULT gen_random_uuid(), not a sequence\'s next numbers): a dry run or an export writes nothing, so they cannot be known; left out']);
    assert.match(r.stdout, /^ {2}profiles: 5 from trigger users_profile on users$/m);
    assert.match(r.stdout, /^ {2}audit_log: 5 from trigger posts_audit on posts$/m);
    assert.match(r.stdout, /^ {2}audit_notes: 5$/m);
    const told = await dryRows(pg.url('dry'), 5);
    const s = cli(['seed', '--db', pg.url('real'), '--rows', '5', '--yes']);
    assert.equal(s.code, 0, s.stderr);
    assert.deepEqual(warnings(s.stderr), []);
    valid(pg.url('real'));
    for (const t of ['posts', 'audit_notes']) {
      const { columns, rows } = told.get(t)!;
      const written = (await pg.query<Record<string, unknown>>('real', `SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM "${t}" ORDER BY id`)).map((x) => columns.map((c) => (typeof x[c] === 'string' && /^\d+$/.test(x[c] as string) ? Number(x[c]) : x[c])));
      assert.deepEqual(written.slice(written.length - rows.length), rows, t);
    }
    // Profiles of the new users are 41…45 (the sequence stood at 40); audit rows 10, 15, … by 5.
    const profileIds = told.get('posts')!.rows.map((row) => row[told.get('posts')!.columns.indexOf('profile_id')] as number);
    assert.ok(profileIds.some((id) => id > 40), `posts point at ${profileIds}`);
    const logIds = told.get('audit_notes')!.rows.map((row) => row[told.get('audit_notes')!.columns.indexOf('log_id')] as number);
    assert.ok(logIds.every((id) => id >= 10 && id % 5 === 0), `notes point at ${logIds}`);
  });

  test('a sequence set back among the keys it had: a real run still points at every row the trigger made; a dry run says why it cannot tell them', async () => {
    // Profiles 1 and 50 there, the sequence at 2: the trigger hands out 3, 4, … (none past 50).
    await pg.createDatabase('gaps', `${PG}
      INSERT INTO users (email) VALUES ('a@x.org'), ('b@x.org');
      UPDATE profiles SET id = 50 WHERE id = 2;
      SELECT setval(pg_get_serial_sequence('profiles', 'id'), 2);`);
    const url = pg.url('gaps');
    const dry = cli(['seed', '--db', url, '--rows', '5', '--dry-run', '--tables', 'users,profiles,posts']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(warnings(dry.stderr), ['warning: profiles: its sequence hands out 3 next, but id 50 exists; the rows its trigger makes cannot be told before they are written, so the tables under it point only at rows it already has']);
    const r = cli(['seed', '--db', url, '--rows', '40', '--yes', '--tables', 'users,profiles,posts']);
    assert.equal(r.code, 0, r.stderr);
    valid(url);
    const [c] = await pg.query<Record<string, number>>('gaps', 'SELECT (SELECT count(*) FROM posts WHERE profile_id NOT IN (1, 50))::int AS new_parents, (SELECT count(*) FROM profiles)::int AS profiles');
    assert.equal(c.profiles, 42);
    assert.ok(c.new_parents > 0, 'the posts point at the profiles made in the run too');
  });

  test('an export (sql) loads into a fresh database as the same rows a seed there writes', async () => {
    const out = join(dir, 'out');
    const e = cli(['seed', '--db', pg.url('source'), '--rows', '4', '--out', out, '--format', 'sql', '--tables', 'users,posts,audit_notes']);
    assert.equal(e.code, 0, e.stderr);
    assert.deepEqual(warnings(e.stderr), []);
    assert.deepEqual(readdirSync(out), ['seed.sql']);
    await pg.query('loaded', readFileSync(join(out, 'seed.sql'), 'utf8'));
    const s = cli(['seed', '--db', pg.url('seeded'), '--rows', '4', '--yes', '--tables', 'users,posts,audit_notes']);
    assert.equal(s.code, 0, s.stderr);
    const dump = (db: string) => dataDump(pg, db).then((d) => d.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[.\d]*\+00/g, 'T'));
    const loaded = await dump('loaded');
    assert.equal(loaded, await dump('seeded'));
    assert.match(loaded, /-- audit_notes\n(?:.+\n){3}.+\n--/);
    valid(pg.url('loaded'));
  });
});
