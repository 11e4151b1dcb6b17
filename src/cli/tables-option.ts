import { SeedbedError } from '../seeders/index.ts';

// `--tables a,b` and `--table NAME`. A table name may hold a comma or begin or end with spaces:
// quote it in the list the CSV way (`--tables '"a,b",c'`, a quote inside written `""`), or give it
// exactly with `--table NAME`, once per table.

/** The names of a `--tables` list: comma-separated, unquoted names trimmed, quoted ones exact. */
export function parseTableList(text: string): string[] {
  const names: string[] = [];
  let i = 0;
  while (i <= text.length) {
    while (text[i] === ' ') i++;
    if (text[i] === '"') {
      let name = '';
      i++;
      for (;;) {
        if (i >= text.length) {
          throw new SeedbedError('BAD_INPUT', `--tables ${text}: a quoted name is not closed.`, { fix: `Close the quote: --tables '"a,b",c' (a quote inside a quoted name is written ""), or use --table NAME once per table.` });
        }
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          i++;
        }
        name += text[i++];
      }
      i++;
      while (text[i] === ' ') i++;
      if (i < text.length && text[i] !== ',') {
        throw new SeedbedError('BAD_INPUT', `--tables ${text}: text follows the quoted name "${name}" before the next comma.`, { fix: `Separate names with commas: --tables '"a,b",c', or use --table NAME once per table.` });
      }
      names.push(name);
    } else {
      const comma = text.indexOf(',', i);
      const end = comma < 0 ? text.length : comma;
      const name = text.slice(i, end).trim();
      if (name) names.push(name);
      i = end;
    }
    i++; // past the comma
  }
  return names;
}

/** Commander's collector for the repeatable `--table NAME`. */
export const collectTable = (name: string, names: string[] = []): string[] => [...names, name];

/** The tables of `--tables` and `--table` together (undefined: none named). */
export function chosenTables(o: { tables?: string[]; table?: string[] }): string[] | undefined {
  const all = [...(o.tables ?? []), ...(o.table ?? [])];
  return all.length ? [...new Set(all)] : undefined;
}
