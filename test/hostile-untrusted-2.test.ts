import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseDatabaseUrl } from '../src/seeders/drivers/url.ts';
import { untrustedHostRefusal } from '../src/views/untrustedHost.ts';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cli } from './support/sqlite.ts';

// An untrusted workspace's .vscode/settings.json chose the server Seedbed read the schema from on
// opening, and a connection answers a password request with PGPASSWORD or a `*` line of ~/.pgpass:
// postgresql://postgres@their.host/x got the user's password before anything was trusted. Now its
// own setting reaches only this machine's servers, and without server settings (options=-c …),
// which a superuser's session takes session_preload_libraries from: the server then loads a
// library the folder names (src/views/connection.ts asks this function).

const target = (url: string) => parseDatabaseUrl(url, '/work');

test('an untrusted workspace\'s own URL to another machine is refused, naming the server, the risk and the fix', () => {
  for (const url of ['postgresql://postgres@db.example.com/app', 'postgresql://u@10.0.0.5:6543/app?sslmode=require', 'host=203.0.113.9 dbname=app user=postgres', 'postgresql://u@[2001:db8::1]/app']) {
    const e = untrustedHostRefusal(target(url), false, true);
    assert.ok(e, url);
    assert.equal(e.code, 'BAD_INPUT');
    assert.match(e.message, /^This workspace is not trusted, and its setting seedbed\.databaseUrl names a server on another machine \(postgresql:\/\/[^)]+\): Seedbed does not connect there, as the server could ask for your password \(PGPASSWORD, ~\/\.pgpass\) and get it\.$/);
    assert.equal(e.fix, 'Trust the workspace if you know that server (Workspaces: Manage Workspace Trust), or set seedbed.databaseUrl in your user settings.');
  }
});

test('a password in the refused URL is not shown', () => {
  const e = untrustedHostRefusal(target('postgresql://postgres:s3cret-pw@db.example.com/app'), false, true)!;
  assert.doesNotMatch(e.message, /s3cret-pw/);
});

test('this machine\'s servers, SQLite files, a trusted workspace and the user\'s own setting are not refused', () => {
  for (const url of ['postgresql://u@localhost/app', 'postgresql://u@127.0.0.1:5433/app', 'postgresql://u@[::1]/app', 'host=/var/run/postgresql dbname=app', 'sqlite:app.db', 'sqlite:/elsewhere/x.db']) {
    assert.equal(untrustedHostRefusal(target(url), false, true), undefined, url);
  }
  assert.equal(untrustedHostRefusal(target('postgresql://u@db.example.com/app'), true, true), undefined);
  assert.equal(untrustedHostRefusal(target('postgresql://u@db.example.com/app'), false, false), undefined);
});

test('an untrusted workspace\'s URL with server settings (options=-c …) is refused, even to this machine', () => {
  const url = 'postgresql://postgres@localhost/app?options=-c%20session_preload_libraries%3D%2Fws%2Fevil.so';
  const e = untrustedHostRefusal(target(url), false, true, undefined)!;
  assert.ok(e);
  assert.equal(e.message, 'This workspace is not trusted, and its setting seedbed.databaseUrl passes server settings (options="-c session_preload_libraries=/ws/evil.so"): Seedbed does not connect with them, as a superuser\'s session can be made to load a library by them.');
  assert.equal(e.fix, 'Trust the workspace if you know these settings (Workspaces: Manage Workspace Trust), or set seedbed.databaseUrl in your user settings.');
  // The same settings from the user's own PGOPTIONS, a trusted workspace, or the user's settings: theirs.
  assert.equal(untrustedHostRefusal(target(url), false, true, '-c session_preload_libraries=/ws/evil.so'), undefined);
  assert.equal(untrustedHostRefusal(target(url), true, true, undefined), undefined);
  assert.equal(untrustedHostRefusal(target(url), false, false, undefined), undefined);
});

describe('why: PostgreSQL loads what options= names for a superuser', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); await pg.createDatabase('app', 'CREATE TABLE t (id serial PRIMARY KEY)'); });
  after(async () => { await pg?.stop(); });
  test('a session started with options=-c session_preload_libraries=… makes the server load that file', () => {
    const lib = '/nonexistent/seedbed-evil.so';
    const r = cli(['status', '--db', `${pg.url('app')}?options=${encodeURIComponent(`-c session_preload_libraries=${lib}`)}`]);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /could not access file "\/nonexistent\/seedbed-evil\.so"/);
  });
});
