import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { suspendIndexes } from '../src/seeders/drivers/sqlite-indexes.ts';
import { cleanup, cli, createDb, Database, tempDir, valid } from './support/sqlite.ts';

// A large SQLite load drops a table's plain indexes and builds them again once it is filled —
// but not while a trigger may read the table: a rate-limit trigger that counts a user's rows by
// an indexed column would scan the whole table for every row written (25,000 rows: 8.3 s
// instead of 0.26 s). The index stays, the trigger keeps its say over every row.

const DDL = `
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
CREATE TABLE events (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), kind TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX events_user ON events (user_id);
CREATE TRIGGER events_rate BEFORE INSERT ON events
WHEN (SELECT count(*) FROM events WHERE user_id = NEW.user_id) >= 1000
BEGIN SELECT RAISE(ABORT, 'too many events for this user'); END;
CREATE TABLE visits (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), at TEXT NOT NULL);
CREATE INDEX visits_user ON visits (user_id);
CREATE TABLE audit (id INTEGER PRIMARY KEY, note TEXT);
CREATE INDEX audit_note ON audit (note);
CREATE TRIGGER users_audit AFTER INSERT ON users BEGIN INSERT INTO audit (note) VALUES ('user ' || NEW.id); END;
`;

const dir = tempDir();
after(() => cleanup(dir));

test('plain indexes of a table a trigger reads stay during a bulk load; the others are suspended', () => {
  const file = join(dir, 'suspend.db');
  createDb(file, DDL);
  const db = new Database(file) as unknown as Parameters<typeof suspendIndexes>[0] & { exec(sql: string): void; close(): void };
  db.exec('BEGIN');
  // A trigger on the table, and a trigger elsewhere that writes it: kept.
  assert.deepEqual(suspendIndexes(db, 'events'), []);
  assert.deepEqual(suspendIndexes(db, 'audit'), []);
  // No trigger reads visits: dropped, with the statement that builds it again.
  assert.deepEqual(suspendIndexes(db, 'visits'), ['CREATE INDEX visits_user ON visits (user_id)']);
  const left = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
  assert.deepEqual(left, ['audit_note', 'events_user']);
  db.exec('ROLLBACK');
  db.close();
});

test('a 12,000-row seed under a rate-limit trigger: every row in, the trigger obeyed, the indexes as they were, validate clean', () => {
  const file = join(dir, 'seed.db');
  createDb(file, DDL);
  const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '12000', '--tables', 'users,events,visits', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  const db = new Database(file) as unknown as { prepare(sql: string): { all(): unknown[]; get(): unknown }; close(): void };
  assert.deepEqual(db.prepare('SELECT (SELECT count(*) FROM events) AS e, (SELECT count(*) FROM visits) AS v').get(), { e: 12000, v: 12000 });
  assert.deepEqual(db.prepare('SELECT user_id FROM events GROUP BY user_id HAVING count(*) > 1000').all(), []);
  assert.deepEqual((db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map((x) => x.name),
    ['audit_note', 'events_user', 'visits_user']);
  db.close();
  valid(`sqlite:${file}`);
});
