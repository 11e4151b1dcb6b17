import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanup, cliEntry, createDb, fileHash, tempDir } from './support/sqlite.ts';

// `coverage --html FILE` where FILE is a named pipe nothing reads: the synchronous open waited
// for a reader for ever, and Ctrl-C could not end it. Now it is one message; a pipe a program
// reads still gets the whole report.

const dir = tempDir('seedbed-hostile-hangs-4-');
after(() => cleanup(dir));
const db = join(dir, 'app.db');
createDb(db, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL); INSERT INTO users VALUES (1, 'kept');");
const before = fileHash(db);
const fifo = join(dir, 'report.html');
execFileSync('mkfifo', [fifo]);

test('coverage --html at a named pipe nothing reads: one message, at once', () => {
  const started = Date.now();
  const r = spawnSync(process.execPath, [cliEntry(), 'coverage', '--html', fifo, '--db', `sqlite:${db}`], {
    encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL', env: { ...process.env, CI: '1' },
  });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.equal(r.stderr.trim(), `seedbed: ${fifo} is a named pipe (FIFO) that nothing reads: writing to it would wait for ever.\n`
    + 'Fix: Pass --html a file path, or start the program that reads the pipe first.');
  assert.ok(Date.now() - started < 20_000, `took ${Date.now() - started} ms`);
  assert.equal(fileHash(db), before);
});

test('a pipe a program reads gets the whole report', async () => {
  const chunks: Buffer[] = [];
  const reading = new Promise<string>((resolve, reject) => {
    createReadStream(fifo).on('data', (c) => chunks.push(c as Buffer)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).on('error', reject);
  });
  const child = spawn(process.execPath, [cliEntry(), 'coverage', '--html', fifo, '--db', `sqlite:${db}`], { env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c) => { out += c; });
  child.stderr.on('data', (c) => { out += c; });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 0, out);
  const html = await reading;
  assert.match(html, /^<!doctype html>/i);
  assert.match(html, /<\/html>\s*$/);
  assert.match(out, new RegExp(`HTML report: ${fifo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
});
