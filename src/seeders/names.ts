// Forms of database names shared by the schema reader and the generators.

/** A table's own name, without its schema (`billing.invoices` → `invoices`). */
export const localName = (table: string): string => table.slice(table.lastIndexOf('.') + 1);

/** snake() of the names seen so far: planning asks for the same names many times (rule
 *  matching, rollups, copies, null rates: ≈200 ms of three plans of a 533-table schema). */
const SNAKES = new Map<string, string>();
const MAX_SNAKES = 100_000;

/** snake_case of an identifier: `BlogPost` → `blog_post`, `userID` → `user_id`, `first-name` → `first_name`. */
export function snake(name: string): string {
  let s = SNAKES.get(name);
  if (s === undefined) {
    s = name
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[\s.-]+/g, '_')
      .toLowerCase();
    if (SNAKES.size >= MAX_SNAKES) SNAKES.clear();
    SNAKES.set(name, s);
  }
  return s;
}
