import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { compileCacheDir } from '../src/seeders/compile-cache.ts';

// Node's compile cache and the CLI's code cache hold compiled code that Seedbed runs: they live in
// the user's own cache directory, private, never in a place another account can write to (Node's
// default is /tmp).

const root = mkdtempSync(join(tmpdir(), 'seedbed-ccache-'));
after(() => rmSync(root, { recursive: true, force: true }));

function withCacheHome<T>(home: string, f: () => T): T {
  const before = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = home;
  try {
    return f();
  } finally {
    if (before === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = before;
  }
}

test('the compile cache is made private under $XDG_CACHE_HOME/seedbed', () => {
  const dir = withCacheHome(join(root, 'a'), compileCacheDir);
  assert.equal(dir, join(root, 'a', 'seedbed', 'node-compile-cache'));
  assert.equal(statSync(dir!).mode & 0o777, 0o700);
});

test('a cache directory others can write to, or a symlink, is not used', () => {
  const open = join(root, 'b', 'seedbed', 'node-compile-cache');
  mkdirSync(open, { recursive: true });
  chmodSync(open, 0o777);
  assert.equal(withCacheHome(join(root, 'b'), compileCacheDir), undefined);
  mkdirSync(join(root, 'c', 'seedbed'), { recursive: true });
  mkdirSync(join(root, 'elsewhere'));
  symlinkSync(join(root, 'elsewhere'), join(root, 'c', 'seedbed', 'node-compile-cache'));
  assert.equal(withCacheHome(join(root, 'c'), compileCacheDir), undefined);
});

test('no usable place: no cache, no error', () => {
  assert.equal(withCacheHome('/proc/no-such-place', compileCacheDir), undefined);
});

// The CLI's bundle runs as a script with a V8 code cache made after a run (loadBundle): every
// function a command compiled comes compiled the next time, not only the top level.
const BIN = join(import.meta.dirname, '..', 'bin', 'seedbed.mjs');

function cli(home: string, ...args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: home, NODE_COMPILE_CACHE: '' } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}
const codeCache = (home: string) => join(home, 'seedbed', 'code-cache');
const cacheFiles = (home: string) => readdirSync(codeCache(home)).filter((f) => f.startsWith('cli.cjs-'));

test("the CLI's code cache: made at its first run, private, then used as it is", () => {
  const home = join(root, 'cli');
  const help = cli(home, '--help');
  assert.match(help, /^Usage: seedbed \[options\] \[command\]/);
  const [file] = cacheFiles(home);
  assert.match(file ?? '', /^cli\.cjs-v[\d.]+-\w+-[0-9a-f]+-\d+\.v8$/);
  const path = join(codeCache(home), file!);
  assert.equal(statSync(codeCache(home)).mode & 0o777, 0o700);
  assert.equal(statSync(path).mode & 0o777, 0o600);
  const made = statSync(path).mtimeMs;
  // A short command with a cache V8 takes writes nothing: the file is as the first run left it.
  assert.equal(cli(home, '--help'), help);
  assert.equal(statSync(path).mtimeMs, made);
  assert.deepEqual(cacheFiles(home), [file]);
});

test('a damaged code cache is refused by V8 and made afresh; other builds\' caches go', () => {
  const home = join(root, 'damaged');
  const help = cli(home, '--help');
  const [file] = cacheFiles(home);
  const path = join(codeCache(home), file!);
  const good = readFileSync(path).length;
  writeFileSync(path, Buffer.alloc(good, 7));
  writeFileSync(join(codeCache(home), 'cli.cjs-v0.0.0-x64-0-0.v8'), 'an older build');
  assert.equal(cli(home, '--help'), help);
  assert.deepEqual(cacheFiles(home), [file]);
  assert.notDeepEqual(readFileSync(path), Buffer.alloc(good, 7));
  assert.ok(readFileSync(path).length > 100_000);
});
