import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cli, warnings } from './support/sqlite.ts';

// Regex CHECKs too big to satisfy or to evaluate. A pattern of nested repetitions whose every
// match is millions of characters (((a{255}){255}){255}: 16,581,375) got 60 attempts and the
// generic "No row satisfies"; one whose matches fit but whose samples could run long (12,600
// characters at the shortest) was not drawn at all and was left out the same way. A CHECK of
// 20,000 alternatives is read by the engine but fails inside PostgreSQL ("invalid memory alloc
// request size"), which ended the whole run with exit 1 instead of leaving that table out.

let pg: PgServer;
after(async () => { await pg?.stop(); });

const alternatives = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}x`).join('|');

before(async () => {
  pg = await startPostgres();
  await pg.createDatabase('nested', `
    CREATE TABLE plain (id serial PRIMARY KEY, name text NOT NULL);
    CREATE TABLE huge (id serial PRIMARY KEY, s text NOT NULL CHECK (s ~ '^((a{255}){255}){255}$'));
    CREATE TABLE over (id serial PRIMARY KEY, s text CHECK (s ~ '^(x{2000}){1000}-[0-9]+$'));
    CREATE TABLE long_fit (id serial PRIMARY KEY, s text NOT NULL CHECK (s ~ '^((ab{20}){20}){30}$'));
    CREATE TABLE short_branch (id serial PRIMARY KEY, s text NOT NULL CHECK (s ~ '^((q{200}){100}|[a-c]{2,5})$'));`);
  await pg.createDatabase('alts', `
    CREATE TABLE owner (id serial PRIMARY KEY, name text NOT NULL);
    CREATE TABLE word (id serial PRIMARY KEY, owner_id int REFERENCES owner, s text NOT NULL CHECK (s ~ '^(${alternatives})$'));
    CREATE TABLE note (id serial PRIMARY KEY, owner_id int NOT NULL REFERENCES owner, body text);`);
});

const counts = async (db: string, tables: string[]) => Object.fromEntries(await Promise.all(tables.map(async (t) =>
  [t, Number((await pg.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${t}`))[0].n)])));

test('a pattern whose matches are all over 1,000,000 characters is named with its CHECK; one whose shortest matches fit is filled', async () => {
  const p = cli(['plan', '--db', pg.url('nested'), '--rows', '5']);
  assert.equal(p.code, 0, p.stdout + p.stderr);
  assert.match(p.stdout, /^ {2}huge: cannot fill: huge\.s: the pattern in CHECK \(\(s ~ '\^\(\(a\{255\}\)\{255\}\)\{255\}\$'::text\)\) matches only text of at least 16,581,375 characters; Seedbed writes at most 1,000,000 per value$/m);

  const r = cli(['seed', '--db', pg.url('nested'), '--rows', '5']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.deepEqual(warnings(r.stderr), [
    "warning: huge: cannot fill: huge.s: the pattern in CHECK ((s ~ '^((a{255}){255}){255}$'::text)) matches only text of at least 16,581,375 characters; Seedbed writes at most 1,000,000 per value; left out",
    "warning: over: cannot fill: over.s: the pattern in CHECK ((s ~ '^(x{2000}){1000}-[0-9]+$'::text)) matches only text of at least 2,000,002 characters; Seedbed writes at most 1,000,000 per value; left out",
  ]);
  assert.doesNotMatch(r.stderr, /No row of/);
  assert.deepEqual(await counts('nested', ['plain', 'huge', 'over', 'long_fit', 'short_branch']), { plain: 5, huge: 0, over: 0, long_fit: 5, short_branch: 5 });
  const [fit] = await pg.query<{ len: number }>('nested', 'SELECT min(length(s)) AS len FROM long_fit');
  assert.equal(Number(fit.len), 12600);
  const v = cli(['validate', '--db', pg.url('nested')]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /no problems found/);
});

test('a CHECK PostgreSQL cannot evaluate (20,000 alternatives: invalid memory alloc) leaves its table out; the others are filled', async () => {
  const r = cli(['seed', '--db', pg.url('alts'), '--rows', '5']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(warnings(r.stderr).length, 1, r.stderr);
  assert.match(warnings(r.stderr)[0], /^warning: word: cannot fill: PostgreSQL could not evaluate its constraints or triggers, too large for the server: invalid memory alloc request size \d+; left out$/);
  assert.deepEqual(await counts('alts', ['owner', 'word', 'note']), { owner: 5, word: 0, note: 5 });

  // --strict: the run fails, naming the table, and nothing of it is written.
  const s = cli(['seed', '--db', pg.url('alts'), '--rows', '5', '--strict']);
  assert.equal(s.code, 1, s.stdout + s.stderr);
  assert.match(s.stderr, /^seedbed: Cannot fill table word \(PostgreSQL could not evaluate its constraints or triggers, too large for the server: invalid memory alloc request size \d+\); --strict allows no table to be left out\./m);
  assert.deepEqual(await counts('alts', ['owner', 'word', 'note']), { owner: 5, word: 0, note: 5 });
});
