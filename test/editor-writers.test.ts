import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanup, createDb, dump, ROOT, tempDir } from './support/sqlite.ts';

// In the editor, SQLite writes run in a child process (sqlite-thread.ts writeInProcesses) so that a
// Cancel can kill a statement that never ends. Were the editor itself to go away meanwhile (a
// crash, a window reload), that process must not run on: its own thread is stuck in the statement
// and never sees the IPC channel close, so a watchdog thread in it looks for the parent. A large
// load that can run no endless statement (no trigger, no generated column) writes from a thread
// all the same, its rows not copied between processes.

const dir = tempDir();
after(() => cleanup(dir));

const ENDLESS = `INSERT INTO log SELECT (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c);`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const writersOf = (file: string) => execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('sqlite-writer') && l.includes(file));

test('a writing process stuck in a trigger that never ends goes when the process that started it is killed; the file is free and as it was', async () => {
  const file = join(dir, 'orphan.db');
  createDb(file, `CREATE TABLE log (n INTEGER);
CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TRIGGER a_endless AFTER INSERT ON a BEGIN ${ENDLESS} END;`);
  const before = dump(file);
  // The editor's engine, in a process of its own: writes go to a child process; says STALLED once
  // the trigger runs.
  const script = join(dir, 'host.mjs');
  writeFileSync(script, `import { writeInProcesses } from ${JSON.stringify(join(ROOT, 'src', 'seeders', 'drivers', 'sqlite-thread.ts'))};
import { openDatabase, seed } from ${JSON.stringify(join(ROOT, 'src', 'seeders', 'index.ts'))};
writeInProcesses();
const db = await openDatabase(${JSON.stringify(`sqlite:${file}`)}, { seeding: true });
await seed(db, { rows: 3, onEvent: (e) => { if (e.type === 'stalled') console.log('STALLED'); } });
console.log('FINISHED?');`);
  const host = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SEEDBED_STALL_REPORT: '0.5' } });
  let out = '';
  host.stdout.on('data', (d) => { out += d; });
  host.stderr.on('data', (d) => { out += d; });
  for (let waited = 0; !out.includes('STALLED'); waited += 50) {
    assert.ok(waited < 20_000, `the run never stalled: ${out}`);
    await sleep(50);
  }
  assert.equal(writersOf(file).length, 1, 'one writing process, in the trigger');
  host.kill('SIGKILL');
  const t0 = performance.now();
  while (writersOf(file).length) {
    assert.ok(performance.now() - t0 < 5000, `the writing process outlived its parent by 5 s: ${writersOf(file).join('; ')}`);
    await sleep(100);
  }
  // Its write lock went with it; the file rolls back from its journal at the next open.
  execFileSync('sqlite3', ['-cmd', '.timeout 3000', file, 'BEGIN IMMEDIATE; ROLLBACK;']);
  assert.equal(dump(file), before);
});

test('in the editor, a large load into a file without triggers writes from a thread; with a trigger, from a process; both fill the tables', async () => {
  const ddl = `CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER NOT NULL REFERENCES a(id), title TEXT NOT NULL);`;
  const writersDuring = (file: string) => {
    const script = join(dir, `count-${Math.random().toString(36).slice(2)}.mjs`);
    // Counts the writing processes of the file once the second table's rows are being written.
    writeFileSync(script, `import { execFileSync } from 'node:child_process';
import { writeInProcesses } from ${JSON.stringify(join(ROOT, 'src', 'seeders', 'drivers', 'sqlite-thread.ts'))};
import { openDatabase, seed } from ${JSON.stringify(join(ROOT, 'src', 'seeders', 'index.ts'))};
writeInProcesses();
const db = await openDatabase(${JSON.stringify(`sqlite:${file}`)}, { seeding: true });
let seen;
await seed(db, { counts: { a: 2000, b: 30000 }, onEvent: (e) => {
  if (e.type === 'table-start' && e.table === 'b') seen = execFileSync('ps', ['-eo', 'args='], { encoding: 'utf8' }).split('\\n').filter((l) => l.includes('sqlite-writer') && l.includes(${JSON.stringify(file)})).length;
} });
await db.close();
console.log('WRITERS', seen);`);
    const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    return Number(/WRITERS (\d+)/.exec(out)?.[1]);
  };
  const plain = join(dir, 'plain.db');
  createDb(plain, ddl);
  assert.equal(writersDuring(plain), 0, 'no writing process: a thread writes');
  const triggered = join(dir, 'triggered.db');
  createDb(triggered, `${ddl}
CREATE TABLE log (n INTEGER);
CREATE TRIGGER b_log AFTER INSERT ON b WHEN NEW.id % 1000 = 0 BEGIN INSERT INTO log VALUES (NEW.id); END;`);
  assert.equal(writersDuring(triggered), 1, 'a writing process the Cancel can kill');
  for (const file of [plain, triggered]) {
    const counts = execFileSync('sqlite3', [file, 'SELECT (SELECT count(*) FROM a) || \' \' || (SELECT count(*) FROM b); PRAGMA foreign_key_check;'], { encoding: 'utf8' }).trim();
    assert.equal(counts, '2000 30000');
  }
});
