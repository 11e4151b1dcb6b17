import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { APP, readBack } from './support/entities.ts';
import { loadMikroOrmProject, openMikroOrm } from '../src/seeders/config/mikro-orm.ts';
import { cleanup, cliEntry, createDb, ROOT, tempDir, withDb } from './support/sqlite.ts';

// A MikroORM project's entities as a schema source, on SQLite: test/fixtures/entities-app has
// a string enum and a numeric enum, an enum list and a plain list, an embeddable stored as one
// JSON object, and a single-table inheritance hierarchy (Animal → Dog, Cat). Its database was
// made without any CHECK, so only the entities know what the columns may hold; every seeded row
// is read back through MikroORM itself.

const dir = tempDir('seedbed-entities-');
after(() => cleanup(dir));

const MAIN = cliEntry();

// The tables as a migration without CHECKs would leave them (MikroORM's own DDL adds one for
// the string enum only; a hand-written or older migration often has none).
const DDL = `
CREATE TABLE members (id integer NOT NULL PRIMARY KEY AUTOINCREMENT, full_name text NOT NULL, role text NOT NULL,
  access_level integer NOT NULL, permissions text NOT NULL, tags text NOT NULL, address json NOT NULL,
  active integer NOT NULL, joined_at datetime NOT NULL, scores json NOT NULL, anchor text NOT NULL);
CREATE TABLE animals (id integer NOT NULL PRIMARY KEY AUTOINCREMENT, name text NOT NULL, kind text NOT NULL,
  bark_volume integer NULL, owner_id integer NULL REFERENCES members (id) ON DELETE SET NULL,
  lives_left integer NULL, indoor integer NULL);`;

function run(file: string, args: string[]) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd: APP, encoding: 'utf8', env: { ...process.env, CI: '1', SEEDBED_DATABASE_URL: '', ENTITIES_DB: file, ENTITIES_PG: '' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
function ok(file: string, args: string[]) {
  const r = run(file, args);
  assert.equal(r.code, 0, `seedbed ${args.join(' ')}:\n${r.stderr}`);
  return r;
}
const rows = <T>(file: string, sql: string) => withDb(file, (db) => db.prepare(sql).all() as T[]);
const values = (file: string, sql: string) => rows<Record<string, unknown>>(file, sql).map((r) => Object.values(r)[0]);
const fresh = (name: string, ddl = DDL) => {
  const file = join(dir, name);
  createDb(file, ddl);
  return file;
};

describe('MikroORM entities as a schema source (SQLite)', () => {
  test('plan --explain names the entity behind every fact the database cannot state', () => {
    const file = fresh('explain.db');
    const r = ok(file, ['plan', '--explain', '--rows', '10']);
    assert.match(r.stderr, /^note: entities: 2 of 2 tables mapped by the MikroORM entities of mikro-orm\.config\.ts$/m);
    const line = (col: string) => r.stdout.split('\n').find((l) => new RegExp(`^  ${col}\\s`).test(l)) ?? '';
    assert.match(line('role'), /from the entity Member\.role: 'admin', 'editor', 'viewer'/);
    assert.match(line('access_level'), /from the entity Member\.accessLevel: 10, 20, 30, 40/);
    assert.match(line('permissions'), /from the entity Member\.permissions: array of check\.oneOf, comma-separated/);
    assert.match(line('tags'), /from the entity Member\.tags: array of .*, comma-separated/);
    assert.match(line('address'), /from the entity Member\.address: object \{street, city, kind, floor, post_code\}/);
    assert.match(line('kind'), /from the entity Animal\.kind: 'dog', 'cat'/);
    assert.match(r.stdout, /^ {2}from the entity Animal \(single table inheritance\): CHECK \(\("kind" = 'dog' AND "bark_volume" IS NOT NULL AND "owner_id" IS NOT NULL AND "lives_left" IS NULL AND "indoor" IS NULL\) OR \("kind" = 'cat' AND "lives_left" IS NOT NULL AND "bark_volume" IS NULL AND "owner_id" IS NULL\)\): 2 branches/m);
    assert.match(r.stdout, /^ {4}kind = 'dog'; set: bark_volume, owner_id; NULL: lives_left, indoor$/m);
    assert.match(r.stdout, /^ {4}kind = 'cat'; set: lives_left; NULL: bark_volume, owner_id$/m);
    assert.match(line('scores'), /from the entity Member\.scores: array of .*, as JSON/);
    assert.match(line('anchor'), /rule time\.anyDate .* \(a Date in the entity Member\.anchor\)$/);
    assert.match(line('active'), /\(a boolean in the entity Member\.active\)$/);
    assert.match(r.stdout, /^Columns by source: .*entity 7/m);

    // Without the entities the same columns are filled as the database alone says.
    const bare = ok(file, ['plan', '--explain', '--rows', '10', '--no-entities']);
    assert.doesNotMatch(bare.stdout + bare.stderr, /entity/);
  });

  test('seed: only the entities\' values, each row a valid subclass; MikroORM reads every row back', async () => {
    const file = fresh('seed.db');
    const r = ok(file, ['seed', '--rows', '60', '--seed', '7']);
    assert.match(r.stdout, /Run 1: 120 rows in 2 tables/);
    assert.doesNotMatch(r.stderr, /warning/);

    // An enum column without CHECK gets only the entity's values (all of them, over 60 rows).
    assert.deepEqual(values(file, 'SELECT DISTINCT role FROM members ORDER BY 1'), ['admin', 'editor', 'viewer']);
    assert.deepEqual(values(file, 'SELECT DISTINCT access_level FROM members ORDER BY 1'), [10, 20, 30, 40]);
    // Lists: comma-joined items, each one of the enum's; plain lists non-empty.
    const items = new Set(values(file, 'SELECT permissions FROM members').flatMap((v) => String(v).split(',')));
    assert.deepEqual([...items].sort(), ['admin', 'read', 'write']);
    assert.equal(values(file, `SELECT count(*) FROM members WHERE tags = '' OR tags LIKE '%,,%'`)[0], 0);
    // The embeddable: a JSON object of exactly its fields (JSON keys are the field names).
    const address = values(file, 'SELECT address FROM members').map((v) => JSON.parse(String(v)) as Record<string, unknown>);
    for (const a of address) {
      assert.deepEqual(Object.keys(a), ['street', 'city', 'kind', 'floor', 'post_code']);
      assert.ok(['home', 'work'].includes(a.kind as string), `kind ${a.kind}`);
      assert.ok(typeof a.street === 'string' && typeof a.city === 'string');
      assert.ok(a.floor === null || Number.isInteger(a.floor));
    }
    // Numbers in a JSON column: a JSON list of integers; a Date kept as text: a date-time.
    for (const v of values(file, 'SELECT scores FROM members')) {
      const list = JSON.parse(String(v)) as unknown[];
      assert.ok(Array.isArray(list) && list.length > 0 && list.every((n) => Number.isInteger(n)), String(v));
    }
    for (const v of values(file, 'SELECT anchor FROM members')) assert.match(String(v), /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/);
    // A boolean the column keeps as an integer: 0 or 1.
    assert.deepEqual(values(file, 'SELECT DISTINCT active FROM members ORDER BY 1'), [0, 1]);

    // Single-table inheritance: each row one subclass, its own required columns set, the other's NULL.
    assert.deepEqual(values(file, 'SELECT DISTINCT kind FROM animals ORDER BY 1'), ['cat', 'dog']);
    assert.equal(values(file, `SELECT count(*) FROM animals WHERE kind = 'dog' AND (bark_volume IS NULL OR owner_id IS NULL OR lives_left IS NOT NULL OR indoor IS NOT NULL)`)[0], 0);
    assert.equal(values(file, `SELECT count(*) FROM animals WHERE kind = 'cat' AND (lives_left IS NULL OR bark_volume IS NOT NULL OR owner_id IS NOT NULL)`)[0], 0);
    assert.deepEqual(values(file, `SELECT DISTINCT indoor FROM animals WHERE kind = 'cat' AND indoor IS NOT NULL ORDER BY 1`), [0, 1]);
    assert.match(ok(file, ['validate']).stdout, /no problems/);

    // Through MikroORM: every entity loads, every Animal as its subclass, the values its types say.
    const back = await readBack({ ENTITIES_DB: file, ENTITIES_PG: '' });
    assert.equal(back.Member.length, 60);
    assert.equal(back.Animal.length, 60);
    assert.equal(back.Dog.length + back.Cat.length, 60);
    assert.ok(back.Dog.length > 10 && back.Cat.length > 10, `dogs ${back.Dog.length}, cats ${back.Cat.length}`);
    const counts = { Dog: 0, Cat: 0 } as Record<string, number>;
    for (const a of back.Animal) counts[a.cls]++;
    assert.deepEqual(counts, { Dog: back.Dog.length, Cat: back.Cat.length });
    for (const { row } of back.Member) {
      assert.ok(['admin', 'editor', 'viewer'].includes(row.role as string));
      assert.ok([10, 20, 30, 40].includes(row.accessLevel as number));
      assert.ok(Array.isArray(row.permissions) && (row.permissions as string[]).every((p) => ['read', 'write', 'admin'].includes(p)));
      assert.ok(Array.isArray(row.tags) && (row.tags as string[]).length > 0);
      assert.equal(typeof row.active, 'boolean');
      assert.ok(row.joinedAt instanceof Date && !Number.isNaN((row.joinedAt as Date).getTime()));
      assert.equal((row.address as object).constructor.name, 'Address');
      assert.ok(row.anchor instanceof Date && !Number.isNaN((row.anchor as Date).getTime()), String(row.anchor));
      assert.ok(Array.isArray(row.scores) && (row.scores as unknown[]).every((n) => typeof n === 'number'));
    }
    for (const { row } of back.Dog) assert.ok(Number.isInteger(row.barkVolume) && row.owner !== null && row.owner !== undefined);
    for (const { row } of back.Cat) assert.ok(Number.isInteger(row.livesLeft) && (row.indoor === null || row.indoor === undefined || typeof row.indoor === 'boolean'));
  });

  test('same seed, same rows', () => {
    const a = fresh('same-a.db');
    const b = fresh('same-b.db');
    ok(a, ['seed', '--rows', '25', '--seed', '11']);
    ok(b, ['seed', '--rows', '25', '--seed', '11']);
    for (const t of ['members', 'animals']) assert.deepEqual(rows(a, `SELECT * FROM ${t} ORDER BY id`), rows(b, `SELECT * FROM ${t} ORDER BY id`));
  });

  test('where the entities and the database disagree, plan says so and only what both allow is used', () => {
    const ddl = DDL.replace('role text NOT NULL', `role text NOT NULL CHECK (role IN ('admin', 'editor'))`)
      .replace('anchor text NOT NULL);', 'anchor text NOT NULL, nickname text);');
    const file = fresh('mismatch.db', ddl);
    const r = ok(file, ['plan', '--rows', '30']);
    assert.match(r.stdout, /^ {2}members\.role: the entity Member\.role allows 'viewer', which the database's CHECK refuses; not used$/m);
    assert.match(r.stdout, /^ {2}members\.nickname: no property of the entity Member maps it \(filled from the database's schema alone\)$/m);
    const s = ok(file, ['seed', '--rows', '30']);
    assert.match(s.stderr, /^warning: members\.role: the entity Member\.role allows 'viewer'/m);
    assert.deepEqual(values(file, 'SELECT DISTINCT role FROM members ORDER BY 1'), ['admin', 'editor']);
  });

  test('seed --create-schema: the entities\' tables (MikroORM\'s schema generator) in a new SQLite file, then seeded; refused where tables exist', async () => {
    const file = join(dir, 'new.db');
    const r = ok(file, ['seed', '--create-schema', '--rows', '30', '--seed', '5']);
    assert.match(r.stdout, /^Created 2 tables from the entities of mikro-orm\.config\.ts \(MikroORM's schema generator\)\.$/m);
    assert.match(r.stdout, /Run 1: 60 rows in 2 tables/);
    // MikroORM's own DDL: the string enum has its CHECK, the numeric enum and the subclasses' columns none.
    const ddl = String(values(file, `SELECT sql FROM sqlite_schema WHERE name = 'members'`)[0]);
    assert.match(ddl, /check \(`role` in \('admin', 'editor', 'viewer'\)\)/);
    assert.deepEqual(values(file, 'SELECT DISTINCT access_level FROM members ORDER BY 1'), [10, 20, 30, 40]);
    assert.equal(values(file, `SELECT count(*) FROM animals WHERE (kind = 'dog') = (bark_volume IS NULL)`)[0], 0);
    const back = await readBack({ ENTITIES_DB: file, ENTITIES_PG: '' });
    assert.equal(back.Dog.length + back.Cat.length, 30);

    // Tables there already: refused, nothing changed.
    const again = run(file, ['seed', '--create-schema', '--rows', '5']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^seedbed: sqlite:.*new\.db already has 2 tables \(animals, members\): --create-schema creates the tables of an empty database only\.$/m);
    assert.match(again.stderr, /^Fix: Leave out --create-schema to fill the tables that are there, or point --db at a new SQLite file or an empty PostgreSQL database\.$/m);
    assert.deepEqual(values(file, 'SELECT count(*) FROM members'), [30]);
    // A dry run writes nothing, so it cannot create tables either.
    const dry = run(join(dir, 'dry.db'), ['seed', '--create-schema', '--dry-run']);
    assert.equal(dry.code, 1);
    assert.match(dry.stderr, /--create-schema cannot be combined with --dry-run/);
  });

  test('a config may name tables and columns as the entities do (Member.fullName), checked like the schema\'s own names', () => {
    const file = fresh('names.db');
    const config = join(dir, 'names.config.ts');
    writeFileSync(config, `export default {
  tables: {
    Member: { rows: 7, columns: { fullName: { values: ['Ada Lovelace'] }, role: { values: ['editor'] } } },
    animals: { fanOut: { owner: 0 } },
  },
};
`);
    const r = ok(file, ['seed', '--config', config, '--rows', '5']);
    assert.match(r.stdout, /12 rows in 2 tables/);
    assert.deepEqual(values(file, 'SELECT DISTINCT full_name || \' \' || role FROM members'), ['Ada Lovelace editor']);
    assert.deepEqual(values(file, 'SELECT count(*) FROM members'), [7]);

    // A value the entity's enum does not allow, and a misspelt property: one clear message each.
    writeFileSync(config, `export default { tables: { Member: { columns: { role: { values: ['owner'] } } } } };\n`);
    const bad = run(file, ['plan', '--config', config]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /"owner" is not an allowed value of members\.role/);
    writeFileSync(config, `export default { tables: { Member: { columns: { fulName: { values: ['x'] } } } } };\n`);
    const typo = run(file, ['plan', '--config', config]);
    assert.equal(typo.code, 1);
    assert.match(typo.stderr, /unknown column "fulName" in table members/);
  });

  test('class-table inheritance: every vehicle is one car or one bike, and loads as its subclass through em.find', async () => {
    const file = join(dir, 'tpt.db');
    const tpt = join(ROOT, 'test', 'fixtures', 'entities-tpt');
    const r = spawnSync(process.execPath, [MAIN, 'seed', '--create-schema', '--rows', '6', '--seed', '5'], { cwd: tpt, encoding: 'utf8', env: { ...process.env, CI: '1', SEEDBED_DATABASE_URL: '', ENTITIES_DB: file } });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /^note: entities: 3 of 3 tables mapped by the MikroORM entities of mikro-orm\.config\.ts$/m);
    assert.deepEqual(r.stderr.split('\n').filter((l) => l.startsWith('warning:')), []);
    assert.deepEqual(values(file, 'SELECT count(*) FROM (SELECT id FROM cars INTERSECT SELECT id FROM bikes)'), [0]);
    const v = spawnSync(process.execPath, [MAIN, 'validate', '--db', `sqlite:${file}`], { cwd: tpt, encoding: 'utf8', env: { ...process.env, CI: '1', SEEDBED_DATABASE_URL: '' } });
    assert.equal(v.status, 0, v.stdout + v.stderr);
    const saved = { ...process.env };
    process.env.ENTITIES_DB = file;
    try {
      const project = await loadMikroOrmProject(join(tpt, 'mikro-orm.config.ts'));
      const orm = (await openMikroOrm(project)) as unknown as { em: { fork(): { find(e: unknown, q: object): Promise<Record<string, unknown>[]> } }; close(f: boolean): Promise<void> };
      const mod = await project.load(join(tpt, 'mikro-orm.config.ts'));
      try {
        const [vehicles, cars, bikes] = [await orm.em.fork().find(mod.Vehicle, {}), await orm.em.fork().find(mod.Car, {}), await orm.em.fork().find(mod.Bike, {})];
        assert.equal(vehicles.length, 6);
        assert.equal(cars.length + bikes.length, 6);
        assert.ok(cars.length > 0 && bikes.length > 0);
        const cls = new Map(vehicles.map((x) => [x.id, x.constructor.name]));
        for (const c of cars) { assert.equal(cls.get(c.id), 'Car'); assert.ok(Number.isInteger(c.doors) && typeof c.name === 'string'); }
        for (const b of bikes) { assert.equal(cls.get(b.id), 'Bike'); assert.ok(Number.isInteger(b.gears)); }
      } finally {
        await orm.close(true);
      }
    } finally {
      process.env = saved;
    }
  });
});
