import { integer as pgInteger, boolean as pgBoolean, date as pgDate, pgTable, primaryKey as pgPrimaryKey, text as pgText, unique as pgUnique, varchar as pgVarchar } from 'drizzle-orm/pg-core';
import { integer, primaryKey, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';

// The benchmark schema as a drizzle user declares it (drizzle-seed reads these objects, not the
// database). Same tables, columns and keys as bench/schema/school.*.sql.

export const sqlite = (() => {
  const academic_years = sqliteTable('academic_years', {
    id: integer('id').primaryKey(),
    year_label: text('year_label').notNull().unique(),
    start_date: text('start_date').notNull(),
    end_date: text('end_date').notNull(),
    is_current: integer('is_current').notNull().default(0),
  });
  const grade_levels = sqliteTable('grade_levels', {
    id: integer('id').primaryKey(),
    grade_number: integer('grade_number').notNull().unique(),
    grade_name: text('grade_name').notNull().unique(),
    education_level: text('education_level').notNull(),
  });
  const subjects = sqliteTable('subjects', {
    id: integer('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    periods_per_week: integer('periods_per_week').notNull().default(5),
  });
  const staff = sqliteTable('staff', {
    id: integer('id').primaryKey(),
    employee_id: text('employee_id').notNull().unique(),
    first_name: text('first_name').notNull(),
    last_name: text('last_name').notNull(),
    email: text('email').notNull().unique(),
    phone: text('phone').notNull(),
    gender: text('gender').notNull(),
    dob: text('dob').notNull(),
    date_of_joining: text('date_of_joining').notNull(),
    staff_type: text('staff_type').notNull(),
  });
  const terms = sqliteTable('terms', {
    id: integer('id').primaryKey(),
    academic_year_id: integer('academic_year_id').notNull().references(() => academic_years.id),
    term_number: integer('term_number').notNull(),
    name: text('name').notNull(),
    start_date: text('start_date').notNull(),
    end_date: text('end_date').notNull(),
  }, (t) => [unique().on(t.academic_year_id, t.term_number)]);
  const classes = sqliteTable('classes', {
    id: integer('id').primaryKey(),
    academic_year_id: integer('academic_year_id').notNull().references(() => academic_years.id),
    grade_level_id: integer('grade_level_id').notNull().references(() => grade_levels.id),
    section: text('section').notNull(),
    class_teacher_id: integer('class_teacher_id').references(() => staff.id),
    medium: text('medium').notNull().default('sinhala'),
    room_number: text('room_number'),
    max_capacity: integer('max_capacity').notNull().default(40),
  }, (t) => [unique().on(t.academic_year_id, t.grade_level_id, t.section)]);
  const students = sqliteTable('students', {
    id: integer('id').primaryKey(),
    admission_number: text('admission_number').notNull().unique(),
    first_name: text('first_name').notNull(),
    last_name: text('last_name').notNull(),
    dob: text('dob').notNull(),
    gender: text('gender').notNull(),
    email: text('email').unique(),
    phone: text('phone'),
    address: text('address').notNull(),
    status: text('status').notNull().default('active'),
    admission_date: text('admission_date').notNull(),
  });
  const guardians = sqliteTable('guardians', {
    id: integer('id').primaryKey(),
    first_name: text('first_name').notNull(),
    last_name: text('last_name').notNull(),
    email: text('email').notNull().unique(),
    phone: text('phone').notNull(),
    occupation: text('occupation'),
    address: text('address'),
  });
  const student_guardians = sqliteTable('student_guardians', {
    student_id: integer('student_id').notNull().references(() => students.id),
    guardian_id: integer('guardian_id').notNull().references(() => guardians.id),
    relationship: text('relationship').notNull(),
    is_primary: integer('is_primary').notNull().default(0),
  }, (t) => [primaryKey({ columns: [t.student_id, t.guardian_id] })]);
  const exams = sqliteTable('exams', {
    id: integer('id').primaryKey(),
    term_id: integer('term_id').notNull().references(() => terms.id),
    name: text('name').notNull(),
    start_date: text('start_date').notNull(),
    end_date: text('end_date').notNull(),
    status: text('status').notNull().default('scheduled'),
  });
  const student_marks = sqliteTable('student_marks', {
    id: integer('id').primaryKey(),
    exam_id: integer('exam_id').notNull().references(() => exams.id),
    student_id: integer('student_id').notNull().references(() => students.id),
    subject_id: integer('subject_id').notNull().references(() => subjects.id),
    marks: integer('marks').notNull(),
    grade: text('grade').notNull(),
    remarks: text('remarks'),
  }, (t) => [unique().on(t.exam_id, t.student_id, t.subject_id)]);
  const attendance = sqliteTable('attendance', {
    id: integer('id').primaryKey(),
    student_id: integer('student_id').notNull().references(() => students.id),
    date: text('date').notNull(),
    status: text('status').notNull(),
    remarks: text('remarks'),
  }, (t) => [unique().on(t.student_id, t.date)]);
  return { academic_years, grade_levels, subjects, staff, terms, classes, students, guardians, student_guardians, exams, student_marks, attendance };
})();

export const pg = (() => {
  const academic_years = pgTable('academic_years', {
    id: pgInteger('id').primaryKey(),
    year_label: pgVarchar('year_label', { length: 20 }).notNull().unique(),
    start_date: pgDate('start_date').notNull(),
    end_date: pgDate('end_date').notNull(),
    is_current: pgBoolean('is_current').notNull().default(false),
  });
  const grade_levels = pgTable('grade_levels', {
    id: pgInteger('id').primaryKey(),
    grade_number: pgInteger('grade_number').notNull().unique(),
    grade_name: pgVarchar('grade_name', { length: 30 }).notNull().unique(),
    education_level: pgVarchar('education_level', { length: 20 }).notNull(),
  });
  const subjects = pgTable('subjects', {
    id: pgInteger('id').primaryKey(),
    code: pgVarchar('code', { length: 20 }).notNull().unique(),
    name: pgVarchar('name', { length: 100 }).notNull(),
    category: pgVarchar('category', { length: 20 }).notNull(),
    periods_per_week: pgInteger('periods_per_week').notNull().default(5),
  });
  const staff = pgTable('staff', {
    id: pgInteger('id').primaryKey(),
    employee_id: pgVarchar('employee_id', { length: 20 }).notNull().unique(),
    first_name: pgVarchar('first_name', { length: 60 }).notNull(),
    last_name: pgVarchar('last_name', { length: 60 }).notNull(),
    email: pgVarchar('email', { length: 255 }).notNull().unique(),
    phone: pgVarchar('phone', { length: 20 }).notNull(),
    gender: pgVarchar('gender', { length: 10 }).notNull(),
    dob: pgDate('dob').notNull(),
    date_of_joining: pgDate('date_of_joining').notNull(),
    staff_type: pgVarchar('staff_type', { length: 20 }).notNull(),
  });
  const terms = pgTable('terms', {
    id: pgInteger('id').primaryKey(),
    academic_year_id: pgInteger('academic_year_id').notNull().references(() => academic_years.id),
    term_number: pgInteger('term_number').notNull(),
    name: pgVarchar('name', { length: 30 }).notNull(),
    start_date: pgDate('start_date').notNull(),
    end_date: pgDate('end_date').notNull(),
  }, (t) => [pgUnique().on(t.academic_year_id, t.term_number)]);
  const classes = pgTable('classes', {
    id: pgInteger('id').primaryKey(),
    academic_year_id: pgInteger('academic_year_id').notNull().references(() => academic_years.id),
    grade_level_id: pgInteger('grade_level_id').notNull().references(() => grade_levels.id),
    section: pgVarchar('section', { length: 5 }).notNull(),
    class_teacher_id: pgInteger('class_teacher_id').references(() => staff.id),
    medium: pgVarchar('medium', { length: 10 }).notNull().default('sinhala'),
    room_number: pgVarchar('room_number', { length: 10 }),
    max_capacity: pgInteger('max_capacity').notNull().default(40),
  }, (t) => [pgUnique().on(t.academic_year_id, t.grade_level_id, t.section)]);
  const students = pgTable('students', {
    id: pgInteger('id').primaryKey(),
    admission_number: pgVarchar('admission_number', { length: 20 }).notNull().unique(),
    first_name: pgVarchar('first_name', { length: 60 }).notNull(),
    last_name: pgVarchar('last_name', { length: 60 }).notNull(),
    dob: pgDate('dob').notNull(),
    gender: pgVarchar('gender', { length: 10 }).notNull(),
    email: pgVarchar('email', { length: 255 }).unique(),
    phone: pgVarchar('phone', { length: 20 }),
    address: pgText('address').notNull(),
    status: pgVarchar('status', { length: 12 }).notNull().default('active'),
    admission_date: pgDate('admission_date').notNull(),
  });
  const guardians = pgTable('guardians', {
    id: pgInteger('id').primaryKey(),
    first_name: pgVarchar('first_name', { length: 60 }).notNull(),
    last_name: pgVarchar('last_name', { length: 60 }).notNull(),
    email: pgVarchar('email', { length: 255 }).notNull().unique(),
    phone: pgVarchar('phone', { length: 20 }).notNull(),
    occupation: pgVarchar('occupation', { length: 100 }),
    address: pgText('address'),
  });
  const student_guardians = pgTable('student_guardians', {
    student_id: pgInteger('student_id').notNull().references(() => students.id),
    guardian_id: pgInteger('guardian_id').notNull().references(() => guardians.id),
    relationship: pgVarchar('relationship', { length: 20 }).notNull(),
    is_primary: pgBoolean('is_primary').notNull().default(false),
  }, (t) => [pgPrimaryKey({ columns: [t.student_id, t.guardian_id] })]);
  const exams = pgTable('exams', {
    id: pgInteger('id').primaryKey(),
    term_id: pgInteger('term_id').notNull().references(() => terms.id),
    name: pgVarchar('name', { length: 150 }).notNull(),
    start_date: pgDate('start_date').notNull(),
    end_date: pgDate('end_date').notNull(),
    status: pgVarchar('status', { length: 20 }).notNull().default('scheduled'),
  });
  const student_marks = pgTable('student_marks', {
    id: pgInteger('id').primaryKey(),
    exam_id: pgInteger('exam_id').notNull().references(() => exams.id),
    student_id: pgInteger('student_id').notNull().references(() => students.id),
    subject_id: pgInteger('subject_id').notNull().references(() => subjects.id),
    marks: pgInteger('marks').notNull(),
    grade: pgVarchar('grade', { length: 2 }).notNull(),
    remarks: pgText('remarks'),
  }, (t) => [pgUnique().on(t.exam_id, t.student_id, t.subject_id)]);
  const attendance = pgTable('attendance', {
    id: pgInteger('id').primaryKey(),
    student_id: pgInteger('student_id').notNull().references(() => students.id),
    date: pgDate('date').notNull(),
    status: pgVarchar('status', { length: 10 }).notNull(),
    remarks: pgText('remarks'),
  }, (t) => [pgUnique().on(t.student_id, t.date)]);
  return { academic_years, grade_levels, subjects, staff, terms, classes, students, guardians, student_guardians, exams, student_marks, attendance };
})();
