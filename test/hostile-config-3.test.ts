import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cliEntry, createDb } from './support/sqlite.ts';

// A config Seedbed finds in the folder it runs in (seedbed.config.ts; mikro-orm.config.ts when no
// --db names the database, or for the entities) is code, run as soon as a command starts, with
// the rights of whoever runs Seedbed. In a folder another account controls (a shared, sticky
// /tmp folder; a colleague's checkout) that account chose the code: `seedbed status` there ran
// it. Now such a file (another user's, or one anyone can change) is not loaded unless named
// with --config; as git refuses another user's repository.

const OTHER = 4321;
const NOBODY = 65534;
const base = mkdtempSync(join(tmpdir(), 'seedbed-found-'));
chmodSync(base, 0o755);
after(() => rmSync(base, { recursive: true, force: true }));

mkdirSync(join(base, 'marks'));
chmodSync(join(base, 'marks'), 0o1777);
const marker = join(base, 'marks', 'ran');
const CODE = `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(marker)}, 'config code ran');\nexport default {};\n`;
const SCHEMA = 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL);';

function folder(name: string, mode: number): string {
  const dir = join(base, name);
  mkdirSync(dir);
  chmodSync(dir, mode);
  createDb(join(dir, 'app.db'), SCHEMA);
  chmodSync(join(dir, 'app.db'), 0o666);
  return dir;
}

function run(args: string[], cwd: string, as?: number) {
  const r = spawnSync(process.execPath, [cliEntry(), ...args], {
    ...(as === undefined ? {} : { uid: as, gid: as }), cwd, encoding: 'utf8', timeout: 120_000,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: base, CI: '1' },
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}
const asNobody = (args: string[], cwd: string) => run(args, cwd, NOBODY);
/** The CLI as the test's own user (root), in `cwd`. */
const asMe = (args: string[], cwd: string) => run([...args, '--db', 'sqlite:app.db'], cwd);

const root = process.getuid?.() === 0;
const skip = process.platform === 'win32' ? 'no POSIX users on this platform' : !root ? `not running as root (uid ${process.getuid?.()}), so it cannot make files of other users` : undefined;
if (skip) console.log(`# hostile-config-3 skipped: ${skip}`);

describe('configs found in a folder another account controls', { skip }, () => {
  test('another user\'s seedbed.config.ts in a shared folder is not run; --no-config works, and naming it runs it', () => {
    const dir = folder('shared', 0o1777);
    writeFileSync(join(dir, 'seedbed.config.ts'), CODE);
    chownSync(join(dir, 'seedbed.config.ts'), OTHER, OTHER);
    const r = asNobody(['status', '--db', 'sqlite:app.db'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(r.stderr, `seedbed: Not loading seedbed.config.ts: it belongs to another user (user id ${OTHER}). A config is code and would run with your rights.\nFix: If you trust it, name it: --config seedbed.config.ts. Or run with --no-config.\n`);
    assert.ok(!existsSync(marker), 'the config\'s code ran');
    const n = asNobody(['status', '--db', 'sqlite:app.db', '--no-config'], dir);
    assert.equal(n.code, 0, n.stdout + n.stderr);
    assert.ok(!existsSync(marker));
    const named = asNobody(['status', '--db', 'sqlite:app.db', '--config', 'seedbed.config.ts'], dir);
    assert.equal(named.code, 0, named.stdout + named.stderr);
    assert.ok(existsSync(marker), 'a config the user names is loaded');
    rmSync(marker);
  });

  test('another user\'s mikro-orm.config.ts: not run for the database nor for the entities', () => {
    const dir = folder('orm', 0o1777);
    writeFileSync(join(dir, 'mikro-orm.config.ts'), CODE);
    chownSync(join(dir, 'mikro-orm.config.ts'), OTHER, OTHER);
    const r = asNobody(['status'], dir);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /^seedbed: Not loading mikro-orm\.config\.ts: it belongs to another user \(user id 4321\)\. A config is code and would run with your rights\.\nFix: Name the database with --db/);
    const e = asNobody(['status', '--db', 'sqlite:app.db'], dir);
    assert.equal(e.code, 1, e.stdout + e.stderr);
    assert.match(e.stderr, /\nFix: Run with --no-entities/);
    assert.equal(asNobody(['status', '--db', 'sqlite:app.db', '--no-entities'], dir).code, 0);
    assert.ok(!existsSync(marker), 'the MikroORM config\'s code ran');
  });

  test('even for root: a config anyone can change, or one in a folder anyone can write to, is not run', () => {
    const open = folder('open-file', 0o755);
    writeFileSync(join(open, 'seedbed.config.ts'), CODE);
    chmodSync(join(open, 'seedbed.config.ts'), 0o666);
    const a = asMe(['status'], open);
    assert.equal(a.code, 1, a.stdout + a.stderr);
    assert.match(a.stderr, /^seedbed: Not loading seedbed\.config\.ts: it can be changed by any user \(it is world-writable\)\./);

    const loose = folder('open-folder', 0o777);
    writeFileSync(join(loose, 'seedbed.config.ts'), CODE);
    const b = asMe(['status'], loose);
    assert.equal(b.code, 1, b.stdout + b.stderr);
    assert.match(b.stderr, /^seedbed: Not loading seedbed\.config\.ts: it is in a folder any user can write to \(.*open-folder\), where anyone could have put it\./);
    assert.ok(!existsSync(marker));

    // Root's own config in its own folder: loaded as always.
    const mine = folder('mine', 0o755);
    writeFileSync(join(mine, 'seedbed.config.ts'), CODE);
    const c = asMe(['status'], mine);
    assert.equal(c.code, 0, c.stdout + c.stderr);
    assert.ok(existsSync(marker));
  });
});
