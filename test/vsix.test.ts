import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { packageVsix } from '../scripts/vscode-package.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';

// The .vsix as VS Code unpacks it: `vsce package` prints no warning (the engine is bundled, so the
// package carries 26 JavaScript files, not 750), and the engine worker runs from the unpacked
// folder with no node_modules but better-sqlite3 and jiti: SQLite (native binary), PostgreSQL (pg
// bundled), a seedbed.config.ts importing 'seedbed' (jiti) whose generator uses faker (a lazy chunk).

const dir = mkdtempSync(join(tmpdir(), 'seedbed-vsix-'));
let ext: string;
let files: string[];
let pg: PgServer;

before(async () => {
  const { file, output } = packageVsix(join(dir, 'seedbed.vsix'));
  assert.doesNotMatch(output, /WARNING/, output);
  const unzip = spawnSync('unzip', ['-q', file, '-d', join(dir, 'x')], { encoding: 'utf8' });
  assert.equal(unzip.status, 0, unzip.stderr);
  ext = join(dir, 'x', 'extension');
  files = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' }).stdout.trim().split('\n');
  pg = await startPostgres();
});
after(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Requests to the unpacked engine worker, as the extension sends them. */
async function engine<T>(requests: object[]): Promise<T[]> {
  const w = new Worker(join(ext, 'dist', 'vsix', 'engine-worker.mjs'));
  try {
    const out: T[] = [];
    for (const [i, request] of requests.entries()) {
      out.push(await new Promise<T>((resolve, reject) => {
        const on = (m: { id?: number; ok?: boolean; value?: T; error?: { message: string } }) => {
          if (m.id !== i || !('ok' in m || 'error' in m)) return;
          w.off('message', on);
          if (m.error) reject(new Error(m.error.message));
          else resolve(m.value as T);
        };
        w.on('message', on);
        w.once('error', reject);
        w.postMessage({ id: i, request });
      }));
    }
    return out;
  } finally {
    await w.terminate();
  }
}

const SCHEMA = `CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL, city TEXT);
CREATE TABLE books (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES authors(id), title TEXT NOT NULL UNIQUE);`;

test('the .vsix ships bundles, not node_modules: only better-sqlite3 and jiti, under 30 JavaScript files', () => {
  const modules = new Set(files.filter((f) => f.startsWith('extension/node_modules/')).map((f) => f.split('/')[2]));
  assert.deepEqual([...modules].sort(), ['better-sqlite3', 'jiti']);
  assert.ok(files.includes('extension/node_modules/better-sqlite3/prebuilds/linux-x64.node'));
  const js = files.filter((f) => f.endsWith('.js'));
  assert.ok(js.length < 30, js.join('\n'));
  assert.ok(files.includes('extension/dist/vsix/engine-worker.mjs') && files.includes('extension/dist/extension.cjs'));
  // The rule patterns compiled at build time, beside the engine's bundles (not the npm package's copy).
  assert.ok(files.includes('extension/dist/vsix/rule-patterns.json') && !files.includes('extension/dist/rule-patterns.json'));
});

test('the unpacked engine seeds SQLite with a seedbed.config.ts (import from seedbed, faker in a generator); 0 violations', { timeout: 120_000 }, async () => {
  const project = join(dir, 'project');
  mkdirSync(project);
  const db = join(project, 'app.db');
  assert.equal(spawnSync('/usr/bin/sqlite3', [db, SCHEMA]).status, 0);
  writeFileSync(join(project, 'seedbed.config.ts'), `import { defineConfig } from 'seedbed';
export default defineConfig({ tables: { authors: { columns: { city: ({ faker }) => faker.location.city() } } } });
`);
  const url = `sqlite:${db}`;
  const config = { trusted: true, cwd: project };
  const [, checked] = await engine<{ ok: boolean; problems: unknown[]; counts: Record<string, number> }>([
    { op: 'seed', url, options: { rows: 20, seed: 7 }, config },
    { op: 'validate', url },
  ]);
  assert.deepEqual({ ok: checked.ok, problems: checked.problems, counts: checked.counts }, { ok: true, problems: [], counts: { authors: 20, books: 20 } });
  const rows = spawnSync('/usr/bin/sqlite3', [db, 'SELECT count(*) FROM authors; SELECT count(*) FROM books; SELECT count(*) FROM books b LEFT JOIN authors a ON a.id = b.author_id WHERE a.id IS NULL;'], { encoding: 'utf8' }).stdout.trim().split('\n');
  assert.deepEqual(rows, ['20', '20', '0']);
  // The config's generator ran with faker, loaded from its lazy chunk.
  const cities = spawnSync('/usr/bin/sqlite3', [db, 'SELECT count(DISTINCT city) FROM authors WHERE length(city) > 2'], { encoding: 'utf8' }).stdout.trim();
  assert.ok(Number(cities) >= 15, cities);
});

test('the unpacked engine reads and seeds PostgreSQL (pg bundled, pg-native left out)', { timeout: 120_000 }, async () => {
  await pg.createDatabase('vsix', SCHEMA.replaceAll('INTEGER PRIMARY KEY', 'SERIAL PRIMARY KEY'));
  const url = pg.url('vsix');
  const [overview] = await engine<{ tables: { name: string }[] }>([{ op: 'overview', url }, { op: 'seed', url, options: { rows: 15, seed: 1 } }]);
  assert.deepEqual(overview.tables.map((t) => t.name).sort(), ['authors', 'books']);
  const [{ a, b, orphans }] = await pg.query<{ a: number; b: number; orphans: number }>('vsix',
    'SELECT (SELECT count(*) FROM authors)::int a, (SELECT count(*) FROM books)::int b, (SELECT count(*) FROM books WHERE author_id NOT IN (SELECT id FROM authors))::int orphans');
  assert.deepEqual({ a, b, orphans }, { a: 15, b: 15, orphans: 0 });
});

test('the unpacked engine\'s overview names references implied by column names (the tree and graph show them)', { timeout: 60_000 }, async () => {
  const db = join(dir, 'implied.db');
  assert.equal(spawnSync('/usr/bin/sqlite3', [db, 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL); CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL, title TEXT NOT NULL);']).status, 0);
  const [overview] = await engine<{ tables: { name: string; foreignKeys: { columns: string[]; refTable: string; undeclared?: string }[] }[] }>([{ op: 'overview', url: `sqlite:${db}` }]);
  const posts = overview.tables.find((t) => t.name === 'posts')!;
  assert.deepEqual(posts.foreignKeys.map((f) => [f.columns.join(), f.refTable, f.undeclared]), [['user_id', 'users', 'implied by its name']]);
});

test('the unpacked engine still checks a config\'s faker locale (the list is built in: no node_modules/@faker-js)', { timeout: 60_000 }, async () => {
  const project = join(dir, 'locale');
  mkdirSync(project);
  const db = join(project, 'app.db');
  assert.equal(spawnSync('/usr/bin/sqlite3', [db, SCHEMA]).status, 0);
  writeFileSync(join(project, 'seedbed.config.ts'), "import { defineConfig } from 'seedbed';\nexport default defineConfig({ locale: 'pt-BR' });\n");
  await assert.rejects(engine([{ op: 'seed', url: `sqlite:${db}`, options: { rows: 5 }, config: { trusted: true, cwd: project } }]), /"pt-BR" is not a faker locale/);
  assert.equal(spawnSync('/usr/bin/sqlite3', [db, 'SELECT count(*) FROM authors'], { encoding: 'utf8' }).stdout.trim(), '0');
});
