import { FIRST_YEAR, TABLES, type Counts, type TableName } from '../schema/counts.ts';
import { SECTIONS, educationLevel, gradeFor, isoDay, schoolDays, termRange, ymd, TERM_NAMES } from '../lib/school.ts';
import { Database, quote } from '../lib/sqlite.ts';
import { mark, span, type ContenderOutcome, type RunSpec } from './types.ts';

// (a) The raw limit: cheap values (valid, not realistic) generated BEFORE the clock starts, then
// one transaction of prepared multi-row INSERTs (SQLite, better-sqlite3) or COPY FROM STDIN
// (PostgreSQL, pg-copy-streams). What the database itself can take; nothing can beat it by much.

type Row = (string | number | boolean | null)[];
interface TableRows { table: TableName; columns: string[]; rows: Row[] }

export async function run(spec: RunSpec): Promise<ContenderOutcome> {
  return spec.target === 'sqlite' ? runSqlite(spec) : runPostgres(spec);
}

// Remarks as often as a realistic data set has them (1 in 5 marks, 1 in 20 attendance rows, as the
// faker script writes), from a small fixed list: the limit writes rows of a realistic size.
const REMARKS = [
  'Good progress this term.', 'Needs to revise the last two chapters.', 'Absent for the practical; medical note given.',
  'Excellent work, keep it up.', 'Late submission accepted by the class teacher.', 'Parents informed by phone.',
  'Improved a lot since the mid-term test.', 'Re-sit scheduled for next week.',
];

/** Every table's rows, keys chosen so that composite keys are distinct by construction. */
export function cheapRows(c: Counts, dialect: 'sqlite' | 'postgres'): TableRows[] {
  const bool = (b: boolean) => (dialect === 'sqlite' ? (b ? 1 : 0) : b);
  const days = schoolDays(c.academic_years).map(isoDay);
  const gen: Record<TableName, { columns: string[]; row: (i: number) => Row }> = {
    academic_years: {
      columns: ['id', 'year_label', 'start_date', 'end_date', 'is_current'],
      row: (i) => [i + 1, String(FIRST_YEAR + i), ymd(FIRST_YEAR + i, 1, 8), ymd(FIRST_YEAR + i, 12, 5), bool(i === c.academic_years - 1)],
    },
    grade_levels: {
      columns: ['id', 'grade_number', 'grade_name', 'education_level'],
      row: (i) => [i + 1, i + 1, `Grade ${i + 1}`, educationLevel(i + 1)],
    },
    subjects: {
      columns: ['id', 'code', 'name', 'category', 'periods_per_week'],
      row: (i) => [i + 1, `SUB${i}`, `Subject ${i}`, 'core', 5],
    },
    staff: {
      columns: ['id', 'employee_id', 'first_name', 'last_name', 'email', 'phone', 'gender', 'dob', 'date_of_joining', 'staff_type'],
      row: (i) => [i + 1, `EMP${i}`, `First${i % 97}`, `Last${i % 89}`, `staff${i}@school.test`, '0771234567', 'female', '1980-03-04', '2010-01-11', 'teacher'],
    },
    terms: {
      columns: ['id', 'academic_year_id', 'term_number', 'name', 'start_date', 'end_date'],
      row: (i) => {
        const y = Math.floor(i / 3), t = (i % 3) + 1, r = termRange(FIRST_YEAR + y, t);
        return [i + 1, y + 1, t, TERM_NAMES[t - 1], isoDay(r.start), isoDay(r.end)];
      },
    },
    classes: {
      columns: ['id', 'academic_year_id', 'grade_level_id', 'section', 'class_teacher_id', 'medium', 'room_number', 'max_capacity'],
      row: (i) => {
        const yg = c.academic_years * c.grade_levels;
        return [i + 1, (i % c.academic_years) + 1, (Math.floor(i / c.academic_years) % c.grade_levels) + 1, SECTIONS[Math.floor(i / yg)], (i % c.staff) + 1, 'sinhala', `R${i % 999}`, 40];
      },
    },
    students: {
      columns: ['id', 'admission_number', 'first_name', 'last_name', 'dob', 'gender', 'email', 'phone', 'address', 'status', 'admission_date'],
      row: (i) => [i + 1, `ADM${i}`, `First${i % 97}`, `Last${i % 89}`, '2008-05-06', 'male', `student${i}@school.test`, '0712345678', `${i % 300} Main Street`, 'active', '2014-01-13'],
    },
    guardians: {
      columns: ['id', 'first_name', 'last_name', 'email', 'phone', 'occupation', 'address'],
      row: (i) => [i + 1, `First${i % 97}`, `Last${i % 89}`, `guardian${i}@school.test`, '0112345678', 'Engineer', `${i % 300} Lake Road`],
    },
    student_guardians: {
      columns: ['student_id', 'guardian_id', 'relationship', 'is_primary'],
      row: (i) => {
        const s = i % c.students, r = Math.floor(i / c.students);
        return [s + 1, ((s + r) % c.guardians) + 1, r === 0 ? 'mother' : 'father', bool(r === 0)];
      },
    },
    exams: {
      columns: ['id', 'term_id', 'name', 'start_date', 'end_date', 'status'],
      row: (i) => {
        const t = i % c.terms, r = termRange(FIRST_YEAR + Math.floor(t / 3), (t % 3) + 1);
        return [i + 1, t + 1, `Exam ${i}`, isoDay(r.end - 10), isoDay(r.end - 5), 'completed'];
      },
    },
    student_marks: {
      columns: ['id', 'exam_id', 'student_id', 'subject_id', 'marks', 'grade', 'remarks'],
      row: (i) => {
        const m = i % 101;
        return [i + 1, (i % c.exams) + 1, (Math.floor(i / c.exams) % c.students) + 1, (Math.floor(i / (c.exams * c.students)) % c.subjects) + 1, m, gradeFor(m), i % 5 === 0 ? REMARKS[i % 8] : null];
      },
    },
    attendance: {
      columns: ['id', 'student_id', 'date', 'status', 'remarks'],
      row: (i) => [i + 1, (i % c.students) + 1, days[Math.floor(i / c.students)], 'present', i % 20 === 0 ? REMARKS[i % 8] : null],
    },
  };
  return TABLES.map((table) => {
    const g = gen[table];
    const rows: Row[] = new Array(c[table]);
    for (let i = 0; i < c[table]; i++) rows[i] = g.row(i);
    return { table, columns: g.columns, rows };
  });
}

const MAX_VARIABLES = 32766;
const ROWS_PER_STATEMENT = 100;

function runSqlite(spec: RunSpec): ContenderOutcome {
  const t0 = mark();
  const db = new Database(spec.url);
  // Pre-generate: per table, flat parameter arrays of ROWS_PER_STATEMENT rows each.
  const plan = cheapRows(spec.counts, 'sqlite').map(({ table, columns, rows }) => {
    const per = Math.min(ROWS_PER_STATEMENT, Math.floor(MAX_VARIABLES / columns.length));
    const chunks: Row[] = [];
    for (let i = 0; i < rows.length; i += per) chunks.push(rows.slice(i, i + per).flat());
    return { table, columns, per, chunks };
  });
  const t1 = mark();
  writeAll(db, plan);
  const t2 = mark();
  db.close();
  return { ...span(t0, t1, t2), notes: [`prepared INSERT, ${ROWS_PER_STATEMENT} rows per statement, values pre-generated before the clock`] };
}

/** The timed part: one transaction of prepared multi-row INSERTs. */
function writeAll(db: InstanceType<typeof Database>, plan: { table: string; columns: string[]; per: number; chunks: Row[] }[]): void {
  db.exec('BEGIN');
  for (const { table, columns, per, chunks } of plan) {
    const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const full = db.prepare(head + Array(per).fill(tuple).join(', '));
    const width = columns.length;
    for (const chunk of chunks) {
      if (chunk.length === per * width) full.run(chunk);
      else db.prepare(head + Array(chunk.length / width).fill(tuple).join(', ')).run(chunk);
    }
  }
  db.exec('COMMIT');
}

async function runPostgres(spec: RunSpec): Promise<ContenderOutcome> {
  const { default: pg } = await import('pg');
  const { from: copyFrom } = await import('pg-copy-streams');
  const t0 = mark();
  const client = new pg.Client({ connectionString: spec.url });
  await client.connect();
  // Pre-generate COPY text (tab-separated, \N for NULL), in ≈256 KiB pieces.
  const plan = cheapRows(spec.counts, 'postgres').map(({ table, columns, rows }) => {
    const pieces: string[] = [];
    let buf = '';
    for (const r of rows) {
      buf += `${r.map(copyText).join('\t')}\n`;
      if (buf.length > 262_144) { pieces.push(buf); buf = ''; }
    }
    if (buf) pieces.push(buf);
    return { table, columns, pieces };
  });
  const t1 = mark();
  await client.query('BEGIN');
  for (const { table, columns, pieces } of plan) {
    const stream = client.query(copyFrom(`COPY ${quote(table)} (${columns.map(quote).join(', ')}) FROM STDIN`));
    const done = new Promise<void>((resolve, reject) => { stream.on('finish', resolve); stream.on('error', reject); });
    for (const p of pieces) {
      if (!stream.write(p)) await new Promise((r) => stream.once('drain', r));
    }
    stream.end();
    await done;
  }
  await client.query('COMMIT');
  const t2 = mark();
  await client.end();
  return { ...span(t0, t1, t2), notes: ['COPY FROM STDIN (text), values pre-generated before the clock'] };
}

function copyText(v: Row[number]): string {
  if (v === null) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v).replace(/[\\\t\n\r]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\t' ? '\\t' : ch === '\n' ? '\\n' : '\\r'));
}
