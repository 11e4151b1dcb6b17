/** Whether `to` is `from` or one of its ancestors, following `parents` (a table's parent tables
 *  by foreign key): adding an edge to → from would then close a cycle. */
export function reaches(parents: (table: string) => Iterable<string>, from: string, to: string): boolean {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length) {
    const t = stack.pop()!;
    if (t === to) return true;
    for (const p of parents(t)) if (!seen.has(p)) { seen.add(p); stack.push(p); }
  }
  return false;
}
