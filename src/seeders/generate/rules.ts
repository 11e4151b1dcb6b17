import type { ColumnInfo, ValueKind } from '../schema/model.ts';
import {
  EPOCH_END, EPOCH_START, capitalize, formatDate, formatDateTime, formatTime, slugify, uuidFrom,
} from './format.ts';
import { finite, integerRange, type Generator } from './generator.ts';
import { pools as P } from './pools.ts';
import type { Rng } from './prng.ts';
import { specialTypeGenerator } from './special-types.ts';

// THE place where a column's generator is chosen. `chooseGenerator` walks RULES top to bottom and
// takes the first whose name pattern and value kind fit; `byType` is the fallback. Table names are
// context: `students.name` is a person, `subjects.name` a subject, `products.name` a product.

export interface ColumnFacts {
  table: string;
  column: ColumnInfo;
}

interface Rule {
  id: string;
  /** Matched against the snake_case column name. */
  column: RegExp;
  /** Optional: matched against the snake_case table name. */
  table?: RegExp;
  kinds: ValueKind[];
  make: (f: ColumnFacts) => Generator;
}

const TEXT: ValueKind[] = ['text'];
const INT: ValueKind[] = ['integer', 'bigint', 'decimal', 'real'];
const NUM: ValueKind[] = ['integer', 'bigint', 'decimal', 'real'];
const DAY = 86400000;

const pick = (xs: readonly string[]) => (rng: Rng) => rng.pick(xs);
const gen = (label: string, next: (rng: Rng) => unknown): Generator => ({ label, next, disambiguate: suffix });
const fullName = (rng: Rng) => `${rng.pick(P.firstNames)} ${rng.pick(P.lastNames)}`;
const word = (rng: Rng) => rng.pick(P.words);
const words = (rng: Rng, min: number, max: number) => {
  const n = rng.int(min, max);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(rng.pick(P.words));
  return out.join(' ');
};
const sentence = (rng: Rng) => capitalize(words(rng, 5, 12)) + '.';
const paragraph = (rng: Rng) => Array.from({ length: rng.int(2, 4) }, () => sentence(rng)).join(' ');
const digits = (rng: Rng, n: number) => { let s = ''; for (let i = 0; i < n; i++) s += String(rng.int(0, 9)); return s; };
const dateIn = (rng: Rng, from: number, to: number) => from + Math.floor(rng.float() * (to - from));
const money = (rng: Rng, min: number, max: number) => Math.round((min + rng.float() * (max - min)) * 100) / 100;
const emailOf = (rng: Rng) => {
  const f = rng.pick(P.firstNames).toLowerCase().replace(/[^a-z]/g, '');
  const l = rng.pick(P.lastNames).toLowerCase().replace(/[^a-z]/g, '');
  return `${f}.${l}@${rng.pick(P.domains)}`;
};
const productName = (rng: Rng) => `${rng.pick(P.productAdjectives)} ${rng.pick(P.productMaterials)} ${rng.pick(P.productNouns)}`;
const companyName = (rng: Rng) => `${rng.pick(P.lastNames)} ${rng.pick(P.companyNouns).split(' ')[0]} ${rng.pick(P.companySuffixes)}`;
const titleCase = (s: string) => s.split(' ').map(capitalize).join(' ');

/** A colliding text gets a numeric suffix: "Anna Smith" → "Anna Smith 2"; emails keep their domain. */
export function suffix(value: unknown, n: number): unknown {
  if (typeof value !== 'string') return value;
  const at = value.indexOf('@');
  if (at > 0) return `${value.slice(0, at)}${n + 1}${value.slice(at)}`;
  return `${value} ${n + 1}`;
}

// People and places the tables of a school, shop, or app are named for.
const PERSON_TABLES = /(^|_)(user|users|student|students|staff|teacher|teachers|employee|employees|person|people|persons|customer|customers|member|members|guardian|guardians|contact|contacts|author|authors|artist|artists|profile|profiles|patient|patients|player|players|coach|coaches|instructor|instructors|parent|parents|client|clients|account|accounts)$/;

export const RULES: Rule[] = [
  // People
  { id: 'person.firstName', column: /^(first_?name|given_?name|fname|forename)$/, kinds: TEXT, make: () => gen('person.firstName', pick(P.firstNames)) },
  { id: 'person.lastName', column: /^(last_?name|surname|family_?name|lname)$/, kinds: TEXT, make: () => gen('person.lastName', pick(P.lastNames)) },
  { id: 'person.middleName', column: /^middle_?name$/, kinds: TEXT, make: () => gen('person.middleName', pick(P.firstNames)) },
  { id: 'person.fullName', column: /^(full_?name|display_?name|name_with_initials|contact_name|guardian_name|parent_name|emergency_contact_name|.*_person_name|author|artist_name|recipient_name|sender_name)$/, kinds: TEXT, make: () => gen('person.fullName', fullName) },
  { id: 'person.name', column: /^name$/, table: PERSON_TABLES, kinds: TEXT, make: () => gen('person.fullName', fullName) },
  { id: 'person.prefix', column: /^(title|prefix|salutation|honorific)$/, table: PERSON_TABLES, kinds: TEXT, make: () => finite('person.prefix', P.namePrefixes) },
  { id: 'person.gender', column: /^(gender|sex)$/, kinds: TEXT, make: () => finite('person.gender', ['female', 'male', 'other']) },
  { id: 'person.birthDate', column: /^(birth_?date|date_of_birth|dob|birthday|born_on)$/, kinds: ['date', 'datetime', 'text'], make: (f) => dateGen('person.birthDate', f, Date.UTC(1955, 0, 1), Date.UTC(2016, 0, 1)) },
  { id: 'person.age', column: /^age$/, kinds: INT, make: () => integerRange('person.age', 5, 80) },
  { id: 'person.jobTitle', column: /^(job_?title|position|designation|occupation|role_title)$/, kinds: TEXT, make: () => gen('person.jobTitle', (r) => `${r.pick(P.jobDescriptors)} ${r.pick(P.jobAreas)} ${r.pick(P.jobTypes)}`) },
  { id: 'person.bio', column: /^(bio|biography|about)$/, kinds: TEXT, make: () => gen('lorem.paragraph', paragraph) },
  // Contact
  { id: 'internet.email', column: /(^|_)e?mail(_address)?$/, kinds: TEXT, make: () => gen('internet.email', emailOf) },
  { id: 'internet.username', column: /^(user_?name|login|handle|screen_name|nickname)$/, kinds: TEXT, make: () => gen('internet.username', (r) => `${r.pick(P.firstNames).toLowerCase().replace(/[^a-z]/g, '')}${r.int(1, 999)}`) },
  { id: 'internet.passwordHash', column: /(password|passwd|pwd)(_hash|_digest)?$|^encrypted_password$/, kinds: TEXT, make: () => gen('internet.passwordHash', (r) => `$2b$10$${digits(r, 10)}${'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.slice(r.int(0, 20), 40)}`) },
  { id: 'phone.number', column: /(phone|mobile|telephone|tel|fax|cell)(_?number|_no)?$/, kinds: TEXT, make: () => gen('phone.number', (r) => `+94 7${r.int(0, 8)} ${digits(r, 3)} ${digits(r, 4)}`) },
  { id: 'internet.url', column: /(url|website|homepage|link|href)$/, kinds: TEXT, make: () => gen('internet.url', (r) => `https://${r.pick(P.domains)}/${slugify(words(r, 1, 3))}`) },
  { id: 'internet.avatar', column: /(avatar|photo|picture|image|logo|thumbnail)(_url|_path)?$/, kinds: TEXT, make: () => gen('internet.avatar', (r) => `https://cdn.example.com/img/${digits(r, 8)}.jpg`) },
  { id: 'internet.ip', column: /(^|_)ip(_address)?$/, kinds: TEXT, make: () => gen('internet.ip', (r) => `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`) },
  { id: 'internet.userAgent', column: /user_?agent$/, kinds: TEXT, make: () => finite('internet.userAgent', ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15', 'Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148']) },
  // Addresses
  { id: 'location.street', column: /^(address|street|street_address|address_line_?1|address1|home_address|residential_address)$/, kinds: TEXT, make: () => gen('location.street', (r) => `${r.int(1, 999)} ${r.pick(P.lastNames)} ${r.pick(P.streetSuffixes)}`) },
  { id: 'location.secondary', column: /^(address_line_?2|address2|apartment|suite)$/, kinds: TEXT, make: () => gen('location.secondary', (r) => `Apt. ${r.int(1, 999)}`) },
  { id: 'location.city', column: /(^|_)(city|town)$/, kinds: TEXT, make: () => gen('location.city', pick(P.cities)) },
  { id: 'location.state', column: /^(state|province|region)$/, kinds: TEXT, make: () => gen('location.state', pick(P.states)) },
  { id: 'location.postcode', column: /(zip|postal_?code|post_?code|zip_?code)$/, kinds: TEXT, make: () => gen('location.postcode', (r) => digits(r, 5)) },
  { id: 'location.countryCode', column: /^country_?code$/, kinds: TEXT, make: () => finite('location.countryCode', P.countryCodes) },
  { id: 'location.country', column: /^(country|nationality|country_name)$/, kinds: TEXT, make: () => gen('location.country', pick(P.countries)) },
  { id: 'location.latitude', column: /^(lat|latitude)$/, kinds: NUM, make: () => gen('location.latitude', (r) => Math.round((r.float() * 180 - 90) * 1e6) / 1e6) },
  { id: 'location.longitude', column: /^(lng|lon|long|longitude)$/, kinds: NUM, make: () => gen('location.longitude', (r) => Math.round((r.float() * 360 - 180) * 1e6) / 1e6) },
  { id: 'location.timeZone', column: /^(time_?zone|tz)$/, kinds: TEXT, make: () => finite('location.timeZone', P.timeZones) },
  // Organisations
  { id: 'company.name', column: /^(company|company_name|organization|organisation|employer|school_name|institution|vendor|supplier|provider|manufacturer|publisher|sponsor)$/, kinds: TEXT, make: () => gen('company.name', companyName) },
  { id: 'company.name.table', column: /^name$/, table: /(^|_)(companies|company|organizations|organisations|schools|vendors|suppliers|providers|sponsors|publishers)$/, kinds: TEXT, make: () => gen('company.name', companyName) },
  { id: 'commerce.department', column: /^(department|department_name|dept)$/, kinds: TEXT, make: () => gen('commerce.department', pick(P.departments)) },
  { id: 'commerce.department.table', column: /^name$/, table: /department/, kinds: TEXT, make: () => gen('commerce.department', pick(P.departments)) },
  // Education
  { id: 'education.subject', column: /^(subject|subject_name|course_name)$/, kinds: TEXT, make: () => gen('education.subject', pick(P.subjects)) },
  { id: 'education.subject.table', column: /^(name|title)$/, table: /(subject|course)s?$/, kinds: TEXT, make: () => gen('education.subject', pick(P.subjects)) },
  { id: 'education.mark', column: /(marks?|score|percentage|grade_points?)$/, kinds: NUM, make: () => integerRange('education.mark', 0, 100) },
  // Commerce and money
  { id: 'commerce.productName', column: /^(name|title|product_name|item_name)$/, table: /(product|item|book|asset|inventory|uniform)s?$/, kinds: TEXT, make: () => gen('commerce.productName', productName) },
  { id: 'finance.amount', column: /(price|amount|cost|fee|total|balance|salary|budget|paid|subtotal|tax|discount|fine|wage|allowance|deduction|revenue|expense)(_amount|_cents)?$/, kinds: NUM, make: () => gen('finance.amount', (r) => money(r, 1, 5000)) },
  { id: 'finance.currency', column: /^(currency|currency_code)$/, kinds: TEXT, make: () => finite('finance.currency', P.currencies) },
  { id: 'finance.accountNumber', column: /(account_number|account_no|iban|bank_account)$/, kinds: TEXT, make: () => gen('finance.accountNumber', (r) => digits(r, 12)) },
  { id: 'commerce.quantity', column: /(quantity|qty|count|stock|capacity|seats|copies|units)$/, kinds: INT, make: () => integerRange('commerce.quantity', 1, 50) },
  { id: 'commerce.sku', column: /^(sku|barcode|serial_number|serial_no|asset_tag)$/, kinds: TEXT, make: () => gen('commerce.sku', (r) => `SKU-${digits(r, 8)}`) },
  { id: 'book.isbn', column: /^isbn(_?13)?$/, kinds: TEXT, make: () => gen('book.isbn', (r) => `978-${digits(r, 1)}-${digits(r, 3)}-${digits(r, 5)}-${digits(r, 1)}`) },
  { id: 'code.reference', column: /(code|number|_no|reference|ref|receipt|invoice|admission|registration|employee_id|index_number|roll_number)$/, kinds: TEXT, make: (f) => gen('code.reference', (r) => `${codePrefix(f)}-${digits(r, 6)}`) },
  // Content
  { id: 'lorem.title', column: /(title|headline|subject_line|topic|heading)$/, kinds: TEXT, make: () => gen('lorem.title', (r) => titleCase(words(r, 2, 5))) },
  { id: 'lorem.slug', column: /slug$/, kinds: TEXT, make: () => gen('lorem.slug', (r) => slugify(words(r, 2, 4))) },
  { id: 'lorem.paragraph', column: /(description|body|content|notes?|comments?|remarks?|details|message|summary|feedback|reason|text|instructions|observations?|recommendations?|explanation|bio)$/, kinds: TEXT, make: () => gen('lorem.paragraph', paragraph) },
  { id: 'color.hex', column: /(colou?r|colou?r_code|hex)$/, kinds: TEXT, make: () => gen('color.hex', (r) => '#' + r.int(0, 0xffffff).toString(16).padStart(6, '0')) },
  { id: 'system.mimeType', column: /(mime_?type|content_?type|media_type)$/, kinds: TEXT, make: () => finite('system.mimeType', ['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'text/csv', 'application/json', 'application/zip']) },
  { id: 'system.fileName', column: /(file_?name|filename|attachment|file_path|path|document)$/, kinds: TEXT, make: () => gen('system.fileName', (r) => `${slugify(words(r, 1, 3))}.${r.pick(['pdf', 'png', 'jpg', 'docx', 'csv', 'txt'])}`) },
  { id: 'system.version', column: /^(version|app_version|model_version)$/, kinds: TEXT, make: () => gen('system.version', (r) => `${r.int(0, 5)}.${r.int(0, 20)}.${r.int(0, 30)}`) },
  { id: 'system.token', column: /(token|secret|hash|checksum|api_key|signature|nonce)$/, kinds: TEXT, make: () => gen('system.token', (r) => Array.from({ length: 4 }, () => r.next32().toString(16).padStart(8, '0')).join('')) },
  { id: 'system.locale', column: /^(locale|language|lang|language_code)$/, kinds: TEXT, make: () => finite('system.locale', ['en', 'si', 'ta', 'fr', 'de', 'es', 'ja']) },
  // Status and categories
  { id: 'status', column: /(^|_)status$/, kinds: TEXT, make: () => finite('status', ['active', 'inactive', 'pending', 'completed', 'cancelled']) },
  { id: 'priority', column: /(^|_)priority$/, kinds: TEXT, make: () => finite('priority', ['low', 'medium', 'high', 'urgent']) },
  { id: 'priority.int', column: /(^|_)(priority|severity|level)$/, kinds: INT, make: () => integerRange('priority', 1, 5) },
  { id: 'rating', column: /(^|_)(rating|stars)$/, kinds: NUM, make: () => integerRange('rating', 1, 5) },
  { id: 'category.type', column: /(^|_)(type|kind|category)$/, kinds: TEXT, make: (f) => gen('category.type', (r) => `${singular(f.table).replace(/_/g, ' ')} ${r.pick(['type a', 'type b', 'type c', 'general', 'special'])}`) },
  // Time
  { id: 'time.year', column: /(^|_)year$/, kinds: INT, make: () => integerRange('time.year', 2015, 2026) },
  { id: 'time.month', column: /(^|_)month$/, kinds: INT, make: () => integerRange('time.month', 1, 12) },
  { id: 'time.academicYear', column: /(^|_)(year|academic_year|year_name)$/, kinds: TEXT, make: () => gen('time.academicYear', (r) => { const y = r.int(2015, 2026); return `${y}/${y + 1}`; }) },
  { id: 'time.past', column: /(created|updated|modified|deleted|archived|last_login|last_seen|last_accessed|issued|submitted|joined|registered|published|sent|received|approved|verified|paid|marked|recorded|resolved)(_at|_on|_date|_time)?$/, kinds: ['datetime', 'date', 'text'], make: (f) => dateGen('time.past', f, EPOCH_START, EPOCH_END) },
  { id: 'time.dayOfWeek', column: /(day_of_week|weekday)$/, kinds: TEXT, make: () => finite('time.dayOfWeek', ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']) },
  { id: 'time.dayOfWeek.int', column: /(day_of_week|weekday)$/, kinds: INT, make: () => integerRange('time.dayOfWeek', 1, 5) },
  { id: 'time.clock', column: /(^|_)(start|end|from|to|check_in|check_out|arrival|departure)_time$|^time$/, kinds: ['time', 'text'], make: () => gen('time.clock', (r) => formatTime(r.int(7 * 3600, 17 * 3600) - (r.int(7 * 3600, 17 * 3600) % 900))) },
  // Booleans named like predicates
  { id: 'boolean', column: /^(is|has|can|should|allow|allows|enable|enabled|active|verified|visible|published|required)(_|$)/, kinds: ['boolean', 'integer'], make: (f) => finite('boolean', f.column.kind === 'boolean' ? [true, false] : [1, 0]) },
];

/** Picks a generator for a column: the first matching rule, else one by type. */
export function chooseGenerator(f: ColumnFacts): Generator {
  const name = snake(f.column.name);
  const table = snake(f.table);
  for (const r of RULES) {
    if (!r.kinds.includes(f.column.kind)) continue;
    if (!r.column.test(name)) continue;
    if (r.table && !r.table.test(table)) continue;
    return r.make(f);
  }
  return byType(f);
}

/** Fallback by value kind, when no rule knows the column's name. */
export function byType(f: ColumnFacts): Generator {
  const special = specialTypeGenerator(f);
  if (special) return special;
  const c = f.column;
  switch (c.kind) {
    case 'boolean': return finite('boolean', [true, false]);
    case 'integer': return integerRange('number.int', 1, 1000);
    case 'bigint': return integerRange('number.int', 1, 100000);
    case 'real': return gen('number.float', (r) => Math.round(r.float() * 100000) / 100);
    case 'decimal': {
      const scale = c.scale ?? 2;
      const maxInt = c.precision ? Math.min(10 ** (c.precision - scale) - 1, 10000) : 10000;
      const f10 = 10 ** scale;
      return gen('number.decimal', (r) => Math.round(r.float() * maxInt * f10) / f10);
    }
    case 'uuid': return { label: 'string.uuid', next: (r) => uuidFrom(r.next32(), r.next32(), r.next32(), r.next32()) };
    case 'date': return dateGen('date.recent', f, EPOCH_START, EPOCH_END);
    case 'datetime': return dateGen('date.recent', f, EPOCH_START, EPOCH_END);
    case 'time': return gen('time.clock', (r) => formatTime(r.int(0, 86399)));
    case 'json': return gen('json.object', (r) => JSON.stringify({ [word(r)]: word(r), n: r.int(1, 100) }));
    case 'blob': return gen('binary.bytes', (r) => Buffer.from(Array.from({ length: 16 }, () => r.int(0, 255))));
    case 'text': {
      if (/(^|_)name$/.test(snake(c.name))) {
        return gen('lorem.name', (r) => titleCase(`${singular(f.table).replace(/_/g, ' ')} ${word(r)}`));
      }
      if ((c.length ?? 255) <= 8) return gen('string.code', (r) => r.next32().toString(36).toUpperCase().slice(0, c.length ?? 8));
      return gen('lorem.words', (r) => words(r, 1, 4));
    }
    default: return gen('lorem.word', word);
  }
}

function dateGen(label: string, f: ColumnFacts, from: number, to: number): Generator {
  const kind = f.column.kind;
  if (kind === 'date' || /(_on|_date|^date|birthday|dob)$/.test(snake(f.column.name)) && kind === 'text') {
    return gen(label, (r) => formatDate(dateIn(r, from, to - DAY)));
  }
  return gen(label, (r) => formatDateTime(dateIn(r, from, to)));
}

function codePrefix(f: ColumnFacts): string {
  const t = snake(f.table).split('_').filter(Boolean);
  const p = t.map((w) => w[0]).join('').toUpperCase().slice(0, 3);
  return p || 'X';
}

export function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[\s-]+/g, '_').toLowerCase();
}

export function singular(table: string): string {
  const t = snake(table);
  if (t.endsWith('ies')) return t.slice(0, -3) + 'y';
  if (t.endsWith('sses') || t.endsWith('ches') || t.endsWith('shes') || t.endsWith('xes')) return t.slice(0, -2);
  if (t.endsWith('s') && !t.endsWith('ss')) return t.slice(0, -1);
  return t;
}
