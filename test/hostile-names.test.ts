import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dataDump, orphans, startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, dump, integrity, SHARED, SHARED_MISSING, tempDir, type CliResult } from './support/sqlite.ts';

// Hostile names over every command, on SQLite and PostgreSQL: tables, columns, constraints,
// indexes and (PostgreSQL) schemas whose names hold quotes, newlines, dots, HTML, Markdown links,
// terminal escapes, an RTL override, commas with spaces, backslashes, printf/placeholder text,
// 63-byte and multibyte names (PostgreSQL truncates at 63 bytes), reserved words and names that
// differ only in case. plan, seed, validate, status, coverage (text, JSON, HTML), seed --top-up,
// undo and clear must all work, with exact row counts and no violation the database can see.
// (How control characters are *printed* is another matter: cli output escaping.)

const dir = tempDir('seedbed-hostile-');
after(() => cleanup(dir));

const ESC_CLEAR = '\x1b[2J';
const ESC_TITLE = '\x1b]0;x\x07';
const RTL = '\u202e';
const N = {
  quoted: `it's "quoted"`,
  newline: 'new\nline',
  dotted: 'dot.ted',
  html: '<img src=x onerror=alert(1)>',
  md: '[x](command:foo)',
  esc: `esc${ESC_CLEAR}clear`,
  title: `title${ESC_TITLE}`,
  rtl: `rtl${RTL}txt.exe`,
  comma: ' a, b ',
  backslash: 'back\\slash\\',
  printf: '%s $1 %d',
  long: `l${'o'.repeat(70)}ng`, // 73 bytes: PostgreSQL keeps the first 63
  multibyte: '日本語の表'.repeat(6), // 90 bytes: PostgreSQL keeps 21 whole characters (63 bytes)
  longCol: `c${'x'.repeat(80)}`,
};

const q = (id: string) => `"${id.replaceAll('"', '""')}"`;

/** The schema, with names that both databases accept (no schemas, no case-only pairs on SQLite). */
function ddl(pg: boolean): string {
  const serial = pg ? 'serial PRIMARY KEY' : 'INTEGER PRIMARY KEY';
  return `
CREATE TABLE "user" ("select" TEXT PRIMARY KEY, "order" INTEGER NOT NULL CHECK ("order" >= 0), "group" TEXT);
CREATE TABLE ${q(N.quoted)} (
  id ${serial},
  ${q("O'Brien's")} TEXT NOT NULL,
  ${q(N.newline)} TEXT,
  ${q(N.html)} TEXT,
  ${q(N.md)} INTEGER CONSTRAINT ${q(`ck ${N.md} ' "`)} CHECK (${q(N.md)} BETWEEN 1 AND 1000000),
  "user" TEXT NOT NULL REFERENCES "user" ("select"),
  CONSTRAINT ${q(`uq ${N.quoted}\n.`)} UNIQUE (${q("O'Brien's")})
);
CREATE TABLE ${q(N.dotted)} (
  id ${serial},
  ${q('a.b')} INTEGER NOT NULL CONSTRAINT ${q(`fk.${N.quoted}`)} REFERENCES ${q(N.quoted)} (id),
  ${q(N.comma)} TEXT CHECK (length(${q(N.comma)}) < 200),
  ${q(N.backslash)} TEXT,
  ${q(N.printf)} TEXT
);
CREATE UNIQUE INDEX ${q(`ix ${N.backslash} "${N.printf}"`)} ON ${q(N.dotted)} (${q(N.backslash)});
CREATE TABLE ${q(N.esc)} (
  id ${serial},
  ${q(N.title)} TEXT NOT NULL,
  ${q(N.rtl)} TEXT,
  ${q(N.html)} INTEGER REFERENCES ${q(N.dotted)} (id)
);
CREATE TABLE ${q(N.long)} (id ${serial}, ${q(N.longCol)} TEXT UNIQUE, ${q(N.multibyte)} TEXT);
CREATE TABLE ${q(N.multibyte)} (id ${serial}, ${q(N.long)} INTEGER NOT NULL REFERENCES ${q(N.long)} (id), "order" TEXT, "group" INTEGER);
CREATE TABLE "order" (id ${serial}, "group" INTEGER REFERENCES ${q(N.multibyte)} (id), "user" TEXT REFERENCES "user" ("select"), "select" TEXT);
`;
}

/** PostgreSQL adds schemas with hostile names (on the search path), case-only pairs and a
 *  default-schema table whose name reads like another schema's table. */
const PG_EXTRA = `
CREATE TABLE "Users" (id serial PRIMARY KEY, "Name" TEXT NOT NULL, "name" TEXT);
CREATE TABLE users (id serial PRIMARY KEY, name TEXT NOT NULL, "Users_id" INTEGER NOT NULL REFERENCES "Users" (id));
CREATE UNIQUE INDEX ${q(`lower ${N.quoted}`)} ON users (lower(name));
CREATE SCHEMA ${q('my.schema')};
CREATE SCHEMA ${q(N.quoted)};
CREATE TABLE ${q('my.schema')}.${q(N.dotted)} (id serial PRIMARY KEY, ref INTEGER NOT NULL REFERENCES public.${q(N.dotted)} (id), ${q(N.newline)} TEXT);
CREATE TABLE ${q(`my.schema.${N.dotted}`)} (id serial PRIMARY KEY, note TEXT);
CREATE TABLE ${q(`part, ${N.quoted}`)} (id serial, ${q(`day, ${N.quoted}`)} date NOT NULL, v integer, PRIMARY KEY (id, ${q(`day, ${N.quoted}`)})) PARTITION BY RANGE (${q(`day, ${N.quoted}`)});
CREATE TABLE ${q(`p1 ${N.newline}`)} PARTITION OF ${q(`part, ${N.quoted}`)} FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');
CREATE TABLE ${q('my.schema')}.${q(`p2 ${N.dotted}`)} PARTITION OF ${q(`part, ${N.quoted}`)} FOR VALUES FROM ('2024-07-01') TO ('2025-01-01');
CREATE TABLE ${q(N.quoted)}.${q(N.quoted)} (id serial PRIMARY KEY, ${q(N.quoted)} INTEGER REFERENCES ${q('my.schema')}.${q(N.dotted)} (id), ${q("it's")} TEXT UNIQUE);
`;

const ROWS = 30;

function ok(r: CliResult, what: string): CliResult {
  assert.equal(r.code, 0, `${what} failed (exit ${r.code}):\n${r.stderr}\n${r.stdout}`);
  return r;
}

/** Every table at exactly `n` rows, according to `status --json` and to the database itself. */
function assertStatus(url: string, expected: Record<string, number>, n: number) {
  const st = JSON.parse(ok(cli(['status', '--json', '--db', url, '--rows', String(n)]), 'status').stdout) as { tables: { table: string; rows: number; state: string }[] };
  const got = Object.fromEntries(st.tables.map((t) => [t.table, t.rows]));
  assert.deepEqual(got, expected, 'status reports every table with its exact row count');
  assert.ok(st.tables.every((t) => t.state === 'full'), JSON.stringify(st.tables.filter((t) => t.state !== 'full')));
}

/** coverage as text, JSON and HTML; the HTML never carries a name as markup. */
function assertCoverage(url: string, tables: number, file: string) {
  ok(cli(['coverage', '--db', url, '--rows', String(ROWS)]), 'coverage');
  const j = JSON.parse(ok(cli(['coverage', '--json', '--db', url, '--rows', String(ROWS)]), 'coverage --json').stdout) as { summary: { tables: { withData: number; total: number } }; tables: { table: string; columns: { column: string }[] }[] };
  assert.equal(j.summary.tables.withData, tables);
  assert.equal(j.summary.tables.total, tables);
  assert.ok(j.tables.some((t) => t.columns.some((c) => c.column === N.html)), 'the HTML-named column is reported by its exact name');
  ok(cli(['coverage', '--db', url, '--rows', String(ROWS), '--html', file]), 'coverage --html');
  const html = readFileSync(file, 'utf8');
  assert.ok(!html.includes('<img src=x'), 'no live <img> in the report');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the name shows, escaped');
}

describe('hostile names on SQLite', () => {
  const file = join(dir, 'hostile.db');
  const url = `sqlite:${file}`;
  const TABLES = ['user', N.quoted, N.dotted, N.esc, N.long, N.multibyte, 'order'];
  const at = (n: number) => Object.fromEntries(TABLES.map((t) => [t, n]));

  test('plan, seed, validate, status, coverage, top-up, undo, clear', () => {
    createDb(file, ddl(false));
    const empty = dump(file);
    const plan = ok(cli(['plan', '--db', url, '--rows', String(ROWS), '--json']), 'plan');
    const planned = (JSON.parse(plan.stdout) as { tables: { name: string; rows: number }[] }).tables;
    assert.deepEqual(planned.map((t) => t.name).sort(), [...TABLES].sort());
    ok(cli(['plan', '--db', url, '--rows', String(ROWS), '--explain']), 'plan --explain');

    ok(cli(['seed', '--db', url, '--rows', String(ROWS), '--yes']), 'seed');
    assert.deepEqual(counts(file), at(ROWS), 'every table holds exactly the rows asked for');
    assert.deepEqual(integrity(file), { fk: [], integrity: ['ok'] });
    const v = ok(cli(['validate', '--db', url]), 'validate');
    assert.match(v.stdout, /no problems|0 problems|valid/i);
    assertStatus(url, at(ROWS), ROWS);
    assertCoverage(url, TABLES.length, join(dir, 'sqlite.html'));

    ok(cli(['seed', '--db', url, '--rows', String(ROWS + 12), '--top-up', '--yes']), 'seed --top-up');
    assert.deepEqual(counts(file), at(ROWS + 12), 'top-up fills every table to the new target exactly');
    assert.deepEqual(integrity(file), { fk: [], integrity: ['ok'] });
    ok(cli(['validate', '--db', url]), 'validate after top-up');

    ok(cli(['undo', '--yes', '--db', url]), 'undo (top-up)');
    assert.deepEqual(counts(file), at(ROWS));
    ok(cli(['undo', '--yes', '--db', url]), 'undo (seed)');
    assert.equal(dump(file), empty, 'two undos leave the database as it was');

    ok(cli(['seed', '--db', url, '--rows', '5', '--yes']), 'seed again');
    ok(cli(['clear', '--yes', '--db', url]), 'clear');
    assert.deepEqual(counts(file), at(0));
  });
});

describe('hostile names on PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('plan, seed, validate, status, coverage, top-up, undo, clear', async () => {
    await pg.createDatabase('hostile', ddl(true) + PG_EXTRA);
    // The hostile schemas are on the search path: read without ?schema=.
    await pg.query('hostile', `ALTER DATABASE hostile SET search_path = public, ${q('my.schema')}, ${q(N.quoted)}`);
    const url = pg.url('hostile');
    const truncated = (s: string) => { let b = Buffer.from(s); if (b.length <= 63) return s; let end = 63; while ((b[end] & 0xc0) === 0x80) end--; return b.subarray(0, end).toString(); };
    const TABLES = ['user', N.quoted, N.dotted, N.esc, truncated(N.long), truncated(N.multibyte), 'order', 'Users', 'users', `part, ${N.quoted}`,
      `my.schema.${N.dotted}`, `"my.schema"."${N.dotted}"`, `${N.quoted}.${N.quoted}`];
    const at = (n: number) => Object.fromEntries(TABLES.map((t) => [t, n]));
    assert.equal(truncated(N.multibyte).length, 21);

    const schema = JSON.parse(ok(cli(['schema', '--json', '--db', url]), 'schema').stdout) as { tables: { name: string; uniques: { columns: string[] }[]; columns: { name: string; partition?: unknown }[] }[]; skipped: { name: string; reason: string }[] };
    assert.deepEqual(schema.tables.map((t) => t.name).sort(), [...TABLES].sort(), 'every table, each under its own name');
    const quoted = schema.tables.find((t) => t.name === N.quoted)!;
    assert.deepEqual(quoted.uniques.map((u) => u.columns), [["O'Brien's"]], "a UNIQUE column whose name holds ' is unique");
    assert.ok(schema.tables.find((t) => t.name === 'users')!.uniques.some((u) => u.columns.join() === 'name'), 'lower(name) keeps name distinct');
    assert.ok(schema.tables.find((t) => t.name === `part, ${N.quoted}`)!.columns[1].partition, 'the partition key (a name with a comma and quotes) is steered into the partitions');
    assert.deepEqual(schema.skipped.filter((x) => x.reason.startsWith('partition of')).map((x) => x.name).sort(), [`my.schema.p2 ${N.dotted}`, `p1 ${N.newline}`]);
    const text = ok(cli(['schema', '--db', url]), 'schema (text)').stdout;
    assert.match(text, /^schemas: public \(11 tables\), my\.schema \(1 table\), it's "quoted" \(1 table\)$/m, 'schema lists the schemas read (search path order) with their table counts');

    const plan = ok(cli(['plan', '--db', url, '--rows', String(ROWS), '--json']), 'plan');
    assert.deepEqual((JSON.parse(plan.stdout) as { tables: { name: string }[] }).tables.map((t) => t.name).sort(), [...TABLES].sort());
    ok(cli(['plan', '--db', url, '--rows', String(ROWS), '--explain']), 'plan --explain');

    const empty = await dataDump(pg, 'hostile');
    ok(cli(['seed', '--db', url, '--rows', String(ROWS), '--yes']), 'seed');
    assert.deepEqual(await pgCounts(pg, url), at(ROWS));
    assert.deepEqual((await orphans(pg, 'hostile')).filter((o) => o.n), [], 'no orphan, asked of the database');
    ok(cli(['validate', '--db', url]), 'validate');
    assertStatus(url, at(ROWS), ROWS);
    assertCoverage(url, TABLES.length, join(dir, 'pg.html'));

    ok(cli(['seed', '--db', url, '--rows', String(ROWS + 12), '--top-up', '--yes']), 'seed --top-up');
    assert.deepEqual(await pgCounts(pg, url), at(ROWS + 12));
    assert.deepEqual((await orphans(pg, 'hostile')).filter((o) => o.n), []);
    ok(cli(['validate', '--db', url]), 'validate after top-up');

    ok(cli(['undo', '--yes', '--db', url]), 'undo (top-up)');
    assert.deepEqual(await pgCounts(pg, url), at(ROWS));
    ok(cli(['undo', '--yes', '--db', url]), 'undo (seed)');
    assert.equal(await dataDump(pg, 'hostile'), empty, 'two undos leave the database as it was');

    ok(cli(['seed', '--db', url, '--rows', '5', '--yes']), 'seed again');
    ok(cli(['clear', '--yes', '--db', url]), 'clear');
    assert.deepEqual(await pgCounts(pg, url), at(0));
  });

  test('?schema= of another schema works whatever names the rest of the database holds', async () => {
    await pg.createDatabase('other', ddl(true) + PG_EXTRA + 'CREATE SCHEMA plain; CREATE TABLE plain.t (id serial PRIMARY KEY, name text NOT NULL);');
    const url = `${pg.url('other')}?schema=plain`;
    ok(cli(['seed', '--db', url, '--rows', '7', '--yes']), 'seed');
    assert.deepEqual(await pgCounts(pg, url), { 'plain.t': 7 });
    ok(cli(['validate', '--db', url]), 'validate');
  });

  test("a UNIQUE column whose name holds ' stays unique at 1,500 rows", async () => {
    await pg.createDatabase('uq', `CREATE TABLE accounts (id serial PRIMARY KEY, "it's" text NOT NULL UNIQUE, ${q(`o'q"x`)} varchar(40) UNIQUE);`);
    const url = pg.url('uq');
    const schema = JSON.parse(ok(cli(['schema', '--json', '--db', url]), 'schema').stdout) as { tables: { uniques: { columns: string[] }[] }[] };
    assert.deepEqual(schema.tables[0].uniques.map((u) => u.columns), [["it's"], [`o'q"x`]]);
    ok(cli(['seed', '--db', url, '--rows', '1500', '--yes']), 'seed');
    const r = await pg.query<{ n: string; d: string }>('uq', `SELECT count(*) AS n, count(DISTINCT "it's") AS d FROM accounts`);
    assert.deepEqual(r[0], { n: '1500', d: '1500' });
  });
});

describe('PostgreSQL schemas chosen without ?schema=', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('an application that lives outside the search path (nine schemas) is read, and the CLI says which', async () => {
    const schemas = Array.from({ length: 9 }, (_, i) => `app${i + 1}`);
    await pg.createDatabase('nine', [
      'CREATE TABLE public.schema_migrations (version text PRIMARY KEY);', // bookkeeping only: public holds no application table
      ...schemas.map((s, i) => `CREATE SCHEMA ${s}; CREATE TABLE ${s}.items (id serial PRIMARY KEY, name text NOT NULL${i ? `, prev integer REFERENCES app${i}.items (id)` : ''});`),
    ].join('\n'));
    const url = pg.url('nine');
    const s = ok(cli(['schema', '--db', url]), 'schema');
    assert.match(s.stderr, /^note: No tables in the schemas of the search path \(public\); reading every schema that holds tables: app1 \(1 table\), app2 \(1 table\),.* app9 \(1 table\)\./m);
    assert.match(s.stdout, /^schemas: app1 \(1 table\), .*app9 \(1 table\)$/m);
    const seedRun = ok(cli(['seed', '--db', url, '--rows', '4', '--yes']), 'seed');
    assert.match(seedRun.stderr, /^note: No tables in the schemas of the search path/m);
    assert.deepEqual(await pgCounts(pg, url), Object.fromEntries(schemas.map((x) => [`${x}.items`, 4])));
    ok(cli(['validate', '--db', url]), 'validate');
  });

  test('an empty database still says it has no tables', async () => {
    await pg.createDatabase('empty');
    const r = cli(['plan', '--db', pg.url('empty')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /has no tables to seed/);
  });

  test('supabase auth (schema auth only) seeds with plain seed and no option', { skip: SHARED_MISSING }, async () => {
    await pg.createDatabase('auth', readFileSync(join(SHARED, 'schemas', 'supabase_auth', 'auth_schema.pg_dump15.sql'), 'utf8'));
    const url = pg.url('auth');
    const r = ok(cli(['seed', '--db', url, '--yes']), 'seed');
    assert.match(r.stderr, /^note: .*reading every schema that holds tables: auth \(\d+ tables\)/m);
    const c = await pgCounts(pg, url);
    const empty = Object.entries(c).filter(([, n]) => !n).map(([t]) => t);
    assert.ok(Object.keys(c).length >= 15, JSON.stringify(c));
    assert.deepEqual(empty, [], 'every table filled');
    assert.ok(Object.keys(c).every((t) => t.startsWith('auth.')));
    assert.deepEqual((await orphans(pg, 'auth')).filter((o) => o.n), []);
    ok(cli(['validate', '--db', url]), 'validate');
  });
});

/** Rows per seedable table by the model's names (status --json), whose sum must be what the
 *  database itself counts over every application table. */
async function pgCounts(pg: PgServer, url: string): Promise<Record<string, number>> {
  const st = JSON.parse(ok(cli(['status', '--json', '--db', url]), 'status').stdout) as { tables: { table: string; rows: number }[] };
  const db = decodeURIComponent(new URL(url).pathname.slice(1));
  const schemas = new URL(url).searchParams.get('schema')?.split(',');
  const tables = await pg.query<{ t: string }>(db, `
    SELECT c.oid::regclass::text AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
      AND c.relname NOT LIKE 'seedbed\\_%' AND c.relname <> 'schema_migrations' AND ($1::text[] IS NULL OR n.nspname = ANY($1))`, [schemas ?? null]);
  let total = 0;
  for (const { t } of tables) total += Number((await pg.query<{ n: string }>(db, `SELECT count(*) AS n FROM ${t}`))[0].n);
  assert.equal(st.tables.reduce((a, t) => a + t.rows, 0), total, 'the database holds exactly the rows status reports');
  return Object.fromEntries(st.tables.map((t) => [t.table, t.rows]));
}
