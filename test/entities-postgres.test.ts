import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { APP, readBack } from './support/entities.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cliEntry, ROOT } from './support/sqlite.ts';

// The entities of test/fixtures/entities-app on PostgreSQL: `seed --create-schema` makes the
// tables with MikroORM's schema generator in an empty database, then seeds them with what only
// the entities say (a numeric enum in an integer column, enum items in a text[] column, an
// embeddable's JSON shape, single-table inheritance); every row is read back through MikroORM.

const MAIN = cliEntry();
let pg: PgServer;
before(async () => { pg = await startPostgres(); });
after(async () => { await pg?.stop(); });

function run(db: string, args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: APP, encoding: 'utf8', env: { ...process.env, CI: '1', SEEDBED_DATABASE_URL: '', ENTITIES_PG: pg.url(db), ENTITIES_DB: '' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
function ok(db: string, args: string[]) {
  const r = run(db, args);
  assert.equal(r.code, 0, `seedbed ${args.join(' ')}:\n${r.stderr}`);
  return r;
}
const values = async (db: string, sql: string) => (await pg.query(db, sql)).map((r) => Object.values(r)[0]);

describe('MikroORM entities as a schema source (PostgreSQL)', () => {
  test('seed --create-schema into an empty database: every entity-derived fact used, every row loads through MikroORM', async () => {
    await pg.createDatabase('app');
    const r = ok('app', ['seed', '--create-schema', '--rows', '60', '--seed', '7']);
    assert.match(r.stdout, /^Created 2 tables from the entities of mikro-orm\.config\.ts \(MikroORM's schema generator\)\.$/m);
    assert.match(r.stdout, /Run 1: 120 rows in 2 tables/);
    // MikroORM's own CHECK on the enum list (permissions <@ ARRAY[...]) is read by the CHECK parser.
    assert.deepEqual(r.stderr.split('\n').filter((l) => l.startsWith('warning:')), []);

    // A numeric enum in an integer column (no CHECK on PostgreSQL either): only its values.
    assert.deepEqual(await values('app', 'SELECT DISTINCT access_level FROM members ORDER BY 1'), [10, 20, 30, 40]);
    assert.deepEqual(await values('app', 'SELECT DISTINCT role FROM members ORDER BY 1'), ['admin', 'editor', 'viewer']);
    // Enum items in a native text[] column.
    assert.deepEqual(await values('app', 'SELECT DISTINCT unnest(permissions) FROM members ORDER BY 1'), ['admin', 'read', 'write']);
    assert.deepEqual(await values('app', `SELECT count(*)::int FROM members WHERE cardinality(tags) = 0`), [0]);
    // The embeddable's shape in the JSON column.
    assert.deepEqual(await values('app', `SELECT DISTINCT address->>'kind' FROM members ORDER BY 1`), ['home', 'work']);
    assert.deepEqual(await values('app', `SELECT DISTINCT (SELECT string_agg(k, ',' ORDER BY k) FROM jsonb_object_keys(address::jsonb) k) FROM members`), ['city,floor,kind,post_code,street']);
    // Single-table inheritance.
    assert.deepEqual(await values('app', `SELECT count(*)::int FROM animals WHERE kind = 'dog' AND (bark_volume IS NULL OR owner_id IS NULL OR lives_left IS NOT NULL OR indoor IS NOT NULL)`), [0]);
    assert.deepEqual(await values('app', `SELECT count(*)::int FROM animals WHERE kind = 'cat' AND (lives_left IS NULL OR bark_volume IS NOT NULL OR owner_id IS NOT NULL)`), [0]);
    assert.match(ok('app', ['validate']).stdout, /no problems/);


    const back = await readBack({ ENTITIES_PG: pg.url('app'), ENTITIES_DB: '' });
    assert.equal(back.Member.length, 60);
    assert.equal(back.Animal.length, 60);
    assert.ok(back.Dog.length > 10 && back.Cat.length > 10, `dogs ${back.Dog.length}, cats ${back.Cat.length}`);
    assert.deepEqual(back.Animal.map((a) => a.cls).filter((c) => c !== 'Dog' && c !== 'Cat'), []);
    for (const { row } of back.Member) {
      assert.ok([10, 20, 30, 40].includes(row.accessLevel as number));
      assert.ok((row.permissions as string[]).every((p) => ['read', 'write', 'admin'].includes(p)));
      assert.equal((row.address as object).constructor.name, 'Address');
      assert.equal(typeof row.active, 'boolean');
      assert.ok(row.anchor instanceof Date && !Number.isNaN((row.anchor as Date).getTime()), String(row.anchor));
      assert.ok(Array.isArray(row.scores) && (row.scores as unknown[]).every((n) => Number.isInteger(n)));
    }

    // Tables there already: refused, nothing changed.
    const again = run('app', ['seed', '--create-schema']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already has 2 tables \(animals, members\): --create-schema creates the tables of an empty database only/);
    assert.deepEqual(await values('app', 'SELECT count(*)::int FROM members'), [60]);
  });

  test('plan --explain names the entity (tables just created, no rows to learn from)', async () => {
    await pg.createDatabase('plan');
    assert.match(ok('plan', ['seed', '--create-schema', '--rows', '0']).stdout, /Created 2 tables/);
    const explain = ok('plan', ['plan', '--explain', '--rows', '5']).stdout;
    assert.match(explain, /access_level .* from the entity Member\.accessLevel: 10, 20, 30, 40/);
    assert.match(explain, /role .* from the entity Member\.role and the CHECK: 'admin', 'editor', 'viewer'/);
    assert.match(explain, /address .* from the entity Member\.address: object \{street, city, kind, floor, post_code\}/);
    assert.match(explain, /anchor .*\(a Date in the entity Member\.anchor\)/);
    assert.match(explain, /from the entity Animal \(single table inheritance\): CHECK/);
  });
});
