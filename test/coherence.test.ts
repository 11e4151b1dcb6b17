import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makePlan, openDatabase } from '../src/seeders/index.ts';
import { runSeed } from '../src/seeders/write/run.ts';
import { COUNTRY_PLACES, PLACES } from '../src/seeders/generate/place-pool.ts';
import { cleanup, cli, createDb, dump, integrity, tempDir, withDb } from './support/sqlite.ts';

// Rows that hang together and relationships that look real, asked of real SQLite files by SQL:
// one place per address, totals that add up at the column's scale, skewed fan-out, children
// dated after (and inside the lifetime of) their parents, the same seed giving the same bytes.

const SHOP = `
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT NOT NULL UNIQUE,
  city TEXT NOT NULL, state TEXT, postal_code VARCHAR(10), country TEXT NOT NULL, country_code CHAR(2),
  latitude NUMERIC(9,6), longitude NUMERIC(9,6), timezone TEXT,
  created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP
);
CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price NUMERIC(10,2) NOT NULL, created_at TIMESTAMP NOT NULL);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
  shipping_city TEXT, shipping_country TEXT, shipping_postcode TEXT,
  subtotal NUMERIC(10,2) NOT NULL, tax_rate NUMERIC(5,2), tax NUMERIC(10,2), discount NUMERIC(10,2), shipping_cost NUMERIC(10,2),
  total NUMERIC(12,2) NOT NULL CHECK (total >= 0),
  created_at TIMESTAMP NOT NULL, closed_at TIMESTAMP
);
CREATE TABLE order_items (
  id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id), product_id INTEGER NOT NULL REFERENCES products(id),
  quantity INTEGER NOT NULL CHECK (quantity > 0), unit_price NUMERIC(10,2) NOT NULL CHECK (unit_price >= 0),
  line_total NUMERIC(12,2) NOT NULL, created_at TIMESTAMP NOT NULL
);
CREATE TABLE refunds (
  id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id),
  quantity INTEGER NOT NULL, unit_price_cents INTEGER NOT NULL, total_cents INTEGER NOT NULL,
  small_total NUMERIC(6,2), created_on DATE NOT NULL
);
CREATE TABLE small_lines (id INTEGER PRIMARY KEY, qty INTEGER NOT NULL, price NUMERIC(8,2) NOT NULL, total NUMERIC(6,2) NOT NULL);
CREATE TABLE conversations (id INTEGER PRIMARY KEY, title TEXT, created_at TEXT NOT NULL, closed_at TEXT);
CREATE TABLE messages (
  id INTEGER PRIMARY KEY, conversation_id INTEGER NOT NULL REFERENCES conversations(id),
  sender_id INTEGER NOT NULL REFERENCES customers(id), body TEXT NOT NULL, sent_at TEXT NOT NULL, read_at TEXT
);
CREATE TABLE profiles (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL UNIQUE REFERENCES customers(id), bio TEXT);
CREATE TABLE countries (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, iso2 CHAR(2) NOT NULL UNIQUE, iso3 CHAR(3) NOT NULL UNIQUE);
CREATE TABLE venues (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lng REAL);
`;

const COUNTS = {
  customers: 200, products: 50, orders: 600, order_items: 1500, refunds: 150, small_lines: 300, conversations: 100,
  messages: 3000, profiles: 200, countries: 120, venues: 100,
};

const dir = tempDir();
after(() => cleanup(dir));

async function seedFile(name: string, seed = 1, worker = false): Promise<string> {
  const file = join(dir, `${name}.db`);
  createDb(file, SHOP);
  const db = await openDatabase(`sqlite:${file}`);
  try {
    const { plan } = await makePlan(db, { counts: COUNTS });
    await runSeed(db, plan, { seed, worker });
  } finally {
    await db.close();
  }
  return file;
}

type Row = Record<string, unknown>;
const all = (file: string, sql: string) => withDb(file, (db) => db.prepare(sql).all() as Row[]);
const one = (file: string, sql: string) => withDb(file, (db) => db.prepare(sql).get() as Row);

/** A postcode pattern as a regex: `#` a digit, `@` a letter. */
const shape = (pattern: string) => new RegExp(`^${pattern.replace(/#/g, '\\d').replace(/@/g, '[A-Z]')}$`);

let file = '';
before(async () => {
  file = await seedFile('shop');
});

describe('coherent rows', () => {
  test('the database finds no orphan and no broken CHECK', () => {
    const { fk, integrity: ok } = integrity(file);
    assert.deepEqual(fk, []);
    assert.deepEqual(ok, ['ok']);
    const v = cli(['validate', '--db', `sqlite:${file}`]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('city, state, postcode, country, codes, coordinates and time zone describe one place', () => {
    const rows = all(file, 'SELECT city, state, postal_code, country, country_code, latitude, longitude, timezone FROM customers');
    assert.equal(rows.length, COUNTS.customers);
    for (const r of rows) {
      const p = PLACES.find((x) => x.city === r.city && x.country === r.country);
      assert.ok(p, `(${r.city}, ${r.country}) is a place of the pool`);
      // A `state` column holds the region's code (NY), as addresses write it.
      if (r.state !== null) assert.equal(r.state, p.regionCode, `${r.city} lies in ${p.regionCode}`);
      if (r.postal_code !== null) assert.match(String(r.postal_code), shape(p.postcode), `postcode of ${r.city}`);
      if (r.country_code !== null) assert.equal(r.country_code, p.alpha2);
      if (r.timezone !== null) assert.equal(r.timezone, p.timeZone);
      if (r.latitude !== null) assert.ok(Math.abs((r.latitude as number) - p.lat) <= 0.051, `latitude near ${r.city}`);
      if (r.longitude !== null) assert.ok(Math.abs((r.longitude as number) - p.lng) <= 0.051, `longitude near ${r.city}`);
    }
    // Every (city, country) pair of another table's address too (its own column group).
    const pairs = all(file, 'SELECT DISTINCT shipping_city AS city, shipping_country AS country FROM orders WHERE shipping_city IS NOT NULL AND shipping_country IS NOT NULL');
    assert.ok(pairs.length > 20, 'many places are used');
    for (const r of pairs) assert.ok(PLACES.some((x) => x.city === r.city && x.country === r.country), `(${r.city}, ${r.country})`);
    // Coordinates alone come from a real place too (no point in the ocean).
    for (const r of all(file, 'SELECT lat, lng FROM venues WHERE lat IS NOT NULL AND lng IS NOT NULL')) {
      assert.ok(PLACES.some((p) => Math.abs(p.lat - (r.lat as number)) <= 0.051 && Math.abs(p.lng - (r.lng as number)) <= 0.051), `${r.lat},${r.lng}`);
    }
  });

  test('a countries table: name, alpha-2 and alpha-3 of one country, all distinct', () => {
    const rows = all(file, 'SELECT name, iso2, iso3 FROM countries');
    assert.equal(rows.length, COUNTS.countries);
    for (const r of rows) assert.ok(COUNTRY_PLACES.some((c) => c.country === r.name && c.alpha2 === r.iso2 && c.alpha3 === r.iso3), `${r.name} ${r.iso2} ${r.iso3}`);
  });

  test('line total = quantity * unit price, exactly at the column scale', () => {
    const bad = one(file, 'SELECT count(*) AS n FROM order_items WHERE line_total <> round(quantity * unit_price, 2)');
    assert.equal(bad.n, 0);
    assert.equal(one(file, 'SELECT count(*) AS n FROM order_items WHERE line_total <> round(line_total, 2)').n, 0, 'two decimals at most');
    // Integer cents stay integral.
    assert.equal(one(file, 'SELECT count(*) AS n FROM refunds WHERE total_cents <> quantity * unit_price_cents OR typeof(total_cents) <> \'integer\'').n, 0);
    // A total that would overflow numeric(6,2) is left to its rule (and fits); the others add up.
    const small = one(file, 'SELECT count(*) AS n, sum(total = round(qty * price, 2)) AS ok, max(total) AS top FROM small_lines');
    assert.ok((small.top as number) <= 9999.99, `max ${small.top}`);
    assert.ok((small.ok as number) > (small.n as number) / 4, `${small.ok} of ${small.n} add up`);
  });

  test('total = subtotal + tax + shipping - discount; tax = subtotal * tax rate; discount <= subtotal', () => {
    const rows = all(file, 'SELECT subtotal, tax_rate, tax, discount, shipping_cost, total FROM orders');
    for (const r of rows) {
      const n = (v: unknown) => (typeof v === 'number' ? v : 0);
      const sum = n(r.subtotal) + n(r.tax) - n(r.discount) + n(r.shipping_cost);
      assert.ok(Math.abs((r.total as number) - sum) < 0.006, `${JSON.stringify(r)}`);
      if (r.tax !== null && r.tax_rate !== null) assert.ok(Math.abs((r.tax as number) - (r.subtotal as number) * (r.tax_rate as number) / 100) < 0.006, `tax ${JSON.stringify(r)}`);
      if (r.discount !== null) assert.ok((r.discount as number) <= (r.subtotal as number));
      assert.ok((r.total as number) >= 0);
    }
  });
});

describe('relationships that look real', () => {
  test('skewed fan-out: the top 10 % of senders write well over 10 % of the messages', () => {
    const r = one(file, `WITH k AS (SELECT sender_id, count(*) AS n FROM messages GROUP BY sender_id ORDER BY n DESC)
      SELECT (SELECT sum(n) FROM (SELECT n FROM k LIMIT ${COUNTS.customers / 10})) * 1.0 / (SELECT count(*) FROM messages) AS top,
             (SELECT count(*) FROM k) AS senders`);
    assert.ok((r.top as number) > 0.3, `top 10 % of senders: ${r.top}`);
    assert.ok((r.senders as number) > COUNTS.customers / 2, `most customers still write something: ${r.senders}`);
    // The busiest are not simply the first rows.
    const first = one(file, `SELECT count(*) AS n FROM messages WHERE sender_id <= ${COUNTS.customers / 10}`);
    assert.ok((first.n as number) < (r.top as number) * COUNTS.messages * 0.75, `first parents hold ${first.n}`);
  });

  test('a unique foreign key still gets distinct parents (one profile per customer)', () => {
    const r = one(file, 'SELECT count(*) AS n, count(DISTINCT customer_id) AS d FROM profiles');
    assert.equal(r.n, COUNTS.profiles);
    assert.equal(r.d, r.n);
  });

  test('children are created after their parents', () => {
    const checks: [string, string][] = [
      ['orders before their customer', 'SELECT count(*) AS n FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.created_at < c.created_at'],
      ['items before their order', 'SELECT count(*) AS n FROM order_items i JOIN orders o ON o.id = i.order_id WHERE i.created_at < o.created_at'],
      ['messages before their conversation', 'SELECT count(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.sent_at < c.created_at'],
      ['messages before their sender joined', 'SELECT count(*) AS n FROM messages m JOIN customers u ON u.id = m.sender_id WHERE m.sent_at < u.created_at'],
      ['read before sent', 'SELECT count(*) AS n FROM messages WHERE read_at < sent_at'],
      ['conversations closed before created', 'SELECT count(*) AS n FROM conversations WHERE closed_at < created_at'],
      ['a DATE child before its TIMESTAMP parent', 'SELECT count(*) AS n FROM refunds r JOIN orders o ON o.id = r.order_id WHERE r.created_on < o.created_at'],
    ];
    for (const [what, sql] of checks) assert.equal(one(file, sql).n, 0, what);
  });

  test('Unix times in numbers are in order within a row too (added_on before edited_on; seconds and milliseconds apart)', async () => {
    const f = join(dir, 'epochs.db');
    createDb(f, `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, added_on INTEGER NOT NULL, edited_on INTEGER NOT NULL);
      CREATE TABLE events (id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL, updated_at INTEGER, deleted_at INTEGER, seen_at_ms BIGINT);`);
    const db = await openDatabase(`sqlite:${f}`);
    try {
      const { plan } = await makePlan(db, { counts: { notes: 500, events: 500 } });
      await runSeed(db, plan, { seed: 3 });
    } finally {
      await db.close();
    }
    assert.equal(one(f, 'SELECT count(*) AS n FROM notes WHERE added_on > edited_on').n, 0);
    assert.equal(one(f, 'SELECT count(*) AS n FROM events WHERE created_at > updated_at OR updated_at > deleted_at OR created_at > deleted_at').n, 0);
    // Not a constant order: both columns still spread over the window.
    assert.ok((one(f, 'SELECT count(DISTINCT edited_on - added_on) AS n FROM notes').n as number) > 400);
  });

  test('children fall inside their parent\'s lifetime (sent before the conversation closed)', () => {
    // Only where both parents allow it: a sender who joined after the conversation closed cannot.
    const r = one(file, `SELECT count(*) AS n, sum(m.sent_at > c.closed_at) AS late FROM messages m
      JOIN conversations c ON c.id = m.conversation_id JOIN customers u ON u.id = m.sender_id
      WHERE c.closed_at IS NOT NULL AND u.created_at <= c.closed_at`);
    assert.ok((r.n as number) > 500);
    assert.equal(r.late, 0);
  });
});

describe('totals across tables', () => {
  // A parent's total is the sum of its lines, set once the lines are written; only this run's
  // parents change; in-row totals (orders.subtotal above) and CHECKed totals are left alone.
  const SALES = `
CREATE TABLE invoices (id INTEGER PRIMARY KEY, customer TEXT NOT NULL, total NUMERIC(10,2) NOT NULL, created_at TIMESTAMP NOT NULL);
CREATE TABLE invoice_lines (id INTEGER PRIMARY KEY, invoice_id INTEGER NOT NULL REFERENCES invoices(id), quantity INTEGER NOT NULL, unit_price NUMERIC(8,2) NOT NULL);
CREATE TABLE carts (id INTEGER PRIMARY KEY, total_cents INTEGER NOT NULL);
CREATE TABLE cart_items (id INTEGER PRIMARY KEY, cart_id INTEGER NOT NULL REFERENCES carts(id), amount_cents INTEGER NOT NULL);
CREATE TABLE quotes (id INTEGER PRIMARY KEY, total NUMERIC(10,2) NOT NULL CHECK (total < 100));
CREATE TABLE quote_lines (id INTEGER PRIMARY KEY, quote_id INTEGER NOT NULL REFERENCES quotes(id), quantity INTEGER NOT NULL, unit_price NUMERIC(8,2) NOT NULL);
INSERT INTO invoices (id, customer, total, created_at) VALUES (1, 'before the run', 12.34, '2025-01-01 00:00:00');
`;

  test('invoice total = sum of quantity × unit price of its lines; cart total_cents = sum of its items\' cents; no lines: 0', () => {
    const f = join(dir, 'sales.db');
    createDb(f, SALES);
    const plan = cli(['plan', '--db', `sqlite:${f}`, '--rows', '300']);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /Totals:\n/);
    assert.match(plan.stdout, /\n {2}invoices\.total = sum of invoice_lines\.quantity × unit_price per invoices row/);
    assert.match(plan.stdout, /carts\.total_cents = sum of cart_items\.amount_cents per carts row/);
    assert.doesNotMatch(plan.stdout, /quotes\.total = sum/, 'a CHECKed total is left to its rule');
    const r = cli(['seed', '--db', `sqlite:${f}`, '--rows', '300']);
    assert.equal(r.code, 0, r.stderr);
    const inv = one(f, `SELECT count(*) AS n, sum(abs(i.total - coalesce((SELECT round(sum(l.quantity * l.unit_price), 2) FROM invoice_lines l WHERE l.invoice_id = i.id), 0)) > 0.001) AS bad,
      sum(i.total = 0) AS zero, sum(i.total > 0) AS positive FROM invoices i WHERE i.id > 1`);
    assert.deepEqual({ n: inv.n, bad: inv.bad }, { n: 300, bad: 0 });
    assert.ok(Number(inv.positive) > 100, `invoices with lines: ${inv.positive}`);
    assert.equal(one(f, 'SELECT total FROM invoices WHERE id = 1').total, 12.34, 'a row from before the run keeps its total');
    const carts = one(f, `SELECT count(*) AS n, sum(c.total_cents <> coalesce((SELECT sum(i.amount_cents) FROM cart_items i WHERE i.cart_id = c.id), 0)) AS bad, typeof(max(c.total_cents)) AS type FROM carts c`);
    assert.deepEqual(carts, { n: 300, bad: 0, type: 'integer' });
    assert.equal(cli(['validate', '--db', `sqlite:${f}`]).code, 0);
  });
});

describe('reproducible', () => {
  test('the same seed gives the same rows, inline or in a worker; another seed differs', async () => {
    const again = await seedFile('shop-again');
    const worker = await seedFile('shop-worker', 1, true);
    const other = await seedFile('shop-other', 2);
    assert.equal(dump(again), dump(file));
    assert.equal(dump(worker), dump(file));
    assert.notEqual(dump(other), dump(file));
  });
});
