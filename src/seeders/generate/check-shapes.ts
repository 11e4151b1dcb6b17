import type { ColumnHint } from '../check/index.ts';
import type { ColumnInfo } from '../schema/model.ts';
import type { Rng } from './prng.ts';
import type { Generator } from './generator.ts';
import { chooseGenerator, type ColumnFacts } from './rules.ts';
import { parseDateTime, strftime } from '../check/dates.ts';

// A text column whose CHECK (or JSON default) says what its text is: JSON (`json_valid(data)`, `json_type(meta) =
// 'object'`, `json_array_length(tags) > 0`: SQLite keeps JSON as text) or a time (`datetime(at) IS
// NOT NULL`). Its values come from the rules as for a column of that kind (a JSON column's, a
// timestamp's), written as text of the shape the CHECK asks; other columns never get here.

export function shapedByCheck(f: ColumnFacts, given: ColumnHint | undefined): Generator | undefined {
  const c = f.column;
  if (given?.jsonKeys?.length && c.kind === 'json' && !c.element) return withKeys(f, given.jsonKeys);
  // A text column whose DEFAULT is a JSON object or array ('{}', '[]') holds JSON: a generated
  // column or an index reading it through json_extract() refuses anything else.
  // So does one a generated column or an index reads through json_extract() (ColumnInfo.jsonText).
  const text = (c.kind === 'text' || c.kind === 'unknown') && !given?.json;
  const d = text ? /^'\s*([[{])/.exec(c.default ?? '') : null;
  const shape = d ? (d[1] === '[' ? 'array' : 'object') : text ? c.jsonText : undefined;
  const hint: ColumnHint | undefined = shape ? { ...(given ?? { column: c.name }), json: shape, ...(shape === 'array' && given?.minItems === undefined ? { minItems: 0 } : {}) } : given;
  if (!hint) return undefined;
  // A JSON column is JSON already: only a CHECK on its type (object, array) reshapes it.
  const from = given?.json ? 'from a CHECK' : d ? 'from its DEFAULT' : shape ? 'read as JSON by the schema' : 'from a CHECK';
  if (c.kind === 'json' && (hint.json === 'object' || hint.json === 'array') && !c.element) return asJson(f, hint, from);
  if (c.kind !== 'text' && c.kind !== 'unknown') return undefined;
  if (hint.json) return asJson(f, hint, from);
  if (hint.dateFormat) {
    // Times written in the CHECK's format ('2024-05-01T10:20:30.000Z'); dates where it has no clock.
    const kind = /%[HMSfsJ]/.test(hint.dateFormat) ? 'datetime' : 'date';
    const base = chooseGenerator({ ...f, column: { ...c, kind } });
    const format = hint.dateFormat;
    const write = (v: unknown): unknown => {
      const ms = typeof v === 'string' ? parseDateTime(v)?.ms : v instanceof Date ? v.getTime() : undefined;
      return ms === undefined ? v : strftime(format, ms) ?? v;
    };
    return { ...base, label: `${base.label} (as text '${format}', from a CHECK)`, next: (r, ctx) => write(base.next(r, ctx)), domainValue: base.domainValue ? (i) => write(base.domainValue!(i)) : undefined, disambiguate: base.disambiguate ? (v, n) => write(base.disambiguate!(v, n)) : undefined };
  }
  if (hint.dateText) {
    const base = chooseGenerator({ ...f, column: { ...c, kind: hint.dateText } });
    return { ...base, label: `${base.label} (as ${hint.dateText} text, from a CHECK)` };
  }
  return undefined;
}

function asJson(f: ColumnFacts, hint: ColumnHint, from: string): Generator {
  const c = f.column;
  {
    const base = chooseGenerator({ ...f, column: { ...c, kind: 'json' } });
    const shape = hint.json!;
    const lo = Math.max(hint.minItems ?? (shape === 'array' ? 1 : 0), 0);
    const hi = Math.max(lo, hint.maxItems ?? Math.max(lo, 3));
    const paths = shape === 'object' ? c.jsonPaths ?? [] : [];
    return {
      label: `${base.label} (as JSON text${shape === 'any' ? '' : `: a JSON ${shape}`}${paths.length ? ` holding ${paths.map((p) => `$.${p.path.join('.')}`).join(', ')}` : ''}, ${from})`,
      next: paths.length
        ? (r, ctx) => JSON.stringify(holding(shaped(parsed(base.next(r, ctx)), shape, lo, hi) as Record<string, unknown>, paths, r))
        : (r, ctx) => JSON.stringify(shaped(parsed(base.next(r, ctx)), shape, lo, hi)),
    };
  }
}

/** The object with a value at each path generated columns read (ColumnInfo.jsonPaths): a word
 *  where it has none; one with a random tag where the column is in a unique key. */
function holding(v: Record<string, unknown>, paths: NonNullable<ColumnInfo['jsonPaths']>, r: Rng): Record<string, unknown> {
  const out = structuredClone(v);
  for (const p of paths) {
    let at: Record<string, unknown> = out;
    for (const k of p.path.slice(0, -1)) {
      const next = at[k];
      at = at[k] = next !== null && typeof next === 'object' && !Array.isArray(next) ? next as Record<string, unknown> : {};
    }
    const last = p.path[p.path.length - 1];
    const word = at[last] === null || at[last] === undefined || typeof at[last] === 'object' ? WORDS[r.int(0, WORDS.length - 1)] : String(at[last]);
    if (p.unique) at[last] = `${word}-${r.int(0, 0xffffff).toString(16).padStart(6, '0')}${r.int(0, 0xffffff).toString(16).padStart(6, '0')}`;
    else if (at[last] === null || at[last] === undefined) at[last] = word;
  }
  return out;
}

function parsed(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try { return JSON.parse(v); } catch { return v; }
}

function shaped(v: unknown, shape: 'any' | 'object' | 'array', lo: number, hi: number): unknown {
  if (shape === 'object') return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : { value: v };
  if (shape === 'array' || Array.isArray(v)) {
    const list = Array.isArray(v) ? v.slice(0, hi) : [v];
    // Too few: more of the same kind (its first element again, numbered apart).
    for (let i = 0; list.length < lo; i++) list.push(typeof list[0] === 'string' ? `${list[0]} ${i + 2}` : list[0] ?? i + 1);
    return list;
  }
  return v === undefined ? null : v;
}

/** JSON objects carrying some of the keys the CHECKs name (each present or not, per row: the
 *  CHECK, tested by the database, keeps the combinations it allows), each with a short word. A
 *  key the column's own generator already writes keeps its value (a payload's `version` stays the
 *  small number a CHECK like `(payload ->> 'version')::int BETWEEN 1 AND 5` wants). */
function withKeys(f: ColumnFacts, keys: string[]): Generator {
  const base = chooseGenerator({ ...f, column: { ...f.column, kind: 'json' } });
  return {
    label: `${base.label} (a JSON object with some of the keys ${keys.join(', ')}, from a CHECK)`,
    next: (r, ctx) => {
      const v = parsed(base.next(r, ctx));
      const out: Record<string, unknown> = v !== null && typeof v === 'object' && !Array.isArray(v) ? { ...v } : {};
      for (const k of keys) if (!Object.hasOwn(out, k) && r.chance(0.5)) out[k] = WORDS[r.int(0, WORDS.length - 1)];
      return JSON.stringify(out);
    },
  };
}

const WORDS = ['alpha', 'beta', 'stable', 'main', 'core', 'utils', 'v1.*', 'lib-*'];
