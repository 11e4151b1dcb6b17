// CHECK expressions: parse -> evaluate (passing and failing rows) -> hints,
// for SQLite text and PostgreSQL's normalised pg_get_constraintdef text.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  CheckEvalError, CheckParseError, deriveHints, evaluate, evaluateValue, parseCheck, referencedColumns, satisfies,
} from '../src/seeders/check/index.ts';
import type { ColumnHint, EvalContext, Expr } from '../src/seeders/check/index.ts';
import { checkBodies } from './support/realism.ts';

const PG: EvalContext = { dialect: 'postgres' };

type Case = {
  sql: string;
  pass: Record<string, unknown>[];
  fail: Record<string, unknown>[];
  hints?: Record<string, Partial<ColumnHint>>;
  relations?: string[];
  opaque?: number;
  ctx?: EvalContext;
};

function check(c: Case): void {
  const e = parseCheck(c.sql);
  for (const row of c.pass) assert.notEqual(evaluate(e, row, c.ctx), false, `${c.sql} should pass ${JSON.stringify(row, big)}`);
  for (const row of c.fail) assert.equal(evaluate(e, row, c.ctx), false, `${c.sql} should fail ${JSON.stringify(row, big)}`);
  const h = deriveHints([e]);
  if (c.hints) {
    for (const [key, want] of Object.entries(c.hints)) {
      const got = h.columns.get(key);
      assert.ok(got, `${c.sql}: no hint for ${key}`);
      const { column: _c, ...rest } = got;
      assert.deepEqual(rest, want, `${c.sql}: hint for ${key}`);
    }
    assert.equal(h.columns.size, Object.keys(c.hints).length, `${c.sql}: hinted columns ${[...h.columns.keys()]}`);
  }
  if (c.relations) assert.deepEqual(h.relations.map((r) => `${r.left} ${r.op} ${r.right}`), c.relations, c.sql);
  if (c.opaque !== undefined) assert.equal(h.opaque.length, c.opaque, `${c.sql}: opaque parts`);
}
const big = (_: string, v: unknown): unknown => (typeof v === 'bigint' ? `${v}n` : v);

test('SQLite CHECKs as users write them', () => {
  check({
    sql: "status IN ('pending', 'approved')",
    pass: [{ status: 'pending' }, { status: 'approved' }, { status: null }],
    fail: [{ status: 'rejected' }, { status: 'Pending' }],
    hints: { status: { oneOf: ['pending', 'approved'] } }, opaque: 0,
  });
  check({
    sql: 'marks >= 0 AND marks <= 100',
    pass: [{ marks: 0 }, { marks: 100 }, { marks: 55.5 }, { marks: '42' }, { marks: null }],
    fail: [{ marks: -1 }, { marks: 100.01 }, { marks: 101n }],
    hints: { marks: { min: 0, max: 100 } }, opaque: 0,
  });
  check({
    sql: 'score BETWEEN 0 AND 5',
    pass: [{ score: 0 }, { score: 5 }, { score: 2.5 }],
    fail: [{ score: 6 }, { score: -0.1 }],
    hints: { score: { min: 0, max: 5 } }, opaque: 0,
  });
  check({
    sql: 'end_date >= start_date',
    pass: [{ start_date: '2024-01-01', end_date: '2024-01-01' }, { start_date: '2024-01-01', end_date: '2024-12-31' }, { start_date: null, end_date: '2024-01-01' }],
    fail: [{ start_date: '2024-02-01', end_date: '2024-01-31' }],
    hints: {}, relations: ['end_date >= start_date'], opaque: 0,
  });
  check({
    sql: 'satisfaction_score IS NULL OR (satisfaction_score >= 1.0 AND satisfaction_score <= 5.0)',
    pass: [{ satisfaction_score: null }, { satisfaction_score: 1 }, { satisfaction_score: 4.5 }],
    fail: [{ satisfaction_score: 0.5 }, { satisfaction_score: 5.5 }],
    hints: { satisfaction_score: { min: 1, max: 5 } }, opaque: 0,
  });
  check({
    sql: 'length(phone) >= 7',
    pass: [{ phone: '5551234' }, { phone: null }, { phone: 12345678 }],
    fail: [{ phone: '555' }, { phone: '' }],
    hints: { phone: { minLength: 7 } }, opaque: 0,
  });
  check({
    sql: '"order" > 0',
    pass: [{ order: 1 }, { ORDER: 2 }],
    fail: [{ order: 0 }, { order: -3 }],
    hints: { order: { min: 0, minExclusive: true } },
  });
  check({
    sql: "[weird col] <> ''",
    pass: [{ 'weird col': 'x' }, { 'weird col': null }],
    fail: [{ 'weird col': '' }],
    hints: { 'weird col': { notIn: [''], minLength: 1 } }, opaque: 0,
  });
  check({ sql: '`x` > 1', pass: [{ x: 2 }], fail: [{ x: 1 }], hints: { x: { min: 1, minExclusive: true } } });
  check({
    sql: "name GLOB '[A-Z]*'",
    pass: [{ name: 'Alice' }, { name: 'Z' }],
    fail: [{ name: 'alice' }, { name: '' }, { name: '1A' }],
    hints: { name: { pattern: '^[A-Z][\\s\\S]*$', patternFlags: '' } }, opaque: 1,
  });
  check({
    sql: "code GLOB 'AB*'",
    pass: [{ code: 'AB1' }],
    fail: [{ code: 'ab1' }],
    hints: { code: { likePrefix: 'AB' } }, opaque: 0,
  });
  check({
    sql: "code LIKE 'AB%'",
    pass: [{ code: 'AB' }, { code: 'ABC-1' }, { code: 'abc' }], // SQLite LIKE ignores ASCII case
    fail: [{ code: 'XAB' }, { code: 'A' }],
    hints: { code: { likePrefix: 'AB' } }, opaque: 0,
  });
  check({
    sql: "typeof(x) = 'integer'",
    pass: [{ x: 3 }, { x: 3n }, { x: -7 }],
    fail: [{ x: 1.5 }, { x: '3' }, { x: null }, { x: new Uint8Array([1]) }],
    hints: { x: { integer: true, notNull: true } }, opaque: 0,
  });
  // LIKE is case-sensitive in PostgreSQL.
  assert.equal(evaluate(parseCheck("code LIKE 'AB%'"), { code: 'abc' }, PG), false);
});

test('PostgreSQL normalised CHECKs (pg_get_constraintdef)', () => {
  check({
    sql: "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
    pass: [{ status: 'a' }, { status: 'b' }, { status: null }],
    fail: [{ status: 'c' }, { status: 'A' }],
    hints: { status: { oneOf: ['a', 'b'] } }, opaque: 0, ctx: PG,
  });
  check({
    sql: '((price >= (0)::numeric))',
    pass: [{ price: 0 }, { price: 19.99 }, { price: '5.00' }],
    fail: [{ price: -0.01 }],
    hints: { price: { min: 0 } }, opaque: 0, ctx: PG,
  });
  check({
    sql: '(char_length((email)::text) <= 255)',
    pass: [{ email: 'a@b.c' }, { email: 'é'.repeat(255) }],
    fail: [{ email: 'x'.repeat(256) }],
    hints: { email: { maxLength: 255 } }, opaque: 0, ctx: PG,
  });
  check({
    sql: '((rating >= 1) AND (rating <= 5))',
    pass: [{ rating: 1 }, { rating: 5 }],
    fail: [{ rating: 0 }, { rating: 6 }],
    hints: { rating: { min: 1, max: 5 } }, opaque: 0, ctx: PG,
  });
  check({
    sql: '(NOT is_dm OR is_private)',
    pass: [{ is_dm: false, is_private: false }, { is_dm: true, is_private: true }, { is_dm: null, is_private: false }],
    fail: [{ is_dm: true, is_private: false }],
    hints: {}, opaque: 1, ctx: PG,
  });
  check({
    sql: '(num_nonnulls(a, b) = 1)',
    pass: [{ a: 1, b: null }, { a: null, b: 'x' }],
    fail: [{ a: null, b: null }, { a: 1, b: 2 }],
    hints: {}, opaque: 1, ctx: PG,
  });
  check({
    sql: "(email ~* '^[^@]+@[^@]+$'::text)",
    pass: [{ email: 'a@b' }, { email: 'A@B.COM' }],
    fail: [{ email: 'ab' }, { email: 'a@b@c' }],
    hints: { email: { pattern: '^[^@]+@[^@]+$', patternFlags: 'i' } }, opaque: 1, ctx: PG,
  });
  check({
    sql: '(length((phone)::text) >= 7)',
    pass: [{ phone: '+15551234' }],
    fail: [{ phone: '123' }],
    hints: { phone: { minLength: 7 } }, opaque: 0, ctx: PG,
  });
  check({
    sql: '(start_at < end_at)',
    pass: [{ start_at: '2024-01-01 10:00:00', end_at: '2024-01-01 11:00:00' }, { start_at: '2024-01-01', end_at: '2024-01-01T00:00:01Z' }],
    fail: [{ start_at: '2024-01-01 10:00:00', end_at: '2024-01-01 10:00:00' }, { start_at: '2024-01-01 10:00:00+02', end_at: '2024-01-01 08:00:00Z' }],
    hints: {}, relations: ['start_at < end_at'], opaque: 0, ctx: PG,
  });
  check({
    sql: "((aal IS NULL) OR (aal = ANY (ARRAY['aal1'::auth.aal_level, 'aal2'::auth.aal_level, 'aal3'::auth.aal_level])))",
    pass: [{ aal: null }, { aal: 'aal2' }],
    fail: [{ aal: 'aal4' }],
    hints: { aal: { oneOf: ['aal1', 'aal2', 'aal3'] } }, opaque: 0, ctx: PG,
  });
  check({
    sql: "(x <> ALL (ARRAY['a'::text, 'b'::text]))",
    pass: [{ x: 'c' }, { x: null }],
    fail: [{ x: 'a' }, { x: 'b' }],
    hints: { x: { notIn: ['a', 'b'] } }, opaque: 0, ctx: PG,
  });
  check({
    sql: "(date_part('year'::text, birth_date) > 1900)",
    pass: [{ birth_date: '1950-05-01' }, { birth_date: null }],
    fail: [{ birth_date: '1850-01-01' }, { birth_date: '1900-12-31' }],
    hints: {}, opaque: 1, ctx: PG,
  });
  check({
    sql: "(created_on >= '2020-01-01'::date)",
    pass: [{ created_on: '2020-01-01' }, { created_on: '2021-06-01 12:00:00' }],
    fail: [{ created_on: '2019-12-31' }],
    opaque: 1, ctx: PG,
  });
  check({
    sql: "(EXTRACT(month FROM due) <= 6)",
    pass: [{ due: '2020-06-30' }],
    fail: [{ due: '2020-07-01' }],
    opaque: 1, ctx: PG,
  });
  check({
    sql: "(note <> E'it\\'s\\n')",
    pass: [{ note: "it's" }],
    fail: [{ note: "it's\n" }],
    hints: { note: { notIn: ["it's\n"] } }, ctx: PG,
  });
  // Supabase auth forms: ~~ is LIKE, TRIM(BOTH FROM ...), and a `= NULL` tautology.
  check({
    sql: "((jwks_uri IS NULL) OR (jwks_uri ~~ 'https://%'::text))",
    pass: [{ jwks_uri: null }, { jwks_uri: 'https://x' }],
    fail: [{ jwks_uri: 'http://x' }, { jwks_uri: 'HTTPS://x' }],
    hints: { jwks_uri: { likePrefix: 'https://' } }, opaque: 0, ctx: PG,
  });
  check({
    sql: '(char_length(TRIM(BOTH FROM scopes)) > 0)',
    pass: [{ scopes: ' a ' }],
    fail: [{ scopes: '   ' }, { scopes: '' }],
    hints: { scopes: { minLength: 1 } }, opaque: 1, ctx: PG,
  });
  check({
    sql: '((metadata_url = NULL::text) OR (char_length(metadata_url) > 0))',
    pass: [{ metadata_url: '' }, { metadata_url: 'x' }, { metadata_url: null }],
    fail: [],
    hints: {}, opaque: 0, ctx: PG,
  });
  check({
    sql: "((provider_type <> 'oidc'::text) OR (issuer IS NULL) OR (issuer ~~ 'https://%'::text))",
    pass: [{ provider_type: 'oauth2', issuer: 'ftp://' }, { provider_type: 'oidc', issuer: null }, { provider_type: 'oidc', issuer: 'https://a' }],
    fail: [{ provider_type: 'oidc', issuer: 'http://a' }],
    hints: {}, opaque: 1, ctx: PG,
  });
  check({
    sql: 'CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))',
    pass: [{ value: 1901 }, { value: 2155 }],
    fail: [{ value: 1900 }, { value: 2156 }],
    hints: { value: { min: 1901, max: 2155 } }, opaque: 0, ctx: PG,
  });
  check({
    sql: "(code = ANY ('{x,\"y z\"}'::text[]))",
    pass: [{ code: 'y z' }],
    fail: [{ code: 'y' }],
    hints: { code: { oneOf: ['x', 'y z'] } }, ctx: PG,
  });
  check({
    sql: "((code)::text SIMILAR TO '[A-Z]{2}[0-9]+')",
    pass: [{ code: 'AB12' }],
    fail: [{ code: 'AB' }, { code: 'xAB1' }],
    opaque: 1, ctx: PG,
  });
});

test('lexical forms: CHECK keyword, quoting, numbers, literals', () => {
  assert.deepEqual(parseCheck('CHECK (x > 0)'), parseCheck('x > 0'));
  assert.deepEqual(parseCheck('CONSTRAINT c CHECK ((x > 0)) NOT VALID'), parseCheck('x > 0'));
  assert.deepEqual(parseCheck('(((x > 0)))'), parseCheck('x>0'));
  assert.deepEqual(parseCheck('"a""b" = 1'), { kind: 'binary', op: '=', left: { kind: 'col', name: 'a"b' }, right: { kind: 'lit', value: 1 } });
  assert.deepEqual(parseCheck('t.x IS NOT NULL'), { kind: 'isnull', arg: { kind: 'col', name: 'x', table: 't' }, not: true });
  assert.deepEqual(parseCheck("'it''s'"), { kind: 'lit', value: "it's" });
  assert.deepEqual(parseCheck('-2'), { kind: 'lit', value: -2 });
  assert.deepEqual(parseCheck('1.5e3'), { kind: 'lit', value: 1500, real: true });
  assert.deepEqual(parseCheck('.5'), { kind: 'lit', value: 0.5, real: true });
  assert.deepEqual(parseCheck('9007199254740993'), { kind: 'lit', value: 9007199254740993n });
  assert.deepEqual(parseCheck('x != 1 -- trailing comment'), parseCheck('x <> 1'));
  assert.deepEqual(parseCheck('a ISNULL OR b NOTNULL OR c NOT NULL'), parseCheck('a IS NULL OR b IS NOT NULL OR c IS NOT NULL'));
  assert.equal((parseCheck("x::character varying(20)[]") as { type: string }).type, 'character varying(20)[]');
  assert.equal((parseCheck("x::timestamp(3) with time zone") as { type: 'string' }).type, 'timestamp(3) with time zone');
  assert.deepEqual(parseCheck("DATE '2020-01-01'"), { kind: 'cast', arg: { kind: 'lit', value: '2020-01-01' }, type: 'date' });
  for (const kw of ['TRUE', 'true', 'False', 'NULL']) assert.equal(parseCheck(kw).kind, 'lit');
  assert.deepEqual(parseCheck('current_date'), { kind: 'call', name: 'current_date', args: [] });
  assert.deepEqual(referencedColumns(parseCheck('a + "B" > coalesce(a, c)')), ['a', 'B', 'c']);
  // Precedence: NOT < comparison, AND < OR's operands, * before +, :: tightest.
  assert.equal(evaluateValue(parseCheck('1 + 2 * 3'), {}), 7);
  assert.equal(evaluate(parseCheck('NOT 1 = 2'), {}), true);
  assert.equal(evaluate(parseCheck('true OR false AND false'), {}), true);
  assert.equal(evaluateValue(parseCheck("'a' || 'b' || 1"), {}), 'ab1');
  assert.equal(evaluateValue(parseCheck("-'5'::integer"), {}, PG), -5);
});

test('dates and the clock come from the caller', () => {
  const ctx: EvalContext = { now: new Date('2024-03-15T12:00:00Z'), dialect: 'postgres' };
  const e = parseCheck('(due_date >= CURRENT_DATE)');
  assert.equal(evaluate(e, { due_date: '2024-03-15' }, ctx), true);
  assert.equal(evaluate(e, { due_date: '2024-03-14' }, ctx), false);
  assert.equal(evaluate(parseCheck('created_at <= now()'), { created_at: '2024-03-15 11:59:59' }, ctx), true);
  assert.equal(evaluate(parseCheck('created_at <= CURRENT_TIMESTAMP'), { created_at: new Date('2024-03-16T00:00:00Z') }, ctx), false);
  const sqlite: EvalContext = { now: ctx.now };
  assert.equal(evaluateValue(parseCheck("date('2024-01-31', '+1 month')"), {}, sqlite), '2024-03-02');
  assert.equal(evaluateValue(parseCheck("datetime('2024-01-01 10:00:00', '+90 minutes')"), {}, sqlite), '2024-01-01 11:30:00');
  assert.equal(evaluateValue(parseCheck("julianday('2000-01-01 12:00:00')"), {}, sqlite), 2451545);
  assert.equal(evaluateValue(parseCheck("strftime('%Y-%j', '2024-12-31')"), {}, sqlite), '2024-366');
  assert.equal(evaluate(parseCheck('julianday(ends) - julianday(starts) <= 30'), { starts: '2024-01-01', ends: '2024-01-31' }), true);
  assert.equal(evaluate(parseCheck('date(d) = d'), { d: '2024-02-30' }), null); // invalid date -> NULL
});

test('functions and operators', () => {
  const v = (sql: string, row: Record<string, unknown> = {}, ctx?: EvalContext): unknown => evaluateValue(parseCheck(sql), row, ctx);
  assert.equal(v("lower('AbC') || upper('x')"), 'abcX');
  assert.equal(v("trim('  a ') || ltrim('xxa', 'x') || rtrim('a  ')"), 'aaa');
  assert.equal(v('abs(-3) + abs(2.5)'), 5.5);
  assert.equal(v('coalesce(NULL, NULL, 3)'), 3);
  assert.equal(v('ifnull(NULL, 4)'), 4);
  assert.equal(v('nullif(1, 1)'), null);
  assert.equal(v('num_nulls(1, NULL, NULL)'), 2);
  assert.equal(v("typeof(1.5) || typeof('a') || typeof(NULL) || typeof(x'00')"), 'realtextnullblob');
  assert.equal(v("substr('hello', 2, 3) || substr('hello', -3)"), 'ellllo');
  assert.equal(v("substring('hello' FROM 2 FOR 3)", {}, PG), 'ell');
  assert.equal(v("instr('hello', 'll')"), 3);
  assert.equal(v('round(2.5) + round(1.234, 2)'), 4.23);
  assert.equal(v('7 / 2'), 3);
  assert.equal(v('7 / 2.0'), 3.5);
  assert.equal(v('7 % 3'), 1);
  assert.equal(v('1 / 0'), null); // SQLite: NULL
  assert.throws(() => v('1 / 0', {}, PG), CheckEvalError);
  assert.equal(v('9007199254740991 + 2'), 9007199254740993n);
  assert.equal(v("CASE WHEN x > 0 THEN 'pos' WHEN x < 0 THEN 'neg' ELSE 'zero' END", { x: -2 }), 'neg');
  assert.equal(v("CASE x WHEN 1 THEN 'one' END", { x: 2 }), null);
  assert.equal(v("'abc' LIKE 'a_c' AND 'a%c' LIKE 'a\\%c' ESCAPE '\\' AND 'abc' NOT LIKE 'a\\%c' ESCAPE '\\'"), true);
  assert.equal(v("'ABC' ILIKE 'a%'", {}, PG), true);
  assert.equal(v("'a.c' GLOB 'a?c' AND 'abc' NOT GLOB 'a[^b]c'"), true);
  assert.equal(v("'x9' ~ '^[[:alpha:]][[:digit:]]$'", {}, PG), true);
  assert.equal(v("x IS NOT DISTINCT FROM NULL", { x: null }), true);
  assert.equal(v("x IS DISTINCT FROM 1", { x: null }), true);
  assert.equal(v("flag IS TRUE", { flag: 1 }), true);
  assert.equal(v('flag = true', { flag: 't' }, PG), true);
  assert.equal(v("name COLLATE NOCASE = 'BOB'", { name: 'bob' }), true);
  assert.equal(v("x IN (1, NULL)", { x: 2 }), null);
  assert.equal(v("x NOT IN (1, 2)", { x: 3 }), true);
  assert.equal(v("x BETWEEN 1 AND NULL", { x: 5 }), null);
  assert.equal(v("x NOT BETWEEN 1 AND 3", { x: 5 }), true);
  assert.equal(v("('2024-01-10'::date - '2024-01-01'::date) = 9", {}, PG), true);
  assert.equal(v("cardinality(ARRAY[1, 2, 3])", {}, PG), 3);
  assert.equal(v("json_valid(doc)", { doc: '{"a":1}' }), 1);
  assert.equal(v("position('b' IN 'abc')", {}, PG), 2);
  // Numeric text compares numerically against numbers, lexically against text.
  assert.equal(v("x > 9", { x: '10' }), true);
  assert.equal(v("x > '9'", { x: '10' }), false);
  assert.throws(() => v('my_func(x) > 0', { x: 1 }), (e: Error) => e instanceof CheckEvalError && /unknown function my_func/.test(e.message));
  assert.throws(() => v('y > 0', { x: 1 }), CheckEvalError);
  assert.equal(satisfies(parseCheck('x > 0'), { x: null }), true);
});

test('hints intersect, union and stay sound', () => {
  const h = deriveHints([
    parseCheck('price >= 0'),
    parseCheck('price > 0 AND price < 1000 AND price <= 2000'),
    parseCheck("kind IN ('a', 'b', 'c')"),
    parseCheck("kind <> 'c'"),
    parseCheck("color = 'red' OR color = 'blue' OR color IN ('green')"),
    parseCheck('5 >= qty'),
    parseCheck('NOT (qty < 1)'),
    parseCheck('length(code) = 3'),
    parseCheck('a IS NULL OR b IS NULL OR a < b'),
    parseCheck('a > 1 OR b > 1'),
    parseCheck('x IS NULL OR x IS NOT NULL'),
    parseCheck('n IN (1, NULL)'),
  ]);
  const get = (k: string): unknown => { const { column: _c, ...rest } = h.columns.get(k)!; return rest; };
  assert.deepEqual(get('price'), { min: 0, minExclusive: true, max: 1000, maxExclusive: true });
  assert.deepEqual(get('kind'), { oneOf: ['a', 'b'], notIn: ['c'] });
  assert.deepEqual(get('color'), { oneOf: ['red', 'blue', 'green'] });
  assert.deepEqual(get('qty'), { max: 5, min: 1 });
  assert.deepEqual(get('code'), { minLength: 3, maxLength: 3 });
  assert.deepEqual(h.relations.map((r) => [r.left, r.op, r.right]), [['a', '<', 'b']]);
  assert.equal(h.columns.has('x'), false, 'a tautology gives no notNull');
  assert.equal(h.columns.has('n'), false, 'IN with NULL restricts nothing');
  assert.deepEqual(h.opaque.map((e) => referencedColumns(e)), [['a', 'b']]);
  // Keys are lower-cased, spelling is kept.
  const mixed = deriveHints([parseCheck('"MixedCase" > 2 AND "MixedCase" IS NOT NULL')]);
  assert.deepEqual(mixed.columns.get('mixedcase'), { column: 'MixedCase', min: 2, minExclusive: true, notNull: true });
  // Every hint holds on rows that pass: sample values and confirm against evaluate.
  const exprs: Expr[] = ['v >= 1 AND v < 4', "v IN (1, 2, 9) AND v <> 9", 'v BETWEEN 2 AND 3 OR v IS NULL'].map(parseCheck);
  const hv = deriveHints(exprs).columns.get('v')!;
  for (let x = -2; x <= 10; x += 0.5) {
    const ok = exprs.every((e) => satisfies(e, { v: x }));
    if (ok) assert.ok(x >= hv.min! && (!hv.oneOf || hv.oneOf.includes(x)), `hint excludes passing ${x}`);
  }
  assert.deepEqual(hv.oneOf, [2]);
});

test('errors name what could not be read', () => {
  const bad = ['x = (select 1)', 'x >', "x = 'abc", 'x = = 1', '(a, b) = (1, 2)', 'x = $1', 'x # 3 = 1', 'CHECK (x > 0', 'x IN y', 'CASE END'];
  for (const sql of bad) {
    assert.throws(() => parseCheck(sql), (e: Error) => e instanceof CheckParseError && e.message.startsWith('Cannot parse CHECK expression:'), sql);
  }
  assert.throws(() => parseCheck('x = (select 1)'), /subqueries are not supported/);
  assert.throws(() => parseCheck('x # 3 = 1'), /unsupported operator '#'/);
});

// Differential test: SQLite computes each expression on stored rows, and
// evaluate() must agree on the values SQLite hands back.
test('evaluate agrees with SQLite on the same rows', async () => {
  const { DatabaseSync } = await import('node:sqlite');
  const db = new DatabaseSync(':memory:');
  db.exec(`CREATE TABLE t (status TEXT, marks NUMERIC, score REAL, start_date TEXT, end_date TEXT,
    satisfaction_score REAL, phone TEXT, name TEXT, code TEXT, x NUMERIC, a INTEGER, b INTEGER, email TEXT)`);
  const rows: Record<string, unknown>[] = [
    { status: 'pending', marks: 50, score: 2.5, start_date: '2024-01-01', end_date: '2024-01-15', satisfaction_score: 3, phone: '5551234567', name: 'Alice', code: 'AB12', x: 4, a: 1, b: 2, email: 'a@b.c' },
    { status: 'nope', marks: -1, score: 7, start_date: '2024-02-01', end_date: '2024-01-01', satisfaction_score: 0.5, phone: '123', name: ' bob ', code: 'ab_z', x: -7, a: 5, b: 5, email: '@x' },
    { status: null, marks: null, score: null, start_date: null, end_date: null, satisfaction_score: null, phone: null, name: null, code: null, x: null, a: null, b: null, email: null },
    { status: 'approved', marks: 100.5, score: 0, start_date: '2023-12-31 23:00:00', end_date: '2024-01-01', satisfaction_score: null, phone: '12345678', name: 'Zed', code: '{"k":1}', x: 1, a: null, b: 3, email: 'x@y' },
    { status: 'Pending', marks: '42', score: 5, start_date: '1999-06-15', end_date: '1999-08-15', satisfaction_score: 5, phone: '', name: 'alice', code: 'AB', x: 2.5, a: 12, b: -1, email: 'no-at' },
  ];
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  for (const r of rows) insert.run(...(Object.values(r) as (string | number | null)[]));
  const exprs = [
    "status IN ('pending', 'approved')", 'marks >= 0 AND marks <= 100', 'score BETWEEN 0 AND 5', 'end_date >= start_date',
    'satisfaction_score IS NULL OR (satisfaction_score >= 1.0 AND satisfaction_score <= 5.0)', 'length(phone) >= 7',
    "name GLOB '[A-Z]*'", "code LIKE 'AB%'", "code LIKE 'a\\_%' ESCAPE '\\'", "typeof(x) = 'integer'", 'x % 3 = 1', 'x / 2 = 2',
    'x / 2.0 > 2', 'abs(x) < 5', 'coalesce(a, b) IS NOT NULL', 'ifnull(a, 0) + ifnull(b, 0) <= 10', 'nullif(a, b) IS NULL',
    "substr(code, 1, 2) = 'AB'", "instr(email, '@') > 1", 'round(x, 1) = x', 'lower(code) <> code', 'upper(code) = code',
    'trim(name) = name', 'date(start_date) = start_date', 'julianday(end_date) - julianday(start_date) <= 30',
    "strftime('%Y', start_date) >= '2000'", "datetime(start_date, '+1 day') > end_date", 'x IS 1', 'a IS NOT b',
    'CASE WHEN a > b THEN 1 ELSE 0 END = 1', "code || '-' || a = 'AB12-1'", "name COLLATE NOCASE = 'alice'",
    'x NOT IN (1, 2, NULL)', 'a IN (1, NULL)', 'NOT (x > 3)', 'max(a, b) < 10', 'min(a, b) > 0', '(a & 1) = 0',
    'iif(x > 0, 1, 0) = 1', 'length(x) = 1', '-x < 0', 'x BETWEEN a AND b', "code NOT LIKE '%z%'", 'json_valid(code)',
    'marks > 41.5', "status <> ''", 'a = b OR a < b', 'num_nulls(a, b) = 0' /* not in SQLite: skipped below */,
  ];
  let compared = 0;
  for (const sql of exprs) {
    let stmt;
    try {
      stmt = db.prepare(`SELECT (${sql}) AS r FROM t`);
    } catch {
      continue; // a PostgreSQL-only function
    }
    const expected = stmt.all().map((r) => (r.r === null ? null : Boolean(r.r)));
    const stored = db.prepare('SELECT * FROM t').all() as Record<string, unknown>[];
    const e = parseCheck(sql);
    stored.forEach((row, i) => {
      assert.equal(evaluate(e, row), expected[i], `${sql} on ${JSON.stringify(row)}`);
      compared++;
    });
  }
  assert.ok(compared >= 200);
});

test('every CHECK in the shared real-world schemas parses', (t) => {
  const root = new URL('../../shared/schemas/', import.meta.url);
  if (!existsSync(root)) {
    t.diagnostic('the shared schemas live outside the repo at ../shared/schemas; this checkout has none');
    t.skip('../shared/schemas not present');
    return;
  }
  const files = [
    'faraday_ai/faraday_models.sqlite.sql',
    'faraday_ai/faraday_models.postgresql.sql',
    'supabase_auth/auth_schema.pg_dump15.sql',
    'pagila/pagila-schema.pg15.sql',
  ];
  const failures: string[] = [];
  let count = 0;
  for (const f of files) {
    const sql = readFileSync(new URL(f, root), 'utf8');
    for (const body of checkBodies(sql)) {
      count++;
      try {
        const e = parseCheck(body);
        // With every column NULL a CHECK cannot fail (and must not throw).
        const row = Object.fromEntries(referencedColumns(e).map((c) => [c, null]));
        assert.notEqual(evaluate(e, row, { dialect: f.includes('sqlite') ? 'sqlite' : 'postgres' }), false, body);
      } catch (e) {
        failures.push(`${f}: ${body}\n  ${(e as Error).message}`);
      }
    }
  }
  t.diagnostic(`${count} CHECK expressions read`);
  assert.deepEqual(failures, []);
  assert.ok(count >= 80, `expected the 82 CHECKs of these schemas, found ${count}`);
});

test('PostgreSQL compares two YYYY-MM-DD texts as dates: the same order as parsing them, valid or not', async () => {
  const { compare } = await import('../src/seeders/check/values.ts');
  const { parseDateTime } = await import('../src/seeders/check/dates.ts');
  // What compare did before its fast path: parse both, chronological when both are dates, else text.
  const slow = (a: string, b: string) => {
    const da = parseDateTime(a), db = da && parseDateTime(b);
    return da && db ? Math.sign(da.ms - db.ms) : a < b ? -1 : a > b ? 1 : 0;
  };
  const days = ['0001-01-01', '0099-12-31', '0100-01-01', '1999-12-31', '2000-02-29', '2001-02-29', '2021-02-30', '2021-03-01', '2021-13-01', '2024-02-29', '9999-12-31', '2024-00-10', '2024-01-00'];
  for (const a of days) for (const b of days) assert.equal(compare(a, b, { dialect: 'postgres' }), slow(a, b), `${a} vs ${b}`);
  // Other shapes still compare chronologically.
  assert.equal(compare('2020-01-01', '2020-01-01 00:00:00', { dialect: 'postgres' }), 0);
});
