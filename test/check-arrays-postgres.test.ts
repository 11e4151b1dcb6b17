import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { dataDump, startPostgres, type PgServer } from './support/postgres.ts';
import { cli } from './support/sqlite.ts';

// PostgreSQL array CHECKs, as MikroORM writes them for enum arrays (`permissions <@ ARRAY[...]`)
// and as hand-written schemas bound array sizes (cardinality, array_length): the CHECK parser
// reads them, so the arrays' elements come from the list and their counts stay in bounds,
// rather than "not understood; checked by the database".

const DDL = `
CREATE TABLE members (
  id serial PRIMARY KEY,
  permissions text[] NOT NULL CHECK (permissions <@ ARRAY['read'::text, 'write'::text, 'admin'::text]),
  tags text[] NOT NULL CHECK (cardinality(tags) > 0 AND array_length(tags, 1) <= 2),
  levels integer[] CHECK (ARRAY[1, 2, 3] @> levels),
  roles varchar(20)[] NOT NULL CHECK (roles <@ ARRAY['owner', 'editor', 'viewer']::varchar[] AND cardinality(roles) >= 2)
);`;

let pg: PgServer;
before(async () => { pg = await startPostgres(); await pg.createDatabase('arrays', DDL); await pg.createDatabase('arrays2', DDL); });
after(async () => { await pg?.stop(); });

test('array CHECKs are understood: elements from the list, counts in bounds, 0 violations, same seed same data', async () => {
  const p = cli(['plan', '--db', pg.url('arrays'), '--rows', '200']);
  assert.equal(p.code, 0, p.stderr);
  assert.doesNotMatch(p.stdout + p.stderr, /not understood|checked by the database/);
  for (const db of ['arrays', 'arrays2']) {
    const r = cli(['seed', '--db', pg.url(db), '--rows', '200', '--seed', '4', '--yes']);
    assert.equal(r.code, 0, r.stderr);
  }
  const rows = await pg.query<{ permissions: string[]; tags: string[]; levels: number[] | null; roles: string[] }>('arrays', 'SELECT permissions, tags, levels, roles FROM members');
  assert.equal(rows.length, 200);
  const perms = new Set(rows.flatMap((r) => r.permissions));
  assert.deepEqual([...perms].sort(), ['admin', 'read', 'write']);
  assert.ok(rows.every((r) => r.tags.length >= 1 && r.tags.length <= 2));
  assert.ok(rows.some((r) => r.tags.length === 2));
  assert.ok(rows.every((r) => r.levels === null || r.levels.every((l) => [1, 2, 3].includes(l))));
  assert.ok(rows.every((r) => r.roles.length >= 2 && r.roles.every((x) => ['owner', 'editor', 'viewer'].includes(x))));
  const v = cli(['validate', '--db', pg.url('arrays')]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  assert.equal(await dataDump(pg, 'arrays'), await dataDump(pg, 'arrays2'));
});
