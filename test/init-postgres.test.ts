import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cliEntry, ROOT, tempDir } from './support/sqlite.ts';

// `seedbed init` on PostgreSQL: native enums become literal types, arrays element types, a second
// schema's tables are typed by their qualified name; the password is never written into the
// config (SEEDBED_DATABASE_URL carries it), and the starter config seeds the database.

let pg: PgServer;
const dir = tempDir('seedbed-init-pg-');
before(async () => {
  pg = await startPostgres();
  await pg.createDatabase('shop_dev', `
    CREATE TYPE order_state AS ENUM ('new', 'paid', 'shipped');
    CREATE SCHEMA billing;
    CREATE TABLE customers (id serial PRIMARY KEY, email text NOT NULL UNIQUE, tags text[] NOT NULL DEFAULT '{}', vip boolean);
    CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id integer NOT NULL REFERENCES customers (id), state order_state NOT NULL,
      total numeric(10, 2) NOT NULL CHECK (total >= 0), placed_at timestamptz NOT NULL, note text);
    CREATE TABLE billing.invoices (id uuid PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id), amount numeric(10, 2) NOT NULL);
  `);
});
after(async () => {
  await pg?.stop();
  cleanup(dir);
});

const MAIN = cliEntry();
const run = (cwd: string, args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: '1', SEEDBED_DATABASE_URL: '', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
};

test('init on PostgreSQL: enum, array and schema-qualified types; no password in the config; it seeds', () => {
  const d = join(dir, 'shop');
  mkdirSync(join(d, 'node_modules'), { recursive: true });
  writeFileSync(join(d, 'package.json'), '{ "type": "module" }');
  symlinkSync(ROOT, join(d, 'node_modules', 'seedbed'), 'dir');
  const url = pg.url('shop_dev', ['public', 'billing']);

  const init = run(d, ['init', '--db', url]);
  assert.equal(init.code, 0, init.stderr);
  const config = readFileSync(join(d, 'seedbed.config.ts'), 'utf8');
  assert.ok(!config.includes(pg.password), 'the password is not written');
  assert.match(config, /the password is not written here: set SEEDBED_DATABASE_URL/);
  assert.match(config, new RegExp(`database: 'postgresql://postgres@127\\.0\\.0\\.1:${pg.port}/shop_dev\\?schema=public,billing'`));

  const types = readFileSync(join(d, 'seedbed.schema.d.ts'), 'utf8');
  assert.match(types, /state: "new" \| "paid" \| "shipped";/);
  assert.match(types, /tags: Array<string>;/);
  assert.match(types, /vip: boolean \| null;/);
  assert.match(types, /"billing\.invoices": \{/);
  assert.match(types, /total: number;/);

  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--target', 'es2022', '--skipLibCheck', 'seedbed.config.ts'], { cwd: d, encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);

  const seeded = run(d, ['seed', '--scenario', 'light'], { SEEDBED_DATABASE_URL: url });
  assert.equal(seeded.code, 0, seeded.stderr);
  assert.match(seeded.stdout, /\(scenario light\)/);
  assert.ok(!seeded.stdout.includes(pg.password) && !seeded.stderr.includes(pg.password));
});
