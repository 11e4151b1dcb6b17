// Tokenizer for CHECK expressions: SQLite spellings (`x`, [x], X'..') and
// PostgreSQL ones (E'..', ::, ~~, ARRAY[..]) in one pass.

export type Token =
  | { t: 'ident'; v: string; quoted: boolean; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'blob'; v: Uint8Array; pos: number }
  | { t: 'num'; v: string; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'eof'; pos: number };

export class CheckParseError extends Error {
  readonly sql: string;
  readonly offset: number;
  constructor(message: string, sql: string, offset: number) {
    const near = sql.slice(Math.max(0, offset - 20), offset + 20).replace(/\s+/g, ' ');
    super(`Cannot parse CHECK expression: ${message} at offset ${offset} (near "${near}")`);
    this.name = 'CheckParseError';
    this.sql = sql;
    this.offset = offset;
  }
}

// Longest first, so '!~~*' wins over '!~' and '~'. '^', '#' and '@' are
// recognised only so the parser can say "unsupported operator" precisely.
const OPS = [
  '!~~*', '->>', '!~~', '~~*', '!~*', '?|', '?&', '::', '<=', '>=', '<>', '!=', '==', '||', '~~', '!~', '~*',
  '<<', '>>', '->', '@>', '<@', '&&', '=', '<', '>', '+', '-', '*', '/', '%', '~', '&', '|',
  '(', ')', ',', '.', '[', ']', ';', '^', '#', '@', '?',
];

// After these keywords an operand is expected, so '[' opens a SQLite [identifier].
const OPERAND_KEYWORDS = new Set([
  'and', 'or', 'not', 'case', 'when', 'then', 'else', 'like', 'ilike', 'glob', 'regexp',
  'between', 'in', 'is', 'escape', 'from', 'check', 'select', 'where', 'distinct',
]);

export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let arrayDepth = 0; // inside ARRAY[ ... ], nested '[' are array brackets too
  const fail = (msg: string, at = i): never => { throw new CheckParseError(msg, sql, at); };

  const readQuoted = (quote: string, start: number): string => {
    // Doubled quote escapes itself (SQL standard for '..' and "..", SQLite for `..`).
    let s = '';
    let j = start + 1;
    for (;;) {
      if (j >= sql.length) fail(`unterminated ${quote}-quoted text`, start);
      if (sql[j] === quote) {
        if (sql[j + 1] === quote) { s += quote; j += 2; continue; }
        i = j + 1;
        return s;
      }
      s += sql[j++];
    }
  };

  while (i < sql.length) {
    const c = sql[i];
    const start = i;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && sql[i + 1] === '-') { while (i < sql.length && sql[i] !== '\n') i++; continue; }
    if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) fail('unterminated comment');
      i = end + 2;
      continue;
    }
    const prefixed = /[a-zA-Z]/.test(c) && sql[i + 1] === "'";
    if (prefixed && (c === 'e' || c === 'E')) {
      i++;
      out.push({ t: 'str', v: readEString(), pos: start });
      continue;
    }
    if (prefixed && (c === 'x' || c === 'X')) {
      const hex = readQuoted("'", i + 1);
      if (!/^([0-9a-fA-F]{2})*$/.test(hex)) fail('malformed blob literal', start);
      out.push({ t: 'blob', v: Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16)), pos: start });
      continue;
    }
    if (prefixed && (c === 'n' || c === 'N')) {
      out.push({ t: 'str', v: readQuoted("'", i + 1), pos: start });
      continue;
    }
    if (prefixed && /[bBuU]/.test(c)) fail('bit-string and unicode-escape literals are not supported');
    if (c === "'") { out.push({ t: 'str', v: readQuoted("'", i), pos: start }); continue; }
    if (c === '"' || c === '`') { out.push({ t: 'ident', v: readQuoted(c, i), quoted: true, pos: start }); continue; }
    if (c === '$') fail('parameters and dollar-quoted strings are not supported');
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      const m = /^(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)/.exec(sql.slice(i))!;
      i += m[0].length;
      if (/[a-zA-Z_]/.test(sql[i] ?? '')) fail('malformed number', start);
      out.push({ t: 'num', v: m[0], pos: start });
      continue;
    }
    if (/[\p{L}_]/u.test(c)) {
      const m = /^[\p{L}\p{N}_$]+/u.exec(sql.slice(i))!;
      i += m[0].length;
      out.push({ t: 'ident', v: m[0], quoted: false, pos: start });
      continue;
    }
    if (c === '[') {
      const prev = out[out.length - 1];
      const prevIsKeyword = prev?.t === 'ident' && !prev.quoted && OPERAND_KEYWORDS.has(prev.v.toLowerCase());
      const bracket =
        (prev?.t === 'ident' && !prevIsKeyword) ||
        (prev?.t === 'op' && (prev.v === ')' || prev.v === ']')) ||
        (arrayDepth > 0 && prev?.t === 'op' && (prev.v === '[' || prev.v === ','));
      if (!bracket) {
        const end = sql.indexOf(']', i + 1);
        if (end < 0) fail('unterminated [identifier]');
        out.push({ t: 'ident', v: sql.slice(i + 1, end), quoted: true, pos: start });
        i = end + 1;
        continue;
      }
      if ((prev?.t === 'ident' && prev.v.toLowerCase() === 'array') || arrayDepth > 0) arrayDepth++;
    }
    if (c === ']' && arrayDepth > 0) arrayDepth--;
    const op = OPS.find((o) => sql.startsWith(o, i));
    if (!op) fail(`unexpected character ${JSON.stringify(c)}`);
    out.push({ t: 'op', v: op!, pos: start });
    i += op!.length;
  }
  out.push({ t: 'eof', pos: sql.length });
  return out;

  // PostgreSQL E'..' string: C-style backslash escapes plus '' for a quote.
  function readEString(): string {
    const start = i;
    let s = '';
    let j = i + 1;
    for (;;) {
      if (j >= sql.length) fail("unterminated E'' string", start);
      const ch = sql[j];
      if (ch === "'") {
        if (sql[j + 1] === "'") { s += "'"; j += 2; continue; }
        i = j + 1;
        return s;
      }
      if (ch !== '\\') { s += ch; j++; continue; }
      const n = sql[j + 1] ?? '';
      const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      let m: RegExpExecArray | null;
      if (n in simple) { s += simple[n]; j += 2; }
      else if ((m = /^[0-7]{1,3}/.exec(sql.slice(j + 1)))) { s += String.fromCharCode(parseInt(m[0], 8)); j += 1 + m[0].length; }
      else if ((m = /^x([0-9a-fA-F]{1,2})/.exec(sql.slice(j + 1)))) { s += String.fromCharCode(parseInt(m[1], 16)); j += 1 + m[0].length; }
      else if ((m = /^(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/.exec(sql.slice(j + 1)))) { s += String.fromCodePoint(parseInt(m[0].slice(1), 16)); j += 1 + m[0].length; }
      else { s += n; j += 2; }
    }
  }
}
