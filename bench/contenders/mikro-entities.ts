import { defineEntity, p } from '@mikro-orm/core';

// The school schema as MikroORM entities (defineEntity: no decorators, erasable TypeScript).
// Columns follow MikroORM's default naming (camelCase property → snake_case column, a ManyToOne
// `academicYear` → `academic_year_id`). Dates are 'YYYY-MM-DD' strings, as in the other contenders.

export const AcademicYear = defineEntity({
  name: 'AcademicYear',
  tableName: 'academic_years',
  properties: {
    id: p.integer().primary(),
    yearLabel: p.string(),
    startDate: p.string(),
    endDate: p.string(),
    isCurrent: p.boolean(),
  },
});

export const GradeLevel = defineEntity({
  name: 'GradeLevel',
  tableName: 'grade_levels',
  properties: {
    id: p.integer().primary(),
    gradeNumber: p.integer(),
    gradeName: p.string(),
    educationLevel: p.string(),
  },
});

export const Subject = defineEntity({
  name: 'Subject',
  tableName: 'subjects',
  properties: {
    id: p.integer().primary(),
    code: p.string(),
    name: p.string(),
    category: p.string(),
    periodsPerWeek: p.integer(),
  },
});

export const Staff = defineEntity({
  name: 'Staff',
  tableName: 'staff',
  properties: {
    id: p.integer().primary(),
    employeeId: p.string(),
    firstName: p.string(),
    lastName: p.string(),
    email: p.string(),
    phone: p.string(),
    gender: p.string(),
    dob: p.string(),
    dateOfJoining: p.string(),
    staffType: p.string(),
  },
});

export const Term = defineEntity({
  name: 'Term',
  tableName: 'terms',
  properties: {
    id: p.integer().primary(),
    academicYear: () => p.manyToOne(AcademicYear),
    termNumber: p.integer(),
    name: p.string(),
    startDate: p.string(),
    endDate: p.string(),
  },
});

export const SchoolClass = defineEntity({
  name: 'SchoolClass',
  tableName: 'classes',
  properties: {
    id: p.integer().primary(),
    academicYear: () => p.manyToOne(AcademicYear),
    gradeLevel: () => p.manyToOne(GradeLevel),
    section: p.string(),
    classTeacher: () => p.manyToOne(Staff).nullable(),
    medium: p.string(),
    roomNumber: p.string().nullable(),
    maxCapacity: p.integer(),
  },
});

export const Student = defineEntity({
  name: 'Student',
  tableName: 'students',
  properties: {
    id: p.integer().primary(),
    admissionNumber: p.string(),
    firstName: p.string(),
    lastName: p.string(),
    dob: p.string(),
    gender: p.string(),
    email: p.string().nullable(),
    phone: p.string().nullable(),
    address: p.string(),
    status: p.string(),
    admissionDate: p.string(),
  },
});

export const Guardian = defineEntity({
  name: 'Guardian',
  tableName: 'guardians',
  properties: {
    id: p.integer().primary(),
    firstName: p.string(),
    lastName: p.string(),
    email: p.string(),
    phone: p.string(),
    occupation: p.string().nullable(),
    address: p.string().nullable(),
  },
});

export const StudentGuardian = defineEntity({
  name: 'StudentGuardian',
  tableName: 'student_guardians',
  properties: {
    student: () => p.manyToOne(Student).primary(),
    guardian: () => p.manyToOne(Guardian).primary(),
    relationship: p.string(),
    isPrimary: p.boolean(),
  },
});

export const Exam = defineEntity({
  name: 'Exam',
  tableName: 'exams',
  properties: {
    id: p.integer().primary(),
    term: () => p.manyToOne(Term),
    name: p.string(),
    startDate: p.string(),
    endDate: p.string(),
    status: p.string(),
  },
});

export const StudentMark = defineEntity({
  name: 'StudentMark',
  tableName: 'student_marks',
  properties: {
    id: p.integer().primary(),
    exam: () => p.manyToOne(Exam),
    student: () => p.manyToOne(Student),
    subject: () => p.manyToOne(Subject),
    marks: p.integer(),
    grade: p.string(),
    remarks: p.string().nullable(),
  },
});

export const Attendance = defineEntity({
  name: 'Attendance',
  tableName: 'attendance',
  properties: {
    id: p.integer().primary(),
    student: () => p.manyToOne(Student),
    date: p.string(),
    status: p.string(),
    remarks: p.string().nullable(),
  },
});

export const ENTITIES = [AcademicYear, GradeLevel, Subject, Staff, Term, SchoolClass, Student, Guardian, StudentGuardian, Exam, StudentMark, Attendance];
