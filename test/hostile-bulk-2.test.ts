import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dataDump, orphans, sequenceState, startPostgres, type PgServer } from './support/postgres.ts';
import { cli, type CliResult } from './support/sqlite.ts';

// Hostile names on the large-run path of PostgreSQL, which test/hostile-names.test.ts (30 rows)
// never reaches: in a run of 20,000 rows or more, from 1,000 rows a table's FKs are dropped and added back from
// pg_get_constraintdef, from 2,000 its keys and indexes from pg_get_indexdef, with their comments
// given back by COMMENT statements; rows go in by COPY. Every name there (schema, table, column,
// constraint, index, sequence, comment text) holds quotes, a semicolon, a newline, a backslash or
// an escape. The database must end with the same constraints, indexes and comments, exact row
// counts and no violation; undo and clear must put it back.

const q = (id: string) => `"${id.replaceAll('"', '""')}"`;
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const S = `sch'ema"; DROP SCHEMA public; --`;
const P = `par"ent'; \\ \x1b[2J`;
const C = `chi'ld "\n" rows`;
const COMMENT = `it's "commented"; DROP TABLE x; -- \\ ${'\x1b'}]0;t\x07`;
const ROWS = 10_000; // two tables: 20,000 rows, a large run

const DDL = `
CREATE SCHEMA ${q(S)};
CREATE TABLE ${q(S)}.${q(P)} (
  ${q("i'd")} integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ${q('na"me;')} text NOT NULL CONSTRAINT ${q(`uq'"; x`)} UNIQUE,
  ${q('co\\de')} varchar(20) NOT NULL
);
CREATE UNIQUE INDEX ${q(`ix "lower"; '`)} ON ${q(S)}.${q(P)} (lower(${q('co\\de')})) WHERE ${q('co\\de')} <> ';';
COMMENT ON CONSTRAINT ${q(`uq'"; x`)} ON ${q(S)}.${q(P)} IS ${lit(COMMENT)};
COMMENT ON INDEX ${q(S)}.${q(`ix "lower"; '`)} IS ${lit(COMMENT)};
CREATE TABLE ${q(S)}.${q(C)} (
  id serial PRIMARY KEY,
  ${q("pa'rent")} integer NOT NULL CONSTRAINT ${q(`fk "to"; ' parent`)} REFERENCES ${q(S)}.${q(P)} (${q("i'd")}),
  ${q('n;o"te')} text CONSTRAINT ${q(`ck ';"`)} CHECK (length(${q('n;o"te')}) < 500)
);
CREATE INDEX ${q(`by "parent"\n'`)} ON ${q(S)}.${q(C)} (${q("pa'rent")});
COMMENT ON CONSTRAINT ${q(`fk "to"; ' parent`)} ON ${q(S)}.${q(C)} IS ${lit(COMMENT)};
`;

/** Every constraint and index of the schema with its definition and comment, as PostgreSQL prints them. */
const CATALOGUE = `
  SELECT 'c ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) || ' ' || coalesce(obj_description(oid, 'pg_constraint'), '-') AS d
  FROM pg_constraint WHERE connamespace = (SELECT oid FROM pg_namespace WHERE nspname = ${lit(S)})
  UNION ALL
  SELECT 'i ' || indexrelid::regclass || ' ' || pg_get_indexdef(indexrelid) || ' ' || coalesce(obj_description(indexrelid, 'pg_class'), '-')
  FROM pg_index JOIN pg_class c ON c.oid = indrelid WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ${lit(S)})
  ORDER BY 1`;

let pg: PgServer;
before(async () => { pg = await startPostgres(); });
after(async () => { await pg?.stop(); });

const ok = (r: CliResult, what: string) => {
  assert.equal(r.code, 0, `${what}: ${r.stdout}\n${r.stderr}`);
  return r;
};

test(`${ROWS} rows each into tables whose every name is hostile: keys, indexes, FKs and comments come back exactly; validate, undo and clear work`, { timeout: 240_000 }, async () => {
  await pg.createDatabase('bulk', DDL);
  const url = `${pg.url('bulk')}?schema=${encodeURIComponent(S)}`;
  const catalogue = async () => (await pg.query<{ d: string }>('bulk', CATALOGUE)).map((r) => r.d);
  const before = await catalogue();
  assert.equal(before.length, 15);
  const empty = await dataDump(pg, 'bulk');
  const sequences = await sequenceState(pg, 'bulk');

  const oids = async () => (await pg.query<{ o: string }>('bulk', `SELECT string_agg(oid::text, ',' ORDER BY conname) AS o FROM pg_constraint WHERE contype IN ('f', 'u') AND connamespace = (SELECT oid FROM pg_namespace WHERE nspname = ${lit(S)})`))[0].o;
  const oidsBefore = await oids();
  ok(cli(['seed', '--db', url, '--rows', String(ROWS), '--yes']), 'seed');
  assert.notEqual(await oids(), oidsBefore, 'the run took the large-run path (its FK and key were dropped and added back)');
  const n = await pg.query<{ p: string; c: string }>('bulk', `SELECT (SELECT count(*) FROM ${q(S)}.${q(P)}) AS p, (SELECT count(*) FROM ${q(S)}.${q(C)}) AS c`);
  assert.deepEqual(n[0], { p: String(ROWS), c: String(ROWS) });
  assert.deepEqual(await catalogue(), before, 'constraints, indexes and comments as they were');
  assert.deepEqual((await orphans(pg, 'bulk')).filter((o) => o.n), []);
  assert.equal((await pg.query<{ public: string | null }>('bulk', `SELECT to_regnamespace('public')::text AS public`))[0].public, 'public');
  ok(cli(['validate', '--db', url]), 'validate');

  ok(cli(['undo', '--yes', '--db', url]), 'undo');
  assert.equal(await dataDump(pg, 'bulk'), empty, 'undo leaves the rows as they were');
  ok(cli(['seed', '--db', url, '--rows', String(ROWS), '--yes']), 'seed again');
  ok(cli(['clear', '--yes', '--db', url]), 'clear');
  assert.equal(await dataDump(pg, 'bulk'), empty);
  assert.equal(await sequenceState(pg, 'bulk'), sequences, 'clear restarts the sequences');
  assert.deepEqual(await catalogue(), before);
});
