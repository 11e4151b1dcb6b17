import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { RULES_DOC, renderRulesDoc } from '../scripts/rules-doc.ts';
import type { ColumnInfo, ValueKind } from '../src/seeders/schema/model.ts';
import { classifyType, typeArgs } from '../src/seeders/schema/types.ts';
import { EPOCH_END, EPOCH_START, parseDateTime } from '../src/seeders/generate/format.ts';
import { DEV_PASSWORD, DEV_PASSWORD_BCRYPT } from '../src/seeders/generate/pools.ts';
import { Rng } from '../src/seeders/generate/prng.ts';
import { compilePattern, expand, FirstMatch, nameMatcher } from '../src/seeders/generate/name-patterns.ts';
import { decodePatterns, encodePatterns, PATTERNS_FILE, readPatterns } from '../src/seeders/generate/precompiled-patterns.ts';
import { RULES, chooseGenerator, exampleFacts, matchRule, ruleById, shorten, type ColumnFacts, type Rule } from '../src/seeders/generate/rules.ts';

// The rule table: which rule a column gets (by name, table and type), that every rule makes
// values of the right type and length, deterministically, and that docs/rules.md is current.

function facts(table: string, column: string, type: string): ColumnFacts {
  const col: ColumnInfo = {
    name: column, type, kind: classifyType(type, 'sqlite'), nullable: true, default: null, autoIncrement: false, generated: false, ...typeArgs(type),
  };
  return { table, column: col };
}

function draw(f: ColumnFacts, n: number, seed = 7): unknown[] {
  const g = chooseGenerator(f);
  const rng = new Rng(seed, f.table, f.column.name);
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) out.push(g.next(rng, { index: i, row: {} }));
  return out;
}

const idOf = (table: string, column: string, type: string) => chooseGenerator(facts(table, column, type)).label;

describe('which rule a column gets', () => {
  // [table, column, declared type, expected rule id]
  const cases: [string, string, string, string][] = [
    // The table is context: the same `name` means different things.
    ['students', 'name', 'VARCHAR(150)', 'person.name.context'],
    ['users', 'name', 'TEXT', 'person.name.context'],
    ['staff', 'name', 'VARCHAR(150)', 'person.name.context'],
    ['subjects', 'name', 'VARCHAR(100)', 'edu.subject.context'],
    ['subjects', 'name_en', 'VARCHAR(100)', 'edu.subject.context'],
    ['products', 'name', 'TEXT', 'commerce.product.context'],
    ['genres', 'name', 'TEXT', 'music.genre.context'],
    ['Genre', 'Name', 'NVARCHAR(120)', 'music.genre.context'],
    ['cities', 'name', 'TEXT', 'place.city.context'],
    ['city', 'city', 'TEXT', 'place.city.context'],
    ['countries', 'name', 'TEXT', 'place.country.context'],
    ['country', 'country', 'TEXT', 'place.country.context'],
    ['channels', 'name', 'TEXT', 'content.channel.context'],
    ['categories', 'name', 'TEXT', 'commerce.category.context'],
    ['category', 'name', 'TEXT', 'commerce.category.context'],
    ['classes', 'name', 'VARCHAR(10)', 'edu.class.context'],
    ['exercises', 'name', 'VARCHAR(100)', 'health.exercise.context'],
    ['Album', 'Title', 'NVARCHAR(160)', 'music.album.context'],
    ['Track', 'Name', 'NVARCHAR(200)', 'music.track.context'],
    ['Artist', 'Name', 'NVARCHAR(120)', 'music.artist.context'],
    ['MediaType', 'Name', 'NVARCHAR(120)', 'music.mediaType.context'],
    ['Playlist', 'Name', 'NVARCHAR(120)', 'music.playlist.context'],
    ['film', 'title', 'TEXT', 'film.title.context'],
    ['library_books', 'title', 'VARCHAR(255)', 'book.title.context'],
    ['reactions', 'name', 'TEXT', 'content.reaction.context'],
    ['class_templates', 'name', 'VARCHAR(100)', 'health.fitnessClass.context'],
    ['packages', 'name', 'VARCHAR(100)', 'health.package.context'],
    ['vendors', 'name', 'TEXT', 'org.company.context'],
    ['schools', 'name', 'TEXT', 'org.school.context'],
    ['staff_departments', 'name', 'VARCHAR(100)', 'org.department.context'],
    ['auth.users', 'name', 'TEXT', 'person.name.context'],
    // `name` in a table no rule knows falls back to a proper-looking name, not lorem.
    ['widgets', 'name', 'TEXT', 'name.generic'],
    ['attendance_policies', 'name', 'VARCHAR(100)', 'name.generic'],
    // Title of a person vs title of a thing.
    ['Employee', 'Title', 'NVARCHAR(30)', 'person.jobTitle.context'],
    ['customers', 'title', 'VARCHAR(10)', 'person.prefix.context'],
    ['posts', 'title', 'TEXT', 'content.title'],
    // People
    ['Customer', 'FirstName', 'NVARCHAR(40)', 'person.firstName'],
    ['Customer', 'LastName', 'NVARCHAR(20)', 'person.lastName'],
    ['users', 'middle_name', 'TEXT', 'person.middleName'],
    ['bookings', 'contact_name', 'TEXT', 'person.fullName'],
    ['exit_passes', 'guardian_name', 'VARCHAR(150)', 'person.fullName'],
    ['student_marks_history', 'changed_by', 'TEXT', 'person.fullName'],
    ['reports', 'sort_by', 'TEXT', 'lorem.words'],
    ['students', 'gender', 'VARCHAR(10)', 'person.gender'],
    ['students', 'dob', 'DATE', 'person.birthDate.student'],
    ['staff', 'dob', 'DATE', 'person.birthDate.adult'],
    ['teachers', 'date_of_birth', 'DATE', 'person.birthDate.adult'],
    ['users', 'birth_date', 'DATE', 'person.birthDate'],
    ['Employee', 'BirthDate', 'DATETIME', 'person.birthDate.adult'],
    ['staff', 'nic', 'VARCHAR(12)', 'person.nationalId'],
    ['student_guardians', 'occupation', 'VARCHAR(100)', 'person.jobTitle'],
    ['users', 'role', 'TEXT', 'person.role'],
    ['club_members', 'role', 'VARCHAR(15)', 'person.role.member'],
    ['student_guardians', 'relationship', 'VARCHAR(20)', 'person.relationship'],
    // Contact: the tricky ones first.
    ['users', 'email_verified', 'BOOLEAN', 'flag.suffix'],
    ['users', 'email_verified', 'INTEGER', 'flag.suffix'],
    ['users', 'phone_verified_at', 'DATETIME', 'time.created'],
    ['users', 'email_confirmed_at', 'TIMESTAMP', 'time.created'],
    ['users', 'email', 'VARCHAR(255)', 'contact.email'],
    ['Customer', 'Email', 'NVARCHAR(60)', 'contact.email'],
    ['users', 'username', 'VARCHAR(50)', 'contact.username'],
    ['users', 'password_hash', 'TEXT', 'contact.passwordHash'],
    ['users', 'encrypted_password', 'VARCHAR(255)', 'contact.passwordHash'],
    ['staff', 'password', 'VARCHAR(40)', 'contact.passwordHash'],
    ['students', 'phone', 'VARCHAR(20)', 'contact.phone'],
    ['Customer', 'Fax', 'NVARCHAR(24)', 'contact.phone'],
    ['users', 'avatar_url', 'TEXT', 'contact.avatar'],
    ['companies', 'website', 'TEXT', 'contact.url'],
    ['sessions', 'ip_address', 'VARCHAR(45)', 'contact.ip'],
    ['sessions', 'user_agent', 'TEXT', 'contact.userAgent'],
    ['api_requests', 'status_code', 'INTEGER', 'contact.httpStatus'],
    ['api_requests', 'method', 'TEXT', 'contact.httpMethod.context'],
    // Places: zip and zip_code alike.
    ['addresses', 'zip', 'TEXT', 'place.postcode'],
    ['addresses', 'zip_code', 'VARCHAR(10)', 'place.postcode'],
    ['Customer', 'PostalCode', 'NVARCHAR(10)', 'place.postcode'],
    ['Customer', 'Address', 'NVARCHAR(70)', 'place.street'],
    ['Invoice', 'BillingCity', 'NVARCHAR(40)', 'place.city'],
    ['Invoice', 'BillingState', 'NVARCHAR(40)', 'place.state'],
    ['oauth_authorizations', 'state', 'TEXT', 'status.generic'],
    ['Customer', 'Country', 'NVARCHAR(40)', 'place.country'],
    ['users', 'country_code', 'CHAR(2)', 'place.countryCode'],
    ['venues', 'latitude', 'REAL', 'place.latitude'],
    ['venues', 'lng', 'REAL', 'place.longitude'],
    ['users', 'timezone', 'TEXT', 'place.timeZone'],
    ['activities', 'venue', 'VARCHAR(150)', 'place.venue'],
    // Organisations
    ['Customer', 'Company', 'NVARCHAR(80)', 'org.company'],
    ['employees', 'department', 'TEXT', 'org.department'],
    // Money
    ['products', 'price', 'NUMERIC(10,2)', 'money.price'],
    ['Track', 'UnitPrice', 'NUMERIC(10,2)', 'media.price.context'],
    ['Invoice', 'Total', 'NUMERIC(10,2)', 'money.amount'],
    ['orders', 'total_cents', 'INTEGER', 'money.cents'],
    ['invoices', 'currency', 'CHAR(3)', 'money.currency'],
    ['bank_accounts', 'iban', 'TEXT', 'money.iban'],
    ['invoices', 'tax_rate', 'NUMERIC(5,2)', 'money.taxRate'],
    ['fee_payments', 'payment_method', 'VARCHAR(15)', 'money.paymentMethod'],
    ['fee_payments', 'receipt_number', 'VARCHAR(30)', 'money.documentNumber'],
    // Commerce
    ['products', 'sku', 'VARCHAR(20)', 'commerce.sku'],
    ['InvoiceLine', 'Quantity', 'INTEGER', 'commerce.quantity'],
    ['orders', 'order_number', 'TEXT', 'commerce.orderNumber'],
    ['channels', 'join_code', 'TEXT', 'commerce.code'],
    ['uniform_items', 'size', 'VARCHAR(4)', 'commerce.size'],
    // Content
    ['posts', 'slug', 'TEXT', 'content.slug'],
    ['articles', 'summary', 'TEXT', 'content.summary'],
    ['activities', 'description', 'TEXT', 'content.description'],
    ['posts', 'body', 'TEXT', 'content.body'],
    ['messages', 'content', 'TEXT', 'content.chatMessage.context'],
    ['conversations', 'subject', 'VARCHAR(200)', 'content.subject.context'],
    ['student_attendance', 'remarks', 'TEXT', 'content.notes'],
    ['staff_leaves', 'reason', 'TEXT', 'content.reason'],
    ['resources', 'tags', 'TEXT', 'content.tags'],
    ['exercises', 'tags', 'JSON', 'json.list'],
    // Codes
    ['library_books', 'isbn', 'VARCHAR(17)', 'code.isbn'],
    ['library_books', 'barcode', 'TEXT', 'commerce.barcode'],
    ['themes', 'primary_color', 'VARCHAR(7)', 'code.hexColor'],
    ['app_releases', 'version', 'VARCHAR(20)', 'code.semver'],
    ['documents', 'version', 'INTEGER', 'code.versionInt'],
    ['seeds', 'checksum', 'VARCHAR(64)', 'code.hash'],
    ['users', 'confirmation_token', 'VARCHAR(255)', 'code.token'],
    ['users', 'id', 'TEXT', 'code.uuid'],
    ['users', 'google_id', 'VARCHAR(64)', 'code.externalId'],
    ['staff_departments', 'code', 'VARCHAR(10)', 'code.reference'],
    ['subjects', 'code', 'VARCHAR(20)', 'edu.subjectCode.context'],
    // Time
    ['users', 'created_at', 'DATETIME', 'time.created'],
    ['users', 'updated_at', 'TIMESTAMP', 'time.updated'],
    ['users', 'deleted_at', 'DATETIME', 'time.deleted'],
    ['jobs', 'started_at', 'DATETIME', 'time.start'],
    ['jobs', 'ended_at', 'DATETIME', 'time.end'],
    ['student_fees', 'due_date', 'DATE', 'time.scheduled'],
    ['sessions', 'expires_at', 'DATETIME', 'time.expires'],
    ['users', 'last_login_at', 'DATETIME', 'time.lastSeen'],
    ['events', 'created_at', 'INTEGER', 'time.epoch'],
    ['timetable', 'start_time', 'TEXT', 'time.clock'],
    ['emergency_roll_calls', 'start_time', 'DATETIME', 'time.start'],
    ['staff_attendance', 'time_in', 'TEXT', 'time.clock'],
    ['timetable', 'day_of_week', 'VARCHAR(10)', 'time.weekday'],
    ['al_exams', 'exam_year', 'INTEGER', 'time.year'],
    ['salary_payments', 'payment_month', 'INTEGER', 'time.month'],
    ['exam_subjects', 'duration_minutes', 'INTEGER', 'time.duration'],
    ['Invoice', 'InvoiceDate', 'DATETIME', 'time.date'],
    // Status / type / priority / rating / score
    ['students', 'status', 'VARCHAR(12)', 'status.enrollment.context'],
    ['student_attendance', 'status', 'VARCHAR(10)', 'status.attendance.context'],
    ['payments', 'status', 'TEXT', 'status.payment.context'],
    ['bookings', 'status', 'TEXT', 'status.booking.context'],
    ['academic_years', 'status', 'VARCHAR(10)', 'status.generic'],
    ['tasks', 'status', 'INTEGER', 'status.code.int'],
    ['maintenance_requests', 'priority', 'VARCHAR(10)', 'status.priority'],
    ['student_emergency_contacts', 'priority', 'INTEGER', 'status.priority.int'],
    ['feedback', 'rating', 'INTEGER', 'status.rating'],
    ['assessments', 'score', 'REAL', 'status.score'],
    ['ai_predictions', 'confidence_score', 'REAL', 'status.probability'],
    ['staff_leaves', 'leave_type', 'VARCHAR(20)', 'status.type.specific'],
    ['widgets', 'widget_type', 'VARCHAR(20)', 'status.type'],
    // Booleans
    ['users', 'is_active', 'BOOLEAN', 'flag.prefix'],
    ['users', 'has_paid', 'INTEGER', 'flag.prefix'],
    ['documents', 'can_edit', 'BOOLEAN', 'flag.prefix'],
    ['customer', 'activebool', 'BOOLEAN', 'flag.word'],
    // Files
    ['attachments', 'mime_type', 'TEXT', 'file.mimeType'],
    ['attachments', 'file_name', 'TEXT', 'file.name'],
    ['attachments', 'size_bytes', 'INTEGER', 'file.size'],
    ['Track', 'Bytes', 'INTEGER', 'media.bytes.context'],
    // Education
    ['grade_levels', 'grade_name', 'VARCHAR(30)', 'edu.gradeLevel.context'],
    ['grade_levels', 'grade_number', 'INTEGER', 'edu.gradeLevel.int'],
    ['terms', 'name', 'VARCHAR(30)', 'edu.term.context'],
    ['student_marks', 'marks_obtained', 'REAL', 'edu.mark'],
    ['student_marks', 'grade', 'VARCHAR(2)', 'edu.letterGrade.context'],
    ['students', 'class_name', 'VARCHAR(10)', 'edu.class'],
    ['students', 'admission_number', 'VARCHAR(20)', 'edu.studentCode'],
    // Health and fitness
    ['workout_sessions', 'heart_rate', 'INTEGER', 'health.heartRate'],
    ['student_medical_info', 'weight_kg', 'REAL', 'health.weight'],
    ['student_medical_info', 'height_cm', 'REAL', 'health.height'],
    ['health_metrics', 'bmi', 'REAL', 'health.bmi'],
    ['student_medical_info', 'blood_group', 'VARCHAR(3)', 'health.bloodType'],
    ['student_medical_info', 'allergies', 'TEXT', 'health.allergies'],
    ['routine_exercises', 'sets', 'INTEGER', 'health.sets'],
    ['routine_exercises', 'reps', 'INTEGER', 'health.reps'],
    // Music
    ['Track', 'Milliseconds', 'INTEGER', 'music.durationMs'],
    ['Track', 'Composer', 'NVARCHAR(220)', 'music.composer'],
  ];
  for (const [table, column, type, id] of cases) {
    test(`${table}.${column} ${type} → ${id}`, () => {
      assert.equal(idOf(table, column, type), id);
    });
  }

  test('at least 80 cases and 150 rules', () => {
    assert.ok(cases.length >= 80, `${cases.length} cases`);
    assert.ok(RULES.length >= 150, `${RULES.length} rules`);
  });

  test("every rule wins its own example column (no rule is shadowed by an earlier one)", () => {
    const lost = RULES.filter((r) => matchRule(exampleFacts(r))?.id !== r.id).map((r) => `${r.id} (${r.example}) → ${matchRule(exampleFacts(r))?.id}`);
    assert.deepEqual(lost, []);
  });

  test('rule ids are unique and findable; every rule is documented', () => {
    assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
    for (const r of RULES) {
      assert.equal(ruleById(r.id), r);
      assert.ok(r.doc.length > 5, `${r.id} has a doc line`);
      assert.ok(r.kinds.length > 0, `${r.id} has kinds`);
    }
  });

  test('context rules are tried before plain ones', () => {
    const firstPlain = RULES.findIndex((r) => !r.table && (r.priority ?? 0) <= 0);
    const lateContext = RULES.slice(firstPlain).filter((r) => r.table && r.priority === undefined);
    assert.deepEqual(lateContext.map((r) => r.id), []);
  });
});

// ── Values ───────────────────────────────────────────────────────────────────────────────

const DECLARED: Record<ValueKind, string[]> = {
  text: ['TEXT', 'VARCHAR(255)', 'VARCHAR(40)', 'VARCHAR(16)'],
  integer: ['INTEGER'],
  bigint: ['BIGINT'],
  real: ['REAL'],
  decimal: ['NUMERIC(10,2)', 'NUMERIC(12,4)'],
  boolean: ['BOOLEAN'],
  date: ['DATE'],
  datetime: ['DATETIME'],
  time: ['TIME'],
  json: ['JSON'],
  uuid: ['UUID'],
  blob: ['BLOB'],
  unknown: [],
};

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const TIME_RE = /^\d{2}:\d{2}:\d{2}$/;

function checkValue(rule: Rule, f: ColumnFacts, v: unknown): string | undefined {
  const c = f.column;
  const where = `${rule.id} on ${f.table}.${c.name} ${c.type}: ${JSON.stringify(v)}`;
  if (v === null || v === undefined) return `${where} is empty`;
  switch (c.kind) {
    case 'text': {
      if (typeof v !== 'string') return `${where} is not a string`;
      if (c.length !== undefined && v.length > c.length) return `${where} is longer than ${c.length}`;
      if (!v.length) return `${where} is an empty string`;
      const named = /(date|_at|_on|dob|birthday)$/.test(c.name);
      if (rule.id.startsWith('time.') && rule.id !== 'time.clock' && !/year|month|weekday|duration|frequency/.test(rule.id) && named && !(DATE_RE.test(v) || DATETIME_RE.test(v))) return `${where} is not a date`;
      return undefined;
    }
    case 'integer':
    case 'bigint':
      return typeof v === 'number' && Number.isSafeInteger(v) ? undefined : `${where} is not a whole number`;
    case 'real':
      return typeof v === 'number' && Number.isFinite(v) ? undefined : `${where} is not a finite number`;
    case 'decimal': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return `${where} is not a finite number`;
      const scale = c.scale ?? 0;
      if (Number(v.toFixed(scale)) !== v) return `${where} has more than ${scale} decimals`;
      if (c.precision && Math.abs(v) >= 10 ** (c.precision - scale)) return `${where} exceeds NUMERIC(${c.precision},${scale})`;
      return undefined;
    }
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `${where} is not a boolean`;
    case 'date': {
      if (typeof v !== 'string' || !DATE_RE.test(v) || Number.isNaN(parseDateTime(v))) return `${where} is not YYYY-MM-DD`;
      return new Date(parseDateTime(v)).toISOString().slice(0, 10) === v ? undefined : `${where} is not a real day`;
    }
    case 'datetime':
      return typeof v === 'string' && DATETIME_RE.test(v) && !Number.isNaN(parseDateTime(v)) ? undefined : `${where} is not YYYY-MM-DD HH:MM:SS`;
    case 'time':
      return typeof v === 'string' && TIME_RE.test(v) && v < '24:00:00' ? undefined : `${where} is not HH:MM:SS`;
    case 'json':
      try { JSON.parse(v as string); return undefined; } catch { return `${where} is not JSON text`; }
    default:
      return undefined;
  }
}

describe('every rule makes valid values for every kind it accepts', () => {
  for (const rule of RULES) {
    test(rule.id, () => {
      const ex = exampleFacts(rule);
      const problems: string[] = [];
      for (const kind of rule.kinds) {
        const types = kind === ex.column.kind ? [ex.column.type, ...DECLARED[kind].filter((t) => t !== ex.column.type)] : DECLARED[kind];
        for (const type of types) {
          const f = facts(ex.table, ex.column.name, type);
          if (f.column.kind !== kind) continue;
          const g = rule.make(f);
          // chooseGenerator adds the length guarantee; go through it when this rule is the one chosen.
          const viaChoose = matchRule(f)?.id === rule.id;
          const gen = viaChoose ? chooseGenerator(f) : g;
          const rng = new Rng(3, f.table, f.column.name, type);
          for (let i = 0; i < 300; i++) {
            const p = checkValue(rule, f, gen.next(rng, { index: i, row: {} }));
            if (p) { problems.push(p); break; }
          }
          if (gen.domainSize !== undefined) {
            assert.ok(gen.domainValue, `${rule.id}: a finite domain needs domainValue`);
            for (let i = 0; i < gen.domainSize; i++) {
              const p = checkValue(rule, f, gen.domainValue(i));
              if (p && !/longer than/.test(p)) { problems.push(`domain: ${p}`); break; }
            }
          }
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});

describe('determinism', () => {
  test('same seed, same values; another seed, other values (every rule)', () => {
    const realRandom = Math.random;
    const realNow = Date.now;
    Math.random = () => { throw new Error('a generator called Math.random'); };
    Date.now = () => { throw new Error('a generator read the wall clock'); };
    try {
      for (const rule of RULES) {
        const f = exampleFacts(rule);
        const a = draw(f, 50, 11);
        const b = draw(f, 50, 11);
        assert.deepEqual(a, b, `${rule.id} is not reproducible`);
      }
    } finally {
      Math.random = realRandom;
      Date.now = realNow;
    }
  });

  test('the labels plan shows are the rule ids', () => {
    for (const rule of RULES) assert.equal(chooseGenerator(exampleFacts(rule)).label, rule.id);
  });
});

describe('values look like what they hold', () => {
  test('emails, usernames, phones', () => {
    for (const v of draw(facts('users', 'email', 'VARCHAR(255)'), 500)) assert.match(v as string, /^[a-z]+[._]?[a-z]+@(example\.(com|org|net)|[a-z]+\.test)$/);
    for (const v of draw(facts('users', 'email', 'VARCHAR(20)'), 200)) assert.match(v as string, /^[^@]+@[a-z.]+$/, 'short email columns keep the domain');
    for (const v of draw(facts('users', 'username', 'VARCHAR(50)'), 200)) assert.match(v as string, /^[a-z][a-z0-9._]*$/);
    for (const v of draw(facts('users', 'phone', 'VARCHAR(20)'), 200)) assert.ok((v as string).replace(/\D/g, '').length >= 10, String(v));
  });

  test('password hashes are bcrypt hashes of the one documented dev password', () => {
    assert.equal(DEV_PASSWORD, 'seedbed-dev-password');
    const seen = new Set(draw(facts('users', 'password_hash', 'VARCHAR(255)'), 200));
    for (const v of seen) {
      assert.match(v as string, /^\$2b\$10\$[./A-Za-z0-9]{53}$/);
      assert.ok(DEV_PASSWORD_BCRYPT.includes(v as string));
    }
    assert.ok(seen.size > 1, 'several salts');
    assert.match(String(draw(facts('staff', 'password', 'VARCHAR(40)'), 1)[0]), /^[0-9a-f]{40}$/, 'pagila-style 40-character column gets a SHA-1 hex');
  });

  test('birth dates fit the role at the reference date (2026-01-01)', () => {
    const age = (v: unknown) => (EPOCH_END - parseDateTime(v as string)) / (365.2425 * 86400000);
    for (const v of draw(facts('students', 'dob', 'DATE'), 500)) assert.ok(age(v) >= 5 && age(v) <= 19.01, `student born ${v}`);
    for (const v of draw(facts('staff', 'dob', 'DATE'), 500)) assert.ok(age(v) >= 22 && age(v) <= 70.01, `staff born ${v}`);
    for (const v of draw(facts('guardians', 'date_of_birth', 'DATE'), 200)) assert.ok(age(v) >= 22 && age(v) <= 70.01, `guardian born ${v}`);
    for (const v of draw(facts('users', 'dob', 'DATE'), 200)) assert.ok(age(v) >= 18 && age(v) <= 80.01, `user born ${v}`);
  });

  test('timestamps stay in the fixed window; expiry may reach into the next year', () => {
    for (const v of draw(facts('users', 'created_at', 'DATETIME'), 500)) {
      const t = parseDateTime(v as string);
      assert.ok(t >= EPOCH_START && t < EPOCH_END, String(v));
    }
    for (const v of draw(facts('events', 'created_at', 'INTEGER'), 200)) assert.ok((v as number) >= EPOCH_START / 1000 && (v as number) < EPOCH_END / 1000);
    for (const v of draw(facts('events', 'created_at', 'BIGINT'), 200)) assert.ok((v as number) >= EPOCH_START && (v as number) < EPOCH_END);
    for (const v of draw(facts('sessions', 'expires_at', 'DATETIME'), 200)) assert.ok(parseDateTime(v as string) < EPOCH_END + 2 * 365 * 86400000);
    for (const v of draw(facts('users', 'created_at', 'TEXT'), 50)) assert.match(v as string, DATETIME_RE);
    for (const v of draw(facts('users', 'joined_on', 'TEXT'), 50)) assert.match(v as string, DATE_RE);
  });

  test('marks, tax rates, percentages, ratings within bounds', () => {
    for (const v of draw(facts('student_marks', 'marks_obtained', 'REAL'), 500)) assert.ok((v as number) >= 0 && (v as number) <= 100);
    for (const v of draw(facts('invoices', 'tax_rate', 'NUMERIC(5,2)'), 500)) assert.ok((v as number) >= 0 && (v as number) <= 30);
    for (const v of draw(facts('reviews', 'rating', 'INTEGER'), 200)) assert.ok([1, 2, 3, 4, 5].includes(v as number));
    for (const v of draw(facts('courses', 'completion_percentage', 'REAL'), 200)) assert.ok((v as number) >= 0 && (v as number) <= 100);
    for (const v of draw(facts('payments', 'amount', 'NUMERIC(5,2)'), 500)) assert.ok((v as number) > 0 && (v as number) < 1000, 'amounts respect numeric(5,2)');
    for (const v of draw(facts('orders', 'total', 'INTEGER'), 200)) assert.ok(Number.isInteger(v));
  });

  test('codes carry valid check digits', () => {
    for (const v of draw(facts('books', 'isbn', 'VARCHAR(17)'), 200)) {
      const d = (v as string).replace(/-/g, '');
      assert.equal(d.length, 13);
      const sum = [...d].reduce((s, c, i) => s + Number(c) * (i % 2 ? 3 : 1), 0);
      assert.equal(sum % 10, 0, `ISBN ${v}`);
    }
    for (const v of draw(facts('products', 'barcode', 'TEXT'), 200)) {
      const d = v as string;
      const sum = [...d].reduce((s, c, i) => s + Number(c) * ((d.length - i) % 2 === 0 ? 3 : 1), 0);
      assert.equal(sum % 10, 0, `EAN ${v}`);
    }
    for (const v of draw(facts('bank_accounts', 'iban', 'TEXT'), 200)) {
      const s = v as string;
      const moved = (s.slice(4) + s.slice(0, 4)).replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
      let rem = 0;
      for (const ch of moved) rem = (rem * 10 + Number(ch)) % 97;
      assert.equal(rem, 1, `IBAN ${s}`);
    }
  });

  test('context decides the value: subjects, classes, genres, countries, channels', () => {
    const subjects = draw(facts('subjects', 'name', 'VARCHAR(100)'), 100) as string[];
    assert.ok(subjects.includes('Mathematics') || subjects.includes('Physics') || subjects.includes('English'));
    for (const v of draw(facts('classes', 'name', 'VARCHAR(10)'), 100)) assert.match(v as string, /^(1[0-3]|[1-9])-[A-F]$/);
    for (const v of draw(facts('Customer', 'Country', 'NVARCHAR(40)'), 100)) assert.match(v as string, /^\p{Lu}/u);
    for (const v of draw(facts('channels', 'name', 'TEXT'), 100)) assert.match(v as string, /^[a-z-]+$/);
    for (const v of draw(facts('Track', 'Milliseconds', 'INTEGER'), 100)) assert.ok((v as number) >= 90_000 && (v as number) <= 420_000);
    for (const v of draw(facts('student_medical_info', 'blood_group', 'VARCHAR(3)'), 100)) assert.match(v as string, /^(A|B|AB|O)[+-]$/);
    for (const v of draw(facts('themes', 'color', 'VARCHAR(7)'), 100)) assert.match(v as string, /^#[0-9a-f]{6}$/);
    for (const v of draw(facts('app_releases', 'version', 'TEXT'), 100)) assert.match(v as string, /^\d+\.\d+\.\d+$/);
  });

  test('integer-typed booleans are 0/1, boolean ones true/false', () => {
    assert.deepEqual(new Set(draw(facts('users', 'is_active', 'INTEGER'), 200)), new Set([0, 1]));
    assert.deepEqual(new Set(draw(facts('users', 'is_active', 'BOOLEAN'), 200)), new Set([true, false]));
    const deleted = draw(facts('users', 'is_deleted', 'BOOLEAN'), 1000).filter(Boolean).length;
    assert.ok(deleted < 250, 'deleted is rarely true');
  });

  test('short columns get values that fit, not cut-off words', () => {
    assert.equal(shorten('anna.smith@example.com', 16), 'anna@example.com');
    for (const v of draw(facts('classes', 'section_name', 'VARCHAR(5)'), 100)) assert.match(v as string, /^\d{1,2}-[A-F]$/);
    for (const v of draw(facts('uniform_items', 'gender', 'VARCHAR(1)'), 50)) assert.match(v as string, /^[FMX]$/);
    for (const v of draw(facts('staff', 'nic', 'VARCHAR(12)'), 100)) assert.ok([10, 12].includes((v as string).length));
    for (const v of draw(facts('staff_departments', 'code', 'VARCHAR(10)'), 100)) assert.ok((v as string).length <= 10 && /^[A-Z]+-\d+$/.test(v as string));
  });
});

describe('rule patterns matched without their regexes (name-patterns.ts)', () => {
  // Compiled when first used (run from source), and as the bundles have them: compiled at build
  // time (scripts/build.ts), through the file beside them.
  const compiledRules = () => RULES.map((r) => [compilePattern(r.column), r.table && compilePattern(r.table)] as [ReturnType<typeof compilePattern>, ReturnType<typeof compilePattern>?]);
  for (const precompiled of [false, true])
  test(`every rule's column and table pattern gives the same answer as its regex${precompiled ? ' (compiled at build time)' : ''}`, () => {
    const built = precompiled ? decodePatterns(encodePatterns(RULES, compiledRules()), RULES) : undefined;
    if (precompiled) assert.ok(built, 'the file decodes for the rules it was made from');
    // Names near each pattern's words (the words, with prefixes, suffixes and letters changed)
    // and common column names: where a look-up and a regex could disagree.
    const common = ['id', 'name', 'status', 'type', 'email', 'user_id', 'created_at', 'updated_at', 'title', 'code', 'is_active', 'x', '_', '', 'a_b', 'by', '_by', 'created_by', 'sort_by', 'state_name', 'home_state', 'first', 'firstname', 'first__name'];
    let converted = 0, checked = 0;
    RULES.forEach((r, at) => {
      [r.column, r.table].forEach((re, k) => {
        if (!re) return;
        const m = built ? nameMatcher(re, built[at][k]) : nameMatcher(re);
        if (m !== re) converted++;
        const names = new Set(common);
        for (const part of re.source.split(/[|()]/)) {
          const w = part.replace(/[^a-z0-9_]/g, '');
          for (const v of [w, `x_${w}`, `${w}_x`, `a_${w}_b`, `${w}s`, `_${w}`, `${w}_`, `x${w}`, w.slice(1), w.slice(0, -1), w.replace('_', '')]) names.add(v);
        }
        for (const n of names) {
          checked++;
          assert.equal(m.test(n), re.test(n), `${r.id}: /${re.source}/ on "${n}"`);
        }
      });
    });
    assert.ok(converted > RULES.length / 2, `most patterns need no regex (${converted} of ${RULES.length} rules)`);
    assert.ok(checked > 10_000);
  });

  test('the bundles find every rule pattern compiled in the file beside them; one made from other rules is ignored', () => {
    for (const dir of ['dist', join('dist', 'vsix')]) {
      const text = readFileSync(join(import.meta.dirname, '..', dir, PATTERNS_FILE), 'utf8');
      assert.deepEqual(decodePatterns(text, RULES), JSON.parse(JSON.stringify(compiledRules().map(([c, t]) => [c, t ?? null]))), dir);
    }
    // Other rules (one pattern changed): the file is not theirs.
    const changed = RULES.map((r, i) => (i === 5 ? { ...r, column: /^changed$/ } : r));
    assert.equal(decodePatterns(readFileSync(join(import.meta.dirname, '..', 'dist', PATTERNS_FILE), 'utf8'), changed), undefined);
    // From source there is no file: each pattern is compiled when first needed.
    assert.equal(readPatterns(RULES), undefined);
  });

  test('the first rule a name meets, by look-up (FirstMatch), is the one testing each rule in turn finds', () => {
    const names = new Set(['id', 'name', 'status', 'email', 'user_id', 'created_at', 'x', '_', '', 'a__b', '_id', 'id_', 'first__name', 'zip_code_2', 'is_', '__']);
    for (const r of RULES) {
      for (const part of r.column.source.split(/[|()]/)) {
        const w = part.replace(/[^a-z0-9_]/g, '');
        for (const v of [w, `x_${w}`, `${w}_x`, `a_${w}_b`, `${w}s`, `_${w}`, `${w}_`, w.slice(1), w.slice(0, -1), `${w}_${w}`]) names.add(v);
      }
    }
    const matchers = RULES.map((r) => (r.table ? undefined : nameMatcher(r.column)));
    const index = new FirstMatch(matchers);
    const kinds = [...new Set(RULES.flatMap((r) => r.kinds))];
    let checked = 0;
    let n = 0;
    for (const name of names) {
      // Each name with two of the kinds, in turn (every kind meets thousands of names).
      for (const kind of [kinds[n % kinds.length], kinds[(n++ + 3) % kinds.length]]) {
        const eligible = (i: number) => RULES[i].kinds.includes(kind);
        const linear = RULES.findIndex((r, i) => !r.table && eligible(i) && matchers[i]!.test(name));
        assert.equal(index.first(name, eligible), linear, `${kind} "${name}"`);
        checked++;
      }
    }
    assert.ok(checked > 10_000, String(checked));
  });

  test('expand lists the strings of literal patterns and refuses the rest', () => {
    assert.deepEqual(expand('(first_?name|given)'), ['first_name', 'firstname', 'given']);
    assert.deepEqual(expand('ab[cd]'), ['abc', 'abd']);
    for (const p of ['a+', 'a*', 'a{2}', '.', '\\d', '(?<!x)y', '(?=a)a', 'a??']) assert.equal(expand(p), undefined, p);
  });
});

describe('speed', () => {
  test('the example generators average under 2 µs per value', () => {
    const gens = RULES.map((r) => ({ f: exampleFacts(r) })).map(({ f }) => ({ g: chooseGenerator(f), rng: new Rng(5, f.table, f.column.name) }));
    const ctx = { index: 0, row: {} };
    for (const { g, rng } of gens) for (let i = 0; i < 200; i++) g.next(rng, ctx); // warm up
    const n = 2000;
    const t0 = performance.now();
    for (const { g, rng } of gens) for (let i = 0; i < n; i++) g.next(rng, ctx);
    const perValue = ((performance.now() - t0) * 1000) / (n * gens.length);
    assert.ok(perValue < 2, `${perValue.toFixed(3)} µs per value`);
  });
});

describe('docs/rules.md', () => {
  test('is generated from the rule table and up to date (run `node scripts/rules-doc.ts`)', () => {
    const current = readFileSync(RULES_DOC, 'utf8');
    assert.equal(current, renderRulesDoc(), 'docs/rules.md is stale: run `node scripts/rules-doc.ts`');
  });

  test('lists every rule', () => {
    const doc = readFileSync(RULES_DOC, 'utf8');
    for (const r of RULES) assert.ok(doc.includes(`| \`${r.id}\` |`), `${r.id} missing from docs/rules.md`);
  });
});
