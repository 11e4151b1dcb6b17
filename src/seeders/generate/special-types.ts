import type { ColumnInfo } from '../schema/model.ts';
import { constrain } from './constrain.ts';
import { EPOCH_END, EPOCH_START, formatDate, formatDateTime } from './format.ts';
import { finite, type Generator } from './generator.ts';
import type { Rng } from './prng.ts';
import { chooseGenerator } from './rules.ts';
import type { ColumnFacts } from './rules/kit.ts';

// Generators for values whose TYPE decides what is valid, whatever the column is called
// (PostgreSQL): partition keys (must land in an existing partition), arrays of anything, inet,
// cidr, macaddr, interval, ranges, tsvector, bit/varbit, xml, geometric types, composite types. `typeGenerator`
// is consulted before the naming rules (plan/plan.ts, explain.ts, array elements here). Enums and domains need nothing here: introspection turns enums into
// `enumValues` and domains into their base type plus CHECKs.

const DAY = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const hex2 = (r: Rng) => r.int(0, 255).toString(16).padStart(2, '0');
// Lexemes for tsvector/tsquery/xml: plain lower-case words, valid in every text-search configuration.
const WORDS = ['garden', 'river', 'stone', 'light', 'market', 'harbor', 'forest', 'signal', 'window', 'letter', 'silver', 'morning',
  'bridge', 'canvas', 'engine', 'meadow', 'orbit', 'pepper', 'quartz', 'rocket', 'saddle', 'thunder', 'velvet', 'winter'];
const word = (r: Rng) => WORDS[r.int(0, WORDS.length - 1)];

/** A generator forced by the column's type (or partition bounds), or undefined to let the naming rules choose. */
export function typeGenerator(f: ColumnFacts): Generator | undefined {
  const c = f.column;
  if (c.partition) {
    const g = partitionGenerator(c);
    if (g) return g;
  }
  // Composite types (`CREATE TYPE … AS (…)`): each field made like a column of its name and type;
  // lists of them are left empty (valid for any such type; what belongs in them is the application's).
  if (c.composite) return recordGenerator(f, c.composite);
  if (c.element?.composite) return gen('array.empty', () => []);
  if (c.element) return c.entity?.list ? storedList(arrayGenerator(f, c.element), c.entity.list) : arrayGenerator(f, c.element);
  if (c.entity?.fields) return objectGenerator(f, c.entity.fields, c.kind === 'json' || c.kind === 'text' || c.kind === 'unknown');
  if (c.epochSeconds !== undefined) {
    const since = c.epochSeconds;
    return gen('time.sinceEpoch', (r) => Math.round((EPOCH_START + r.float() * (EPOCH_END - EPOCH_START)) / 1000 - since) + r.int(0, 999) / 1000);
  }
  if (c.kind === 'unknown') return byTypeName(c);
  return undefined;
}

const gen = (label: string, next: (r: Rng) => unknown): Generator => ({ label, next });

function byTypeName(c: ColumnInfo): Generator | undefined {
  const t = c.type.toLowerCase().replace(/\(.*$/, '').trim().replace(/^.*\./, '').replace(/^"(.*)"$/, '$1');
  const single = multirangeOf(t);
  if (single) {
    // One or two ranges of the range type, the second after the first: `{[3,9),[20,24)}`.
    const one = byTypeName({ ...c, type: single });
    if (!one) return undefined;
    return { label: `${one.label} (multirange)`, next: (r, ctx) => `{${one.next(r, ctx)}}` };
  }
  switch (t) {
    case 'inet': return gen('network.inet', (r) => `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`);
    case 'cidr': return gen('network.cidr', (r) => `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.0/24`);
    case 'macaddr': return gen('network.mac', (r) => Array.from({ length: 6 }, () => hex2(r)).join(':'));
    case 'macaddr8': return gen('network.mac8', (r) => Array.from({ length: 8 }, () => hex2(r)).join(':'));
    // Under a day, at least a minute: fits the usual `duration > '0'` / `< '1 day'` CHECKs.
    case 'interval': return gen('time.interval', (r) => { const s = r.int(60, 86_399); return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`; });
    case 'tsvector': return gen('text.tsvector', (r) => [...new Set(Array.from({ length: r.int(2, 6) }, () => word(r)))].map((w) => `'${w}'`).join(' '));
    case 'tsquery': return gen('text.tsquery', (r) => `${word(r)} & ${word(r)}`);
    case 'xml': return gen('text.xml', (r) => `<item id="${r.int(1, 9999)}"><name>${word(r)}</name></item>`);
    case 'bit': { const n = c.length ?? 1; return gen('binary.bits', (r) => bits(r, n)); }
    case 'varbit': case 'bit varying': { const n = c.length ?? 16; return gen('binary.bits', (r) => bits(r, r.int(1, n))); }
    case 'point': return gen('geo.point', (r) => `(${coord(r, 180)},${coord(r, 90)})`);
    case 'line': return gen('geo.line', (r) => `{${r.int(1, 9)},${-r.int(1, 9)},${r.int(-50, 50)}}`);
    case 'lseg': return gen('geo.lseg', (r) => `[(${coord(r, 90)},${coord(r, 90)}),(${coord(r, 90)},${coord(r, 90)})]`);
    case 'box': return gen('geo.box', (r) => { const x = r.int(-90, 80), y = r.int(-90, 80); return `(${x + r.int(1, 10)},${y + r.int(1, 10)}),(${x},${y})`; });
    case 'path': return gen('geo.path', (r) => `[(${coord(r, 90)},${coord(r, 90)}),(${coord(r, 90)},${coord(r, 90)}),(${coord(r, 90)},${coord(r, 90)})]`);
    case 'polygon': return gen('geo.polygon', (r) => { const x = r.int(-80, 80), y = r.int(-80, 80); return `((${x},${y}),(${x + 5},${y}),(${x + 2},${y + 4}))`; });
    case 'circle': return gen('geo.circle', (r) => `<(${coord(r, 90)},${coord(r, 90)}),${r.int(1, 50)}>`);
    case 'int4range': case 'int8range': return gen('range.int', (r) => { const a = r.int(1, 1000); return `[${a},${a + r.int(1, 100)})`; });
    case 'numrange': return gen('range.num', (r) => { const a = r.int(0, 100_000) / 100; return `[${a},${(a + r.int(1, 10_000) / 100).toFixed(2)})`; });
    case 'daterange': return gen('range.date', (r) => { const a = day(r); return `[${formatDate(a)},${formatDate(a + r.int(1, 60) * DAY)})`; });
    case 'tsrange': case 'tstzrange': return gen('range.timestamp', (r) => { const a = day(r) + r.int(0, 86_399) * 1000; return `["${formatDateTime(a)}","${formatDateTime(a + r.int(1, 72 * 60) * 60_000)}")`; });
    // Types of the contrib extensions real schemas use (hstore, ltree, cube, seg, isn) and a few
    // of PostgreSQL's own that applications store.
    case 'hstore': return gen('extension.hstore', (r) => [...new Set(Array.from({ length: r.int(1, 3) }, () => word(r)))].map((k) => `"${k}"=>"${word(r)}"`).join(', '));
    case 'ltree': return gen('extension.ltree', (r) => Array.from({ length: r.int(1, 4) }, () => word(r)).join('.'));
    case 'lquery': return gen('extension.lquery', (r) => `${word(r)}.*`);
    case 'ltxtquery': return gen('extension.ltxtquery', (r) => `${word(r)} & ${word(r)}`);
    case 'cube': return gen('extension.cube', (r) => `(${coord(r, 90)}, ${coord(r, 180)})`);
    case 'seg': return gen('extension.seg', (r) => { const a = r.int(0, 9000) / 10; return `${a} .. ${(a + r.int(1, 500) / 10).toFixed(1)}`; });
    case 'isbn': case 'isbn13': return gen('extension.isbn', (r) => ean13(r, '978'));
    case 'ismn': case 'ismn13': return gen('extension.ismn', (r) => ean13(r, '9790'));
    case 'issn': case 'issn13': return gen('extension.issn', (r) => ean13(r, '977'));
    case 'ean13': return gen('extension.ean13', (r) => ean13(r, String(r.int(400, 440))));
    case 'upc': return gen('extension.upc', (r) => ean13(r, '0').slice(1));
    case 'jsonpath': return gen('text.jsonpath', (r) => `$.${word(r)}`);
    case 'pg_lsn': return gen('text.lsn', (r) => `${r.int(0, 255).toString(16).toUpperCase()}/${r.int(0, 0x7fffffff).toString(16).toUpperCase()}`);
    case 'oid': case 'lo': case 'xid': case 'xid8': case 'cid': return gen('integer.oid', (r) => r.int(16_384, 999_999));
    case 'txid_snapshot': case 'pg_snapshot': return gen('text.snapshot', (r) => { const a = r.int(1000, 900_000); return `${a}:${a + r.int(1, 100)}:`; });
  }
  if (c.rangeSubtype) {
    const own = ownRange(c, c.rangeSubtype.toLowerCase());
    if (own) return own;
  }
  // An extension or unknown type: NULL where allowed; otherwise plain text the type may accept.
  if (c.nullable) return { label: `unsupported type ${c.type}: NULL`, next: () => null };
  return gen(`unsupported type ${c.type}: text (may be rejected)`, (r) => word(r));
}

/** A range type the schema declares (`CREATE TYPE uuidrange AS RANGE (subtype = uuid)`): ranges
 *  as the built-in range of its subtype draws them; uuid ranges narrow (one uuid to one a little
 *  above it), so two rows' ranges hardly ever overlap (an EXCLUDE … WITH && over them holds). */
function ownRange(c: ColumnInfo, sub: string): Generator | undefined {
  const builtin = /^(integer|smallint)$/.test(sub) ? 'int4range' : sub === 'bigint' ? 'int8range'
    : /^(numeric|double precision|real)/.test(sub) ? 'numrange' : sub === 'date' ? 'daterange'
    : /^timestamp/.test(sub) ? 'tsrange' : undefined;
  if (builtin) {
    const g = byTypeName({ ...c, type: builtin, rangeSubtype: undefined });
    return g && { ...g, label: `${g.label} (${c.type})` };
  }
  if (sub !== 'uuid') return undefined;
  const hex = (r: Rng, n: number) => Array.from({ length: n }, () => r.int(0, 15).toString(16)).join('');
  const uuid = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return gen(`range.uuid (${c.type})`, (r) => {
    const head = hex(r, 28);
    const lo = r.int(0, 0x7fff);
    const hi = lo + r.int(1, 0x7fff);
    return `[${uuid(head + lo.toString(16).padStart(4, '0'))},${uuid(head + hi.toString(16).padStart(4, '0'))})`;
  });
}

/** `int4multirange` → `int4range`; undefined for other types. */
function multirangeOf(t: string): string | undefined {
  const m = /^(int4|int8|num|date|ts|tstz)multirange$/.exec(t);
  return m ? `${m[1]}range` : undefined;
}

/** A valid EAN-13 (check digit included) starting with `prefix`. */
function ean13(r: Rng, prefix: string): string {
  let d = prefix;
  while (d.length < 12) d += String(r.int(0, 9));
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(d[i]) * (i % 2 ? 3 : 1);
  return d + String((10 - (sum % 10)) % 10);
}

function bits(r: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += r.chance(0.5) ? '1' : '0';
  return s;
}

const coord = (r: Rng, lim: number) => Math.round((r.float() * 2 - 1) * lim * 1e4) / 1e4;
const day = (r: Rng) => EPOCH_START + r.int(0, Math.floor((EPOCH_END - EPOCH_START) / DAY) - 90) * DAY;

/** 1–3 elements, each made like a column of the element type named as the array (`tags text[]` → tag words). */
function arrayGenerator(f: ColumnFacts, element: ColumnInfo): Generator {
  const chosen = typeGenerator({ table: f.table, column: element }) ?? chooseGenerator({ table: f.table, column: element });
  // A rule that makes lists (tags "a,b", recipients "x@…, y@…") gives each element one item.
  const el = constrain(chosen.item ? { ...chosen.item, label: `${chosen.label} (one item)` } : chosen, element, undefined);
  return {
    label: `array of ${el.label}`,
    // Items of a small pool would repeat ({openid,openid}): each array holds distinct ones.
    next: (r, ctx) => [...new Set(Array.from({ length: r.int(1, 3) }, () => el.next(r, ctx)))],
  };
}

/** A list the column type hides (schema/entities.ts): MikroORM's ArrayType joins the items with
 *  commas (an item must not hold one), a JSON list is JSON text. Items are distinct. */
function storedList(list: Generator, as: 'comma' | 'json'): Generator {
  return {
    label: `${list.label}, ${as === 'comma' ? 'comma-separated' : 'as JSON'}`,
    next: (r, ctx) => {
      const items = [...new Set(list.next(r, ctx) as unknown[])];
      return as === 'comma' ? items.map((v) => String(v).replaceAll(',', ' ')).join(',') : JSON.stringify(items);
    },
  };
}

/** An embeddable stored as one JSON object: each field made like a column of its name and kind
 *  (an enum field from its values), NULL now and then where the field is nullable. `text`: the
 *  object as JSON text (the column), else the object itself (a field of an enclosing one). */
function objectGenerator(f: ColumnFacts, fields: ColumnInfo[], text: boolean): Generator {
  const parts = fields.map((field) => {
    const g = field.entity?.fields ? objectGenerator(f, field.entity.fields, false)
      : field.element ? arrayGenerator(f, field.element)
      : constrain(typeGenerator({ table: f.table, column: field }) ?? chooseGenerator({ table: f.table, column: field }), field, undefined);
    return { key: field.name, kind: field.kind, nullable: field.nullable, g };
  });
  return {
    label: `object {${fields.map((x) => x.name).join(', ')}}`,
    next: (r, ctx) => {
      const o: Record<string, unknown> = {};
      for (const p of parts) o[p.key] = p.nullable && r.chance(0.1) ? null : jsonField(p.g.next(r, ctx), p.kind);
      return text ? JSON.stringify(o) : o;
    },
  };
}

/** A composite value as PostgreSQL reads it: `("eq","file name","12.50")`, each field quoted, NULL empty. */
function recordGenerator(f: ColumnFacts, fields: ColumnInfo[]): Generator {
  const parts = fields.map((field) => constrain(typeGenerator({ table: f.table, column: field }) ?? chooseGenerator({ table: f.table, column: field }), field, undefined));
  const quote = (v: unknown) => {
    if (v === null || v === undefined) return '';
    const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return `"${s.replaceAll('\\', '\\\\').replaceAll('"', '""')}"`;
  };
  return {
    label: `record (${fields.map((x) => x.name).join(', ')})`,
    next: (r, ctx) => `(${parts.map((g) => quote(g.next(r, ctx))).join(',')})`,
  };
}

/** A generated value as the JSON of a field of this kind holds it. */
function jsonField(v: unknown, kind: ColumnInfo['kind']): unknown {
  if (v === null || v === undefined) return null;
  if (kind === 'boolean') return v === true || v === 1 || v === '1' || v === 't' || v === 'true';
  if ((kind === 'integer' || kind === 'real' || kind === 'decimal') && typeof v !== 'number') return Number(v);
  if (typeof v === 'bigint') return v.toString();
  return v;
}

/** Values inside the existing partitions: a list's values, or a uniform draw inside one of the ranges. */
function partitionGenerator(c: ColumnInfo): Generator | undefined {
  const p = c.partition!;
  if (p.values?.length) return finite('partition.list', c.kind === 'integer' || c.kind === 'bigint' ? p.values.map(Number) : p.values);
  const ranges = p.ranges ?? [];
  if (!ranges.length) return undefined;
  if (c.kind === 'date' || c.kind === 'datetime') {
    const spans = ranges.map((x) => ({
      from: x.from === null ? NaN : instant(x.from),
      to: x.to === null ? NaN : instant(x.to),
    })).map((s) => ({ from: Number.isNaN(s.from) ? s.to - 365 * DAY : s.from, to: Number.isNaN(s.to) ? s.from + 365 * DAY : s.to }))
      .filter((s) => s.to > s.from);
    if (!spans.length) return undefined;
    const fmt = c.kind === 'date' ? formatDate : formatDateTime;
    const step = c.kind === 'date' ? DAY : 1000;
    return gen('partition.range', (r) => {
      const s = spans[r.int(0, spans.length - 1)];
      const n = Math.max(1, Math.floor((s.to - s.from) / step));
      return fmt(s.from + r.int(0, n - 1) * step);
    });
  }
  if (['integer', 'bigint', 'decimal', 'real'].includes(c.kind)) {
    const spans = ranges.map((x) => {
      const from = x.from === null ? NaN : Number(x.from);
      const to = x.to === null ? NaN : Number(x.to);
      return { from: Number.isNaN(from) ? to - 1000 : from, to: Number.isNaN(to) ? from + 1000 : to };
    }).filter((s) => s.to > s.from);
    if (!spans.length) return undefined;
    const int = c.kind === 'integer' || c.kind === 'bigint';
    return gen('partition.range', (r) => {
      const s = spans[r.int(0, spans.length - 1)];
      if (int) return r.int(Math.ceil(s.from), Math.ceil(s.to) - 1);
      return Math.min(s.to - 0.01, Math.round((s.from + r.float() * (s.to - s.from)) * 100) / 100);
    });
  }
  // Text ranges: each partition's lower bound is inside it.
  const lows = ranges.map((x) => x.from).filter((x): x is string => x !== null);
  return lows.length ? finite('partition.range', lows) : undefined;
}

/** '2022-01-01 00:00:00+00' or a date '2022-01-01' (pg_get_expr output, UTC session) → epoch ms. */
function instant(s: string): number {
  // A trailing ±hh is an offset only after a time ('2024-01-01' ends in '-01', a day).
  const iso = s.trim().replace(' ', 'T').replace(/(T[\d:.]+[+-]\d{2})$/, '$1:00');
  const ms = Date.parse(/[zZ]|[+-]\d{2}:\d{2}$/.test(iso) || !iso.includes('T') ? iso : `${iso}Z`);
  return ms;
}
