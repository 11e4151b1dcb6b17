import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cli } from './support/sqlite.ts';

// A PostgreSQL URL naming a unix-socket folder (host=/var/run/postgresql, postgresql:///db?host=…)
// where no server listens got Node's words and no fix: "connect ENOENT /x/.s.PGSQL.5432", "connect
// ENOTDIR", and for a folder path past the 107 bytes a socket path may have, "connect EINVAL …
// - Local (undefined:undefined)". Now each says what is wrong with the socket and how to connect.

const dir = mkdtempSync(join(tmpdir(), 'seedbed-sock-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FIX = 'Fix: Start PostgreSQL, or name the folder its unix_socket_directories setting gives (often /var/run/postgresql or /tmp) and the port it listens on; or connect over TCP (host=localhost).\n';

test('a socket folder with no server, a file as the folder, a path too long for a socket: one message each, with the fix', () => {
  const long = join(dir, 'd'.repeat(150));
  const cases: [string, string][] = [
    [`postgresql:///app?host=${encodeURIComponent(dir)}`, `seedbed: Cannot connect to PostgreSQL at ${dir}:5432, database "app" as user "u": there is no PostgreSQL socket ${dir}/.s.PGSQL.5432.\n`],
    [`host=${dir} port=6543 dbname=app user=u`, `seedbed: Cannot connect to PostgreSQL at ${dir}:6543, database "app" as user "u": there is no PostgreSQL socket ${dir}/.s.PGSQL.6543.\n`],
    ['postgresql://u@/app?host=/dev/null', 'seedbed: Cannot connect to PostgreSQL at /dev/null:5432, database "app" as user "u": /dev/null is not a folder.\n'],
    [`postgresql://u@/app?host=${encodeURIComponent(long)}`, `seedbed: Cannot connect to PostgreSQL at ${long}:5432, database "app" as user "u": the socket path ${`${long}/.s.PGSQL.5432`.slice(0, 100)}… is longer than a unix socket path may be (about 107 bytes).\n`],
  ];
  for (const [url, message] of cases) {
    const r = cli(['status', '--db', url], { PGUSER: 'u', PGPASSWORD: '' });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(r.stderr, message + FIX, url);
  }
});
