import { readFileSync } from 'node:fs';

// The rules' name patterns compiled at build time (name-patterns.ts compilePattern) and kept in
// one file beside the bundles (dist/rule-patterns.json, written by scripts/build.ts): a bundle
// then does not expand ~470 patterns into ~8,000 words at each start (≈13 ms of a fresh
// process's first plan). One file per folder of bundles, not a copy inside each (≈240 KB
// apiece). Run from source, beside no such file, or beside one made from other rules (its
// fingerprint differs), each pattern is compiled when first needed instead.

/** A pattern's literal branches ([start, end, words]) and the rest of its source; null: the
 *  whole pattern stays a regex. */
export interface CompiledPattern {
  branches: ['^' | '_' | 'either', '$' | '_', string[]][];
  rest: string[];
}

/** A rule's column pattern and table pattern (absent: none), compiled. */
export type CompiledRule = [CompiledPattern | null, (CompiledPattern | null)?];

export const PATTERNS_FILE = 'rule-patterns.json';

/** What the file holds: the fingerprint of the patterns it was made from, and each rule's, in
 *  the rules' order, a branch as one string (start, end, then the words joined by '|'). */
interface PatternsFile {
  fingerprint: string;
  rules: ([Packed, Packed?])[];
}
type Packed = [string[], string[]] | null;

const START = { '^': '^', _: '_', either: 'e' } as const;
const START_OF: Record<string, CompiledPattern['branches'][number][0]> = { '^': '^', _: '_', e: 'either' };

/** FNV-1a over every pattern (flags and source), in order. */
export function patternsFingerprint(rules: readonly { column: RegExp; table?: RegExp }[]): string {
  let h = 0x811c9dc5;
  const add = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x1f, 0x01000193);
  };
  for (const r of rules) {
    add(`${r.column.flags}/${r.column.source}`);
    add(r.table ? `${r.table.flags}/${r.table.source}` : '');
  }
  return `${rules.length}:${(h >>> 0).toString(36)}`;
}

/** The file's text for these rules. */
export function encodePatterns(rules: readonly { column: RegExp; table?: RegExp }[], compiled: readonly CompiledRule[]): string {
  const pack = (c: CompiledPattern | null): Packed => c && [c.branches.map(([s, e, words]) => `${START[s]}${e}${words.join('|')}`), c.rest];
  const file: PatternsFile = { fingerprint: patternsFingerprint(rules), rules: compiled.map(([col, table], i) => (rules[i].table ? [pack(col), pack(table ?? null)] : [pack(col)])) };
  return JSON.stringify(file);
}

/** Set by scripts/build.ts in a bundle: the fingerprint of the rules it was built with (the
 *  file written beside it by the same build). */
declare const SEEDBED_PATTERNS_FINGERPRINT: string | undefined;

/** The compiled rules in `text`, or undefined when it was made from other rules. */
export function decodePatterns(text: string, rules: readonly { column: RegExp; table?: RegExp }[]): CompiledRule[] | undefined {
  const file = JSON.parse(text) as PatternsFile;
  const expected = typeof SEEDBED_PATTERNS_FINGERPRINT === 'string' ? SEEDBED_PATTERNS_FINGERPRINT : patternsFingerprint(rules);
  if (file.fingerprint !== expected || file.rules.length !== rules.length) return undefined;
  const unpack = (p: Packed | undefined): CompiledPattern | null => p ? {
    branches: p[0].map((b) => [START_OF[b[0]], b[1] as '$' | '_', b.slice(2).split('|')]),
    rest: p[1],
  } : null;
  return file.rules.map(([col, table]) => [unpack(col), unpack(table)]);
}

/** The compiled rules beside the running bundle, if it has them and they are of these rules. */
export function readPatterns(rules: readonly { column: RegExp; table?: RegExp }[]): CompiledRule[] | undefined {
  try {
    return decodePatterns(readFileSync(new URL(`./${PATTERNS_FILE}`, import.meta.url), 'utf8'), rules);
  } catch {
    return undefined; // run from source, or bundled elsewhere: compiled when first needed
  }
}
