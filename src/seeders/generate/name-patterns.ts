// Rule patterns are regexes, and most of them are anchored alternations of literal names
// (`^(first_?name|given_?name)$`, `(^|_)(city|town)$`, `^(is|has)_`). V8 compiles a regex the
// first time it runs, ≈0.15 ms each: ≈70 ms of planning even a 12-table schema, since a name
// that no rule knows meets all ~470. Such patterns are matched here by Set look-ups on slices
// of the name instead, with the same answers (test/rules.test.ts checks every rule against its
// regex); whatever this does not understand stays a regex, compiled only if it is reached.

import type { CompiledPattern } from './precompiled-patterns.ts';

export interface NameMatcher {
  test(name: string): boolean;
}

/** Branch of a top-level alternation: literal strings, where they may start and end. */
interface Branch {
  words: readonly string[];
  /** `words` as a set, made when a name is first tested against this branch alone (a look-up
   *  through FirstMatch needs none). */
  set?: Set<string>;
  /** '^': at the start; '_': right after an underscore; 'either': one or the other. */
  start: '^' | '_' | 'either';
  /** '$': at the end; '_': followed by an underscore (then anything). */
  end: '$' | '_';
}

const MAX_WORDS = 5000;
const LITERAL = /[a-z0-9_ ]/;

/** `compiled`: the pattern's form compiled at build time (precompiled-patterns.ts), if there is one. */
export function nameMatcher(re: RegExp, compiled: CompiledPattern | null | undefined = compilePattern(re)): NameMatcher {
  if (!compiled) return re;
  return new LiteralMatcher(compiled.branches.map(([start, end, words]) => ({ words, start, end })), compiled.rest);
}

/** The work behind nameMatcher: ≈30 ms for the ~470 rules in a fresh process (expanding
 *  alternations into ~8,000 words), which the bundles find done at build time instead
 *  (precompiled-patterns.ts); run from source, it is done when first needed. */
export function compilePattern(re: RegExp): CompiledPattern | null {
  if (re.flags.replace(/[gy]/g, '') !== '' || /\\\d/.test(re.source)) return null; // flags, back-references
  const branches: CompiledPattern['branches'] = [];
  const rest: string[] = [];
  for (const b of splitTop(re.source)) {
    const parsed = branch(b);
    if (parsed) branches.push([parsed.start, parsed.end, [...parsed.words]]);
    else rest.push(b);
  }
  return branches.length ? { branches, rest } : null;
}

/** Literal branches looked up, the rest (if any) a regex compiled when first reached. */
class LiteralMatcher implements NameMatcher {
  readonly branches: readonly Branch[];
  readonly rest: readonly string[];
  private fallback: RegExp | undefined;
  constructor(branches: Branch[], rest: string[]) {
    this.branches = branches;
    this.rest = rest;
  }

  test(name: string): boolean {
    for (const b of this.branches) if (matches(b, name)) return true;
    if (!this.rest.length) return false;
    this.fallback ??= new RegExp(this.rest.join('|'));
    return this.fallback.test(name);
  }
}

const START = { '^': 0, _: 1, either: 2 } as const;

/**
 * The first of many matchers (rules, tried in order) that a name meets, found by looking the
 * name's slices up in one map of every literal branch's words instead of testing the matchers
 * one by one: a name that no rule knows met all ~470 of them. Matchers with a part that stays a
 * regex (or wholly a regex) are tested in order where they come before the best look-up answer.
 * Same answers as testing each in turn (test/rules.test.ts).
 */
export class FirstMatch {
  /** word → entries: position * 8 + start * 2 + end (end: 0 '$', 1 '_'). */
  private readonly words = new Map<string, number[]>();
  /** Positions whose matcher is (or has a part that is) a regex, ascending. */
  private readonly tested: number[] = [];
  private readonly matchers: readonly (NameMatcher | undefined)[];

  /** `matchers[i]` undefined: position i never matches. */
  constructor(matchers: readonly (NameMatcher | undefined)[]) {
    this.matchers = matchers;
    matchers.forEach((m, at) => {
      if (!m) return;
      if (!(m instanceof LiteralMatcher)) { this.tested.push(at); return; }
      if (m.rest.length) this.tested.push(at);
      for (const b of m.branches) {
        const entry = at * 8 + START[b.start] * 2 + (b.end === '$' ? 0 : 1);
        for (const w of b.words) {
          const list = this.words.get(w);
          if (list) list.push(entry);
          else this.words.set(w, [entry]);
        }
      }
    });
  }

  /** The first position whose matcher the name meets and `eligible` allows, or -1. */
  first(name: string, eligible: (at: number) => boolean = () => true): number {
    let best = this.matchers.length;
    const look = (slice: string, atStart: boolean, toEnd: boolean) => {
      const list = this.words.get(slice);
      if (!list) return;
      for (const e of list) {
        const at = Math.floor(e / 8);
        if (at >= best) continue;
        const start = (e >> 1) & 3;
        if ((atStart ? start === START._ : start === START['^']) || (e & 1) !== (toEnd ? 0 : 1) || !eligible(at)) continue;
        best = at;
      }
    };
    // Where a branch may start: the name's start, or right after an underscore (matches()).
    for (let k = 0; k <= name.length; k = name.indexOf('_', k) + 1) {
      look(name.slice(k), k === 0, true);
      for (let j = name.indexOf('_', k); j >= 0; j = name.indexOf('_', j + 1)) look(name.slice(k, j), k === 0, false);
      if (name.indexOf('_', k) < 0) break;
    }
    for (const at of this.tested) {
      if (at >= best) break;
      if (eligible(at) && this.matchers[at]!.test(name)) return at;
    }
    return best < this.matchers.length ? best : -1;
  }
}

function matches(b: Branch, name: string): boolean {
  const words = (b.set ??= new Set(b.words));
  for (let k = 0; k <= name.length; k++) {
    const startsHere = k === 0 ? b.start !== '_' : name.charCodeAt(k - 1) === 95 /* _ */ && b.start !== '^';
    if (!startsHere) continue;
    if (b.end === '$') {
      if (words.has(name.slice(k))) return true;
    } else {
      for (let j = name.indexOf('_', k); j >= 0; j = name.indexOf('_', j + 1)) if (words.has(name.slice(k, j))) return true;
    }
    if (b.start === '^') break;
  }
  return false;
}

/** The top-level alternatives of a regex source (split at `|` outside groups and classes). */
function splitTop(src: string): string[] {
  const out: string[] = [];
  let depth = 0, from = 0, inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) { out.push(src.slice(from, i)); from = i + 1; }
  }
  out.push(src.slice(from));
  return out;
}

function branch(src: string): Branch | undefined {
  let start: Branch['start'];
  let body = src;
  if (body.startsWith('(^|_)')) { start = 'either'; body = body.slice(5); }
  else if (body.startsWith('^')) { start = '^'; body = body.slice(1); }
  else if (body.startsWith('_')) { start = '_'; body = body.slice(1); }
  else return undefined;
  let end: Branch['end'];
  if (body.endsWith('$') && !body.endsWith('\\$')) { end = '$'; body = body.slice(0, -1); }
  else if (body.endsWith('_') && !body.endsWith('\\_')) { end = '_'; body = body.slice(0, -1); }
  else return undefined;
  const words = expand(body);
  // A word with an underscore at an edge would meet the start/end rule ambiguously: keep the regex.
  if (!words || words.some((w) => w === '' || (end === '_' && w.endsWith('_')) || (start !== '^' && w.startsWith('_')))) return undefined;
  return { words: [...new Set(words)], start, end };
}

/** Every string a regex body of literals, groups, `|`, `?` and small classes matches; undefined
 *  for anything else (quantifiers, escapes of classes, look-arounds, back-references). */
export function expand(s: string): string[] | undefined {
  let i = 0;
  const alt = (): string[] | undefined => {
    const out: string[] = [];
    for (;;) {
      const q = seq();
      if (!q) return undefined;
      out.push(...q);
      if (out.length > MAX_WORDS) return undefined;
      if (s[i] !== '|') return out;
      i++;
    }
  };
  const seq = (): string[] | undefined => {
    let acc = [''];
    while (i < s.length && s[i] !== '|' && s[i] !== ')') {
      let a: string[] | undefined;
      const c = s[i];
      if (c === '(') {
        i++;
        if (s.startsWith('?:', i)) i += 2;
        else if (s[i] === '?') return undefined; // look-around or named group
        a = alt();
        if (!a || s[i] !== ')') return undefined;
        i++;
      } else if (c === '[') {
        const e = s.indexOf(']', i);
        if (e < 0) return undefined;
        const body = s.slice(i + 1, e);
        if (!/^[a-z0-9_ ]+$/.test(body)) return undefined;
        a = [...body];
        i = e + 1;
      } else if (LITERAL.test(c)) {
        // A run of plain letters at once; a letter with a `?` after it is a step of its own.
        let j = i + 1;
        while (j < s.length && LITERAL.test(s[j]) && s[j + 1] !== '?') j++;
        a = [s.slice(i, j)];
        i = j;
      } else if (c === '\\' && /[._-]/.test(s[i + 1] ?? '')) {
        a = [s[i + 1]];
        i += 2;
      } else {
        return undefined;
      }
      if (s[i] === '?') {
        if (s[i + 1] === '?') return undefined; // lazy: same strings, but keep it simple
        a = [...a, ''];
        i++;
      } else if (s[i] === '*' || s[i] === '+' || s[i] === '{') {
        return undefined;
      }
      const next: string[] = [];
      for (const x of acc) for (const y of a) next.push(x + y);
      if (next.length > MAX_WORDS) return undefined;
      acc = next;
    }
    return acc;
  };
  const words = alt();
  return words && i === s.length ? words : undefined;
}
