import { pools as P } from '../pools.ts';
import type { Rng } from '../prng.ts';
import { cap, pick } from './kit.ts';

// Value makers shared by several rule files: names, emails, English sentences and titles.
// Each is a plain function of the Rng, cheap enough to run per value.

export const firstName = (r: Rng): string => pick(r, P.firstNames);
export const lastName = (r: Rng): string => pick(r, P.lastNames);
export const fullName = (r: Rng): string => `${pick(r, P.firstNames)} ${pick(r, P.lastNames)}`;

const SEPARATORS = ['.', '.', '_', ''];
/** first.last@domain, from one person's name (indexes shared with plainFirstNames/plainLastNames). */
export function email(r: Rng): string {
  const f = P.plainFirstNames[Math.floor(r.float() * P.plainFirstNames.length)];
  const l = P.plainLastNames[Math.floor(r.float() * P.plainLastNames.length)];
  return `${f}${pick(r, SEPARATORS)}${l}@${pick(r, P.domains)}`;
}

export function username(r: Rng): string {
  const f = P.plainFirstNames[Math.floor(r.float() * P.plainFirstNames.length)];
  switch (r.next32() & 3) {
    case 0: return `${f}${r.int(1, 999)}`;
    case 1: return `${f}_${P.plainLastNames[Math.floor(r.float() * P.plainLastNames.length)]}`;
    case 2: return `${f[0]}${P.plainLastNames[Math.floor(r.float() * P.plainLastNames.length)]}`;
    default: return `${f}.${P.plainLastNames[Math.floor(r.float() * P.plainLastNames.length)]}${r.int(1, 99)}`;
  }
}

/** One English sentence from the description pools. */
export function sentence(r: Rng): string {
  return r.float() < 0.6 ? `${pick(r, P.descSubjects)} ${pick(r, P.descPredicates)}` : pick(r, P.descSentences);
}

/** 1–3 sentences, at most `max` characters. */
export function description(r: Rng, max = Infinity): string {
  let s = sentence(r);
  const n = r.int(0, 2);
  for (let i = 0; i < n; i++) {
    const next = sentence(r);
    if (s.length + 1 + next.length > max) break;
    s += ' ' + next;
  }
  return s;
}

/** A longer body: 3–6 sentences from all the prose pools. */
export function body(r: Rng, max = Infinity): string {
  let s = sentence(r);
  const n = r.int(2, 5);
  for (let i = 0; i < n; i++) {
    const next = r.float() < 0.5 ? sentence(r) : pick(r, P.comments);
    if (s.length + 1 + next.length > max) break;
    s += ' ' + next;
  }
  return s;
}

/** A headline: "Practical Time Management Workshop", "A Guide to Leadership", … */
export function title(r: Rng): string {
  switch (r.next32() % 5) {
    case 0: return `${pick(r, P.titleAdjectives)} ${pick(r, P.topics)}`;
    case 1: return `${pick(r, P.topics)} ${pick(r, P.titleNouns)}`;
    case 2: return `The ${pick(r, P.titleAdjectives)} Guide to ${pick(r, P.topics)}`;
    case 3: return `${pick(r, P.titleAdjectives)} ${pick(r, P.topics)} ${pick(r, P.titleNouns)}`;
    default: return `${r.int(3, 12)} Tips for ${pick(r, P.topics)}`;
  }
}

/** A short phrase of English words, e.g. for labels: "quiet harbour". */
export function phrase(r: Rng, n = 2): string {
  let s = pick(r, P.adjectives);
  for (let i = 1; i < n; i++) s += ' ' + pick(r, P.nouns);
  return s;
}

export function productName(r: Rng): string {
  return `${pick(r, P.productAdjectives)} ${pick(r, P.productMaterials)} ${pick(r, P.productNouns)}`;
}

export function companyName(r: Rng): string {
  switch (r.next32() % 3) {
    case 0: return `${pick(r, P.lastNames)} ${pick(r, P.companySuffixes)}`;
    case 1: return `${pick(r, P.lastNames)} & ${pick(r, P.lastNames)}`;
    default: return `${pick(r, P.lastNames)} ${cap(pick(r, P.buzzNouns))} ${pick(r, P.companySuffixes)}`;
  }
}

export function schoolName(r: Rng): string {
  return `${pick(r, P.schoolNameParts)} ${pick(r, P.schoolNameKinds)}`;
}

export function streetAddress(r: Rng): string {
  return `${r.int(1, 9999)} ${pick(r, P.streetNames)}`;
}
