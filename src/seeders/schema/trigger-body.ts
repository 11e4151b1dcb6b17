import type { ForeignKeyInfo, TriggerAgreement, TriggerEquality, TriggerInfo, TriggerParentCondition } from './model.ts';

// What a trigger's body means for seeding, read from its text (SQLite's CREATE TRIGGER, a
// PL/pgSQL function's source): the tables it inserts into, whether it rejects rows (and with
// which messages), and the cross-table comparisons it rejects on — `SELECT 1 FROM events WHERE
// event_id = NEW.event_id AND room_id <> NEW.room_id`, `(SELECT room_id FROM events WHERE
// event_id = NEW.event_id) <> NEW.room_id`, `SELECT room_id INTO v FROM … ; IF v <> NEW.room_id`.
// Text patterns, not a parser: what is not recognised is left to the database (which still
// rejects, and the error then names the trigger).
// A lookup the body rejects on when it finds nothing — `(SELECT id FROM books WHERE id = NEW.book)
// IS NULL`, `NOT EXISTS (SELECT 1 FROM books WHERE id = NEW.book)` — is a foreign key the schema
// enforces by trigger (SQLite apps from before its FK support, genfkey, PL/pgSQL checks):
// `referencesOf` gives them, and trigger-keys.ts makes them foreign keys of the model.

export interface TriggerBody {
  /** Raw table names (maybe schema-qualified, unquoted) the body inserts into. */
  inserts: string[];
  rejects: boolean;
  messages: string[];
  /** Sub-queries over another table that relate its columns to the new row's. */
  lookups: Lookup[];
  /** Names called as functions (lower case; SQL's own words left out). */
  calls: string[];
  /** The body with comments and string contents blanked. */
  code?: string;
  /** The body with comments blanked, strings kept (same offsets as `code`). */
  text?: string;
  /** `DELETE FROM table WHERE …` statements that read no NEW, OLD or sub-query: the table and
   *  the WHERE as written (a purge of expired rows). */
  purges?: { table: string; where: string }[];
  /** SQLite: the body drops the new row (RAISE(IGNORE)): 'all' when a bare `SELECT RAISE(IGNORE);`
   *  does it, else 'some' (under a WHERE, a CASE). */
  ignores?: 'all' | 'some';
}

interface Lookup {
  table: string;
  relations: { refColumn: string; column: string; op: string }[];
  /** The body rejects the row when this lookup finds no row (IS NULL / NOT EXISTS around it). */
  absent?: boolean;
}

/** A column of the new row that must match a row of another table, as a rejecting trigger checks. */
export interface BodyReference {
  table: string;
  refColumn: string;
  column: string;
  /** The body lets NULL through (`NEW.book IS NOT NULL AND …`). */
  nullOk: boolean;
}

const ID = String.raw`(?:"(?:[^"]|"")+"|\[[^\]]+\]|\x60[^\x60]+\x60|[A-Za-z_][\w$]*)`;
export const QID = String.raw`${ID}(?:\s*\.\s*${ID})?`;
const OP = String.raw`(=|<>|!=|IS\s+DISTINCT\s+FROM|IS\s+NOT)`;
const NEW = String.raw`\bNEW\s*\.\s*(${ID})`;
const KEYWORDS = new Set(['where', 'join', 'inner', 'left', 'right', 'cross', 'on', 'limit', 'order', 'group', 'natural', 'full', 'union', 'then', 'and', 'or', 'into', 'for', 'loop', 'end', 'as', 'new', 'old']);

/** `{ key: value }` for an optional TriggerInfo field that says something (a non-empty list or
 *  string), else `{}`: both catalogue readers leave empty findings out of a trigger. */
export function present<K extends keyof TriggerInfo>(key: K, value: TriggerInfo[K] | undefined): Partial<Pick<TriggerInfo, K>> {
  const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length);
  return empty ? {} : ({ [key]: value } as Partial<Pick<TriggerInfo, K>>);
}

/** Words followed by `(` that are SQL, not function calls. */
export const NOT_CALLS = new Set(['values', 'in', 'exists', 'raise', 'select', 'into', 'as', 'on', 'using', 'and', 'or', 'not', 'when', 'then', 'else', 'where', 'from', 'join', 'case', 'is', 'set', 'over', 'filter', 'table', 'returning', 'cast', 'begin', 'execute', 'procedure', 'function', 'if', 'elsif', 'perform', 'return', 'loop', 'row',
  // Words a parenthesis follows in DML: `ON CONFLICT (id)`, `count(DISTINCT (x))`, `UNION ALL (SELECT …)`, `LIMIT (…)`.
  'conflict', 'distinct', 'all', 'union', 'intersect', 'except', 'by', 'having', 'limit', 'offset', 'between', 'escape', 'with', 'key', 'default', 'check', 'references', 'unique']);

export function readTriggerBody(text: string, dialect: 'sqlite' | 'postgresql'): TriggerBody {
  const src = stripComments(text);
  const code = maskStrings(src);
  const inserts = [...code.matchAll(new RegExp(String.raw`\b(?:INSERT(?:\s+OR\s+\w+)?|REPLACE)\s+INTO\s+(${QID})`, 'gi'))].map((m) => unquoteName(m[1]));
  const messages: string[] = [];
  let rejects = false;
  let ignores: 'all' | 'some' | undefined;
  if (dialect === 'sqlite') {
    if (/\bRAISE\s*\(\s*IGNORE\s*\)/i.test(code)) ignores = /\bSELECT\s+RAISE\s*\(\s*IGNORE\s*\)\s*(?:;|END\b)/i.test(code) ? 'all' : 'some';
    // The message may be "double-quoted" too: RAISE takes a name or a string there. RAISE(IGNORE)
    // drops the row without a word (its children then point at nothing): rejected all the same.
    for (const m of code.matchAll(/\bRAISE\s*\(\s*(ABORT|FAIL|ROLLBACK|IGNORE)\s*(?:,\s*('[^']*'|"(?:[^"]|"")*"))?/gi)) {
      rejects = true;
      if (m[2]?.startsWith('"')) messages.push(unquote(m[2]));
      else if (m[2]) messages.push(literal(src.slice(m.index! + m[0].length - m[2].length, m.index! + m[0].length)));
    }
  } else {
    for (const m of code.matchAll(/\bRAISE\b(?!\s*\()(?:\s+(DEBUG|LOG|INFO|NOTICE|WARNING|EXCEPTION)\b)?\s*(?:USING\s+MESSAGE\s*=\s*)?('[^']*')?/gi)) {
      if (m[1] && m[1].toUpperCase() !== 'EXCEPTION') continue;
      rejects = true;
      if (m[2]) messages.push(literal(src.slice(m.index! + m[0].length - m[2].length, m.index! + m[0].length)));
    }
  }
  const calls = new Set([...code.matchAll(/(?<![\w$."])([A-Za-z_][\w$]*)\s*\(/g)].map((m) => m[1].toLowerCase()).filter((n) => !NOT_CALLS.has(n)));
  const purges: { table: string; where: string }[] = [];
  for (const m of code.matchAll(new RegExp(String.raw`\bDELETE\s+FROM\s+(?:ONLY\s+)?(${QID})\s+WHERE\b`, 'gi'))) {
    const start = m.index! + m[0].length;
    const end = segmentEnd(code, start);
    const where = code.slice(start, end);
    if (/\b(?:NEW|OLD)\s*\.|\bSELECT\b|\bRETURNING\b|\$\d/i.test(where)) continue;
    purges.push({ table: unquoteName(m[1]), where: src.slice(start, end).trim() });
  }
  return { inserts: [...new Set(inserts)], rejects, messages, lookups: rejects ? lookups(code) : [], calls: [...calls], code, text: src, ...(purges.length ? { purges } : {}), ...(ignores ? { ignores } : {}) };
}

/** The lookups a rejecting body requires to find a row: one `=` between a column of the other
 *  table and one of the new row, and nothing else in its WHERE. */
export function referencesOf(body: TriggerBody): BodyReference[] {
  const out: BodyReference[] = [];
  for (const l of body.lookups) {
    if (!l.absent || l.relations.length !== 1 || l.relations[0].op !== '=') continue;
    const { refColumn, column } = l.relations[0];
    if (out.some((r) => same(r.column, column))) continue;
    const col = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const nullOk = new RegExp(String.raw`\bNEW\s*\.\s*"?${col}"?\s+IS\s+NOT\s+NULL\b`, 'i').test(body.code ?? '');
    out.push({ table: l.table, refColumn, column, nullOk });
  }
  return out;
}

/** Equalities the trigger's lookups enforce, given the table's own FKs: a lookup whose `=`
 *  relation follows an FK (`event_id = NEW.event_id`, NEW.event_id → events.event_id) ties the
 *  other related columns (`room_id <> NEW.room_id`) to the referenced row's. */
export function equalitiesOf(body: TriggerBody, fks: ForeignKeyInfo[], resolve: (raw: string) => string | undefined): TriggerEquality[] {
  const out: TriggerEquality[] = [];
  for (const l of body.lookups) {
    const refTable = resolve(l.table);
    if (!refTable) continue;
    const key = l.relations.find((r) => r.op === '=' && fks.some((f) => f.refTable === refTable && f.columns.length === 1 && same(f.columns[0], r.column) && same(f.refColumns[0], r.refColumn)));
    if (!key) continue;
    const via = fks.find((f) => f.refTable === refTable && same(f.columns[0], key.column))!.columns[0];
    for (const r of l.relations) {
      if (r === key || same(r.column, key.column) || same(r.refColumn, key.refColumn)) continue;
      if (out.some((e) => same(e.column, r.column))) continue;
      out.push({ column: r.column, via, refTable, key: key.refColumn, refColumn: r.refColumn });
    }
  }
  return out;
}

/** Two parents the body requires to agree on a column: `(SELECT libraryID FROM collections WHERE
 *  collectionID = NEW.collectionID) != (SELECT libraryID FROM items WHERE itemID = NEW.itemID)`,
 *  each lookup following a single-column FK of the table. */
export function agreementsOf(body: TriggerBody, fks: ForeignKeyInfo[], resolve: (raw: string) => string | undefined): TriggerAgreement[] {
  if (!body.rejects || !body.code) return [];
  const side = String.raw`\(\s*SELECT\s+(?:${ID}\s*\.\s*)?(${ID})\s+FROM\s+(${QID})(?:\s+(?!WHERE\b)(?:AS\s+)?${ID})?\s+WHERE\s+(?:${ID}\s*\.\s*)?(${ID})\s*=\s*${NEW}\s*\)`;
  const out: TriggerAgreement[] = [];
  for (const m of body.code.matchAll(new RegExp(String.raw`${side}\s*(?:!=|<>|IS\s+DISTINCT\s+FROM)\s*${side}`, 'gi'))) {
    const sides = [m.slice(1, 5), m.slice(5, 9)].map(([col, table, key, via]) => {
      const refTable = resolve(unquoteName(table));
      const fk = fks.find((f) => f.refTable === refTable && f.columns.length === 1 && same(f.columns[0], unquote(via)) && same(f.refColumns[0], unquote(key)));
      return fk ? { via: fk.columns[0], refTable: fk.refTable, refColumn: unquote(col) } : undefined;
    });
    if (sides[0] && sides[1] && sides[0].via !== sides[1].via) out.push({ left: sides[0], right: sides[1] });
  }
  return out;
}

/** The WHERE of a purge of the trigger's own table (`DELETE FROM cluster_events WHERE expire_at <=
 *  CURRENT_TIMESTAMP` after each insert): rows it selects are deleted as soon as they are written. */
export function purgeOf(body: TriggerBody, table: string, resolve: (raw: string) => string | undefined): string | undefined {
  const wheres = (body.purges ?? []).filter((p) => resolve(p.table) === table).map((p) => p.where);
  return wheres.length ? wheres.map((w) => `(${w})`).join(' OR ') : undefined;
}

/** The conditions under which a body rejects the new row, as written with `NEW.` (PL/pgSQL
 *  `IF <cond> THEN RAISE EXCEPTION`, SQLite `SELECT RAISE(ABORT, …) WHERE <cond>`): only those
 *  that read the new row and nothing the body computes (no OLD, TG_*, declared variables or
 *  assignments). What the trigger is about to test, a candidate row can be tested against first. */
export function rejectConditionsOf(body: TriggerBody, dialect: 'sqlite' | 'postgresql'): string[] {
  if (!body.rejects || !body.code || !body.text) return [];
  const { code, text } = body;
  const out: string[] = [];
  const declared = new Set<string>();
  const decl = /\bDECLARE\b([\s\S]*?)\bBEGIN\b/i.exec(code);
  if (decl) for (const m of decl[1].matchAll(/(?:^|;)\s*([A-Za-z_][\w$]*)\s+(?!:=)/g)) declared.add(m[1].toLowerCase());
  const take = (at: number, end: number) => {
    const c = code.slice(at, end);
    if (!/\bNEW\s*\./i.test(c) || /\bOLD\s*\.|\bTG_\w+|:=|\bFOUND\b|\$\d/i.test(c)) return;
    const words = [...c.replace(/\bNEW\s*\.\s*[\w$"]+|[\w$]+\s*\./gi, ' ').matchAll(/[A-Za-z_][\w$]*/g)].map((m) => m[0].toLowerCase());
    if (words.some((w) => declared.has(w))) return;
    const cond = text.slice(at, end).trim();
    if (cond && !out.includes(cond)) out.push(cond);
  };
  if (dialect === 'postgresql') {
    for (const m of code.matchAll(/\b(?:IF|ELSIF)\s+/gi)) {
      const at = m.index! + m[0].length;
      const then = balancedUntil(code, at, /^THEN\b/i);
      if (then < 0 || !/^THEN\s+RAISE\s+EXCEPTION\b/i.test(code.slice(then))) continue;
      take(at, then);
    }
  } else {
    // SELECT RAISE(ABORT, '…') WHERE <cond>; RAISE(IGNORE) too: a row it drops is not kept.
    for (const m of code.matchAll(/\bSELECT\s+RAISE\s*\(\s*(?:ABORT|FAIL|ROLLBACK|IGNORE)\b[^)]*\)\s*(?:FROM\s+[\w$"]+\s+)?WHERE\s+/gi)) {
      const at = m.index! + m[0].length;
      const end = balancedUntil(code, at, /^(?:;|END\b)/i);
      if (end >= 0 && !/\bFROM\b/i.test(m[0])) take(at, end);
    }
  }
  return out;
}

/** Where `stop` matches at parenthesis depth 0 from `start` on, or -1. */
function balancedUntil(code: string, start: number, stop: RegExp): number {
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (c === '(') depth++;
    else if (c === ')') { if (--depth < 0) return -1; }
    else if (depth === 0 && !(/[A-Za-z]/.test(c) && /[\w$]/.test(code[i - 1] ?? '')) && stop.test(code.slice(i, i + 8))) return i;
  }
  return -1;
}

/** Conditions on the row one of the new row's parents is, under which the body rejects it: `IF
 *  (SELECT deleted FROM users WHERE id = NEW.user_id) THEN RAISE`, `… = 'closed' THEN`, `IF
 *  EXISTS (SELECT 1 FROM users WHERE id = NEW.user_id AND deleted) THEN RAISE`, SQLite's `WHEN
 *  (SELECT archived FROM projects WHERE id = NEW.project_id) BEGIN SELECT RAISE(…)`. The lookup
 *  follows a single-column FK; the condition reads only the parent's columns. */
export function parentConditionsOf(body: TriggerBody, fks: ForeignKeyInfo[], resolve: (raw: string) => string | undefined): TriggerParentCondition[] {
  if (!body.rejects || !body.code || !body.text) return [];
  const { code, text } = body;
  const out: TriggerParentCondition[] = [];
  const raise = String.raw`\s*\)?\s*(?:THEN|BEGIN)\s+(?:SELECT\s+)?RAISE\b`;
  const lead = String.raw`\b(?:IF|ELSIF|WHEN)\s*\(?\s*`;
  const from = String.raw`FROM\s+(${QID})(?:\s+(?!WHERE\b)(?:AS\s+)?(${ID}))?\s+WHERE\s+`;
  const add = (table: string, alias: string | undefined, where: string, condition: (own: (q: string | undefined) => boolean) => string | undefined) => {
    const refTable = resolve(unquoteName(table));
    if (!refTable) return;
    const own = (q: string | undefined) => !q || [alias, table, table.split('.').pop()].some((n) => n && same(unquote(q), n));
    const parts = splitAnd(where);
    const keyAt = parts.findIndex((p) => new RegExp(String.raw`^(?:(${ID})\s*\.\s*)?(${ID})\s*=\s*${NEW}$|^${NEW}\s*=\s*(?:(${ID})\s*\.\s*)?(${ID})$`, 'i').test(p.code));
    if (keyAt < 0) return;
    const m = new RegExp(String.raw`^(?:(${ID})\s*\.\s*)?(${ID})\s*=\s*${NEW}$|^${NEW}\s*=\s*(?:(${ID})\s*\.\s*)?(${ID})$`, 'i').exec(parts[keyAt].code)!;
    const [q, key, via] = m[2] !== undefined ? [m[1], m[2], m[3]] : [m[5], m[6], m[4]];
    if (!own(q)) return;
    const fk = fks.find((f) => f.refTable === refTable && f.columns.length === 1 && same(f.columns[0], unquote(via)) && same(f.refColumns[0], unquote(key)));
    if (!fk) return;
    const rest = parts.filter((_, k) => k !== keyAt);
    if (rest.some((p) => /\bNEW\s*\./i.test(p.code) || /\bSELECT\b/i.test(p.code))) return;
    const cond = condition(own) ?? (rest.length ? rest.map((p) => `(${p.text})`).join(' AND ') : undefined);
    if (!cond) return;
    // Qualified names (users.deleted, u.deleted) are the parent's own columns.
    const bare = cond.replace(new RegExp(String.raw`(?<![\w$."])(${ID})\s*\.\s*(?=${ID})`, 'g'), (w, qq: string) => (own(qq) ? '' : w));
    if (!out.some((o) => o.via === fk.columns[0] && o.condition === bare)) out.push({ via: fk.columns[0], refTable: fk.refTable, condition: bare });
  };
  // A scalar lookup of one parent column, alone or compared with a constant.
  const scalar = new RegExp(String.raw`${lead}\(\s*SELECT\s+(?:(${ID})\s*\.\s*)?(${ID})\s+${from}([^()]*?)(?:\s+LIMIT\s+1)?\s*\)(\s*(?:=|<>|!=|IS\s+NOT|IS)\s*(?:'[^']*'|-?\d+(?:\.\d+)?|TRUE|FALSE|NULL))?${raise}`, 'gi');
  for (const m of code.matchAll(scalar)) {
    const [, , col, table, alias] = m;
    const whereAt = m.index! + m[0].indexOf(m[5], m[0].search(/\bWHERE\b/i));
    const where = { code: m[5], text: text.slice(whereAt, whereAt + m[5].length) };
    const cmp = m[6] ? text.slice(m.index! + m[0].lastIndexOf(m[6]), m.index! + m[0].lastIndexOf(m[6]) + m[6].length).trim() : '';
    add(table, alias, where.text, () => `${unquote(col)}${cmp ? ` ${cmp}` : ''}`);
  }
  // EXISTS over the parent: its WHERE's other parts are the condition.
  const exists = new RegExp(String.raw`${lead}EXISTS\s*\(\s*SELECT\s+[^()]*?\s+${from}([^()]*?)\s*\)${raise}`, 'gi');
  for (const m of code.matchAll(exists)) {
    const [, table, alias, w] = m;
    const whereAt = m.index! + m[0].lastIndexOf(w);
    add(table, alias, text.slice(whereAt, whereAt + w.length), () => undefined);
  }
  return out;
}

/** A condition's top-level AND parts (code with strings blanked, and the same span of the text). */
export function splitAnd(where: string): { code: string; text: string }[] {
  const code = maskStrings(where);
  const out: { code: string; text: string }[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (depth === 0 && /^AND\b/i.test(code.slice(i, i + 4)) && !/[\w$]/.test(code[i - 1] ?? '')) {
      out.push({ code: code.slice(start, i).trim(), text: where.slice(start, i).trim() });
      start = i + 3;
    }
  }
  out.push({ code: code.slice(start).trim(), text: where.slice(start).trim() });
  return out.filter((p) => p.code);
}

/** Columns of the new row a PL/pgSQL body assigns (`NEW.id := …`, `new.id = …` as a statement),
 *  lower case. */
export function assignedColumns(text: string): string[] {
  const code = maskStrings(stripComments(text));
  const out = new Set<string>();
  for (const m of code.matchAll(new RegExp(String.raw`(?:^|;|\bBEGIN\b|\bTHEN\b|\bELSE\b|\bLOOP\b)\s*NEW\s*\.\s*(${ID})\s*:?=(?!=)`, 'gi'))) out.add(unquote(m[1]).toLowerCase());
  return [...out];
}

function lookups(code: string): Lookup[] {
  const out: Lookup[] = [];
  const from = new RegExp(String.raw`\bFROM\s+(${QID})(?:\s+(?:AS\s+)?(${ID}))?`, 'gi');
  for (const m of code.matchAll(from)) {
    const table = unquoteName(m[1]);
    const alias = m[2] && !KEYWORDS.has(m[2].toLowerCase()) ? unquote(m[2]) : undefined;
    const start = m.index! + m[0].length - (alias ? 0 : (m[2]?.length ?? 0));
    const end = segmentEnd(code, start);
    const seg = code.slice(start, end);
    const relations: Lookup['relations'] = [];
    const own = (q: string | undefined) => !q || [alias, table, table.split('.').pop()].some((n) => n && same(unquote(q), n));
    for (const r of seg.matchAll(new RegExp(String.raw`(?:(${ID})\s*\.\s*)?(${ID})\s*${OP}\s*${NEW}`, 'gi'))) {
      if (own(r[1]) && !isRowRef(r[2])) relations.push({ refColumn: unquote(r[2]), column: unquote(r[4]), op: norm(r[3]) });
    }
    for (const r of seg.matchAll(new RegExp(String.raw`${NEW}\s*${OP}\s*(?:(${ID})\s*\.\s*)?(${ID})(?!\s*[.(])`, 'gi'))) {
      if (own(r[3]) && !isRowRef(r[4]) && !KEYWORDS.has(r[4].toLowerCase())) relations.push({ refColumn: unquote(r[4]), column: unquote(r[1]), op: norm(r[2]) });
    }
    // The selected column compared with the new row: `(SELECT c FROM …) <> NEW.a` or `SELECT c INTO v FROM …; … v <> NEW.a`.
    const before = code.slice(Math.max(0, m.index! - 300), m.index!);
    const sel = new RegExp(String.raw`\bSELECT\s+(?:(${ID})\s*\.\s*)?(${ID})\s+(?:INTO\s+(${ID})\s+)?$`, 'i').exec(before);
    if (sel && own(sel[1])) {
      const col = unquote(sel[2]);
      const open = before.slice(0, sel.index).match(/\(\s*$/);
      if (sel[3]) {
        const v = sel[3].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        for (const r of code.matchAll(new RegExp(String.raw`\b${v}\s*${OP}\s*${NEW}|${NEW}\s*${OP}\s*${v}\b`, 'gi'))) {
          relations.push({ refColumn: col, column: unquote(r[2] ?? r[3]), op: norm(r[1] ?? r[4]) });
        }
      } else if (open) {
        const after = code.slice(end + 1);
        const a = new RegExp(String.raw`^\s*${OP}\s*${NEW}`, 'i').exec(after);
        const selectAt = m.index! - before.length + sel.index;
        const b = new RegExp(String.raw`${NEW}\s*${OP}\s*$`, 'i').exec(code.slice(0, selectAt - open[0].length));
        if (a) relations.push({ refColumn: col, column: unquote(a[2]), op: norm(a[1]) });
        else if (b) relations.push({ refColumn: col, column: unquote(b[1]), op: norm(b[2]) });
      }
    }
    // Rejected when nothing is found: `NOT EXISTS (SELECT … FROM t …)`, `(SELECT … FROM t …) IS NULL`.
    const opened = /\(\s*SELECT\b[^()]*$/i.exec(before);
    const absent = !!opened && (/\bNOT\s+EXISTS\s*$/i.test(before.slice(0, opened.index)) || /^\s*IS\s+NULL\b/i.test(code.slice(end + 1)));
    if (relations.length) out.push({ table, relations, ...(absent ? { absent } : {}) });
  }
  return out;
}

/** Where a FROM clause's statement ends: `;`, an unmatched `)`, or THEN/LOOP/BEGIN. */
function segmentEnd(code: string, start: number): number {
  let depth = 0;
  const stop = /^(THEN|LOOP|BEGIN)\b/i;
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (c === '(') depth++;
    else if (c === ')') { if (depth === 0) return i; depth--; }
    else if (c === ';' && depth === 0) return i;
    else if (depth === 0 && /[A-Za-z]/.test(c) && !/[\w$]/.test(code[i - 1] ?? '') && stop.test(code.slice(i, i + 6))) return i;
  }
  return code.length;
}

function isRowRef(id: string): boolean {
  const l = id.toLowerCase();
  return l === 'new' || l === 'old';
}

function norm(op: string): string {
  return op.replace(/\s+/g, ' ').toUpperCase();
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function stripComments(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'") {
      const j = stringEnd(s, i);
      out += s.slice(i, j);
      i = j - 1;
    } else if (c === '-' && s[i + 1] === '-') {
      while (i < s.length && s[i] !== '\n') { out += ' '; i++; }
      out += '\n';
    } else if (c === '/' && s[i + 1] === '*') {
      const e = s.indexOf('*/', i + 2);
      const j = e < 0 ? s.length : e + 2;
      out += ' '.repeat(j - i);
      i = j - 1;
    } else out += c;
  }
  return out;
}

/** String literals' contents replaced by spaces (same length), so patterns never match inside them. */
function maskStrings(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "'") { out += s[i]; continue; }
    const j = stringEnd(s, i);
    out += `'${' '.repeat(Math.max(0, j - i - 2))}'`;
    i = j - 1;
  }
  return out;
}

function stringEnd(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length) {
    if (s[j] === "'") { if (s[j + 1] === "'") { j += 2; continue; } return j + 1; }
    j++;
  }
  return s.length;
}

function literal(s: string): string {
  return s.slice(1, -1).replaceAll("''", "'");
}

export function unquote(id: string): string {
  const c = id[0];
  if (c === '"' || c === '`') return id.slice(1, -1).replaceAll(c + c, c);
  if (c === '[') return id.slice(1, -1);
  return id;
}

/** `"app"."Events"` → `app.Events` (each part unquoted). */
export function unquoteName(q: string): string {
  const parts = q.match(new RegExp(ID, 'g')) ?? [q];
  return parts.map(unquote).join('.');
}

/** Top-level comma-separated parts of a list (a column list, VALUES, SET): parentheses kept whole. */
export function splitTop(list: string): string[] {
  const out: string[] = [];
  let depth = 0, at = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) { out.push(list.slice(at, i)); at = i + 1; }
  }
  out.push(list.slice(at));
  return out;
}
