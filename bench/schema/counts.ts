// Per-table row counts of the benchmark school schema at each size. Every contender seeds exactly
// these counts; the parent process checks them after every run.

export type SizeName = '10k' | '200k' | '2m' | '20m';

export const TABLES = [
  'academic_years',
  'grade_levels',
  'subjects',
  'staff',
  'terms',
  'classes',
  'students',
  'guardians',
  'student_guardians',
  'exams',
  'student_marks',
  'attendance',
] as const;

export type TableName = (typeof TABLES)[number];
export type Counts = Record<TableName, number>;

// terms = 3 × academic_years (term_number 1..3 is unique per year), grade_levels = 13 (1..13).
const SIZES: Record<SizeName, Counts> = {
  '10k': {
    academic_years: 5,
    grade_levels: 13,
    subjects: 20,
    staff: 40,
    terms: 15,
    classes: 60,
    students: 400,
    guardians: 600,
    student_guardians: 800,
    exams: 50,
    student_marks: 4_500,
    attendance: 3_497,
  },
  '200k': {
    academic_years: 10,
    grade_levels: 13,
    subjects: 40,
    staff: 500,
    terms: 30,
    classes: 400,
    students: 6_000,
    guardians: 9_000,
    student_guardians: 12_000,
    exams: 600,
    student_marks: 100_000,
    attendance: 71_407,
  },
  '2m': {
    academic_years: 20,
    grade_levels: 13,
    subjects: 60,
    staff: 3_000,
    terms: 60,
    classes: 2_000,
    students: 50_000,
    guardians: 75_000,
    student_guardians: 100_000,
    exams: 3_000,
    student_marks: 1_000_000,
    attendance: 766_847,
  },
  // bench/memory.ts's flat-memory run (≈1.5 GB of SQLite file): 2M × 10, grade levels as ever.
  '20m': {
    academic_years: 200,
    grade_levels: 13,
    subjects: 600,
    staff: 30_000,
    terms: 600,
    classes: 20_000,
    students: 500_000,
    guardians: 750_000,
    student_guardians: 1_000_000,
    exams: 30_000,
    student_marks: 10_000_000,
    attendance: 7_668_470,
  },
};

export function isSize(s: string): s is SizeName {
  return Object.hasOwn(SIZES, s);
}

export function countsFor(size: SizeName): Counts {
  return { ...SIZES[size] };
}

export function totalRows(counts: Counts): number {
  return TABLES.reduce((a, t) => a + counts[t], 0);
}

/** Dates the schema's generators and checks share: school years start in January. */
export const FIRST_YEAR = 2010;
