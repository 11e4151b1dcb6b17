import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { run as floor } from '../bench/contenders/floor.ts';
import { totalRows, type Counts } from '../bench/schema/counts.ts';
import { postgresTarget, sqliteTarget, type Target } from '../bench/targets.ts';
import { Database } from '../bench/lib/sqlite.ts';

// The benchmark's floor contender (bench/contenders/floor.ts): the school schema's rows generated
// inside the database, keys and indexes rebuilt after. A quick run of ≈2k rows on each database,
// checked by the bench's own verification (counts, FK orphans, CHECK/UNIQUE invariants,
// quick_check / convalidated); on PostgreSQL every constraint and index comes back as it was.

const COUNTS: Counts = {
  academic_years: 3, grade_levels: 13, subjects: 12, staff: 20, terms: 9, classes: 50, students: 150,
  guardians: 200, student_guardians: 250, exams: 20, student_marks: 900, attendance: 373,
};

const spec = (target: 'sqlite' | 'postgres', url: string) => ({ contender: 'floor' as const, target, size: '10k' as const, counts: COUNTS, url, seed: 1 });

describe('bench floor contender', () => {
  let sqlite: Target;
  let server: Target;
  before(async () => {
    sqlite = sqliteTarget();
    server = await postgresTarget();
  });
  after(async () => {
    await sqlite?.close();
    await server?.close();
  });

  test(`SQLite: ${totalRows(COUNTS)} rows, verified; UNIQUE keys enforced by the rebuilt indexes, FKs back on`, async () => {
    const url = await sqlite.fresh('floor');
    const out = await floor(spec('sqlite', url));
    assert.ok(out.seedMs > 0);
    const v = await sqlite.verify(url, COUNTS);
    assert.deepEqual(v.problems, []);
    assert.equal(v.ok, true);
    const db = new Database(url);
    try {
      // A duplicate composite key and a duplicate email are refused, as the original schema does.
      assert.throws(() => db.exec(`INSERT INTO student_guardians SELECT * FROM student_guardians LIMIT 1`), /UNIQUE constraint failed/);
      assert.throws(() => db.exec(`INSERT INTO staff (employee_id, first_name, last_name, email, phone, gender, dob, date_of_joining, staff_type)
        SELECT 'X1', first_name, last_name, email, phone, gender, dob, date_of_joining, staff_type FROM staff LIMIT 1`), /UNIQUE constraint failed: staff\.email/);
      const sample = db.prepare('SELECT first_name, email, address FROM students WHERE email IS NOT NULL LIMIT 1').get() as Record<string, string>;
      assert.match(sample.email, /^[a-z]+\.[a-z]+\d+@mail\.test$/);
      assert.match(sample.address, /^\d+ [A-Z][a-z]+ [A-Z][a-z]+$/);
    } finally {
      db.close();
    }
    await sqlite.drop(url);
  });

  test(`PostgreSQL: ${totalRows(COUNTS)} rows, verified; every constraint and index is back under its name; sequences past the ids`, async () => {
    const url = await server.fresh('floor');
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const catalogue = async () => (await c.query<{ d: string }>(`
      SELECT string_agg(d, E'\\n' ORDER BY d) AS d FROM (
        SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || convalidated || condeferrable AS d FROM pg_constraint WHERE connamespace = 'public'::regnamespace
        UNION ALL SELECT indexdef FROM pg_indexes WHERE schemaname = 'public') x`)).rows[0].d;
    try {
      const beforeRun = await catalogue();
      await floor(spec('postgres', url));
      assert.equal(await catalogue(), beforeRun);
      const v = await server.verify(url, COUNTS);
      assert.deepEqual(v.problems, []);
      // The next id a user's INSERT gets follows the floor's rows.
      const next = (await c.query<{ id: number }>(`INSERT INTO subjects (code, name, category) VALUES ('NEW', 'New', 'core') RETURNING id`)).rows[0].id;
      assert.equal(next, COUNTS.subjects + 1);
    } finally {
      await c.end();
    }
    await server.drop(url);
  });
});
