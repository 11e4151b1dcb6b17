import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { compileCacheDir } from '../src/seeders/compile-cache.ts';

// Node's compile cache holds compiled code that Seedbed runs: it lives in the user's own cache
// directory, private, never in a place another account can write to (Node's default is /tmp).

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
