// Where in seedbed.config.ts a setting is written, so an error can say `file:line`. The config
// is evaluated code, so there are no positions in the loaded object; instead we look for the
// offending key in the source text, one path segment after the other (`tables` → `users` →
// `columns` → `emial`), with comments and string contents blanked out first so a commented
// example never matches. Good enough for hand-written configs; when a key cannot be found (the
// object was built elsewhere, spread, computed) the nearest enclosing key found wins.

export type ConfigPath = readonly (string | number)[];

export interface SourcePosition {
  line: number;
  column: number;
}

/** The text with comments replaced by spaces (newlines kept, so offsets and lines stay). */
export function blankComments(text: string): string {
  const out = text.split('');
  let i = 0;
  const n = text.length;
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      blank(i, stop);
      i = stop;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      // Skip the literal (keeping it: a quoted key like 'user-id': must still match).
      let j = i + 1;
      while (j < n && text[j] !== c) {
        if (text[j] === '\\') j++;
        else if (c !== '`' && text[j] === '\n') break;
        j++;
      }
      i = j + 1;
    } else {
      i++;
    }
  }
  return out.join('');
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Offset of `key:` (bare, quoted or as `[ 'key' ]:`) at or after `from`, or -1. */
function findKey(text: string, key: string, from: number): number {
  const k = escapeRe(key);
  const re = new RegExp(`(?<![\\w$])(?:${k}|'${k}'|"${k}"|\\[\\s*(?:'${k}'|"${k}")\\s*\\])\\s*:|(?<![\\w$.])${k}(?=\\s*[,}\\n])`, 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // A shorthand property `{ users }` also counts; a bare word elsewhere (`x = users,`) rarely
    // sits between braces, so accept it only when a '{' or ',' precedes it.
    if (!m[0].includes(':')) {
      const before = text.slice(0, m.index).trimEnd();
      if (!/[{,]$/.test(before)) continue;
    }
    return m.index;
  }
  return -1;
}

/** Offset of the string literal 'value' / "value" at or after `from`, or -1. */
function findString(text: string, value: string, from: number): number {
  const v = escapeRe(value);
  const re = new RegExp(`'${v}'|"${v}"|\`${v}\``, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : -1;
}

export function positionOf(text: string, offset: number): SourcePosition {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

/** Where the config object starts: `defineConfig(`, `export default`, or line 1. */
function configStart(text: string): number {
  const d = text.search(/defineConfig\s*(<[^>]*>)?\s*\(/);
  if (d >= 0) return d;
  const e = text.search(/export\s+default/);
  return e >= 0 ? e : 0;
}

/**
 * Line of the setting at `path` (e.g. ['tables', 'users', 'columns', 'emial']). `value`: the
 * offending value when it is a string inside a list (`exclude: ['usrs']`), to find its own line.
 */
export function locate(source: string, path: ConfigPath, value?: unknown): SourcePosition {
  const text = blankComments(source);
  let pos = configStart(text);
  let found = pos;
  for (const seg of path) {
    if (typeof seg === 'number') continue;
    let at = findKey(text, seg, pos);
    if (at < 0) at = findKey(text, seg, 0);
    if (at >= 0) {
      found = at;
      pos = at + 1;
    }
  }
  if (typeof value === 'string') {
    const at = findString(text, value, found);
    if (at >= 0) found = at;
  }
  // Point at the key itself, not the quote or bracket before it.
  while (found < text.length && /[\s['"]/.test(text[found])) found++;
  return positionOf(text, found);
}

/** `tables.users.columns.emial`, `exclude[0]`. */
export function formatPath(path: ConfigPath): string {
  let s = '';
  for (const seg of path) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) s += s ? `.${seg}` : seg;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s || '(the config)';
}
