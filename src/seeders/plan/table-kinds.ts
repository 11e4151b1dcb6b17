import type { TableRecipe, Unit } from '../generate/recipe.ts';
import { singular, snake } from '../generate/rules/kit.ts';
import type { TableInfo } from '../schema/model.ts';

// What a table is, read from its shape, for the spread of its rows over their parents and the
// labels of small tables (decided once per table at plan time; `fanOut` in the config wins):
// - a lookup: a numbered parent of only a label (genres, media types, categories, tags) referenced by
//   many more rows than it has. Popularity is steep: a few labels carry most rows.
// - a part of its parent: order_items / invoice_lines of an order (the child's name starts with
//   the parent's, or the foreign key leads its primary key). Near even: most orders have a few
//   lines, none has hundreds. What a part refers to besides its parent (the product of a line)
//   is near even too: sample data sells most products a few times.
// - a collection's members: a two-column key over a collection (playlist_tracks, post_tags) —
//   a few collections hold most members (a Zipf law), the members themselves spread evenly.
// - a transaction of a party: orders, invoices, rentals, payments per customer are mildly uneven
//   (every customer buys, some a few times more), unlike activity (posts, messages per user).
// - an FK named for a role (support_rep_id → employees): only the staff in that role, a few of
//   them, get children.
// - what an EXCLUDE constraint keeps apart in time (bookings of a room): a room holds only so
//   many bookings a day, so they spread mildly, like transactions, whatever the parent is.
// - anything else (activity: posts per user, messages per chat) keeps the default skew.
// A parent's label (name, title) is drawn without repeats while its generator's values last:
// a lookup has distinct labels even without a UNIQUE constraint.

/** Skew (Unit.fanOut) of children over a lookup parent. */
export const LOOKUP_FAN_OUT = 6;
/** Skew of the parts of a parent (lines per order). */
export const PART_FAN_OUT = 2;
/** Skew of what a part refers to besides its parent (the product of an order line): uniform. */
export const REFERENCE_FAN_OUT = 0;
/** Skew of a party's transactions (invoices per customer): mild, the busiest few times the quietest. */
export const TRANSACTION_FAN_OUT = 1.5;
/** Zipf power of members per collection. */
export const COLLECTION_POWER = 2;
/** Share of a parent table in the role an FK names. */
export const ROLE_REACH = 0.4;
/** A lookup's rows are referenced by at least this many times as many child rows. */
const LOOKUP_RATIO = 10;

/** Tables of transactions between a party and the business. */
const TRANSACTION = /(^|_)(orders?|invoices?|rentals?|payments?|bookings?|reservations?|sales?|purchases?|transactions?|loans?|subscriptions?|receipts?|bills?|checkouts?|shipments?|donations?|appointments?)$/;
/** Tables of collections people make of other rows (not categories, which sample data fills evenly). */
const COLLECTION = /(^|_)(playlists?|tags?|labels?|collections?|lists?|wishlists?|topics?|keywords?|badges?|roles?|folders?|albums?|sets?|boards?|shelves)$/;
/** Words of an FK column that name the role its parent plays for the row. */
const ROLE = /(^|_)(rep|representative|agent|advisor|adviser|counselor|counsellor|consultant|account_manager|salesperson|sales_person|handler|assignee|coordinator|mentor|tutor|coach|reviewer|approver|support|liaison|caseworker|case_manager|dispatcher|recruiter|assigned|assigned_to)(_|$)/;
/** A self-reference that says who a person reports to. */
const MANAGER = /(^|_)(reports_to|manager|manager_id|supervisor|supervisor_id|boss|boss_id|superior|superior_id|line_manager|line_manager_id|reports_to_id|head_id|lead_id|mgr|mgr_id)$/;
/** A person's name columns: the table holds people. */
const PERSON_NAME = /^(first_?name|last_?name|given_?name|family_?name|surname|full_?name)$/;

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
  const combo = recipe.comboKey;
  const kinds = recipe.units.map((u) => {
    if (u.kind !== 'fk' || u.fanOut !== undefined || u.perParent !== undefined) return undefined;
    const parent = parentOf(u.fk!.refTable);
    if (!parent) return undefined;
    const n = parentRows(parent.name);
    const pos = combo?.units.indexOf(recipe.units.indexOf(u)) ?? -1;
    if (pos < 0 && recipe.exclusions?.some((f) => f.groupColumns.some((c) => u.columns.includes(c)))) return 'timeline';
    if (pos >= 0) return combo!.units.length === 2 && n > 0 && count >= LOOKUP_RATIO * n && COLLECTION.test(snake(parent.name)) ? 'collection' : undefined;
    if (isLabelTable(parent) && n > 0 && count >= LOOKUP_RATIO * n) return 'lookup';
    if (isPart(recipe, u, child, parent)) return 'part';
    if (isRole(u, parent)) return 'role';
    if (TRANSACTION.test(child) && !TRANSACTION.test(snake(parent.name))) return 'transaction';
    return undefined;
  });
  const hasPart = kinds.includes('part');
  // A tree of who reports to whom in a table of people: one root, the head of the organisation.
  for (const u of recipe.units) {
    if (u.kind === 'self' && u.columns.length === 1 && MANAGER.test(snake(u.columns[0])) && recipe.table.columns.some((c) => PERSON_NAME.test(snake(c.name)))) {
      u.rootRate = 0;
      u.spread = 'an org chart: one head, everyone else reports to someone';
    }
  }
  recipe.units.forEach((u, i) => {
    const parent = u.fk?.refTable;
    switch (kinds[i]) {
      case 'lookup': return set(u, LOOKUP_FAN_OUT, `a lookup: a few ${parent} rows carry most`);
      case 'part': return set(u, PART_FAN_OUT, `parts of ${parent}: near even`);
      case 'role': u.reach = ROLE_REACH; return void (u.spread = `only the ${parent} rows in that role (${Math.round(ROLE_REACH * 100)} %)`);
      case 'transaction': return set(u, TRANSACTION_FAN_OUT, `transactions of ${parent}: mildly uneven`);
      case 'timeline': return set(u, TRANSACTION_FAN_OUT, `kept apart in time per ${parent} row (EXCLUDE): mildly uneven`);
      case 'collection': {
        combo!.skew = { pos: combo!.units.indexOf(i), power: COLLECTION_POWER };
        return void (u.spread = `members of a collection: a few ${parent} rows hold most`);
      }
      default:
        // What a part refers to besides its parent (the product of an order line).
        if (hasPart && u.kind === 'fk' && u.fanOut === undefined && u.perParent === undefined && (combo?.units.indexOf(i) ?? -1) < 0) set(u, REFERENCE_FAN_OUT, `what the parts refer to: near even`);
    }
  });
}

function set(u: Unit, fanOut: number, why: string): void {
  u.fanOut = fanOut;
  u.spread = why;
}

/** An FK whose column names a role its parent plays (support_rep_id), not the parent itself
 *  (employee_id), pointing at a table of people. */
function isRole(u: Unit, parent: TableInfo): boolean {
  if (u.columns.length !== 1) return false;
  const col = snake(u.columns[0]).replace(/_?(id|key|no|fk)$/, '');
  if (!ROLE.test(col) || col === singular(parent.name)) return false;
  return parent.columns.some((c) => PERSON_NAME.test(snake(c.name)));
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
  // In a table of people the label is the person's name; a title there is a job title, shared.
  const people = recipe.table.columns.some((c) => PERSON_NAME.test(snake(c.name)));
  const u = recipe.units.find((x) => x.kind === 'value' && !x.rule && x.columns.length === 1 && !keyed.has(x.columns[0])
    && (LABEL.test(snake(x.columns[0])) || snake(x.columns[0]) === `${single}_name`) && !(people && /title|label|code|description|value/.test(snake(x.columns[0]))));
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
