// "Seedbed: Filter Tables": which tables the Tables view shows. Pure, so node tests check it.

/** One word of a filter: a substring, or with `*` (any run of characters) a pattern. */
export type Term = string | RegExp;

/** The filter's words, lower-cased; empty: no filter. */
export function filterTerms(filter: string | undefined): Term[] {
  return (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean)
    .map((t) => (t.includes('*') ? new RegExp(t.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')) : t));
}

/** A table matches when its name holds every word of the filter, in any case and order. */
export function matchesFilter(name: string, terms: readonly Term[]): boolean {
  if (!terms.length) return true;
  const lower = name.toLowerCase();
  return terms.every((t) => (typeof t === 'string' ? lower.includes(t) : t.test(lower)));
}

/** The names that match, in their order. */
export function filterTables(names: readonly string[], filter: string | undefined): string[] {
  const terms = filterTerms(filter);
  return terms.length ? names.filter((n) => matchesFilter(n, terms)) : [...names];
}
