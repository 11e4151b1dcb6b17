import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanup, cli, createDb, Database, dump, tempDir } from './support/sqlite.ts';

// Learning from the rows already there (issue #15 item 9): a table that holds rows gets new ones
// that follow them — value sets at their frequencies, numeric ranges and decimals, date spans,
// NULL rates, which parents children go to — while unique columns go on making new values and
// CHECKs hold. A fixture of the project's own: a hand-made billing database.

const dir = tempDir('seedbed-learn-');
after(() => cleanup(dir));

const SCHEMA = `
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  tier TEXT NOT NULL CHECK (tier IN ('free', 'pro', 'team', 'enterprise')),
  email TEXT NOT NULL UNIQUE
);
CREATE TABLE invoices (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  status TEXT NOT NULL,
  amount NUMERIC(10, 2) NOT NULL CHECK (amount > 0),
  note TEXT,
  issued_on DATE NOT NULL
);
CREATE TABLE invoice_lines (
  id INTEGER PRIMARY KEY,
  invoice_id INTEGER NOT NULL REFERENCES invoices(id),
  quantity INTEGER NOT NULL
);
CREATE TABLE agents (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE genres (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE songs (id INTEGER PRIMARY KEY, genre_id INTEGER NOT NULL REFERENCES genres(id), title TEXT NOT NULL);
CREATE TABLE tickets (id INTEGER PRIMARY KEY, agent_id INTEGER REFERENCES agents(id), subject TEXT NOT NULL);
`;

/** 20 customers (15 free, 5 pro), 200 invoices (70 % paid, 20 % sent, 10 % draft; 20.00–80.00;
 *  a note on every tenth; issued in 2019), 3 lines each; 6 agents of whom tickets name only 2 and 5. */
function handMade(file: string): void {
  createDb(file, SCHEMA);
  const db = new Database(file);
  const sql: string[] = ['BEGIN'];
  for (let i = 1; i <= 20; i++) sql.push(`INSERT INTO customers VALUES (${i}, 'Customer ${i}', '${i % 4 === 0 ? 'pro' : 'free'}', 'c${i}@example.com')`);
  for (let i = 1; i <= 200; i++) {
    const status = i % 10 < 7 ? 'paid' : i % 10 < 9 ? 'sent' : 'draft';
    const amount = (20 + ((i * 37) % 6001) / 100).toFixed(2);
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    sql.push(`INSERT INTO invoices VALUES (${i}, ${1 + (i % 20)}, '${status}', ${amount}, ${i % 10 === 0 ? `'late fee waived'` : 'NULL'}, '2019-${month}-${day}')`);
    for (let k = 0; k < 3; k++) sql.push(`INSERT INTO invoice_lines VALUES (${(i - 1) * 3 + k + 1}, ${i}, 1)`);
  }
  for (let i = 1; i <= 6; i++) sql.push(`INSERT INTO agents VALUES (${i}, 'Agent ${i}')`);
  for (let i = 1; i <= 60; i++) sql.push(`INSERT INTO tickets VALUES (${i}, ${i % 2 ? 2 : 5}, 'Ticket ${i}')`);
  ['Rock', 'Jazz', 'Blues', 'Pop', 'Metal', 'Reggae'].forEach((g, i) => sql.push(`INSERT INTO genres VALUES (${i + 1}, '${g}')`));
  sql.push('COMMIT');
  db.exec(sql.join(';\n'));
  db.close();
}

function rows(file: string, sql: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true });
  try { return db.prepare(sql).all() as Record<string, unknown>[]; } finally { db.close(); }
}

const share = (file: string, sql: string) => Number(rows(file, sql)[0].x);

describe('new rows follow the rows already in the table', () => {
  const file = join(dir, 'billing.db');
  const url = `sqlite:${file}`;
  handMade(file);
  let explain = '';

  test('plan --explain says what was learned and from how many rows', () => {
    const r = cli(['plan', '--explain', '--top-up', '--rows', '1000', '--tables', 'invoices,customers', '--db', url]);
    assert.equal(r.code, 0, r.stderr);
    explain = r.stdout;
    const line = (c: string) => explain.split('\n').find((l) => l.startsWith(`  ${c} `))?.replace(/ +/g, ' ');
    assert.equal(line('status'), ` status status.payment.context learned from 200 existing rows: values 'paid' 70 %, 'sent' 20 %, 'draft' 10 % (instead of rule status.payment.context) [text-like]`);
    assert.equal(line('amount'), ' amount money.amount learned from 200 existing rows: numbers 20.3–79.94 (median 43.31) (instead of rule money.amount)');
    assert.equal(line('note'), ` note content.notes learned from 200 existing rows: values 'late fee waived' 100 %; NULL 90 % (instead of rule content.notes) [text-like]`);
    assert.equal(line('issued_on'), ' issued_on time.start learned from 200 existing rows: dates 2019-01-01..2019-12-28 (instead of rule time.start)');
    assert.equal(line('tier'), ` tier check.oneOf learned from 20 existing rows: values 'free' 75 %, 'pro' 25 % (instead of check.oneOf) [text-like]`);
    // A unique column goes on making new values: nothing learned about its values.
    assert.doesNotMatch(explain.split('\n').find((l) => /^\s+email\s/.test(l)) ?? '', /learned/);
  });

  test('seed --top-up: new rows take the learned values, the database finds no violation', () => {
    const r = cli(['seed', '--top-up', '--rows', '1000', '--tables', 'invoices,customers', '--seed', '7', '--db', url]);
    assert.equal(r.code, 0, r.stderr);
    const n = share(file, 'SELECT count(*) AS x FROM invoices WHERE id > 200');
    assert.equal(n, 800);
    const status = Object.fromEntries(rows(file, 'SELECT status, count(*) AS n FROM invoices WHERE id > 200 GROUP BY status').map((x) => [x.status, Number(x.n) / n]));
    assert.deepEqual(Object.keys(status).sort(), ['draft', 'paid', 'sent']);
    assert.ok(Math.abs(status.paid - 0.7) < 0.06 && Math.abs(status.sent - 0.2) < 0.05 && Math.abs(status.draft - 0.1) < 0.04, JSON.stringify(status));
    const a = rows(file, 'SELECT min(amount) AS lo, max(amount) AS hi, sum(abs(amount * 100 - round(amount * 100)) > 1e-6) AS odd FROM invoices WHERE id > 200')[0];
    assert.ok(Number(a.lo) >= 20 && Number(a.hi) <= 80, `amounts ${a.lo}..${a.hi}`);
    assert.equal(Number(a.odd), 0, 'two decimals at most');
    const nulls = share(file, 'SELECT avg(note IS NULL) AS x FROM invoices WHERE id > 200');
    assert.ok(Math.abs(nulls - 0.9) < 0.05, `note NULL in ${nulls}`);
    const d = rows(file, 'SELECT min(issued_on) AS lo, max(issued_on) AS hi FROM invoices WHERE id > 200')[0];
    assert.ok(String(d.lo) >= '2019-01-01' && String(d.hi) <= '2019-12-31', `dates ${d.lo}..${d.hi}`);
    assert.match(String(d.lo), /^\d{4}-\d\d-\d\d$/, 'a day, as the existing rows hold');
    // Tiers: only the two seen, at about their shares; emails new and distinct.
    const tiers = rows(file, 'SELECT tier, count(*) AS n FROM customers WHERE id > 20 GROUP BY tier ORDER BY tier').map((x) => `${x.tier}`);
    assert.deepEqual(tiers, ['free', 'pro']);
    const pro = share(file, `SELECT avg(tier = 'pro') AS x FROM customers WHERE id > 20`);
    assert.ok(Math.abs(pro - 0.25) < 0.05, `pro ${pro}`);
    assert.equal(share(file, 'SELECT count(DISTINCT email) AS x FROM customers'), 1000);
    const v = cli(['validate', '--db', url]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('children go where the existing rows say: lines to new invoices, tickets to the agents in use', () => {
    const x = cli(['plan', '--explain', '--top-up', '--rows', '3000', '--tables', 'invoice_lines,tickets,agents', '--db', url]);
    assert.equal(x.code, 0, x.stderr);
    assert.match(x.stdout, /invoice_id {2}→ invoices\.id {6}fk → invoices\.id; learned from 600 existing rows: 200 invoices rows have theirs already \(3 each\): new rows go to the other 800, as many each as those have\n/);
    assert.match(x.stdout, /agent_id\s+→ agents\.id\s+fk → agents\.id; learned from 60 existing rows: only 2 of 6 agents rows are used, each often: new rows use the same 2; NULL 0 %\n/);
  });

  test('lines: every new line goes to a new invoice; tickets: agents 2 and 5 only', () => {
    // 1000 invoices (200 hand-made, 800 topped up) with 3 lines each already for the first 200.
    const r = cli(['seed', '--top-up', '--rows', '3000', '--tables', 'invoice_lines,tickets,agents', '--seed', '7', '--db', url]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(share(file, 'SELECT count(*) AS x FROM invoice_lines WHERE id > 600 AND invoice_id <= 200'), 0);
    // 3 lines each, as the hand-made invoices have (the last one may get fewer).
    assert.ok(share(file, 'SELECT count(*) AS x FROM (SELECT invoice_id FROM invoice_lines WHERE id > 600 GROUP BY invoice_id HAVING count(*) <> 3)') <= 1);
    assert.deepEqual(rows(file, 'SELECT DISTINCT agent_id AS a FROM tickets ORDER BY a').map((t) => t.a), [2, 5]);
    const v = cli(['validate', '--db', url]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('a label table: new labels differ from the existing ones', () => {
    const x = cli(['plan', '--explain', '--top-up', '--rows', '12', '--tables', 'genres', '--db', url]);
    assert.equal(x.code, 0, x.stderr);
    assert.match(x.stdout, /name {2}music\.genre\.context {2}rule music\.genre\.context .*; learned from 6 existing rows: new values differ from the 6 existing ones \[text-like\]\n/);
    const r = cli(['seed', '--top-up', '--rows', '12', '--tables', 'genres', '--db', url]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(share(file, 'SELECT count(DISTINCT name) AS x FROM genres'), 12);
  });

  test('same seed, same rows; --no-learn and an empty database learn nothing', () => {
    const a = join(dir, 'a.db');
    const b = join(dir, 'b.db');
    handMade(a);
    handMade(b);
    for (const f of [a, b]) assert.equal(cli(['seed', '--top-up', '--rows', '300', '--seed', '3', '--db', `sqlite:${f}`]).code, 0);
    assert.equal(dump(a), dump(b));
    const off = cli(['plan', '--explain', '--top-up', '--rows', '300', '--no-learn', '--db', `sqlite:${a}`]);
    assert.equal(off.code, 0, off.stderr);
    assert.doesNotMatch(off.stdout, /learned/);
    const empty = join(dir, 'empty.db');
    createDb(empty, SCHEMA);
    const e = cli(['plan', '--explain', '--db', `sqlite:${empty}`]);
    assert.equal(e.code, 0, e.stderr);
    assert.doesNotMatch(e.stdout, /learned/);
  });
});
