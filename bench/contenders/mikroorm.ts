import { faker } from '@faker-js/faker';
import type { EntityManager, InferEntity } from '@mikro-orm/core';
import { Factory, SeedManager, Seeder } from '@mikro-orm/seeder';
import { FIRST_YEAR, type Counts } from '../schema/counts.ts';
import { REF_DATE, phone, uniqueEmail } from '../lib/faker-school.ts';
import {
  ATTENDANCE_STATUSES, EXAM_STATUSES, MEDIUMS, RELATIONSHIPS, SECTIONS, STAFF_TYPES, STUDENT_STATUSES, SUBJECT_CATEGORIES,
  SUBJECT_NAMES, TERM_NAMES, distinctTuples, educationLevel, gradeFor, isoDay, schoolDays, sectionsNeeded, termRange, ymd, type IntSource,
} from '../lib/school.ts';
import {
  AcademicYear, Attendance, ENTITIES, Exam, GradeLevel, Guardian, SchoolClass, Staff, Student, StudentGuardian, StudentMark, Subject, Term,
} from './mikro-entities.ts';
import { mark, span, type ContenderOutcome, type RunSpec } from './types.ts';

// (e) MikroORM 7.2.1's own seeding tools: a Seeder whose run() uses one Factory per entity
// (faker values, as MikroORM's docs show), entities related by object references, and the
// SeedManager's single flush at the end (one transaction; the unit of work orders the inserts).
// Composite keys: distinct key tuples drawn first, assigned in Factory.each().

type E<T> = InferEntity<T>;
const day = (d: Date) => d.toISOString().slice(0, 10);
const fakerInt: IntSource = { int: (min, max) => faker.number.int({ min, max }) };

class StaffFactory extends Factory<E<typeof Staff>> {
  model = Staff;
  emails = new Set<string>();
  protected definition() {
    const sex = faker.person.sexType();
    const firstName = faker.person.firstName(sex), lastName = faker.person.lastName();
    const dob = faker.date.birthdate({ mode: 'age', min: 24, max: 60, refDate: REF_DATE });
    return {
      employeeId: `EMP-${faker.string.numeric(8)}`, firstName, lastName, email: uniqueEmail(this.emails, firstName, lastName), phone: phone(), gender: sex,
      dob: day(dob), dateOfJoining: day(faker.date.between({ from: new Date(dob.getTime() + 22 * 365.25 * 86_400_000), to: REF_DATE })),
      staffType: faker.helpers.arrayElement(STAFF_TYPES),
    };
  }
}

class StudentFactory extends Factory<E<typeof Student>> {
  model = Student;
  emails = new Set<string>();
  protected definition() {
    const sex = faker.person.sexType();
    const firstName = faker.person.firstName(sex), lastName = faker.person.lastName();
    const dob = faker.date.birthdate({ mode: 'age', min: 5, max: 19, refDate: REF_DATE });
    return {
      admissionNumber: `ADM-${faker.string.numeric(10)}`, firstName, lastName, dob: day(dob), gender: sex,
      email: faker.datatype.boolean(0.7) ? uniqueEmail(this.emails, firstName, lastName) : null, phone: faker.datatype.boolean(0.5) ? phone() : null,
      address: faker.location.streetAddress(), status: faker.helpers.arrayElement(STUDENT_STATUSES),
      admissionDate: day(faker.date.between({ from: new Date(Math.min(dob.getTime() + 5 * 365.25 * 86_400_000, REF_DATE.getTime() - 86_400_000)), to: REF_DATE })),
    };
  }
}

class GuardianFactory extends Factory<E<typeof Guardian>> {
  model = Guardian;
  emails = new Set<string>();
  protected definition() {
    const firstName = faker.person.firstName(), lastName = faker.person.lastName();
    return { firstName, lastName, email: uniqueEmail(this.emails, firstName, lastName), phone: phone(), occupation: faker.datatype.boolean(0.8) ? faker.person.jobTitle() : null, address: faker.location.streetAddress() };
  }
}

class SubjectFactory extends Factory<E<typeof Subject>> {
  model = Subject;
  protected definition() {
    return { code: '', name: '', category: faker.helpers.arrayElement(SUBJECT_CATEGORIES), periodsPerWeek: faker.number.int({ min: 1, max: 10 }) };
  }
}

class ClassFactory extends Factory<E<typeof SchoolClass>> {
  model = SchoolClass;
  protected definition() {
    return { section: 'A', medium: faker.helpers.arrayElement(MEDIUMS), roomNumber: `${faker.string.alpha({ length: 1, casing: 'upper' })}-${faker.number.int({ min: 1, max: 40 })}`, maxCapacity: faker.number.int({ min: 25, max: 45 }) };
  }
}

class StudentGuardianFactory extends Factory<E<typeof StudentGuardian>> {
  model = StudentGuardian;
  protected definition() {
    return { relationship: faker.helpers.arrayElement(RELATIONSHIPS), isPrimary: faker.datatype.boolean(0.5) };
  }
}

class ExamFactory extends Factory<E<typeof Exam>> {
  model = Exam;
  protected definition() {
    return { name: `${faker.helpers.arrayElement(['Term Test', 'Examination', 'Assessment', 'Quiz'])}`, startDate: '', endDate: '', status: faker.helpers.arrayElement(EXAM_STATUSES) };
  }
}

class StudentMarkFactory extends Factory<E<typeof StudentMark>> {
  model = StudentMark;
  protected definition() {
    const marks = Math.max(0, Math.min(100, Math.round(faker.number.float({ min: 0, max: 1 }) * 60 + faker.number.int({ min: 0, max: 40 }))));
    return { marks, grade: gradeFor(marks), remarks: faker.datatype.boolean(0.2) ? faker.lorem.sentence() : null };
  }
}

class AttendanceFactory extends Factory<E<typeof Attendance>> {
  model = Attendance;
  protected definition() {
    return { date: '', status: faker.helpers.weightedArrayElement([{ weight: 88, value: ATTENDANCE_STATUSES[0] }, { weight: 6, value: ATTENDANCE_STATUSES[1] }, { weight: 3, value: ATTENDANCE_STATUSES[2] }, { weight: 2, value: ATTENDANCE_STATUSES[3] }, { weight: 1, value: ATTENDANCE_STATUSES[4] }]), remarks: faker.datatype.boolean(0.05) ? faker.lorem.sentence() : null };
  }
}

function schoolSeeder(c: Counts) {
  return class SchoolSeeder extends Seeder {
    run(em: EntityManager): void {
      // Reference data.
      const years = Array.from({ length: c.academic_years }, (_, i) => em.create(AcademicYear, { yearLabel: String(FIRST_YEAR + i), startDate: ymd(FIRST_YEAR + i, 1, 8), endDate: ymd(FIRST_YEAR + i, 12, 5), isCurrent: i === c.academic_years - 1 }));
      const grades = Array.from({ length: c.grade_levels }, (_, i) => em.create(GradeLevel, { gradeNumber: i + 1, gradeName: `Grade ${i + 1}`, educationLevel: educationLevel(i + 1) }));
      const terms = Array.from({ length: c.terms }, (_, i) => {
        const y = Math.floor(i / 3), n = (i % 3) + 1, r = termRange(FIRST_YEAR + y, n);
        return em.create(Term, { academicYear: years[y], termNumber: n, name: TERM_NAMES[n - 1], startDate: isoDay(r.start), endDate: isoDay(r.end) });
      });
      const subjects = new SubjectFactory(em).each((s, i) => {
        const name = SUBJECT_NAMES[i % SUBJECT_NAMES.length];
        s.code = `${name.slice(0, 3).toUpperCase()}${100 + i}`;
        s.name = i < SUBJECT_NAMES.length ? name : `${name} ${Math.floor(i / SUBJECT_NAMES.length) + 1}`;
      }).make(c.subjects);
      const staff = new StaffFactory(em).each((s, i) => { s.employeeId = `EMP-${String(i + 1).padStart(6, '0')}`; }).make(c.staff);
      const classKeys = distinctTuples(fakerInt, c.classes, [c.academic_years, c.grade_levels, sectionsNeeded(c)]);
      new ClassFactory(em).each((k, i) => {
        const [y, g, s] = classKeys[i];
        k.academicYear = years[y];
        k.gradeLevel = grades[g];
        k.section = SECTIONS[s];
        k.classTeacher = faker.datatype.boolean(0.9) ? faker.helpers.arrayElement(staff) : null;
      }).make(c.classes);
      const students = new StudentFactory(em).each((s, i) => { s.admissionNumber = `ADM-${String(i + 1).padStart(7, '0')}`; }).make(c.students);
      const guardians = new GuardianFactory(em).make(c.guardians);
      const pairs = distinctTuples(fakerInt, c.student_guardians, [c.students, c.guardians]);
      new StudentGuardianFactory(em).each((sg, i) => { sg.student = students[pairs[i][0]]; sg.guardian = guardians[pairs[i][1]]; }).make(c.student_guardians);
      const exams = new ExamFactory(em).each((e) => {
        const t = faker.number.int({ min: 0, max: c.terms - 1 }), r = termRange(FIRST_YEAR + Math.floor(t / 3), (t % 3) + 1);
        const start = faker.number.int({ min: r.start, max: r.end - 7 });
        e.term = terms[t];
        e.name = `${TERM_NAMES[t % 3]} ${e.name} ${FIRST_YEAR + Math.floor(t / 3)}`;
        e.startDate = isoDay(start);
        e.endDate = isoDay(start + faker.number.int({ min: 0, max: 6 }));
      }).make(c.exams);
      const markKeys = distinctTuples(fakerInt, c.student_marks, [c.exams, c.students, c.subjects]);
      new StudentMarkFactory(em).each((m, i) => { const [e, s, sub] = markKeys[i]; m.exam = exams[e]; m.student = students[s]; m.subject = subjects[sub]; }).make(c.student_marks);
      const days = schoolDays(c.academic_years);
      const attKeys = distinctTuples(fakerInt, c.attendance, [c.students, days.length]);
      new AttendanceFactory(em).each((a, i) => { a.student = students[attKeys[i][0]]; a.date = isoDay(days[attKeys[i][1]]); }).make(c.attendance);
      // SeedManager.seed() flushes once after run(): one transaction for everything.
    }
  };
}

export async function run(spec: RunSpec): Promise<ContenderOutcome> {
  faker.seed(spec.seed);
  const t0 = mark();
  const config = { entities: ENTITIES, extensions: [SeedManager], debug: false, allowGlobalContext: true, discovery: { warnWhenNoEntities: false } };
  const orm = spec.target === 'sqlite'
    ? await (await import('@mikro-orm/sqlite')).MikroORM.init({ ...config, dbName: spec.url })
    : await (await import('@mikro-orm/postgresql')).MikroORM.init({ ...config, clientUrl: spec.url });
  const t1 = mark();
  try {
    await orm.seeder.seed(schoolSeeder(spec.counts));
    const t2 = mark();
    return { ...span(t0, t1, t2), notes: ['Seeder + Factories, one flush (one transaction)'] };
  } finally {
    await orm.close(true);
  }
}
