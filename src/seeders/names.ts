// Forms of database names shared by the schema reader and the generators.

/** A table's own name, without its schema (`billing.invoices` → `invoices`). */
export const localName = (table: string): string => table.slice(table.lastIndexOf('.') + 1);

/** snake_case of an identifier: `BlogPost` → `blog_post`, `userID` → `user_id`, `first-name` → `first_name`. */
export function snake(name: string): string {
  return name
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s.-]+/g, '_')
    .toLowerCase();
}
