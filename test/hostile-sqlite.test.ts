import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanup, cli, createDb, Database, dump, integrity, tempDir, withDb } from './support/sqlite.ts';

// Hostile names and values: reserved words, mixed case, spaces, quotes and unicode as
// identifiers; quotes, backslashes, newlines and emoji as key values that children copy and
// the ledger stores. Everything must round-trip byte for byte.

const dir = tempDir();
after(() => cleanup(dir));

const HOSTILE_KEYS = ["O'Brien", 'back\\slash', 'new\nline', 'tab\tbed', 'emoji 🌱🚀', 'quote"d', "semi;colon --", 'ünïcødé 日本語', '   spaces   ', 'NULL'];

const DDL = `
CREATE TABLE "user" ("select" TEXT PRIMARY KEY, "Display Name" TEXT NOT NULL);
CREATE TABLE "order" (
  "id" INTEGER PRIMARY KEY,
  "user" TEXT NOT NULL REFERENCES "user"("select"),
  "group" TEXT,
  "Mixed Case" INTEGER CHECK ("Mixed Case" >= 0),
  "quote""d col" TEXT,
  "日本" TEXT
);
CREATE TABLE "line items" ("order id" INTEGER NOT NULL REFERENCES "order"("id"), "#" INTEGER NOT NULL, "note" TEXT, PRIMARY KEY ("order id", "#"));
`;

test('hostile identifiers and key values round-trip through seed, validate and undo', () => {
  const file = join(dir, 'hostile.db');
  createDb(file, DDL);
  const db = new Database(file);
  const ins = db.prepare(`INSERT INTO "user" ("select", "Display Name") VALUES (?, ?)`) as unknown as { run(...a: unknown[]): void };
  for (const k of HOSTILE_KEYS) ins.run(k, `name of ${k}`);
  db.close();
  const before = dump(file);

  const s = cli(['seed', '--db', `sqlite:${file}`, '--rows', '200', '--tables', 'order,line items']);
  assert.equal(s.code, 0, s.stderr);
  assert.deepEqual(integrity(file).fk, []);
  const used = withDb(file, (d) => (d.prepare(`SELECT DISTINCT "user" AS u FROM "order"`).all() as { u: string }[]).map((r) => r.u));
  // Children point at the hostile keys exactly as stored (no escaping damage).
  assert.ok(used.length >= 5, `children use several parent keys: ${JSON.stringify(used)}`);
  for (const u of used) assert.ok(HOSTILE_KEYS.includes(u), `unexpected key ${JSON.stringify(u)}`);
  assert.equal(withDb(file, (d) => (d.prepare(`SELECT count(*) AS n FROM "line items"`).get() as { n: number }).n), 200);

  const v = cli(['validate', '--db', `sqlite:${file}`]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  const u = cli(['undo', '--yes', '--db', `sqlite:${file}`]);
  assert.equal(u.code, 0, u.stderr);
  assert.equal(dump(file), before);
});

test('a seed of the parent with text keys records them in the ledger and undoes exactly them', () => {
  const file = join(dir, 'hostile2.db');
  createDb(file, DDL);
  const db = new Database(file);
  (db.prepare(`INSERT INTO "user" ("select", "Display Name") VALUES (?, ?)`) as unknown as { run(...a: unknown[]): void }).run("pre'existing\n🌱", 'kept');
  db.close();
  const before = dump(file);
  const s = cli(['seed', '--db', `sqlite:${file}`, '--rows', '30']);
  assert.equal(s.code, 0, s.stderr);
  const u = cli(['undo', '--yes', '--db', `sqlite:${file}`]);
  assert.equal(u.code, 0, u.stderr);
  assert.equal(dump(file), before);
});

test('--db at what is no database file: one message each, naming what it is (a FIFO was "disk I/O error", /dev/zero an empty database)', () => {
  const fifo = join(dir, 'pipe.db');
  execFileSync('mkfifo', [fifo]);
  symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
  symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
  const cases: [string, string, string][] = [
    [fifo, 'it is a named pipe (FIFO), not a database file.', 'Point --db at the SQLite file itself.'],
    ['/dev/zero', 'it is a device, not a database file.', 'Point --db at the SQLite file itself.'],
    ['/dev/null', 'it is a device, not a database file.', 'Point --db at the SQLite file itself.'],
    [join(dir, 'loop-a'), 'its symbolic links form a loop.', 'Point --db at the SQLite file itself (`ls -l` shows where each link points).'],
  ];
  for (const [path, problem, fix] of cases) {
    for (const command of ['schema', 'seed']) {
      const r = cli([command, '--db', `sqlite:${path}`]);
      assert.equal(r.code, 1, `${command} ${path}`);
      assert.equal(r.stderr, `seedbed: Cannot open sqlite:${path}: ${problem}\nFix: ${fix}\n`, `${command} ${path}`);
    }
  }
});

test('a folder that can never be made (--out or --dir under /proc) is one message, at once (Node\'s recursive mkdir spun there forever)', () => {
  const file = join(dir, 'out-proc.db');
  createDb(file, DDL);
  const before = dump(file);
  const out = cli(['seed', '--db', `sqlite:${file}`, '--out', '/proc/no-such-place/seed']);
  assert.equal(out.code, 1);
  assert.equal(out.stderr, "seedbed: Cannot create the folder /proc/no-such-place/seed: ENOENT: no such file or directory, mkdir '/proc/no-such-place'\nFix: Give --out a folder you can write to.\n");
  const init = cli(['init', '--db', `sqlite:${file}`, '--dir', '/proc/no-such-place/cfg']);
  assert.equal(init.code, 1);
  assert.equal(init.stderr, "seedbed: Cannot create the folder /proc/no-such-place/cfg: ENOENT: no such file or directory, mkdir '/proc/no-such-place'\nFix: Give --dir a folder you can write to.\n");
  assert.equal(dump(file), before);
});
