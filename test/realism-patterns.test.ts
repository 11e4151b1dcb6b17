import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PlanExplanation } from '../src/seeders/plan/explain.ts';
import { explainCli, type Query } from './support/realism.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, Database, dump, tempDir } from './support/sqlite.ts';

// Rows and tables that tell one story (issue #15), on a shop schema of our own, asked by SQL of a
// real SQLite file and a real PostgreSQL database seeded by the CLI (no config):
// - values copied from the parent row by name across a foreign key (an order's ship_city is its
//   customer's city; a line's unit_price its product's price), mostly, with a few exceptions;
//   a customer's own city is never its sales rep's;
// - magnitudes by meaning: a line's quantity is mostly 1, rarely over 5;
// - null rates by meaning: names and a lookup's label never NULL, fax / address2 / middle name
//   mostly NULL, an address's city and a foreign key named after its parent almost always set;
// - lookup tables distinct: a small table of labels has no repeated label without a UNIQUE;
// - fan-out by kind of table: a lookup's rows are steeply popular, an order's lines near even;
// - a `state` column holds a code (CA, SP), as addresses write it;
// - a TIMESTAMP named for a day (order_date) holds midnight, `_at` names keep their times.

const SHOP = `
CREATE TABLE staff (
  id INTEGER PRIMARY KEY, first_name VARCHAR(40) NOT NULL, last_name VARCHAR(40) NOT NULL,
  city VARCHAR(40), country VARCHAR(40), birth_date TIMESTAMP, hire_date TIMESTAMP,
  manager_id INTEGER REFERENCES staff(id)
);
CREATE TABLE customers (
  id INTEGER PRIMARY KEY, first_name VARCHAR(40) NOT NULL, last_name VARCHAR(40) NOT NULL,
  middle_name VARCHAR(40), company VARCHAR(80), address VARCHAR(70), address2 VARCHAR(70),
  city VARCHAR(40), state VARCHAR(40), country VARCHAR(40), postal_code VARCHAR(10),
  phone VARCHAR(24), fax VARCHAR(24), email VARCHAR(60) NOT NULL, rep_id INTEGER REFERENCES staff(id)
);
CREATE TABLE categories (id INTEGER PRIMARY KEY, name VARCHAR(60));
CREATE TABLE products (
  id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, category_id INTEGER REFERENCES categories(id),
  price NUMERIC(10,2) NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id),
  order_date TIMESTAMP NOT NULL, shipped_date TIMESTAMP,
  ship_address VARCHAR(70), ship_city VARCHAR(40), ship_state VARCHAR(40), ship_country VARCHAR(40),
  ship_postal_code VARCHAR(10), total NUMERIC(10,2)
);
CREATE TABLE order_lines (
  id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id),
  product_id INTEGER NOT NULL REFERENCES products(id), unit_price NUMERIC(10,2) NOT NULL, quantity INTEGER NOT NULL
);
`;

const COUNTS = { staff: 8, customers: 60, categories: 12, products: 400, orders: 400, order_lines: 2000 };

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v);

/** The checks, on one seeded database (either engine). */
function patterns(get: () => { query: Query; explain: PlanExplanation; url: string; dialect: 'sqlite' | 'postgresql' }) {
  test('the database finds every row valid', () => {
    const v = cli(['validate', '--db', get().url]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('an order carries its customer\'s address: mostly copied, the whole place together, a few exceptions', async () => {
    const { query } = get();
    const [r] = await query(`SELECT count(*) AS n,
        sum(CASE WHEN o.ship_city = c.city THEN 1 ELSE 0 END) AS city,
        sum(CASE WHEN o.ship_address = c.address AND o.ship_city = c.city AND o.ship_country = c.country AND o.ship_postal_code = c.postal_code THEN 1 ELSE 0 END) AS place
      FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.city IS NOT NULL AND o.ship_city IS NOT NULL`);
    const n = num(r.n);
    assert.ok(n > 200, `${n} orders with a city`);
    assert.ok(num(r.city) / n >= 0.9, `ship_city = customer's city in ${r.city} of ${n}`);
    assert.ok(num(r.city) < n, 'a few orders ship elsewhere');
    // Where the city is copied, the rest of the place is the customer's too (or NULL there); an
    // exception may ship to another street of the same city.
    const [mixed] = await query(`SELECT count(*) AS n, sum(CASE WHEN o.ship_address <> c.address THEN 1 ELSE 0 END) AS street
      FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.ship_city = c.city AND (o.ship_country <> c.country OR o.ship_address <> c.address)`);
    assert.ok(num(mixed.n) === num(mixed.street ?? 0) && num(mixed.n) <= 0.02 * n, `a copied city comes with its country (and, but for ${mixed.n} of ${n}, its address)`);
  });

  test('an order line\'s unit price is its product\'s price, with a few exceptions', async () => {
    const [r] = await get().query(`SELECT count(*) AS n, sum(CASE WHEN l.unit_price = p.price THEN 1 ELSE 0 END) AS same
      FROM order_lines l JOIN products p ON p.id = l.product_id`);
    const n = num(r.n);
    assert.equal(n, COUNTS.order_lines);
    assert.ok(num(r.same) / n >= 0.9 && num(r.same) < n, `unit_price = price in ${r.same} of ${n}`);
  });

  test('a customer\'s own address is not copied from its sales rep', async () => {
    const [r] = await get().query(`SELECT count(*) AS n, sum(CASE WHEN c.city = s.city THEN 1 ELSE 0 END) AS same
      FROM customers c JOIN staff s ON s.id = c.rep_id WHERE c.city IS NOT NULL AND s.city IS NOT NULL`);
    assert.ok(num(r.n) > 20 && num(r.same) / num(r.n) < 0.3, `customer city = rep city in ${r.same} of ${r.n}`);
  });

  test('a line\'s quantity is mostly 1 and rarely over 5', async () => {
    const [r] = await get().query(`SELECT count(*) AS n, sum(CASE WHEN quantity = 1 THEN 1 ELSE 0 END) AS one, sum(CASE WHEN quantity <= 5 THEN 1 ELSE 0 END) AS few FROM order_lines`);
    assert.ok(num(r.one) / num(r.n) >= 0.4, `quantity 1 in ${r.one} of ${r.n}`);
    assert.ok(num(r.few) / num(r.n) >= 0.9, `quantity <= 5 in ${r.few} of ${r.n}`);
  });

  test('NULLs by meaning: labels and address parts set, fax / address2 / middle name mostly NULL', async () => {
    const share = async (table: string, col: string) => {
      const [r] = await get().query(`SELECT count(*) AS n, sum(CASE WHEN ${col} IS NULL THEN 1 ELSE 0 END) AS nul FROM ${table}`);
      return num(r.nul) / num(r.n);
    };
    assert.equal(await share('categories', 'name'), 0, 'a lookup\'s label is never NULL');
    for (const c of ['fax', 'address2', 'middle_name']) assert.ok(await share('customers', c) >= 0.5, `customers.${c} mostly NULL`);
    assert.ok(await share('customers', 'city') <= 0.05, 'customers.city almost always set');
    assert.ok(await share('products', 'category_id') <= 0.1, 'products.category_id almost always set');
  });

  test('a lookup table has distinct labels without a UNIQUE constraint', async () => {
    const [r] = await get().query('SELECT count(DISTINCT name) AS d, count(*) AS n FROM categories');
    assert.equal(num(r.n), COUNTS.categories);
    assert.equal(num(r.d), COUNTS.categories);
  });

  test('fan-out by kind: a lookup\'s rows are steeply popular, an order\'s lines near even', async () => {
    const { query } = get();
    const top = await query('SELECT count(*) AS n FROM products GROUP BY category_id ORDER BY count(*) DESC LIMIT 1');
    assert.ok(num(top[0].n) >= (3 * COUNTS.products) / COUNTS.categories, `busiest category has ${top[0].n} of ${COUNTS.products} products`);
    const [lines] = await query(`SELECT max(n) AS mx, count(*) AS parents FROM (SELECT order_id, count(*) AS n FROM order_lines GROUP BY order_id) x`);
    const mean = COUNTS.order_lines / COUNTS.orders;
    assert.ok(num(lines.mx) <= 6 * mean, `busiest order has ${lines.mx} lines (mean ${mean})`);
    assert.ok(num(lines.parents) >= 0.9 * COUNTS.orders, `${lines.parents} of ${COUNTS.orders} orders have lines`);
  });

  test('a state column holds a short code, the same as its customer\'s on a copied order', async () => {
    const rows = await get().query('SELECT state FROM customers WHERE state IS NOT NULL');
    assert.ok(rows.length > 10, `${rows.length} states`);
    for (const r of rows) assert.match(String(r.state), /^[A-Z0-9]{1,3}$/, 'a state code');
  });

  test('a TIMESTAMP named for a day holds midnight', async () => {
    const { query, dialect } = get();
    const time = (c: string) => (dialect === 'sqlite' ? `substr(${c}, 12)` : `CAST(${c} AS time)::text`);
    for (const [t, c] of [['orders', 'order_date'], ['staff', 'hire_date'], ['staff', 'birth_date']]) {
      const [r] = await query(`SELECT count(*) AS n, sum(CASE WHEN ${time(c)} = '00:00:00' THEN 1 ELSE 0 END) AS midnight FROM ${t} WHERE ${c} IS NOT NULL`);
      assert.ok(num(r.n) > 0 && num(r.midnight) === num(r.n), `${t}.${c}: ${r.midnight} of ${r.n} at midnight`);
    }
  });

  test('plan --explain names where copied columns come from', () => {
    const { explain } = get();
    const col = (t: string, c: string) => explain.tables.find((x) => x.name === t)!.columns.find((x) => x.column === c)!;
    assert.match(col('orders', 'ship_city').why, /copied from customers\.city via customer_id in 97 % of rows/);
    assert.match(col('orders', 'ship_postal_code').why, /copied from customers\.postal_code via customer_id/);
    assert.match(col('order_lines', 'unit_price').why, /copied from products\.price via product_id in 95 % of rows/);
    assert.doesNotMatch(col('customers', 'city').why, /copied/);
    const text = cli(['plan', '--explain', '--db', get().url, '--config', configFile]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /ship_country .*copied from customers\.country via customer_id/);
  });
}

const dir = tempDir('seedbed-patterns-');
const configFile = join(dir, 'seedbed.config.mjs');
after(() => cleanup(dir));

/** Row counts per table: a config with nothing else in it. */
function writeConfig(): void {
  writeFileSync(configFile, `export default { tables: { ${Object.entries(COUNTS).map(([t, n]) => `${t}: { rows: ${n} }`).join(', ')} } };\n`);
}

function seedArgs(url: string): string[] {
  return ['seed', '--db', url, '--seed', '42', '--yes', '--config', configFile];
}

describe('realism patterns on SQLite', () => {
  const file = join(dir, 'shop.db');
  let query: Query;
  let explain: PlanExplanation;
  let db: InstanceType<typeof Database>;
  before(() => {
    writeConfig();
    createDb(file, SHOP);
    explain = explainCli(`sqlite:${file}`, ['--config', configFile]);
    const r = cli(seedArgs(`sqlite:${file}`));
    assert.equal(r.code, 0, r.stderr);
    db = new Database(file, { readonly: true });
    query = async (sql) => db.prepare(sql).all() as Row[];
  });
  after(() => db?.close());
  patterns(() => ({ query, explain, url: `sqlite:${file}`, dialect: 'sqlite' }));

  test('the same seed gives the same rows', () => {
    const again = join(dir, 'again.db');
    createDb(again, SHOP);
    const r = cli(seedArgs(`sqlite:${again}`));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(dump(again), dump(file));
  });
});

describe('realism patterns on PostgreSQL', () => {
  let pg: PgServer;
  let explain: PlanExplanation;
  before(async () => {
    pg = await startPostgres();
    writeConfig();
    await pg.createDatabase('shop', SHOP);
    explain = explainCli(pg.url('shop'), ['--config', configFile]);
    const r = cli(seedArgs(pg.url('shop')));
    assert.equal(r.code, 0, r.stderr);
  });
  after(async () => { await pg?.stop(); });
  patterns(() => ({ query: (sql) => pg.query('shop', sql), explain, url: pg.url('shop'), dialect: 'postgresql' }));
});
