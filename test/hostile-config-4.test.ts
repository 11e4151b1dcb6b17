import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanup, cliEntry, createDb, fileHash, tempDir } from './support/sqlite.ts';

// Config paths that are no config: a named pipe held the synchronous read for ever (Ctrl-C could
// not end it), /dev/zero read until "Failed to allocate memory", a 48 MB file was compiled and
// then echoed whole until the terminal printer overflowed its stack (a crash with a stack trace).
// A package.json or mikro-orm.config.ts that is a pipe hung every command started in that
// folder. Now each is one message naming the file and what it is; the database is untouched.

const dir = tempDir('seedbed-hostile-config-4-');
after(() => cleanup(dir));
const db = join(dir, 'app.db');
createDb(db, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO users VALUES (1, 'kept');");
const before = fileHash(db);

/** The CLI in `cwd`, under a 4 GB address-space limit and a hard time limit (a regression must
 *  neither take the machine's memory nor hang the test run). */
function run(args: string[], cwd = dir) {
  const started = Date.now();
  const r = spawnSync('sh', ['-c', 'ulimit -v 4000000; exec "$0" "$@"', process.execPath, cliEntry(), ...args], {
    cwd, encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL', env: { ...process.env, CI: '1' },
  });
  return { code: r.status, out: (r.stdout ?? '') + (r.stderr ?? ''), ms: Date.now() - started };
}

function unchanged() {
  assert.equal(fileHash(db), before, 'the database changed');
}

const fifo = join(dir, 'pipe.config.ts');
execFileSync('mkfifo', [fifo]);
const zeroLink = join(dir, 'zero.config.ts');
symlinkSync('/dev/zero', zeroLink);
const huge = join(dir, 'huge.config.ts');
writeFileSync(huge, Buffer.alloc(12 * 1024 * 1024, 'a'));

const FIX = 'Fix: Point --config at your seedbed.config.ts (`seedbed init` writes one), or run with --no-config.';

describe('--config at what is no config file', () => {
  const cases: [string, string, string][] = [
    ['a named pipe (was: a hang Ctrl-C could not end)', fifo, 'seedbed: Not loading the config pipe.config.ts: it is a named pipe (FIFO), not a file.'],
    ['/dev/zero (was: "Failed to allocate memory")', '/dev/zero', 'seedbed: Not loading the config /dev/zero: it is a device, not a file.'],
    ['a symbolic link to /dev/zero', zeroLink, 'seedbed: Not loading the config zero.config.ts: it is a device, not a file.'],
    ['a 12 MB file', huge, 'seedbed: Not loading the config huge.config.ts: it is 12.0 MB; no config is that large (the limit is 10 MB).'],
  ];
  for (const [name, file, message] of cases) {
    test(`${name}: one message, at once; nothing written`, () => {
      const r = run(['seed', '--config', file, '--db', `sqlite:${db}`]);
      assert.equal(r.code, 1, r.out);
      assert.equal(r.out.trim(), `${message}\n${FIX}`);
      assert.ok(r.ms < 20_000, `took ${r.ms} ms`);
      unchanged();
    });
  }

  test('a 5 MB config whose one word is an unknown name: the error quotes it cut short, no stack trace', () => {
    const file = join(dir, 'word.config.ts');
    writeFileSync(file, 'x'.repeat(5_000_000));
    const r = run(['seed', '--config', file, '--db', `sqlite:${db}`]);
    assert.equal(r.code, 1, r.out.slice(0, 2000));
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 2, r.out.slice(0, 2000));
    assert.match(lines[0], /^seedbed: word\.config\.ts:1: the config threw while loading: x+…\[/);
    assert.ok(lines[0].length < 1000, `${lines[0].length} characters`);
    assert.equal(lines[1], 'Fix: Fix the code at that line; the config file runs once per seed, before any row is written.');
    unchanged();
  });
});

describe('files found in the folder Seedbed runs in', () => {
  test('a seedbed.config.ts that is a named pipe: named, not read', () => {
    const cwd = join(dir, 'found-config');
    mkdirSync(cwd);
    execFileSync('mkfifo', [join(cwd, 'seedbed.config.ts')]);
    const r = run(['seed', '--db', `sqlite:${db}`], cwd);
    assert.equal(r.code, 1, r.out);
    assert.equal(r.out.trim(), `seedbed: Not loading the config seedbed.config.ts: it is a named pipe (FIFO), not a file.\n${FIX}`);
    unchanged();
  });

  test('a mikro-orm.config.ts that is a named pipe (was: every command hung)', () => {
    const cwd = join(dir, 'found-mikro-orm');
    mkdirSync(cwd);
    execFileSync('mkfifo', [join(cwd, 'mikro-orm.config.ts')]);
    const r = run(['seed', '--db', `sqlite:${db}`], cwd);
    assert.equal(r.code, 1, r.out);
    assert.equal(r.out.trim(), 'seedbed: Not loading the MikroORM config mikro-orm.config.ts: it is a named pipe (FIFO), not a file.\n'
      + 'Fix: Point Seedbed at the project\'s own mikro-orm.config.ts, or pass --db URL (and --no-entities) to leave it unread.');
    unchanged();
    const quiet = run(['seed', '--no-entities', '--db', `sqlite:${db}`, '--dry-run'], cwd);
    assert.equal(quiet.code, 0, quiet.out);
    unchanged();
  });

  test('a package.json that is a named pipe is left unread (was: a hang before "No database given")', () => {
    const cwd = join(dir, 'found-package');
    mkdirSync(cwd);
    execFileSync('mkfifo', [join(cwd, 'package.json')]);
    const r = run(['status'], cwd);
    assert.equal(r.code, 1, r.out);
    assert.equal(r.out.trim(), 'seedbed: No database given.\nFix: Pass --db sqlite:path/to/file.db (or set SEEDBED_DATABASE_URL, or `database` in seedbed.config.ts).');
    assert.ok(r.ms < 20_000, `took ${r.ms} ms`);
  });
});
