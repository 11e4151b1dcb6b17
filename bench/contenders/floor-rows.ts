import { FIRST_YEAR, TABLES, type Counts, type TableName } from '../schema/counts.ts';
import {
  ATTENDANCE_STATUSES, EXAM_STATUSES, GENDERS, MEDIUMS, SECTIONS, STAFF_TYPES, STUDENT_STATUSES, SUBJECT_CATEGORIES, SUBJECT_NAMES,
} from '../lib/school.ts';

// The floor's rows, as SQL the database evaluates itself: one INSERT … SELECT per table over
// the integers 0..n-1 (PostgreSQL: generate_series; SQLite: a recursive CTE). Keys are distinct
// by construction (as the raw limit's), FK values point at ids 1..count of the parent, CHECKs
// hold, and text has the shapes and lengths Seedbed writes (names from pools, first.last<n>@…
// emails, house-number + street addresses, remarks on 1 mark in 5; student ids of the marks in
// no particular order, as Seedbed draws them): the bytes written are
// comparable, only the generating is done by the database engine.

export type Dialect = 'sqlite' | 'postgres';

const FIRST_NAMES = ['Oma', 'Liam', 'Ava', 'Noah', 'Mia', 'Ethan', 'Zoe', 'Lucas', 'Isla', 'Mason', 'Chloe', 'Aarav', 'Nimal', 'Kavya', 'Ruwan', 'Dilani',
  'Sofia', 'Jacob', 'Amara', 'Elijah', 'Harper', 'Kasun', 'Tharushi', 'Oliver', 'Emily', 'Henry', 'Grace', 'Samuel', 'Leah', 'Daniel', 'Nadia', 'Arjun'];
const LAST_NAMES = ['Shields', 'Perera', 'Fernando', 'Silva', 'Johnson', 'Williams', 'Brown', 'Jayasinghe', 'Bandara', 'Wickramasinghe', 'Taylor', 'Anderson',
  'Thomas', 'Jackson', 'Martin', 'Lee', 'Gunawardena', 'Rathnayake', 'Clark', 'Lewis', 'Walker', 'Hall', 'Allen', 'Young', 'King', 'Wright', 'Scott',
  'Dissanayake', 'Green', 'Baker', 'Adams', 'Nelson'];
const STREETS = ['Church Street', 'Main Street', 'Lake Road', 'Temple Road', 'Station Road', 'Galle Road', 'Kandy Road', 'Hill Street', 'Park Avenue',
  'Flower Road', 'School Lane', 'Market Street', 'Beach Road', 'Old Road', 'Mill Lane', 'River View'];
const OCCUPATIONS = ['Senior Software Engineer', 'Primary School Teacher', 'Registered Nurse', 'Chartered Accountant', 'Agricultural Officer',
  'Bus Driver', 'Medical Officer', 'Retail Shop Owner', 'Government Clerk', 'Electrical Technician', 'Attorney-at-Law', 'Hotel Chef'];
const EXAM_NAMES = ['First Term Test', 'Mid-Term Examination', 'Final Examination', 'Unit Test', 'Monthly Assessment', 'Practical Test'];
const REMARKS = [
  'Good progress this term.', 'Needs to revise the last two chapters.', 'Absent for the practical; medical note given.',
  'Excellent work, keep it up.', 'Late submission accepted by the class teacher.', 'Parents informed by phone.',
  'Improved a lot since the mid-term test.', 'Re-sit scheduled for next week.',
];

const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** SQL for the dialect: picking from a list, dates, booleans. `i` is the row number from 0. */
class Sql {
  readonly d: Dialect;
  constructor(d: Dialect) {
    this.d = d;
  }

  /** One of `list`, chosen by the integer expression `k`. */
  pick(list: readonly string[], k: string): string {
    if (this.d === 'postgres') return `(${lit(`{${list.map((s) => `"${s}"`).join(',')}}`)}::text[])[1 + (${k}) % ${list.length}]`;
    // SQLite has no arrays: a fixed-width packed string, cut and trimmed.
    const w = Math.max(...list.map((s) => s.length));
    return `rtrim(substr(${lit(list.map((s) => s.padEnd(w)).join(''))}, 1 + ((${k}) % ${list.length}) * ${w}, ${w}))`;
  }

  /** The date `days` days after 2000-01-01. */
  day(days: string): string {
    return this.d === 'postgres' ? `(DATE '2000-01-01' + (${days})::int)` : `date(2451544.5 + (${days}))`;
  }

  ymd(year: string, month: string, date: string): string {
    return this.d === 'postgres' ? `make_date(${year}, ${month}, ${date})` : `printf('%04d-%02d-%02d', ${year}, ${month}, ${date})`;
  }

  /** An integer expression widened to 64 bits (PostgreSQL's int4 would overflow on products). */
  big(expr: string): string {
    return this.d === 'postgres' ? `(${expr})::int8` : `(${expr})`;
  }

  bool(cond: string): string {
    return this.d === 'postgres' ? `(${cond})` : `(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;
  }

  text(expr: string): string {
    return this.d === 'postgres' ? `(${expr})::text` : `CAST(${expr} AS TEXT)`;
  }
}

interface TableSql { columns: string[]; values: string[] }

/** Per table: the columns and, for each, an SQL expression of `i` (0..count-1). */
export function floorRows(c: Counts, d: Dialect): Record<TableName, TableSql> {
  const q = new Sql(d);
  const first = (k: string) => q.pick(FIRST_NAMES, k);
  const last = (k: string) => q.pick(LAST_NAMES, k);
  const email = (k: string, domain: string) => `lower(${first(k)}) || '.' || lower(${last(`(${k}) / 7`)}) || ${q.text(k)} || '@${domain}'`;
  const phone = (k: string) => `'+94 77 ' || ${q.text(`1000000 + (${q.big(k)} * 7919) % 8999999`)}`;
  const address = (k: string) => `${q.text(`1 + ((${k}) * 37) % 99000`)} || ' ' || ${q.pick(STREETS, `(${k}) / 3`)}`;
  const termStart = (t0: string, year: string) => q.ymd(year, `CASE ${t0} WHEN 0 THEN 1 WHEN 1 THEN 5 ELSE 9 END`, `CASE ${t0} WHEN 0 THEN 8 WHEN 1 THEN 2 ELSE 1 END`);
  const termEnd = (t0: string, year: string, date: number) => q.ymd(year, `CASE ${t0} WHEN 0 THEN 4 WHEN 1 THEN 8 ELSE 12 END`, String(date));
  const yg = c.academic_years * c.grade_levels;
  const t: Record<TableName, [string, string][]> = {
    academic_years: [
      ['id', 'i + 1'], ['year_label', q.text(`${FIRST_YEAR} + i`)], ['start_date', q.ymd(`${FIRST_YEAR} + i`, '1', '8')],
      ['end_date', q.ymd(`${FIRST_YEAR} + i`, '12', '5')], ['is_current', q.bool(`i = ${c.academic_years - 1}`)],
    ],
    grade_levels: [
      ['id', 'i + 1'], ['grade_number', 'i + 1'], ['grade_name', `'Grade ' || ${q.text('i + 1')}`],
      ['education_level', `CASE WHEN i < 5 THEN 'primary' WHEN i < 9 THEN 'junior_secondary' WHEN i < 11 THEN 'senior_secondary' ELSE 'collegiate' END`],
    ],
    subjects: [
      ['id', 'i + 1'], ['code', `'SUB-' || ${q.text('100 + i')}`], ['name', `${q.pick(SUBJECT_NAMES, 'i')} || ' ' || ${q.text('1 + i / 21')}`],
      ['category', q.pick(SUBJECT_CATEGORIES, 'i')], ['periods_per_week', '1 + i % 10'],
    ],
    staff: [
      ['id', 'i + 1'], ['employee_id', `'EMP-' || ${q.text('10000000 + i')}`], ['first_name', first('i * 5')], ['last_name', last('i * 3')],
      ['email', email('i', 'school.test')], ['phone', phone('i')], ['gender', q.pick(GENDERS, 'i')],
      ['dob', q.day('-12000 + (i * 13) % 9000')], ['date_of_joining', q.day('(i * 17) % 9000')], ['staff_type', q.pick(STAFF_TYPES, 'i')],
    ],
    terms: [
      ['id', 'i + 1'], ['academic_year_id', 'i / 3 + 1'], ['term_number', 'i % 3 + 1'], ['name', q.pick(['First Term', 'Second Term', 'Third Term'], 'i')],
      ['start_date', termStart('i % 3', `${FIRST_YEAR} + i / 3`)], ['end_date', termEnd('i % 3', `${FIRST_YEAR} + i / 3`, 5)],
    ],
    classes: [
      ['id', 'i + 1'], ['academic_year_id', `i % ${c.academic_years} + 1`], ['grade_level_id', `(i / ${c.academic_years}) % ${c.grade_levels} + 1`],
      ['section', `substr('${SECTIONS.join('')}', 1 + i / ${yg}, 1)`], ['class_teacher_id', `i % ${c.staff} + 1`], ['medium', q.pick(MEDIUMS, 'i')],
      ['room_number', `'R' || ${q.text('100 + i % 899')}`], ['max_capacity', '10 + i % 51'],
    ],
    students: [
      ['id', 'i + 1'], ['admission_number', `'S-' || ${q.text(`${FIRST_YEAR} + i % 15`)} || '-' || ${q.text('100000 + i')}`],
      ['first_name', first('i * 7')], ['last_name', last('i * 11')], ['dob', q.day('(i * 13) % 6000')], ['gender', q.pick(GENDERS, 'i')],
      ['email', `CASE WHEN i % 10 = 9 THEN NULL ELSE ${email('i', 'mail.test')} END`], ['phone', `CASE WHEN i % 10 = 3 THEN NULL ELSE ${phone('i')} END`],
      ['address', address('i')], ['status', q.pick(STUDENT_STATUSES, 'i')], ['admission_date', q.day('(i * 13) % 6000 + 1500 + i % 700')],
    ],
    guardians: [
      ['id', 'i + 1'], ['first_name', first('i * 3')], ['last_name', last('i * 5')], ['email', email('i', 'home.test')], ['phone', phone('i + 7')],
      ['occupation', `CASE WHEN i % 6 = 5 THEN NULL ELSE ${q.pick(OCCUPATIONS, 'i')} END`], ['address', address('i + 3')],
    ],
    student_guardians: [
      ['student_id', `i % ${c.students} + 1`], ['guardian_id', `(i % ${c.students} + i / ${c.students}) % ${c.guardians} + 1`],
      ['relationship', `CASE WHEN i / ${c.students} = 0 THEN 'mother' ELSE 'father' END`], ['is_primary', q.bool(`i / ${c.students} = 0`)],
    ],
    exams: [
      ['id', 'i + 1'], ['term_id', `i % ${c.terms} + 1`], ['name', `${q.pick(EXAM_NAMES, 'i / 7')} || ' ' || ${q.text(`${FIRST_YEAR} + (i % ${c.terms}) / 3`)}`],
      ['start_date', termEnd(`(i % ${c.terms}) % 3`, `${FIRST_YEAR} + (i % ${c.terms}) / 3`, 1)], ['end_date', termEnd(`(i % ${c.terms}) % 3`, `${FIRST_YEAR} + (i % ${c.terms}) / 3`, 4)],
      ['status', q.pick(EXAM_STATUSES, 'i')],
    ],
    student_marks: [
      ['id', 'i + 1'], ['exam_id', `i % ${c.exams} + 1`], ['student_id', `(${q.big(`(i / ${c.exams}) % ${c.students}`)} * 7919) % ${c.students} + 1`],
      ['subject_id', `(i / ${c.exams * c.students}) % ${c.subjects} + 1`], ['marks', 'i % 101'],
      ['grade', `CASE WHEN i % 101 >= 75 THEN 'A' WHEN i % 101 >= 65 THEN 'B' WHEN i % 101 >= 50 THEN 'C' WHEN i % 101 >= 35 THEN 'S' ELSE 'W' END`],
      ['remarks', `CASE WHEN i % 5 = 0 THEN ${q.pick(REMARKS, 'i / 5')} END`],
    ],
    attendance: [
      ['id', 'i + 1'], ['student_id', `i % ${c.students} + 1`], ['date', q.day(`3700 + i / ${c.students}`)],
      ['status', q.pick(ATTENDANCE_STATUSES, 'i / 3')], ['remarks', `CASE WHEN i % 4 = 0 THEN ${q.pick(REMARKS, 'i / 4')} END`],
    ],
  };
  return Object.fromEntries(TABLES.map((name) => [name, { columns: t[name].map(([col]) => col), values: t[name].map(([, v]) => v) }])) as Record<TableName, TableSql>;
}

/** INSERT … SELECT of `n` rows into `table` (quoted name given). */
export function floorInsert(d: Dialect, table: string, quote: (s: string) => string, rows: TableSql, n: number): string {
  const cols = rows.columns.map(quote).join(', ');
  const select = `SELECT ${rows.values.join(', ')}`;
  if (d === 'postgres') return `INSERT INTO ${table} (${cols}) ${select} FROM generate_series(0, ${n - 1}) AS g(i)`;
  return `INSERT INTO ${table} (${cols}) WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i < ${n - 1}) ${select} FROM s`;
}
