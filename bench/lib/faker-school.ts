import { faker } from '@faker-js/faker';
import { FIRST_YEAR, type Counts, type TableName } from '../schema/counts.ts';
import {
  ATTENDANCE_STATUSES, EXAM_STATUSES, MEDIUMS, RELATIONSHIPS, SECTIONS, STAFF_TYPES, STUDENT_STATUSES,
  SUBJECT_CATEGORIES, SUBJECT_NAMES, TERM_NAMES, distinctTuples, educationLevel, gradeFor, isoDay, schoolDays,
  sectionsNeeded, termRange, ymd, type IntSource,
} from './school.ts';

// The school rows as a person writes them with @faker-js/faker: realistic values, CHECKs kept by
// construction, distinct composite keys drawn with a Set. Explicit integer ids (1..n) so that
// children can point at parents without reading them back. Used by the naive faker script (c);
// the MikroORM factories (e) make the same values through entities.

export type Value = string | number | boolean | null;
export type Rec = Record<string, Value>;

export const REF_DATE = new Date('2025-06-30T00:00:00Z');
const day = (d: Date) => d.toISOString().slice(0, 10);
const fakerInt: IntSource = { int: (min, max) => faker.number.int({ min, max }) };

export function uniqueEmail(seen: Set<string>, firstName: string, lastName: string): string {
  let e = faker.internet.email({ firstName, lastName }).toLowerCase();
  for (let k = 1; seen.has(e); k++) {
    const [local, host] = e.split('@');
    e = `${local.replace(/\d+$/, '')}${k}@${host}`;
  }
  seen.add(e);
  return e;
}

export function phone(): string {
  return faker.phone.number({ style: 'national' });
}

export interface SchoolGen {
  table: TableName;
  columns: string[];
  count: number;
  make(i: number): Rec;
}

/** Generators for every table, parents before children. `bool` maps booleans for the target. */
export function schoolGenerators(c: Counts, bool: (b: boolean) => Value): SchoolGen[] {
  const emails = new Set<string>();
  const days = schoolDays(c.academic_years);
  const sections = sectionsNeeded(c);
  let classKeys: number[][] = [];
  let pairKeys: number[][] = [];
  let markKeys: number[][] = [];
  let attKeys: number[][] = [];
  const gens: SchoolGen[] = [
    {
      table: 'academic_years', count: c.academic_years,
      columns: ['id', 'year_label', 'start_date', 'end_date', 'is_current'],
      make: (i) => ({ id: i + 1, year_label: String(FIRST_YEAR + i), start_date: ymd(FIRST_YEAR + i, 1, 8), end_date: ymd(FIRST_YEAR + i, 12, 5), is_current: bool(i === c.academic_years - 1) }),
    },
    {
      table: 'grade_levels', count: c.grade_levels,
      columns: ['id', 'grade_number', 'grade_name', 'education_level'],
      make: (i) => ({ id: i + 1, grade_number: i + 1, grade_name: `Grade ${i + 1}`, education_level: educationLevel(i + 1) }),
    },
    {
      table: 'subjects', count: c.subjects,
      columns: ['id', 'code', 'name', 'category', 'periods_per_week'],
      make: (i) => {
        const name = SUBJECT_NAMES[i % SUBJECT_NAMES.length];
        return { id: i + 1, code: `${name.slice(0, 3).toUpperCase()}${100 + i}`, name: i < SUBJECT_NAMES.length ? name : `${name} ${Math.floor(i / SUBJECT_NAMES.length) + 1}`, category: faker.helpers.arrayElement(SUBJECT_CATEGORIES), periods_per_week: faker.number.int({ min: 1, max: 10 }) };
      },
    },
    {
      table: 'staff', count: c.staff,
      columns: ['id', 'employee_id', 'first_name', 'last_name', 'email', 'phone', 'gender', 'dob', 'date_of_joining', 'staff_type'],
      make: (i) => {
        const sex = faker.person.sexType();
        const first_name = faker.person.firstName(sex), last_name = faker.person.lastName();
        const dob = faker.date.birthdate({ mode: 'age', min: 24, max: 60, refDate: REF_DATE });
        const joined = faker.date.between({ from: new Date(dob.getTime() + 22 * 365.25 * 86_400_000), to: REF_DATE });
        return { id: i + 1, employee_id: `EMP-${String(i + 1).padStart(6, '0')}`, first_name, last_name, email: uniqueEmail(emails, first_name, last_name), phone: phone(), gender: sex, dob: day(dob), date_of_joining: day(joined), staff_type: faker.helpers.weightedArrayElement([{ weight: 80, value: STAFF_TYPES[0] }, { weight: 1, value: STAFF_TYPES[1] }, { weight: 10, value: STAFF_TYPES[2] }, { weight: 5, value: STAFF_TYPES[3] }, { weight: 4, value: STAFF_TYPES[4] }]) };
      },
    },
    {
      table: 'terms', count: c.terms,
      columns: ['id', 'academic_year_id', 'term_number', 'name', 'start_date', 'end_date'],
      make: (i) => {
        const y = Math.floor(i / 3), t = (i % 3) + 1, r = termRange(FIRST_YEAR + y, t);
        return { id: i + 1, academic_year_id: y + 1, term_number: t, name: TERM_NAMES[t - 1], start_date: isoDay(r.start), end_date: isoDay(r.end) };
      },
    },
    {
      table: 'classes', count: c.classes,
      columns: ['id', 'academic_year_id', 'grade_level_id', 'section', 'class_teacher_id', 'medium', 'room_number', 'max_capacity'],
      make: (i) => {
        if (i === 0) classKeys = distinctTuples(fakerInt, c.classes, [c.academic_years, c.grade_levels, sections]);
        const [y, g, s] = classKeys[i];
        return { id: i + 1, academic_year_id: y + 1, grade_level_id: g + 1, section: SECTIONS[s], class_teacher_id: faker.datatype.boolean(0.9) ? faker.number.int({ min: 1, max: c.staff }) : null, medium: faker.helpers.arrayElement(MEDIUMS), room_number: `${faker.string.alpha({ length: 1, casing: 'upper' })}-${faker.number.int({ min: 1, max: 40 })}`, max_capacity: faker.number.int({ min: 25, max: 45 }) };
      },
    },
    {
      table: 'students', count: c.students,
      columns: ['id', 'admission_number', 'first_name', 'last_name', 'dob', 'gender', 'email', 'phone', 'address', 'status', 'admission_date'],
      make: (i) => {
        const sex = faker.person.sexType();
        const first_name = faker.person.firstName(sex), last_name = faker.person.lastName();
        const dob = faker.date.birthdate({ mode: 'age', min: 5, max: 19, refDate: REF_DATE });
        const admitted = faker.date.between({ from: new Date(Math.min(dob.getTime() + 5 * 365.25 * 86_400_000, REF_DATE.getTime() - 86_400_000)), to: REF_DATE });
        return { id: i + 1, admission_number: `ADM-${String(i + 1).padStart(7, '0')}`, first_name, last_name, dob: day(dob), gender: sex, email: faker.datatype.boolean(0.7) ? uniqueEmail(emails, first_name, last_name) : null, phone: faker.datatype.boolean(0.5) ? phone() : null, address: faker.location.streetAddress(), status: faker.helpers.weightedArrayElement([{ weight: 90, value: STUDENT_STATUSES[0] }, { weight: 3, value: STUDENT_STATUSES[1] }, { weight: 4, value: STUDENT_STATUSES[2] }, { weight: 2, value: STUDENT_STATUSES[3] }, { weight: 1, value: STUDENT_STATUSES[4] }]), admission_date: day(admitted) };
      },
    },
    {
      table: 'guardians', count: c.guardians,
      columns: ['id', 'first_name', 'last_name', 'email', 'phone', 'occupation', 'address'],
      make: (i) => {
        const first_name = faker.person.firstName(), last_name = faker.person.lastName();
        return { id: i + 1, first_name, last_name, email: uniqueEmail(emails, first_name, last_name), phone: phone(), occupation: faker.datatype.boolean(0.8) ? faker.person.jobTitle() : null, address: faker.location.streetAddress() };
      },
    },
    {
      table: 'student_guardians', count: c.student_guardians,
      columns: ['student_id', 'guardian_id', 'relationship', 'is_primary'],
      make: (i) => {
        if (i === 0) pairKeys = distinctTuples(fakerInt, c.student_guardians, [c.students, c.guardians]);
        const [s, g] = pairKeys[i];
        return { student_id: s + 1, guardian_id: g + 1, relationship: faker.helpers.weightedArrayElement([{ weight: 45, value: RELATIONSHIPS[0] }, { weight: 45, value: RELATIONSHIPS[1] }, { weight: 4, value: RELATIONSHIPS[2] }, { weight: 3, value: RELATIONSHIPS[3] }, { weight: 2, value: RELATIONSHIPS[4] }, { weight: 1, value: RELATIONSHIPS[5] }]), is_primary: bool(faker.datatype.boolean(0.5)) };
      },
    },
    {
      table: 'exams', count: c.exams,
      columns: ['id', 'term_id', 'name', 'start_date', 'end_date', 'status'],
      make: (i) => {
        const t = faker.number.int({ min: 0, max: c.terms - 1 });
        const r = termRange(FIRST_YEAR + Math.floor(t / 3), (t % 3) + 1);
        const start = faker.number.int({ min: r.start, max: r.end - 7 });
        return { id: i + 1, term_id: t + 1, name: `${TERM_NAMES[t % 3]} ${faker.helpers.arrayElement(['Test', 'Examination', 'Assessment', 'Quiz'])} ${FIRST_YEAR + Math.floor(t / 3)}`, start_date: isoDay(start), end_date: isoDay(start + faker.number.int({ min: 0, max: 6 })), status: faker.helpers.arrayElement(EXAM_STATUSES) };
      },
    },
    {
      table: 'student_marks', count: c.student_marks,
      columns: ['id', 'exam_id', 'student_id', 'subject_id', 'marks', 'grade', 'remarks'],
      make: (i) => {
        if (i === 0) markKeys = distinctTuples(fakerInt, c.student_marks, [c.exams, c.students, c.subjects]);
        const [e, s, sub] = markKeys[i];
        const marks = Math.max(0, Math.min(100, Math.round(faker.number.float({ min: 0, max: 1 }) * 60 + faker.number.int({ min: 0, max: 40 }))));
        return { id: i + 1, exam_id: e + 1, student_id: s + 1, subject_id: sub + 1, marks, grade: gradeFor(marks), remarks: faker.datatype.boolean(0.2) ? faker.lorem.sentence() : null };
      },
    },
    {
      table: 'attendance', count: c.attendance,
      columns: ['id', 'student_id', 'date', 'status', 'remarks'],
      make: (i) => {
        if (i === 0) attKeys = distinctTuples(fakerInt, c.attendance, [c.students, days.length]);
        const [s, d] = attKeys[i];
        return { id: i + 1, student_id: s + 1, date: isoDay(days[d]), status: faker.helpers.weightedArrayElement([{ weight: 88, value: ATTENDANCE_STATUSES[0] }, { weight: 6, value: ATTENDANCE_STATUSES[1] }, { weight: 3, value: ATTENDANCE_STATUSES[2] }, { weight: 2, value: ATTENDANCE_STATUSES[3] }, { weight: 1, value: ATTENDANCE_STATUSES[4] }]), remarks: faker.datatype.boolean(0.05) ? faker.lorem.sentence() : null };
      },
    },
  ];
  return gens;
}
