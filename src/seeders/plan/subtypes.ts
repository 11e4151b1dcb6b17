import { deriveHints, parseCheck, type Expr } from '../check/index.ts';
import type { TableRecipe, Unit } from '../generate/recipe.ts';
import type { TableInfo } from '../schema/model.ts';

// Class-table inheritance ("table per type"): tables whose primary key is also a foreign key to
// the same parent key (print_editions.id → editions.id, ebooks.id → editions.id) may be subtypes
// of it, a parent row being one subtype at most — or 1:1 extensions that every parent row has
// (user_profiles and user_settings of users). A discriminator column naming them, or the entities
// declaring them (TableInfo.subtypeTables), settle it; otherwise they are subtypes unless one is
// named as an aspect of the parent (user_profiles: the parent's name first). Each such 1:1 child already takes distinct parents
// (its key is sampled as combinations); here siblings are given disjoint shares of the parent
// rows (Unit.subtype, applied by generate/table.ts). When the parent has a column whose CHECK IN
// values name the sibling tables (type IN ('print', 'ebook')), each child takes the parents
// carrying its value instead.

/** The fk unit that makes a table a 1:1 child of its parent's primary key, if it has one. */
function subtypeUnit(recipe: TableRecipe, parent: (name: string) => TableInfo | undefined): number {
  const t = recipe.table;
  const pk = t.primaryKey;
  if (!pk.length) return -1;
  return recipe.units.findIndex((u) => {
    if (u.kind !== 'fk' || u.shared || u.rule || u.perParent !== undefined || (u.mode ?? 'direct') !== 'direct' || u.fk!.refTable === t.name) return false;
    const p = parent(u.fk!.refTable);
    return !!p && sameSet(u.columns, pk) && sameSet(u.fk!.refColumns, p.primaryKey);
  });
}

/** Sets Unit.subtype on the 1:1 children of parents that have two or more of them; returns, per
 *  such child, what `plan` says of its key and its row count when known (its slice of the parent
 *  rows; with a discriminator it depends on the parents' values). */
export function planSubtypes(recipes: Map<string, TableRecipe>, counts: (table: string) => number, table: (name: string) => TableInfo | undefined, parentRows: (table: string) => number): { table: string; columns: string[]; note: string; count?: number }[] {
  const out: { table: string; columns: string[]; note: string; count?: number }[] = [];
  const groups = new Map<string, { recipe: TableRecipe; unit: number }[]>();
  for (const recipe of recipes.values()) {
    if (!recipe.comboKey || counts(recipe.table.name) <= 0) continue;
    const unit = subtypeUnit(recipe, table);
    if (unit < 0 || !recipe.comboKey.units.includes(unit)) continue;
    const key = recipe.units[unit].fk!.refTable;
    groups.set(key, [...(groups.get(key) ?? []), { recipe, unit }]);
  }
  for (const [parentName, members] of groups) {
    if (members.length < 2) continue;
    members.sort((a, b) => (a.recipe.table.name < b.recipe.table.name ? -1 : 1));
    const names = members.map((m) => m.recipe.table.name);
    const sizes = names.map(counts);
    const parentInfo = table(parentName)!;
    const disc = discriminator(parentInfo, names);
    const declared = names.every((n) => parentInfo.subtypeTables?.includes(n));
    if (!disc && !declared && names.some((n) => aspectOf(n, parentName))) continue;
    members.forEach((m, slot) => {
      const u: Unit = m.recipe.units[m.unit];
      let discriminator: { at: number; value: string } | undefined;
      if (disc) {
        const carry = u.carry ?? (u.carry = []);
        let at = carry.indexOf(disc.column);
        if (at < 0) { at = carry.length; carry.push(disc.column); }
        discriminator = { at: u.fk!.refColumns.length + at, value: disc.values[slot] };
      }
      u.subtype = { parent: parentName, siblings: names, slot, sizes, ...(discriminator ? { discriminator } : {}) };
      const others = names.filter((n) => n !== m.recipe.table.name).join(', ');
      if (disc) { out.push({ table: m.recipe.table.name, columns: u.columns, note: `the ${parentName} rows whose ${disc.column} is '${disc.values[slot]}'` }); return; }
      // Its slice of the parent rows (as generate/table.ts cuts it); existing children aside.
      const n = parentRows(parentName);
      const total = sizes.reduce((a, b) => a + b, 0);
      const scale = total > n ? n / total : 1;
      const before = sizes.slice(0, slot).reduce((a, b) => a + b, 0);
      const count = Math.min(sizes[slot], Math.max(0, Math.min(n, Math.floor((before + sizes[slot]) * scale)) - Math.floor(before * scale)));
      out.push({ table: m.recipe.table.name, columns: u.columns, note: `${parentName} rows not in ${others}`, count });
    });
  }
  return out;
}

/** A column of the parent whose CHECK IN values name each sibling table exactly once. */
function discriminator(parent: TableInfo, siblings: string[]): { column: string; values: string[] } | undefined {
  const parsed: Expr[] = [];
  for (const c of parent.checks) {
    try { parsed.push(parseCheck(c.expression)); } catch { /* unreadable: the planner names it */ }
  }
  if (!parsed.length) return undefined;
  const hints = deriveHints(parsed);
  for (const col of parent.columns) {
    const values = hints.columns.get(col.name.toLowerCase())?.oneOf?.filter((v): v is string => typeof v === 'string');
    if (!values || values.length < siblings.length) continue;
    const picked = siblings.map((s) => {
      const forms = tableForms(s, parent.name);
      const hits = values.filter((v) => names(v, forms));
      return hits.length === 1 ? hits[0] : undefined;
    });
    if (picked.every((v) => v !== undefined) && new Set(picked).size === siblings.length) return { column: col.name, values: picked as string[] };
  }
  return undefined;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const singular = (s: string) => s.replace(/ies$/, 'y').replace(/(s|x|ch|sh)es$/, '$1').replace(/s$/, '');

/** Ways a discriminator value may name a table: print_editions (parent editions) → printeditions,
 *  printedition, print; ebooks → ebooks, ebook. */
function tableForms(table: string, parent: string): string[] {
  const words = table.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const parentWords = new Set(parent.toLowerCase().split(/[^a-z0-9]+/).flatMap((w) => [w, singular(w)]));
  const own = words.filter((w) => !parentWords.has(w) && !parentWords.has(singular(w)));
  const forms = [norm(table), singular(norm(table)), norm(own.join('')), singular(norm(own.join('')))];
  return [...new Set(forms.filter((f) => f.length > 0))];
}

function names(value: string, forms: string[]): boolean {
  const v = norm(value);
  if (!v) return false;
  return forms.some((f) => f === v || singular(v) === f || (v.length >= 3 && f.startsWith(v)));
}

/** A table named as an aspect of the parent, which every parent row may have: the parent's name
 *  first (user_profiles, user_settings, UserPreference of users). */
function aspectOf(table: string, parent: string): boolean {
  const words = (n: string) => n.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const t = words(table);
  const p = words(parent);
  if (t.length < 2 || !p.length) return false;
  return singular(t[0]) === singular(p[p.length - 1]);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((c) => b.includes(c));
}
