import type { Faker, LocaleDefinition } from '@faker-js/faker';
import type { ColumnInfo, SchemaInfo, TableInfo } from '../schema/model.ts';
import type { Generator, GenContext } from './generator.ts';
import type { Rng } from './prng.ts';
import { matchRule } from './rules.ts';
import { snake } from './rules/kit.ts';
import { importPackage } from '../packages.ts';

// Text in the language a column's name says: `name_sinhala`, `name_ta`, `title_fr`, `city_ja`,
// `description_ar` hold names, places and words in that language's script. faker's locale data
// is used where it has the language in its own script (loaded only when the schema has such a
// column: faker costs ≈250 ms to load); Sinhala and Tamil, which faker lacks in their scripts,
// come from a small pool of Sri Lankan names and places kept in three scripts side by side, so a
// row's `name`, `name_sinhala` and `name_tamil` are one person. Columns of one row that differ
// only in their language share one draw per row.

/** Language words and codes in column names → faker locale (or `si` / `ta`: the pool below). */
const LANGUAGES: Record<string, string> = {
  sinhala: 'si', sinhalese: 'si', si: 'si', tamil: 'ta', ta: 'ta',
  arabic: 'ar', ar: 'ar', japanese: 'ja', ja: 'ja', jp: 'ja', chinese: 'zh_CN', zh: 'zh_CN',
  korean: 'ko', ko: 'ko', russian: 'ru', ru: 'ru', greek: 'el', el: 'el', hebrew: 'he', he: 'he',
  french: 'fr', fr: 'fr', german: 'de', de: 'de', spanish: 'es', es: 'es', thai: 'th', th: 'th',
  persian: 'fa', farsi: 'fa', fa: 'fa', urdu: 'ur', ur: 'ur', armenian: 'hy', hy: 'hy', ukrainian: 'uk',
  italian: 'it', portuguese: 'pt_BR', dutch: 'nl', nl: 'nl', polish: 'pl', turkish: 'tr', vietnamese: 'vi', vi: 'vi',
};
const NAMES: Record<string, string> = {
  si: 'Sinhala', ta: 'Tamil', ar: 'Arabic', ja: 'Japanese', zh_CN: 'Chinese', ko: 'Korean', ru: 'Russian', el: 'Greek',
  he: 'Hebrew', fr: 'French', de: 'German', es: 'Spanish', th: 'Thai', fa: 'Persian', ur: 'Urdu', hy: 'Armenian',
  uk: 'Ukrainian', it: 'Italian', pt_BR: 'Portuguese', nl: 'Dutch', pl: 'Polish', tr: 'Turkish', vi: 'Vietnamese',
};
/** Plain (English) siblings of a language column: `name`, `name_en`, `name_english`. */
const ENGLISH = new Set(['en', 'eng', 'english']);

/** The language a column's name asks for, and the name without it (`title_fr` → fr, title). */
export function columnLanguage(name: string): { code: string; base: string } | undefined {
  const parts = snake(name).split('_');
  if (parts.length < 2) return undefined;
  // A code (`_fr`) only at the end; a language's name (`sinhala_name`) at either end.
  for (const at of [parts.length - 1, 0]) {
    const code = LANGUAGES[parts[at]];
    if (code && (at > 0 || parts[at].length > 3)) return { code, base: parts.filter((_, i) => i !== at).join('_') };
  }
  return undefined;
}

/** True when some column of the schema is named for a language (then loadLocales before planning). */
export function hasLanguageColumns(schema: SchemaInfo): boolean {
  return schema.tables.some((t) => t.columns.some((c) => c.kind === 'text' && columnLanguage(c.name)));
}

let lib: typeof import('@faker-js/faker') | undefined;
/** Loads faker's locales (once); planning then finds them (plan.ts, generator thread). */
export async function loadLocales(): Promise<void> {
  lib ??= await importPackage('@faker-js/faker', () => import('@faker-js/faker'));
}

type Meaning = 'full' | 'first' | 'last' | 'city' | 'country' | 'company' | 'sentence' | 'words';

/** What the column holds, from its name without the language (a plain `name` is a person's only
 *  where the table's naming rule says so: products.name_zh is a product's name). */
function meaningOf(base: string, table?: TableInfo): Meaning {
  if (base === 'name' && table && !matchRule({ table: table.name, column: { name: base, type: 'TEXT', kind: 'text', nullable: true, default: null, autoIncrement: false, generated: false } })?.id.startsWith('person.')) return 'words';
  return meaningOfName(base);
}

function meaningOfName(base: string): Meaning {
  if (/(^|_)(first|given|fore)_?name$/.test(base)) return 'first';
  if (/(^|_)(last|family|sur)_?name$|^surname$/.test(base)) return 'last';
  if (/(^|_)(full_?name|person|author|owner|customer|student|teacher|employee|user)(_name)?$|^name$/.test(base)) return 'full';
  if (/(^|_)(city|town|village)(_name)?$/.test(base)) return 'city';
  if (/(^|_)country(_name)?$/.test(base)) return 'country';
  if (/(^|_)(company|organi[sz]ation|employer|business)(_name)?$/.test(base)) return 'company';
  if (/(^|_)(description|desc|bio|about|body|text|content|summary|notes?|comment|message|details?)$/.test(base)) return 'sentence';
  return 'words';
}

/** One draw per row shared by the columns of a row that differ only in their language. */
interface Draw { row: unknown; seed: number }
const draws = new WeakMap<TableInfo, Map<string, Draw>>();

function shared(table: TableInfo, base: string): Draw {
  let m = draws.get(table);
  if (!m) draws.set(table, (m = new Map()));
  let d = m.get(base);
  if (!d) m.set(base, (d = { row: undefined, seed: 0 }));
  return d;
}

/** The row's draw: the first column of the row to ask makes it from its own stream. */
function seedOf(d: Draw, rng: Rng, ctx: GenContext): number {
  if (d.row !== ctx.row) { d.row = ctx.row; d.seed = rng.next32(); }
  return d.seed;
}

/** Per table: does any column name a language (asked once, so other tables pay nothing more). */
const tableHas = new WeakMap<TableInfo, boolean>();

/** A generator for a column named for a language (or the plain sibling of Sinhala/Tamil ones). */
export function languageGenerator(table: TableInfo, col: ColumnInfo): Generator | undefined {
  if (col.kind !== 'text') return undefined;
  let has = tableHas.get(table);
  if (has === undefined) tableHas.set(table, (has = table.columns.some((c) => c.kind === 'text' && columnLanguage(c.name))));
  if (!has) return undefined;
  const lang = columnLanguage(col.name);
  const max = col.length;
  const fit = (s: string) => (max && s.length > max ? s.slice(0, max) : s);
  if (!lang) {
    // `name` / `name_en` beside `name_sinhala`: the same person, in Latin letters.
    const parts = snake(col.name).split('_');
    const base = ENGLISH.has(parts[parts.length - 1]) ? parts.slice(0, -1).join('_') : parts.join('_');
    const siblings = table.columns.filter((c) => c !== col && columnLanguage(c.name)?.base === base && POOLED.has(columnLanguage(c.name)!.code));
    if (!base || !siblings.length) return undefined;
    const m = meaningOf(base, table);
    if (m === 'words' || m === 'sentence' || m === 'country' || m === 'company') return undefined;
    const d = shared(table, base);
    return { label: `locale.en.${m}`, next: (rng, ctx) => fit(pooled(m, 0, seedOf(d, rng, ctx))) };
  }
  const m = meaningOf(lang.base, table);
  const d = shared(table, lang.base);
  const label = `locale.${lang.code}.${m}`;
  if (POOLED.has(lang.code)) {
    const script = lang.code === 'si' ? 1 : 2;
    return { label, next: (rng, ctx) => fit(pooled(m, script, seedOf(d, rng, ctx))) };
  }
  if (!lib) return undefined; // not loaded: the schema check said there is none (cannot happen)
  const data = (lib.allLocales as Record<string, LocaleDefinition>)[lang.code];
  if (!data) return undefined;
  const faker = new lib.Faker({ locale: [data, lib.en, lib.base] });
  const make = fakerText(faker, data, m);
  return { label, next: (rng, ctx) => { faker.seed(seedOf(d, rng, ctx)); return fit(make()); } };
}

/** What faker makes for a meaning in a locale, preferring what the locale has in its own data. */
function fakerText(f: Faker, data: LocaleDefinition, m: Meaning): () => string {
  const words = (min: number, max: number) => {
    if (data.word?.noun?.length) return () => f.word.words({ count: { min, max } });
    if (data.lorem?.word?.length) return () => f.lorem.words({ min, max });
    if (data.commerce?.product_name) return () => f.commerce.productName();
    return () => f.person.lastName();
  };
  switch (m) {
    case 'full': return () => f.person.fullName();
    case 'first': return () => f.person.firstName();
    case 'last': return () => f.person.lastName();
    case 'city': return data.location?.city_name || data.location?.city_pattern ? () => f.location.city() : words(1, 2);
    case 'country': return data.location?.country ? () => f.location.country() : words(1, 2);
    case 'company': return data.company ? () => f.company.name() : words(1, 3);
    case 'sentence': return data.lorem?.word?.length ? () => f.lorem.sentence({ min: 4, max: 10 }) : words(4, 10);
    default: return words(1, 3);
  }
}

/** The pool's languages (faker has no Sinhala, and Tamil only in Latin letters). */
const POOLED = new Set(['si', 'ta']);

// Sri Lankan names, places and words: Latin, Sinhala, Tamil, side by side.
const GIVEN = [
  ['Nimal', 'නිමල්', 'நிமல்'], ['Sunil', 'සුනිල්', 'சுனில்'], ['Kamal', 'කමල්', 'கமல்'], ['Anil', 'අනිල්', 'அனில்'],
  ['Ruwan', 'රුවන්', 'ருவன்'], ['Kasun', 'කසුන්', 'கசுன்'], ['Saman', 'සමන්', 'சமன்'], ['Chamari', 'චමරි', 'சமரி'],
  ['Dilani', 'දිලානි', 'திலானி'], ['Nadeesha', 'නදීෂා', 'நதீஷா'], ['Sanduni', 'සඳුනි', 'சந்துனி'], ['Mala', 'මාලා', 'மாலா'],
];
const FAMILY = [
  ['Perera', 'පෙරේරා', 'பெரேரா'], ['Silva', 'සිල්වා', 'சில்வா'], ['Bandara', 'බණ්ඩාර', 'பண்டார'], ['Jayasuriya', 'ජයසූරිය', 'ஜயசூரிய'],
  ['Dissanayake', 'දිසානායක', 'திசாநாயக்க'], ['Herath', 'හේරත්', 'ஹேரத்'], ['Gunawardena', 'ගුණවර්ධන', 'குணவர்தன'],
  ['Rajapaksa', 'රාජපක්ෂ', 'ராஜபக்ஷ'], ['Kumara', 'කුමාර', 'குமார'], ['Fonseka', 'ෆොන්සේකා', 'பொன்சேகா'],
];
const CITIES = [
  ['Colombo', 'කොළඹ', 'கொழும்பு'], ['Kandy', 'මහනුවර', 'கண்டி'], ['Galle', 'ගාල්ල', 'காலி'], ['Jaffna', 'යාපනය', 'யாழ்ப்பாணம்'],
  ['Matara', 'මාතර', 'மாத்தறை'], ['Kurunegala', 'කුරුණෑගල', 'குருநாகல்'], ['Negombo', 'මීගමුව', 'நீர்கொழும்பு'],
  ['Anuradhapura', 'අනුරාධපුරය', 'அனுராதபுரம்'], ['Batticaloa', 'මඩකලපුව', 'மட்டக்களப்பு'], ['Ratnapura', 'රත්නපුර', 'இரத்தினபுரி'],
];
const WORDS = [
  ['new', 'නව', 'புதிய'], ['book', 'පොත', 'புத்தகம்'], ['song', 'ගීතය', 'பாடல்'], ['school', 'පාසල', 'பள்ளி'],
  ['village', 'ගම', 'கிராமம்'], ['flower', 'මල', 'மலர்'], ['love', 'ආදරය', 'அன்பு'], ['world', 'ලෝකය', 'உலகம்'],
  ['life', 'දිවිය', 'வாழ்க்கை'], ['sun', 'හිරු', 'சூரியன்'],
];

/** The pool's text for a meaning in one script (0 Latin, 1 Sinhala, 2 Tamil) from a row's draw. */
function pooled(m: Meaning, script: number, seed: number): string {
  const a = seed % 1000003;
  const given = GIVEN[a % GIVEN.length][script];
  const family = FAMILY[Math.floor(a / GIVEN.length) % FAMILY.length][script];
  switch (m) {
    case 'full': return `${given} ${family}`;
    case 'first': return given;
    case 'last': return family;
    case 'city': return CITIES[a % CITIES.length][script];
    case 'country': return ['Sri Lanka', 'ශ්‍රී ලංකාව', 'இலங்கை'][script];
    default: {
      const n = m === 'sentence' ? 4 + (a % 5) : 1 + (a % 3);
      const out: string[] = [];
      for (let i = 0, x = a; i < n; i++, x = Math.floor(x / 7) + i * 31) out.push(WORDS[x % WORDS.length][script]);
      return out.join(' ');
    }
  }
}

/** `Japanese (ja)`, for `plan --explain`. */
export function languageName(label: string): string | undefined {
  const code = /^locale\.([^.]+)\./.exec(label)?.[1];
  if (!code) return undefined;
  return code === 'en' ? 'English letters' : `${NAMES[code] ?? code} (${code})`;
}
