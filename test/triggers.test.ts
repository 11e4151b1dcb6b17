import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openDatabase, seed, status } from '../src/seeders/index.ts';
import { coverageDescription } from '../src/views/format.ts';
import { cleanup, cli, counts, createDb, dump, integrity, tempDir, withDb } from './support/sqlite.ts';

// Triggers on SQLite: AFTER INSERT triggers that write a history table and a counter table (not
// seeded; they get their rows from the triggers), BEFORE INSERT triggers that reject a row whose
// room_id differs from its event's (two spellings: a WHEN sub-query, a RAISE … WHERE), a plain
// diamond without a trigger (payments/orders/customers) and a trigger that rejects everything.

const dir = tempDir('seedbed-triggers-');
after(() => cleanup(dir));

const FIXTURE = `
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), placed_at TEXT);
CREATE TABLE payments (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id), amount NUMERIC);

CREATE TABLE rooms (room_id TEXT PRIMARY KEY, name TEXT);
CREATE TABLE events (event_id TEXT PRIMARY KEY, room_id TEXT NOT NULL REFERENCES rooms(room_id), body TEXT);
CREATE TABLE receipts (id INTEGER PRIMARY KEY, room_id TEXT NOT NULL REFERENCES rooms(room_id),
  event_id TEXT NOT NULL REFERENCES events(event_id), user_name TEXT);
CREATE TRIGGER receipts_room_check BEFORE INSERT ON receipts
  WHEN (SELECT room_id FROM events WHERE event_id = NEW.event_id) <> NEW.room_id
BEGIN SELECT RAISE(ABORT, 'receipt room_id must match its event''s room_id'); END;
CREATE TABLE joined_rooms (room_id TEXT PRIMARY KEY REFERENCES rooms(room_id), since TEXT);
CREATE TABLE joined_events (event_id TEXT PRIMARY KEY REFERENCES events(event_id),
  room_id TEXT NOT NULL REFERENCES joined_rooms(room_id));
CREATE TRIGGER "joined events: same room" BEFORE INSERT ON joined_events BEGIN
  SELECT RAISE(FAIL, 'joined_events.room_id differs from the event''s')
  WHERE NEW.room_id IS NOT (SELECT e.room_id FROM events AS e WHERE e.event_id = NEW.event_id);
END;

CREATE TABLE event_history (id INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT REFERENCES events(event_id),
  action TEXT NOT NULL, at TEXT DEFAULT CURRENT_TIMESTAMP);
CREATE TRIGGER events_history AFTER INSERT ON events
BEGIN INSERT INTO event_history (event_id, action) VALUES (NEW.event_id, 'insert'); END;
CREATE TABLE room_counts (room_id TEXT PRIMARY KEY REFERENCES rooms(room_id), events INTEGER NOT NULL DEFAULT 0);
CREATE TRIGGER events_count AFTER INSERT ON events BEGIN
  INSERT OR IGNORE INTO room_counts (room_id, events) VALUES (NEW.room_id, 0);
  UPDATE room_counts SET events = events + 1 WHERE room_id = NEW.room_id;
END;
`;

const file = (name: string) => {
  const f = join(dir, `${name}.db`);
  createDb(f, FIXTURE);
  return f;
};
const one = (f: string, sql: string) => withDb(f, (db) => Object.values(db.prepare(sql).get() as object)[0] as number);

function assertConsistent(f: string): void {
  assert.equal(one(f, 'SELECT count(*) FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.customer_id <> o.customer_id'), 0, 'a payment is by the customer of its order');
  assert.equal(one(f, 'SELECT count(*) FROM receipts r JOIN events e USING (event_id) WHERE r.room_id <> e.room_id'), 0);
  assert.equal(one(f, 'SELECT count(*) FROM joined_events j JOIN events e USING (event_id) WHERE j.room_id <> e.room_id'), 0);
  assert.equal(one(f, 'SELECT count(*) FROM event_history'), one(f, 'SELECT count(*) FROM events'), 'one history row per event');
  assert.equal(one(f, 'SELECT sum(events) FROM room_counts'), one(f, 'SELECT count(*) FROM events'), 'the counter counts every event');
  const { fk, integrity: ok } = integrity(f);
  assert.deepEqual(fk, []);
  assert.deepEqual(ok, ['ok']);
  const v = cli(['validate', '--db', `sqlite:${f}`]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
}

describe('triggers on SQLite', () => {
  test('plan: trigger-filled tables are not seeded; linked columns name their source', () => {
    const f = file('plan');
    const r = cli(['plan', '--db', `sqlite:${f}`, '--columns']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /event_history: filled by trigger events_history on events, not seeded/);
    assert.match(r.stdout, /room_counts: filled by trigger events_count on events, not seeded/);
    assert.match(r.stdout, /customer_id: → customers\.id, same as orders\.customer_id of order_id/);
    assert.match(r.stdout, /room_id: → rooms\.room_id, same as events\.room_id of event_id \(trigger receipts_room_check\)/);
    assert.match(r.stdout, /room_id: → joined_rooms\.room_id, same as events\.room_id of event_id \(trigger joined events: same room\)/);
    const sc = cli(['schema', '--db', `sqlite:${f}`]);
    assert.match(sc.stdout, /^trigger events_history on events \(after insert\): inserts into event_history$/m);
    assert.match(sc.stdout, /^trigger receipts_room_check on receipts \(before insert\): can reject rows; room_id = events\.room_id of event_id$/m);
  });

  test('seed: every table filled, 0 rejections, consistent across tables; status counts the trigger tables', async () => {
    const f = file('seed');
    const r = cli(['seed', '--db', `sqlite:${f}`, '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /event_history: 50 rows from trigger events_history on events/);
    const c = counts(f);
    for (const [t, n] of Object.entries(c)) assert.ok(n > 0, `${t} has rows`);
    assertConsistent(f);
    const s = cli(['status', '--db', `sqlite:${f}`]);
    assert.match(s.stdout, /event_history\s+50 \/ 50\s+full \(filled by trigger events_history on events\)/);
    assert.match(s.stdout, /room_counts\s+\d+ \/ \d+\s+full \(filled by trigger events_count on events\)/);
    assert.match(s.stdout, /tables with data: 10\/10 \(100 %\)/);
    // The extension's tree says the same.
    const driver = await openDatabase(`sqlite:${f}`);
    try {
      const history = (await status(driver)).tables.find((t) => t.table === 'event_history')!;
      assert.equal(coverageDescription(history), '50 rows · filled by trigger events_history on events');
    } finally {
      await driver.close();
    }
    const cov = cli(['coverage', '--db', `sqlite:${f}`]);
    assert.equal(cov.code, 0, cov.stderr);
    assert.match(cov.stdout, /event_history {2}50\/50 full \(filled by trigger events_history on events\)/);
    // Undo takes the trigger's rows with an integer key too, so the run's events can go (rooms
    // stay: room_counts' rows, keyed by room, still point at them).
    const u = cli(['undo', '--db', `sqlite:${f}`, '--yes']);
    assert.equal(u.code, 0, u.stderr);
    assert.deepEqual(Object.entries(counts(f)).filter(([t, n]) => n > 0 && t !== 'room_counts' && t !== 'rooms'), []);
  });

  test('many rows through the writing thread (per-row checks kept): 0 rejections, same seed → same bytes', async () => {
    const a = file('big-a');
    const b = file('big-b');
    for (const f of [a, b]) {
      const driver = await openDatabase(`sqlite:${f}`);
      try {
        const { result } = await seed(driver, { counts: { rooms: 30, joined_rooms: 6, events: 12000, joined_events: 1500, orders: 4000, payments: 9000, receipts: 6000 }, rows: 100 });
        assert.equal(result.perTable.joined_events, 1500);
        assert.equal(result.filled?.event_history, 12000);
        assert.ok(result.worker, 'a run this size writes from its own thread');
      } finally {
        await driver.close();
      }
    }
    assertConsistent(a);
    // The history's DEFAULT CURRENT_TIMESTAMP is the database's clock, not Seedbed's data.
    const stable = (f: string) => dump(f).replace(/,"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"\]/g, ',"<now>"]');
    assert.equal(stable(a), stable(b));
  });

  test('a trigger that rejects every row: named in the warning (table left out) and in the --strict failure', () => {
    const f = join(dir, 'locked.db');
    createDb(f, `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
      CREATE TABLE ledger_entries (id INTEGER PRIMARY KEY, amount INTEGER);
      CREATE TRIGGER no_new_entries BEFORE INSERT ON ledger_entries BEGIN SELECT RAISE(ABORT, 'the ledger is closed'); END;`);
    const copy = join(dir, 'locked-copy.db');
    copyFileSync(f, copy);
    for (const rows of ['20', '30000']) {
      const strict = cli(['seed', '--db', `sqlite:${f}`, '--yes', '--strict', '--rows', rows]);
      assert.notEqual(strict.code, 0);
      assert.match(strict.stderr, /Cannot fill table ledger_entries \(trigger "no_new_entries" rejected its rows: the ledger is closed\); --strict allows no table to be left out\. Nothing was written/);
      assert.equal(dump(f), dump(copy));
    }
    const r = cli(['seed', '--db', `sqlite:${f}`, '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: ledger_entries: cannot fill: trigger "no_new_entries" rejected its rows: the ledger is closed; left out/);
    assert.deepEqual(counts(f), { ledger_entries: 0, notes: 50 });
  });

  test('a required parent that a trigger fills a row per row of (its key of SQLite\'s making): its rows are read back, its child seeded in the same run', () => {
    const f = join(dir, 'audit.db');
    createDb(f, `CREATE TABLE events (id INTEGER PRIMARY KEY, body TEXT);
      CREATE TABLE audit (id INTEGER PRIMARY KEY, event_id INTEGER REFERENCES events(id), what TEXT);
      CREATE TRIGGER ev_audit AFTER INSERT ON events BEGIN INSERT INTO audit (event_id, what) VALUES (NEW.id, 'insert'); END;
      CREATE TABLE audit_reviews (id INTEGER PRIMARY KEY, audit_id INTEGER NOT NULL REFERENCES audit(id), note TEXT);`);
    const p = cli(['plan', '--db', `sqlite:${f}`]);
    assert.match(p.stdout, /^ {2}audit_reviews: 50 rows$/m);
    assert.equal(cli(['seed', '--db', `sqlite:${f}`, '--yes']).code, 0);
    assert.deepEqual(counts(f), { audit: 50, audit_reviews: 50, events: 50 });
    assert.equal(cli(['validate', '--db', `sqlite:${f}`]).code, 0);
  });
});
