import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { compileRegex, globToRegexSource, likeToRegexSource } from '../src/seeders/check/patterns.ts';
import { cleanup, cli, counts, createDb, tempDir } from './support/sqlite.ts';

// LIKE and GLOB CHECKs with thousands of wildcards. As regexes (`^[\s\S]*a[\s\S]*a…$`) they ran
// into V8's backtracking limit and then its linear fallback at O(length × pattern) per test: a
// LIKE with 2,000 % cost 0.55 s a row (10 rows: 6 s; 1,000 rows: about 10 minutes, a hang to the
// user). Such patterns are matched piece by piece now (src/seeders/check/wildcard.ts).

const dir = tempDir('seedbed-patterns-');
after(() => cleanup(dir));

test('a 2,000-% LIKE and a 2,000-* GLOB: 300 rows in seconds, every row passes SQLite\'s own check', () => {
  const file = join(dir, 'wild.db');
  createDb(file, `CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT NOT NULL CHECK (x LIKE '${'%a'.repeat(2000)}'), y TEXT CHECK (y GLOB '${'*b'.repeat(2000)}_*' ));`);
  const started = Date.now();
  const r = cli(['seed', '--rows', '300', '--db', `sqlite:${file}`]);
  const ms = Date.now() - started;
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(counts(file), { t: 300 });
  assert.ok(ms < 60_000, `seed took ${ms} ms`);
  const v = cli(['validate', '--db', `sqlite:${file}`]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
});

test('the piece-by-piece matcher answers as the regex does (LIKE with and without ESCAPE, ILIKE, GLOB)', () => {
  const alpha = ['a', 'b', '%', '_', '\\', '.', '*', '?', 'A', '😀', '-', '/', '['];
  const text = ['a', 'b', 'A', '%', '_', '.', '\\', '😀', '-', '*'];
  let seed = 7;
  const pick = <T>(xs: T[]): T => xs[(seed = (seed * 1103515245 + 12345) & 0x7fffffff) % xs.length];
  let compared = 0;
  for (let i = 0; i < 20_000; i++) {
    const p = Array.from({ length: i % 9 }, () => pick(alpha)).join('');
    const s = Array.from({ length: (i * 7) % 10 }, () => pick(text)).join('');
    for (const [source, flags] of [[likeToRegexSource(p, '\\'), ''], [likeToRegexSource(p, null), 'i'], [globToRegexSource(p), '']] as const) {
      let want: boolean;
      // ILIKE as the regex path runs it: literals lower-cased (escapes kept), the text too.
      const lowered = source.replace(/\\[\s\S]|[^\\]+/g, (t) => (t[0] === '\\' ? t : t.toLowerCase()));
      try { want = new RegExp(flags ? lowered : source).test(flags ? s.toLowerCase() : s); } catch { continue; }
      assert.equal(compileRegex(source, flags, (m) => new Error(m)).test(s), want, `${JSON.stringify(p)} ${flags} on ${JSON.stringify(s)}`);
      compared++;
    }
  }
  assert.ok(compared > 50_000);
  // And the pattern that was slow: a hundred tests of a 5,000-character value at once.
  const m = compileRegex(likeToRegexSource('%a'.repeat(2000), '\\'), '', (x) => new Error(x));
  const started = performance.now();
  for (let i = 0; i < 100; i++) assert.equal(m.test('xa'.repeat(2500)), true);
  assert.equal(m.test('xa'.repeat(1999)), false);
  assert.ok(performance.now() - started < 2000);
});
