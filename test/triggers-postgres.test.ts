import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makePlan, openDatabase, seed } from '../src/seeders/index.ts';
import { runSeed } from '../src/seeders/write/run.ts';
import { orphans, startPostgres, type PgServer } from './support/postgres.ts';
import { cli } from './support/sqlite.ts';

// Triggers on PostgreSQL: an AFTER INSERT trigger that writes a history table and one that keeps
// a counter table (ON CONFLICT), a BEFORE INSERT trigger rejecting rows whose room_id differs from
// their event's (Synapse's check_partial_state_events, verbatim in spirit), a plain diamond
// (payments/orders/customers), and a trigger that rejects everything. COPY fires row triggers.

const FIXTURE = `
CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers(id), placed_at timestamptz);
CREATE TABLE payments (id serial PRIMARY KEY, order_id int NOT NULL REFERENCES orders(id), customer_id int NOT NULL REFERENCES customers(id), amount numeric(10,2));

CREATE TABLE rooms (room_id text PRIMARY KEY, name text);
CREATE TABLE events (event_id text PRIMARY KEY, room_id text NOT NULL REFERENCES rooms(room_id), body text);
CREATE TABLE partial_state_rooms (room_id text PRIMARY KEY REFERENCES rooms(room_id), joined_at timestamptz);
CREATE TABLE partial_state_events (
  room_id text NOT NULL REFERENCES partial_state_rooms(room_id),
  event_id text NOT NULL REFERENCES events(event_id) PRIMARY KEY
);
CREATE FUNCTION check_partial_state_events() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM events WHERE events.event_id = NEW.event_id AND events.room_id != NEW.room_id) THEN
    RAISE EXCEPTION 'Incorrect room_id in partial_state_events';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER check_partial_state_events BEFORE INSERT OR UPDATE ON partial_state_events
  FOR EACH ROW EXECUTE PROCEDURE check_partial_state_events();

CREATE TABLE event_history (id bigserial PRIMARY KEY, event_id text REFERENCES events(event_id), action text NOT NULL, at timestamptz NOT NULL DEFAULT now());
CREATE TABLE room_counts (room_id text PRIMARY KEY REFERENCES rooms(room_id), events int NOT NULL);
CREATE FUNCTION events_written() RETURNS trigger AS $$
BEGIN
  INSERT INTO event_history (event_id, action) VALUES (NEW.event_id, 'insert');
  INSERT INTO public.room_counts AS c (room_id, events) VALUES (NEW.room_id, 1)
    ON CONFLICT (room_id) DO UPDATE SET events = c.events + 1;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER events_written AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_written();
`;

const LOCKED = `
CREATE TABLE notes (id serial PRIMARY KEY, body text);
CREATE TABLE ledger_entries (id serial PRIMARY KEY, amount int);
CREATE FUNCTION ledger_is_closed() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'the ledger is closed: % rejected', NEW.id; END; $$ LANGUAGE plpgsql;
CREATE TRIGGER no_new_entries BEFORE INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_is_closed();
`;

let pg: PgServer;
before(async () => {
  pg = await startPostgres();
  await pg.createDatabase('trg', FIXTURE);
  await pg.createDatabase('trgbig', FIXTURE);
  await pg.createDatabase('trgbig2', FIXTURE);
  await pg.createDatabase('locked', LOCKED);
});
after(async () => { await pg?.stop(); });

const n = async (db: string, sql: string) => Number((await pg.query<{ n: string }>(db, sql))[0].n);

describe('triggers on PostgreSQL', () => {
  test('plan: tables the triggers fill are not seeded; linked columns say why', () => {
    const r = cli(['plan', '--db', pg.url('trg'), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout);
    const t = (name: string) => plan.tables.find((x: { name: string }) => x.name === name);
    assert.equal(t('event_history').count, 0);
    assert.equal(t('event_history').filledBy, 'trigger events_written on events');
    assert.equal(t('room_counts').filledBy, 'trigger events_written on events');
    assert.match(t('payments').columns.customer_id, /same as orders\.customer_id of order_id/);
    assert.match(t('partial_state_events').columns.room_id, /same as events\.room_id of event_id \(trigger check_partial_state_events\)/);
  });

  test('seed: every table filled, diamonds and the trigger-checked room_id consistent, validate clean', async () => {
    const r = cli(['seed', '--db', pg.url('trg'), '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /event_history: 50 rows from trigger events_written on events/);
    for (const t of ['customers', 'orders', 'payments', 'rooms', 'events', 'partial_state_rooms', 'partial_state_events', 'event_history', 'room_counts']) {
      assert.ok(await n('trg', `SELECT count(*) AS n FROM ${t}`) > 0, `${t} has rows`);
    }
    assert.equal(await n('trg', 'SELECT count(*) AS n FROM event_history'), 50, 'one history row per event');
    assert.equal(await n('trg', 'SELECT sum(events) AS n FROM room_counts'), 50, 'the counter counts every event');
    assert.equal(await n('trg', 'SELECT count(*) AS n FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.customer_id <> o.customer_id'), 0, 'a payment is by the customer of its order');
    assert.equal(await n('trg', 'SELECT count(*) AS n FROM partial_state_events p JOIN events e USING (event_id) WHERE p.room_id <> e.room_id'), 0);
    assert.deepEqual((await orphans(pg, 'trg')).filter((o) => o.n), []);
    const v = cli(['validate', '--db', pg.url('trg')]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const s = cli(['status', '--db', pg.url('trg')]);
    assert.match(s.stdout, /event_history\s+50 \/ 50\s+full \(filled by trigger events_written on events\)/);
    assert.match(s.stdout, /tables with data: 9\/9 \(100 %\)/);
  });

  // Both ways a large run makes its rows: on the engine's thread beside the server (the default
  // below 500,000 rows) and in a generating worker (larger runs).
  for (const [db, inWorker] of [['trgbig', false], ['trgbig2', true]] as const) {
    test(`few rooms, many events (${inWorker ? 'generated in a worker' : 'generated beside the server'}, COPY with FKs checked once per table): 0 rejections`, async () => {
      const driver = await openDatabase(pg.url(db));
      try {
        const options = { seed: 1, counts: { rooms: 40, partial_state_rooms: 8, events: 12000, partial_state_events: 1500, payments: 6000, orders: 3000 }, rows: 100 };
        const result = inWorker ? await runSeed(driver, (await makePlan(driver, options)).plan, { seed: 1, worker: true }) : (await seed(driver, options)).result;
        assert.equal(result.worker, inWorker);
        assert.equal(result.perTable.partial_state_events, 1500);
        assert.equal(result.filled?.event_history, 12000);
      } finally {
        await driver.close();
      }
      // Only events of the 8 partially-joined rooms could be referenced, and only those were.
      assert.equal(await n(db, 'SELECT count(*) AS n FROM partial_state_events p JOIN events e USING (event_id) WHERE p.room_id <> e.room_id'), 0);
      assert.equal(await n(db, 'SELECT count(*) AS n FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.customer_id <> o.customer_id'), 0);
      assert.equal(await n(db, 'SELECT sum(events) AS n FROM room_counts'), 12000);
      const v = cli(['validate', '--db', pg.url(db)]);
      assert.equal(v.code, 0, v.stdout + v.stderr);
    });
  }

  test('a trigger that rejects every row: named in the warning (table left out) and in the --strict failure', async () => {
    const strict = cli(['seed', '--db', pg.url('locked'), '--yes', '--strict']);
    assert.notEqual(strict.code, 0);
    assert.match(strict.stderr, /Cannot fill table ledger_entries \(trigger "no_new_entries" rejected its rows: the ledger is closed: \d+ rejected\); --strict allows no table to be left out\. Nothing was written/);
    assert.equal(await n('locked', 'SELECT count(*) AS n FROM notes'), 0);
    const r = cli(['seed', '--db', pg.url('locked'), '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /warning: ledger_entries: cannot fill: trigger "no_new_entries" rejected its rows: the ledger is closed: \d+ rejected; left out/);
    assert.equal(await n('locked', 'SELECT count(*) AS n FROM notes'), 50);
  });
});
