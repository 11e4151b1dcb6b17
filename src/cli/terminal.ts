import { capText, INVISIBLE, visible } from '../seeders/safe-text.ts';

// The CLI's output boundary: everything `seedbed` prints goes through one of these. Names come
// from the database, and a table called "\x1b[2J" or "\u202e…" must not clear the screen, set the
// window title or reorder the line it is printed on: control, bidi and zero-width characters are
// printed as their escapes; an enormous name (a 120 KB database path) is shortened in the middle.

/** Longest run of non-space characters printed whole (a name, a path). */
const WORD_MAX = 300;
/** Longest line printed whole; --json prints everything. */
const LINE_MAX = 2000;
const LONG_WORD = new RegExp(`\\S{${WORD_MAX + 1},}`, 'g');

/** Human-readable text, made safe for a terminal: line ends and tabs are the CLI's own. */
export function terminalText(text: string): string {
  // Lines past 1 MB are cut first: the long-word pattern overflows V8's regex stack near 10 MB.
  if (text.length > 1_000_000) text = text.split('\n').map((line) => capText(line, 1_000_000)).join('\n');
  return visible(text, '\n\t')
    .replace(LONG_WORD, (w) => capText(w, WORD_MAX))
    .split('\n')
    .map((line) => capText(line, LINE_MAX))
    .join('\n');
}

/** `--json` output: exact JSON (it parses to the same values), with every invisible character that
 *  JSON.stringify leaves raw (C1 controls, DEL, bidi and zero-width, U+2028/2029) as a \u escape. */
export function jsonText(value: unknown): string {
  // Raw line ends in JSON text are its own indentation (one inside a string is escaped already).
  return (JSON.stringify(value, null, 2) ?? 'null').replace(INVISIBLE, (ch) => (ch === '\n' ? ch :
    Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')));
}
