import type { TableRecipe, Unit } from '../generate/recipe.ts';
import { singular, snake } from '../generate/rules/kit.ts';
import type { TableInfo } from '../schema/model.ts';

// What a table is, read from its shape, for the spread of its rows over their parents and the
// labels of small tables (decided once per table at plan time; `fanOut` in the config wins):
// - a lookup: a numbered parent of only a label (genres, media types, categories, tags) referenced by
//   many more rows than it has. Popularity is steep: a few labels carry most rows.
// - a part of its parent: order_items / invoice_lines of an order (the child's name starts with
//   the parent's, or the foreign key leads its primary key). Near even: most orders have a few
//   lines, none has hundreds.
// - anything else (activity: orders per customer, posts per user) keeps the default skew.
// A parent's label (name, title) is drawn without repeats while its generator's values last:
// a lookup has distinct labels even without a UNIQUE constraint.

/** Skew (Unit.fanOut) of children over a lookup parent. */
export const LOOKUP_FAN_OUT = 6;
/** Skew of the parts of a parent (lines per order). */
export const PART_FAN_OUT = 2;
/** A lookup's rows are referenced by at least this many times as many child rows. */
const LOOKUP_RATIO = 10;

const LABEL = /^(name|title|label|code|description|caption|value|display_name)$/;
const AUDIT = /^(created|updated|modified|deleted|last_update|last_updated)(_at|_on|_date|_by)?$/;

/** A table of labels: its key, a label column, nothing else but audit columns. */
export function isLabelTable(t: TableInfo): boolean {
  // A numbered list of labels (genre_id 1, 2, 3 …); a table keyed by text names its own rows.
  const key = t.primaryKey.length === 1 ? t.columns.find((c) => c.name === t.primaryKey[0]) : undefined;
  if (t.foreignKeys.length || !key || (key.kind !== 'integer' && key.kind !== 'bigint')) return false;
  const rest = t.columns.filter((c) => !t.primaryKey.includes(c.name) && !AUDIT.test(snake(c.name)));
  const single = singular(t.name);
  const label = (n: string) => LABEL.test(n) || n === `${single}_name` || n === `${single}_label` || n === `${single}_title`;
  return rest.length >= 1 && rest.length <= 2 && rest.some((c) => label(snake(c.name))) && rest.every((c) => label(snake(c.name)) || c.kind === 'text');
}

/** Sets the skew of each fk unit of a recipe by what the child and parent are, unless config set it. */
export function fanOutByKind(recipe: TableRecipe, count: number, parentOf: (t: string) => TableInfo | undefined, parentRows: (t: string) => number): void {
  const child = snake(recipe.table.name);
  for (const u of recipe.units) {
    if (u.kind !== 'fk' || u.fanOut !== undefined || u.perParent !== undefined) continue;
    const parent = parentOf(u.fk!.refTable);
    if (!parent) continue;
    const n = parentRows(parent.name);
    if (isLabelTable(parent) && n > 0 && count >= LOOKUP_RATIO * n) u.fanOut = LOOKUP_FAN_OUT;
    else if (isPart(recipe, u, child, parent)) u.fanOut = PART_FAN_OUT;
  }
}

function isPart(recipe: TableRecipe, u: Unit, child: string, parent: TableInfo): boolean {
  const p = singular(parent.name);
  if (child !== p && (child.startsWith(`${p}_`) || child.startsWith(p) && /^(line|item|detail|entr|row|part)/.test(child.slice(p.length)))) return true;
  const pk = recipe.table.primaryKey;
  return pk.length > 1 && u.columns.every((c) => pk.includes(c)) && pk[0] === u.columns[0] && !recipe.comboKey;
}

/** The label column of a parent table drawn without repeats from its generator's finite values
 *  (a seeded permutation a·i + b mod n of the row number; repeats only once the values run out). */
export function distinctLabels(recipe: TableRecipe): void {
  if (recipe.rowChecks.length || recipe.branches || recipe.dbChecks) return;
  const single = singular(recipe.table.name);
  const keyed = new Set(recipe.uniqueKeys.flat());
  const u = recipe.units.find((x) => x.kind === 'value' && !x.rule && x.columns.length === 1 && !keyed.has(x.columns[0])
    && (LABEL.test(snake(x.columns[0])) || snake(x.columns[0]) === `${single}_name`));
  const g = u?.gen;
  if (!u || !g) return;
  const pool = g.values;
  const n = pool?.length ?? g.domainSize ?? 0;
  if (n < 2 || (!pool && !g.domainValue)) return;
  const value = pool ? (i: number) => pool[i] : g.domainValue!.bind(g);
  let a = 1, b = 0, ready = false;
  u.gen = {
    ...g,
    next: (rng, ctx) => {
      if (ctx.index === 0 || !ready) {
        ready = true;
        a = 1 + Math.floor(rng.float() * (n - 1));
        while (gcd(a, n) !== 1) a = (a % (n - 1)) + 1;
        b = Math.floor(rng.float() * n);
      }
      return value((a * (ctx.index % n) + b) % n);
    },
  };
}

function gcd(a: number, b: number): number {
  while (b) { const t = a % b; a = b; b = t; }
  return a;
}
