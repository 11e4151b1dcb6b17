import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadMikroOrmProject, openMikroOrm } from '../src/seeders/config/mikro-orm.ts';
import { cleanup, cliEntry, counts, integrity, ROOT, tempDir, withDb } from './support/sqlite.ts';

// examples/mikro-orm-app: a MikroORM project (entities with defineEntity, a DatabaseSeeder with
// factories, and Seedbed's SeedbedSeeder among its seeders). Seedbed finds its
// mikro-orm.config.ts, lists and runs its seeders in one transaction, and seeds the same
// database through the project's connection, with what its entities know (a string enum, a
// list, an embeddable, single-table inheritance); MikroORM reads every row back.

const dir = tempDir('seedbed-mikro-orm-');
after(() => cleanup(dir));

const APP = join(ROOT, 'examples', 'mikro-orm-app');
const MAIN = cliEntry();
const file = join(dir, 'app.db');

function run(args: string[], cwd = APP) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1', SEEDBED_DATABASE_URL: '', APP_DB: file } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
const ok = (args: string[], cwd?: string) => {
  const r = run(args, cwd);
  assert.equal(r.code, 0, `seedbed ${args.join(' ')}:\n${r.stderr}`);
  return r;
};
const one = (sql: string) => Number(Object.values(withDb(file, (db) => db.prepare(sql).get() as object))[0]);

before(async () => {
  // The app's "migration": MikroORM's schema generator over its entities.
  const project = await loadMikroOrmProject(join(APP, 'mikro-orm.config.ts'));
  const orm = await openMikroOrm(project, { dbName: file });
  await (orm as unknown as { schema: { create(): Promise<void> } }).schema.create();
  await orm.close(true);
});

describe('examples/mikro-orm-app', () => {
  test('lists the project\'s seeders', () => {
    const r = ok(['mikro-orm-seed', '--list']);
    assert.match(r.stdout, /^DatabaseSeeder\s+src\/seeders\/DatabaseSeeder\.ts {2}\(default\)$/m);
    assert.match(r.stdout, /^SeedbedSeeder\s+src\/seeders\/SeedbedSeeder\.ts {2}\(Seedbed's automatic seeding\)$/m);
    assert.doesNotMatch(r.stdout, /Factory/, 'factories are not seeders');
  });

  test('runs its own DatabaseSeeder (factories) in one transaction', () => {
    const r = ok(['mikro-orm-seed']);
    assert.match(r.stdout, /^DatabaseSeeder: 43 rows \(authors 10, books 30, publishers 3\) in sqlite:/m);
    assert.deepEqual(counts(file), { authors: 10, books: 30, editions: 0, publishers: 3 });
    assert.equal(one(`SELECT count(*) FROM authors WHERE publisher_id IS NULL`), 0, 'every author has a publisher');
    assert.equal(one(`SELECT count(*) FROM (SELECT author_id FROM books GROUP BY author_id HAVING count(*) <> 3)`), 0, '3 books per author');

    // The factories are seeded: a second run repeats the publishers' names (UNIQUE) — and the
    // whole run is rolled back, not half written.
    const again = run(['mikro-orm-seed', 'DatabaseSeeder']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /DatabaseSeeder failed: UNIQUE constraint failed: publishers\.name/);
    assert.match(again.stderr, /Fix: Nothing it wrote was kept \(one transaction, rolled back\)/);
    assert.deepEqual(counts(file), { authors: 10, books: 30, editions: 0, publishers: 3 });
  });

  test('runs Seedbed\'s automatic seeding as a MikroORM seeder class (recorded, undoable)', () => {
    const r = ok(['mikro-orm-seed', 'SeedbedSeeder']);
    assert.match(r.stdout, /^SeedbedSeeder: 80 rows \(authors 20, books 20, editions 20, publishers 20\)/m);
    assert.deepEqual(counts(file), { authors: 30, books: 50, editions: 20, publishers: 23 });
    assert.deepEqual(integrity(file).fk, []);
    assert.match(ok(['runs']).stdout, /^ {3}1 .* 80 rows in 4 tables {2}committed$/m, 'the run is in Seedbed\'s ledger');
  });

  test('seedbed\'s own commands take the project\'s connection; undo removes exactly the last run', () => {
    const r = ok(['seed', '--rows', '5']);
    assert.match(r.stdout, /20 rows in 4 tables/);
    assert.deepEqual(counts(file), { authors: 35, books: 55, editions: 25, publishers: 28 });
    ok(['undo', '--yes']);
    assert.deepEqual(counts(file), { authors: 30, books: 50, editions: 20, publishers: 23 });
    const v = ok(['validate']);
    assert.match(v.stdout, /no problems/);
  });

  test('--project from elsewhere; an unknown seeder class is one clear error', () => {
    assert.match(ok(['mikro-orm-seed', '--list', '--project', APP], dir).stdout, /DatabaseSeeder/);
    const bad = run(['mikro-orm-seed', 'DatabaseSeder']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /No seeder class "DatabaseSeder" in mikro-orm\.config\.ts's project\. Seeders: DatabaseSeeder, SeedbedSeeder\./);
    assert.match(bad.stderr, /Did you mean "DatabaseSeeder"\?/);
    const none = run(['mikro-orm-seed'], dir);
    assert.match(none.stderr, /No MikroORM config in this folder/);
  });

  test('what the entities know: every row Seedbed wrote loads through MikroORM (em.find on every entity), enum values valid, each edition its class', async () => {
    ok(['seed', '--rows', '30', '--seed', '3']);
    assert.deepEqual(counts(file), { authors: 60, books: 80, editions: 50, publishers: 53 });
    // Single-table inheritance in SQL: each row has its own class's columns and none of the others'.
    const wrong = one(`SELECT count(*) FROM editions WHERE NOT (
      (format = 'print' AND pages IS NOT NULL AND hardcover IS NOT NULL AND file_size_kb IS NULL AND duration_minutes IS NULL AND narrator IS NULL)
      OR (format = 'ebook' AND file_size_kb IS NOT NULL AND pages IS NULL AND hardcover IS NULL AND duration_minutes IS NULL AND narrator IS NULL)
      OR (format = 'audio' AND duration_minutes IS NOT NULL AND pages IS NULL AND hardcover IS NULL AND file_size_kb IS NULL))`);
    assert.equal(wrong, 0);

    const project = await loadMikroOrmProject(join(APP, 'mikro-orm.config.ts'));
    const orm = (await openMikroOrm(project, { dbName: file })) as unknown as { em: { fork(): { find(e: unknown, q: object): Promise<Record<string, unknown>[]> } }; close(f: boolean): Promise<void> };
    const mod = await project.load(join(APP, 'src', 'entities.ts'));
    try {
      const all: Record<string, Record<string, unknown>[]> = {};
      for (const name of ['Publisher', 'Author', 'Book', 'Edition', 'PrintEdition', 'EBook', 'AudioBook']) all[name] = await orm.em.fork().find(mod[name], {});
      assert.deepEqual([all.Publisher.length, all.Author.length, all.Book.length, all.Edition.length], [53, 60, 80, 50]);
      assert.equal(all.PrintEdition.length + all.EBook.length + all.AudioBook.length, 50);
      assert.ok(all.Edition.every((e) => ['PrintEdition', 'EBook', 'AudioBook'].includes(e.constructor.name)));
      const genres = Object.values(mod.Genre as Record<string, string>);
      for (const b of all.Book) {
        assert.ok(genres.includes(b.genre as string), `genre ${b.genre}`);
        assert.ok(Array.isArray(b.tags) && (b.tags as string[]).length > 0);
      }
      for (const pub of all.Publisher) {
        const a = pub.address as Record<string, unknown>;
        assert.equal(a.constructor.name, 'Address');
        assert.ok(['head-office', 'warehouse'].includes(a.kind as string) && typeof a.city === 'string');
      }
      for (const e of all.PrintEdition) assert.ok(Number.isInteger(e.pages) && typeof e.hardcover === 'boolean');
      for (const e of all.AudioBook) assert.ok(Number.isInteger(e.durationMinutes));
    } finally {
      await orm.close(true);
    }
  });
});
