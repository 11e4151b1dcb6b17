import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanup, cli, createDb, tempDir, valid, withDb } from './support/sqlite.ts';

// Job-queue tables (Oban-like): an attempt count tied by a CHECK to its limit gets usual limits
// (was: `attempt` drawn as any integer, so `attempt <= max_attempts` pushed max_attempts up to
// 556), and the queue's states tell the story of their dates: a job 'retryable' or 'discarded'
// has failed (failed_at set), one 'completed' has not, one 'available' has neither (was: an
// 'available' job with completed_at and failed_at both set).

const DDL = `
CREATE TABLE oban_jobs (id INTEGER PRIMARY KEY,
  state TEXT NOT NULL DEFAULT 'available' CHECK (state IN ('available', 'scheduled', 'executing', 'retryable', 'completed', 'discarded', 'cancelled')),
  queue TEXT NOT NULL DEFAULT 'default', worker TEXT NOT NULL, args TEXT NOT NULL DEFAULT '{}',
  attempt INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL DEFAULT 20,
  inserted_at TEXT NOT NULL, scheduled_at TEXT NOT NULL, attempted_at TEXT, completed_at TEXT, failed_at TEXT, discarded_at TEXT, cancelled_at TEXT,
  CHECK (attempt >= 0 AND attempt <= max_attempts), CHECK (max_attempts > 0));
CREATE TABLE deliveries (id INTEGER PRIMARY KEY, job_id INTEGER NOT NULL REFERENCES oban_jobs (id), retry INTEGER NOT NULL, max_retries INTEGER NOT NULL, CHECK (retry <= max_retries));`;

const dir = tempDir();
after(() => cleanup(dir));

test('left14: attempts and their limits are small and usual; states and dates agree; validate finds nothing', () => {
  const file = join(dir, 'jobs.db');
  createDb(file, DDL);
  const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '400', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  valid(`sqlite:${file}`);
  withDb(file, (db) => {
    const limits = db.prepare('SELECT DISTINCT max_attempts AS v FROM oban_jobs UNION SELECT DISTINCT max_retries FROM deliveries ORDER BY v').all().map((x) => (x as { v: number }).v);
    // The usual settings; a row whose attempts passed its drawn limit is repaired to meet the CHECK (4).
    assert.deepEqual(limits.filter((v) => v < 1 || v > 25), []);
    assert.ok([3, 5, 10, 20, 25].every((v) => limits.includes(v)), String(limits));
    const most = db.prepare('SELECT max(attempt) AS a, (SELECT max(retry) FROM deliveries) AS r FROM oban_jobs').get() as { a: number; r: number };
    assert.ok(most.a <= 5 && most.r <= 5, JSON.stringify(most));
    const by = db.prepare(`SELECT state, count(*) AS n, sum(completed_at IS NOT NULL) AS completed, sum(failed_at IS NOT NULL) AS failed,
      sum(discarded_at IS NOT NULL) AS discarded, sum(cancelled_at IS NOT NULL) AS cancelled FROM oban_jobs GROUP BY state`).all() as { state: string; n: number; completed: number; failed: number; discarded: number; cancelled: number }[];
    assert.equal(by.length, 7);
    for (const s of by) {
      assert.equal(s.completed, s.state === 'completed' ? s.n : 0, s.state);
      assert.equal(s.failed, ['retryable', 'discarded'].includes(s.state) ? s.n : 0, s.state);
      assert.equal(s.discarded, s.state === 'discarded' ? s.n : 0, s.state);
      assert.equal(s.cancelled, s.state === 'cancelled' ? s.n : 0, s.state);
    }
  });
});
