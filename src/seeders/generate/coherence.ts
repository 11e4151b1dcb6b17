import type { TableRecipe } from './recipe.ts';

// Rows that hang together: created_at <= updated_at <= deleted_at, start <= end, sent <= read,
// and an email made from the person named in the same row. Decided once per table from column
// names and the rules that filled them; applied to each row before its CHECKs are tested.

type Row = Record<string, unknown>;

// Words that say where a timestamp sits in a lifetime. Two families, so "created" is never
// ordered against "start" (a course can start before its row was created).
const LIFECYCLE: Record<string, number> = { created: 0, inserted: 0, updated: 1, modified: 1, changed: 1, deleted: 2, archived: 2, removed: 2 };
const SPAN: Record<string, number> = {
  start: 0, starts: 0, started: 0, begin: 0, begins: 0, from: 0, issued: 0, issue: 0, opened: 0, open: 0, sent: 0,
  borrowed: 0, booked: 0, requested: 0, check_in: 0, checkin: 0, departure: 0, enrolled: 0, joined: 0,
  end: 1, ends: 1, ended: 1, finish: 1, finished: 1, to: 1, until: 1, due: 1, returned: 1, return: 1, closed: 1, close: 1,
  read: 1, delivered: 1, completed: 1, resolved: 1, check_out: 1, checkout: 1, arrival: 1, expires: 1, expiry: 1, expired: 1, left: 1,
};
const FILLER = new Set(['at', 'on', 'date', 'time', 'ts', 'timestamp', 'datetime', 'dt']);

interface Chain { columns: string[] }

export function coherenceFor(recipe: TableRecipe): ((row: Row) => void) | undefined {
  const chains = dateChains(recipe);
  const email = emailFromName(recipe);
  if (!chains.length && !email) return undefined;
  return (row) => {
    for (const c of chains) order(row, c.columns);
    email?.(row);
  };
}

function dateChains(recipe: TableRecipe): Chain[] {
  const groups = new Map<string, { column: string; rank: number }[]>();
  for (const u of recipe.units) {
    if (u.kind !== 'value' || u.rule) continue;
    const col = recipe.table.columns.find((c) => c.name === u.columns[0])!;
    if (col.kind !== 'date' && col.kind !== 'datetime' && !(col.kind === 'text' && /^(time|date)/.test(u.gen?.label ?? ''))) continue;
    const words = col.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/_+/).filter(Boolean);
    for (const [family, table] of [['life', LIFECYCLE], ['span', SPAN]] as const) {
      const hit = words.findIndex((w, i) => table[w] !== undefined || table[`${w}_${words[i + 1]}`] !== undefined);
      if (hit < 0) continue;
      const two = `${words[hit]}_${words[hit + 1]}`;
      const rank = table[two] ?? table[words[hit]];
      const skip = table[two] !== undefined ? 2 : 1;
      const stem = [...words.slice(0, hit), ...words.slice(hit + skip)].filter((w) => !FILLER.has(w)).join('_');
      const key = `${family}:${stem}`;
      groups.set(key, [...(groups.get(key) ?? []), { column: col.name, rank }]);
      break;
    }
  }
  return [...groups.values()]
    .filter((g) => g.length > 1 && new Set(g.map((x) => x.rank)).size > 1)
    .map((g) => ({ columns: g.sort((a, b) => a.rank - b.rank).map((x) => x.column) }));
}

/** Puts the non-NULL text timestamps of `columns` in ascending order (formats compare as text). */
function order(row: Row, columns: string[]): void {
  const present = columns.filter((c) => typeof row[c] === 'string');
  if (present.length < 2) return;
  const values = present.map((c) => row[c] as string).sort();
  present.forEach((c, i) => (row[c] = values[i]));
}

function emailFromName(recipe: TableRecipe): ((row: Row) => void) | undefined {
  const label = (c: string) => recipe.units.find((u) => u.kind === 'value' && !u.rule && u.columns[0] === c)?.gen?.label ?? '';
  const cols = recipe.table.columns.map((c) => c.name);
  const email = cols.find((c) => label(c) === 'contact.email');
  if (!email) return undefined;
  const first = cols.find((c) => label(c) === 'person.firstName');
  const last = cols.find((c) => label(c) === 'person.lastName');
  const full = cols.find((c) => /^person\.(fullName|name)/.test(label(c)));
  if (!(first && last) && !full) return undefined;
  const max = recipe.table.columns.find((c) => c.name === email)!.length ?? 254;
  return (row) => {
    const e = row[email];
    if (typeof e !== 'string' || !e.includes('@')) return;
    const name = first && last ? [row[first], row[last]] : String(row[full!] ?? '').split(/\s+/);
    const local = name.filter((x) => typeof x === 'string' && x).map((x) => ascii(x as string)).filter(Boolean).join('.');
    if (!local) return;
    const made = `${local}@${e.slice(e.indexOf('@') + 1)}`;
    if (made.length <= max) row[email] = made;
  };
}

function ascii(s: string): string {
  return s.normalize('NFKD').replace(/[^\x00-\x7f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}
