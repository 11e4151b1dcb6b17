import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PlanExplanation } from '../src/seeders/plan/explain.ts';
import { explainCli } from './support/realism.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, Database, dump, tempDir } from './support/sqlite.ts';

// Rows and tables that tell one story (issue #15 items 1–7), on a download store of our own,
// seeded by the CLI with no rules in the config and asked by SQL of the real SQLite file:
// - magnitudes by meaning: a catalogue has one typical price, a line copies its item's price,
//   a line's quantity is mostly 1;
// - fan-out by kind: a few playlists hold most of the playlist entries; an FK named for a role
//   (support_rep_id) points at a few staff only; purchases spread mildly over members;
// - countries written as addresses write them (USA, not United States of America);
// - a staff table's job titles are short and shared;
// - one place per row: the parts of an address NULL together, a state only where the country's
//   addresses have one, phones written for the country; a staff table's people in one country, a
//   few offices, with phone and fax on file, one email domain, and one head of the org chart.

const STORE = `
CREATE TABLE staff (
  staff_id INTEGER PRIMARY KEY, first_name VARCHAR(40) NOT NULL, last_name VARCHAR(40) NOT NULL, title VARCHAR(30),
  reports_to INTEGER REFERENCES staff(staff_id), city VARCHAR(40), state VARCHAR(40), country VARCHAR(40), postal_code VARCHAR(10),
  phone VARCHAR(24), fax VARCHAR(24), email VARCHAR(60)
);
CREATE TABLE members (
  member_id INTEGER PRIMARY KEY, first_name VARCHAR(40) NOT NULL, last_name VARCHAR(40) NOT NULL,
  city VARCHAR(40), state VARCHAR(40), country VARCHAR(40), postal_code VARCHAR(10), phone VARCHAR(24), fax VARCHAR(24),
  email VARCHAR(60) NOT NULL, support_rep_id INTEGER REFERENCES staff(staff_id)
);
CREATE TABLE tracks (
  track_id INTEGER PRIMARY KEY, name VARCHAR(200) NOT NULL, unit_price NUMERIC(10,2) NOT NULL
);
CREATE TABLE playlists (playlist_id INTEGER PRIMARY KEY, name VARCHAR(120));
CREATE TABLE playlist_entries (
  playlist_id INTEGER NOT NULL REFERENCES playlists(playlist_id), track_id INTEGER NOT NULL REFERENCES tracks(track_id),
  PRIMARY KEY (playlist_id, track_id)
);
CREATE TABLE purchases (
  purchase_id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL REFERENCES members(member_id), purchase_date TIMESTAMP NOT NULL,
  billing_city VARCHAR(40), billing_state VARCHAR(40), billing_country VARCHAR(40), total NUMERIC(10,2)
);
CREATE TABLE purchase_lines (
  purchase_line_id INTEGER PRIMARY KEY, purchase_id INTEGER NOT NULL REFERENCES purchases(purchase_id),
  track_id INTEGER NOT NULL REFERENCES tracks(track_id), unit_price NUMERIC(10,2) NOT NULL, quantity INTEGER NOT NULL
);
`;

const COUNTS = { staff: 20, members: 120, tracks: 1500, playlists: 20, playlist_entries: 4000, purchases: 600, purchase_lines: 2400 };

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v);

const dir = tempDir('seedbed-story-');
const configFile = join(dir, 'seedbed.config.mjs');
const file = join(dir, 'store.db');
let db: InstanceType<typeof Database>;
let explain: PlanExplanation;
const all = (sql: string) => db.prepare(sql).all() as Row[];
const one = (sql: string) => all(sql)[0];

function seedArgs(url: string): string[] {
  return ['seed', '--db', url, '--seed', '42', '--yes', '--config', configFile];
}

before(() => {
  writeFileSync(configFile, `export default { tables: { ${Object.entries(COUNTS).map(([t, n]) => `${t}: { rows: ${n} }`).join(', ')} } };\n`);
  createDb(file, STORE);
  explain = explainCli(`sqlite:${file}`, ['--config', configFile]);
  const r = cli(seedArgs(`sqlite:${file}`));
  assert.equal(r.code, 0, r.stderr);
  db = new Database(file, { readonly: true });
});
after(() => { db?.close(); cleanup(dir); });

describe('one story across rows and tables (SQLite)', () => {
  test('the database finds every row valid', () => {
    const v = cli(['validate', '--db', `sqlite:${file}`]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('a catalogue has one typical price; a line copies its track\'s price; quantity is mostly 1', () => {
    const top = one('SELECT unit_price AS p, count(*) AS n FROM tracks GROUP BY unit_price ORDER BY count(*) DESC LIMIT 1');
    assert.ok(num(top.n) / COUNTS.tracks >= 0.75, `the typical price ${top.p} in ${top.n} of ${COUNTS.tracks} tracks`);
    const same = one('SELECT count(*) AS n, sum(l.unit_price = t.unit_price) AS same FROM purchase_lines l JOIN tracks t USING (track_id)');
    assert.ok(num(same.same) / num(same.n) >= 0.9, `unit_price = the track's in ${same.same} of ${same.n}`);
    const q = one('SELECT count(*) AS n, sum(quantity = 1) AS one, max(quantity) AS mx FROM purchase_lines');
    assert.ok(num(q.one) / num(q.n) >= 0.65, `quantity 1 in ${q.one} of ${q.n}`);
  });

  test('a few playlists hold most entries, each at most every track once', () => {
    const sizes = all('SELECT count(*) AS n FROM playlist_entries GROUP BY playlist_id ORDER BY count(*) DESC').map((r) => num(r.n));
    const total = sizes.reduce((a, b) => a + b, 0);
    assert.equal(total, COUNTS.playlist_entries);
    assert.ok(sizes[0] <= COUNTS.tracks, `biggest playlist ${sizes[0]} entries`);
    assert.ok(sizes[0] / total >= 0.25, `the biggest playlist holds ${sizes[0]} of ${total}`);
    const smallHalf = sizes.slice(Math.ceil(COUNTS.playlists / 2)).reduce((a, b) => a + b, 0);
    assert.ok(smallHalf / total < 0.15, `the smaller half of the playlists hold ${smallHalf} of ${total}`);
    // The tracks themselves spread evenly: none is in more playlists than there are.
    const perTrack = one('SELECT max(n) AS mx FROM (SELECT count(*) AS n FROM playlist_entries GROUP BY track_id)');
    assert.ok(num(perTrack.mx) <= COUNTS.playlists);
  });

  test('support_rep_id points at a few staff only; purchases spread mildly over members', () => {
    const reps = one('SELECT count(DISTINCT support_rep_id) AS d FROM members');
    assert.ok(num(reps.d) >= 1 && num(reps.d) <= COUNTS.staff / 2, `${reps.d} of ${COUNTS.staff} staff are support reps`);
    const p = one('SELECT max(n) AS mx, count(*) AS members FROM (SELECT count(*) AS n FROM purchases GROUP BY member_id)');
    const mean = COUNTS.purchases / COUNTS.members;
    assert.ok(num(p.mx) <= 4 * mean, `the busiest member has ${p.mx} purchases (mean ${mean})`);
    assert.ok(num(p.members) >= 0.9 * COUNTS.members, `${p.members} of ${COUNTS.members} members bought`);
  });

  test('countries are written as addresses write them', () => {
    const rows = all('SELECT country FROM members WHERE country IS NOT NULL UNION ALL SELECT billing_country FROM purchases WHERE billing_country IS NOT NULL');
    const names = new Set(rows.map((r) => String(r.country)));
    assert.ok(!names.has('United States of America') && !names.has('Russian Federation'), [...names].join(', '));
    assert.ok(names.has('USA'), [...names].join(', '));
  });

  test('a staff table\'s job titles are short and shared', () => {
    const t = one('SELECT count(*) AS n, count(DISTINCT title) AS d, max(length(title)) AS mx FROM staff WHERE title IS NOT NULL');
    assert.ok(num(t.mx) <= 25, `longest title ${t.mx} characters`);
    assert.ok(num(t.d) < num(t.n), `${t.d} distinct titles over ${t.n} staff`);
  });

  test('an address is one place: parts NULL together, a state only where the country has them, phones of the country', () => {
    const rows = all('SELECT city, state, country, postal_code, phone FROM members');
    assert.ok(rows.every((r) => (r.city === null) === (r.country === null) && (r.city === null) === (r.postal_code === null)), 'city, country and postcode are NULL together');
    const by = (c: string) => rows.filter((r) => r.country === c);
    const us = by('USA');
    assert.ok(us.length >= 5, `${us.length} members in the USA`);
    for (const r of us) {
      assert.match(String(r.state), /^[A-Z]{2}$/, 'a US state code');
      if (r.phone !== null) assert.match(String(r.phone), /^\+1 \([2-9]\d\d\) [2-9]\d\d-\d{4}$/, 'a US phone');
      assert.match(String(r.postal_code), /^\d{5}$/);
    }
    for (const c of ['France', 'Germany', 'United Kingdom', 'Spain', 'Netherlands']) for (const r of by(c)) assert.equal(r.state, null, `no state in ${c}`);
    // A state belongs to one country.
    const states = all('SELECT state, count(DISTINCT country) AS n FROM members WHERE state IS NOT NULL GROUP BY state HAVING count(DISTINCT country) > 1');
    assert.deepEqual(states, []);
    const nulls = one('SELECT avg(state IS NULL) AS s, avg(fax IS NULL) AS f FROM members');
    assert.ok(num(nulls.s) > 0.2 && num(nulls.s) < 0.8, `state NULL in ${nulls.s}`);
    assert.ok(num(nulls.f) >= 0.5, `a member's fax mostly NULL (${nulls.f})`);
  });

  test('a staff table: one country, a few offices, phone and fax on file, one head', () => {
    const s = one('SELECT count(DISTINCT country) AS countries, count(DISTINCT city) AS cities, sum(phone IS NULL) + sum(fax IS NULL) AS missing, sum(reports_to IS NULL) AS heads FROM staff');
    assert.equal(num(s.countries), 1);
    assert.ok(num(s.cities) >= 1 && num(s.cities) <= 4, `${s.cities} offices`);
    assert.ok(num(s.missing) <= 2, `${s.missing} phones or faxes missing`);
    assert.equal(num(s.heads), 1, 'one head of the org chart');
    assert.equal(num(one("SELECT count(DISTINCT substr(email, instr(email, '@'))) AS n FROM staff WHERE email IS NOT NULL").n), 1, 'the staff share one email domain');
    const top = one('SELECT count(*) AS n FROM staff GROUP BY city ORDER BY count(*) DESC LIMIT 1');
    assert.ok(num(top.n) >= COUNTS.staff / 3, `the main office has ${top.n} of ${COUNTS.staff}`);
  });

  test('plan --explain says how each FK spreads', () => {
    const why = (t: string, c: string) => explain.tables.find((x) => x.name === t)!.columns.find((x) => x.column === c)!.why;
    assert.match(why('members', 'support_rep_id'), /only the staff rows in that role \(40 %\)/);
    assert.match(why('playlist_entries', 'playlist_id'), /members of a collection: a few playlists rows hold most/);
    assert.match(why('purchases', 'member_id'), /transactions of members: mildly uneven/);
    assert.match(why('purchase_lines', 'purchase_id'), /parts of purchases: near even/);
    assert.match(why('purchase_lines', 'track_id'), /what the parts refer to: near even/);
    assert.match(why('staff', 'reports_to'), /an org chart: one head/);
  });

  test('the same seed gives the same rows', () => {
    const again = join(dir, 'again.db');
    createDb(again, STORE);
    const r = cli(seedArgs(`sqlite:${again}`));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(dump(again), dump(file));
  });
});

// Dates in order by meaning (issue #15 item 2), on a shop of our own: within a row (ordered <=
// shipped <= delivered a few days apart, issued <= due <= paid, borrowed <= returned, born <=
// hired) and across foreign keys (an order after its customer joined and after its clerk was
// hired, an invoice after its order); plan --explain names what each date follows.
const SHIP = `
CREATE TABLE clerks (
  id INTEGER PRIMARY KEY, first_name VARCHAR(40) NOT NULL, last_name VARCHAR(40) NOT NULL, birth_date DATE, hire_date DATE
);
CREATE TABLE customers (
  id INTEGER PRIMARY KEY, first_name VARCHAR(40) NOT NULL, last_name VARCHAR(40) NOT NULL, joined_at TIMESTAMP NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), clerk_id INTEGER REFERENCES clerks(id),
  order_date DATE NOT NULL, required_date DATE, shipped_date DATE, delivered_date DATE
);
CREATE TABLE invoices (
  id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id), issue_date DATE NOT NULL, due_date DATE, paid_date DATE
);
CREATE TABLE loans (
  id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), borrowed_at TIMESTAMP NOT NULL, returned_at TIMESTAMP
);
`;

describe('dates in order by meaning (SQLite)', () => {
  const shipFile = join(dir, 'ship.db');
  let ship: InstanceType<typeof Database>;
  let x: PlanExplanation;
  const q = (sql: string) => ship.prepare(sql).all() as Row[];
  before(() => {
    createDb(shipFile, SHIP);
    x = explainCli(`sqlite:${shipFile}`, ['--rows', '300']);
    const r = cli(['seed', '--db', `sqlite:${shipFile}`, '--seed', '7', '--yes', '--rows', '300']);
    assert.equal(r.code, 0, r.stderr);
    ship = new Database(shipFile, { readonly: true });
  });
  after(() => ship?.close());

  const gaps = (sql: string) => q(sql).map((r) => num(r.d)).sort((a, b) => a - b);

  test('ordered <= shipped <= delivered, days apart', () => {
    const bad = q('SELECT count(*) AS n FROM orders WHERE shipped_date < order_date OR delivered_date < shipped_date OR delivered_date < order_date');
    assert.equal(num(bad[0].n), 0);
    const d = gaps('SELECT julianday(shipped_date) - julianday(order_date) AS d FROM orders WHERE shipped_date IS NOT NULL');
    assert.ok(d.length > 200 && d[0] >= 1 && d[d.length - 1] <= 5, `shipped ${d[0]}..${d[d.length - 1]} days after the order`);
    const e = gaps('SELECT julianday(delivered_date) - julianday(shipped_date) AS d FROM orders WHERE delivered_date IS NOT NULL AND shipped_date IS NOT NULL');
    assert.ok(e[e.length - 1] <= 10, `delivered at most ${e[e.length - 1]} days after shipping`);
    // Two dates of one rank keep their own gaps: required 14–30 days out, so shipped before it.
    const req = gaps('SELECT julianday(required_date) - julianday(order_date) AS d FROM orders WHERE required_date IS NOT NULL');
    assert.ok(req[0] >= 14 && req[req.length - 1] <= 30, `required ${req[0]}..${req[req.length - 1]} days after the order`);
    assert.equal(num(q('SELECT count(*) AS n FROM orders WHERE required_date < shipped_date')[0].n), 0);
  });

  test('issued <= due <= paid; borrowed <= returned within weeks; born <= hired', () => {
    assert.equal(num(q('SELECT count(*) AS n FROM invoices WHERE due_date < issue_date OR paid_date < due_date OR paid_date < issue_date')[0].n), 0);
    const due = gaps('SELECT julianday(due_date) - julianday(issue_date) AS d FROM invoices WHERE due_date IS NOT NULL');
    assert.ok(due[0] >= 14 && due[due.length - 1] <= 30, `due ${due[0]}..${due[due.length - 1]} days after issue`);
    const ret = gaps('SELECT julianday(returned_at) - julianday(borrowed_at) AS d FROM loans WHERE returned_at IS NOT NULL');
    assert.ok(ret.length > 200 && ret[0] >= 1 && ret[ret.length - 1] <= 22, `returned ${ret[0]}..${ret[ret.length - 1]} days after borrowing`);
    assert.equal(num(q('SELECT count(*) AS n FROM clerks WHERE hire_date < birth_date')[0].n), 0);
  });

  test('a child after its parents: an order after its customer joined and its clerk was hired, an invoice after its order', () => {
    assert.equal(num(q('SELECT count(*) AS n FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.order_date < substr(c.joined_at, 1, 10)')[0].n), 0);
    assert.equal(num(q('SELECT count(*) AS n FROM orders o JOIN clerks k ON k.id = o.clerk_id WHERE o.order_date < k.hire_date')[0].n), 0);
    assert.equal(num(q('SELECT count(*) AS n FROM invoices i JOIN orders o ON o.id = i.order_id WHERE i.issue_date < o.order_date')[0].n), 0);
    assert.equal(num(q('SELECT count(*) AS n FROM loans l JOIN customers c ON c.id = l.customer_id WHERE l.borrowed_at < c.joined_at')[0].n), 0);
  });

  test('plan --explain names what each date follows', () => {
    const why = (t: string, c: string) => x.tables.find((y) => y.name === t)!.columns.find((y) => y.column === c)!.why;
    assert.match(why('orders', 'shipped_date'), /then 1–5 days after order_date/);
    assert.match(why('orders', 'delivered_date'), /then 1–10 days after shipped_date/);
    assert.match(why('invoices', 'paid_date'), /then 0–10 days after due_date/);
    assert.match(why('orders', 'order_date'), /then after customers\.joined_at via customer_id; then after clerks\.hire_date via clerk_id/);
    assert.match(why('invoices', 'issue_date'), /then after orders\.order_date via order_id/);
    assert.match(why('clerks', 'hire_date'), /then after birth_date/);
  });
});

// The same dates and places on PostgreSQL (DATE and TIMESTAMP columns of its own, text back).
describe('dates in order and one place per row (PostgreSQL)', () => {
  let pg: PgServer;
  const q = async (db: string, sql: string) => pg.query(db, sql);
  before(async () => {
    pg = await startPostgres();
    await pg.createDatabase('ship', SHIP);
    await pg.createDatabase('store', STORE);
    for (const [db, args] of [['ship', ['--rows', '200']], ['store', ['--config', configFile]]] as const) {
      const r = cli(['seed', '--db', pg.url(db), '--seed', '7', '--yes', ...args]);
      assert.equal(r.code, 0, r.stderr);
    }
  });
  after(async () => { await pg?.stop(); });

  test('dates in order within the row and after the parents', async () => {
    const [r] = await q('ship', `SELECT
        count(*) FILTER (WHERE shipped_date < order_date OR delivered_date < shipped_date)::int AS disorder,
        count(*) FILTER (WHERE shipped_date - order_date NOT BETWEEN 1 AND 5)::int AS far,
        count(*) FILTER (WHERE shipped_date IS NOT NULL)::int AS shipped FROM orders`);
    assert.deepEqual({ disorder: r.disorder, far: r.far }, { disorder: 0, far: 0 });
    assert.ok(num(r.shipped) > 100, `${r.shipped} orders shipped`);
    const [p] = await q('ship', `SELECT
        (SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.order_date < c.joined_at::date)::int AS before_join,
        (SELECT count(*) FROM orders o JOIN clerks k ON k.id = o.clerk_id WHERE o.order_date < k.hire_date)::int AS before_hire,
        (SELECT count(*) FROM invoices i WHERE i.due_date < i.issue_date OR i.paid_date < i.due_date)::int AS invoices,
        (SELECT count(*) FROM loans WHERE returned_at < borrowed_at OR returned_at > borrowed_at + interval '22 days')::int AS loans`);
    assert.deepEqual(p, { before_join: 0, before_hire: 0, invoices: 0, loans: 0 });
  });

  test('an address is one place, a staff table one country with one head', async () => {
    const [m] = await q('store', `SELECT
        count(*) FILTER (WHERE (city IS NULL) <> (country IS NULL))::int AS apart,
        count(*) FILTER (WHERE country = 'USA' AND (state !~ '^[A-Z]{2}$' OR phone !~ '^\\+1 \\(')) ::int AS bad_us,
        count(*) FILTER (WHERE country IN ('France', 'Germany', 'United Kingdom') AND state IS NOT NULL)::int AS stray_state FROM members`);
    assert.deepEqual(m, { apart: 0, bad_us: 0, stray_state: 0 });
    const [s] = await q('store', 'SELECT count(DISTINCT country)::int AS countries, count(*) FILTER (WHERE reports_to IS NULL)::int AS heads FROM staff');
    assert.deepEqual(s, { countries: 1, heads: 1 });
  });
});
