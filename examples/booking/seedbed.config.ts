// Seed 004 (a Pilates studio's booking system) as a Seedbed config: the seed's light / medium /
// heavy scripts become scenarios with the seed's sizes, and its data patterns become rules:
//   - users by role: light 1 admin, 1 instructor, 1 student; medium 1 / 2 / 5; heavy 2 / 12 / 200
//   - packages: light 2 (Single Class, 5-Class Pack), medium 5, heavy 13 (some inactive)
//   - class templates: light 1 (Morning Flow), medium 6, heavy 24; taught by instructors
//   - class instances: one per template per week, light 1 week, medium 4 (24 classes), heavy 8
//   - user packages (students only) in the two-step approval states: PENDING_APPROVAL+PENDING,
//     AUTHORIZED+AUTHORIZED, PAYMENT_CONFIRMED+PAYMENT_CONFIRMED, REJECTED+REJECTED, EXPIRED+any
//   - bookings by students, never over capacity; FULL classes are booked to capacity and have a
//     waitlist of students not booked in them; past classes COMPLETED (or NO_SHOW), future ones
//     CONFIRMED or CANCELLED; a cancelled booking has cancelled_at
//   - one payment per reviewed package, for the package's price, with a consistent status
//   - friendships between students, never twice for a pair: 70 % accepted, 20 % pending, 10 % blocked
// `seedbed seed --scenario light|medium|heavy --clear-first`, `seedbed status`, `seedbed clear`.
// test/example-booking.test.ts checks all of it with SQL.
import { defineConfig } from 'seedbed';
import type { Schema } from './seedbed.schema.d.ts';

// ---- the studio's fixed facts --------------------------------------------------------------------

/** Name, credits, price, validity in days. The seed's light scenario has the first two. */
const PACKAGES = [
  ['Single Class', 1, 25, 30], ['5-Class Pack', 5, 110, 60], ['10-Class Pack', 10, 200, 90],
  ['Monthly Unlimited', 30, 180, 30], ['Intro Offer', 3, 45, 14], ['20-Class Pack', 20, 360, 180],
  ['Private Session', 1, 80, 60], ['Duo Session', 2, 140, 60], ['Student 10-Pack', 10, 150, 90],
  ['Senior 10-Pack', 10, 150, 90], ['Quarterly Unlimited', 90, 480, 90],
  // Retired offers: still in the catalogue (old purchases refer to them), no longer sold.
  ['Annual Membership', 365, 1500, 365], ['Legacy 8-Pack', 8, 140, 60],
] as const;
const ACTIVE_PACKAGES = 11;

const TEMPLATES = ['Morning Flow', 'Reformer Basics', 'Core Power', 'Mat Pilates', 'Evening Stretch', 'Tower Intermediate', 'Jumpboard Cardio', 'Prenatal Pilates'];
const START_TIMES = ['07:00', '09:30', '12:15', '17:30', '19:00'];

/** The first class week starts on Monday 20 January 2025; "today" is two weeks later. */
const FIRST_MONDAY = Date.UTC(2025, 0, 20);
const TODAY = Date.UTC(2025, 1, 3);
const DAY = 86_400_000;

// ---- helpers (plain code: that is the point of a config file) --------------------------------------

const pad = (n: number) => String(n).padStart(2, '0');
const sqlTime = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
};
const msOf = (sql: unknown) => Date.parse(`${String(sql).replace(' ', 'T')}Z`);
/** A stable 0..1 number from an id, shared by all rows generated for the same parent. */
const hash01 = (id: unknown) => ((Number(id) * 2654435761) % 4294967296) / 4294967296;

/** Roles by position: the first `admins` users are admins, then `instructors`, then students. */
const roles = (admins: number, instructors: number) =>
  ({ index }: { index: number }) => (index < admins ? 'ADMIN' : index < admins + instructors ? 'INSTRUCTOR' : 'STUDENT') as 'ADMIN' | 'INSTRUCTOR' | 'STUDENT';

/** Bookings per class: a FULL class is booked to capacity, others 40 %–(capacity − 1), never
 *  more than there are students (each books a class once). */
const bookingsPer = (students: number) => (ci: Record<string, unknown>): number | [number, number] => {
  const cap = Number(ci.capacity);
  if (ci.status === 'FULL') return cap;
  const hi = Math.min(cap - 1, students);
  return [Math.min(Math.ceil(cap * 0.4), hi), hi];
};

/** Waitlist per class: only FULL classes, 1–3 students who are not booked in it. */
const waitlistPer = (students: number) => (ci: Record<string, unknown>): number | [number, number] => {
  if (ci.status !== 'FULL') return 0;
  const free = students - Number(ci.capacity);
  return free <= 0 ? 0 : [1, Math.min(3, free)];
};

// ---- the config ------------------------------------------------------------------------------------

export default defineConfig<Schema>({
  database: 'sqlite:booking.db',
  seed: 4,
  defaultScenario: 'medium',
  // NULLs only where a rule below says so (a column's own nullRate, or a function returning null).
  nullRate: 0,

  scenarios: {
    light: {
      description: 'minimal data for basic functionality testing (< 30 s in the original)',
      tables: {
        users: { rows: 3, columns: { role: roles(1, 1) } },
        packages: 2,
        class_templates: 1,
        class_instances: { perParent: { template_id: 1 } },
        user_packages: 0, bookings: 0, waitlist_entries: 0, payments: 0, friendships: 0,
      },
    },
    medium: {
      description: 'comprehensive data for realistic testing',
      tables: {
        users: { rows: 8, columns: { role: roles(1, 2) } },
        packages: 5,
        // Five students: small classes, so some fill up (and get a waitlist).
        class_templates: { rows: 6, columns: { capacity: { values: { 4: 2, 5: 1, 6: 1 } } } },
        class_instances: { perParent: { template_id: 4 } },
        user_packages: { perParent: { user_id: (u) => (u.role === 'STUDENT' ? [1, 2] : 0) } },
        bookings: { perParent: { class_instance_id: bookingsPer(5) } },
        waitlist_entries: { perParent: { class_instance_id: waitlistPer(5) } },
        friendships: { perParent: { requester_id: (u) => (u.role === 'STUDENT' ? [0, 2] : 0) } },
      },
    },
    heavy: {
      description: 'large dataset for performance and stress testing',
      tables: {
        users: { rows: 214, columns: { role: roles(2, 12) } },
        packages: 13,
        class_templates: 24,
        class_instances: { perParent: { template_id: 8 } },
        user_packages: { perParent: { user_id: (u) => (u.role === 'STUDENT' ? [1, 3] : 0) } },
        bookings: { perParent: { class_instance_id: bookingsPer(200) } },
        waitlist_entries: { perParent: { class_instance_id: waitlistPer(200) } },
        friendships: { perParent: { requester_id: (u) => (u.role === 'STUDENT' ? [1, 5] : 0) } },
      },
    },
  },

  // Column rules shared by every scenario (a scenario may replace one, like users.role above).
  tables: {
    users: {
      columns: {
        email: ({ faker, index }) => faker.internet.email({ provider: 'pilates.example' }).replace('@', `.${index}@`).toLowerCase(),
        full_name: ({ faker }) => faker.person.fullName(),
        phone: { generate: ({ faker }) => faker.phone.number({ style: 'international' }), nullRate: 0.2 },
        is_active: { values: { true: 95, false: 5 } },
      },
    },

    packages: {
      columns: {
        name: ({ index }) => PACKAGES[index % PACKAGES.length][0],
        credits: ({ index }) => PACKAGES[index % PACKAGES.length][1],
        price: ({ index }) => PACKAGES[index % PACKAGES.length][2],
        validity_days: ({ index }) => PACKAGES[index % PACKAGES.length][3],
        is_active: ({ index }) => index < ACTIVE_PACKAGES,
        description: ({ index }) => {
          const [, credits, , days] = PACKAGES[index % PACKAGES.length];
          return `${credits} class credit${credits === 1 ? '' : 's'}, valid ${days} days.`;
        },
      },
    },

    class_templates: {
      columns: {
        name: ({ index }) => TEMPLATES[index % TEMPLATES.length] + (index >= TEMPLATES.length ? ` ${Math.floor(index / TEMPLATES.length) + 1}` : ''),
        // Taught by the instructors in turn.
        instructor_id: ({ index, lookup }) => {
          const instructors = lookup.rows('users', { role: 'INSTRUCTOR' });
          return instructors[index % instructors.length].id!;
        },
        // Monday to Saturday; the first template (Morning Flow) is Monday 07:00.
        day_of_week: ({ index }) => (index * 5) % 6,
        start_time: ({ index }) => START_TIMES[(index * 3) % START_TIMES.length],
        duration_minutes: { values: { 45: 1, 50: 2, 55: 2, 60: 3 } },
        // Small reformer classes: 4 to 12 places.
        capacity: { values: { 4: 2, 6: 3, 8: 3, 10: 2, 12: 1 } },
        level: { values: { ALL_LEVELS: 4, BEGINNER: 3, INTERMEDIATE: 2, ADVANCED: 1 } },
        is_active: { values: [true] },
      },
    },

    class_instances: {
      // One instance per template per week (the scenarios set the number of weeks).
      perParent: { template_id: 4 },
      columns: {
        instructor_id: ({ group }) => Number(group!.parent.instructor_id),
        capacity: ({ group }) => Number(group!.parent.capacity),
        starts_at: ({ group }) => {
          const t = group!.parent;
          const [h, m] = String(t.start_time).split(':').map(Number);
          return sqlTime(FIRST_MONDAY + (group!.index * 7 + Number(t.day_of_week)) * DAY + (h * 60 + m) * 60_000);
        },
        ends_at: ({ row, group }) => sqlTime(msOf(row.starts_at) + Number(group!.parent.duration_minutes) * 60_000),
        // Past classes are COMPLETED; a third of the future ones are FULL when there are enough
        // students to fill them.
        status: ({ row, lookup, random }) => {
          if (msOf(row.starts_at) < TODAY) return 'COMPLETED';
          const students = lookup.rows('users', { role: 'STUDENT' }).length;
          return row.capacity! <= students && random() < 0.35 ? 'FULL' : 'SCHEDULED';
        },
      },
    },

    user_packages: {
      perParent: { user_id: (u) => (u.role === 'STUDENT' ? [1, 2] : 0) },
      columns: {
        approval_status: { values: { PENDING_APPROVAL: 20, AUTHORIZED: 20, PAYMENT_CONFIRMED: 40, REJECTED: 10, EXPIRED: 10 } },
        payment_status: ({ row, random }) => {
          switch (row.approval_status) {
            case 'PENDING_APPROVAL': return 'PENDING';
            case 'EXPIRED': return (['PENDING', 'AUTHORIZED', 'PAYMENT_CONFIRMED'] as const)[Math.floor(random() * 3)];
            default: return row.approval_status!;
          }
        },
        credits_remaining: ({ row, lookup, random }) => {
          const credits = Number(lookup.pick('packages', { id: row.package_id })!.credits);
          return row.approval_status === 'PENDING_APPROVAL' || row.approval_status === 'REJECTED' ? credits : Math.floor(random() * (credits + 1));
        },
        purchased_at: ({ random }) => sqlTime(TODAY - Math.floor(random() * 120) * DAY - Math.floor(random() * 720) * 60_000),
        expires_at: ({ row, lookup }) => sqlTime(msOf(row.purchased_at) + Number(lookup.pick('packages', { id: row.package_id })!.validity_days) * DAY),
        // Reviewed packages name the admin who reviewed them.
        approved_by: ({ row, lookup }) => (row.approval_status === 'PENDING_APPROVAL' ? null : lookup.pick('users', { role: 'ADMIN' })!.id!),
      },
    },

    bookings: {
      perParent: { class_instance_id: bookingsPer(5) },
      columns: {
        // Distinct students per class: a class-specific rotation through the students.
        user_id: ({ group, lookup }) => {
          const students = lookup.rows('users', { role: 'STUDENT' });
          const offset = Math.floor(hash01(group!.parent.id) * students.length);
          return students[(offset + group!.index) % students.length].id!;
        },
        // The credits used: a package of the student that can be used, if any.
        user_package_id: ({ row, lookup }) => {
          const usable = lookup.rows('user_packages', { user_id: row.user_id }).filter((p) => p.approval_status === 'AUTHORIZED' || p.approval_status === 'PAYMENT_CONFIRMED');
          return usable[0]?.id ?? null;
        },
        status: ({ group, random }) => {
          const ci = group!.parent;
          if (msOf(ci.starts_at) < TODAY) return random() < 0.04 ? 'NO_SHOW' : 'COMPLETED';
          if (ci.status === 'FULL') return 'CONFIRMED';
          return random() < 0.1 ? 'CANCELLED' : 'CONFIRMED';
        },
        booked_at: ({ group, random }) => sqlTime(msOf(group!.parent.starts_at) - (1 + Math.floor(random() * 14)) * DAY),
        cancelled_at: ({ row, random }) => (row.status === 'CANCELLED' ? sqlTime(msOf(row.booked_at) + (1 + Math.floor(random() * 20)) * 3_600_000) : null),
      },
    },

    waitlist_entries: {
      // Students not booked in the class: needs the bookings first.
      after: ['bookings'],
      perParent: { class_instance_id: waitlistPer(5) },
      columns: {
        user_id: ({ group, lookup }) => {
          const booked = new Set(lookup.rows('bookings', { class_instance_id: Number(group!.parent.id) }).map((b) => b.user_id));
          const free = lookup.rows('users', { role: 'STUDENT' }).filter((u) => !booked.has(u.id));
          return free[group!.index % free.length].id!;
        },
        position: ({ group }) => group!.index + 1,
        created_at: ({ group }) => sqlTime(msOf(group!.parent.starts_at) - (3 - group!.index) * DAY),
      },
    },

    payments: {
      // One payment per reviewed package, by its owner, for its price.
      perParent: { user_package_id: (up) => (up.approval_status === 'PENDING_APPROVAL' ? 0 : 1) },
      columns: {
        user_id: ({ group }) => Number(group!.parent.user_id),
        amount: ({ group, lookup }) => Number(lookup.pick('packages', { id: Number(group!.parent.package_id) })!.price),
        method: { values: { CREDIT_CARD: 50, BANK_TRANSFER: 20, PAYPAL: 15, CASH: 15 } },
        status: ({ group, random }) => {
          switch (group!.parent.payment_status) {
            case 'PAYMENT_CONFIRMED': return 'COMPLETED';
            case 'REJECTED': return random() < 0.5 ? 'REFUNDED' : 'FAILED';
            default: return 'PENDING';
          }
        },
        external_transaction_id: ({ row, faker }) => {
          if (row.method === 'CASH') return null;
          if (row.method === 'PAYPAL') return `PAYID-${faker.string.alphanumeric({ length: 24, casing: 'upper' })}`;
          if (row.method === 'BANK_TRANSFER') return `TRF-${faker.string.numeric(12)}`;
          return `ch_${faker.string.alphanumeric(24)}`;
        },
        paid_at: ({ group }) => String(group!.parent.purchased_at),
        refunded_at: ({ row }) => (row.status === 'REFUNDED' ? sqlTime(msOf(row.paid_at) + 2 * DAY) : null),
        // Full refunds, and a few partial ones.
        refund_amount: ({ row, random }) => (row.status === 'REFUNDED' ? (random() < 0.7 ? row.amount! : Math.round(row.amount! * 50) / 100) : null),
      },
    },

    friendships: {
      // Friend requests sent by students (the scenarios say how many each).
      perParent: { requester_id: (u) => (u.role === 'STUDENT' ? [0, 2] : 0) },
      columns: {
        // To students at distinct offsets 1..⌊(n−1)/2⌋ after the requester in the list of n
        // students: never the requester, never a pair twice, and never both A→B and B→A (the two
        // offsets would have to add up to n). A requester-specific start spreads the circles.
        addressee_id: ({ group, lookup }) => {
          const students = lookup.rows('users', { role: 'STUDENT' });
          const me = students.findIndex((s) => s.id === group!.parent.id);
          const half = Math.max(1, Math.floor((students.length - 1) / 2));
          const start = Math.floor(hash01(group!.parent.id) * half);
          return students[(me + 1 + ((start + group!.index) % half)) % students.length].id!;
        },
        status: { values: { ACCEPTED: 70, PENDING: 20, BLOCKED: 10 } },
      },
    },
  },
});
