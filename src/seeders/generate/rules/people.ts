import { pools as P } from '../pools.ts';
import type { Generator } from '../generator.ts';
import type { Rng } from '../prng.ts';
import {
  ADULT_TABLES, DAY, INT, NUM, PERSON_TABLES, REFERENCE_DATE, STUDENT_TABLES, TEXT, WHEN, YEAR, cap, choice, letters, digits, exact, gen, int,
  maxLen, pick, pool, snake, tables, tiered, when, type ColumnFacts, type Rule,
} from './kit.ts';
import { firstName, fullName, lastName } from './text.ts';

// People: names, titles, gender, birth dates and ages by role, identity numbers, bios.
// The table says whose name it is: `students.name` is a person, `subjects.name` is not.

const BIRTH = exact('dob', 'date_of_birth', 'birth_?date', 'birthday', 'born_on', 'birth_day', 'birth_date_time', 'birthdate_at');
const PERSON_NAME = exact(
  'name', 'full_name', 'fullname', 'display_name', 'name_full', 'legal_name', 'preferred_name', 'known_as', 'name_with_initials',
  'name_(en|english|si|sinhala|ta|tamil|local|native|latin|official)',
);
const EMPLOYEE_TABLES = tables('employees?', 'staff', 'staffs', 'teachers?', 'educational_teachers?', 'instructors?', 'workers?', 'lecturers?', 'faculty');

/** Born between `minAge` and `maxAge` years before the reference date (end of the fixed window). */
function birth(f: ColumnFacts, minAge: number, maxAge: number): Generator {
  return when(f, REFERENCE_DATE - maxAge * YEAR, REFERENCE_DATE - minAge * YEAR - DAY);
}

function gender(f: ColumnFacts): Generator {
  const values = maxLen(f) === 1 ? ['F', 'M', 'X'] : ['female', 'male', 'non-binary', 'other'];
  const g = choice(f, values);
  const xs = values.filter((v) => v.length <= maxLen(f));
  // Mostly female/male, some non-binary/other: the domain still lists every value once.
  if (xs.length === values.length) g.next = (r) => { const x = r.float(); return x < 0.48 ? xs[0] : x < 0.96 ? xs[1] : xs[2 + (r.next32() & 1) % (xs.length - 2)]; };
  return g;
}

function initials(r: Rng): string {
  return `${pick(r, P.firstNames)[0]}. ${pick(r, P.firstNames)[0]}. ${pick(r, P.lastNames)}`;
}

export const peopleRules: Rule[] = [
  // ── Table context ─────────────────────────────────────────────────────────────────────
  {
    id: 'person.name.context',
    column: PERSON_NAME,
    table: PERSON_TABLES,
    kinds: TEXT,
    make: () => gen(fullName),
    doc: '`name` (and name_en, display_name, …) in a table of people (users, students, staff, customers, members, contacts, …): a full name.',
    example: 'students.name VARCHAR(150)',
  },
  {
    id: 'person.jobTitle.context',
    column: exact('title', 'position', 'role_title'),
    table: EMPLOYEE_TABLES,
    kinds: TEXT,
    // A staff table holds a few short titles, most staff in the front-line ones.
    make: (f) => (maxLen(f) <= 6 ? choice(f, P.namePrefixes) : /(employee|staff|worker)s?$/.test(snake(f.table)) ? tiered(f, P.staffTitles) : pool(f, jobTitles(f))),
    doc: '`title`/`position` of an employee, staff member or teacher: a short job title, the front-line roles (Sales Representative, Sales Support Agent) most often (chinook Employee.Title).',
    example: 'Employee.Title NVARCHAR(30)',
  },
  {
    id: 'person.prefix.context',
    column: exact('title'),
    table: PERSON_TABLES,
    kinds: TEXT,
    make: (f) => choice(f, P.namePrefixes),
    doc: '`title` of a person (users, customers, contacts): Mr., Mrs., Ms., Miss, Dr., Prof.',
    example: 'customers.title VARCHAR(10)',
  },
  {
    id: 'person.birthDate.student',
    column: BIRTH,
    table: STUDENT_TABLES,
    kinds: WHEN,
    make: (f) => birth(f, 5, 19),
    doc: 'Birth date of a student/pupil/child: 5–19 years old at the reference date (2026-01-01).',
    example: 'students.dob DATE',
  },
  {
    id: 'person.birthDate.adult',
    column: BIRTH,
    table: ADULT_TABLES,
    kinds: WHEN,
    make: (f) => birth(f, 22, 70),
    doc: 'Birth date of staff, teachers, employees, parents, guardians, coaches: 22–70 years old.',
    example: 'staff.dob DATE',
  },
  {
    id: 'person.age.student',
    column: exact('age', 'age_years', 'current_age'),
    table: STUDENT_TABLES,
    kinds: INT,
    make: () => int(5, 19),
    doc: 'Age of a student: 5–19.',
    example: 'students.age INTEGER',
  },
  // ── Names ─────────────────────────────────────────────────────────────────────────────
  {
    id: 'person.firstName',
    column: /^(first_?name|given_?name|fname|forename|first|christian_name)$|_(first_name|given_name)$/,
    kinds: TEXT,
    make: () => gen(firstName),
    doc: 'First names (faker en).',
    example: 'Customer.FirstName NVARCHAR(40)',
  },
  {
    id: 'person.lastName',
    column: /^(last_?name|surname|family_?name|lname|last)$|_(last_name|surname|family_name)$/,
    kinds: TEXT,
    make: () => gen(lastName),
    doc: 'Last names (faker en).',
    example: 'Customer.LastName NVARCHAR(20)',
  },
  {
    id: 'person.middleName',
    column: /^(middle_?names?|second_name|middle_initial)$/,
    kinds: TEXT,
    make: (f) => (maxLen(f) <= 2 ? gen((r) => pick(r, P.firstNames)[0]) : pool(f, P.middleNames)),
    doc: 'Middle names (an initial when the column is 1–2 characters).',
    example: 'users.middle_name TEXT',
  },
  {
    id: 'person.fullName',
    column: /^(full_?name|display_name|legal_name|contact_name|contact_person|guardian_name|parent_name|mother_name|father_name|mothers_name|fathers_name|spouse_name|emergency_contact|emergency_contact_name|next_of_kin|recipient_name|sender_name|principal_name|pe_department_head|doctor_name|physician|emergency_doctor_name|instructor_name|teacher_name|student_name|customer_name|owner_name|manager_name|coach_name|employee_name|staff_name|reviewer|reviewer_name|assignee|assignee_name|assigned_to|approver|approver_name|signed_by_name|witness|witness_name|referee|supervisor|supervisor_name|mentor|mentor_name|head_name|assessor|inspector|evaluator|observer|examiner|invigilator|auditor|counsellor|counselor|emergency_contacts|contact_person_name|author_name|person_name|member_name|participant_name|user_full_name|cardholder_name|card_holder_name|account_holder|billing_name|shipping_name)$|_(person_name|contact_name|full_name)$|(?<!(sort|order|group|filter|partition|split|multiply|divide|followed|backed|powered|identified|grouped|ordered|sorted))_by$/,
    kinds: TEXT,
    make: () => gen(fullName),
    doc: 'Full names for columns naming a person (guardian_name, contact_person, assigned_to, created_by as text, …).',
    example: 'exit_passes.guardian_name VARCHAR(150)',
  },
  {
    id: 'person.initials',
    column: exact('initials', 'name_initials', 'initial_name'),
    kinds: TEXT,
    make: (f) => (maxLen(f) <= 4 ? gen((r) => `${pick(r, P.firstNames)[0]}${pick(r, P.lastNames)[0]}`) : gen(initials)),
    doc: 'Initials "A. B. Smith" (or "AS" in short columns).',
    example: 'staff.initials VARCHAR(20)',
  },
  {
    id: 'person.prefix',
    column: exact('prefix', 'salutation', 'honorific', 'name_prefix', 'name_title', 'courtesy_title'),
    kinds: TEXT,
    make: (f) => choice(f, P.namePrefixes),
    doc: 'Name prefixes: Mr., Mrs., Ms., Miss, Dr., Prof.',
    example: 'contacts.salutation TEXT',
  },
  {
    id: 'person.suffix',
    column: exact('suffix', 'name_suffix', 'generation_suffix'),
    kinds: TEXT,
    make: (f) => choice(f, P.nameSuffixes),
    doc: 'Name suffixes: Jr., Sr., III, PhD …',
    example: 'people.suffix TEXT',
  },
  {
    id: 'person.gender',
    column: exact('gender', 'sex', 'gender_identity', 'biological_sex'),
    kinds: TEXT,
    make: gender,
    doc: 'female/male (48 % each), non-binary/other; F/M/X in a one-character column.',
    example: 'students.gender VARCHAR(10)',
  },
  {
    id: 'person.pronouns',
    column: exact('pronouns', 'preferred_pronouns'),
    kinds: TEXT,
    make: (f) => choice(f, P.pronouns),
    doc: 'Pronouns she/her, he/him, they/them …',
    example: 'profiles.pronouns TEXT',
  },
  {
    id: 'person.birthDate',
    column: BIRTH,
    kinds: WHEN,
    make: (f) => birth(f, 18, 80),
    doc: 'Birth date of anyone else (users, customers, members): 18–80 years old.',
    example: 'users.date_of_birth DATE',
  },
  {
    id: 'person.age',
    column: exact('age', 'age_years', 'current_age', 'age_at_enrollment'),
    kinds: INT,
    make: () => int(18, 80),
    doc: 'Age of an adult: 18–80.',
    example: 'customers.age INTEGER',
  },
  {
    id: 'person.experienceYears',
    column: exact('years_experience', 'years_of_experience', 'experience_years', 'experience', 'teaching_experience', 'years_teaching', 'years_in_service', 'service_years', 'tenure_years', 'years_coaching'),
    kinds: NUM,
    make: () => int(0, 35),
    doc: 'Years of experience 0–35.',
    example: 'staff_subjects.years_experience INTEGER',
  },
  {
    id: 'person.birthYear',
    column: exact('birth_year', 'year_of_birth', 'yob'),
    kinds: INT,
    make: () => int(1950, 2019),
    doc: 'Year of birth 1950–2019.',
    example: 'users.birth_year INTEGER',
  },
  {
    id: 'person.jobTitle',
    column: exact('job_title', 'jobtitle', 'occupation', 'designation', 'job', 'profession', 'job_role', 'position_title', 'job_position', 'work_title', 'current_position', 'employment_title', 'position', 'previous_position', 'role_held', 'post', 'post_held', 'father_occupation', 'mother_occupation', 'guardian_occupation', 'parent_occupation'),
    kinds: TEXT,
    make: (f) => pool(f, jobTitles(f)),
    doc: 'Job titles "Senior Marketing Manager" (faker descriptor × area × type), fitted to length.',
    example: 'student_guardians.occupation VARCHAR(100)',
  },
  {
    id: 'person.bio',
    column: exact('bio', 'biography', 'about', 'about_me', 'profile_summary', 'personal_statement', 'self_description', 'intro', 'introduction'),
    kinds: TEXT,
    make: (f) => {
      const max = maxLen(f);
      return gen((r) => {
        const s = `${cap(pick(r, P.bioParts))}, ${pick(r, P.bioParts)} and ${pick(r, P.bioParts)}. Into ${pick(r, P.hashtags)} and ${pick(r, P.hashtags)}.`;
        return s.length <= max ? s : s.slice(0, max);
      });
    },
    doc: 'Short bios "Teacher, runner and coffee lover. Into music and travel."',
    example: 'users.bio TEXT',
  },
  // ── Identity documents ────────────────────────────────────────────────────────────────
  {
    id: 'person.nationalId',
    column: exact('nic', 'nic_number', 'nic_no', 'national_id', 'national_id_number', 'id_number', 'identity_number', 'id_card_number', 'identity_card', 'citizen_id'),
    kinds: TEXT,
    make: (f) => (maxLen(f) >= 12 ? gen((r) => (r.float() < 0.5 ? `${r.int(1950, 2008)}${digits(r, 8)}` : `${digits(r, 9)}V`)) : gen((r) => `${digits(r, 9)}V`)),
    doc: 'National identity numbers: 12 digits (year + 8) or 9 digits + V (Sri Lankan NIC, lengths 12/10).',
    example: 'staff.nic VARCHAR(12)',
  },
  {
    id: 'person.ssn',
    column: exact('ssn', 'social_security_number', 'social_security_no', 'sin', 'tax_file_number'),
    kinds: TEXT,
    make: () => gen((r) => `9${digits(r, 2)}-${digits(r, 2)}-${digits(r, 4)}`),
    doc: 'SSN-shaped numbers in the never-issued 9xx range: 9##-##-####.',
    example: 'employees.ssn TEXT',
  },
  {
    id: 'person.passport',
    column: exact('passport', 'passport_number', 'passport_no', 'passport_id'),
    kinds: TEXT,
    make: () => gen((r) => `${letters(r, 1)}${digits(r, 8)}`),
    doc: 'Passport numbers: a letter and 8 digits.',
    example: 'travellers.passport_number TEXT',
  },
  {
    id: 'person.taxId',
    column: exact('tax_id', 'tin', 'vat_number', 'vat_id', 'tax_number', 'ein', 'gst_number', 'pan_number', 'tax_reference'),
    kinds: TEXT,
    make: (f) => (maxLen(f) >= 10 ? gen((r) => `${digits(r, 2)}-${digits(r, 7)}`) : gen((r) => digits(r, Math.min(9, maxLen(f))))),
    doc: 'Tax identifiers ##-####### (EIN shape).',
    example: 'companies.tax_id TEXT',
  },
  {
    id: 'person.driverLicense',
    column: exact('driver_license', 'drivers_license', 'driving_licence', 'driving_license', 'license_number', 'licence_number', 'dl_number', 'driver_license_number'),
    kinds: TEXT,
    make: () => gen((r) => `${letters(r, 1)}${digits(r, 7)}`),
    doc: 'Driving licence numbers: a letter and 7 digits.',
    example: 'drivers.license_number TEXT',
  },
  // ── Demographics ──────────────────────────────────────────────────────────────────────
  {
    id: 'person.nationality',
    column: exact('nationality', 'citizenship', 'demonym'),
    kinds: TEXT,
    make: (f) => pool(f, P.nationalities),
    doc: 'Nationalities (American, Sri Lankan, German …).',
    example: 'students.nationality TEXT',
  },
  {
    id: 'person.religion',
    column: exact('religion', 'faith', 'religious_affiliation'),
    kinds: TEXT,
    make: (f) => choice(f, P.religions),
    doc: 'Religions.',
    example: 'students.religion VARCHAR(20)',
  },
  {
    id: 'person.ethnicity',
    column: exact('ethnicity', 'ethnic_group', 'race', 'ethnic_origin'),
    kinds: TEXT,
    make: (f) => choice(f, P.ethnicities),
    doc: 'Broad census-style ethnicity groups.',
    example: 'students.ethnicity VARCHAR(20)',
  },
  {
    id: 'person.maritalStatus',
    column: exact('marital_status', 'civil_status', 'relationship_status'),
    kinds: TEXT,
    make: (f) => choice(f, P.maritalStatuses),
    doc: 'single, married, divorced, widowed, separated.',
    example: 'employees.marital_status TEXT',
  },
  {
    id: 'person.relationship',
    column: /^(relationship|relation|kinship|relationship_to_student|relation_to_student|relationship_to_user|guardian_relationship|guardian_type|contact_relationship|relationship_type)$/,
    kinds: TEXT,
    make: (f) => choice(f, P.relationships),
    doc: 'Family relationships: mother, father, guardian, grandmother …',
    example: 'student_guardians.relationship VARCHAR(20)',
  },
  {
    id: 'person.role.member',
    column: exact('role', 'member_role', 'participant_role', 'membership_role'),
    table: /(member|participant|assignment|attendee|team|club|crew|squad|collaborator|group_user|channel_user|user_channel|conversation_user|user_group)s?(_\w+)?$/,
    kinds: TEXT,
    make: (f) => choice(f, P.memberRoles),
    doc: '`role` inside a membership/participant/assignment table: owner, admin, member, moderator, captain …',
    example: 'club_members.role VARCHAR(15)',
  },
  {
    id: 'person.role',
    column: exact('role', 'user_role', 'role_name', 'user_type', 'account_role', 'primary_role', 'default_role', 'roles'),
    kinds: TEXT,
    make: (f) => choice(f, P.userRoles),
    doc: 'User roles: admin, teacher, student, parent, staff, manager …',
    example: 'users.role TEXT',
  },
  {
    id: 'person.role.context',
    column: exact('name', 'role_name', 'title', 'code', 'slug'),
    table: tables('roles?', 'user_roles?', 'role_sets?'),
    kinds: TEXT,
    make: (f) => choice(f, P.userRoles),
    doc: '`name` in a roles table: a role name.',
    example: 'roles.name TEXT',
  },
];


/** Every descriptor × area × type, once per length limit (a few thousand strings). */
const jobTitleCache = new Map<number, string[]>();
function jobTitles(f: ColumnFacts): string[] {
  const max = maxLen(f) === Infinity ? 1000 : maxLen(f);
  let xs = jobTitleCache.get(max);
  if (!xs) {
    xs = [];
    for (const d of P.jobDescriptors) for (const a of P.jobAreas) for (const t of P.jobTypes) {
      const s = `${d} ${a} ${t}`;
      if (s.length <= max) xs.push(s);
    }
    if (!xs.length) for (const a of P.jobAreas) for (const t of P.jobTypes) xs.push(`${a} ${t}`.slice(0, max));
    jobTitleCache.set(max, xs);
  }
  return xs;
}
