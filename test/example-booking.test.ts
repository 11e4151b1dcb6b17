import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanup, cli, counts, createDb, integrity, ROOT, tempDir, withDb } from './support/sqlite.ts';

// examples/booking (seed 004): each scenario (light / medium / heavy) seeds a fresh SQLite file
// from schema.sql through the real CLI with the example's seedbed.config.ts; the sizes must be
// the seed's, and every rule holds (checked with SQL). Then the seed manager's other commands:
// `status`, `clear`, and `seed --clear-first` to switch scenarios.

const dir = tempDir('seedbed-booking-');
after(() => cleanup(dir));

const EXAMPLE = join(ROOT, 'examples', 'booking');
const SCHEMA = readFileSync(join(EXAMPLE, 'schema.sql'), 'utf8');
const CONFIG = join(EXAMPLE, 'seedbed.config.ts');
const TABLES = ['bookings', 'class_instances', 'class_templates', 'friendships', 'packages', 'payments', 'user_packages', 'users', 'waitlist_entries'];

function fresh(name: string): string {
  const file = join(dir, `${name}.db`);
  createDb(file, SCHEMA);
  return file;
}

function run(args: string[]) {
  const r = cli([...args, '--config', CONFIG]);
  assert.equal(r.code, 0, `seedbed ${args.join(' ')} failed:\n${r.stderr}`);
  return r;
}

const all = (file: string, sql: string) => withDb(file, (db) => db.prepare(sql).all()) as Record<string, unknown>[];
const num = (file: string, sql: string) => Number(Object.values(all(file, sql)[0])[0]);

/** Each query lists the rows that break a rule: it must return none. */
const RULES: [string, string][] = [
  ['class templates are taught by instructors',
    `SELECT t.id FROM class_templates t JOIN users u ON u.id = t.instructor_id WHERE u.role <> 'INSTRUCTOR'`],
  ['an instance has its template\'s instructor, capacity, weekday, time and length',
    `SELECT i.id FROM class_instances i JOIN class_templates t ON t.id = i.template_id
     WHERE i.instructor_id <> t.instructor_id OR i.capacity <> t.capacity
        OR (CAST(strftime('%w', i.starts_at) AS INTEGER) + 6) % 7 <> t.day_of_week
        OR strftime('%H:%M', i.starts_at) <> t.start_time
        OR (julianday(i.ends_at) - julianday(i.starts_at)) * 1440 NOT BETWEEN t.duration_minutes - 0.01 AND t.duration_minutes + 0.01`],
  ['a template\'s instances are one per week',
    `SELECT a.id FROM class_instances a JOIN class_instances b ON b.template_id = a.template_id AND b.id <> a.id
     WHERE abs(julianday(a.starts_at) - julianday(b.starts_at)) < 7`],
  ['past classes are COMPLETED, future ones SCHEDULED or FULL',
    `SELECT id FROM class_instances WHERE (starts_at < '2025-02-03') <> (status = 'COMPLETED')`],
  ['only students hold packages',
    `SELECT up.id FROM user_packages up JOIN users u ON u.id = up.user_id WHERE u.role <> 'STUDENT'`],
  ['approval and payment states go together (PENDING_APPROVAL+PENDING, X+X, EXPIRED+any)',
    `SELECT id FROM user_packages WHERE NOT (approval_status = 'EXPIRED'
       OR (approval_status = 'PENDING_APPROVAL' AND payment_status = 'PENDING') OR approval_status = payment_status)`],
  ['reviewed packages name an admin, pending ones nobody',
    `SELECT up.id FROM user_packages up LEFT JOIN users a ON a.id = up.approved_by
     WHERE (up.approval_status = 'PENDING_APPROVAL') <> (up.approved_by IS NULL) OR (a.id IS NOT NULL AND a.role <> 'ADMIN')`],
  ['credits left never exceed the package\'s; a package expires after its validity',
    `SELECT up.id FROM user_packages up JOIN packages p ON p.id = up.package_id
     WHERE up.credits_remaining > p.credits OR abs(julianday(up.expires_at) - julianday(up.purchased_at) - p.validity_days) > 0.001`],
  ['bookings are by students, with their own usable package (if any)',
    `SELECT b.id FROM bookings b JOIN users u ON u.id = b.user_id LEFT JOIN user_packages up ON up.id = b.user_package_id
     WHERE u.role <> 'STUDENT' OR (up.id IS NOT NULL AND (up.user_id <> b.user_id OR up.approval_status NOT IN ('AUTHORIZED', 'PAYMENT_CONFIRMED')))`],
  ['no class is over capacity; a FULL class is booked to capacity',
    `SELECT i.id FROM class_instances i
     WHERE (SELECT count(*) FROM bookings b WHERE b.class_instance_id = i.id AND b.status <> 'CANCELLED') > i.capacity
        OR (i.status = 'FULL' AND (SELECT count(*) FROM bookings b WHERE b.class_instance_id = i.id AND b.status <> 'CANCELLED') <> i.capacity)`],
  ['past classes have COMPLETED or NO_SHOW bookings, future ones CONFIRMED or CANCELLED',
    `SELECT b.id FROM bookings b JOIN class_instances i ON i.id = b.class_instance_id
     WHERE (i.starts_at < '2025-02-03') <> (b.status IN ('COMPLETED', 'NO_SHOW'))`],
  ['a booking is made before its class; cancelled ones (only those) have cancelled_at',
    `SELECT b.id FROM bookings b JOIN class_instances i ON i.id = b.class_instance_id
     WHERE b.booked_at >= i.starts_at OR (b.status = 'CANCELLED') <> (b.cancelled_at IS NOT NULL) OR b.cancelled_at < b.booked_at`],
  ['waitlists only for FULL classes, of students not booked in them, positions 1..n',
    `SELECT w.id FROM waitlist_entries w JOIN class_instances i ON i.id = w.class_instance_id JOIN users u ON u.id = w.user_id
     WHERE i.status <> 'FULL' OR u.role <> 'STUDENT'
        OR EXISTS (SELECT 1 FROM bookings b WHERE b.class_instance_id = w.class_instance_id AND b.user_id = w.user_id)
        OR w.position > (SELECT count(*) FROM waitlist_entries x WHERE x.class_instance_id = w.class_instance_id)`],
  ['one payment per reviewed package, by its owner, for its price',
    `SELECT up.id FROM user_packages up JOIN packages p ON p.id = up.package_id
     WHERE (SELECT count(*) FROM payments y WHERE y.user_package_id = up.id) <> (up.approval_status <> 'PENDING_APPROVAL')
        OR EXISTS (SELECT 1 FROM payments y WHERE y.user_package_id = up.id AND (y.user_id <> up.user_id OR y.amount <> p.price))`],
  ['payment status follows the package (confirmed → COMPLETED, rejected → FAILED/REFUNDED, else PENDING)',
    `SELECT y.id FROM payments y JOIN user_packages up ON up.id = y.user_package_id
     WHERE y.status <> CASE up.payment_status WHEN 'PAYMENT_CONFIRMED' THEN 'COMPLETED' WHEN 'REJECTED' THEN y.status ELSE 'PENDING' END
        OR (up.payment_status = 'REJECTED' AND y.status NOT IN ('FAILED', 'REFUNDED'))
        OR (y.method = 'CASH') <> (y.external_transaction_id IS NULL)
        OR (y.status = 'REFUNDED') <> (y.refund_amount IS NOT NULL) OR y.refund_amount > y.amount`],
  ['friendships are between two different students, one per pair (either direction)',
    `SELECT f.id FROM friendships f JOIN users a ON a.id = f.requester_id JOIN users b ON b.id = f.addressee_id
     WHERE a.role <> 'STUDENT' OR b.role <> 'STUDENT' OR f.requester_id = f.addressee_id
        OR EXISTS (SELECT 1 FROM friendships g WHERE g.requester_id = f.addressee_id AND g.addressee_id = f.requester_id)`],
];

interface Expect {
  roles: [number, number, number];
  packages: number;
  templates: number;
  weeks: number;
  check(file: string, c: Record<string, number>): void;
}

const SCENARIOS: Record<'light' | 'medium' | 'heavy', Expect> = {
  light: {
    roles: [1, 1, 1], packages: 2, templates: 1, weeks: 1,
    check(file, c) {
      assert.deepEqual(all(file, `SELECT name FROM packages ORDER BY id`).map((r) => r.name), ['Single Class', '5-Class Pack']);
      assert.deepEqual(all(file, `SELECT name, day_of_week, start_time FROM class_templates`), [{ name: 'Morning Flow', day_of_week: 0, start_time: '07:00' }]);
      for (const t of ['user_packages', 'bookings', 'waitlist_entries', 'payments', 'friendships']) assert.equal(c[t], 0, `light seeds no ${t}`);
    },
  },
  medium: {
    roles: [1, 2, 5], packages: 5, templates: 6, weeks: 4,
    check(file, c) {
      assert.equal(c.class_instances, 24, '4 weeks of classes, 24 in all');
      assert.ok(c.user_packages >= 5 && c.user_packages <= 10, `1–2 packages per student (${c.user_packages})`);
      assert.ok(num(file, `SELECT count(DISTINCT approval_status) FROM user_packages`) >= 2, 'packages in various approval states');
      assert.ok(c.bookings > 0 && c.payments > 0, 'bookings and payment history');
      assert.ok(c.friendships <= 10, `0–2 friend requests per student (${c.friendships})`);
    },
  },
  heavy: {
    roles: [2, 12, 200], packages: 13, templates: 24, weeks: 8,
    check(file, c) {
      assert.ok(c.class_templates >= 20, '20+ class templates');
      assert.equal(num(file, `SELECT count(*) FROM packages WHERE NOT is_active`), 2, 'inactive packages too');
      assert.ok(c.bookings >= 1000, `thousands of bookings (${c.bookings})`);
      assert.ok(c.user_packages >= 200, `complex user package relationships (${c.user_packages})`);
      assert.ok(c.friendships >= 200, `extensive social network (${c.friendships})`);
      assert.ok(c.waitlist_entries > 0, 'waitlists for fully booked classes');
      assert.equal(num(file, `SELECT count(DISTINCT approval_status) FROM user_packages`), 5, 'every approval state');
      for (const s of ['CANCELLED', 'NO_SHOW', 'COMPLETED', 'CONFIRMED']) assert.ok(num(file, `SELECT count(*) FROM bookings WHERE status = '${s}'`) > 0, `some ${s} bookings`);
      const share = (s: string) => num(file, `SELECT avg(status = '${s}') FROM friendships`);
      assert.ok(Math.abs(share('ACCEPTED') - 0.7) < 0.08 && Math.abs(share('PENDING') - 0.2) < 0.07 && Math.abs(share('BLOCKED') - 0.1) < 0.05,
        `friendships 70/20/10 % accepted/pending/blocked (got ${[share('ACCEPTED'), share('PENDING'), share('BLOCKED')].map((x) => (x * 100).toFixed(0)).join('/')})`);
    },
  },
};

for (const [name, expect] of Object.entries(SCENARIOS)) {
  describe(`examples/booking --scenario ${name}`, () => {
    const file = fresh(name);
    const r = run(['seed', '--db', `sqlite:${file}`, '--scenario', name]);
    const c = counts(file);

    test('the seed\'s sizes', () => {
      assert.match(r.stdout, new RegExp(`\\(scenario ${name}\\)`));
      assert.deepEqual(all(file, `SELECT role, count(*) AS n FROM users GROUP BY role ORDER BY role`).map((x) => [x.role, x.n]),
        [['ADMIN', expect.roles[0]], ['INSTRUCTOR', expect.roles[1]], ['STUDENT', expect.roles[2]]]);
      assert.equal(c.packages, expect.packages);
      assert.equal(c.class_templates, expect.templates);
      assert.equal(c.class_instances, expect.templates * expect.weeks, `${expect.weeks} week(s) of classes per template`);
      expect.check(file, c);
    });

    test('the database finds no violation', () => {
      const { fk, integrity: ok } = integrity(file);
      assert.deepEqual(fk, []);
      assert.deepEqual(ok, ['ok']);
    });

    for (const [rule, sql] of RULES) {
      test(rule, () => assert.deepEqual(all(file, sql), [], `rows breaking "${rule}"`));
    }
  });
}

describe('examples/booking: the seed manager\'s commands', () => {
  test('status lists the rows of every table; seed --clear-first switches scenario; clear empties', () => {
    const file = fresh('manager');
    run(['seed', '--db', `sqlite:${file}`, '--scenario', 'medium']);
    const status = run(['status', '--db', `sqlite:${file}`]);
    for (const t of TABLES) assert.match(status.stdout, new RegExp(`^${t}\\s+\\d+`, 'm'), `status lists ${t}`);
    assert.match(status.stdout, /^users\s+8\b/m);

    run(['seed', '--db', `sqlite:${file}`, '--scenario', 'light', '--clear-first', '--yes']);
    const c = counts(file);
    assert.deepEqual([c.users, c.packages, c.class_templates, c.class_instances, c.bookings], [3, 2, 1, 1, 0], 'light sizes after clearing medium');

    const cleared = run(['clear', '--db', `sqlite:${file}`, '--yes']);
    assert.match(cleared.stdout, /Cleared 9 tables/);
    assert.deepEqual(Object.values(counts(file)), TABLES.map(() => 0));
  });

  test('scenarios lists light, medium and heavy; an unknown one is an error naming them', () => {
    const list = run(['scenarios']);
    assert.match(list.stdout, /^light\b.*minimal data/m);
    assert.match(list.stdout, /^medium\b.*\(default\)/m);
    assert.match(list.stdout, /^heavy\b/m);
    const bad = cli(['seed', '--db', `sqlite:${fresh('bad')}`, '--config', CONFIG, '--scenario', 'hevy']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /Unknown scenario "hevy"\. Scenarios in .*seedbed\.config\.ts: light, medium, heavy\./);
    assert.match(bad.stderr, /Did you mean "heavy"\?/);
  });
});
