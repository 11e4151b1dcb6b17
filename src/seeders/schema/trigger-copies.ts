import type { ColumnInfo, TableInfo, TriggerInfo } from './model.ts';
import { QID, splitAnd, splitTop, unquote, unquoteName } from './trigger-body.ts';
import { impliedByChecks } from './check-implied.ts';

// An insert trigger that copies the new row's columns into another table (digiKam's
// `AFTER INSERT ON Tags … INSERT INTO TagsTree SELECT NEW.id, NEW.pid`, a PL/pgSQL audit
// `INSERT INTO history (item_id, …) VALUES (NEW.id, …)`, a statement trigger's
// `INSERT INTO runs (…) SELECT id, inserted_at, … FROM new_rows WHERE dag_id IS NULL` over its
// transition table): where the receiving column is NOT NULL, a NULL in the copied column fails
// the trigger and with it the row; where it is a range partition key, so does a value outside
// every partition. The condition joins the table's CHECKs as a steer (`trigger`: validate leaves
// it out), scoped by the trigger's WHEN and the copy's own WHERE.

const ID = String.raw`(?:"(?:[^"]|"")+"|\[[^\]]+\]|\x60[^\x60]+\x60|[A-Za-z_][\w$]*)`;

export interface TriggerCopy {
  table: string;
  columns?: string[];
  /** Per position, the new row's column copied as is (undefined for any other expression). */
  values: (string | undefined)[];
  /** The copy's WHERE over the transition table, on the new row's columns (alias dropped). */
  where?: string;
  /** Where the INSERT starts in the body, and whether it makes one row for every new row: a
   *  VALUES list, or a SELECT with nothing after its list (no FROM, no WHERE). */
  at: number;
  each: boolean;
}

/** Each `INSERT INTO t [(cols)] SELECT …` / `VALUES (…)` of a body (comments and strings
 *  blanked): the target, its column list when written, and per position the NEW column it
 *  copies as is (`all`: also those that copy none, an audit row's `to_jsonb(NEW)`). `rows`: a statement trigger's transition table (`REFERENCING NEW TABLE AS
 *  new_rows`): `SELECT a, r.b FROM new_rows [r] [WHERE …]` copies a and b of each new row, its
 *  WHERE read from `text` (the body with its strings, same offsets as `code`). */
export function copiesOf(code: string, rows?: string, text = code, all = false): TriggerCopy[] {
  const out: TriggerCopy[] = [];
  const head = new RegExp(String.raw`\b(?:INSERT(?:\s+OR\s+\w+)?|REPLACE)\s+INTO\s+(${QID})\s*(?:\(([^()]*)\))?\s*(SELECT\b|VALUES\s*\()`, 'gi');
  for (const m of code.matchAll(head)) {
    const start = m.index! + m[0].length;
    const isValues = m[3].toUpperCase().startsWith('VALUES');
    const raw = listAt(code, start, isValues);
    const list = raw.replace(/^\s*(?:DISTINCT|ALL)\b/i, '');
    let values = splitTop(list).map((e) => new RegExp(String.raw`^NEW\s*\.\s*(${ID})$`, 'i').exec(e.trim())?.[1]).map((c) => (c ? unquote(c) : undefined));
    let where: string | undefined;
    if (rows && !isValues && !values.some(Boolean)) {
      const at = start + raw.length;
      const from = transitionFrom(code.slice(at), rows);
      if (from) {
        const prefix = from.alias ? String.raw`(?:${escape(from.alias)}\s*\.\s*)?` : '';
        const own = new RegExp(String.raw`^${prefix}(${ID})$`, 'i');
        values = splitTop(list).map((e) => own.exec(e.trim())?.[1]).map((c) => (c && !/^(NULL|TRUE|FALSE|DEFAULT)$/i.test(c) ? unquote(c) : undefined));
        if (from.where) {
          let w = text.slice(at + from.where[0], at + from.where[1]).trim();
          if (from.alias) w = w.replace(new RegExp(String.raw`(?<![\w$."])${escape(from.alias)}\s*\.\s*`, 'gi'), '');
          if (w) where = w;
        }
      }
    }
    if (!all && !values.some(Boolean)) continue;
    const columns = m[2]?.split(',').map((c) => unquote(c.trim()));
    const rest = code.slice(start + raw.length + (isValues ? 1 : 0));
    const each = isValues ? /^\s*(?:;|$|ON\s+CONFLICT\b|RETURNING\b)/i.test(rest) : /^\s*(?:;|$)/.test(rest);
    out.push({ table: unquoteName(m[1]), ...(columns ? { columns } : {}), values, ...(where ? { where } : {}), at: m.index!, each });
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `FROM new_rows [[AS] alias] [WHERE cond]` (the only source) at the start of `rest`: the alias,
 *  and where the WHERE's condition starts and ends in `rest`. */
function transitionFrom(rest: string, rows: string): { alias?: string; where?: [number, number] } | undefined {
  const stop = String.raw`WHERE|ON|GROUP|ORDER|UNION|RETURNING|LIMIT`;
  const m = new RegExp(String.raw`^\s*FROM\s+"?${escape(rows)}"?(?:\s+(?!(?:${stop})\b)(?:AS\s+)?(${ID}))?\s*(?=$|;|\b(?:${stop})\b)`, 'i').exec(rest);
  if (!m) return undefined;
  const alias = m[1] ? unquote(m[1]) : undefined;
  const w = /^\s*WHERE\b/i.exec(rest.slice(m[0].length));
  if (!w) return alias ? { alias } : {};
  const from = m[0].length + w[0].length;
  const end = rest.slice(from).search(/;|\bON\s+CONFLICT\b|\bGROUP\s+BY\b|\bORDER\s+BY\b|\bUNION\b|\bRETURNING\b|\bLIMIT\b/i);
  return { ...(alias ? { alias } : {}), where: [from, end < 0 ? rest.length : from + end] };
}

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Tables the trigger gives one row for every new row, keyed by the new row's own key
 *  (Supabase's `handle_new_user`: `insert into public.profiles (id, …) values (new.id, …)` after
 *  insert on auth.users): the target's primary key columns and the source key columns they copy.
 *  Only copies made whatever the row holds: no WHERE, not inside a LOOP; inside an IF (or its
 *  ELSIF / ELSE, which adds the earlier branches' negations) only when that holds for every new row (`IF NOT EXISTS (SELECT 1 FROM profiles WHERE id =
 *  new.id)`, `IF TG_OP = 'INSERT'`) or tests the new row alone (`IF new.email IS NOT NULL`): that
 *  test is then what the copy `requires` of the new row (a steer, like the copies' NOT NULLs).
 *  `text`: the body with its strings (same offsets as `code`). */
export function keyMirrors(list: TriggerCopy[], code: string, resolve: (raw: string) => string | undefined, tables: TableInfo[], own: string, text = code): KeyMirror[] {
  const source = tables.find((t) => t.name === own);
  if (!source?.primaryKey.length) return [];
  const out: KeyMirror[] = [];
  for (const c of list) {
    const target = tables.find((t) => t.name === resolve(c.table));
    if (!target?.primaryKey.length || target.name === own || !c.each || c.where) continue;
    // Inside a LOOP (FOR … LOOP, FOREACH, WHILE): some rows per new row, read back once the
    // source is written (so the rows under them are seeded in the same run).
    if (inLoop(code, c.at)) {
      if (c.values.some((v) => source.primaryKey.some((k) => k.toLowerCase() === v?.toLowerCase())) && !out.some((o) => o.table === target.name)) out.push({ table: target.name, columns: [], readBack: true, loop: true });
      continue;
    }
    const ifs = enclosingIfs(code, text, c.at);
    if (!ifs) continue;
    const requires: string[] = [];
    let fits = true;
    const declared = declaredIn(code);
    for (const cond of ifs) {
      const masked = cond.code;
      if (/^\s*TG_OP\s*=\s*'[^']*'\s*$/i.test(masked) && /'INSERT'/i.test(cond.text)) continue;
      // A guard against a row the new key already has in the target: a fresh key has none.
      const guard = new RegExp(String.raw`^\s*NOT\s+EXISTS\s*\(\s*SELECT\b[^;]*?\bFROM\s+(${QID})\s+(?:(?:AS\s+)?${ID}\s+)?WHERE\b[^;]*\bNEW\s*\.[^;]*\)\s*$`, 'i').exec(masked);
      if (guard && !/\bOR\b/i.test(masked) && resolve(unquoteName(guard[1])) === target.name) continue;
      // A test of the new row alone: required of every row, so every row gets its copy.
      const own = onNewRow(cond, declared);
      if (own) { if (!alwaysHolds(own, source)) requires.push(own); continue; }
      fits = false;
      break;
    }
    if (!fits) continue;
    const written = c.columns ?? target.columns.filter((x) => !x.generated).map((x) => x.name);
    const pairs: [string, string][] = [];
    for (const k of target.primaryKey) {
      const i = written.findIndex((w) => w.toLowerCase() === k.toLowerCase());
      const from = i < 0 ? undefined : c.values[i];
      const col = from && source.primaryKey.find((x) => x.toLowerCase() === from.toLowerCase());
      if (col) pairs.push([k, col]);
    }
    // Every key column of the target from a distinct key column of the source: one row per source row.
    if (pairs.length === target.primaryKey.length && new Set(pairs.map((p) => p[1])).size === source.primaryKey.length) out.push({ table: target.name, columns: pairs, ...(requires.length ? { requires } : {}) });
    // The target's key made by the database (identity, serial, a DEFAULT), the source's key
    // copied into another column (`INSERT INTO profiles (user_id) VALUES (NEW.id)`) or not at all
    // (an audit row of `to_jsonb(NEW)`): still one row per source row, its keys read back once
    // the source is written. (Not under an IF on
    // the new row: such a table is seeded as usual, the new rows steered clear of the IF.)
    else if (!pairs.length && !requires.length
      && target.primaryKey.every((k) => !written.some((w) => w.toLowerCase() === k.toLowerCase()) && target.columns.some((x) => x.name === k && (x.autoIncrement || x.default !== null)))) {
      // Its other columns copied from the new row, and whether it is the body's only INSERT
      // into that table: a dry run or an export can then tell its rows (plan/filled.ts).
      const copies = written.flatMap((w, i): [string, string][] => {
        const from = c.values[i];
        const col = target.columns.find((x) => x.name.toLowerCase() === w.toLowerCase());
        const src = from && source.columns.find((x) => x.name.toLowerCase() === from.toLowerCase());
        return col && src ? [[col.name, src.name]] : [];
      });
      const into = [...code.matchAll(new RegExp(String.raw`\b(?:INSERT(?:\s+OR\s+\w+)?|REPLACE)\s+INTO\s+(${QID})`, 'gi'))].filter((x) => resolve(unquoteName(x[1])) === target.name);
      out.push({ table: target.name, columns: [], readBack: true, ...(copies.length ? { copies } : {}), ...(into.length === 1 ? { alone: true as const } : {}) });
    }
  }
  return out;
}

/** The mirrors of a trigger that fires only WHEN `when` holds (undefined: always): a row for some
 *  new rows only, read back once the source is written (no row a dry run can tell). A mirror
 *  under an IF the rows are steered to meet is left out. */
export function whenOnly(list: KeyMirror[], when: string | undefined): KeyMirror[] {
  if (when === undefined) return list;
  // PostgreSQL's catalogue wraps the WHEN twice: `((status = 'shipped'::text))`.
  while (/^\(.*\)$/s.test(when) && balanced(when.slice(1, -1))) when = when.slice(1, -1).trim();
  return list.filter((m) => !m.requires?.length).map((m) => ({ table: m.table, columns: [], readBack: true as const, when }));
}

/** A table a trigger gives one row per new row: keyed by the new row's key (`columns`), or by
 *  keys the database makes (`readBack`: read once the source is written). */
export interface KeyMirror {
  table: string;
  columns: [string, string][];
  readBack?: true;
  /** Written inside a LOOP: any number of rows per new row (readBack). */
  loop?: true;
  /** readBack: (target column, source column) the INSERT copies from the new row as is. */
  copies?: [string, string][];
  /** readBack: the body's only INSERT into the target. */
  alone?: true;
  /** readBack: the trigger fires only WHEN this holds ('' when it could not be read). */
  when?: string;
  requires?: string[];
}

/** Whether an IF's condition on the new row (`NEW.` dropped) holds for every row the table can
 *  take, part by AND-ed part: `col IS NOT NULL` of a NOT NULL column, `coalesce(…, 'x') IS NOT
 *  NULL`, `col IS NULL OR col IS NOT NULL`, `TRUE`, `1 = 1`, or what the table's CHECKs imply
 *  (`status IN ('a', 'b')` under `CHECK (status IN ('a', 'b'))`). Steering rows clear of such an IF
 *  would leave the table no row at all. */
export function alwaysHolds(cond: string, table: TableInfo | undefined): boolean {
  const notNull = (name: string) => table?.columns.some((x) => x.name.toLowerCase() === unquote(name).toLowerCase() && !x.nullable) === true;
  const LIT = String.raw`(?:'(?:[^']|'')*'(?:::\w+)?|-?\d+(?:\.\d+)?|TRUE|FALSE)`;
  const part = (p: string): boolean => {
    let t = p.trim();
    while (/^\(.*\)$/s.test(t) && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
    const inner = andParts(t);
    if (inner.length > 1) return inner.every(part);
    if (/^(?:TRUE|NOT\s+FALSE)$/i.test(t)) return true;
    const eq = new RegExp(String.raw`^(${LIT})\s*=\s*(${LIT})$`, 'i').exec(t);
    if (eq) return eq[1].toLowerCase() === eq[2].toLowerCase();
    const nn = new RegExp(String.raw`^(${ID})\s+IS\s+NOT\s+NULL$`, 'i').exec(t);
    if (nn) return notNull(nn[1]);
    if (new RegExp(String.raw`^coalesce\s*\(.*,\s*${LIT}\s*\)\s+IS\s+NOT\s+NULL$`, 'is').test(t)) return true;
    const either = new RegExp(String.raw`^(${ID})\s+IS\s+(NOT\s+)?NULL\s+OR\s+(${ID})\s+IS\s+(NOT\s+)?NULL$`, 'i').exec(t);
    if (either) return unquote(either[1]).toLowerCase() === unquote(either[3]).toLowerCase() && !either[2] !== !either[4];
    // True for every value the table's CHECKs (or enum type) leave its columns (check-implied.ts).
    return !!table?.checks.length || table?.columns.some((c) => c.enumValues?.length) ? impliedByChecks(t, table, 'postgresql') : false;
  };
  const parts = andParts(cond);
  return parts.length > 0 && parts.every(part);
}

/** Whether parentheses balance (strings skipped). */
function balanced(s: string): boolean {
  let depth = 0, quoted = false;
  for (const c of s) {
    if (c === "'") quoted = !quoted;
    else if (quoted) continue;
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** A condition's top-level AND-ed parts, as written (trigger-body.ts splitAnd). */
const andParts = (cond: string): string[] => splitAnd(cond).map((p) => p.text);

/** Whether `at` is inside a PL/pgSQL LOOP (plain, FOR, FOREACH or WHILE). */
function inLoop(code: string, at: number): boolean {
  let depth = 0;
  for (const m of code.slice(0, at).matchAll(/\bEND\s+LOOP\b|\bLOOP\b/gi)) depth += /^END/i.test(m[0]) ? -1 : 1;
  return depth > 0;
}

/** Variables a PL/pgSQL body declares (lower case). */
function declaredIn(code: string): Set<string> {
  return new Set([...(/\bDECLARE\b([\s\S]*?)\bBEGIN\b/i.exec(code)?.[1] ?? '').matchAll(/(?:^|;)\s*([A-Za-z_][\w$]*)\s+(?!:=)/g)].map((m) => m[1].toLowerCase()));
}

/** An IF condition that reads the new row alone (no query, variable, OLD or TG_ value), with
 *  `NEW.` dropped; undefined otherwise. */
function onNewRow(cond: { code: string; text: string }, declared: Set<string>): string | undefined {
  const masked = cond.code;
  const rest = masked.replace(/\bNEW\s*\.\s*(?:"(?:[^"]|"")+"|[\w$]+)/gi, ' ');
  const words = [...rest.matchAll(/[A-Za-z_][\w$]*/g)].map((m) => m[0].toLowerCase());
  if (!/\bNEW\s*\./i.test(masked) || words.some((w) => declared.has(w)) || /\bSELECT\b|\bOLD\s*\.|\bTG_\w+|:=|\bFOUND\b|\$\d/i.test(masked)) return undefined;
  if (/\b[A-Za-z_][\w$]*\s*\.\s*[A-Za-z_"]/.test(rest)) return undefined;
  return cond.text.trim().replace(/\bNEW\s*\.\s*/gi, '');
}

/** Tables a PL/pgSQL body inserts into only inside IFs on the new row (Supabase's `IF
 *  new.raw_user_meta_data ? 'role' THEN INSERT INTO user_roles …`), with the condition under
 *  which it does (its IFs ANDed, its INSERTs ORed). Such a table is seeded like any other and the
 *  new rows steered clear of the IF (addCopyConditions), so the trigger's rows and the seeded ones
 *  never collide; a table it also inserts into unconditionally or in a LOOP is not one. */
export function conditionalInserts(code: string, text: string, resolve: (raw: string) => string | undefined, source?: TableInfo): Record<string, string> {
  const declared = declaredIn(code);
  const always = (c: string) => alwaysHolds(c, source);
  const found = new Map<string, string[] | null>();
  for (const m of code.matchAll(new RegExp(String.raw`\bINSERT\s+INTO\s+(${QID})`, 'gi'))) {
    const target = resolve(unquoteName(m[1]));
    if (!target || found.get(target) === null) continue;
    const ifs = enclosingIfs(code, text, m.index!);
    const conds = ifs?.map((c) => onNewRow(c, declared)).filter((c) => c === undefined || !always(c));
    if (!conds?.length || conds.some((c) => c === undefined)) { found.set(target, null); continue; }
    found.set(target, [...(found.get(target) ?? []), conds.map((c) => `(${c})`).join(' AND ')]);
  }
  const out: Record<string, string> = {};
  for (const [t, conds] of found) if (conds) out[t] = conds.length > 1 ? conds.map((c) => `(${c})`).join(' OR ') : conds[0];
  return out;
}

/** The conditions under which a PL/pgSQL body reaches `at`: of each IF open there, the negations
 *  of the branches before its current one, then that branch's own (none for ELSE); masked and
 *  with strings. Undefined when `at` is inside a LOOP. */
export function enclosingIfs(code: string, text: string, at: number): Cond[] | undefined {
  const open: { loop?: true; prior: Cond[]; now?: Cond }[] = [];
  const condAt = (from: number): Cond | undefined => {
    const then = code.slice(from, at).search(/\bTHEN\b/i);
    return then < 0 ? undefined : { code: code.slice(from, from + then), text: text.slice(from, from + then) };
  };
  // CASE … ELSE … END inside a statement is no branch of the IF around it.
  let cases = 0;
  for (const m of code.slice(0, at).matchAll(/\bEND\s+(?:IF|LOOP|CASE)\b|\bEND\b|\b(?:ELSIF|ELSEIF|ELSE|IF|LOOP|CASE)\b/gi)) {
    const w = m[0].toUpperCase().replace(/\s+/g, ' ');
    const from = m.index! + m[0].length;
    if (w === 'CASE') { cases++; continue; }
    if (w === 'END' || w === 'END CASE') { if (cases) cases--; continue; }
    if (w.startsWith('END')) { open.pop(); continue; }
    if (w === 'LOOP') { open.push({ loop: true, prior: [] }); continue; }
    if (w === 'IF') {
      const now = condAt(from);
      if (!now) return undefined;
      open.push({ prior: [], now });
      continue;
    }
    const top = open[open.length - 1];
    if (!top || top.loop || (w === 'ELSE' && cases)) continue;
    if (top.now) top.prior.push(top.now);
    top.now = w === 'ELSE' ? undefined : condAt(from);
    if (w !== 'ELSE' && !top.now) return undefined;
  }
  if (open.some((o) => o.loop)) return undefined;
  return open.flatMap((o) => [...o.prior.map((c) => ({ code: `NOT (${c.code})`, text: `NOT (${c.text})` })), ...(o.now ? [o.now] : [])]);
}

type Cond = { code: string; text: string };

/** Conditions on the new row its copies need: `"col" IS NOT NULL` where the receiving column is
 *  NOT NULL, and inside the receiving table's partitions where it is a range partition key
 *  (the source column already drawn inside them needs nothing), each under the copy's WHERE. */
export function requiredCopies(list: TriggerCopy[], resolve: (raw: string) => string | undefined, tables: TableInfo[], own: string): string[] {
  const source = tables.find((t) => t.name === own);
  if (!source) return [];
  const out = new Set<string>();
  for (const c of list) {
    const target = tables.find((t) => t.name === resolve(c.table));
    if (!target) continue;
    const written = c.columns ?? target.columns.filter((x) => !x.generated).map((x) => x.name);
    c.values.forEach((from, i) => {
      const to = target.columns.find((x) => x.name.toLowerCase() === written[i]?.toLowerCase());
      const col = from && source.columns.find((x) => x.name.toLowerCase() === from.toLowerCase());
      if (!to || !col || col.generated) return;
      const parts: string[] = [];
      // The copy's WHERE may say it already (`WHERE dag_id IS NOT NULL`).
      const notNull = new RegExp(String.raw`^\(?\s*"?${escape(col.name)}"?\s+IS\s+NOT\s+NULL\s*\)?$`, 'i').test(c.where ?? '');
      if (!to.nullable && col.nullable && !notNull) parts.push(`${q(col.name)} IS NOT NULL`);
      const inside = partitionCondition(col, to);
      if (inside) parts.push(inside);
      if (!parts.length) return;
      const need = parts.join(' AND ');
      out.add(c.where ? `NOT (${c.where}) OR (${need})` : need);
    });
  }
  return [...out];
}

/** `"col" >= 'from' AND "col" < 'to'` (OR over the spans, adjacent partitions merged) when `to`
 *  is a range partition key `col` is not already drawn inside; undefined otherwise. */
function partitionCondition(col: ColumnInfo, to: ColumnInfo): string | undefined {
  const spans = merged(to.partition?.ranges);
  if (!spans?.length) return undefined;
  const own = merged(col.partition?.ranges);
  if (own?.length && own.every((s) => spans.some((t) => (t.from === null || (s.from !== null && s.from >= t.from)) && (t.to === null || (s.to !== null && s.to <= t.to))))) return undefined;
  const lit = (v: string) => `'${v.replaceAll("'", "''")}'`;
  const one = (s: Span) => [s.from !== null ? `${q(col.name)} >= ${lit(s.from)}` : '', s.to !== null ? `${q(col.name)} < ${lit(s.to)}` : ''].filter(Boolean).join(' AND ');
  const each = spans.map(one).filter(Boolean);
  if (!each.length) return undefined;
  return each.length === 1 ? each[0] : `(${each.map((e) => `(${e})`).join(' OR ')})`;
}

type Span = { from: string | null; to: string | null };

/** Spans sorted by their lower bound, a span starting where the one before ends joined to it
 *  (daily partitions: one window). Bounds compare as text: the catalogue writes one format. */
function merged(ranges: Span[] | undefined): Span[] | undefined {
  if (!ranges?.length) return undefined;
  const sorted = [...ranges].sort((a, b) => (a.from === null ? -1 : b.from === null ? 1 : a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const out: Span[] = [{ ...sorted[0] }];
  for (const s of sorted.slice(1)) {
    const last = out[out.length - 1];
    if (last.to !== null && s.from === last.to) last.to = s.to;
    else out.push({ ...s });
  }
  return out;
}

/** Columns of the new row a BEFORE INSERT body may assign as is to a NOT NULL column of it
 *  (`NEW.computed_state = CASE … ELSE NEW.external_state END`, `NEW.b := NEW.a`): a NULL there
 *  fails the row, so the nullable ones are required too. */
export function requiredAssignments(code: string, table: TableInfo | undefined): string[] {
  if (!table) return [];
  const out = new Set<string>();
  const col = (raw: string) => table.columns.find((c) => c.name.toLowerCase() === unquote(raw).toLowerCase());
  for (const m of code.matchAll(new RegExp(String.raw`(?:^|;|\bBEGIN\b|\bTHEN\b|\bELSE\b|\bLOOP\b)\s*NEW\s*\.\s*(${ID})\s*:?=(?!=)`, 'gi'))) {
    if (col(m[1])?.nullable !== false) continue;
    const expr = listAt(code, m.index! + m[0].length, true);
    for (const r of expr.matchAll(new RegExp(String.raw`(?:^|\bTHEN\b|\bELSE\b)\s*NEW\s*\.\s*(${ID})(?=\s*(?:$|\bWHEN\b|\bELSE\b|\bEND\b))`, 'gi'))) {
      const from = col(r[1]);
      if (from?.nullable && !from.generated) out.add(`${q(from.name)} IS NOT NULL`);
    }
  }
  return [...out];
}

/** Adds what an insert trigger's copies require of the new row (under the trigger's WHEN) to
 *  the table's CHECKs. */
export function addCopyConditions(tables: TableInfo[], triggers: TriggerInfo[]): void {
  for (const t of triggers) {
    if (!t.requires?.length || t.timing === 'instead' || !t.events.includes('insert')) continue;
    const table = tables.find((x) => x.name === t.table);
    if (!table) continue;
    for (const need of t.requires) {
      table.checks.push({ name: `trigger ${t.name}`, expression: t.when ? `NOT (${t.when}) OR (${need})` : need, trigger: t.name });
    }
  }
  // Tables it inserts into only under an IF on the new row: seeded as usual, the IF kept false.
  for (const t of triggers) {
    if (!t.insertsIf || t.timing === 'instead' || !t.events.includes('insert')) continue;
    const table = tables.find((x) => x.name === t.table);
    for (const cond of Object.values(t.insertsIf)) table?.checks.push({ name: `trigger ${t.name}`, expression: t.when ? `NOT (${t.when}) OR NOT (${cond})` : `NOT (${cond})`, trigger: t.name });
  }
}

/** The list after SELECT (to FROM, UNION, WHERE or the statement's end) or inside VALUES ( … ). */
function listAt(code: string, start: number, values: boolean): string {
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (c === '(') depth++;
    else if (c === ')') { if (depth === 0) return code.slice(start, i); depth--; }
    else if (depth === 0 && (c === ';' || (!values && /[A-Za-z]/.test(c) && !/[\w$.]/.test(code[i - 1] ?? '') && /^(?:FROM|UNION|WHERE|INTERSECT|EXCEPT|RETURNING|ON)\b/i.test(code.slice(i, i + 10))))) return code.slice(start, i);
  }
  return code.slice(start);
}
