import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../src/seeders/index.ts';
import { dataDump, orphans, startPostgres, type PgServer } from './support/postgres.ts';
import { cli, ROOT } from './support/sqlite.ts';

// PostgreSQL features on a fixture built for them (test/fixtures/pg-features.sql): special types,
// domains, enums, arrays, identity ALWAYS, generated columns, a DEFERRABLE NOT NULL cycle across
// schemas, a nullable cycle closed by UPDATE, list/range partitions, inheritance, TRUNCATE rules.

const FIXTURE = readFileSync(join(ROOT, 'test', 'fixtures', 'pg-features.sql'), 'utf8');
const SCHEMAS = ['public', 'billing'];
let pg: PgServer;
before(async () => {
  pg = await startPostgres();
  await pg.createDatabase('features', FIXTURE);
});
after(async () => { await pg?.stop(); });

describe('PostgreSQL features', () => {
  test('plan: partitions skipped, cross-schema names, the deferred cycle, the nullable cycle', () => {
    const r = cli(['plan', '--db', pg.url('features', SCHEMAS), '--rows', '25', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout);
    const names = plan.tables.map((t: { name: string }) => t.name);
    for (const n of ['accounts', 'billing.invoices', 'billing.payments', 'events', 'readings', 'levels', 'vehicles', 'cars', 'teams', 'players']) {
      assert.ok(names.includes(n), `${n} planned (got ${names.join(', ')})`);
    }
    const skipped = Object.fromEntries(plan.skipped.map((s: { name: string; reason: string }) => [s.name, s.reason]));
    assert.match(skipped.events_eu, /partition of events/);
    assert.match(skipped.readings_2030, /partition of readings/);
    assert.match(skipped.alembic_version, /bookkeeping/);
    const mode = (from: string, to: string) => plan.edges.find((e: { from: string; to: string }) => e.from === from && e.to === to)?.mode;
    assert.ok([mode('billing.invoices', 'billing.payments'), mode('billing.payments', 'billing.invoices')].includes('deferred'));
    assert.ok([mode('teams', 'players'), mode('players', 'teams')].includes('fill-after'));
    const accounts = plan.tables.find((t: { name: string }) => t.name === 'accounts');
    assert.ok(!('doubled' in accounts.columns), 'stored generated columns are never written');
  });

  test('seed writes valid values of every type, in one run, with no violation', async () => {
    const r = cli(['seed', '--db', pg.url('features', SCHEMAS), '--rows', '25']);
    assert.equal(r.code, 0, r.stderr);
    const counts = await pg.query<{ t: string; n: string }>('features', `
      SELECT 'accounts' t, count(*) n FROM accounts UNION ALL SELECT 'invoices', count(*) FROM billing.invoices
      UNION ALL SELECT 'payments', count(*) FROM billing.payments UNION ALL SELECT 'events', count(*) FROM events
      UNION ALL SELECT 'readings', count(*) FROM readings UNION ALL SELECT 'levels', count(*) FROM levels
      UNION ALL SELECT 'cars', count(*) FROM ONLY cars UNION ALL SELECT 'vehicles', count(*) FROM ONLY vehicles
      UNION ALL SELECT 'teams', count(*) FROM teams UNION ALL SELECT 'players', count(*) FROM players
      UNION ALL SELECT 'alembic_version', count(*) FROM alembic_version`);
    const c = Object.fromEntries(counts.map((x) => [x.t, Number(x.n)]));
    assert.equal(c.alembic_version, 0);
    for (const [t, n] of Object.entries(c)) if (t !== 'alembic_version') assert.ok(n > 0, `${t} has rows`);
    assert.deepEqual((await orphans(pg, 'features')).filter((o) => o.n), []);
    // Range partitions far outside the usual date window still got their rows; list values too.
    const r2 = await pg.query<{ ok: boolean }>('features', `SELECT bool_and(taken_at >= '2019-01-01' AND taken_at < '2019-07-01' OR taken_at >= '2030-01-01' AND taken_at < '2030-02-01') AS ok FROM readings`);
    assert.equal(r2[0].ok, true);
    const lv = await pg.query<{ ok: boolean }>('features', `SELECT bool_and(n < 10 OR n BETWEEN 5000 AND 5009) AS ok FROM levels`);
    assert.equal(lv[0].ok, true);
    // Arrays, enums in arrays, domains, the nullable cycle closed by UPDATE.
    const a = await pg.query<{ tags: number; moods: boolean; score: boolean; doubled: boolean }>('features', `
      SELECT min(array_length(tags, 1)) AS tags, bool_and(moods IS NULL OR moods <@ enum_range(NULL::mood)) AS moods,
        bool_and(score IS NULL OR score BETWEEN 1 AND 999) AS score, bool_and(doubled IS NOT DISTINCT FROM score * 2) AS doubled FROM accounts`);
    assert.ok(a[0].tags >= 1);
    assert.equal(a[0].moods, true);
    assert.equal(a[0].score, true);
    assert.equal(a[0].doubled, true, 'generated column computed by the database');
    const cap = await pg.query<{ n: string }>('features', `SELECT count(*) AS n FROM teams WHERE captain_id IS NOT NULL`);
    assert.ok(Number(cap[0].n) > 0, 'nullable cycle edge filled after the fact');
    // Sequences end past the engine's keys: the application's next INSERT works.
    await pg.query('features', `INSERT INTO billing.payments (invoice_id, amount) SELECT id, 1 FROM billing.invoices LIMIT 1`);
    await pg.query('features', `INSERT INTO accounts (email, name, session, tags, mood) VALUES ('new@example.com', 'New', '1 hour', '{a}', 'ok')`);
    const v = cli(['validate', '--db', pg.url('features', SCHEMAS)]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('COPY text escaping: tab, newline, CR, backslash, quotes and NULLs round-trip', async () => {
    await pg.createDatabase('escapes', `CREATE TABLE t (id int PRIMARY KEY, s text, a text[], b bytea, j jsonb, f boolean)`);
    const driver = await openDatabase(pg.url('escapes'));
    const tricky = 'tab\there\nnew line\r\\back\\slash "quoted" {brace,comma} \\N é';
    try {
      const schema = await driver.readSchema();
      const tx = await driver.begin();
      await tx.insert(schema.tables[0], ['id', 's', 'a', 'b', 'j', 'f'], [
        [1, tricky, [tricky, null, ''], Buffer.from([0, 92, 255]), '{"k": "v\\\\n"}', true],
        [2, null, null, null, null, false],
        [3, '\\N', [], Buffer.alloc(0), '[]', null],
      ]);
      await tx.commit();
    } finally {
      await driver.close();
    }
    const rows = await pg.query<{ id: number; s: string | null; a: (string | null)[] | null; b: Buffer | null; j: unknown; f: boolean | null }>('escapes', 'SELECT * FROM t ORDER BY id');
    assert.equal(rows[0].s, tricky);
    assert.deepEqual(rows[0].a, [tricky, null, '']);
    assert.deepEqual([...rows[0].b!], [0, 92, 255]);
    assert.deepEqual(rows[0].j, { k: 'v\\n' });
    assert.deepEqual([rows[1].s, rows[1].a, rows[1].b, rows[1].j, rows[1].f], [null, null, null, null, false]);
    assert.equal(rows[2].s, '\\N', 'a literal \\N text is not NULL');
    assert.deepEqual(rows[2].a, []);
  });

  test('clear refuses to cascade into tables not chosen that hold rows, and truncates the chosen ones', async () => {
    const url = pg.url('features', SCHEMAS);
    const before = await dataDump(pg, 'features');
    const refused = cli(['clear', '--db', url, '--tables', 'accounts', '--yes']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /billing\.invoices/);
    assert.equal(await dataDump(pg, 'features'), before, 'nothing was cleared');
    const ok = cli(['clear', '--db', url, '--tables', 'billing.invoices,billing.payments', '--yes']);
    assert.equal(ok.code, 0, ok.stderr);
    const n = await pg.query<{ i: string; p: string; a: string }>('features', `SELECT (SELECT count(*) FROM billing.invoices) i, (SELECT count(*) FROM billing.payments) p, (SELECT count(*) FROM accounts) a`);
    assert.deepEqual([Number(n[0].i), Number(n[0].p)], [0, 0]);
    assert.ok(Number(n[0].a) > 0, 'accounts kept');
  });

  test('a domain over a domain: the base type under both, and both levels\' NOT NULL and CHECKs', async () => {
    await pg.createDatabase('domains', `
      CREATE DOMAIN signal AS integer CHECK (VALUE BETWEEN 0 AND 100);
      CREATE DOMAIN strong_signal AS signal NOT NULL CHECK (VALUE >= 60);
      CREATE DOMAIN code AS varchar(6) CHECK (VALUE ~ '^[A-Z]+$');
      CREATE DOMAIN short_code AS code;
      CREATE TABLE readings (id serial PRIMARY KEY, level strong_signal, tag short_code);`);
    const url = pg.url('domains');
    const r = cli(['seed', '--db', url, '--rows', '200']);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stderr, /left out/);
    const rows = await pg.query<{ n: string; lo: number; hi: number; nulls: string; long: string }>('domains',
      `SELECT count(*) n, min(level) lo, max(level) hi, count(*) FILTER (WHERE level IS NULL) nulls, count(*) FILTER (WHERE length(tag) > 6) long FROM readings`);
    assert.equal(Number(rows[0].n), 200);
    assert.ok(rows[0].lo >= 60 && rows[0].hi <= 100, `levels ${rows[0].lo}..${rows[0].hi}`);
    assert.equal(Number(rows[0].nulls), 0);
    assert.equal(Number(rows[0].long), 0);
  });
});
