import type { CheckInfo } from './model.ts';

// Finds CHECK (...) clauses in a CREATE TABLE statement as SQLite stored it. SQLite has no
// catalog of CHECKs, and MikroORM's regex parser loses some (see engine-notes.md), so we scan
// the text ourselves, skipping strings, quoted identifiers and comments.

interface Token { text: string; start: number; end: number }

function tokens(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && sql[i + 1] === '-') { while (i < sql.length && sql[i] !== '\n') i++; continue; }
    if (c === '/' && sql[i + 1] === '*') { const e = sql.indexOf('*/', i + 2); i = e < 0 ? sql.length : e + 2; continue; }
    const start = i;
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < sql.length) {
        if (sql[i] === c) { if (sql[i + 1] === c) { i += 2; continue; } i++; break; }
        i++;
      }
    } else if (c === '[') {
      const e = sql.indexOf(']', i);
      i = e < 0 ? sql.length : e + 1;
    } else if (/[A-Za-z0-9_$]/.test(c)) {
      while (i < sql.length && /[A-Za-z0-9_$]/.test(sql[i])) i++;
    } else {
      i++;
    }
    out.push({ text: sql.slice(start, i), start, end: i });
  }
  return out;
}

/** Returns each CHECK's expression text (without the outer parentheses) and its constraint name;
 *  with the table's columns, double-quoted strings are read as SQLite reads them (`dqsAsStrings`). */
export function scanChecks(createSql: string, columns?: string[]): CheckInfo[] {
  const toks = tokens(createSql);
  const checks: CheckInfo[] = [];
  for (let k = 0; k < toks.length; k++) {
    if (toks[k].text.toUpperCase() !== 'CHECK' || toks[k + 1]?.text !== '(') continue;
    let depth = 0;
    let j = k + 1;
    for (; j < toks.length; j++) {
      if (toks[j].text === '(') depth++;
      else if (toks[j].text === ')' && --depth === 0) break;
    }
    const text = createSql.slice(toks[k + 1].end, toks[j]?.start ?? createSql.length).trim();
    const expression = columns ? dqsAsStrings(text, columns) : text;
    const name = toks[k - 2]?.text.toUpperCase() === 'CONSTRAINT' ? unquote(toks[k - 1].text) : null;
    checks.push({ name, expression });
    k = j;
  }
  return checks;
}

const JSON_READERS = new Set(['json_extract', 'json_type', 'json_array_length', 'json_each', 'json_tree', 'jsonb_extract', 'json_remove', 'json_set', 'json_insert', 'json_replace', 'json_patch']);

/** Columns the statement reads as JSON documents — `json_extract(json, '$.callId')` in a
 *  generated column or an expression index, `payload ->> '$.kind'` — with the shape the path asks
 *  for ('$.key': an object, '$[0]' or json_array_length: an array). SQLite keeps JSON as text and
 *  its JSON functions refuse anything else ("malformed JSON"). */
export function jsonReadColumns(sql: string, columns: string[]): Map<string, 'object' | 'array' | 'any'> {
  const toks = tokens(sql);
  const byLower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const out = new Map<string, 'object' | 'array' | 'any'>();
  const col = (t: Token | undefined) => (t ? byLower.get(unquote(t.text).toLowerCase()) : undefined);
  const shapeOf = (path: Token | undefined, arrayFn = false): 'object' | 'array' | 'any' => {
    if (arrayFn) return 'array';
    const p = path && /^'/.test(path.text) ? path.text.slice(1, -1) : path?.text;
    if (p === undefined) return 'any';
    if (/^\$\[/.test(p) || /^-?\d+$/.test(p)) return 'array';
    return /^\$\.|^[^$]/.test(p) ? 'object' : 'any';
  };
  const note = (c: string, shape: 'object' | 'array' | 'any') => {
    const had = out.get(c);
    out.set(c, !had || had === 'any' ? shape : had === shape || shape === 'any' ? had : 'any');
  };
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    // json_extract(col, '$.path' …)
    if (JSON_READERS.has(t.text.toLowerCase()) && toks[k + 1]?.text === '(') {
      const c = col(toks[k + 2]);
      if (c && (toks[k + 3]?.text === ',' || toks[k + 3]?.text === ')')) note(c, shapeOf(toks[k + 3]?.text === ',' ? toks[k + 4] : undefined, t.text.toLowerCase() === 'json_array_length' && toks[k + 3]?.text === ')'));
      continue;
    }
    // col -> 'key' / col ->> '$.path'
    if (t.text === '-' && toks[k + 1]?.text === '>' && toks[k + 1].start === t.end) {
      const c = col(toks[k - 1]);
      const arrow = toks[k + 2]?.text === '>' && toks[k + 2].start === toks[k + 1].end ? 3 : 2;
      if (c && toks[k - 2]?.text !== '.') note(c, shapeOf(toks[k + arrow]));
    }
  }
  return out;
}

/** SQLite's legacy rule for a "double-quoted" word that names no column: it is a string
 *  (`kind IN ("folder", "smart")`). SQLite applies it to a stored schema, but the connection
 *  Seedbed queries through (better-sqlite3, built with SQLITE_DQS=0) refuses it in new
 *  statements, so the text is rewritten with 'single quotes': it then means the same to the CHECK
 *  reader and to the queries that validate it. Names before `.` or `(` stay identifiers; so does
 *  anything before offset `from` (a trigger's header). */
export function dqsAsStrings(expr: string, names: Iterable<string>, from = 0): string {
  if (!expr.includes('"')) return expr;
  const known = new Set([...names].map((c) => c.toLowerCase()));
  const toks = tokens(expr);
  let out = '';
  let at = 0;
  toks.forEach((t, k) => {
    if (t.start < from || t.text[0] !== '"' || toks[k - 1]?.text === '.' || toks[k + 1]?.text === '.' || toks[k + 1]?.text === '(') return;
    const word = unquote(t.text);
    if (known.has(word.toLowerCase())) return;
    out += `${expr.slice(at, t.start)}'${word.replaceAll("'", "''")}'`;
    at = t.end;
  });
  return out + expr.slice(at);
}

/** Calls of the functions in `missing` (lower case) after offset `from`, each replaced by its
 *  first argument (`title_sort(NEW.title)` → `(NEW.title)`), or NULL without one (`uuid4()`). */
export function standInCalls(sql: string, missing: Set<string>, from = 0): string {
  const toks = tokens(sql);
  let out = '';
  let at = 0;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.start < from || !/^[A-Za-z_]/.test(t.text) || !missing.has(t.text.toLowerCase()) || toks[k + 1]?.text !== '(' || toks[k - 1]?.text === '.') continue;
    let depth = 0;
    let j = k + 1;
    let firstEnd = -1;
    for (; j < toks.length; j++) {
      const x = toks[j].text;
      if (x === '(') depth++;
      else if (x === ')') { depth--; if (depth === 0) break; }
      else if (x === ',' && depth === 1 && firstEnd < 0) firstEnd = toks[j].start;
    }
    if (j >= toks.length) break;
    const argStart = toks[k + 2]?.start ?? toks[j].start;
    const first = toks[k + 2] === toks[j] ? '' : sql.slice(argStart, firstEnd < 0 ? toks[j].start : firstEnd).trim();
    out += `${sql.slice(at, t.start)}${first ? `(${standInCalls(first, missing)})` : 'NULL'}`;
    at = toks[j].end;
    k = j;
  }
  return out + sql.slice(at);
}

/** Where a CREATE TRIGGER's header ends: just after `ON [schema.]table`. */
export function triggerHeaderEnd(sql: string): number {
  const toks = tokens(sql);
  const on = toks.findIndex((t) => t.text.toUpperCase() === 'ON');
  if (on < 0) return sql.length;
  const last = toks[on + 2]?.text === '.' ? on + 3 : on + 1;
  return toks[last]?.end ?? sql.length;
}

export function unquote(id: string): string {
  const c = id[0];
  if (c === '"' || c === '`') return id.slice(1, -1).replaceAll(c + c, c);
  if (c === '[') return id.slice(1, -1);
  return id;
}

/** The key parts (as written, ASC/DESC dropped) and WHERE of `CREATE [UNIQUE] INDEX … ON t (…) [WHERE …]`. */
export function scanIndex(createSql: string): { parts: string[]; where?: string } | undefined {
  const toks = tokens(createSql);
  const on = toks.findIndex((t) => t.text.toUpperCase() === 'ON');
  const open = toks.findIndex((t, i) => i > on && t.text === '(');
  if (on < 0 || open < 0) return undefined;
  const parts: string[] = [];
  let depth = 0;
  let from = toks[open].end;
  let close = -1;
  const push = (end: number) => parts.push(createSql.slice(from, end).trim().replace(/\s+(ASC|DESC)$/i, ''));
  for (let j = open; j < toks.length; j++) {
    const t = toks[j].text;
    if (t === '(') depth++;
    else if (t === ')' && --depth === 0) { push(toks[j].start); close = j; break; }
    else if (t === ',' && depth === 1) { push(toks[j].start); from = toks[j].end; }
  }
  if (close < 0) return undefined;
  const where = toks[close + 1]?.text.toUpperCase() === 'WHERE' ? createSql.slice(toks[close + 1].end).trim().replace(/;\s*$/, '') : undefined;
  return { parts, where };
}
