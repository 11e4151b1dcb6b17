import type { ColumnInfo } from '../schema/model.ts';
import type { CopyGroup, CopyPair, TableRecipe, Unit } from './recipe.ts';
import { singular, snake } from './rules/kit.ts';

// Values a row copies from the parent row it points at. Real orders and invoices carry the
// customer's address at the time of the order (`billing_city` = the customer's `city`), an
// order line the product's price (`unit_price` = `products.price`), a denormalised
// `customer_email` the customer's email. Found at plan time by name across a foreign key:
// - the child's name without a role prefix (billing_, shipping_, ship_, …) for the parts of an
//   address, where both columns are filled by the same kind of rule (a city by a city rule);
// - the same name (or `unit_price` ↔ `price`) for prices and currencies;
// - the child's name prefixed with the parent's entity name (`customer_email` → customers.email)
//   for any column of the same value kind.
// Most rows copy; a few keep their own values, as real data has a few exceptions (a shipment
// to another address, a discounted line). Applied per row in generate/coherence.ts.

/** Role prefixes that name whose address (or price) a column holds: the name without them is
 *  the parent's column. */
const ROLE = /^(billing|bill|bill_to|billto|shipping|ship|ship_to|shipto|delivery|deliver_to|mailing|mail_to|invoice|order|sold_to|customer_billing|customer_shipping)_/;

/** The part of a place a rule fills (labels from rules/places.ts). */
const PLACE_PART: Record<string, string> = {
  'place.street': 'street', 'place.secondaryAddress': 'street2', 'place.city': 'city', 'place.city.context': 'city',
  'place.district': 'district', 'place.state': 'state', 'place.state.context': 'state', 'place.stateCode': 'state',
  'place.addressState': 'state', 'place.postcode': 'postcode', 'place.country': 'country', 'place.country.context': 'country',
  'place.countryCode': 'country', 'place.latitude': 'lat', 'place.longitude': 'lng', 'place.timeZone': 'tz',
};

/** Share of rows that copy their parent's value. */
export const COPY_RATE = 0.97;
/** Prices change and lines get discounts: a few more exceptions. */
export const PRICE_COPY_RATE = 0.95;

const NUMERIC = new Set(['integer', 'bigint', 'decimal', 'real']);
const isDateKind = (k: ColumnInfo['kind']) => k === 'date' || k === 'datetime' || k === 'time';

/** Columns a rule fills in a recipe (not keys, FKs or config functions), by column → label. */
function ruleColumns(recipe: TableRecipe): Map<string, string> {
  const out = new Map<string, string>();
  for (const u of recipe.units) if (u.kind === 'value' && !u.rule && u.columns.length === 1) out.set(u.columns[0], u.gen?.label ?? '');
  return out;
}

/** The copies of a child table, from the recipes of its parents made so far (`parentOf`). */
export function findCopies(child: TableRecipe, parentOf: (table: string) => TableRecipe | undefined): CopyGroup[] {
  const own = ruleColumns(child);
  if (!own.size) return [];
  // A column of a unique key must stay distinct: copying would make rows collide.
  const keyed = new Set([...child.uniqueKeys.flat(), ...(child.comboKey?.units ?? []).flatMap((i) => child.units[i].columns)]);
  const info = new Map(child.table.columns.map((c) => [c.name, c]));
  const taken = new Set<string>();
  const groups: CopyGroup[] = [];
  child.units.forEach((u: Unit, ui) => {
    // Parents written earlier in the run only: their tuples carry the copied columns along.
    if (u.kind !== 'fk' || u.rule || (u.mode ?? 'direct') !== 'direct' || u.fk!.refTable === child.table.name) return;
    const parent = parentOf(u.fk!.refTable);
    if (!parent) return;
    const theirs = ruleColumns(parent);
    const pinfo = new Map(parent.table.columns.map((c) => [c.name, c]));
    const bySnake = new Map([...theirs.keys()].map((c) => [snake(c), c]));
    const entity = `${singular(parent.table.name)}_`;
    const pairs: CopyPair[] = [];
    for (const [col, label] of own) {
      if (taken.has(col) || keyed.has(col)) continue;
      const c = info.get(col)!;
      const n = snake(col);
      let from: string | undefined;
      // customer_email → customers.email: the column says whose value it is.
      if (n.startsWith(entity)) {
        const p = bySnake.get(n.slice(entity.length));
        if (p && pinfo.get(p)!.kind === c.kind && !isDateKind(c.kind)) from = p;
      }
      if (!from) {
        const bare = n.replace(ROLE, '');
        for (const name of new Set([n, bare, bare.replace(/^unit_/, '')])) {
          const p = bySnake.get(name);
          if (p && sameThing(c, label, pinfo.get(p)!, theirs.get(p)!, bare !== n)) { from = p; break; }
        }
      }
      if (from) { pairs.push({ column: col, from, at: carried(u, from) }); taken.add(col); }
    }
    const prices = pairs.every((p) => isPrice(info.get(p.column)!, snake(p.column).replace(ROLE, '')));
    if (pairs.length) groups.push({ unit: ui, pairs, rate: prices ? PRICE_COPY_RATE : COPY_RATE });
  });
  return groups;
}

/** Adds a parent column to what an fk unit's tuples carry (shared with links); its position. */
function carried(u: Unit, column: string): number {
  const carry = u.carry ?? (u.carry = []);
  let k = carry.indexOf(column);
  if (k < 0) { k = carry.length; carry.push(column); }
  return u.fk!.refColumns.length + k;
}

/** Two columns that hold the same thing: one part of a place, a price, a currency. A place
 *  needs a role in the child's name (billing_city): a customer's own `city` beside its support
 *  rep's is the customer's own place. */
function sameThing(c: ColumnInfo, label: string, p: ColumnInfo, plabel: string, role: boolean): boolean {
  const part = PLACE_PART[label];
  if (c.kind !== p.kind) return false;
  if (part) return role && part === PLACE_PART[plabel];
  if (isPrice(c, snake(c.name).replace(ROLE, '')) && isPrice(p, snake(p.name))) {
    // Both in cents or both in units.
    return /cents$/.test(snake(c.name)) === /cents$/.test(snake(p.name));
  }
  return label === 'money.currency' && plabel === label;
}

function isPrice(c: ColumnInfo, name: string): boolean {
  return NUMERIC.has(c.kind) && /(^|_)price(_cents)?$/.test(name);
}
