import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { branchesOf, parseCheck, type Expr } from '../src/seeders/check/index.ts';
import { openDatabase } from '../src/seeders/index.ts';
import { planSeed } from '../src/seeders/plan/plan.ts';
import { cleanup, createDb, tempDir } from './support/sqlite.ts';

// The CHECK solver's two halves in isolation: a CHECK as branches (check/branches.ts), and which
// branches survive on a table (plan/branches.ts: contradictions pruned, what each one steers).

const dir = tempDir('seedbed-branches-');
after(() => cleanup(dir));

/** Atoms as short text, so branches compare as plain strings. */
function text(e: Expr): string {
  switch (e.kind) {
    case 'col': return e.name;
    case 'lit': return typeof e.value === 'string' ? `'${e.value}'` : String(e.value);
    case 'isnull': return `${text(e.arg)} IS ${e.not ? 'NOT ' : ''}NULL`;
    case 'binary': return `${text(e.left)} ${e.op} ${text(e.right)}`;
    case 'unary': return `${e.op} ${text(e.arg)}`;
    case 'in': return `${text(e.arg)} ${e.not ? 'NOT ' : ''}IN (${e.list.map(text).join(', ')})`;
    case 'cast': return `${text(e.arg)}::${e.type}`;
    default: return e.kind;
  }
}
const branches = (sql: string) => branchesOf(parseCheck(sql))?.map((b) => b.map(text).join(' AND '));

test('exactly one of two, of three; NULL counts; sums of truth values', () => {
  assert.deepEqual(branches('(a IS NULL) <> (b IS NULL)'), ['a IS NULL AND b IS NOT NULL', 'a IS NOT NULL AND b IS NULL']);
  assert.deepEqual(branches('num_nonnulls(a, b, c) = 1'), [
    'a IS NOT NULL AND b IS NULL AND c IS NULL', 'a IS NULL AND b IS NOT NULL AND c IS NULL', 'a IS NULL AND b IS NULL AND c IS NOT NULL',
  ]);
  assert.deepEqual(branches('num_nulls(a, b) <= 1'), ['a IS NOT NULL AND b IS NOT NULL', 'a IS NULL AND b IS NOT NULL', 'a IS NOT NULL AND b IS NULL']);
  assert.deepEqual(branches('num_nonnulls(a, b) = 2'), ['a IS NOT NULL AND b IS NOT NULL'], 'one branch: the narrowing case');
  assert.deepEqual(branches('(x IS NOT NULL)::int + (y IS NOT NULL)::int = 1'), ['x IS NOT NULL AND y IS NULL', 'x IS NULL AND y IS NOT NULL']);
  assert.deepEqual(branches('(x IS NOT NULL) + (y IS NOT NULL) = 2'), ['x IS NOT NULL AND y IS NOT NULL'], 'SQLite: truth values are integers');
});

test('NOT is pushed down; CASE is one branch per WHEN and the ELSE; BETWEEN negated splits', () => {
  assert.deepEqual(branches('NOT (a IS NULL AND b IS NULL)'), ['a IS NOT NULL', 'b IS NOT NULL']);
  assert.deepEqual(branches("NOT (kind = 'x' OR n < 5)"), ["kind <> 'x' AND n >= 5"]);
  assert.deepEqual(branches("CASE kind WHEN 'org' THEN org IS NOT NULL WHEN 'person' THEN first IS NOT NULL ELSE false END"), [
    "kind = 'org' AND org IS NOT NULL", "kind <> 'org' AND kind = 'person' AND first IS NOT NULL",
  ]);
  assert.deepEqual(branches("CASE WHEN kind = 'a' THEN n > 0 END"), ["kind = 'a' AND n > 0", "kind <> 'a'"], 'no ELSE: NULL passes');
  assert.deepEqual(branches('n NOT BETWEEN 1 AND 5'), ['n < 1', 'n > 5']);
  assert.deepEqual(branches("status = 'pending' OR verified_at IS NOT NULL"), ["status = 'pending'", 'verified_at IS NOT NULL']);
});

test('too many alternatives are not steered (left to the row test)', () => {
  const wide = Array.from({ length: 7 }, (_, i) => `(a${i} IS NULL OR b${i} IS NULL)`).join(' AND ');
  assert.equal(branchesOf(parseCheck(wide)), null, '2^7 = 128 branches');
});

test('on a table: branches that contradict its other CHECKs or its NOT NULLs are dropped', async () => {
  const file = join(dir, 'prune.db');
  createDb(file, `
    CREATE TABLE providers (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('oauth2', 'oidc')),
      issuer TEXT,
      token_url TEXT NOT NULL,
      CHECK (kind <> 'oidc' OR issuer IS NOT NULL),
      CHECK (kind <> 'oidc' OR issuer IS NULL OR issuer LIKE 'https://%'),
      CHECK (kind = 'oidc' OR token_url IS NULL OR issuer IS NULL)
    );`);
  const driver = await openDatabase(`sqlite:${file}`);
  try {
    const plan = planSeed(await driver.readSchema(), { rows: 10, existing: new Map() });
    const groups = plan.recipes.get('providers')!.branches!;
    assert.equal(groups.length, 1, 'the three CHECKs share columns: solved together');
    const texts = groups[0].branches.map((b) => b.text);
    assert.deepEqual(texts, [
      "kind = 'oauth2'; NULL: issuer",
      "kind = 'oidc'; issuer LIKE 'https://%'",
    ]);
  } finally {
    await driver.close();
  }
});
