import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../src/seeders/index.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, Database, tempDir } from './support/sqlite.ts';

// Another program holding a lock on a table Seedbed needs (an open psql transaction, a migration
// half done, an app's write transaction) must not hang Seedbed: PostgreSQL waits for ever by
// default, and Seedbed used to sit there without a word. Now a statement waits at most
// lock_timeout (15 s unless the session sets its own), then one message names the session that
// holds the lock and how to end it, and nothing is written.

const DDL = `
CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE posts (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users(id), title text NOT NULL);`;

let pg: PgServer;
before(async () => {
  pg = await startPostgres();
  for (const db of ['lk_default', 'lk_read', 'lk_write', 'lk_bulk']) await pg.createDatabase(db, DDL);
});
after(async () => {
  await pg?.stop();
});

/** The URL with a lock_timeout of the session's own (libpq's options parameter). */
const withWait = (db: string, wait: string) => `${pg.url(db)}?options=${encodeURIComponent(`-c lock_timeout=${wait}`)}`;

async function rows(db: string): Promise<number> {
  const r = await pg.query<{ n: string }>(db, 'SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM posts) AS n');
  return Number(r[0].n);
}

/** Runs `seed` while another session holds `mode` on posts; returns the CLI's result and that session's pid. */
async function seedWhileLocked(db: string, mode: string, args: string[]) {
  const other = await pg.client(db);
  try {
    await other.query('BEGIN');
    await other.query(mode === 'ACCESS SHARE' ? 'SELECT count(*) FROM posts' : `LOCK TABLE posts IN ${mode} MODE`);
    const pid = Number((await other.query('SELECT pg_backend_pid() AS p')).rows[0].p);
    const started = Date.now();
    const r = cli(['seed', '--db', withWait(db, '1s'), '--yes', ...args]);
    return { ...r, pid, ms: Date.now() - started };
  } finally {
    await other.query('ROLLBACK').catch(() => {});
    await other.end();
  }
}

describe('PostgreSQL: a table locked by another session', () => {
  test('Seedbed\'s sessions wait 15 s for a lock by default, and keep a lock_timeout the URL sets', async () => {
    for (const [url, want] of [[pg.url('lk_default'), '15s'], [withWait('lk_default', '2500ms'), '2500ms']]) {
      const driver = await openDatabase(url);
      try {
        assert.equal((await driver.query!('SHOW lock_timeout'))[0].lock_timeout, want);
      } finally {
        await driver.close();
      }
    }
  });

  const cases = [
    { db: 'lk_read', mode: 'ACCESS EXCLUSIVE', lock: 'AccessExclusiveLock', what: 'while the schema is read', table: /a table Seedbed needs/ },
    { db: 'lk_write', mode: 'EXCLUSIVE', lock: 'ExclusiveLock', what: 'while its rows are written', table: /table "posts"/ },
  ];
  for (const c of cases) {
    test(`${c.mode} held elsewhere, ${c.what}: one message naming the session, nothing written, no hang`, async () => {
      const r = await seedWhileLocked(c.db, c.mode, ['--rows', '50']);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.ok(r.ms < 60_000, `took ${r.ms} ms`);
      assert.match(r.stderr, c.table);
      assert.match(r.stderr, new RegExp(`is locked by another session; Seedbed waited 1s for it \\(lock_timeout\\) and stopped: pid ${r.pid} \\(user postgres, idle in transaction since [\\d-]+ [\\d:]+\\) holds posts \\(${c.lock}\\)\\. Nothing was written\\.`));
      assert.match(r.stderr, new RegExp(`\\nFix: Let that session finish \\(COMMIT or ROLLBACK there\\), or end it: SELECT pg_terminate_backend\\(${r.pid}\\); Then run again\\. To wait longer, set lock_timeout in the URL`));
      assert.equal(r.stderr.split('\n').filter((l) => l.startsWith('seedbed:')).length, 1, r.stderr);
      assert.equal(await rows(c.db), 0);
      // Once the other session is done, the same command runs.
      const again = cli(['seed', '--db', withWait(c.db, '1s'), '--yes', '--rows', '50']);
      assert.equal(again.code, 0, again.stderr);
    });
  }

  test('a session idle in a transaction after a SELECT: a large run does not wait for the keys it would drop, it loads with them in place', async () => {
    // Its AccessShareLock blocks only the optional ALTER TABLEs of the bulk load (briefly tried), not the rows.
    const r = await seedWhileLocked('lk_bulk', 'ACCESS SHARE', ['--rows', '10000']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.ms < 30_000, `took ${r.ms} ms`);
    assert.equal(await rows('lk_bulk'), 20_000);
    const v = cli(['validate', '--db', pg.url('lk_bulk')]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    // The constraints are as they were: nothing was dropped.
    const fks = await pg.query<{ n: string }>('lk_bulk', `SELECT count(*) AS n FROM pg_constraint WHERE contype IN ('f', 'p') AND conrelid IN ('users'::regclass, 'posts'::regclass)`);
    assert.equal(Number(fks[0].n), 3);
  });
});

describe('SQLite: a database another connection is writing', () => {
  const dir = tempDir();
  after(() => cleanup(dir));

  test('an open write transaction elsewhere: one message after SQLite\'s 5 s busy wait, nothing written', () => {
    const file = join(dir, 'locked.db');
    createDb(file, 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);');
    const other = new Database(file);
    try {
      other.exec('BEGIN EXCLUSIVE');
      other.exec(`INSERT INTO users (name) VALUES ('held')`);
      const r = cli(['seed', '--db', `sqlite:${file}`, '--yes', '--rows', '50']);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /another connection holds a lock on it \(a write transaction of an app or of the sqlite3 shell\); Seedbed waited 5 s and stopped\. Nothing was written\./);
      assert.match(r.stderr, /Fix: Let that program finish its transaction \(COMMIT or ROLLBACK\) or close it, then run again\./);
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    const db = new Database(file, { readonly: true });
    try {
      assert.equal((db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n, 0);
    } finally {
      db.close();
    }
  });
});
