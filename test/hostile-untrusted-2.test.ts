import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDatabaseUrl } from '../src/seeders/drivers/url.ts';
import { untrustedHostRefusal } from '../src/views/untrustedHost.ts';

// An untrusted workspace's .vscode/settings.json chose the server Seedbed read the schema from on
// opening, and a connection answers a password request with PGPASSWORD or a `*` line of ~/.pgpass:
// postgresql://postgres@their.host/x got the user's password before anything was trusted. Now its
// own setting reaches only this machine's servers (src/views/connection.ts asks this function).

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
