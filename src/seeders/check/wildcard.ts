// Patterns made only of literals, "any one character" and "any run of characters" — every LIKE
// and ILIKE, and a GLOB without [classes] — matched without a regex engine. As a regex
// (`^[\s\S]*a[\s\S]*a…$`) one with thousands of % took V8's backtracking engine to its limit and
// then its linear fallback O(length × pattern) per test: 0.55 s a row for 2,000 %, which a seed
// of 10,000 rows would have spent 90 minutes on. Here the pieces between the runs are found
// leftmost, in order (which is exact when the only wildcards are single characters and runs).

/** Code units of one piece; -1 matches any one. */
type Piece = number[];

const ANY_RUN = '[\\s\\S]*';
const ANY_ONE = '[\\s\\S]';
/** What likeToRegexSource and globToRegexSource escape with a backslash. */
const ESCAPED = new Set('\\^$.*+?()[]{}|/-');
const SPECIAL = new Set('\\^$.*+?()[]{}|');

/** The pieces between the runs of an anchored source such as likeToRegexSource makes, or
 *  undefined when it is anything else (a class, a group, a quantifier, a \d). */
export function wildcardPieces(source: string): Piece[] | undefined {
  if (!source.startsWith('^') || !source.endsWith('$') || source.length < 2) return undefined;
  const body = source.slice(1, -1);
  if (!body.includes(ANY_RUN)) return undefined; // no run: the regex is linear already
  const pieces: Piece[] = [[]];
  for (let i = 0; i < body.length;) {
    if (body.startsWith(ANY_RUN, i)) { pieces.push([]); i += ANY_RUN.length; continue; }
    if (body.startsWith(ANY_ONE, i)) { pieces[pieces.length - 1].push(-1); i += ANY_ONE.length; continue; }
    let c = body[i];
    if (c === '\\') {
      c = body[i + 1];
      if (c === undefined || !ESCAPED.has(c)) return undefined;
      i += 2;
    } else {
      if (SPECIAL.has(c)) return undefined;
      i++;
    }
    pieces[pieces.length - 1].push(c.charCodeAt(0));
  }
  return pieces;
}

function at(piece: Piece, s: string, pos: number): boolean {
  for (let k = 0; k < piece.length; k++) {
    const c = piece[k];
    if (c !== -1 && s.charCodeAt(pos + k) !== c) return false;
  }
  return true;
}

/** Whether `s` matches the pieces (at least two: a run lies between each pair). */
export function wildcardTest(pieces: Piece[], s: string): boolean {
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (first.length + last.length > s.length) return false;
  if (!at(first, s, 0) || !at(last, s, s.length - last.length)) return false;
  let pos = first.length;
  const end = s.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i];
    let p = pos;
    while (p + piece.length <= end && !at(piece, s, p)) p++;
    if (p + piece.length > end) return false;
    pos = p + piece.length;
  }
  return true;
}
