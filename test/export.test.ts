import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../src/seeders/index.ts';
import { EngineClient } from '../src/views/engineClient.ts';
import { dataDump, startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, Database, dump, fileHash, ROOT, tempDir } from './support/sqlite.ts';

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

  test('CSV: load.sql imports with sqlite3 with no error and equals a direct seed; JSON parses and equals too', () => {
    const source = join(dir, 'school.db');
    const direct = join(dir, 'direct.db');
    const csv = join(dir, 'school-csv');
    const r = exportTo(`sqlite:${source}`, csv, ['--format', 'csv']);
    assert.match(r.stdout, /Load it from that folder with: sqlite3 DATABASE < load\.sql/);
    const loaded = join(dir, 'loaded-csv.db');
    createDb(loaded, SCHOOL);
    const load = run('sqlite3', ['-bail', loaded], readFileSync(join(csv, 'load.sql'), 'utf8'), csv);
    assert.equal(load.stderr, '');
    assert.equal(load.code, 0);
    assert.equal(dump(loaded), dump(direct));

    const json = join(dir, 'school-json');
    exportTo(`sqlite:${source}`, json, ['--format', 'json']);
    const viaJson = join(dir, 'loaded-json.db');
    createDb(viaJson, SCHOOL);
    loadJsonSqlite(viaJson, json);
    assert.equal(dump(viaJson), dump(direct));
    exportTo(`sqlite:${source}`, join(dir, 'school-json-2'), ['--format', 'json']);
    for (const f of readdirSync(json)) assert.equal(fileHash(join(dir, 'school-json-2', f)), fileHash(join(json, f)), f);
  });

  test('a large export (rows generated in a worker thread) loads and equals a direct seed too', () => {
    const source = join(dir, 'school-large.db');
    createDb(source, SCHOOL);
    const out = join(dir, 'school-large');
    exportTo(`sqlite:${source}`, out, ['--rows', '250']);
    const loaded = join(dir, 'loaded-large.db');
    createDb(loaded, SCHOOL);
    const load = run('sqlite3', ['-bail', loaded], readFileSync(join(out, 'seed.sql'), 'utf8'));
    assert.equal(load.stderr + load.code, '0');
    const direct = join(dir, 'direct-large.db');
    createDb(direct, SCHOOL);
    assert.equal(cli(['seed', '--db', `sqlite:${direct}`, '--seed', '7', '--rows', '250']).code, 0);
    assert.equal(dump(loaded), dump(direct));
  });

  test("the editor's engine worker exports too (Seedbed: Export Seed Data…)", async () => {
    const engine = new EngineClient(join(ROOT, 'src', 'views', 'engineWorker.ts'));
    try {
      const out = join(dir, 'editor-json');
      const events: string[] = [];
      const r = await engine.request({ op: 'export', url: `sqlite:${join(dir, 'school.db')}`, out, format: 'json', options: { seed: 7 } }, { onEvent: (e) => events.push(e.type) });
      assert.equal(r.dir, out);
      assert.equal(r.format, 'json');
      assert.ok(r.rows > 1000 && r.tables > 100, `${r.rows} rows, ${r.tables} tables`);
      assert.ok(events.includes('table-start') && events.includes('commit'));
      assert.equal(fileHash(join(out, 'index.json')), fileHash(join(dir, 'school-json', 'index.json')), 'the same files as the CLI');
    } finally {
      await engine.dispose();
    }
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

interface Sqlite { pragma(s: string): unknown; exec(s: string): void; close(): void; prepare(s: string): { run(p: unknown[]): unknown; all(...p: unknown[]): unknown[] } }
interface JsonIndex { tables: { table: string; file: string }[]; updates: { table: string; file: string }[]; statements: string[] }

/** Loads a JSON export the way a user's script would: rows in index order, then the updates and statements. */
function loadJsonSqlite(file: string, folder: string) {
  const index = JSON.parse(readFileSync(join(folder, 'index.json'), 'utf8')) as JsonIndex;
  const db = new Database(file) as unknown as Sqlite;
  const q = (n: string) => `"${n.replaceAll('"', '""')}"`;
  const value = (types: Map<string, string>, c: string, v: unknown) => {
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'string' && /blob/i.test(types.get(c) ?? '') && /^\\x[0-9a-f]*$/.test(v)) return Buffer.from(v.slice(2), 'hex');
    if (v !== null && typeof v === 'object') return JSON.stringify(v);
    return v;
  };
  try {
    db.pragma('foreign_keys = ON');
    db.exec('BEGIN');
    db.pragma('defer_foreign_keys = ON');
    const typesOf = (t: string) => new Map((db.prepare(`SELECT name, type FROM pragma_table_info(?)`).all(t) as { name: string; type: string }[]).map((c) => [c.name, c.type]));
    for (const t of index.tables) {
      const types = typesOf(t.table);
      for (const row of JSON.parse(readFileSync(join(folder, t.file), 'utf8')) as Record<string, unknown>[]) {
        const cols = Object.keys(row);
        db.prepare(`INSERT INTO ${q(t.table)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(cols.map((c) => value(types, c, row[c])));
      }
    }
    for (const u of index.updates) {
      const types = typesOf(u.table);
      for (const { key, set } of JSON.parse(readFileSync(join(folder, u.file), 'utf8')) as { key: Record<string, unknown>; set: Record<string, unknown> }[]) {
        db.prepare(`UPDATE ${q(u.table)} SET ${Object.keys(set).map((c) => `${q(c)} = ?`).join(', ')} WHERE ${Object.keys(key).map((c) => `${q(c)} = ?`).join(' AND ')}`)
          .run([...Object.entries(set), ...Object.entries(key)].map(([c, v]) => value(types, c, v)));
      }
    }
    for (const sql of index.statements) db.exec(sql);
    db.exec('COMMIT');
  } finally {
    db.close();
  }
}

// Enum (one whose name holds "int": no integer, its script once set a sequence from it), array,
// json, bytea, timestamps, identity (GENERATED ALWAYS), a NOT NULL cycle made deferrable, a nullable cycle closed by UPDATE, quotes, backslashes and newlines in values.
const PG_SCHEMA = `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'it''s fine');
CREATE TYPE intensity_level AS ENUM ('beginner', 'expert');
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
CREATE TABLE players (id bigserial PRIMARY KEY, team_id bigint NOT NULL REFERENCES teams (id) DEFERRABLE, name text NOT NULL, level intensity_level NOT NULL);
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
    const expected = await dataDump(pg, 'direct');
    assert.equal(await dataDump(pg, 'loaded'), expected);
    assert.doesNotMatch(await dataDump(pg, 'src'), /^(?!--).+$/m, 'the source stays empty');
    // The sequences moved past the written keys, as a direct seed moves them.
    for (const db of ['loaded', 'direct']) {
      const [row] = await pg.query<{ n: string }>(db, `INSERT INTO teams (name, captain_id) VALUES ('x', 1) RETURNING id::text AS n`);
      assert.equal(row.n, '31', db);
    }
    exportTo(pg.url('src'), join(dir, 'pg-sql-2'), args);
    assert.equal(fileHash(join(dir, 'pg-sql-2', 'seed.sql')), fileHash(join(out, 'seed.sql')));

    // CSV: psql's \copy, from the export folder.
    await pg.createDatabase('csv', PG_SCHEMA);
    const csv = join(dir, 'pg-csv');
    exportTo(pg.url('src'), csv, [...args, '--format', 'csv']);
    const c = run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', pg.url('csv'), '-f', 'load.psql'], undefined, csv);
    assert.equal(c.stderr, '');
    assert.equal(c.code, 0);
    assert.equal(await dataDump(pg, 'csv'), expected);

    // JSON: loaded by a script of the user's (json_populate_recordset gives each value its column's type).
    await pg.createDatabase('json', PG_SCHEMA);
    const json = join(dir, 'pg-json');
    exportTo(pg.url('src'), json, [...args, '--format', 'json']);
    const index = JSON.parse(readFileSync(join(json, 'index.json'), 'utf8')) as JsonIndex;
    const driver = await openDatabase(pg.url('json'));
    const client = await pg.client('json');
    try {
      await client.query('BEGIN');
      await client.query('SET CONSTRAINTS ALL DEFERRED');
      for (const t of index.tables) {
        const ref = driver.quoteTable!(t.table);
        const rows = JSON.parse(readFileSync(join(json, t.file), 'utf8')) as Record<string, unknown>[];
        const cols = Object.keys(rows[0]).map((k) => driver.quoteColumn!(k)).join(', ');
        await client.query(`INSERT INTO ${ref} (${cols}) OVERRIDING SYSTEM VALUE SELECT ${cols} FROM json_populate_recordset(NULL::${ref}, $1::json)`, [JSON.stringify(rows)]);
      }
      for (const u of index.updates) {
        for (const { key, set } of JSON.parse(readFileSync(join(json, u.file), 'utf8')) as { key: Record<string, unknown>; set: Record<string, unknown> }[]) {
          const s = Object.keys(set);
          await client.query(`UPDATE ${driver.quoteTable!(u.table)} SET ${s.map((k, i) => `${driver.quoteColumn!(k)} = $${i + 1}`).join(', ')} WHERE ${Object.keys(key)
            .map((k, i) => `${driver.quoteColumn!(k)} = $${s.length + i + 1}`).join(' AND ')}`, [...Object.values(set), ...Object.values(key)]);
        }
      }
      for (const sql of index.statements) await client.query(sql);
      await client.query('COMMIT');
    } finally {
      await client.end();
      await driver.close();
    }
    assert.equal(await dataDump(pg, 'json'), expected);
  });
});
