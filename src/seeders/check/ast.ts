// AST for the expression inside a CHECK constraint. One shape serves both
// SQLite text (as users wrote it) and PostgreSQL's normalised text, so the
// parser maps dialect spellings onto it (e.g. PG `~~` becomes LIKE).

/** A constant as written in SQL. Uint8Array comes from SQLite blob literals X'..'. */
export type LitValue = string | number | bigint | boolean | null | Uint8Array;

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
export type PatternOp =
  | 'LIKE' | 'NOT LIKE' | 'ILIKE' | 'NOT ILIKE' | 'GLOB' | 'NOT GLOB'
  | '~' | '!~' | '~*' | '!~*';
export type NullSafeOp = 'IS' | 'IS NOT' | 'IS DISTINCT FROM' | 'IS NOT DISTINCT FROM';
export type ArithOp = '+' | '-' | '*' | '/' | '%' | '||' | '&' | '|' | '<<' | '>>';
export type LogicOp = 'AND' | 'OR';
/** PostgreSQL array containment and overlap: `a <@ b` (every element of a is in b), `@>`, `&&`. */
export type ArrayOp = '<@' | '@>' | '&&';
/** JSON field or element: `tags ->> 'owner'` (text), `doc -> 'a'` (JSON); key tests `doc ? 'a'`,
 *  `doc ?| array[…]` (any), `doc ?& array[…]` (all). */
export type JsonOp = '->' | '->>' | '?' | '?|' | '?&';
export type BinaryOp = CompareOp | PatternOp | NullSafeOp | ArithOp | LogicOp | ArrayOp | JsonOp;

export type Expr =
  /** Column reference; `table` is the qualifier if one was written. */
  | { kind: 'col'; name: string; table?: string }
  /** `real` marks a numeric literal written with a decimal point or exponent
   *  (1.0 is a JS integer, but SQL divides 5 / 2.0 as real). */
  | { kind: 'lit'; value: LitValue; real?: true }
  | { kind: 'unary'; op: 'NOT' | '-' | '+' | '~'; arg: Expr }
  /** `escape` only appears on LIKE-family operators written with ESCAPE. */
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; escape?: Expr }
  | { kind: 'in'; arg: Expr; list: Expr[]; not: boolean }
  | { kind: 'between'; arg: Expr; low: Expr; high: Expr; not: boolean }
  | { kind: 'isnull'; arg: Expr; not: boolean }
  /** Function call, name lower-cased (schema kept except pg_catalog.). Also
   *  the niladic CURRENT_DATE/CURRENT_TIMESTAMP/... with args []. */
  | { kind: 'call'; name: string; args: Expr[] }
  /** `x::type` or CAST(x AS type); type lower-cased, e.g. 'character varying', 'text[]'. */
  | { kind: 'cast'; arg: Expr; type: string }
  | { kind: 'collate'; arg: Expr; collation: string }
  | { kind: 'case'; operand?: Expr; whens: [Expr, Expr][]; else?: Expr }
  | { kind: 'array'; items: Expr[] }
  /** `left op ANY (right)` / `left op ALL (right)`; right evaluates to an array. */
  | { kind: 'any'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'all'; op: BinaryOp; left: Expr; right: Expr };

export type ExprKind = Expr['kind'];
export type ExprOf<K extends ExprKind> = Extract<Expr, { kind: K }>;

/** Calls `fn` on `expr` and every sub-expression, parents first. */
export function walk(expr: Expr, fn: (e: Expr) => void): void {
  fn(expr);
  for (const child of children(expr)) walk(child, fn);
}

export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'col': case 'lit': return [];
    case 'unary': case 'cast': case 'collate': case 'isnull': return [e.arg];
    case 'binary': return e.escape ? [e.left, e.right, e.escape] : [e.left, e.right];
    case 'in': return [e.arg, ...e.list];
    case 'between': return [e.arg, e.low, e.high];
    case 'call': return e.args;
    case 'case': return [
      ...(e.operand ? [e.operand] : []),
      ...e.whens.flat(),
      ...(e.else ? [e.else] : []),
    ];
    case 'array': return e.items;
    case 'any': case 'all': return [e.left, e.right];
  }
}

/** Column names referenced by the expression, in first-seen order, as written. */
export function referencedColumns(expr: Expr): string[] {
  const seen = new Map<string, string>();
  walk(expr, (e) => {
    if (e.kind === 'col' && !seen.has(e.name.toLowerCase())) seen.set(e.name.toLowerCase(), e.name);
  });
  return [...seen.values()];
}
