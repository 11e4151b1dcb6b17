import { FIRST_YEAR, type Counts } from '../schema/counts.ts';

// What a person writing a seed script for the school schema has to know anyway: the CHECK
// enumerations, the calendar, and how to draw distinct composite keys. Shared by the hand-written
// contenders (faker script, drizzle-seed workaround, MikroORM seeder) and the raw limit.

/** Anything that draws integers in [min, max]: our Prng, or faker.number.int wrapped. */
export interface IntSource {
  int(min: number, max: number): number;
}

export const EDUCATION_LEVELS = ['primary', 'junior_secondary', 'senior_secondary', 'collegiate'] as const;
export const SUBJECT_CATEGORIES = ['core', 'basket_1', 'basket_2', 'basket_3', 'al_subject', 'optional'] as const;
export const GENDERS = ['male', 'female', 'other'] as const;
export const STAFF_TYPES = ['teacher', 'principal', 'clerk', 'librarian', 'counsellor'] as const;
export const MEDIUMS = ['sinhala', 'tamil', 'english'] as const;
export const STUDENT_STATUSES = ['active', 'transferred', 'graduated', 'withdrawn', 'suspended'] as const;
export const RELATIONSHIPS = ['father', 'mother', 'guardian', 'grandparent', 'sibling', 'other'] as const;
export const EXAM_STATUSES = ['scheduled', 'ongoing', 'completed', 'results_published', 'cancelled'] as const;
export const MARK_GRADES = ['A', 'B', 'C', 'S', 'W'] as const;
export const ATTENDANCE_STATUSES = ['present', 'absent', 'late', 'excused', 'half_day'] as const;
export const TERM_NAMES = ['First Term', 'Second Term', 'Third Term'] as const;
export const SUBJECT_NAMES = [
  'Mathematics', 'Science', 'English', 'History', 'Geography', 'Physics', 'Chemistry', 'Biology',
  'Information Technology', 'Art', 'Music', 'Drama', 'Physical Education', 'Health Science',
  'Commerce', 'Accounting', 'Economics', 'Business Studies', 'Literature', 'Sinhala', 'Tamil',
] as const;
export const SECTIONS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

export function gradeFor(marks: number): (typeof MARK_GRADES)[number] {
  return marks >= 75 ? 'A' : marks >= 65 ? 'B' : marks >= 50 ? 'C' : marks >= 35 ? 'S' : 'W';
}

export function educationLevel(grade: number): (typeof EDUCATION_LEVELS)[number] {
  return grade <= 5 ? 'primary' : grade <= 9 ? 'junior_secondary' : grade <= 11 ? 'senior_secondary' : 'collegiate';
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** 'YYYY-MM-DD' of a day number counted from 1970-01-01. */
export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function dayOf(year: number, month: number, date: number): number {
  return Math.floor(Date.UTC(year, month - 1, date) / 86_400_000);
}

export function ymd(year: number, month: number, date: number): string {
  return `${year}-${pad2(month)}-${pad2(date)}`;
}

/** Term t (1..3) of a school year: Jan–Apr, May–Aug, Sep–Dec. */
export function termRange(year: number, t: number): { start: number; end: number } {
  const starts = [dayOf(year, 1, 8), dayOf(year, 5, 2), dayOf(year, 9, 1)];
  const ends = [dayOf(year, 4, 5), dayOf(year, 8, 7), dayOf(year, 12, 5)];
  return { start: starts[t - 1], end: ends[t - 1] };
}

/** School days (Mon–Fri inside a term) of the seeded years, as day numbers. */
export function schoolDays(years: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < years; y++) {
    for (let t = 1; t <= 3; t++) {
      const { start, end } = termRange(FIRST_YEAR + y, t);
      for (let d = start; d <= end; d++) {
        const wd = new Date(d * 86_400_000).getUTCDay();
        if (wd !== 0 && wd !== 6) out.push(d);
      }
    }
  }
  return out;
}

/**
 * `n` distinct picks from a mixed-radix space (sizes[0] × sizes[1] × …), as index tuples.
 * Rejection sampling with a Set of packed numbers: what a script writer does for a composite key.
 */
export function distinctTuples(rng: IntSource, n: number, sizes: number[]): number[][] {
  const space = sizes.reduce((a, b) => a * b, 1);
  if (n > space) throw new Error(`cannot draw ${n} distinct tuples from a space of ${space}`);
  const seen = new Set<number>();
  const out: number[][] = [];
  while (out.length < n) {
    const t = sizes.map((s) => rng.int(0, s - 1));
    let packed = 0;
    for (let k = 0; k < sizes.length; k++) packed = packed * sizes[k] + t[k];
    if (seen.has(packed)) continue;
    seen.add(packed);
    out.push(t);
  }
  return out;
}

/** Sections per (year, grade) needed to hold the classes. */
export function sectionsNeeded(counts: Counts): number {
  return Math.min(SECTIONS.length, Math.ceil(counts.classes / (counts.academic_years * counts.grade_levels)) + 1);
}

/** Attendance is taken on this many days (each day a distinct set of students). */
export function attendanceDays(counts: Counts): number {
  return Math.max(20, Math.ceil(counts.attendance / (0.6 * counts.students)));
}
