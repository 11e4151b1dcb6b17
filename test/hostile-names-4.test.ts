import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, fileHash, integrity, tempDir, withDb } from './support/sqlite.ts';

// Tables and columns named like the members every JavaScript object has: `__proto__`,
// `constructor`, `toString`, `hasOwnProperty`, `valueOf`. Seedbed kept such names as keys of
// plain objects, where `o['__proto__'] = n` stores nothing and `o.constructor` is a function:
//   - a column `__proto__` failed every seed ("You cannot specify named parameters in two
//     different objects": Object.prototype was bound in place of the value);
//   - a table `__proto__` was left out of the run's counts: "Done: 60 rows", the --json
//     perTable and the ledger's record of a run that wrote 80 rows in 4 tables;
//   - with any config, "Row count for __proto__ must be a whole number >= 0 (got [object Object])";
//   - `seedbed init` wrote `__proto__: { … }`, which in an object literal sets the prototype: the
//     table's settings vanished. It writes `["__proto__"]: { … }` now.
// (Expected values here are built with Object.fromEntries for the same reason.)

const dir = tempDir('seedbed-hostile-names-4-');
after(() => cleanup(dir));

const DDL = `
  CREATE TABLE "__proto__" (id INTEGER PRIMARY KEY, "__proto__" TEXT NOT NULL, "constructor" INTEGER NOT NULL CHECK ("constructor" > 3), "toString" TEXT);
  CREATE TABLE "constructor" (id INTEGER PRIMARY KEY, p INTEGER NOT NULL REFERENCES "__proto__"(id), "prototype" TEXT NOT NULL, "__proto__" INTEGER UNIQUE);
  CREATE TABLE "hasOwnProperty" (id INTEGER PRIMARY KEY, c INTEGER REFERENCES "constructor"(id), "valueOf" REAL NOT NULL);
  CREATE TABLE "toString" (a INTEGER NOT NULL REFERENCES "__proto__"(id), b INTEGER NOT NULL REFERENCES "constructor"(id), PRIMARY KEY (a, b));`;
const TABLES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString'];

describe('names every JavaScript object has, on SQLite', () => {
  test('seed, --json, the ledger, validate and undo count and fill every table', () => {
    const db = join(dir, 'seed.db');
    createDb(db, DDL);
    const r = cli(['seed', '--rows', '20', '--db', `sqlite:${db}`, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { rows: number; perTable: Record<string, number> };
    assert.equal(out.rows, 80);
    assert.deepEqual(Object.entries(out.perTable).sort(), TABLES.map((t) => [t, 20]));
    assert.deepEqual(counts(db), Object.fromEntries(TABLES.map((t) => [t, 20])));
    withDb(db, (d) => {
      assert.equal((d.prepare('SELECT count(*) AS n FROM "__proto__" WHERE length("__proto__") > 0').get() as { n: number }).n, 20);
      assert.equal((d.prepare('SELECT count(DISTINCT "__proto__") AS n FROM "constructor"').get() as { n: number }).n, (d.prepare('SELECT count("__proto__") AS n FROM "constructor"').get() as { n: number }).n);
      assert.deepEqual(JSON.parse((d.prepare('SELECT tables FROM seedbed_runs').get() as { tables: string }).tables), Object.fromEntries(TABLES.map((t) => [t, 20])));
    });
    assert.deepEqual(integrity(db), { fk: [], integrity: ['ok'] });
    assert.equal(cli(['validate', '--db', `sqlite:${db}`]).stdout.trim(), 'valid: no problems found');

    const top = cli(['seed', '--rows', '30', '--top-up', '--db', `sqlite:${db}`]);
    assert.equal(top.code, 0, top.stderr);
    assert.match(top.stdout, /^Run 2: 40 rows in 4 tables, /m);
    const undo = cli(['undo', '--yes', '--db', `sqlite:${db}`]);
    assert.equal(undo.stdout.trim(), 'Undid run 2: deleted 40 rows from 4 tables.');
    assert.deepEqual(counts(db), Object.fromEntries(TABLES.map((t) => [t, 20])));
  });

  test('a config sizes `__proto__` and leaves the tables it does not name alone (was: "got [object Object]")', () => {
    const db = join(dir, 'config.db');
    createDb(db, DDL);
    const before = fileHash(db);
    const config = join(dir, 'sized.config.ts');
    writeFileSync(config, 'export default { scenarios: { small: { rows: 4 } }, tables: { ["__proto__"]: { rows: 7 }, hasOwnProperty: { rows: 3 } } };\n');
    const plan = cli(['plan', '--config', config, '--scenario', 'small', '--db', `sqlite:${db}`]);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /^ {2}__proto__: 7 rows$/m);
    assert.match(plan.stdout, /^ {2}constructor: 4 rows$/m);
    assert.match(plan.stdout, /^ {2}hasOwnProperty: 3 rows$/m);
    assert.equal(fileHash(db), before, 'plan wrote to the database');
    const seed = cli(['seed', '--config', config, '--scenario', 'small', '--db', `sqlite:${db}`]);
    assert.equal(seed.code, 0, seed.stderr);
    assert.deepEqual(counts(db), Object.fromEntries([['__proto__', 7], ['constructor', 4], ['hasOwnProperty', 3], ['toString', 4]]));
  });

  test('init writes ["__proto__"]: the uncommented example sizes that table', () => {
    const db = join(dir, 'init.db');
    createDb(db, DDL);
    const out = join(dir, 'init');
    const r = cli(['init', '--dir', out, '--db', `sqlite:${db}`]);
    assert.equal(r.code, 0, r.stderr);
    const file = join(out, 'seedbed.config.ts');
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^ {4}\/\/ \["__proto__"\]: \{$/m);
    assert.doesNotMatch(text, /^\s*(?:\/\/ )?"?__proto__"?:/m);
    assert.match(readFileSync(join(out, 'seedbed.schema.d.ts'), 'utf8'), /^ {2}\["__proto__"\]: \{$/m);
    writeFileSync(file, text.replace(/^( {4})\/\/ /gm, '$1'));
    const plan = cli(['plan', '--config', file, '--db', `sqlite:${db}`]);
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stdout, /^ {2}__proto__: 20 rows$/m);
  });
});

describe('names every JavaScript object has, on PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('a text and a jsonb column called __proto__ are filled; counts, validate and undo hold', async () => {
    await pg.createDatabase('proto', `
      CREATE TABLE "__proto__" (id serial PRIMARY KEY, "__proto__" text NOT NULL, "constructor" int NOT NULL CHECK ("constructor" > 3));
      CREATE TABLE "constructor" (id serial PRIMARY KEY, p int NOT NULL REFERENCES "__proto__"(id), "toString" text UNIQUE, "__proto__" jsonb NOT NULL);`);
    const url = pg.url('proto');
    const r = cli(['seed', '--rows', '30', '--db', url, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { perTable: Record<string, number> }).perTable, Object.fromEntries([['__proto__', 30], ['constructor', 30]]));
    const [row] = await pg.query<{ n: string; j: string }>('proto', `SELECT (SELECT count(*) FROM "__proto__" WHERE "__proto__" <> '') AS n, (SELECT count(*) FROM "constructor" WHERE jsonb_typeof("__proto__") IS NOT NULL) AS j`);
    assert.deepEqual(row, { n: '30', j: '30' });
    assert.equal(cli(['validate', '--db', url]).stdout.trim(), 'valid: no problems found');
    assert.equal(cli(['undo', '--yes', '--db', url]).stdout.trim(), 'Undid run 1: deleted 60 rows from 2 tables.');
    const [left] = await pg.query<{ n: string }>('proto', 'SELECT (SELECT count(*) FROM "__proto__") + (SELECT count(*) FROM "constructor") AS n');
    assert.equal(left.n, '0');
  });
});
