import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseDatabaseUrl } from '../drivers/url.ts';
import { clip, errorText } from '../errors.ts';
import { closest } from '../plan/names.ts';
import type { SchemaInfo, TableInfo } from '../schema/model.ts';
import { allowedValues } from './allowed.ts';
import { entityNames, type SchemaNames } from './entity-names.ts';
import { ConfigError } from './error.ts';
import { blankComments, formatPath, locate, positionOf, type ConfigPath } from './source.ts';
import type { SeedbedConfig } from './types.ts';

// Checks a loaded config: its SHAPE (unknown keys, wrong types, counts that are not whole
// numbers, ranges upside down, weights that are not positive) and, given the live schema, its
// NAMES (tables, columns, foreign-key columns for perParent, excluded tables configured). The
// first problem in the file (by line) is thrown as one ConfigError `file:line: … Fix: …`; the
// message says how many more there are. Hand-written rather than zod/valibot: the schema is
// small, and every message needs the did-you-mean and the line, which we work out ourselves.
// Keep the key lists below in step with types.ts.

const TOP_KEYS = ['database', 'seed', 'locale', 'nullRate', 'fanOut', 'rows', 'exclude', 'impliedForeignKeys', 'tables', 'scenarios', 'defaultScenario', 'hooks'] as const;
const TABLE_KEYS = ['rows', 'perParent', 'fanOut', 'columns', 'after'] as const;
const SCENARIO_KEYS = ['rows', 'tables', 'description'] as const;
const RULE_KEYS = ['generate', 'values', 'nullRate'] as const;
const HOOK_KEYS = ['beforeTable', 'afterTable'] as const;

interface Problem {
  path: ConfigPath;
  message: string;
  fix?: string;
  value?: unknown;
  table?: string;
  /** Exact offset in the source (lookups found in code), instead of locating `path`. */
  offset?: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isRate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;
const show = (v: unknown): string => {
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
};
const quoteList = (names: string[], max = 12) => names.length > max ? `${names.slice(0, max).join(', ')}, … (${names.length} in all)` : names.join(', ');

function didYouMean(name: string, names: string[], what: string): string {
  const near = closest(name, names);
  if (near.length) return `Did you mean "${near[0]}"?${near.length > 1 ? ` (or ${near.slice(1).map((n) => `"${n}"`).join(', ')})` : ''}`;
  return names.length ? `Use one of the ${what}: ${quoteList(names)}.` : `There are no ${what}.`;
}

function unknownKeys(o: Obj, allowed: readonly string[], path: ConfigPath, where: string, out: Problem[]): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) out.push({ path: [...path, k], message: `unknown setting "${k}" in ${where}.`, fix: didYouMean(k, [...allowed], `settings of ${where}`) });
  }
}

/**
 * Validates `config` (already loaded from `file`) and returns it typed. With `schema`, names are
 * checked against the live database too. Throws one ConfigError for the first problem.
 */
export function validateConfig(config: unknown, schema: SchemaInfo | undefined, file: string, source?: string): SeedbedConfig {
  const text = source ?? (existsSync(file) ? readFileSync(file, 'utf8') : '');
  const problems: Problem[] = [];
  if (!isObj(config)) {
    throw new ConfigError(file, 1, 1, '', `the config is ${show(config)}, not an object.`, 'Export an object: `export default defineConfig({ … })`.');
  }
  checkShape(config, problems);
  if (schema && !problems.length) checkNames(config, schema, text, problems);
  if (problems.length) throw toError(file, text, problems);
  return config as SeedbedConfig;
}

function toError(file: string, text: string, problems: Problem[]): ConfigError {
  const located = problems.map((p) => ({ p, at: p.offset !== undefined ? positionOf(text, p.offset) : locate(text, p.path, p.value) }));
  located.sort((a, b) => a.at.line - b.at.line);
  const { p, at } = located[0];
  const more = located.length - 1;
  const rest = more ? ` (${more} more problem${more > 1 ? 's' : ''} in the config after this one: ${located.slice(1, 4).map((l) => `line ${l.at.line}`).join(', ')}${more > 3 ? ', …' : ''})` : '';
  const where = p.path.length ? formatPath(p.path) : '';
  return new ConfigError(file, at.line, at.column, where, `${where ? `${where}: ` : ''}${p.message}${rest}`, p.fix, { table: p.table });
}

// ---- shape -------------------------------------------------------------------------------------

function checkShape(c: Obj, out: Problem[]): void {
  unknownKeys(c, TOP_KEYS, [], 'the config', out);
  if (c.database !== undefined) {
    if (typeof c.database !== 'string') out.push({ path: ['database'], message: `must be a URL string (got ${show(c.database)}).`, fix: 'Write database: \'sqlite:dev.db\' or \'postgresql://user@localhost:5432/app_dev\'.' });
    else {
      try {
        parseDatabaseUrl(c.database);
      } catch (e) {
        out.push({ path: ['database'], message: errorText(e).split('\n')[0], fix: 'Write database: \'sqlite:dev.db\' or \'postgresql://user@localhost:5432/app_dev\'.' });
      }
    }
  }
  if (c.seed !== undefined && !isWhole(c.seed)) out.push({ path: ['seed'], message: `must be a whole number >= 0 (got ${show(c.seed)}).`, fix: 'Write seed: 42 (the same seed gives the same data).' });
  if (c.rows !== undefined && !isWhole(c.rows)) out.push({ path: ['rows'], message: `must be a whole number >= 0 (got ${show(c.rows)}).`, fix: 'Write rows: 50.' });
  if (c.nullRate !== undefined && !isRate(c.nullRate)) out.push({ path: ['nullRate'], message: `must be a share between 0 and 1 (got ${show(c.nullRate)}).`, fix: 'Write nullRate: 0.1 for 10 % NULLs in nullable columns.' });
  if (c.fanOut !== undefined) checkFanOut(c.fanOut, ['fanOut'], out);
  if (c.impliedForeignKeys !== undefined && typeof c.impliedForeignKeys !== 'boolean') out.push({ path: ['impliedForeignKeys'], message: `must be true or false (got ${show(c.impliedForeignKeys)}).`, fix: 'Write impliedForeignKeys: false to fill columns like user_id by their type when the database declares no FOREIGN KEY.' });
  if (c.locale !== undefined) checkLocale(c.locale, out);
  if (c.exclude !== undefined) {
    if (!Array.isArray(c.exclude)) out.push({ path: ['exclude'], message: `must be a list of table names (got ${show(c.exclude)}).`, fix: 'Write exclude: [\'audit_log\'].' });
    else c.exclude.forEach((t, i) => { if (typeof t !== 'string') out.push({ path: ['exclude', i], message: `must be a table name (got ${show(t)}).`, fix: 'Write table names as strings.' }); });
  }
  if (c.tables !== undefined) {
    if (!isObj(c.tables)) out.push({ path: ['tables'], message: `must be an object of table → settings (got ${show(c.tables)}).`, fix: 'Write tables: { users: { rows: 20 } }.' });
    else for (const [t, tc] of Object.entries(c.tables)) checkTable(tc, ['tables', t], t, out, false);
  }
  if (c.scenarios !== undefined) {
    if (!isObj(c.scenarios)) out.push({ path: ['scenarios'], message: `must be an object of name → scenario (got ${show(c.scenarios)}).`, fix: 'Write scenarios: { light: { rows: 5 }, heavy: { rows: 5000 } }.' });
    else for (const [name, s] of Object.entries(c.scenarios)) checkScenario(s, ['scenarios', name], name, out);
  }
  if (c.defaultScenario !== undefined) {
    const names = isObj(c.scenarios) ? Object.keys(c.scenarios) : [];
    if (typeof c.defaultScenario !== 'string') out.push({ path: ['defaultScenario'], message: `must be a scenario name (got ${show(c.defaultScenario)}).` });
    else if (!names.includes(c.defaultScenario)) out.push({ path: ['defaultScenario'], message: `names no scenario: "${c.defaultScenario}".`, fix: didYouMean(c.defaultScenario, names, 'scenarios') });
  }
  if (c.hooks !== undefined) {
    if (!isObj(c.hooks)) out.push({ path: ['hooks'], message: `must be an object (got ${show(c.hooks)}).`, fix: 'Write hooks: { beforeTable({ table }) { … }, afterTable({ table, rows }) { … } }.' });
    else {
      unknownKeys(c.hooks, HOOK_KEYS, ['hooks'], 'hooks', out);
      for (const k of HOOK_KEYS) {
        const h = c.hooks[k];
        if (h !== undefined && typeof h !== 'function') out.push({ path: ['hooks', k], message: `must be a function (got ${show(h)}).`, fix: `Write ${k}({ table, rows, scenario }) { … }.` });
      }
    }
  }
}

let localeCache: string[] | null | undefined;
/** The list a bundle with faker inside was built with (the .vsix has no node_modules/@faker-js). */
declare const SEEDBED_FAKER_LOCALES: string[] | undefined;
/** faker's locales (file names under @faker-js/faker/dist/locale), or null when not findable. */
function fakerLocales(): string[] | null {
  if (localeCache !== undefined) return localeCache;
  if (typeof SEEDBED_FAKER_LOCALES !== 'undefined') return (localeCache = SEEDBED_FAKER_LOCALES);
  localeCache = null;
  try {
    const req = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
    const dir = join(dirname(req.resolve('@faker-js/faker/package.json')), 'dist', 'locale');
    localeCache = readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).filter((n) => n !== 'base');
  } catch {
    // Unusual install layout: skip the check, faker reports it when the locale is loaded.
  }
  return localeCache;
}

function checkLocale(locale: unknown, out: Problem[]): void {
  if (typeof locale !== 'string') {
    out.push({ path: ['locale'], message: `must be a faker locale name (got ${show(locale)}).`, fix: 'Write locale: \'en\' (or \'de\', \'fr\', \'pt_BR\', …).' });
    return;
  }
  const all = fakerLocales();
  if (all && !all.includes(locale)) {
    const normal = locale.replace('-', '_');
    out.push({ path: ['locale'], message: `"${locale}" is not a faker locale.`, fix: all.includes(normal) ? `Did you mean "${normal}"?` : didYouMean(normal, all, 'faker locales') });
  }
}

function checkScenario(s: unknown, path: ConfigPath, name: string, out: Problem[]): void {
  if (!isObj(s)) {
    out.push({ path, message: `must be an object (got ${show(s)}).`, fix: `Write ${name}: { rows: 20, tables: { … } }.` });
    return;
  }
  unknownKeys(s, SCENARIO_KEYS, path, `scenario "${name}"`, out);
  if (s.rows !== undefined && !isWhole(s.rows)) out.push({ path: [...path, 'rows'], message: `must be a whole number >= 0 (got ${show(s.rows)}).`, fix: 'Write rows: 20.' });
  if (s.description !== undefined && typeof s.description !== 'string') out.push({ path: [...path, 'description'], message: `must be text (got ${show(s.description)}).` });
  if (s.tables !== undefined) {
    if (!isObj(s.tables)) out.push({ path: [...path, 'tables'], message: `must be an object of table → rows or settings (got ${show(s.tables)}).`, fix: 'Write tables: { users: 20, posts: { perParent: { user_id: [0, 5] } } }.' });
    else for (const [t, tc] of Object.entries(s.tables)) checkTable(tc, [...path, 'tables', t], t, out, true);
  }
}

function checkTable(tc: unknown, path: ConfigPath, table: string, out: Problem[], numberAllowed: boolean): void {
  if (numberAllowed && typeof tc === 'number') {
    if (!isWhole(tc)) out.push({ path, message: `rows must be a whole number >= 0 (got ${show(tc)}).`, fix: `Write ${table}: 20.`, table });
    return;
  }
  if (!isObj(tc)) {
    out.push({ path, message: `must be ${numberAllowed ? 'a row count or ' : ''}an object (got ${show(tc)}).`, fix: `Write ${table}: { rows: 20 }${numberAllowed ? ` or ${table}: 20` : ''}.`, table });
    return;
  }
  unknownKeys(tc, TABLE_KEYS, path, `table ${table}`, out);
  if (tc.rows !== undefined && !isWhole(tc.rows)) out.push({ path: [...path, 'rows'], message: `must be a whole number >= 0 (got ${show(tc.rows)}).`, fix: 'Write rows: 20.', table });
  if (tc.rows !== undefined && tc.perParent !== undefined) {
    out.push({ path: [...path, 'perParent'], message: `${table} has both rows and perParent; perParent sets the row count.`, fix: 'Keep one of them: rows for a fixed count, perParent for a count per parent row.', table });
  }
  if (tc.perParent !== undefined) {
    if (!isObj(tc.perParent)) out.push({ path: [...path, 'perParent'], message: `must be an object of foreign key column → count (got ${show(tc.perParent)}).`, fix: 'Write perParent: { parent_id: [1, 3] } (1 to 3 rows per parent row) or { parent_id: 2 }.', table });
    else for (const [col, spec] of Object.entries(tc.perParent)) checkPerParent(spec, [...path, 'perParent', col], out, table);
  }
  if (tc.fanOut !== undefined) {
    if (!isObj(tc.fanOut)) out.push({ path: [...path, 'fanOut'], message: `must be an object of foreign key column → skew (got ${show(tc.fanOut)}).`, fix: 'Write fanOut: { author_id: 0 } (every parent equally often) or { author_id: 6 } (a few parents get most rows).', table });
    else for (const [col, k] of Object.entries(tc.fanOut)) checkFanOut(k, [...path, 'fanOut', col], out, table);
  }
  if (tc.after !== undefined) {
    if (!Array.isArray(tc.after)) out.push({ path: [...path, 'after'], message: `must be a list of table names (got ${show(tc.after)}).`, fix: 'Write after: [\'user_channels\'] (tables this one\'s functions look up).', table });
    else tc.after.forEach((a, i) => { if (typeof a !== 'string') out.push({ path: [...path, 'after', i], message: `must be a table name (got ${show(a)}).`, table }); });
  }
  if (tc.columns !== undefined) {
    if (!isObj(tc.columns)) out.push({ path: [...path, 'columns'], message: `must be an object of column → rule (got ${show(tc.columns)}).`, fix: 'Write columns: { email: ({ faker }) => faker.internet.email() }.', table });
    else for (const [col, rule] of Object.entries(tc.columns)) checkRule(rule, [...path, 'columns', col], out, table);
  }
}

/** A fan-out skew: the power of the rank law, 0 (even) to 20 (nearly all rows on one parent). */
function checkFanOut(k: unknown, path: ConfigPath, out: Problem[], table?: string): void {
  if (typeof k !== 'number' || !Number.isFinite(k) || k < 0 || k > 20) {
    out.push({ path, message: `must be a number from 0 (every parent equally often) to 20 (got ${show(k)}).`, fix: 'Write 0 for an even spread, 3 for the default skew (the busiest 10 % of parents get ≈ 37 % of the rows), 6 for a stronger one.', table });
  }
}

function checkPerParent(spec: unknown, path: ConfigPath, out: Problem[], table: string): void {
  if (typeof spec === 'function') return; // (parent row) => count, where types.ts allows it
  if (typeof spec === 'number') {
    if (!isWhole(spec)) out.push({ path, message: `must be a whole number >= 0 (got ${show(spec)}).`, fix: 'Write 2 (exactly two per parent) or [1, 3] (one to three).', table });
    return;
  }
  if (!Array.isArray(spec) || spec.length !== 2) {
    out.push({ path, message: `must be a number or a [min, max] pair (got ${show(spec)}${Array.isArray(spec) ? ` of ${spec.length}` : ''}).`, fix: 'Write 2 (exactly two per parent) or [1, 3] (one to three).', table });
    return;
  }
  const [min, max] = spec as unknown[];
  if (!isWhole(min) || !isWhole(max)) out.push({ path, message: `[min, max] must be whole numbers >= 0 (got [${show(min)}, ${show(max)}]).`, fix: 'Write [1, 3] (one to three per parent).', table });
  else if (min > max) out.push({ path, message: `the range [${min}, ${max}] has min > max.`, fix: `Write [${max}, ${min}].`, table });
}

function checkRule(rule: unknown, path: ConfigPath, out: Problem[], table: string): void {
  if (typeof rule === 'function') return;
  if (!isObj(rule)) {
    out.push({ path, message: `must be a function or { generate, values, nullRate } (got ${show(rule)}).`, fix: `Write ({ faker }) => faker.lorem.word(), or { values: ['a', 'b'] }${typeof rule === 'string' || typeof rule === 'number' ? `, or { values: [${JSON.stringify(rule)}] } for a constant` : ''}.`, table });
    return;
  }
  unknownKeys(rule, RULE_KEYS, path, `the rule for ${table}.${String(path[path.length - 1])}`, out);
  if (rule.generate !== undefined && typeof rule.generate !== 'function') out.push({ path: [...path, 'generate'], message: `must be a function (got ${show(rule.generate)}).`, fix: 'Write generate: ({ faker, row, index, lookup }) => …', table });
  if (rule.generate !== undefined && rule.values !== undefined) out.push({ path: [...path, 'values'], message: 'has both generate and values; only one can fill the column.', fix: 'Keep values (a fixed list) or generate (a function), not both.', table });
  if (rule.nullRate !== undefined && !isRate(rule.nullRate)) out.push({ path: [...path, 'nullRate'], message: `must be a share between 0 and 1 (got ${show(rule.nullRate)}).`, fix: 'Write nullRate: 0.2 for 20 % NULLs.', table });
  if (rule.values !== undefined) {
    const v = rule.values;
    if (Array.isArray(v)) {
      if (!v.length) out.push({ path: [...path, 'values'], message: 'is an empty list.', fix: 'Give at least one value, e.g. values: [\'a\', \'b\'].', table });
    } else if (isObj(v)) {
      const entries = Object.entries(v);
      if (!entries.length) out.push({ path: [...path, 'values'], message: 'has no values.', fix: 'Give value → weight pairs, e.g. values: { student: 80, teacher: 20 }.', table });
      for (const [k, w] of entries) {
        if (typeof w !== 'number' || !Number.isFinite(w) || w <= 0) out.push({ path: [...path, 'values', k], message: `weight of "${k}" must be a positive number (got ${show(w)}).`, fix: `Write ${k}: 10 (weights are relative: { a: 3, b: 1 } gives a three times as often as b); leave a value out rather than giving it 0.`, table });
      }
    } else out.push({ path: [...path, 'values'], message: `must be a list or value → weight object (got ${show(v)}).`, fix: 'Write values: [\'a\', \'b\'] or values: { a: 3, b: 1 }.', table });
  }
}

// ---- names ---------------------------------------------------------------------------------------

function checkNames(c: Obj, schema: SchemaInfo, text: string, out: Problem[]): void {
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  // Entity and property names (Member, fullName) stand for their table and column.
  const names = entityNames(schema);
  const canonical = (name: string) => names?.table(name) ?? name;
  const skipped = new Map(schema.skipped.map((s) => [s.name, s.reason]));
  const tableNames = schema.tables.map((t) => t.name);
  const excluded = new Set<string>();

  const table = (name: string, path: ConfigPath, value?: unknown): TableInfo | undefined => {
    const t = byName.get(canonical(name));
    if (t) return t;
    const reason = skipped.get(name);
    if (reason !== undefined) out.push({ path, value, message: `table ${name} is not seeded (${reason}).`, fix: `Remove ${name} from the config.`, table: name });
    else out.push({ path, value, message: `unknown table "${name}".`, fix: didYouMean(name, tableNames, 'tables'), table: name });
    return undefined;
  };

  for (const [i, name] of ((c.exclude as string[] | undefined) ?? []).entries()) {
    if (byName.has(canonical(name)) || skipped.has(name)) excluded.add(canonical(name));
    else table(name, ['exclude', i], name);
  }

  const checkTableNames = (tables: Obj, path: ConfigPath) => {
    for (const [name, tc] of Object.entries(tables)) {
      const p = [...path, name];
      if (excluded.has(canonical(name))) {
        out.push({ path: p, message: `table ${name} is configured but also excluded (exclude: [${JSON.stringify(name)}]).`, fix: `Remove ${name} from exclude, or remove its settings.`, table: name });
        continue;
      }
      const t = table(name, p);
      if (!t || !isObj(tc)) continue;
      checkColumns(t, tc, p, out, names);
      if (Array.isArray(tc.after)) {
        tc.after.forEach((a, i) => {
          if (typeof a !== 'string') return;
          if (excluded.has(canonical(a))) out.push({ path: [...p, 'after', i], value: a, message: `table ${a} is excluded, so it is never generated.`, fix: `Remove ${a} from after.`, table: name });
          else if (canonical(a) === canonical(name)) out.push({ path: [...p, 'after', i], value: a, message: `a table cannot come after itself.`, fix: `Remove ${a} from after.`, table: name });
          else table(a, [...p, 'after', i], a);
        });
      }
    }
  };
  if (isObj(c.tables)) checkTableNames(c.tables, ['tables']);
  for (const [name, s] of Object.entries(isObj(c.scenarios) ? c.scenarios : {})) {
    if (isObj(s) && isObj(s.tables)) checkTableNames(s.tables, ['scenarios', name, 'tables']);
  }
  checkLookups(text, tableNames, out);
}

function checkColumns(t: TableInfo, tc: Obj, path: ConfigPath, out: Problem[], names?: SchemaNames): void {
  const columnNames = t.columns.map((col) => col.name);
  const column = (name: string, p: ConfigPath) => {
    const own = names?.column(t.name, name) ?? name;
    const col = t.columns.find((x) => x.name === own);
    if (!col) out.push({ path: p, message: `unknown column "${name}" in table ${t.name}.`, fix: didYouMean(name, columnNames, `columns of ${t.name}`), table: t.name });
    return col;
  };
  const fkColumns = [...new Set(t.foreignKeys.flatMap((fk) => fk.columns))];
  if (isObj(tc.perParent)) {
    for (const name of Object.keys(tc.perParent)) {
      const p = [...path, 'perParent', name];
      const col = column(name, p);
      if (!col) continue;
      if (!fkColumns.includes(col.name)) {
        out.push({ path: p, message: `${t.name}.${name} is not a foreign key column, so it has no parent rows to count per.`, fix: fkColumns.length ? `Use a foreign key column of ${t.name}: ${fkColumns.join(', ')}.` : `${t.name} has no foreign keys: give it rows instead of perParent.`, table: t.name });
      }
    }
  }
  if (isObj(tc.fanOut)) {
    for (const name of Object.keys(tc.fanOut)) {
      const p = [...path, 'fanOut', name];
      const col = column(name, p);
      if (!col) continue;
      if (!fkColumns.includes(col.name)) {
        out.push({ path: p, message: `${t.name}.${name} is not a foreign key column, so it has no parents to spread over.`, fix: fkColumns.length ? `Use a foreign key column of ${t.name}: ${fkColumns.join(', ')}.` : `${t.name} has no foreign keys: remove fanOut.`, table: t.name });
      }
    }
  }
  if (isObj(tc.columns)) {
    const allowed = allowedValues(t);
    for (const [name, rule] of Object.entries(tc.columns)) {
      const p = [...path, 'columns', name];
      const col = column(name, p);
      if (!col) continue;
      if (col.generated) {
        out.push({ path: p, message: `${t.name}.${name} is a generated column; the database computes it and it is never written.`, fix: `Remove the rule for ${name}.`, table: t.name });
        continue;
      }
      if (!isObj(rule)) continue;
      if (!col.nullable && typeof rule.nullRate === 'number' && rule.nullRate > 0) {
        out.push({ path: [...p, 'nullRate'], message: `${t.name}.${name} is NOT NULL; it cannot hold NULLs.`, fix: 'Remove nullRate (or make the column nullable in the schema).', table: t.name });
      }
      const list = allowed.get(col.name)?.map(String);
      if (list?.length && rule.values !== undefined) {
        const values = Array.isArray(rule.values) ? rule.values : isObj(rule.values) ? Object.keys(rule.values) : [];
        for (const v of values) {
          if ((v === null || v === 'null') && col.nullable) continue;
          if (!list.includes(String(v))) {
            out.push({ path: [...p, 'values'], value: typeof v === 'string' && v.length <= 200 ? v : undefined, message: `${clip(JSON.stringify(v), 200)} is not an allowed value of ${t.name}.${name}.`, fix: `${didYouMean(String(v), list, `allowed values`)} Allowed: ${list.join(', ')}.`, table: t.name });
          }
        }
      }
    }
  }
}

/** `lookup.rows('table')` / `lookup.pick('table')` with a literal name: the table must exist. */
function checkLookups(text: string, tableNames: string[], out: Problem[]): void {
  const code = blankComments(text);
  const re = /\blookup\s*\.\s*(?:rows|pick)\s*(?:<[^>]*>)?\s*\(\s*(?:(['"])((?:\\[^]|(?!\1)[^\\\n])*)\1|`([^`\\$]*)`)/g;
  for (const m of code.matchAll(re)) {
    const name = m[3] ?? unescapeLiteral(m[2]);
    if (tableNames.includes(name)) continue;
    out.push({ path: [], offset: m.index + m[0].length - (m[2] ?? m[3]).length - 1, message: `lookup of unknown table "${name}".`, fix: didYouMean(name, tableNames, 'tables'), table: name });
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** The value of a '…' or "…" literal's body (`init` writes names with \n, \x1b, \u202e escapes). */
function unescapeLiteral(body: string): string {
  return body.replace(/\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|(\r\n|[\n\r\u2028\u2029])|([^]))/g, (_m, x, cp, u, lineEnd, c) => {
    if (x || u) return String.fromCharCode(parseInt(x ?? u, 16));
    if (cp) return String.fromCodePoint(parseInt(cp, 16));
    if (lineEnd) return ''; // a line continuation
    return SIMPLE_ESCAPES[c] ?? c;
  });
}
