import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { deriveHints, evaluateValue, notEvaluable, parseCheck } from '../src/seeders/check/index.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, ROOT, seedClean, tempDir, valid, withDb } from './support/sqlite.ts';

// Defects a twelfth round of acceptance trials on real schemas found, each as a small schema of
// the project's own (test/fixtures/trials12-*).

const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', name), 'utf8');

describe('age(), make_interval() and interval columns in the CHECK evaluator', () => {
  const pg = { dialect: 'postgres' as const };
  const value = (sql: string, row: Record<string, unknown> = {}) => String(evaluateValue(parseCheck(sql), row, pg));

  test('age() borrows as PostgreSQL does; make_interval takes named arguments; an interval column adds to a timestamp', () => {
    // Each value as PostgreSQL 18 printed it.
    assert.equal(value("age('2024-02-29'::date, '2023-03-31'::date)"), '10 mons 29 days');
    assert.equal(value("age('2024-03-31'::date, '2024-01-31'::date)"), '2 mons');
    assert.equal(value("age('2024-01-01 10:00'::timestamp, '2023-12-31 12:00'::timestamp)"), '22:00:00');
    assert.equal(value("age('2020-01-01'::date, '2002-01-02'::date) >= '18 years'::interval"), 'true');
    assert.equal(value('make_interval(days => 3, hours => 2)'), '3 days 02:00:00');
    assert.equal(value('make_interval(0, 1)'), '1 mon');
    assert.equal(value("s + make_interval(months => n)", { s: '2024-01-31', n: 1 }), '2024-02-29 00:00:00');
    assert.equal(value('start_at + duration', { start_at: '2021-05-18 12:28:03+00', duration: '00:06:42' }), '2021-05-18 12:34:45');
    assert.equal(notEvaluable(parseCheck("age(born) >= '18 years'::interval")), undefined);
    assert.throws(() => parseCheck('f(a => 1)'), /named arguments of f\(\)/);
    // date_trunc, as PostgreSQL 18 printed it (ISO weeks start on Monday; centuries in 1901).
    assert.equal(value("date_trunc('week', '2024-02-17'::date)"), '2024-02-12 00:00:00');
    assert.equal(value("date_trunc('quarter', '2024-05-17'::date)"), '2024-04-01 00:00:00');
    assert.equal(value("date_trunc('century', '2000-05-17'::date)"), '1901-01-01 00:00:00');
    assert.equal(value("(date_trunc('month', '2024-02-10'::timestamptz) + '1 mon -1 days'::interval)::date"), '2024-02-29');
  });

  test('"only these characters" (NOT GLOB \'*[^set]*\', !~ \'[^set]\') and strftime formats become the column\'s shape', () => {
    const hint = (sql: string) => deriveHints([parseCheck(sql)]).columns.get('k');
    assert.equal(hint("k NOT GLOB '*[^a-z0-9_.]*'")?.pattern, '^[a-z0-9_.]*$');
    assert.equal(hint("k !~ '[^a-z0-9_]'")?.pattern, '^[a-z0-9_]*$');
    assert.equal(hint("strftime('%Y-%m-%dT%H:%M:%fZ', k) = k")?.dateFormat, '%Y-%m-%dT%H:%M:%fZ');
    assert.equal(hint('date(k) = k')?.dateFormat, '%Y-%m-%d');
  });
});

describe("PostgreSQL: the twelfth trials' schemas (periods, accounting, days, whole numbers, opening hours)", () => {
  let pg: PgServer;
  before(async () => {
    pg = await startPostgres();
    await pg.createDatabase('periods', fixture('trials12-periods.sql'));
    await pg.createDatabase('books', fixture('trials12-books.sql'));
    await pg.createDatabase('days', fixture('trials12-days.sql'));
    await pg.createDatabase('whole', fixture('trials12-whole.sql'));
    await pg.createDatabase('booking', fixture('trials12-booking.sql'));
    await pg.createDatabase('arrays', fixture('trials12-arrays.sql'));
    await pg.createDatabase('text', fixture('trials12-text.sql'));
    await pg.createDatabase('math', fixture('trials12-math.sql'));
    await pg.createDatabase('steps', fixture('trials12-steps.sql'));
  });
  after(async () => { await pg?.stop(); });

  test('every table is filled, PostgreSQL finds no violation, and the rows are what the CHECKs say', async () => {
    // Before: financial_years, rentals, terms ("conflicting key value violates exclusion
    // constraint"), shows, appts, members and subs ("No row … passes CHECK") were left out.
    const url = pg.url('periods');
    seedClean(url, '--rows', '120');
    valid(url);
    const [n] = await pg.query<Record<string, number>>('periods', `SELECT
      (SELECT count(*) FROM financial_years WHERE end_date = (start_date + interval '1 year' - interval '1 day')::date)::int AS financial_years,
      (SELECT count(*) FROM screenings WHERE ends_at - starts_at = interval '90 minutes')::int AS screenings,
      (SELECT count(*) FROM rentals WHERE ends_at - starts_at = interval '2 hours')::int AS rentals,
      (SELECT count(*) FROM rotas WHERE week_to - week_from = 6)::int AS rotas,
      (SELECT count(*) FROM terms)::int AS terms,
      (SELECT count(*) FROM shows)::int AS shows,
      (SELECT count(*) FROM lessons)::int AS lessons,
      (SELECT count(*) FROM appts WHERE end_at > start_at)::int AS appts,
      (SELECT count(*) FROM members WHERE joined <= current_date)::int AS members,
      (SELECT count(*) FROM subs)::int AS subs`);
    assert.deepEqual(n, { financial_years: 120, screenings: 120, rentals: 120, rotas: 120, terms: 120, shows: 120, lessons: 120, appts: 120, members: 120, subs: 120 });
    // A company's financial years follow one another (several per company, none overlapping).
    const [fy] = await pg.query<{ companies: number }>('periods', 'SELECT count(DISTINCT company_id)::int AS companies FROM financial_years');
    assert.ok(fy.companies < 120, JSON.stringify(fy));
  });

  test('plan --explain says the timeline takes its lengths from the CHECK', () => {
    const r = cli(['plan', '--db', pg.url('periods'), '--explain', '--no-learn']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /exclude financial_years_company_id_daterange_excl .*: ranges laid out per company_id on a timeline \(days\): each row starts a gap after the previous one ends, so none overlap; start_date, end_date written by the engine, each range's length from CHECK \(\(end_date = \(\(\(start_date \+ '1 year'::interval\) - '1 day'::interval\)\)::date\)\) \(end_date set from start_date\)$/m);
    assert.match(r.stdout, /row CHECK \(\(age\(\(joined\)::timestamp with time zone, \(born\)::timestamp with time zone\) >= '18 years'::interval\)\): born kept <= the bound from joined/);
  });

  test('accounting: subtype tables take only parents of their CHECK\'s type through a composite key; periods on whole months and years', async () => {
    // Before: invoices ("violates check constraint invoices_transaction_type_check"), payments
    // (its parent invoices left out), billing_periods and fiscal_years ("No row … passes CHECK
    // (… date_trunc …) (checked by the database)") were left out.
    const url = pg.url('books');
    seedClean(url, '--rows', '100');
    valid(url);
    const [n] = await pg.query<Record<string, number>>('books', `SELECT
      (SELECT count(*) FROM invoices)::int AS invoices, (SELECT count(*) FROM payments)::int AS payments,
      (SELECT count(*) FROM billing_periods WHERE extract(day FROM period_start) = 1 AND period_end = (period_start + interval '1 month')::date - 1)::int AS billing_periods,
      (SELECT count(*) FROM fiscal_years WHERE to_char(opens, 'MM-DD') = '01-01')::int AS fiscal_years,
      (SELECT count(*) FROM transactions t JOIN invoices i ON i.transaction_id = t.id WHERE t.transaction_type = 'invoice')::int AS invoice_parents`);
    // One invoice per invoice transaction at most (its key is the transaction's): about a quarter of 100.
    assert.ok(n.invoices > 10 && n.payments > 10 && n.invoice_parents === n.invoices, JSON.stringify(n));
    assert.equal(n.billing_periods, 100);
    assert.equal(n.fiscal_years, 100);
  });

  test('times kept on one day by a cast to date: the column is set within that day', async () => {
    // Before: "No row of events satisfies CHECK (((starts_at)::date = (ends_at)::date)) after 60 attempts".
    const url = pg.url('days');
    seedClean(url, '--rows', '100');
    valid(url);
    const [n] = await pg.query<Record<string, number>>('days', `SELECT
      (SELECT count(*) FROM events WHERE starts_at::date = ends_at::date AND starts_at < ends_at)::int AS events,
      (SELECT count(DISTINCT starts_at::date) FROM events)::int AS days,
      (SELECT count(*) FROM shifts WHERE clock_in::date = work_day)::int AS shifts`);
    assert.ok(n.events === 100 && n.shifts === 100 && n.days > 50, JSON.stringify(n));
  });

  test('whole numbers in numeric and real columns (x = trunc(x), round, floor, x % 1 = 0)', async () => {
    // Before: "No row of devices satisfies CHECK ((serial_no = trunc(serial_no))) after 60 attempts".
    const url = pg.url('whole');
    seedClean(url, '--rows', '100');
    valid(url);
    const [n] = await pg.query<{ n: number }>('whole', 'SELECT count(*)::int AS n FROM devices WHERE serial_no = trunc(serial_no) AND batch = trunc(batch) AND units = trunc(units)');
    assert.equal(n.n, 100);
  });
  test('a timestamp cast to time is its clock time (it was the whole timestamp, compared as text): bookings and deliveries within the hours', async () => {
    // Before: "violates check constraint bookings_check2" for both tables (the engine passed 03:30).
    assert.equal(String(evaluateValue(parseCheck("(starts_at)::time without time zone"), { starts_at: '2023-09-16 03:30:00+00' }, { dialect: 'postgres' })), '03:30:00');
    const url = pg.url('booking');
    seedClean(url, '--rows', '200');
    valid(url);
    const [n] = await pg.query<Record<string, number>>('booking', `SELECT
      (SELECT count(*) FROM bookings WHERE starts_at::time >= '08:00' AND ends_at::time <= '22:00')::int AS bookings,
      (SELECT count(*) FROM deliveries WHERE due_at::time BETWEEN '09:00' AND '17:00')::int AS deliveries`);
    assert.deepEqual(n, { bookings: 200, deliveries: 200 });
  });
  test('number arrays whose CHECK bounds their elements (coords[1] BETWEEN …, 0 <= ALL (color)) and a point\'s location[0]', async () => {
    // Before: spots ("No row of spots passes CHECK … (checked by the database)": subscripts were
    // not read) and rgb ("No row of rgb satisfies CHECK") were left out.
    assert.equal(String(evaluateValue(parseCheck('a[2]'), { a: [5, 7] }, { dialect: 'postgres' })), '7');
    assert.equal(String(evaluateValue(parseCheck('p[1]'), { p: '(1.5,-2)' }, { dialect: 'postgres' })), '-2');
    const url = pg.url('arrays');
    seedClean(url, '--rows', '100');
    valid(url);
    const [n] = await pg.query<Record<string, number>>('arrays', `SELECT
      (SELECT count(*) FROM spots)::int AS spots, (SELECT count(*) FROM rgb WHERE 0 <= ALL (color) AND 255 >= ALL (color))::int AS rgb,
      (SELECT count(*) FROM scores)::int AS scores, (SELECT count(*) FROM places)::int AS places`);
    assert.deepEqual(n, { spots: 100, rgb: 100, scores: 100, places: 100 });
    const plan = cli(['plan', '--db', url, '--explain', '--no-learn']);
    assert.doesNotMatch(plan.stdout + plan.stderr, /not understood|subscripts/);
  });
  test('text in the case a CHECK asks (lower(code) = code) and addresses inside a network (ip << \'10.0.0.0/8\'::inet)', async () => {
    // Before: staff ("No row of staff satisfies CHECK ((lower(code) = code) …)") and nets (the
    // engine read << as a bit shift, and the database refused the rows) were left out.
    assert.equal(String(evaluateValue(parseCheck("ip << '10.0.0.0/8'::inet"), { ip: '11.0.0.1' }, { dialect: 'postgres' })), 'false');
    assert.equal(String(evaluateValue(parseCheck('1 << 3'), {}, { dialect: 'postgres' })), '8');
    const url = pg.url('text');
    seedClean(url, '--rows', '200');
    valid(url);
    const [n] = await pg.query<Record<string, number>>('text', `SELECT
      (SELECT count(*) FROM staff WHERE code = lower(code) AND currency = upper(currency))::int AS staff,
      (SELECT count(DISTINCT ip) FROM nets WHERE ip << '10.0.0.0/8' AND gateway << '192.168.0.0/16' AND net << '172.16.0.0/12')::int AS nets`);
    assert.ok(n.staff === 200 && n.nets > 190, JSON.stringify(n));
  });
  test('round() on numeric rounds the decimal value (147.95 * 0.5 = 73.975 → 73.98), not the double just below it', async () => {
    // Before: "violates check constraint prices_check (… 147.95, 50.00, 73.97)": prices left out.
    assert.equal(String(evaluateValue(parseCheck('round(147.95 * 0.5, 2)'), {}, { dialect: 'postgres' })), '73.98');
    assert.equal(String(evaluateValue(parseCheck('round(147.95 * 0.5, 2)'), {}, { dialect: 'sqlite' })), '73.97');
    const url = pg.url('math');
    seedClean(url, '--rows', '300');
    valid(url);
    const [n] = await pg.query<Record<string, number>>('math', 'SELECT (SELECT count(*) FROM prices)::int AS prices, (SELECT count(*) FROM splits)::int AS splits');
    assert.deepEqual(n, { prices: 300, splits: 300 });
  });
  test('numbers on a step a CHECK sets: minutes % 15 = 0, mod(price, 25) = 0, hours * 2 = floor(hours * 2)', async () => {
    // Before: "No row of issues satisfies CHECK (… (estimate_hours * (2)::numeric) = floor(…))"; its children left out too.
    const url = pg.url('steps');
    seedClean(url, '--rows', '200');
    valid(url);
    const [n] = await pg.query<Record<string, number>>('steps', `SELECT
      (SELECT count(*) FROM issues)::int AS issues, (SELECT count(*) FROM time_entries)::int AS entries,
      (SELECT count(DISTINCT minutes) FROM time_entries)::int AS minutes, (SELECT count(DISTINCT estimate_hours) FROM issues)::int AS estimates`);
    assert.ok(n.issues === 200 && n.entries === 200 && n.minutes > 5 && n.estimates > 5, JSON.stringify(n));
  });
});

describe('SQLite: whole numbers, time formats and character sets said by a CHECK', () => {
  const dir = tempDir();
  after(() => cleanup(dir));

  test('every row is a whole number where the CHECK says so, and SQLite finds no violation', () => {
    const file = join(dir, 'whole.db');
    createDb(file, fixture('trials12-whole.sql'));
    seedClean(`sqlite:${file}`, '--rows', '100');
    valid(`sqlite:${file}`);
    assert.deepEqual(counts(file), { devices: 100 });
    const n = withDb(file, (db) => db.prepare('SELECT count(*) AS n FROM devices WHERE serial_no = round(serial_no) AND batch = round(batch) AND (weight_g IS NULL OR weight_g = round(weight_g))').get() as { n: number });
    assert.equal(n.n, 100);
  });

  test('ISO 8601 times in strftime\'s format (JavaScript\'s toISOString) and keys made of a set of characters', () => {
    // Before: notes ("No row of notes satisfies CHECK (strftime('%Y-%m-%dT%H:%M:%fZ', created_at) =
    // created_at)"), events (its parent) and kv ("its keys (k) do not meet CHECK") were left out.
    const file = join(dir, 'formats.db');
    createDb(file, fixture('trials12-sqlite.sql'));
    seedClean(`sqlite:${file}`, '--rows', '100');
    valid(`sqlite:${file}`);
    assert.deepEqual(counts(file), { notes: 100, events: 100, kv: 100, handles: 100 });
    const n = withDb(file, (db) => db.prepare("SELECT count(*) AS n FROM notes WHERE created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'").get() as { n: number });
    assert.equal(n.n, 100);
  });
});
