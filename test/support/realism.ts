import assert from 'node:assert/strict';
import type { ColumnExplanation, PlanExplanation } from '../../src/seeders/plan/explain.ts';
import { cli } from './sqlite.ts';

// Shared by test/realism-sqlite.test.ts and test/realism-postgres.test.ts: `plan --explain --json`
// from the real CLI, and shape checks by SQL on a seeded database. The columns to check are
// picked from the explain output (by the generator the plan chose), and every check counts the
// columns and values it looked at so a test cannot pass on nothing.

/** Runs one SQL query on the database under test; rows as plain objects. */
export type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** `seedbed plan --explain --json`. */
export function explainCli(db: string, extra: string[] = []): PlanExplanation {
  const r = cli(['plan', '--explain', '--json', '--db', db, ...extra]);
  assert.equal(r.code, 0, `plan --explain --json failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as PlanExplanation;
}

/** The summary agrees with the columns, every column is explained, and ≥ 90 % of text-like columns are semantic. */
export function assertExplained(x: PlanExplanation, expectTables: number): void {
  assert.ok(x.tables.length >= expectTables, `${x.tables.length} tables explained`);
  assert.ok(x.ruleCount >= 150, `${x.ruleCount} rules`);
  const cols = x.tables.flatMap((t) => t.columns.map((c) => ({ t: t.name, c })));
  assert.equal(x.summary.columns, cols.length);
  const text = cols.filter(({ c }) => c.textLike);
  assert.equal(x.summary.textLike, text.length);
  assert.equal(x.summary.semanticTextLike, text.filter(({ c }) => c.semantic).length);
  assert.ok(x.summary.textLike > 0, 'some columns are text-like');
  for (const { t, c } of cols) {
    const where = `${t}.${c.column}`;
    assert.ok(c.generator && c.why && c.source, `${where} is explained: ${JSON.stringify(c)}`);
    if (c.source === 'rule') {
      assert.equal(c.generator.replace(/~pattern$/, ''), c.rule?.id, `${where}: the rule shown is the one that made the generator`);
      assert.ok(c.rule!.doc && c.rule!.column && c.rule!.file, `${where}: the rule's pattern, doc and file are shown`);
      assert.equal(c.rule!.tableContext, c.rule!.table !== undefined);
    }
    if (c.source === 'fk') assert.match(c.why, /^fk → /, where);
    if (c.source === 'fallback') assert.equal(c.semantic, false, `${where}: a type fallback is not semantic`);
    if (c.textLike) assert.ok(c.role === 'value', `${where}: text-like columns are plain values (not keys or foreign keys)`);
  }
  assert.ok(x.summary.share >= 0.9, `semantic share of text-like columns ${(x.summary.share * 100).toFixed(1)} % < 90 %; not semantic: ${x.summary.notSemantic.join(', ')}`);
}

export interface Picked { table: string; column: string; c: ColumnExplanation }

/** Columns whose generator matches `re` (and, optionally, a filter). */
export function pick(x: PlanExplanation, re: RegExp, filter: (c: ColumnExplanation) => boolean = () => true): Picked[] {
  return x.tables.flatMap((t) => t.columns.filter((c) => re.test(c.generator.replace(/~pattern$/, '')) && filter(c)).map((c) => ({ table: t.name, column: c.column, c })));
}

export const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Non-NULL values of each picked column; asserts at least one column and `minValues` values in all. */
export async function valuesOf(query: Query, cols: Picked[], what: string, minValues = 1): Promise<{ where: string; v: unknown }[]> {
  assert.ok(cols.length > 0, `no ${what} column found to check`);
  const out: { where: string; v: unknown }[] = [];
  for (const { table, column } of cols) {
    for (const r of await query(`SELECT ${q(column)} AS v FROM ${qualified(table)} WHERE ${q(column)} IS NOT NULL`)) out.push({ where: `${table}.${column}`, v: r.v });
  }
  assert.ok(out.length >= minValues, `only ${out.length} ${what} values to check`);
  return out;
}

/** `schema.table` → "schema"."table"; a plain name stays one identifier. */
export function qualified(table: string): string {
  const dot = table.indexOf('.');
  return dot > 0 && !table.startsWith('"') ? `${q(table.slice(0, dot))}.${q(table.slice(dot + 1))}` : q(table);
}

function bad(values: { where: string; v: unknown }[], ok: (v: unknown) => boolean): string[] {
  return values.filter(({ v }) => !ok(v)).slice(0, 10).map(({ where, v }) => `${where}: ${JSON.stringify(v)}`);
}

// ── Shapes ──────────────────────────────────────────────────────────────────────────────

const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
/** Capitalised words of letters, apostrophes and hyphens ("Anna-Lena O'Keefe", "McCullough"). */
const PERSON = /^\p{Lu}[\p{L}'’-]*( \p{Lu}[\p{L}'’-]*)*$/u;
const PHONE = /^\+?[0-9(][0-9 ().-]{5,}[0-9]$/;

export const PICK = {
  email: /^contact\.email$/,
  name: /^person\.(firstName|lastName|middleName|fullName|name\.context)$/,
  phone: /^contact\.phone$/,
  url: /^(contact\.(url|avatar|image|video)|file\.url)$/,
  country: /^place\.(country|countryCode|country\.context)$/,
  currency: /^money\.currency$/,
  money: /^(money\.(amount|price|salary|credits|perUnit)|[a-z]+\.price\.context)$/,
};

export async function checkEmails(query: Query, x: PlanExplanation, unique: Set<string>): Promise<{ columns: number; values: number; uniqueColumns: number }> {
  const cols = pick(x, PICK.email);
  const values = await valuesOf(query, cols, 'email');
  assert.deepEqual(bad(values, (v) => typeof v === 'string' && EMAIL.test(v)), [], 'emails look like emails');
  let uniqueColumns = 0;
  for (const { table, column } of cols.filter((p) => unique.has(`${p.table}.${p.column}`))) {
    uniqueColumns++;
    const [r] = await query(`SELECT count(${q(column)}) AS n, count(DISTINCT ${q(column)}) AS d FROM ${qualified(table)}`);
    assert.ok(Number(r.n) > 0, `${table}.${column} has emails`);
    assert.equal(Number(r.d), Number(r.n), `${table}.${column} is unique`);
  }
  return { columns: cols.length, values: values.length, uniqueColumns };
}

export async function checkNames(query: Query, x: PlanExplanation): Promise<number> {
  const values = await valuesOf(query, pick(x, PICK.name), 'person name', 20);
  assert.deepEqual(bad(values, (v) => typeof v === 'string' && PERSON.test(v) && v.length >= 2), [], 'person names are capitalised words of letters, apostrophes and hyphens');
  // Names repeat, but not too much: a name pool, not one name.
  const distinct = new Set(values.map(({ v }) => v)).size;
  assert.ok(distinct >= Math.min(20, values.length / 4), `${distinct} distinct names in ${values.length}`);
  return values.length;
}

export async function checkPhones(query: Query, x: PlanExplanation): Promise<number> {
  const values = await valuesOf(query, pick(x, PICK.phone), 'phone');
  assert.deepEqual(bad(values, (v) => typeof v === 'string' && PHONE.test(v) && (v.match(/\d/g) ?? []).length >= 7 && (v.match(/\d/g) ?? []).length <= 15), [], 'phone numbers have 7–15 digits and phone punctuation only');
  return values.length;
}

export async function checkUrls(query: Query, x: PlanExplanation): Promise<number> {
  const values = await valuesOf(query, pick(x, PICK.url), 'URL');
  assert.deepEqual(bad(values, (v) => {
    if (typeof v !== 'string' || /\s/.test(v)) return false;
    try { const u = new URL(v); return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.includes('.'); } catch { return false; }
  }), [], 'URLs parse as http(s) URLs with a host');
  return values.length;
}

/** Country names as CLDR (Intl.DisplayNames) spells them, plus ISO 3166 official names CLDR shortens. */
const COUNTRY_NAMES = (() => {
  const dn = new Intl.DisplayNames(['en'], { type: 'region' });
  const names = new Set<string>();
  const codes = new Set<string>();
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = dn.of(code);
      if (!name || name === code || /^Unknown/.test(name)) continue;
      codes.add(code);
      names.add(norm(name));
    }
  }
  // ISO 3166-1 English short names (as faker has them) for codes whose CLDR name differs.
  const iso: Record<string, string> = {
    'Brunei Darussalam': 'BN', Congo: 'CG', 'Democratic Republic of the Congo': 'CD', "Côte d'Ivoire": 'CI', 'Hong Kong': 'HK',
    "Democratic People's Republic of Korea": 'KP', 'Republic of Korea': 'KR', 'Kyrgyz Republic': 'KG', "Lao People's Democratic Republic": 'LA',
    'Libyan Arab Jamahiriya': 'LY', Macao: 'MO', Palestine: 'PS', 'Russian Federation': 'RU', 'Syrian Arab Republic': 'SY', Turkey: 'TR',
    'United States of America': 'US', 'Virgin Islands, British': 'VG', 'Virgin Islands, U.S.': 'VI', 'Holy See (Vatican City State)': 'VA',
    'Falkland Islands (Malvinas)': 'FK', 'Svalbard & Jan Mayen Islands': 'SJ', 'British Indian Ocean Territory (Chagos Archipelago)': 'IO',
    // The short forms customer tables write.
    USA: 'US', 'Czech Republic': 'CZ', Macau: 'MO', 'US Virgin Islands': 'VI',
  };
  for (const [name, code] of Object.entries(iso)) if (codes.has(code)) names.add(norm(name));
  return { names, codes };
})();

function norm(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/\(.*?\)/g, '').replace(/&/g, 'and').replace(/[^A-Za-z]+/g, ' ').trim().toLowerCase();
}

export async function checkCountries(query: Query, x: PlanExplanation): Promise<number> {
  const values = await valuesOf(query, pick(x, PICK.country), 'country', 20);
  assert.deepEqual(bad(values, (v) => typeof v === 'string' && (COUNTRY_NAMES.codes.has(v) || COUNTRY_NAMES.names.has(norm(v)))), [], 'countries are real country names or ISO codes');
  assert.ok(new Set(values.map(({ v }) => v)).size >= 10, 'more than a handful of countries');
  return values.length;
}

export async function checkCurrencies(query: Query, x: PlanExplanation): Promise<number> {
  const iso = new Set(Intl.supportedValuesOf('currency'));
  const values = await valuesOf(query, pick(x, PICK.currency), 'currency');
  assert.deepEqual(bad(values, (v) => typeof v === 'string' && iso.has(v)), [], 'currencies are ISO 4217 codes');
  return values.length;
}

/** Digits after the decimal point of a number as the database returned it (number or numeric text). */
function decimals(v: unknown): number {
  const s = typeof v === 'number' ? String(v) : String(v);
  if (/e/i.test(s)) return Infinity;
  const frac = s.split('.')[1] ?? '';
  return typeof v === 'string' ? frac.replace(/0+$/, '').length : frac.length;
}

/**
 * Money and decimals: every decimal/numeric(p, s) column holds at most s decimals and fits p;
 * money amounts and prices (any numeric type) hold at most 2 decimals and are not negative.
 */
export async function checkMoney(query: Query, x: PlanExplanation): Promise<{ decimalColumns: number; moneyValues: number }> {
  const dec = x.tables.flatMap((t) => t.columns.filter((c) => c.kind === 'decimal' && c.role === 'value').map((c) => ({ table: t.name, column: c.column, c })));
  let decimalColumns = 0;
  for (const p of dec) {
    const m = /\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)/.exec(p.c.type);
    if (!m) continue;
    const precision = Number(m[1]);
    const scale = Number(m[2] ?? 0);
    decimalColumns++;
    const values = await valuesOf(query, [p], `${p.table}.${p.column}`);
    assert.deepEqual(bad(values, (v) => decimals(v) <= scale), [], `${p.table}.${p.column} ${p.c.type}: at most ${scale} decimals`);
    assert.deepEqual(bad(values, (v) => Math.abs(Number(v)) < 10 ** (precision - scale)), [], `${p.table}.${p.column} ${p.c.type}: fits the precision`);
  }
  // Per-unit rates (cost_per_token 0.000056) are fractions of a cent on purpose.
  const money = await valuesOf(query, pick(x, PICK.money, (c) => ['decimal', 'real', 'integer', 'bigint'].includes(c.kind) && !/(^|_)per(_|$)/i.test(c.column)), 'money');
  assert.deepEqual(bad(money, (v) => decimals(v) <= 2 && Number(v) >= 0), [], 'money has at most 2 decimals (cents) and is not negative');
  return { decimalColumns, moneyValues: money.length };
}

/** Bodies of `CHECK (...)` in SQL text, with balanced parentheses, skipping string literals. */
export function checkBodies(sql: string): string[] {
  const out: string[] = [];
  const re = /\bCHECK\s*\(/gi;
  for (let m = re.exec(sql); m; m = re.exec(sql)) {
    let depth = 1;
    let quoted = false;
    let i = m.index + m[0].length;
    for (; i < sql.length && depth > 0; i++) {
      const c = sql[i];
      if (quoted) quoted = c !== "'";
      else if (c === "'") quoted = true;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
    }
    out.push(sql.slice(m.index + m[0].length, i - 1));
  }
  return out;
}

/** Every CHECK holds on every row (no row where it is FALSE), and is TRUE on some row (not vacuous). */
export async function checkChecks(query: Query, checks: { table: string; expr: string }[], tableSql: (t: string) => string = qualified): Promise<number> {
  assert.ok(checks.length > 0, 'the schema has CHECK constraints');
  const failing: string[] = [];
  const vacuous: string[] = [];
  for (const { table, expr } of checks) {
    const [r] = await query(`SELECT count(*) FILTER (WHERE NOT (${expr})) AS bad, count(*) FILTER (WHERE (${expr})) AS good FROM ${tableSql(table)}`);
    if (Number(r.bad) > 0) failing.push(`${table}: CHECK (${expr}) fails on ${r.bad} rows`);
    if (Number(r.good) === 0) vacuous.push(`${table}: CHECK (${expr}) is TRUE on no row`);
  }
  assert.deepEqual(failing, [], 'every CHECK holds on every row');
  assert.deepEqual(vacuous, [], 'every CHECK is exercised by some row');
  return checks.length;
}
