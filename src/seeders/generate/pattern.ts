import type { ColumnHint } from '../check/index.ts';
import { compileRegex, needsBacktracking, withoutLookaround, type Matcher } from '../check/index.ts';
import { EmptyDomainError, MAX_TEXT } from './constrain.ts';
import type { Generator } from './generator.ts';
import { Rng } from './prng.ts';

// Regular-expression CHECKs (`identifier ~ '^[a-z0-9][a-z0-9:-]{0,48}[a-z0-9]$'`, LIKE/GLOB shapes):
// a value from the naming rule is kept when it matches; otherwise a slug of it is tried, and
// else a string is drawn from the pattern itself. Patterns using what a sampler cannot honour
// (backreferences, lookaround) keep the rule's values and leave the CHECK to row testing.

type Node =
  | { t: 'chars'; set: string }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number; /** `*`, `+`, `{n,}`: no upper bound (max is what a sample draws). */ open?: boolean };

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const DIGITS = '0123456789';
const WORD = `abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ${DIGITS}_`;
/** `.`, `*` and `+` stay short and readable. */
const DOT = 'abcdefghijklmnopqrstuvwxyz0123456789';
const OPEN_EXTRA = 3;
/** Any one character, as LIKE's `_`/`%` and GLOB's `?`/`*` become. */
const ANY_CHAR = '[\\s\\S]';

export function matchPattern(gen: Generator, hint: ColumnHint | undefined, typeLength?: number, column = ''): Generator {
  if (!hint?.pattern || gen.domainValue) return gen;
  // Lookaround (`[-.](?=[a-z0-9])`): candidates come from the pattern without it, and the
  // database, which tests such a CHECK on each candidate row, keeps those that match.
  const source = needsBacktracking(hint.pattern) ? withoutLookaround(hint.pattern) : hint.pattern;
  if (source === undefined) return gen;
  let re: Matcher;
  try {
    re = compileRegex(source, hint.patternFlags ?? '', (msg) => new Error(msg));
  } catch {
    return gen;
  }
  const parsed = parse(source);
  // `((a{255}){255}){255}` is a fine PostgreSQL pattern whose every match is 16 million
  // characters: named at plan time, as `length(s) = 100000000` is, instead of 60 attempts and
  // "No row satisfies". A pattern whose samples may run long but whose shortest matches fit is
  // drawn at its shortest.
  const least = parsed ? shortest(parsed) : 0;
  if (least > MAX_TEXT) throw new EmptyDomainError(column, `matches only text of at least ${least.toLocaleString('en-US')} characters; Seedbed writes at most ${MAX_TEXT.toLocaleString('en-US')} per value`, true, true);
  const tree = parsed && (longest(parsed) <= MAX_SAMPLE ? parsed : shortestOf(parsed));
  // A length CHECK beside the pattern (`length(id) = 26 AND id GLOB '[0-9A-Z]*'`) bounds the samples too.
  const lo = hint.minLength ?? 0;
  // So does the column's type (`varchar(6)`: `^[A-Z]{2,4}-[0-9]+$` drew 'ABCD-123', too long).
  const hi = Math.min(hint.maxLength ?? Infinity, typeLength ?? Infinity);
  const sized = (v: string) => v.length >= lo && v.length <= hi;
  const ok = (v: unknown) => typeof v !== 'string' || (re.test(v) && sized(v));
  const fit = (v: unknown, rng: Rng): unknown => {
    if (ok(v)) return v;
    if (typeof v === 'string') {
      const slug = v.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      if (slug && re.test(slug) && sized(slug)) return slug;
    }
    if (!tree) return v;
    for (let i = 0; i < 20; i++) {
      const s = sample(tree, rng);
      if (re.test(s) && sized(s)) return s;
    }
    // Too short or too long every time: a trailing repetition (`.*`, `[0-9a-f]*`) takes the length.
    if (lo > 0 || hi < Infinity) {
      for (let i = 0; i < 20; i++) {
        const s = sampleSized(tree, rng, lo, hi);
        if (s !== undefined && re.test(s) && sized(s)) return s;
      }
    }
    return v;
  };
  return {
    ...gen,
    label: `${gen.label}~pattern`,
    next: (rng, ctx) => fit(gen.next(rng, ctx), rng),
    disambiguate: (v, n) => fit(gen.disambiguate ? gen.disambiguate(v, n) : v, new Rng(n, 'pattern', String(v))),
  };
}

/** Samples longer than this are not drawn (the rule's values are kept, the CHECK row-tested). */
const MAX_SAMPLE = 10_000;

function longest(n: Node): number {
  switch (n.t) {
    case 'chars': return 1;
    case 'seq': return n.items.reduce((sum, x) => sum + longest(x), 0);
    case 'alt': return n.options.reduce((max, x) => Math.max(max, longest(x)), 0);
    case 'rep': return n.max * longest(n.node);
  }
}

/** Length of the shortest strings `n` matches. */
function shortest(n: Node): number {
  switch (n.t) {
    case 'chars': return 1;
    case 'seq': return n.items.reduce((sum, x) => sum + shortest(x), 0);
    case 'alt': return n.options.reduce((min, x) => Math.min(min, shortest(x)), Infinity);
    case 'rep': return n.min * shortest(n.node);
  }
}

/** The part of `n` that matches its shortest strings: each repetition its fewest times, each
 *  alternation its shortest options. */
function shortestOf(n: Node): Node {
  switch (n.t) {
    case 'chars': return n;
    case 'seq': return { t: 'seq', items: n.items.map(shortestOf) };
    case 'alt': {
      const least = shortest(n);
      const options = n.options.filter((x) => shortest(x) === least).map(shortestOf);
      return options.length === 1 ? options[0] : { t: 'alt', options };
    }
    case 'rep': return { t: 'rep', node: shortestOf(n.node), min: n.min, max: n.min };
  }
}

function sample(n: Node, rng: Rng): string {
  switch (n.t) {
    case 'chars': return n.set[rng.int(0, n.set.length - 1)];
    case 'seq': return n.items.map((x) => sample(x, rng)).join('');
    case 'alt': return sample(n.options[rng.int(0, n.options.length - 1)], rng);
    case 'rep': {
      const k = rng.int(n.min, n.max);
      let s = '';
      for (let i = 0; i < k; i++) s += sample(n.node, rng);
      return s;
    }
  }
}

/** A sample whose length is in [lo, hi], where the pattern ends with a repetition of single
 *  characters (drawn last, as many as the length needs); undefined otherwise. */
function sampleSized(n: Node, rng: Rng, lo: number, hi: number): string | undefined {
  const items = n.t === 'seq' ? n.items : [n];
  const last = items[items.length - 1];
  if (!last || last.t !== 'rep' || longest(last.node) !== 1) return undefined;
  const head = items.slice(0, -1).map((x) => sample(x, rng)).join('');
  const target = Math.min(hi, lo + rng.int(0, Math.min(8, Math.max(0, (hi === Infinity ? lo + 8 : hi) - lo))));
  const k = target - head.length;
  if (k < last.min || (k > last.max && !last.open)) return undefined;
  let s = head;
  for (let i = 0; i < k; i++) s += sample(last.node, rng);
  return s;
}

/** The subset of JavaScript regex syntax a sampler can honour; undefined for the rest. */
export function parse(src: string): Node | undefined {
  let i = 0;
  const fail = (): never => { throw new Error('unsupported'); };
  const alt = (): Node => {
    const options = [seq()];
    while (src[i] === '|') { i++; options.push(seq()); }
    return options.length === 1 ? options[0] : { t: 'alt', options };
  };
  const seq = (): Node => {
    const items: Node[] = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      const c = src[i];
      if (c === '^' || c === '$') { i++; continue; }
      const any = src.startsWith(ANY_CHAR, i);
      let atom = single();
      atom = quantified(atom);
      // GLOB '[0-9a-f]*' checks only the first character, but means a hex string: a run of
      // "anything" right after a class is drawn from that class (the regex still decides).
      const prev = items[items.length - 1];
      if (any && atom.t === 'rep' && atom.open && prev?.t === 'chars' && prev.set.length > 1) atom = { ...atom, node: prev };
      items.push(atom);
    }
    return { t: 'seq', items };
  };
  const quantified = (atom: Node): Node => {
    const c = src[i];
    let min = -1, max = -1, open = false;
    if (c === '?') { min = 0; max = 1; i++; }
    else if (c === '*') { min = 0; max = OPEN_EXTRA; open = true; i++; }
    else if (c === '+') { min = 1; max = 1 + OPEN_EXTRA; open = true; i++; }
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? min + OPEN_EXTRA : Number(m[3]);
      open = m[3] === '';
      i += m[0].length;
    } else return atom;
    if (src[i] === '?') i++; // lazy: same strings
    return { t: 'rep', node: atom, min, max: Math.max(min, max), ...(open ? { open } : {}) };
  };
  const single = (): Node => {
    const c = src[i++];
    if (c === '(') {
      if (src[i] === '?') { if (src.slice(i, i + 2) === '?:') i += 2; else fail(); }
      const inner = alt();
      if (src[i++] !== ')') fail();
      return inner;
    }
    if (c === '[') return charClass();
    if (c === '.') return { t: 'chars', set: DOT };
    if (c === '\\') return { t: 'chars', set: escape(src[i++]) };
    if (c === ')' || c === '*' || c === '+' || c === '?' || c === '{') fail();
    return { t: 'chars', set: c };
  };
  const escape = (e: string | undefined): string => {
    if (e === undefined) fail();
    if (e === 'd') return DIGITS;
    if (e === 'w') return WORD;
    if (e === 's') return ' ';
    // Negated classes, within printable ASCII: LIKE's % becomes [\s\S]*.
    if (e === 'D' || e === 'W' || e === 'S') return [...PRINTABLE].filter((ch) => !(e === 'D' ? DIGITS : e === 'W' ? WORD : ' ').includes(ch)).join('');
    if (/[1-9bBkpP]/.test(e!)) fail(); // backreferences, boundaries, Unicode classes
    return e === 'n' ? '\n' : e === 't' ? '\t' : e!;
  };
  const charClass = (): Node => {
    const negate = src[i] === '^';
    if (negate) i++;
    let set = '';
    let first = true;
    while (i < src.length && (src[i] !== ']' || first)) {
      first = false;
      let a = src[i++];
      if (a === '\\') { const e = escape(src[i++]); if (e.length > 1) { set += e; continue; } a = e; }
      if (src[i] === '-' && src[i + 1] !== undefined && src[i + 1] !== ']') {
        i++;
        let b = src[i++];
        if (b === '\\') b = escape(src[i++]);
        for (let k = a.charCodeAt(0); k <= b.charCodeAt(0); k++) set += String.fromCharCode(k);
      } else set += a;
    }
    if (src[i++] !== ']') fail();
    if (negate) set = [...PRINTABLE].filter((ch) => !set.includes(ch)).join('');
    if (!set) fail();
    return { t: 'chars', set };
  };
  try {
    const tree = alt();
    return i === src.length ? tree : undefined;
  } catch {
    return undefined;
  }
}
