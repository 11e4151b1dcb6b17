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

/** Skipped tables, those with one reason together: "a, b (bookkeeping)"; a long run of them (55
 *  partitions of one table) as its first and last names and a count. */
export function skippedText(skipped: { name: string; reason: string }[]): string {
  const byReason = new Map<string, string[]>();
  for (const s of skipped) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.name]);
  return [...byReason].map(([reason, names]) => names.length > 4
    ? `${names[0]}, ${names[1]} … ${names[names.length - 1]} (${names.length} tables: ${reason})`
    : `${names.join(', ')} (${reason})`).join('; ');
}
