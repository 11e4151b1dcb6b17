import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cli } from './support/sqlite.ts';

// A CHECK too deep for PostgreSQL itself: a sum of 5,000 terms is stored (CREATE TABLE takes
// it) but every INSERT fails with "stack depth limit exceeded". Seedbed leaves it to the database
// (it nests past 200), the database refuses every candidate, and the table is left out, named,
// within seconds; the other tables are filled. (It looked like a 5-minute hang in the tests: the
// server logged each refused 44 KB statement into a pipe that a test running the CLI with
// spawnSync did not read; the test server now logs to a file.)

let pg: PgServer;
before(async () => { pg = await startPostgres(); });
after(async () => { await pg?.stop(); });

test('a CHECK PostgreSQL cannot evaluate (stack depth) leaves its table out at once; the rest is seeded', async () => {
  const terms = Array.from({ length: 5000 }, (_, i) => i).join(' + ');
  await pg.createDatabase('deep', `CREATE TABLE ok (id serial PRIMARY KEY, name text NOT NULL);
    CREATE TABLE d (id serial PRIMARY KEY, y int CHECK (y > ${terms} - 12497500));`);
  const url = pg.url('deep');
  const started = Date.now();
  const r = cli(['seed', '--rows', '20', '--db', url]);
  assert.equal(r.code, 0, r.stderr.slice(0, 2000));
  assert.ok(Date.now() - started < 90_000, `took ${Date.now() - started} ms`);
  const warning = r.stderr.split('\n').filter((l) => l.startsWith('warning: '));
  assert.equal(warning.length, 1, r.stderr.slice(0, 2000));
  assert.match(warning[0], /^warning: d: cannot fill: No row of d passes CHECK \(\(y > \(+… \(43,904 characters in all\)\) \(checked by the database\) after \d attempts; the database said: PostgreSQL refused a statement: stack depth limit exceeded; left out$/);
  assert.ok(warning[0].length < 2000, `${warning[0].length} characters`);
  const [n] = await pg.query<{ ok: string; d: string }>('deep', 'SELECT (SELECT count(*) FROM ok) AS ok, (SELECT count(*) FROM d) AS d');
  assert.deepEqual(n, { ok: '20', d: '0' });
  assert.equal(cli(['validate', '--db', url]).stdout.trim(), 'valid: no problems found');
});
