// Precedence-climbing parser for CHECK expressions. Precedence follows
// PostgreSQL (lowest first): OR, AND, NOT, IS, comparison, IN/BETWEEN/LIKE,
// other operators (|| ~ & ...), + -, * / %, unary, :: and COLLATE. SQLite
// agrees on everything that shows up in real CHECKs.
import { children, type BinaryOp, type Expr } from './ast.ts';
import { CheckParseError, tokenize } from './tokenize.ts';
import type { Token } from './tokenize.ts';
import { clip } from '../errors.ts';

export { CheckParseError };

const COMPARE: Record<string, BinaryOp> = { '=': '=', '==': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
// Symbolic operators at PostgreSQL's "any other operator" level.
const OTHER: Record<string, BinaryOp> = {
  '||': '||', '~': '~', '!~': '!~', '~*': '~*', '!~*': '!~*', '~~': 'LIKE', '!~~': 'NOT LIKE',
  '~~*': 'ILIKE', '!~~*': 'NOT ILIKE', '&': '&', '|': '|', '<<': '<<', '>>': '>>',
  '<@': '<@', '@>': '@>', '&&': '&&', '->': '->', '->>': '->>',
  '?': '?', '?|': '?|', '?&': '?&',
};
const UNSUPPORTED_OPS = new Set(['^', '#', '@']);
// Keywords that can never start an operand; seeing one there is a syntax error.
const RESERVED = new Set([
  'and', 'or', 'not', 'is', 'in', 'between', 'like', 'ilike', 'glob', 'regexp', 'match', 'similar', 'then',
  'when', 'else', 'end', 'from', 'as', 'escape', 'collate', 'isnull', 'notnull', 'where', 'for',
]);
const NILADIC = new Set(['current_date', 'current_timestamp', 'current_time', 'localtimestamp', 'localtime']);
/** Parameter names of functions CHECKs call with named arguments (`make_interval(days => n)`). */
const NAMED_PARAMS: Record<string, string[]> = { make_interval: ['years', 'months', 'weeks', 'days', 'hours', 'mins', 'secs'] };
/** Deeper expressions are refused (the CHECK is left to the database): the parser and every
 *  reader of the tree recurse, and a stack overflow would crash Seedbed with no message.
 *  MAX_NESTING bounds the parser's own recursion (brackets, calls, CASE, NOT, signs); MAX_DEPTH
 *  the finished tree, which loops make deep too (`a + 1 + 1 ...` nests once per +). */
export const MAX_NESTING = 200;
export const MAX_DEPTH = 500;

/** Parses the expression of a CHECK constraint. Accepts an optional leading
 *  `[CONSTRAINT name] CHECK (...)` and trailing `NOT VALID` / `NO INHERIT`. */
export function parseCheck(sql: string): Expr {
  const parser = new Parser(sql);
  const e = parser.parseTop();
  if (depthOf(e) > MAX_DEPTH) parser.fail(`the expression is nested more than ${MAX_DEPTH} levels deep`, parser.toks[0]);
  return e;
}

/** `a OR b OR c ...` as a balanced tree: a schema may list thousands of alternatives, and a
 *  chain as deep as the list would overflow the stack of every reader. AND and OR are
 *  associative (in SQL's three-valued logic too), so the grouping changes no result. */
function balanced(op: 'AND' | 'OR', parts: Expr[], from = 0, to = parts.length): Expr {
  if (to - from === 1) return parts[from];
  const mid = (from + to) >> 1;
  return { kind: 'binary', op, left: balanced(op, parts, from, mid), right: balanced(op, parts, mid, to) };
}

/** Depth of the tree, without recursion (it may be deeper than the stack allows). */
function depthOf(root: Expr): number {
  let max = 0;
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length) {
    const [e, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > MAX_DEPTH) break;
    for (const c of children(e)) stack.push([c, d + 1]);
  }
  return max;
}

class Parser {
  sql: string;
  toks: Token[];
  i = 0;
  nesting = 0;

  constructor(sql: string) {
    this.sql = sql;
    this.toks = tokenize(sql);
  }

  // ---- token helpers ----
  get tok(): Token { return this.toks[this.i]; }
  peek(n = 1): Token { return this.toks[Math.min(this.i + n, this.toks.length - 1)]; }
  fail(msg: string, tok: Token = this.tok): never { throw new CheckParseError(msg, this.sql, tok.pos); }
  isKw(kw: string, tok: Token = this.tok): boolean {
    return tok.t === 'ident' && !tok.quoted && tok.v.toLowerCase() === kw;
  }
  isOp(op: string, tok: Token = this.tok): boolean { return tok.t === 'op' && tok.v === op; }
  acceptKw(kw: string): boolean { if (this.isKw(kw)) { this.i++; return true; } return false; }
  acceptOp(op: string): boolean { if (this.isOp(op)) { this.i++; return true; } return false; }
  expectKw(kw: string): void { if (!this.acceptKw(kw)) this.fail(`expected ${kw.toUpperCase()}, found ${describe(this.tok)}`); }
  expectOp(op: string): void { if (!this.acceptOp(op)) this.fail(`expected '${op}', found ${describe(this.tok)}`); }

  parseTop(): Expr {
    if (this.acceptKw('constraint')) this.name();
    let e: Expr;
    if (this.acceptKw('check')) {
      this.expectOp('(');
      e = this.expr();
      this.expectOp(')');
      for (;;) {
        if (this.isKw('not') && this.isKw('valid', this.peek())) this.i += 2;
        else if (this.isKw('no') && this.isKw('inherit', this.peek())) this.i += 2;
        else break;
      }
    } else {
      e = this.expr();
    }
    this.acceptOp(';');
    if (this.tok.t !== 'eof') this.fail(`unexpected ${describe(this.tok)} after the expression`);
    return e;
  }

  expr(): Expr { return this.nested(() => this.or()); }

  /** Runs a step that recurses into a sub-expression, refusing nesting past MAX_NESTING. */
  nested(step: () => Expr): Expr {
    if (++this.nesting > MAX_NESTING) this.fail(`the expression is nested more than ${MAX_NESTING} levels deep`);
    try { return step(); } finally { this.nesting--; }
  }

  or(): Expr {
    const parts = [this.and()];
    while (this.acceptKw('or')) parts.push(this.and());
    return balanced('OR', parts);
  }

  and(): Expr {
    const parts = [this.not()];
    while (this.acceptKw('and')) parts.push(this.not());
    return balanced('AND', parts);
  }

  not(): Expr {
    if (this.acceptKw('not')) return { kind: 'unary', op: 'NOT', arg: this.nested(() => this.not()) };
    return this.is();
  }

  is(): Expr {
    let left = this.compare();
    for (;;) {
      if (this.acceptKw('isnull')) { left = { kind: 'isnull', arg: left, not: false }; continue; }
      if (this.acceptKw('notnull')) { left = { kind: 'isnull', arg: left, not: true }; continue; }
      if (this.isKw('not') && this.isKw('null', this.peek())) { // SQLite `x NOT NULL`
        this.i += 2;
        left = { kind: 'isnull', arg: left, not: true };
        continue;
      }
      if (!this.acceptKw('is')) return left;
      const not = this.acceptKw('not');
      if (this.acceptKw('null') || this.acceptKw('unknown')) { left = { kind: 'isnull', arg: left, not }; continue; }
      if (this.acceptKw('distinct')) {
        this.expectKw('from');
        left = { kind: 'binary', op: not ? 'IS NOT DISTINCT FROM' : 'IS DISTINCT FROM', left, right: this.compare() };
        continue;
      }
      // PostgreSQL 16: `x IS [NOT] JSON [VALUE | ARRAY | OBJECT | SCALAR] [WITH[OUT] UNIQUE [KEYS]]`,
      // read as is_json(x, 'object') (what a database-tested CHECK and the hints see).
      if (this.acceptKw('json')) {
        const type = ['value', 'array', 'object', 'scalar'].find((k) => this.acceptKw(k)) ?? 'value';
        if (this.acceptKw('with') || this.acceptKw('without')) { this.expectKw('unique'); this.acceptKw('keys'); }
        const call: Expr = { kind: 'call', name: 'is_json', args: [left, { kind: 'lit', value: type }] };
        left = not ? { kind: 'unary', op: 'NOT', arg: call } : call;
        continue;
      }
      left = { kind: 'binary', op: not ? 'IS NOT' : 'IS', left, right: this.compare() };
    }
  }

  compare(): Expr {
    let left = this.pattern();
    for (;;) {
      const t = this.tok;
      if (t.t !== 'op' || !(t.v in COMPARE)) return left;
      this.i++;
      left = this.quantified(COMPARE[t.v], left) ?? { kind: 'binary', op: COMPARE[t.v], left, right: this.pattern() };
    }
  }

  /** `op ANY|SOME|ALL (array)` on the right of an operator, if present. */
  quantified(op: BinaryOp, left: Expr): Expr | undefined {
    const q = ['any', 'some', 'all'].find((k) => this.isKw(k));
    if (!q || !this.isOp('(', this.peek())) return undefined;
    this.i += 2;
    if (this.isKw('select')) this.fail('subqueries are not supported');
    const right = this.expr();
    this.expectOp(')');
    return q === 'all' ? { kind: 'all', op, left, right } : { kind: 'any', op, left, right };
  }

  pattern(): Expr {
    let left = this.other();
    for (;;) {
      let not = false;
      if (this.isKw('not') && ['in', 'between', 'like', 'ilike', 'glob', 'regexp', 'match', 'similar'].some((k) => this.isKw(k, this.peek()))) {
        this.i++;
        not = true;
      }
      const t = this.tok;
      if (this.acceptKw('in')) {
        if (!this.isOp('(')) this.fail('IN must be followed by a parenthesised list');
        this.i++;
        if (this.isKw('select')) this.fail('subqueries are not supported');
        const list: Expr[] = [];
        if (!this.isOp(')')) do list.push(this.expr()); while (this.acceptOp(','));
        this.expectOp(')');
        left = { kind: 'in', arg: left, list, not };
      } else if (this.acceptKw('between')) {
        if (this.isKw('symmetric')) this.fail('BETWEEN SYMMETRIC is not supported');
        this.acceptKw('asymmetric');
        const low = this.other();
        this.expectKw('and');
        left = { kind: 'between', arg: left, low, high: this.other(), not };
      } else if (['like', 'ilike', 'glob', 'regexp'].some((k) => this.isKw(k))) {
        const kw = (t as { v: string }).v.toUpperCase();
        this.i++;
        const base = kw === 'REGEXP' ? '~' : kw;
        const op = (not ? (base === '~' ? '!~' : `NOT ${base}`) : base) as BinaryOp;
        left = this.quantified(op, left) ?? this.withEscape({ kind: 'binary', op, left, right: this.other() });
      } else if (this.acceptKw('similar')) {
        this.expectKw('to');
        // PostgreSQL itself rewrites SIMILAR TO into ~ similar_to_escape(pattern).
        const args = [this.other()];
        if (this.acceptKw('escape')) args.push(this.other());
        left = { kind: 'binary', op: not ? '!~' : '~', left, right: { kind: 'call', name: 'similar_to_escape', args } };
      } else if (this.isKw('match')) {
        this.fail('MATCH (full-text search) is not supported');
      } else {
        if (not) this.fail(`unexpected NOT`, t);
        return left;
      }
    }
  }

  withEscape(e: Expr & { kind: 'binary' }): Expr {
    if (this.acceptKw('escape')) e.escape = this.other();
    return e;
  }

  other(): Expr {
    let left = this.additive();
    for (;;) {
      const t = this.tok;
      if (t.t !== 'op') return left;
      if (UNSUPPORTED_OPS.has(t.v)) this.fail(`unsupported operator '${t.v}'`);
      if (!(t.v in OTHER)) return left;
      this.i++;
      const op = OTHER[t.v];
      left = this.quantified(op, left) ?? this.withEscape({ kind: 'binary', op, left, right: this.additive() });
    }
  }

  additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.toks[this.i++] as { v: '+' | '-' }).v;
      left = { kind: 'binary', op, left, right: this.multiplicative() };
    }
    return left;
  }

  multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = (this.toks[this.i++] as { v: '*' | '/' | '%' }).v;
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  unary(): Expr {
    if (this.isOp('-') || this.isOp('+') || this.isOp('~')) {
      const op = (this.toks[this.i++] as { v: '-' | '+' | '~' }).v;
      const arg = this.nested(() => this.unary());
      // Fold signs into numeric literals so `-5` is a plain constant.
      if (arg.kind === 'lit' && (typeof arg.value === 'number' || typeof arg.value === 'bigint') && op !== '~') {
        return { ...arg, value: op === '-' ? -arg.value : arg.value };
      }
      return { kind: 'unary', op, arg };
    }
    return this.postfix();
  }

  postfix(): Expr {
    let e = this.primary();
    for (;;) {
      if (this.acceptOp('::')) e = { kind: 'cast', arg: e, type: this.typeName() };
      else if (this.acceptKw('collate')) e = { kind: 'collate', arg: e, collation: this.name().toLowerCase() };
      // `ts AT TIME ZONE 'UTC'` is PostgreSQL's timezone('UTC', ts).
      else if (this.isKw('at') && this.isKw('time', this.peek(1)) && this.isKw('zone', this.peek(2))) {
        this.i += 3;
        e = { kind: 'call', name: 'timezone', args: [this.nested(() => this.unary()), e] };
      }
      // `tags[1]`, a point's `location[0]`: one element (slices `[1:2]` are not read).
      else if (this.acceptOp('[')) {
        const index = this.expr();
        if (this.isOp(':')) this.fail('array slices are not supported');
        this.expectOp(']');
        e = { kind: 'call', name: 'array_element', args: [e, index] };
      }
      else return e;
    }
  }

  primary(): Expr {
    const t = this.tok;
    switch (t.t) {
      case 'num': {
        this.i++;
        const value = numberValue(t.v);
        return /^[^xX]*[.eE]/.test(t.v) ? { kind: 'lit', value, real: true } : { kind: 'lit', value };
      }
      case 'str': this.i++; return { kind: 'lit', value: t.v };
      case 'blob': this.i++; return { kind: 'lit', value: t.v };
      case 'eof': return this.fail('unexpected end of expression');
      case 'op':
        if (this.acceptOp('(')) {
          if (this.isKw('select')) this.fail('subqueries are not supported');
          const e = this.expr();
          if (this.isOp(',')) this.fail('row values are not supported');
          this.expectOp(')');
          return e;
        }
        return this.fail(`unexpected ${describe(t)}`);
      case 'ident':
        break;
    }
    if (t.quoted) return this.columnOrCall();
    const kw = t.v.toLowerCase();
    if (kw === 'null') { this.i++; return { kind: 'lit', value: null }; }
    if (kw === 'true' || kw === 'false') { this.i++; return { kind: 'lit', value: kw === 'true' }; }
    if (NILADIC.has(kw)) {
      this.i++;
      if (this.acceptOp('(')) { this.numberToken(); this.expectOp(')'); } // precision, e.g. CURRENT_TIMESTAMP(0)
      return { kind: 'call', name: kw, args: [] };
    }
    if (kw === 'select' || kw === 'exists') this.fail('subqueries are not supported');
    if (RESERVED.has(kw)) this.fail(`unexpected keyword ${t.v.toUpperCase()}`);
    if (kw === 'case') return this.caseExpr();
    if (kw === 'array') {
      this.i++;
      if (!this.isOp('[')) this.fail('ARRAY must be followed by [ ... ]');
      return this.arrayItems();
    }
    if (this.isOp('(', this.peek())) {
      if (kw === 'cast') {
        this.i += 2;
        const arg = this.expr();
        this.expectKw('as');
        const type = this.typeName();
        this.expectOp(')');
        return { kind: 'cast', arg, type };
      }
      if (kw === 'extract') return this.extract();
      if (kw === 'trim') return this.trim();
      if (kw === 'substring') return this.substring();
      if (kw === 'position') return this.position();
      if (kw === 'overlay') this.fail('OVERLAY is not supported');
    }
    // Typed literal: DATE '2020-01-01', INTERVAL '1 day', ...
    if (this.peek().t === 'str') {
      this.i++;
      const value = (this.toks[this.i++] as { v: string }).v;
      return { kind: 'cast', arg: { kind: 'lit', value }, type: kw };
    }
    return this.columnOrCall();
  }

  columnOrCall(): Expr {
    const parts = [this.name()];
    while (this.isOp('.') && this.peek().t === 'ident') { this.i++; parts.push(this.name()); }
    if (this.acceptOp('(')) {
      if (this.isKw('distinct') || this.isOp('*')) this.fail('aggregate calls are not supported');
      const args: Expr[] = [];
      const named: [string, Expr][] = [];
      if (!this.isOp(')')) {
        do {
          // PostgreSQL's named notation (`make_interval(months => n)`): '=' and '>' tokens.
          if (this.tok.t === 'ident' && this.isOp('=', this.peek()) && this.isOp('>', this.peek(2))) {
            const key = (this.tok as { v: string }).v.toLowerCase();
            this.i += 3;
            named.push([key, this.expr()]);
          } else if (named.length) this.fail('a positional argument after named ones');
          else args.push(this.expr());
        } while (this.acceptOp(','));
      }
      this.expectOp(')');
      let name = parts.join('.').toLowerCase();
      if (name.startsWith('pg_catalog.')) name = name.slice('pg_catalog.'.length);
      if (named.length) return { kind: 'call', name, args: this.byPosition(name, args, named) };
      return { kind: 'call', name, args };
    }
    if (parts.length > 3) this.fail('too many qualifiers in column reference');
    let name = parts[parts.length - 1];
    // Domain CHECKs say VALUE for the value being checked.
    if (parts.length === 1 && name.toLowerCase() === 'value' && !(this.toks[this.i - 1] as { quoted: boolean }).quoted) name = 'value';
    return parts.length > 1 ? { kind: 'col', name, table: parts[parts.length - 2] } : { kind: 'col', name };
  }

  /** Named arguments in their positions, for the functions whose parameter names the engine
   *  knows (make_interval's years … secs, 0 where left out); other functions' cannot be read. */
  byPosition(name: string, args: Expr[], named: [string, Expr][]): Expr[] {
    const params = NAMED_PARAMS[name];
    if (!params) this.fail(`named arguments of ${name}()`);
    const out: Expr[] = params.map((_, i) => args[i] ?? { kind: 'lit', value: 0 });
    for (const [k, v] of named) {
      const at = params.indexOf(k);
      if (at < args.length || at < 0) this.fail(`argument ${k} of ${name}()`);
      out[at] = v;
    }
    return out;
  }

  name(): string {
    const t = this.tok;
    if (t.t === 'ident') { this.i++; return t.v; }
    if (t.t === 'str') { this.i++; return t.v; } // COLLATE 'nocase', CONSTRAINT 'x'
    return this.fail(`expected a name, found ${describe(t)}`);
  }

  numberToken(): string {
    const t = this.tok;
    if (t.t !== 'num') this.fail(`expected a number, found ${describe(t)}`);
    this.i++;
    return (t as { v: string }).v;
  }

  caseExpr(): Expr {
    this.i++;
    const operand = this.isKw('when') ? undefined : this.expr();
    const whens: [Expr, Expr][] = [];
    while (this.acceptKw('when')) {
      const cond = this.expr();
      this.expectKw('then');
      whens.push([cond, this.expr()]);
    }
    if (whens.length === 0) this.fail('CASE without WHEN');
    const elseExpr = this.acceptKw('else') ? this.expr() : undefined;
    this.expectKw('end');
    const e: Expr = { kind: 'case', whens };
    if (operand) e.operand = operand;
    if (elseExpr) e.else = elseExpr;
    return e;
  }

  arrayItems(): Expr {
    this.expectOp('[');
    const items: Expr[] = [];
    if (!this.isOp(']')) {
      do items.push(this.isOp('[') ? this.nested(() => this.arrayItems()) : this.expr());
      while (this.acceptOp(','));
    }
    this.expectOp(']');
    return { kind: 'array', items };
  }

  // EXTRACT(field FROM x) is date_part('field', x) in PostgreSQL too.
  extract(): Expr {
    this.i += 2;
    const field = this.tok.t === 'str' ? (this.toks[this.i++] as { v: string }).v : this.name();
    this.expectKw('from');
    const arg = this.expr();
    this.expectOp(')');
    return { kind: 'call', name: 'date_part', args: [{ kind: 'lit', value: field.toLowerCase() }, arg] };
  }

  // TRIM([BOTH|LEADING|TRAILING] [chars] FROM s), TRIM(s), SQLite TRIM(s, chars).
  trim(): Expr {
    this.i += 2;
    let name = 'trim';
    if (this.acceptKw('leading')) name = 'ltrim';
    else if (this.acceptKw('trailing')) name = 'rtrim';
    else this.acceptKw('both');
    let args: Expr[];
    if (this.acceptKw('from')) {
      args = [this.expr()];
    } else {
      const first = this.expr();
      if (this.acceptKw('from')) args = [this.expr(), first];
      else if (this.acceptOp(',')) args = [first, this.expr()];
      else args = [first];
    }
    this.expectOp(')');
    return { kind: 'call', name, args };
  }

  // SUBSTRING(s FROM a FOR b) and the plain comma form.
  substring(): Expr {
    this.i += 2;
    const s = this.expr();
    const args: Expr[] = [s];
    if (this.acceptOp(',')) {
      do args.push(this.expr()); while (this.acceptOp(','));
    } else {
      if (this.acceptKw('from')) args.push(this.expr());
      if (this.acceptKw('for')) {
        if (args.length === 1) args.push({ kind: 'lit', value: 1 });
        args.push(this.expr());
      }
    }
    this.expectOp(')');
    return { kind: 'call', name: 'substring', args };
  }

  // POSITION(needle IN haystack) = strpos(haystack, needle).
  position(): Expr {
    this.i += 2;
    const needle = this.other();
    if (this.acceptOp(',')) { // plain call form position(a, b) is not PostgreSQL; treat as call
      const second = this.expr();
      this.expectOp(')');
      return { kind: 'call', name: 'position', args: [needle, second] };
    }
    this.expectKw('in');
    const haystack = this.other();
    this.expectOp(')');
    return { kind: 'call', name: 'strpos', args: [haystack, needle] };
  }

  /** Type name after :: or AS, lower-cased: 'character varying(20)', 'text[]', 'auth.aal_level'. */
  typeName(): string {
    const words: string[] = [this.name().toLowerCase()];
    while (this.acceptOp('.')) words[words.length - 1] += '.' + this.name().toLowerCase();
    const first = words[0];
    if (['character', 'char', 'bit', 'national'].includes(first) && this.acceptKw('varying')) words.push('varying');
    else if (first === 'double' && this.acceptKw('precision')) words.push('precision');
    let mods = '';
    if (this.acceptOp('(')) {
      const nums = [this.numberToken()];
      while (this.acceptOp(',')) nums.push(this.numberToken());
      this.expectOp(')');
      mods = `(${nums.join(',')})`;
    }
    if ((first === 'timestamp' || first === 'time') && (this.isKw('with') || this.isKw('without'))) {
      const w = (this.toks[this.i++] as { v: string }).v.toLowerCase();
      this.expectKw('time');
      this.expectKw('zone');
      mods += ` ${w} time zone`;
    }
    let type = words.join(' ') + mods;
    while (this.acceptOp('[')) {
      if (this.tok.t === 'num') this.i++;
      this.expectOp(']');
      type += '[]';
    }
    return type;
  }
}

function numberValue(raw: string): number | bigint {
  if (/^0[xX]/.test(raw)) {
    const b = BigInt(raw);
    return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  if (/^\d+$/.test(raw)) {
    const b = BigInt(raw);
    return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  return Number(raw);
}

function describe(t: Token): string {
  switch (t.t) {
    case 'eof': return 'end of expression';
    case 'ident': return t.quoted ? `identifier "${clip(t.v, 60)}"` : `'${clip(t.v, 60)}'`;
    case 'str': return `string '${clip(t.v, 60)}'`;
    case 'num': return `number ${t.v}`;
    case 'blob': return 'blob literal';
    case 'op': return `'${t.v}'`;
  }
}
