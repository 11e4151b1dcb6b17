import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { deriveHints, evaluate, parseCheck } from '../src/seeders/check/index.ts';
import { dataDump, startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, dump, tempDir, type CliResult } from './support/sqlite.ts';

// CHECKs built to break the reader: thousands of OR/AND alternatives, expressions nested
// hundreds deep, 100 KB of text. Each must be read in bounded time and stack, or be refused
// with a message that names the depth; a refused CHECK is left to the database (the seed still
// runs) and is quoted cut short, never as 100 KB of warning.

const dir = tempDir('seedbed-hostile-checks-');
after(() => cleanup(dir));

const ok = (r: CliResult, what: string): CliResult => {
  assert.equal(r.code, 0, `${what} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
};
const list = (n: number, f: (i: number) => string, sep: string) => Array.from({ length: n }, (_, i) => f(i)).join(sep);
const timed = <T>(fn: () => T): [T, number] => { const t = performance.now(); const r = fn(); return [r, performance.now() - t]; };

describe('the CHECK reader: depth and width', () => {
  test('nesting past 200 (brackets, calls, CASE, NOT, signs) is refused by name, not by a stack overflow', () => {
    const cases = [
      '('.repeat(300) + 'a > 0' + ')'.repeat(300),
      'a > ' + 'abs('.repeat(300) + '1' + ')'.repeat(300),
      'a = ' + 'CASE WHEN a > 0 THEN '.repeat(300) + '1' + ' ELSE 0 END'.repeat(300),
      'NOT '.repeat(5000) + 'a > 0',
      'a > ' + '- '.repeat(100_000) + '1',
      'a = ARRAY' + '['.repeat(300) + '1' + ']'.repeat(300),
    ];
    for (const sql of cases) {
      assert.throws(() => parseCheck(sql), (e: Error) => {
        assert.equal(e.name, 'CheckParseError');
        assert.match(e.message, /^Cannot parse CHECK expression: the expression is nested more than 200 levels deep at offset \d+ \(near "/);
        return true;
      }, sql.slice(0, 40));
    }
    // 190 levels is read, and every reader of the tree copes with it.
    const deep = parseCheck('1 = ' + 'CASE WHEN a > 0 THEN '.repeat(190) + '1' + ' ELSE 0 END'.repeat(190));
    assert.equal(evaluate(deep, { a: 5 }), true);
  });

  test('a chain of 600 operators is refused by its depth; the tree readers never overflow', () => {
    for (const sql of ['a' + ' + 1'.repeat(600) + ' > 0', "b = 'x'" + " || 'x'".repeat(600), 'a > 1' + '::int'.repeat(600), 'a' + ' IS NULL'.repeat(600)]) {
      assert.throws(() => parseCheck(sql), { message: /^Cannot parse CHECK expression: the expression is nested more than 500 levels deep at offset 0 / }, sql.slice(0, 30));
    }
    assert.equal(evaluate(parseCheck('a' + ' + 1'.repeat(400) + ' = 405'), { a: 5 }), true);
  });

  test('50,000 OR alternatives and 20,000 ANDs are read whole, in linear time', () => {
    const [or, orMs] = timed(() => deriveHints([parseCheck(list(50_000, (i) => `s = 'v${i}'`, ' OR '))]));
    assert.equal(or.columns.get('s')!.oneOf!.length, 50_000, 'every alternative is an allowed value');
    const [and, andMs] = timed(() => deriveHints([parseCheck(`a >= 0 AND ${list(20_000, (i) => `a <> ${i * 2}`, ' AND ')}`)]));
    assert.equal(and.columns.get('a')!.notIn!.length, 20_000);
    const both = parseCheck(`${list(5_000, (i) => `(a = ${i} AND b = 'x${i}')`, ' OR ')}`);
    assert.equal(evaluate(both, { a: 4_999, b: 'x4999' }), true);
    assert.equal(evaluate(both, { a: 4_999, b: 'x1' }), false);
    // Was: a stack overflow past ≈1,800 alternatives, and quadratic time (18 s for 20,000 ANDs).
    assert.ok(orMs < 15_000 && andMs < 15_000, `OR ${orMs.toFixed(0)} ms, AND ${andMs.toFixed(0)} ms`);
  });

  test('a 100 KB token in a parse error is quoted cut short', () => {
    assert.throws(() => parseCheck(`a = 1 '${'x'.repeat(100_000)}'`), (e: Error) => {
      assert.match(e.message, /^Cannot parse CHECK expression: unexpected string 'x{60}… \(100,000 characters in all\)' after the expression at offset 6 /);
      assert.ok(e.message.length < 300, `${e.message.length} characters`);
      return true;
    });
  });
});

describe('patterns that make a backtracking matcher take forever', () => {
  test('LIKE, ILIKE, GLOB, ~, ~*, SIMILAR TO and regexp_like answer at once on the values that trip them', () => {
    const a = (n: number) => 'a'.repeat(n);
    const cases: [string, string, 'sqlite' | 'postgres', boolean][] = [
      [`s LIKE '${'%a'.repeat(12)}%b'`, a(200), 'sqlite', false],
      [`s ILIKE '${'%A'.repeat(12)}%b'`, a(200), 'postgres', false],
      [`s GLOB '${'*a'.repeat(12)}*b'`, a(200), 'sqlite', false],
      ["s ~ '^(a+)+$'", a(60) + 'b', 'postgres', false],
      ["s ~* '^(A|a)*B$'", a(60), 'postgres', false],
      ["s ~ '(x+x+)+y'", 'x'.repeat(5000), 'postgres', false],
      ["s SIMILAR TO '(a+)+'", a(60) + 'b', 'postgres', false],
      ["regexp_like(s, '^(a+)+$', 'i')", a(60) + 'b', 'postgres', false],
      ["s ~* '^[A-Z]+$'", 'abcDEF', 'postgres', true],
      ["s ~ '^a{30,40}$' AND s !~ '^(a+)+b$'", a(35), 'postgres', true],
    ];
    for (const [sql, s, dialect, want] of cases) {
      const [got, ms] = timed(() => evaluate(parseCheck(sql), { s }, { dialect }));
      assert.equal(got, want, sql);
      assert.ok(ms < 2_000, `${sql}: ${ms.toFixed(0)} ms`);
    }
  });

  test('a backreference is left to the database, by name (only a backtracking engine runs it)', () => {
    assert.throws(() => evaluate(parseCheck("s ~ '^(a+)+\\1$'"), { s: 'a'.repeat(40) }, { dialect: 'postgres' }), {
      name: 'CheckEvalError', message: 'backreferences and lookaround are not evaluated (/^(a+)+\\1$/)',
    });
  });
});

describe('deep and wide CHECKs on SQLite', () => {
  test('a CHECK nested past 500 is left to the database, named once and quoted cut short; the seed fills every table (LIKE % and GLOB * drawn too)', () => {
    const file = join(dir, 'deep.db');
    createDb(file, `
      CREATE TABLE deep (id INTEGER PRIMARY KEY, a INTEGER NOT NULL CHECK (a${' + 1'.repeat(600)} > 0));
      CREATE TABLE wide (id INTEGER PRIMARY KEY, s TEXT NOT NULL CHECK (${list(990, (i) => `s = 'v${i}'`, ' OR ')}));
      CREATE TABLE likes (id INTEGER PRIMARY KEY, s TEXT NOT NULL CHECK (s LIKE '%a%a%a%a%a%b'), g TEXT NOT NULL CHECK (g GLOB '*[0-9]*x*'));
    `);
    const before = dump(file);
    const plan = ok(cli(['plan', '--db', `sqlite:${file}`]), 'plan');
    const warning = plan.stdout.split('\n').find((l) => l.startsWith('  deep: CHECK (a + 1 + 1') && l.endsWith('checked by the database'))!;
    assert.ok(warning, plan.stdout);
    assert.match(warning, / \+ 1 \+ … \(2,405 characters in all\)\) not understood \(Cannot parse CHECK expression: the expression is nested more than 500 levels deep at offset 0 \(near "a \+ 1 \+ 1 \+ 1 \+ 1 \+ "\)\); checked by the database$/);
    assert.ok(warning.length < 600, `${warning.length} characters`);
    assert.doesNotMatch(plan.stdout, /wide: CHECK/, 'the 990 alternatives are read');
    assert.equal(dump(file), before, 'plan writes nothing');

    ok(cli(['seed', '--db', `sqlite:${file}`, '--rows', '40']), 'seed');
    assert.deepEqual(counts(file), { deep: 40, wide: 40, likes: 40 });
    ok(cli(['validate', '--db', `sqlite:${file}`]), 'validate');
  });
});

test('numbers at the edges of a double: filled inside their bounds; an empty range is named (was: NULL into NOT NULL, "needs >= 0.01 and <= -0.01")', () => {
  const file = join(dir, 'edges.db');
  createDb(file, `
    CREATE TABLE huge (id INTEGER PRIMARY KEY, a REAL NOT NULL CHECK (a BETWEEN -1e308 AND 1e308), b REAL NOT NULL CHECK (b > 1e307), c REAL NOT NULL CHECK (c < -1.7e308), d REAL NOT NULL CHECK (d > 1.7e308));
    CREATE TABLE tiny (id INTEGER PRIMARY KEY, a REAL NOT NULL CHECK (a > 0 AND a < 1e-300));
    CREATE TABLE beyond (id INTEGER PRIMARY KEY, a REAL NOT NULL CHECK (a < -1e400 OR a > 1e400 OR a = 5));
    CREATE TABLE big_int (id INTEGER PRIMARY KEY, a INTEGER NOT NULL CHECK (a > 4611686018427387904));
    CREATE TABLE none_above (id INTEGER PRIMARY KEY, a REAL NOT NULL CHECK (a > 1e400));
    CREATE TABLE none_between (id INTEGER PRIMARY KEY, a REAL NOT NULL CHECK (a > 0.1 AND a < 0.10000000000000002));
  `);
  const r = ok(cli(['seed', '--db', `sqlite:${file}`, '--rows', '30']), 'seed');
  assert.deepEqual(counts(file), { huge: 30, tiny: 30, beyond: 30, big_int: 30, none_above: 0, none_between: 0 });
  assert.match(r.stderr, /^warning: none_above: cannot fill: No value of none_above\.a can satisfy CHECK \(a > 1e400\): its CHECKs need a value above every finite number; left out$/m);
  assert.match(r.stderr, /^warning: none_between: cannot fill: No value of none_between\.a can satisfy CHECK \(a > 0\.1 AND a < 0\.10000000000000002\): its CHECKs need a value > 0\.1 and < 0\.10000000000000002; left out$/m);
  ok(cli(['validate', '--db', `sqlite:${file}`]), 'validate');
});

test('a CHECK asking for 100 million characters per value is named, not drawn (was: 2.7 GB, then "Invalid string length")', () => {
  const file = join(dir, 'long.db');
  createDb(file, `
    CREATE TABLE huge_text (id INTEGER PRIMARY KEY, s TEXT NOT NULL CHECK (length(s) = 100000000));
    CREATE TABLE long_text (id INTEGER PRIMARY KEY, s TEXT NOT NULL CHECK (length(s) >= 200000));
  `);
  const r = ok(cli(['seed', '--db', `sqlite:${file}`, '--rows', '10']), 'seed');
  assert.match(r.stderr, /^warning: huge_text: cannot fill: huge_text\.s: its CHECKs ask for text of at least 100,000,000 characters; Seedbed writes at most 1,000,000 per value; left out$/m);
  assert.deepEqual(counts(file), { huge_text: 0, long_text: 10 });
  ok(cli(['validate', '--db', `sqlite:${file}`]), 'validate');
});

test('a seed whose every table is left out says so, not "every table already has the rows"', () => {
  const file = join(dir, 'never.db');
  createDb(file, 'CREATE TABLE never (id INTEGER PRIMARY KEY, a INTEGER NOT NULL CHECK (a > 5 AND a < 3 + abs(a) - abs(a)));');
  const before = dump(file);
  const r = ok(cli(['seed', '--db', `sqlite:${file}`]), 'seed');
  assert.equal(r.stdout, 'Nothing was added: never could not be filled; see the warnings above. No run was recorded.\n');
  assert.match(r.stderr, /^warning: never: cannot fill: No row of never satisfies CHECK \(a > 5 AND a < 3 \+ abs\(a\) - abs\(a\)\) after \d+ attempts; left out$/m);
  assert.equal(dump(file), before, 'the database is as it was');
});

describe('deep and wide CHECKs on PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('a value that one CHECK forces and another\'s pattern backtracks on: seeded at once (was: hung)', { timeout: 120_000 }, async () => {
    await pg.createDatabase('redos', `CREATE TABLE r (id serial PRIMARY KEY, s text NOT NULL CHECK (s ~ '^a{30,40}$') CHECK (s !~ '^(a+)+b$'), t text NOT NULL CHECK (t ~* '^(x|X)+y?$'))`);
    const url = pg.url('redos');
    const t = performance.now();
    ok(cli(['seed', '--db', url, '--rows', '30', '--yes']), 'seed');
    assert.ok(performance.now() - t < 30_000, `${((performance.now() - t) / 1000).toFixed(1)} s`);
    const [row] = await pg.query<{ n: string; bad: string }>('redos', `SELECT count(*) AS n, count(*) FILTER (WHERE s !~ '^a{30,40}$') AS bad FROM r`);
    assert.deepEqual([Number(row.n), Number(row.bad)], [30, 0]);
    ok(cli(['validate', '--db', url]), 'validate');
  });

  test('6,000 exclusions, 3,000 alternatives and CASE 250 deep: plan and seed finish, every row passes the database', { timeout: 120_000 }, async () => {
    // PostgreSQL accepts them; Seedbed's plan and seed crashed ("Maximum call stack size exceeded").
    await pg.createDatabase('wide', `
      CREATE TABLE t_or (id serial PRIMARY KEY, s text NOT NULL CHECK (${list(3_000, (i) => `s = 'v${i}'`, ' OR ')}));
      CREATE TABLE t_and (id serial PRIMARY KEY, a integer NOT NULL CHECK (a >= 0 AND a < 12000 AND ${list(6_000, (i) => `a <> ${i * 2}`, ' AND ')}));
      CREATE TABLE t_case (id serial PRIMARY KEY, a integer NOT NULL CHECK ((${'CASE WHEN a > 0 THEN '.repeat(250)}1${' ELSE 1 END'.repeat(250)}) = 1));
    `);
    const url = pg.url('wide');
    const empty = await dataDump(pg, 'wide');
    const t = performance.now();
    const plan = ok(cli(['plan', '--db', url]), 'plan');
    assert.match(plan.stdout, /^ {2}t_case: CHECK \(\( CASE WHEN \(a > 0\) THEN CASE .{200,300}… \([\d,]+ characters in all\)\) not understood \(Cannot parse CHECK expression: the expression is nested more than 200 levels deep at offset \d+ \(near "[^"]*"\)\); checked by the database$/m);
    assert.doesNotMatch(plan.stdout, /t_(or|and): CHECK/, 'the wide CHECKs are read');
    assert.equal(await dataDump(pg, 'wide'), empty, 'plan writes nothing');

    ok(cli(['seed', '--db', url, '--rows', '40', '--yes']), 'seed');
    const rows = await pg.query<{ t: string; n: string }>('wide', `SELECT 't_or' AS t, count(*) AS n FROM t_or UNION ALL SELECT 't_and', count(*) FROM t_and UNION ALL SELECT 't_case', count(*) FROM t_case`);
    assert.deepEqual(Object.fromEntries(rows.map((r) => [r.t, Number(r.n)])), { t_or: 40, t_and: 40, t_case: 40 });
    ok(cli(['validate', '--db', url]), 'validate');
    assert.ok(performance.now() - t < 60_000, `plan, seed and validate took ${((performance.now() - t) / 1000).toFixed(1)} s`);
  });
});
