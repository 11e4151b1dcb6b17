// Translations of SQL pattern languages (LIKE, GLOB, SIMILAR TO, POSIX
// regex) into JavaScript regular-expression source.
import { setFlagsFromString } from 'node:v8';
import { clip } from '../errors.ts';
import { wildcardPieces, wildcardTest } from './wildcard.ts';

const escapeRe = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

/** Anchored regex source for a LIKE pattern; `escape` is the escape character, if any. */
export function likeToRegexSource(pattern: string, escape: string | null): string {
  let out = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (escape !== null && c === escape && i + 1 < chars.length) out += escapeRe(chars[++i]);
    else if (c === '%') out += '[\\s\\S]*';
    else if (c === '_') out += '[\\s\\S]';
    else out += escapeRe(c);
  }
  return `^${out}$`;
}

/** The literal prefix when a LIKE pattern is exactly `prefix%`, else null. */
export function likePrefix(pattern: string, escape: string | null): string | null {
  let prefix = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (escape !== null && c === escape && i + 1 < chars.length) prefix += chars[++i];
    else if (c === '%') return i === chars.length - 1 ? prefix : null;
    else if (c === '_') return null;
    else prefix += c;
  }
  return null; // no wildcard at all: an equality, not a prefix
}

/** Anchored regex source for a SQLite GLOB pattern (* ? [...] [^...]). */
export function globToRegexSource(pattern: string): string {
  let out = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '[') {
      let j = i + 1;
      let cls = '';
      if (chars[j] === '^') { cls += '^'; j++; }
      if (chars[j] === ']') { cls += '\\]'; j++; } // leading ] is literal
      while (j < chars.length && chars[j] !== ']') {
        const ch = chars[j++];
        cls += ch === '\\' || ch === '[' ? `\\${ch}` : ch;
      }
      if (j >= chars.length) { out += '\\['; continue; } // unterminated: literal [
      out += `[${cls}]`;
      i = j;
    } else out += escapeRe(c);
  }
  return `^${out}$`;
}

/** The literal prefix when a GLOB pattern is exactly `prefix*`, else null. */
export function globPrefix(pattern: string): string | null {
  const m = /^([^*?[]*)\*$/.exec(pattern);
  return m ? m[1] : null;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9a-fA-F', word: '\\w', cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e', graph: '\\x21-\\x7e',
};

/** PostgreSQL (ARE) regex source to JavaScript: POSIX classes and PG-only escapes. */
export function posixToJsRegexSource(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\' && i + 1 < source.length) {
      const n = source[++i];
      if (n === 'm' || n === 'M' || n === 'y') out += '\\b';
      else if (n === 'Y') out += '\\B';
      else if (n === 'A') out += '^';
      else if (n === 'Z') out += '$';
      else out += `\\${n}`;
      continue;
    }
    const cls = /^\[:([a-z]+):\]/.exec(source.slice(i));
    if (c === '[' && cls && cls[1] in POSIX_CLASSES) {
      out += POSIX_CLASSES[cls[1]];
      i += cls[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** What PostgreSQL's similar_to_escape() returns: a POSIX regex for a SIMILAR TO pattern. */
export function similarToRegexSource(pattern: string, escape: string | null = '\\'): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (escape !== null && c === escape && i + 1 < pattern.length) { out += escapeRe(pattern[++i]); continue; }
    if (inClass) { out += c; if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; out += c; }
    else if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else if (c === '.' || c === '^' || c === '$') out += `\\${c}`;
    else out += c; // | * + ? { } ( ) keep their regex meaning
  }
  return `^(?:${out})$`;
}

// A schema's pattern must not hang Seedbed: `s ~ '^(a+)+$'` (or a LIKE with many %) makes
// V8's backtracking engine take exponential time on a value that fails. V8 has a linear-time
// engine to fall back on after too much backtracking; it is switched on for the process
// (matches are unchanged, only their cost is bounded) before the first pattern is compiled —
// not when this module loads: a V8 flag changed at run time makes every thread started after
// it compile Node's own code afresh (the writing thread took 60 ms to start instead of 30), a
// cost only schemas with patterns should pay. It takes no `i` flag, no backreference and no
// lookaround: case is folded on both sides instead, and patterns with the other two are left
// to the database (which matches them without backtracking).
let linearFallback = false;

/** A compiled pattern: `test` and `exec` as on a RegExp. */
export type Matcher = { test(s: string): boolean; exec(s: string): RegExpExecArray | null };

const cache = new Map<string, Matcher>();
const BACKTRACKING_ONLY = /\\[1-9k]|\(\?<?[=!]/;

/** True when only a backtracking engine can run the source (backreferences, lookaround): such
 *  a pattern is the database's to test. */
export function needsBacktracking(source: string): boolean {
  return BACKTRACKING_ONLY.test(source);
}

/**
 * The source with its lookaround groups removed — a pattern every match of the source also
 * matches (`[-.](?=[a-z])` becomes `[-.]`) — to draw candidates from, which the database then
 * tests; undefined when a backreference remains.
 */
export function withoutLookaround(source: string): string | undefined {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { out += source.slice(i, i + 2); i++; continue; }
    if (inClass) { out += c; if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; out += c; if (source[i + 1] === '^') out += source[++i]; if (source[i + 1] === ']') out += source[++i]; continue; }
    const look = /^\(\?<?[=!]/.exec(source.slice(i, i + 4));
    if (!look) { out += c; continue; }
    // Skip to the group's closing parenthesis, minding classes and escapes.
    let depth = 0;
    let cls = false;
    for (; i < source.length; i++) {
      const d = source[i];
      if (d === '\\') { i++; continue; }
      if (cls) { if (d === ']') cls = false; continue; }
      if (d === '[') cls = true;
      else if (d === '(') depth++;
      else if (d === ')' && --depth === 0) break;
    }
  }
  return BACKTRACKING_ONLY.test(out) ? undefined : out;
}

/** Compiles (and memoises) a regex; invalid sources, and those only a backtracking engine
 *  can run, throw the given error type. Flags: '' or 'i'. */
export function compileRegex(source: string, flags: string, onError: (msg: string) => Error): Matcher {
  const key = `${flags}/${source}`;
  let m = cache.get(key);
  if (!m) {
    if (BACKTRACKING_ONLY.test(source)) throw onError(`backreferences and lookaround are not evaluated (/${clip(source, 100)}/)`);
    if (!linearFallback) {
      setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
      linearFallback = true;
    }
    const caseless = flags.includes('i');
    const pieces = flags.replace('i', '') === '' ? wildcardPieces(caseless ? lowerLiterals(source) : source) : undefined;
    let re: RegExp;
    try {
      re = new RegExp(caseless ? lowerLiterals(source) : source, flags.replace(/i/g, ''));
    } catch (e) {
      throw onError(`invalid regular expression /${clip(source, 100)}/: ${(e as Error).message}`);
    }
    m = pieces ? { test: (s) => wildcardTest(pieces, caseless ? s.toLowerCase() : s), exec: (s) => re.exec(caseless ? s.toLowerCase() : s) }
      : caseless ? { test: (s) => re.test(s.toLowerCase()), exec: (s) => re.exec(s.toLowerCase()) } : re;
    if (cache.size > 500) cache.clear();
    cache.set(key, m);
  }
  return m;
}

/** The source with its letters lower-cased, escapes (\D, \x41) kept: matched against lower-cased
 *  text it does what the source does with the `i` flag. */
function lowerLiterals(source: string): string {
  return source.replace(/\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|c[a-zA-Z]|[\s\S])|[^\\]+/g, (t) => (t[0] === '\\' ? t : t.toLowerCase()));
}
