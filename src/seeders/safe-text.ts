// Text from the database (table, column, enum and database names) is data, never markup, code or
// terminal commands. These helpers give it one safe spelling wherever Seedbed writes it out:
// TypeScript source (`seedbed init`), terminals (the CLI) and the editor (Markdown tooltips).

/** Characters that are invisible or act on what follows: C0/C1 controls and DEL, line and paragraph
 *  separators (line ends in JavaScript, also inside a `//` comment), format characters (bidi
 *  overrides and isolates that reorder text as shown, zero-width spaces and joiners, BOM) and lone
 *  surrogates. */
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** `\x1b`, `\u202e`: the JavaScript escape of one character. */
export function escapeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code < 0x100) return `\\x${hex(code, 2)}`;
  if (code < 0x10000) return `\\u${hex(code, 4)}`;
  return `\\u{${hex(code, 1)}}`;
}

/** The text with every invisible character written as its escape (`\x1b[2J` stays readable and
 *  inert). `keep` lists characters left as they are (the CLI keeps its own line ends). */
export function visible(text: string, keep = ''): string {
  return text.replace(INVISIBLE, (ch) => (keep.includes(ch) ? ch : escapeChar(ch)));
}

const LITERAL_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '*/': '*\\/' };

/** A TypeScript/JavaScript string literal holding exactly `s`, in `quote`s: backslash, the quote,
 *  every invisible character (line ends included) and `*\/` escaped, so the literal is one line
 *  of plain text that no comment, editor or terminal can read differently. */
export function tsString(s: string, quote: "'" | '"' = "'"): string {
  const body = s.replace(/[\\'"]|\*\/|[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu, (m) => {
    if (m === "'" || m === '"') return m === quote ? `\\${m}` : m;
    return LITERAL_ESCAPES[m] ?? escapeChar(m);
  });
  return `${quote}${body}${quote}`;
}

/** A name as it may appear in generated source text outside a string (a comment): as is when it
 *  is a plain word, else as a string literal, which cannot end the comment or hide code. */
export function tsCommentName(s: string): string {
  return /^[\p{L}\p{N}_$.-]+$/u.test(s) ? s : tsString(s);
}

/** Any text shortened to `max` characters in the middle, saying how much was left out (a 120 KB
 *  name in an error message helps nobody). */
export function capText(text: string, max = 300): string {
  if (text.length <= max) return text;
  const head = Math.ceil(max * 0.7);
  const tail = max - head;
  return `${text.slice(0, head)}…[${(text.length - head - tail).toLocaleString('en-US')} characters left out]…${text.slice(text.length - tail)}`;
}
