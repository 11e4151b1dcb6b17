// At real size (hundreds of tables) a line per table is a wall nobody reads: plan, status and
// coverage keep a line for each table that needs a look and give the rest as wrapped name lists
// or a count. Small schemas keep their line per table.

/** From this many tables on, the text output groups tables instead of a line each. */
export const MANY_TABLES = 60;

/** Most tables listed one per line in a grouped report, before "… and N more". */
export const MAX_LINES = 40;

const WIDTH = 100;

/** `head` followed by the names, comma-separated and wrapped; continuation lines are indented. */
export function wrapNames(head: string, names: string[], indent: string, width = WIDTH): string[] {
  const out: string[] = [];
  let line = head;
  names.forEach((name, i) => {
    const piece = `${name}${i < names.length - 1 ? ',' : ''}`;
    if (line.length + 1 + piece.length > width && line.trim().length > head.trim().length) {
      out.push(line);
      line = `${indent}${piece}`;
    } else line += `${line.endsWith(' ') || !line ? '' : ' '}${piece}`;
  });
  out.push(line);
  return out;
}
