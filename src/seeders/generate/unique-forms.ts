import { evaluate, evaluateValue, parseCheck, referencedColumns, type EvalContext, type Expr } from '../check/index.ts';
import type { TableInfo, UniqueKey } from '../schema/model.ts';
import { isPlainKey } from '../schema/unique-keys.ts';

// Unique indexes that are more than a list of columns: on expressions (`lower(email)`,
// `coalesce(a, '')`, `email COLLATE NOCASE`), partial (`WHERE deleted_at IS NULL`), NULLS NOT
// DISTINCT. Their parts and WHERE are read with the CHECK parser and evaluated with its
// evaluator, so a row's key is the value the database indexes: case variants collide under
// lower(), and a row the WHERE does not select is not in the index at all.

export interface KeyForm {
  /** The key as the index spells it: `(org_id, lower(name)) WHERE deleted_at IS NULL`. */
  text: string;
  /** Per part, the expression whose value is indexed (a column reference for a plain part). */
  parts: Expr[];
  /** The columns each part reads (the fallback when a part cannot be evaluated). */
  partColumns: string[][];
  /** Partial index: only rows where this is true are in it. */
  predicate?: Expr;
  /** Columns the predicate reads: changing them moves a row out of the index. */
  predicateColumns: string[];
  nullsNotDistinct: boolean;
  /** Set when a part or the WHERE could not be read: the key is kept on its plain columns or
   *  over every row (stricter than the index), and says so. */
  approximate?: string;
}

/** The form of a unique key, or undefined for a plain one (a list of columns, NULLs distinct,
 *  compared as they are: a citext column compares case-insensitively, so it has a form). */
export function keyForm(key: UniqueKey, table?: TableInfo): KeyForm | undefined {
  const caseless = new Set(key.expressions ? [] : key.columns.filter((c) => /^citext\b/i.test(table?.columns.find((x) => x.name === c)?.type ?? '')));
  if (isPlainKey(key) && !key.nullsNotDistinct && !caseless.size) return undefined;
  const texts = key.expressions ?? key.columns;
  const parts: Expr[] = [];
  const partColumns: string[][] = [];
  const unread: string[] = [];
  texts.forEach((text, i) => {
    let e: Expr;
    try {
      const col: Expr = { kind: 'col', name: key.columns[i] };
      e = key.expressions ? foldCollations(parseCheck(text)) : caseless.has(key.columns[i]) ? { kind: 'call', name: 'lower', args: [col] } : col;
    } catch {
      unread.push(text);
      for (const c of key.columns.filter((c) => text.toLowerCase().includes(c.toLowerCase()))) { parts.push({ kind: 'col', name: c }); partColumns.push([c]); }
      return;
    }
    parts.push(e);
    partColumns.push(referencedColumns(e));
  });
  let predicate: Expr | undefined;
  if (key.predicate) {
    try { predicate = parseCheck(key.predicate); } catch { unread.push(`WHERE ${key.predicate}`); }
  }
  const form: KeyForm = {
    text: `${texts.length === 1 ? texts[0] : `(${texts.join(', ')})`}${key.predicate ? ` WHERE ${key.predicate}` : ''}${key.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}`,
    parts,
    partColumns,
    predicate,
    predicateColumns: predicate ? referencedColumns(predicate) : [],
    nullsNotDistinct: key.nullsNotDistinct === true,
  };
  if (unread.length) form.approximate = `not understood: ${unread.join(', ')}; kept distinct on its columns${predicate || !key.predicate ? '' : ' over every row'}`;
  return form;
}

/** What the index holds for this row: null when the row is not in it (its WHERE is not true) or
 *  a NULL part keeps it from colliding (unless NULLS NOT DISTINCT). */
export function formValue(f: KeyForm, row: Record<string, unknown>, ctx: EvalContext): unknown {
  if (f.predicate && !selects(f, row, ctx)) return null;
  let s = '';
  for (let i = 0; i < f.parts.length; i++) {
    let v: unknown;
    try {
      v = evaluateValue(f.parts[i], row, ctx);
    } catch {
      // A function the evaluator does not know: the raw columns, which the database may still
      // find equal (it enforces the index either way).
      v = f.partColumns[i].map((c) => row[c]).join('\u0001');
    }
    if (v === null || v === undefined) {
      if (!f.nullsNotDistinct) return null;
      s += '\u0002\u0000';
      continue;
    }
    // As the database stores it: a boolean read back from SQLite is 1, generated it is true.
    s += `${typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? '1' : '0') : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : String(v)}\u0000`;
  }
  return s;
}

/** True when the partial index's WHERE selects the row (an expression we cannot evaluate counts
 *  as selecting it: stricter, never wrong). */
export function selects(f: KeyForm, row: Record<string, unknown>, ctx: EvalContext): boolean {
  if (!f.predicate) return true;
  try {
    return evaluate(f.predicate, row, ctx) === true;
  } catch {
    return true;
  }
}

/** `x COLLATE NOCASE` compares case-insensitively: index lower(x); RTRIM ignores trailing spaces. */
function foldCollations(e: Expr): Expr {
  switch (e.kind) {
    case 'collate': {
      const arg = foldCollations(e.arg);
      const c = e.collation.toLowerCase().replace(/^"|"$/g, '');
      if (c === 'nocase') return { kind: 'call', name: 'lower', args: [arg] };
      if (c === 'rtrim') return { kind: 'call', name: 'rtrim', args: [arg] };
      return arg;
    }
    case 'call': return { ...e, args: e.args.map(foldCollations) };
    case 'cast': return { ...e, arg: foldCollations(e.arg) };
    case 'binary': return { ...e, left: foldCollations(e.left), right: foldCollations(e.right) };
    default: return e;
  }
}

const BOOLEAN_OPS = new Set(['=', '<>', '<', '<=', '>', '>=', 'AND', 'OR', 'LIKE', 'NOT LIKE', 'ILIKE', 'NOT ILIKE', 'GLOB', 'NOT GLOB', '~', '!~', '~*', '!~*', 'IS', 'IS NOT', 'IS DISTINCT FROM', 'IS NOT DISTINCT FROM']);

/** How many distinct non-NULL values an indexed part can hold, when its shape bounds it and it
 *  can never be NULL (NULLs never collide): `(version IS NOT NULL)` over a NOT NULL column 1 (a
 *  one-row table), a comparison over NOT NULL columns 2; `size(col)` for a plain column. */
export function partSize(part: Expr, notNull: (column: string) => boolean, size: (column: string) => number | undefined): number | undefined {
  switch (part.kind) {
    case 'col': return notNull(part.name) ? size(part.name) : undefined;
    case 'lit': return part.value === null ? undefined : 1;
    case 'isnull': return part.arg.kind === 'col' && notNull(part.arg.name) ? 1 : 2;
    case 'unary': return part.op === 'NOT' ? partSize(part.arg, notNull, () => 2) : undefined;
    case 'binary': case 'in': case 'between':
      if (part.kind === 'binary' && !BOOLEAN_OPS.has(part.op)) return undefined;
      return referencedColumns(part).every(notNull) ? 2 : undefined;
    default: return undefined;
  }
}
