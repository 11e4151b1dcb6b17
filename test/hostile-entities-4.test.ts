import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanup, cliEntry, createDb, fileHash, ROOT, tempDir } from './support/sqlite.ts';

// A MikroORM config's `entities: ['./entities']` names a folder; MikroORM's discovery globbed it
// and imported every .js/.ts file it found, following symbolic links: a link in the folder to a
// folder elsewhere ran the code there (here: a file that leaves a marker), and folders of
// thousands of files or hundreds of levels were walked without bound. Seedbed now walks such
// folders itself (config/entity-files.ts) and hands MikroORM the files: links are followed only
// inside the project, each real folder once (a loop ends), and past a limit it is one message.

const dir = tempDir('seedbed-hostile-entities-4-');
after(() => cleanup(dir));

const ENTITY = (cls: string, table: string) => `import { EntitySchema } from '@mikro-orm/core';
export class ${cls} { id!: number; name!: string; }
export const ${cls}Schema = new EntitySchema<${cls}>({ class: ${cls}, tableName: '${table}', properties: { id: { type: 'number', primary: true }, name: { type: 'string' } } });
`;

/** A MikroORM project (SQLite app.db with tables users and posts; entities/user.ts maps users). */
function project(name: string): string {
  const p = join(dir, name);
  mkdirSync(join(p, 'entities'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(p, 'node_modules'));
  writeFileSync(join(p, 'mikro-orm.config.ts'), "import { defineConfig } from '@mikro-orm/sqlite';\nexport default defineConfig({ dbName: 'app.db', entities: ['./entities'] });\n");
  writeFileSync(join(p, 'entities', 'user.ts'), ENTITY('User', 'users'));
  createDb(join(p, 'app.db'), 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL); CREATE TABLE posts (id INTEGER PRIMARY KEY, name TEXT NOT NULL);');
  return p;
}

function run(args: string[], cwd: string) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [cliEntry(), ...args], { cwd, encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL', env: { ...process.env, CI: '1' } });
  return { code: r.status, out: (r.stdout ?? '') + (r.stderr ?? ''), ms: Date.now() - started };
}

const LIMIT_FIX = 'Fix: Point the config\'s entities at the folder that holds the entity files, or pass --no-entities.';

test('a link out of the project is refused by name; the code there never runs, nothing is written', () => {
  const p = project('out');
  const outside = join(dir, 'elsewhere');
  mkdirSync(outside);
  const marker = join(dir, 'ran');
  writeFileSync(join(outside, 'evil.ts'), `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'ran');\nexport {};\n`);
  symlinkSync(outside, join(p, 'entities', 'shared'));
  const before = fileHash(join(p, 'app.db'));
  const r = run(['seed'], p);
  assert.equal(r.code, 1, r.out);
  assert.equal(r.out.trim(), `seedbed: entities/shared is a symbolic link to ${outside}, outside the project (entities of mikro-orm.config.ts).\n`
    + `Fix: Entity files outside ${p} are not loaded through a link: name that folder in the config's entities if you trust it, or pass --no-entities.`);
  assert.equal(existsSync(marker), false, 'code outside the project ran');
  assert.equal(fileHash(join(p, 'app.db')), before);
  const without = run(['seed', '--no-entities', '--db', 'sqlite:app.db'], p);
  assert.equal(without.code, 0, without.out);
  assert.equal(existsSync(marker), false, 'code outside the project ran');
});

test('a link loop, a link inside the project and file names that are glob patterns: every entity found once', () => {
  const p = project('loop');
  symlinkSync('.', join(p, 'entities', 'again'));
  mkdirSync(join(p, 'lib', 'posts (v2)'), { recursive: true });
  writeFileSync(join(p, 'lib', 'posts (v2)', '[id].ts'), ENTITY('Post', 'posts'));
  symlinkSync(join(p, 'lib'), join(p, 'entities', 'lib'));
  const r = run(['plan'], p);
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /^note: entities: 2 of 2 tables mapped by the MikroORM entities of mikro-orm\.config\.ts$/m);
  assert.ok(r.ms < 60_000, `took ${r.ms} ms`);
});

test('folders past the limits: one message each, at once', () => {
  const deep = project('deep');
  let d = join(deep, 'entities');
  for (let i = 0; i < 40; i++) mkdirSync(d = join(d, 'd'));
  const r1 = run(['plan'], deep);
  assert.equal(r1.code, 1, r1.out);
  assert.equal(r1.out.trim(), `seedbed: ${join('entities', ...Array(33).fill('d'))} is more than 32 folders deep (entities of mikro-orm.config.ts).\n${LIMIT_FIX}`);

  const many = project('many');
  for (let i = 0; i < 5001; i++) writeFileSync(join(many, 'entities', `e${i}.ts`), 'export {};\n');
  const r2 = run(['plan'], many);
  assert.equal(r2.code, 1, r2.out);
  assert.equal(r2.out.trim(), `seedbed: entities holds more than 5,000 .js/.ts files (entities of mikro-orm.config.ts).\n${LIMIT_FIX}`);
  assert.ok(r2.ms < 30_000, `took ${r2.ms} ms`);

  const big = project('big');
  writeFileSync(join(big, 'entities', 'huge.ts'), Buffer.alloc(11 * 1024 * 1024, ' '));
  const r3 = run(['plan'], big);
  assert.equal(r3.code, 1, r3.out);
  assert.equal(r3.out.trim(), `seedbed: entities/huge.ts is 11.0 MB; no entity file is that large (entities of mikro-orm.config.ts).\n${LIMIT_FIX}`);
});
