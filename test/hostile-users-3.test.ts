import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliEntry, createDb, fileHash, ROOT } from './support/sqlite.ts';

// Seedbed run by an ordinary user, not root: a database file or a folder they may not write, a
// config they may not read, a home folder that is not theirs. Root passes every permission
// check, so none of this was ever seen; Node's and SQLite's own words came out ("EACCES:
// permission denied, open '…/seedbed.config.ts'" with no fix; "the database is read-only" for a
// writable file whose folder SQLite cannot put its journal in). This file runs the CLI as the
// unprivileged user `nobody` (uid 65534); it needs root to switch to it, and says so when skipped.

const NOBODY = 65534;
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');
const BIN = join(ROOT, 'bin', 'seedbed.mjs');
const base = mkdtempSync(join(tmpdir(), 'seedbed-users-'));
chmodSync(base, 0o755);
after(() => rmSync(base, { recursive: true, force: true }));

/** Runs `node ARGS` as nobody, in `cwd`, with HOME at `home`. */
function asNobody(args: string[], cwd: string, home = join(base, 'home')) {
  const r = spawnSync(process.execPath, args, {
    uid: NOBODY, gid: NOBODY, cwd, encoding: 'utf8', timeout: 120_000,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, USER: 'nobody', CI: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}
const cli = (args: string[], cwd: string, home?: string) => asNobody([cliEntry(), ...args], cwd, home);

/** Why this machine cannot run the CLI as another user, or undefined when it can. */
function cannotDropPrivileges(): string | undefined {
  if (process.platform === 'win32' || !process.getuid) return 'no POSIX users on this platform';
  if (process.getuid() !== 0) return `not running as root (uid ${process.getuid()}), so it cannot run the CLI as another user`;
  const probe = asNobody(['-e', `require('fs').accessSync(${JSON.stringify(MAIN)}, require('fs').constants.R_OK)`], base);
  if (probe.code !== 0) return `user nobody (uid ${NOBODY}) cannot run Node or read ${MAIN}: ${probe.stderr.split('\n')[0]}`;
  return undefined;
}
const skip = cannotDropPrivileges();
if (skip) console.log(`# hostile-users-3 skipped: ${skip}`);

const SCHEMA = `CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), title TEXT NOT NULL);`;

/** A folder of root's (others may read, not write) holding a database file. */
function project(name: string, fileOwner: 'root' | 'nobody'): { dir: string; db: string } {
  const dir = join(base, name);
  mkdirSync(dir, { mode: 0o755 });
  const db = join(dir, 'app.db');
  createDb(db, SCHEMA);
  chmodSync(db, 0o644);
  if (fileOwner === 'nobody') chownSync(db, NOBODY, NOBODY);
  return { dir, db };
}

describe('the CLI as an unprivileged user', { skip }, () => {
  before(() => {
    mkdirSync(join(base, 'home'), { mode: 0o755 });
    chownSync(join(base, 'home'), NOBODY, NOBODY);
  });

  test('a database file of another user: reads work; seed, undo and clear say whose file it is and leave it as it was', () => {
    const { dir, db } = project('theirs', 'root');
    const was = fileHash(db);
    for (const c of [['status'], ['validate'], ['plan'], ['schema']]) {
      const r = cli([...c, '--db', 'sqlite:app.db'], dir);
      assert.equal(r.code, 0, `${c}: ${r.stdout}${r.stderr}`);
    }
    for (const c of [['seed', '--rows', '3'], ['clear', '--yes']]) {
      const r = cli([...c, '--db', 'sqlite:app.db'], dir);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, new RegExp(`^seedbed: Cannot write to sqlite:${db.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the file is read-only for this user \\(it belongs to user id 0\\)\\.\\nFix: Make it writable for you \\(chmod, chown\\), run as the user who owns it, or copy it somewhere writable\\.$`, 'm'), r.stderr);
    }
    assert.equal(fileHash(db), was);
  });

  test('a writable file in a folder that is not: the folder is named (SQLite puts its journal there)', () => {
    const { dir, db } = project('folder', 'nobody');
    const was = fileHash(db);
    const r = cli(['seed', '--rows', '3', '--db', 'sqlite:app.db'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.ok(r.stderr.includes(`seedbed: Cannot write to sqlite:${db}: the file is writable, but its folder ${dir} is not, and SQLite writes its journal (app.db-journal or -wal) beside the file.\nFix: Make the folder writable for you, or copy the database into a folder you can write to.\n`), r.stderr);
    assert.equal(fileHash(db), was);
    assert.deepEqual(readdirSync(dir), ['app.db']);
  });

  test('init in a folder it cannot write, and a config it cannot read: one message each, with the fix', () => {
    const { dir } = project('init', 'nobody');
    const i = cli(['init', '--db', 'sqlite:app.db'], dir);
    assert.equal(i.code, 1, i.stdout + i.stderr);
    assert.equal(i.stderr, `seedbed: Cannot write ${join(dir, 'seedbed.config.ts')}: permission denied for user nobody.\nFix: Run init in a folder you can write to, or give it one: \`seedbed init --dir FOLDER\`.\n`);
    assert.deepEqual(readdirSync(dir), ['app.db']);

    writeFileSync(join(dir, 'seedbed.config.ts'), 'export default { rows: 2 };\n', { mode: 0o600 });
    const c = cli(['plan', '--db', 'sqlite:app.db'], dir);
    assert.equal(c.code, 1, c.stdout + c.stderr);
    assert.equal(c.stderr, 'seedbed: Cannot read the config seedbed.config.ts: permission denied for user nobody.\nFix: Make it readable for you (chmod u+r, or chown), or point --config at another file.\n');
  });

  test('its own project: seed, status and undo work; the installed CLI keeps its code cache in its own home, private, and runs without one', () => {
    const dir = join(base, 'own');
    mkdirSync(dir, { mode: 0o755 });
    chownSync(dir, NOBODY, NOBODY);
    const db = join(dir, 'app.db');
    createDb(db, SCHEMA);
    chownSync(db, NOBODY, NOBODY);
    for (const c of [['seed', '--rows', '3'], ['status'], ['undo', '--yes']]) {
      const r = asNobody([BIN, ...c, '--db', 'sqlite:app.db'], dir);
      assert.equal(r.code, 0, `${c}: ${r.stdout}${r.stderr}`);
    }
    const cache = join(base, 'home', '.cache', 'seedbed');
    for (const d of [cache, join(cache, 'code-cache')]) {
      const st = statSync(d);
      assert.equal(st.uid, NOBODY);
      assert.equal(st.mode & 0o777, 0o700, d);
    }
    // A home it cannot write (or none at all): no cache, the same answer.
    for (const home of [join(base, 'theirs'), '/nonexistent']) {
      const r = asNobody([BIN, 'status', '--db', 'sqlite:app.db'], dir, home);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /tables with data: 0\/2/);
      assert.equal(r.stderr, '');
    }
    assert.ok(!existsSync(join(base, 'theirs', '.cache')));
  });
});
