import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, integrity, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// An insert trigger that fires only WHEN a condition on the new row holds (`AFTER INSERT ON
// orders WHEN NEW.status = 'shipped' … INSERT INTO shipments (order_id) VALUES (NEW.id)`): the
// table under shipments got no rows until a second seed ('only as the run writes'). Its rows are
// now read back once the orders are written, so the tables under it are filled in the same run;
// a dry run, which cannot know which orders get one, leaves them out and says why.

const SQLITE = `
CREATE TABLE orders (id INTEGER PRIMARY KEY, status TEXT NOT NULL CHECK (status IN ('new', 'shipped', 'cancelled')), total INTEGER NOT NULL);
CREATE TABLE shipments (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id), carrier TEXT);
CREATE TRIGGER orders_ship AFTER INSERT ON orders WHEN NEW.status = 'shipped' BEGIN INSERT INTO shipments (order_id) VALUES (NEW.id); END;
CREATE TABLE shipment_events (id INTEGER PRIMARY KEY, shipment_id INTEGER NOT NULL REFERENCES shipments(id), note TEXT NOT NULL);`;

const PG = `
CREATE TABLE orders (id serial PRIMARY KEY, status text NOT NULL CHECK (status IN ('new', 'shipped', 'cancelled')), total int NOT NULL);
CREATE TABLE shipments (id serial PRIMARY KEY, order_id int NOT NULL REFERENCES orders, carrier text);
CREATE FUNCTION ship() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO shipments (order_id) VALUES (NEW.id); RETURN NEW; END $$;
CREATE TRIGGER orders_ship AFTER INSERT ON orders FOR EACH ROW WHEN (NEW.status = 'shipped') EXECUTE FUNCTION ship();
CREATE TABLE shipment_events (id serial PRIMARY KEY, shipment_id int NOT NULL REFERENCES shipments, note text NOT NULL);`;

const LEFT_OUT = (when: string) => `warning: shipment_events: cannot fill: its required parent shipments gets its rows from trigger orders_ship on orders with keys the database makes as it writes them (trigger orders_ship writes it only WHEN ${when}, not for every orders row): a dry run or an export writes nothing, so they cannot be known; left out`;

describe('left15: rows an insert trigger makes only WHEN a condition holds', () => {
  const dir = tempDir();
  let pg: PgServer;
  before(async () => {
    pg = await startPostgres();
    await pg.createDatabase('when', PG);
  });
  after(async () => { await pg?.stop(); cleanup(dir); });

  test('SQLite: the table under them filled in the first run; a dry run names why it leaves it out', () => {
    const file = join(dir, 'when.db');
    createDb(file, SQLITE);
    const dry = cli(['seed', '--db', `sqlite:${file}`, '--rows', '30', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(warnings(dry.stderr), [LEFT_OUT("status = 'shipped'")]);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '30', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), []);
    valid(`sqlite:${file}`);
    assert.deepEqual(integrity(file).fk, []);
    const c = withDb(file, (db) => db.prepare(`SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM shipments) AS shipments,
      (SELECT count(*) FROM orders WHERE status = 'shipped') AS shipped, (SELECT count(*) FROM shipment_events) AS events`).get()) as Record<string, number>;
    assert.equal(c.shipments, c.shipped);
    assert.ok(c.shipments > 0);
    assert.deepEqual({ orders: c.orders, events: c.events }, { orders: 30, events: 30 });
  });

  test('PostgreSQL: the same with the trigger\'s WHEN (…)', async () => {
    const url = pg.url('when');
    const dry = cli(['seed', '--db', url, '--rows', '30', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.deepEqual(warnings(dry.stderr), [LEFT_OUT("status = 'shipped'::text")]);
    const r = cli(['seed', '--db', url, '--rows', '30', '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), []);
    valid(url);
    const [c] = await pg.query<Record<string, number>>('when', `SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM shipments)::int AS shipments,
      (SELECT count(*) FROM orders WHERE status = 'shipped')::int AS shipped, (SELECT count(*) FROM shipment_events)::int AS events`);
    assert.equal(c.shipments, c.shipped);
    assert.deepEqual({ orders: c.orders, events: c.events }, { orders: 30, events: 30 });
    const undo = cli(['undo', '--db', url, '--yes']);
    assert.equal(undo.code, 0, undo.stderr);
    const [left] = await pg.query<Record<string, number>>('when', 'SELECT (SELECT count(*) FROM orders)::int + (SELECT count(*) FROM shipments)::int + (SELECT count(*) FROM shipment_events)::int AS n');
    assert.deepEqual(left, { n: 0 });
  });
});
