import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { dataDump, startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, dump, fileHash, ROOT, tempDir } from './support/sqlite.ts';

// `seed --out DIR --format sql`: the script loads with the database's own client (sqlite3,
// psql) with no error and gives the same rows as a direct seed with the same seed; the same
// seed writes the same bytes; the database exported from is left as it was.

const SCHOOL = readFileSync(join(ROOT, 'examples', 'school', 'schema.sql'), 'utf8');
const dir = tempDir('seedbed-export-');
after(() => cleanup(dir));

function run(cmd: string, args: string[], input?: string, cwd?: string) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, cwd, timeout: 300_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function exportTo(db: string, out: string, args: string[] = []) {
  const r = cli(['seed', '--db', db, '--out', out, '--seed', '7', ...args]);
  assert.equal(r.code, 0, `export failed:\n${r.stderr}`);
  return r;
}

describe('export to SQL on SQLite (school demo schema)', () => {
  test('loads with sqlite3 with no error and equals a direct seed row for row; same seed, same bytes', () => {
    const source = join(dir, 'school.db');
    createDb(source, SCHOOL);
    const before = dump(source);
    const r = exportTo(`sqlite:${source}`, join(dir, 'school-sql'));
    assert.match(r.stdout, /^Exported \d+ rows of \d+ tables as sql to .*school-sql\nLoad it with: sqlite3 DATABASE < seed\.sql\n$/m);
    assert.equal(dump(source), before, 'the database exported from is left as it was');
    assert.deepEqual(readdirSync(join(dir, 'school-sql')), ['seed.sql']);

    const loaded = join(dir, 'loaded.db');
    createDb(loaded, SCHOOL);
    const load = run('sqlite3', ['-bail', loaded], readFileSync(join(dir, 'school-sql', 'seed.sql'), 'utf8'));
    assert.equal(load.stderr, '');
    assert.equal(load.code, 0);
    const direct = join(dir, 'direct.db');
    createDb(direct, SCHOOL);
    const d = cli(['seed', '--db', `sqlite:${direct}`, '--seed', '7']);
    assert.equal(d.code, 0, d.stderr);
    assert.equal(dump(loaded), dump(direct));
    const fk = run('sqlite3', [loaded, 'PRAGMA foreign_key_check;']);
    assert.equal(fk.stdout, '');

    exportTo(`sqlite:${source}`, join(dir, 'school-sql-2'));
    assert.equal(fileHash(join(dir, 'school-sql-2', 'seed.sql')), fileHash(join(dir, 'school-sql', 'seed.sql')));
  });

  test('a folder that holds files is refused, naming the fix', () => {
    const source = join(dir, 'school.db');
    const r = cli(['seed', '--db', `sqlite:${source}`, '--out', join(dir, 'school-sql')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /school-sql is not empty; an export writes into an empty folder, so no file of yours is overwritten\.\nFix: Delete its files, or give --out a new folder\./);
    const f = cli(['seed', '--db', `sqlite:${source}`, '--out', join(dir, 'x'), '--format', 'xml']);
    assert.match(f.stderr, /Unknown export format "xml"\.\nFix: Use --format sql, --format csv, --format json\./);
    const c = cli(['seed', '--db', `sqlite:${source}`, '--out', join(dir, 'y'), '--clear-first']);
    assert.match(c.stderr, /--clear-first cannot be combined with --out/);
  });
});

// Enum, array, json, bytea, timestamps, identity (GENERATED ALWAYS), a NOT NULL cycle made
// deferrable, a nullable cycle closed by UPDATE, quotes, backslashes and newlines in values.
const PG_SCHEMA = `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s fine');
CREATE SCHEMA "odd ""schema""";
CREATE TABLE authors (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  bio text,
  mood mood NOT NULL,
  moods mood[],
  tags text[] NOT NULL,
  profile jsonb,
  avatar bytea,
  born_at timestamptz NOT NULL,
  seen timestamp,
  best_book_id integer
);
CREATE TABLE "odd ""schema""".books (
  id serial PRIMARY KEY,
  author_id integer NOT NULL REFERENCES authors (id),
  "Book Title" text NOT NULL,
  price numeric(8, 2) NOT NULL CHECK (price > 0),
  published date
);
ALTER TABLE authors ADD FOREIGN KEY (best_book_id) REFERENCES "odd ""schema""".books (id);
CREATE TABLE teams (id bigserial PRIMARY KEY, name text NOT NULL, captain_id bigint NOT NULL);
CREATE TABLE players (id bigserial PRIMARY KEY, team_id bigint NOT NULL REFERENCES teams (id) DEFERRABLE, name text NOT NULL);
ALTER TABLE teams ADD FOREIGN KEY (captain_id) REFERENCES players (id) DEFERRABLE INITIALLY DEFERRED;
`;

const CONFIG = `export default {
  tables: {
    authors: { columns: { bio: { values: ["it's \\\\ a 'quote'\\nand a new line", 'tab\\there', 'plain'] } } },
  },
};
`;

describe('export to SQL on PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('loads with psql with no error and equals a direct seed row for row; same bytes', async () => {
    await pg.createDatabase('src', PG_SCHEMA);
    await pg.createDatabase('loaded', PG_SCHEMA);
    await pg.createDatabase('direct', PG_SCHEMA);
    const out = join(dir, 'pg-sql');
    const config = join(dir, 'pg.config.ts');
    writeFileSync(config, CONFIG);
    const args = ['--rows', '30', '--config', config];
    exportTo(pg.url('src'), out, args);
    const script = readFileSync(join(out, 'seed.sql'), 'utf8');
    assert.ok(!script.includes(pg.password), 'no password in the script');
    assert.ok(script.includes(`'it''s \\ a ''quote''\nand a new line'`), 'quotes doubled, backslash and newline as they are');
    const load = run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', pg.url('loaded'), '-f', join(out, 'seed.sql')]);
    assert.equal(load.stderr, '');
    assert.equal(load.code, 0);
    const d = cli(['seed', '--db', pg.url('direct'), '--seed', '7', ...args]);
    assert.equal(d.code, 0, d.stderr);
    assert.equal(await dataDump(pg, 'loaded'), await dataDump(pg, 'direct'));
    assert.doesNotMatch(await dataDump(pg, 'src'), /^(?!--).+$/m, 'the source stays empty');
    // The sequences moved past the written keys, as a direct seed moves them.
    for (const db of ['loaded', 'direct']) {
      const [row] = await pg.query<{ n: string }>(db, `INSERT INTO teams (name, captain_id) VALUES ('x', 1) RETURNING id::text AS n`);
      assert.equal(row.n, '31', db);
    }
    exportTo(pg.url('src'), join(dir, 'pg-sql-2'), args);
    assert.equal(fileHash(join(dir, 'pg-sql-2', 'seed.sql')), fileHash(join(out, 'seed.sql')));
  });
});
