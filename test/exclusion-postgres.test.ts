import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, cli, seedClean, tempDir, valid, warnings } from './support/sqlite.ts';
import { exclusionViolationsSql } from '../src/seeders/validate/exclusion.ts';
import type { TableInfo } from '../src/seeders/schema/model.ts';

// EXCLUDE constraints planned by the engine (generate/exclusion-forms.ts, generate/timeline.ts):
// at sizes where drawn ranges would certainly collide (5,000 bookings over 20 rooms), every
// table fills, PostgreSQL accepts every row (the constraint is enforced at insert), validate
// finds nothing, and the same seed gives the same rows.

const dir = tempDir();
after(() => cleanup(dir));

/** A config giving these tables these row counts (the others get --rows). */
function rowsConfig(name: string, rows: Record<string, number>): string {
  const f = join(dir, `${name}.config.mjs`);
  writeFileSync(f, `export default ${JSON.stringify({ tables: Object.fromEntries(Object.entries(rows).map(([t, n]) => [t, { rows: n }])) })};`);
  return f;
}

let pg: PgServer;
before(async () => { pg = await startPostgres(); });
after(async () => { await pg?.stop(); });

const count = async (db: string, t: string) => Number((await pg.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${t}`))[0].n);

/** Pairs of rows of `table` that break the constraint, asked of PostgreSQL directly. */
async function overlaps(db: string, table: string, on: string): Promise<number> {
  return Number((await pg.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${table} a JOIN ${table} b ON a.ctid < b.ctid AND ${on}`))[0].n);
}

const ROOMS = `
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE rooms (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE reservations (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms (id), guest text NOT NULL,
  during tstzrange NOT NULL, EXCLUDE USING gist (room_id WITH =, during WITH &&));`;

describe('EXCLUDE constraints are planned', () => {
  test('a range column per room: 5,000 reservations over 20 rooms, all in, 0 violations, same seed → same rows', async () => {
    await pg.createDatabase('excl_rooms', ROOMS);
    const url = pg.url('excl_rooms');
    const config = rowsConfig('rooms', { rooms: 20, reservations: 5000 });
    seedClean(url, '--config', config, '--seed', '7');
    assert.equal(await count('excl_rooms', 'rooms'), 20);
    assert.equal(await count('excl_rooms', 'reservations'), 5000);
    assert.equal(await overlaps('excl_rooms', 'reservations', 'a.room_id = b.room_id AND a.during && b.during'), 0);
    // A room holds only so many reservations a day: they spread mildly over the rooms, not as a
    // lookup's rows would (a few rooms with most of them, years ahead).
    const [busiest] = await pg.query<{ n: string }>('excl_rooms', 'SELECT count(*) AS n FROM reservations GROUP BY room_id ORDER BY 1 DESC LIMIT 1');
    assert.ok(Number(busiest.n) < 750, `busiest room: ${busiest.n} of 5000`);
    valid(url);
    const first = await pg.query('excl_rooms', 'SELECT room_id, during::text FROM reservations ORDER BY id');
    assert.equal(cli(['undo', '--yes', '--db', url]).code, 0);
    seedClean(url, '--config', config, '--seed', '7');
    assert.deepEqual(await pg.query('excl_rooms', 'SELECT room_id, during::text FROM reservations ORDER BY id'), first);
  });

  test('a second seed (same seed) adds rows after each room\'s existing reservations; a top-up too', async () => {
    await pg.createDatabase('excl_again', ROOMS);
    const url = pg.url('excl_again');
    const config = rowsConfig('again', { rooms: 10, reservations: 2000 });
    seedClean(url, '--config', config, '--seed', '5');
    seedClean(url, '--config', config, '--seed', '5');
    assert.equal(await count('excl_again', 'reservations'), 4000);
    seedClean(url, '--config', rowsConfig('again-top', { rooms: 20, reservations: 4500 }), '--top-up', '--seed', '5');
    assert.equal(await count('excl_again', 'reservations'), 4500);
    assert.equal(await overlaps('excl_again', 'reservations', 'a.room_id = b.room_id AND a.during && b.during'), 0);
    valid(url);
  });

  test('an existing reservation with no end closes its room: the rows drawn for it are left out, named; the other rooms fill', async () => {
    await pg.createDatabase('excl_open', `${ROOMS}
INSERT INTO rooms (name) SELECT 'Room ' || i FROM generate_series(1, 10) i;
INSERT INTO reservations (room_id, guest, during) VALUES (1, 'Long stay', '[2024-01-01 00:00,)'), (2, 'Short stay', '[2024-01-01 10:00,2024-01-01 12:00)');`);
    const url = pg.url('excl_open');
    const r = cli(['seed', '--db', url, '--config', rowsConfig('open', { rooms: 0, reservations: 1000 })]);
    assert.equal(r.code, 0, r.stderr);
    const made = await count('excl_open', 'reservations') - 2;
    assert.ok(made > 500 && made < 1000, `${made} made`);
    assert.deepEqual(warnings(r.stderr), [`warning: reservations: ${1000 - made} row(s) left out: EXCLUDE reservations_room_id_during_excl USING gist (room_id WITH =, during WITH &&): an existing row's range never ends (for its room_id)`]);
    assert.equal(await count('excl_open', 'reservations WHERE room_id = 1'), 1);
    valid(url);
  });

  test('a range from a date and two times, with a WHERE and opening hours: 5,000 bookings over 20 courts', async () => {
    await pg.createDatabase('excl_courts', `
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE courts (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE bookings (id serial PRIMARY KEY, court_id int NOT NULL REFERENCES courts (id), booking_date date NOT NULL,
  start_time time NOT NULL, end_time time NOT NULL, status text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled', 'pending')),
  CHECK (start_time >= '08:00' AND end_time <= '22:00'),
  EXCLUDE USING gist (court_id WITH =, tsrange(booking_date + start_time, booking_date + end_time, '[)') WITH &&) WHERE (status <> 'cancelled'));`);
    const url = pg.url('excl_courts');
    seedClean(url, '--config', rowsConfig('courts', { courts: 20, bookings: 5000 }));
    assert.equal(await count('excl_courts', 'bookings'), 5000);
    assert.equal(await overlaps('excl_courts', 'bookings', `a.court_id = b.court_id AND a.status <> 'cancelled' AND b.status <> 'cancelled'
      AND tsrange(a.booking_date + a.start_time, a.booking_date + a.end_time) && tsrange(b.booking_date + b.start_time, b.booking_date + b.end_time)`), 0);
    // Real bookings: a few hours long, within opening hours, several a day on a busy court.
    const [shape] = await pg.query<{ short: string; days: string; inside: string }>('excl_courts', `SELECT
      count(*) FILTER (WHERE end_time - start_time BETWEEN '30 minutes' AND '3 hours') AS short,
      count(DISTINCT (court_id, booking_date)) AS days, count(*) FILTER (WHERE start_time >= '08:00' AND end_time <= '22:00') AS inside FROM bookings`);
    assert.equal(Number(shape.short), 5000);
    assert.equal(Number(shape.inside), 5000);
    assert.ok(Number(shape.days) < 2500, `bookings spread over ${shape.days} court-days`);
    valid(url);
  });

  test('no equality part (the whole table is one timeline), both bounds inclusive: 5,000 slots, none touching', async () => {
    await pg.createDatabase('excl_slots', `
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE maintenance_windows (id serial PRIMARY KEY, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL, note text,
  CHECK (ends_at > starts_at), EXCLUDE USING gist (tstzrange(starts_at, ends_at, '[]') WITH &&));`);
    const url = pg.url('excl_slots');
    seedClean(url, '--rows', '5000', '--seed', '3');
    assert.equal(await count('excl_slots', 'maintenance_windows'), 5000);
    assert.equal(await overlaps('excl_slots', 'maintenance_windows', `tstzrange(a.starts_at, a.ends_at, '[]') && tstzrange(b.starts_at, b.ends_at, '[]')`), 0);
    // One timeline of 5,000 rows stays within a few years (its lengths and gaps shrink as it grows).
    const [span] = await pg.query<{ years: number }>('excl_slots', `SELECT extract(epoch FROM max(ends_at) - min(starts_at)) / 31557600 AS years FROM maintenance_windows`);
    assert.ok(span.years < 6, `${span.years} years`);
    valid(url);
  });

  test('a generated range column (daterange of two dates) per unit', async () => {
    await pg.createDatabase('excl_stays', `
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE units (id serial PRIMARY KEY, label text NOT NULL);
CREATE TABLE stays (id serial PRIMARY KEY, unit_id int NOT NULL REFERENCES units (id), check_in date NOT NULL, check_out date NOT NULL,
  period daterange GENERATED ALWAYS AS (daterange(check_in, check_out)) STORED,
  EXCLUDE USING gist (unit_id WITH =, period WITH &&));`);
    const url = pg.url('excl_stays');
    seedClean(url, '--config', rowsConfig('stays', { units: 10, stays: 3000 }));
    assert.equal(await count('excl_stays', 'stays'), 3000);
    assert.equal(await overlaps('excl_stays', 'stays', 'a.unit_id = b.unit_id AND a.period && b.period'), 0);
    valid(url);
  });

  test('two constraints over one range (per room, per speaker) share a timeline; a range rebuilt from a column\'s own bounds', async () => {
    await pg.createDatabase('excl_talks', `
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE rooms (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE speakers (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE talks (id serial PRIMARY KEY, room_id int NOT NULL REFERENCES rooms (id), speaker_id int NOT NULL REFERENCES speakers (id), during tsrange NOT NULL,
  EXCLUDE USING gist (room_id WITH =, during WITH &&), EXCLUDE USING gist (speaker_id WITH =, during WITH &&));
CREATE TABLE holds (id serial PRIMARY KEY, during tsrange NOT NULL, EXCLUDE USING gist (tsrange(lower(during), upper(during), '()') WITH &&));`);
    const url = pg.url('excl_talks');
    const x = cli(['plan', '--explain', '--db', url, '--rows', '10']);
    assert.match(x.stdout, /^ {2}exclude talks_speaker_id_during_excl USING gist \(speaker_id WITH =, during WITH &&\): ranges laid out over the whole table \(its range is also EXCLUDE talks_room_id_during_excl's: one timeline meets both\)/m);
    seedClean(url, '--config', rowsConfig('talks', { rooms: 10, speakers: 10, talks: 2000, holds: 2000 }));
    assert.equal(await count('excl_talks', 'talks'), 2000);
    assert.equal(await count('excl_talks', 'holds'), 2000);
    valid(url);
  });

  test('versions valid for months (a range of timestamps cast to dates, an open end as coalesce): 500 prices over 50 products', async () => {
    await pg.createDatabase('excl_prices', `
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE products (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE product_prices (id serial PRIMARY KEY, product_id int NOT NULL REFERENCES products (id), amount numeric(10,2) NOT NULL,
  valid_from timestamp NOT NULL, valid_to timestamp,
  EXCLUDE USING gist (product_id WITH =, daterange(valid_from::date, coalesce(valid_to, 'infinity')::date, '[)') WITH &&));`);
    const url = pg.url('excl_prices');
    const x = cli(['plan', '--explain', '--db', url, '--rows', '10']);
    assert.match(x.stdout, /^ {2}exclude product_prices_product_id_daterange_excl .*: ranges laid out per product_id on a timeline \(days, each range months long\)/m);
    seedClean(url, '--config', rowsConfig('prices', { products: 50, product_prices: 500 }));
    assert.equal(await count('excl_prices', 'product_prices'), 500);
    const [days] = await pg.query<{ d: number }>('excl_prices', 'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY valid_to::date - valid_from::date) AS d FROM product_prices');
    assert.ok(days.d >= 60, `median validity ${days.d} days`);
    valid(url);
  });

  test('a start and a length (duration × interval, make_interval, a fixed interval): 3,000 appointments over 15 vets, the duration\'s CHECK kept', async () => {
    await pg.createDatabase('excl_spans', `
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE vets (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE appointments (id serial PRIMARY KEY, vet_id int NOT NULL REFERENCES vets (id), start_time timestamp NOT NULL,
  duration int NOT NULL CHECK (duration IN (15, 30, 45, 60)), status varchar(20) NOT NULL DEFAULT 'scheduled',
  EXCLUDE USING gist (vet_id WITH =, tsrange(start_time, start_time + duration * INTERVAL '1 minute', '[)') WITH &&) WHERE (status = 'scheduled'));
CREATE TABLE exams (id serial PRIMARY KEY, room_id int REFERENCES vets (id), start_time timestamp NOT NULL, duration_minutes int,
  EXCLUDE USING gist (room_id WITH =, tsrange(start_time, start_time + make_interval(mins => COALESCE(duration_minutes, 30))) WITH &&) WHERE (room_id IS NOT NULL));
CREATE TABLE slots (id serial PRIMARY KEY, resource int NOT NULL CHECK (resource BETWEEN 1 AND 5), start_time timestamp NOT NULL,
  EXCLUDE USING gist (resource WITH =, tsrange(start_time, start_time + interval '1 hour') WITH &&));`);
    const url = pg.url('excl_spans');
    const x = cli(['plan', '--explain', '--db', url, '--rows', '10']);
    assert.match(x.stdout, /^ {2}exclude slots_resource_tsrange_excl .*: ranges laid out per resource on a timeline \(minutes, each range hours long\): .*; start_time \(60 min each\) written by the engine$/m);
    seedClean(url, '--config', rowsConfig('spans', { vets: 15, appointments: 3000, exams: 3000, slots: 3000 }));
    for (const t of ['appointments', 'exams', 'slots']) assert.equal(await count('excl_spans', t), 3000, t);
    const [d] = await pg.query<{ n: string }>('excl_spans', 'SELECT count(DISTINCT duration) AS n FROM appointments');
    assert.equal(Number(d.n), 4);
    valid(url);
  });

  test('a CHECK that bounds the dates: each unit\'s stays fill its year, the rest are left out with the constraint named', async () => {
    await pg.createDatabase('excl_season', `
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE units (id serial PRIMARY KEY, label text NOT NULL);
CREATE TABLE stays (id serial PRIMARY KEY, unit_id int NOT NULL REFERENCES units (id), check_in date NOT NULL, check_out date NOT NULL,
  CHECK (check_in >= '2024-01-01' AND check_out <= '2024-12-31'), EXCLUDE USING gist (unit_id WITH =, daterange(check_in, check_out) WITH &&));`);
    const url = pg.url('excl_season');
    const r = cli(['seed', '--db', url, '--config', rowsConfig('season', { units: 10, stays: 600 })]);
    assert.equal(r.code, 0, r.stderr);
    const made = await count('excl_season', 'stays');
    assert.ok(made >= 100 && made < 600, `${made} stays`);
    assert.deepEqual(warnings(r.stderr), [`warning: stays: ${600 - made} row(s) left out: EXCLUDE stays_unit_id_daterange_excl USING gist (unit_id WITH =, daterange(check_in, check_out) WITH &&): no room left next to the other rows of their unit_id within CHECK (((check_in >= '2024-01-01'::date) AND (check_out <= '2024-12-31'::date)))`]);
    valid(url);
  });

  test('= parts only (btree) is a unique key; an operator it does not plan (<>) leaves the table out, named in plan --explain', async () => {
    await pg.createDatabase('excl_other', `
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TABLE seats (id serial PRIMARY KEY, row_no int NOT NULL CHECK (row_no BETWEEN 1 AND 60), seat_no int NOT NULL CHECK (seat_no BETWEEN 1 AND 60),
  EXCLUDE (row_no WITH =, seat_no WITH =));
CREATE TABLE one_kind (id serial PRIMARY KEY, kind int NOT NULL, EXCLUDE USING gist (kind WITH <>));`);
    const url = pg.url('excl_other');
    const x = cli(['plan', '--explain', '--db', url, '--rows', '3000']);
    assert.equal(x.code, 0, x.stderr);
    assert.match(x.stdout, /^ {2}exclude seats_row_no_seat_no_excl USING btree \(row_no WITH =, seat_no WITH =\): = parts only: kept like a unique key on \(row_no, seat_no\), distinct values checked on each row$/m);
    assert.match(x.stdout, /^ {2}exclude one_kind_kind_excl USING gist \(kind WITH <>\): not planned \(operator <> is not one the engine plans \(only = and &&\)\); the database enforces it: rows that collide leave one_kind out, the constraint named$/m);
    const r = cli(['seed', '--db', url, '--rows', '3000']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr).map((w) => w.replace(/\(Key .*$/, '')), ['warning: one_kind: cannot fill: the database rejected its rows: conflicting key value violates exclusion constraint "one_kind_kind_excl" ']);
    assert.equal(await count('excl_other', 'seats'), 3000);
    valid(url);
  });

  test('plan --explain says how each planned constraint is met; validate counts rows in conflict with the constraint\'s own operators', async () => {
    await pg.createDatabase('excl_explain', ROOMS);
    const url = pg.url('excl_explain');
    const x = cli(['plan', '--explain', '--db', url, '--rows', '10']);
    assert.equal(x.code, 0, x.stderr);
    assert.match(x.stdout, /^ {2}exclude reservations_room_id_during_excl USING gist \(room_id WITH =, during WITH &&\): ranges laid out per room_id on a timeline \(minutes, each range hours long\): each row starts a gap after the previous one ends, so none overlap; during written by the engine$/m);
    assert.match(x.stdout, /^ {2}during .*then laid out per room_id by EXCLUDE reservations_room_id_during_excl \(no two ranges overlap\)/m);
    const schema = JSON.parse(cli(['schema', '--json', '--db', url]).stdout) as { tables: TableInfo[] };
    const table = schema.tables.find((t) => t.name === 'reservations')!;
    assert.deepEqual(table.exclusions, [{ name: 'reservations_room_id_during_excl', using: 'gist', elements: [{ expression: 'room_id', operator: '=' }, { expression: 'during', operator: '&&' }] }]);
    // The same rows without the constraint (PostgreSQL never lets them into the real table): the
    // query validate asks finds the two that overlap.
    await pg.query('excl_explain', `CREATE TABLE twin (LIKE reservations);
      INSERT INTO twin (id, room_id, guest, during) VALUES (1, 1, 'a', '[2024-01-01 10:00, 2024-01-01 12:00)'), (2, 1, 'b', '[2024-01-01 11:00, 2024-01-01 13:00)'),
        (3, 2, 'c', '[2024-01-01 11:00, 2024-01-01 13:00)'), (4, 1, 'd', '[2024-01-01 12:00, 2024-01-01 14:00)')`);
    const sql = exclusionViolationsSql('twin', table, table.exclusions![0])!;
    assert.deepEqual(await pg.query('excl_explain', sql), [{ n: '3' }]);
  });
});
