import type { ColumnInfo } from '../schema/model.ts';
import { finite, type Generator } from './generator.ts';
import { chooseGenerator, matchRule, snake, type ColumnFacts } from './rules.ts';

// A column's comment (COMMENT ON COLUMN, a SQLite `--` beside the column) says what it holds:
// - a list of values: "one of: draft, sent, paid", "either 'a' or 'b'", "0 = inactive, 1 = active",
//   quoted values in a row (`enum: "human", "ai", or "tool"`) → those values (converted to the
//   column's kind);
// - what it is: "ISO 4217 currency", "URL of the avatar", "email" → the naming rule that the
//   comment's words would choose as a column name (`currency`, `avatar_url`, `email`), when the
//   column's own name chooses none or only a catch-all;
// - a unit: "in cents" → the rule for `<name>_cents` (whole cents).
// Asked before the naming rules (plan.ts); CHECKs still narrow what it gives.

/** Catch-all rules (plan/explain.ts GENERIC_RULES): a comment knows better. */
const WEAK = new Set(['name.generic', 'status.generic', 'status.type']);
const STOP = new Set(['the', 'a', 'an', 'of', 'for', 'to', 'in', 'on', 'at', 'by', 'is', 'as', 'and', 'or', 'this', 'that', 'its', 'their', 'with', 'from', 'be', 'it', 'which', 'where', 'when', 'stored', 'value', 'field', 'column']);
const LIST = /\b(?:one of|any of|values?|allowed|possible values|either|can be|must be|expected)\b\s*[:=]?\s*(.+)$/i;
const PAIR = /(?:^|[,;(]\s*)(['"]?[\w.-]+['"]?)\s*(?:=|:|→|->)\s*[^,;)]+/g;

/** The generator the column's comment asks for, or undefined (no comment, or nothing usable). */
export function commentGenerator(f: ColumnFacts): Generator | undefined {
  const text = f.column.comment;
  if (!text) return undefined;
  const from = `from the column comment "${text.length > 80 ? `${text.slice(0, 79)}…` : text}"`;
  const values = listedValues(text, f.column);
  if (values) return { ...finite('comment.values', values), from };
  const rule = commentRule(f, text);
  if (!rule) return undefined;
  const g = chooseGenerator({ ...f, column: { ...f.column, name: rule } });
  return { ...g, from };
}

/** The values a comment lists, converted to the column's kind; undefined unless 2–50 of them all fit. */
export function listedValues(text: string, col: ColumnInfo): unknown[] | undefined {
  const pairs = [...text.matchAll(PAIR)].map((m) => m[1]);
  let raw: string[] | undefined;
  if (pairs.length >= 2) raw = pairs;
  else if ((raw = quotedRun(text))) { /* "human", "ai", or "tool" */ }
  else {
    const m = LIST.exec(text);
    if (m) raw = m[1].replace(/\s*\([^()]*\)/g, '').replace(/[.;]\s.*$|\.$/, '').split(/\s*(?:,|\bor\b|\||\/)\s*/i).map((s) => s.replace(/^(?:and\s+)/i, '').trim()).filter(Boolean);
  }
  if (!raw || raw.length < 2 || raw.length > 50) return undefined;
  const out: unknown[] = [];
  for (const r of raw) {
    const v = convert(r.replace(/^(['"`])(.*)\1$/, '$2'), col);
    if (v === undefined) return undefined;
    if (!out.includes(v)) out.push(v);
  }
  return out.length >= 2 ? out : undefined;
}

const QUOTED = /(["'`])([^"'`\n]{1,60})\1/g;
const JOINER = /^\s*(?:,\s*(?:or|and)?|\bor\b|\band\b|\||\/)\s*$/i;

/** The longest run of two or more quoted values joined by commas, `or`, `and`, `|` or `/`
 *  (`enum: "human", "ai", "system", or "tool"`), whatever words come before it. */
function quotedRun(text: string): string[] | undefined {
  let best: string[] = [];
  let run: string[] = [];
  let end = -1;
  for (const m of text.matchAll(QUOTED)) {
    run = end >= 0 && JOINER.test(text.slice(end, m.index)) ? [...run, m[2]] : [m[2]];
    end = m.index! + m[0].length;
    if (run.length > best.length) best = run;
  }
  return best.length >= 2 ? best : undefined;
}

function convert(s: string, col: ColumnInfo): unknown {
  if (!s || s.length > 60 || /\s{2,}/.test(s)) return undefined;
  switch (col.kind) {
    case 'integer': case 'bigint': return /^-?\d+$/.test(s) ? Number(s) : undefined;
    case 'real': case 'decimal': return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : undefined;
    case 'boolean': return /^(1|t|true|yes|y)$/i.test(s) ? true : /^(0|f|false|no|n)$/i.test(s) ? false : undefined;
    case 'text': case 'unknown':
      // Words, not a sentence: a listed value is short.
      return s.split(/\s+/).length <= 4 && (col.length === undefined || s.length <= col.length) ? s : undefined;
    default: return undefined;
  }
}

/** The column name the comment's words choose a (better) naming rule by, or undefined. */
function commentRule(f: ColumnFacts, text: string): string | undefined {
  const own = matchRule(f);
  const numeric = ['integer', 'bigint', 'decimal', 'real'].includes(f.column.kind);
  const candidates: string[] = [];
  // A unit: amounts in cents are whole cents.
  if (numeric && /\bcents?\b|\bminor units?\b/i.test(text)) candidates.push(`${snake(f.column.name)}_cents`);
  if (own && !WEAK.has(own.id) && !candidates.length) return undefined;
  const words = text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w && !STOP.has(w) && !/^\d+$/.test(w));
  for (let i = 0; i + 1 < words.length; i++) candidates.push(`${words[i]}_${words[i + 1]}`, `${words[i + 1]}_${words[i]}`);
  candidates.push(...words);
  for (const name of candidates) {
    const r = matchRule({ ...f, column: { ...f.column, name } });
    if (r && !WEAK.has(r.id) && r.id !== own?.id) return name;
  }
  return undefined;
}
