// Rule patterns are regexes, and most of them are anchored alternations of literal names
// (`^(first_?name|given_?name)$`, `(^|_)(city|town)$`, `^(is|has)_`). V8 compiles a regex the
// first time it runs, ≈0.15 ms each: ≈70 ms of planning even a 12-table schema, since a name
// that no rule knows meets all ~470. Such patterns are matched here by Set look-ups on slices
// of the name instead, with the same answers (test/rules.test.ts checks every rule against its
// regex); whatever this does not understand stays a regex, compiled only if it is reached.

export interface NameMatcher {
  test(name: string): boolean;
}

/** Branch of a top-level alternation: literal strings, where they may start and end. */
interface Branch {
  words: Set<string>;
  /** '^': at the start; '_': right after an underscore; 'either': one or the other. */
  start: '^' | '_' | 'either';
  /** '$': at the end; '_': followed by an underscore (then anything). */
  end: '$' | '_';
}

const MAX_WORDS = 5000;
const LITERAL = /[a-z0-9_ ]/;

export function nameMatcher(re: RegExp): NameMatcher {
  if (re.flags.replace(/[gy]/g, '') !== '' || /\\\d/.test(re.source)) return re; // flags, back-references
  const branches: Branch[] = [];
  const rest: string[] = [];
  for (const b of splitTop(re.source)) {
    const parsed = branch(b);
    if (parsed) branches.push(parsed);
    else rest.push(b);
  }
  if (!branches.length) return re;
  let fallback: RegExp | undefined;
  return {
    test(name: string): boolean {
      for (const b of branches) if (matches(b, name)) return true;
      if (!rest.length) return false;
      fallback ??= new RegExp(rest.join('|'));
      return fallback.test(name);
    },
  };
}

function matches(b: Branch, name: string): boolean {
  for (let k = 0; k <= name.length; k++) {
    const startsHere = k === 0 ? b.start !== '_' : name.charCodeAt(k - 1) === 95 /* _ */ && b.start !== '^';
    if (!startsHere) continue;
    if (b.end === '$') {
      if (b.words.has(name.slice(k))) return true;
    } else {
      for (let j = name.indexOf('_', k); j >= 0; j = name.indexOf('_', j + 1)) if (b.words.has(name.slice(k, j))) return true;
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
  return { words: new Set(words), start, end };
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
