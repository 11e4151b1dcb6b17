import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makePlan, openDatabase, seed, SeedbedError, type SeedEvent } from '../src/seeders/index.ts';
import { runSeed } from '../src/seeders/write/run.ts';
import { spawnGenerator, workerFile } from '../src/seeders/write/source.ts';
import { EngineClient } from '../src/views/engineClient.ts';
import { dataDump, sequenceState, startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, cliEntry, counts, createDb, dump, integrity, ROOT, tempDir, withDb } from './support/sqlite.ts';

// A statement that never returns must not hang Seedbed. A hostile or broken trigger (pg_sleep(3600),
// an endless loop) used to make `seed` run until killed: Ctrl-C only set a flag the run looked at
// between batches, never while it waited on the server, and killing the CLI left the server's
// session running the statement, its locks held. Now a cancel (Ctrl-C, SIGTERM, the engine's
// AbortSignal that VS Code's Cancel aborts) sends PostgreSQL a cancel request for every session
// Seedbed has in use: the statement stops, the transaction rolls back, one message, nothing written.

const AUTHORS = `CREATE TABLE authors (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE books (id serial PRIMARY KEY, author_id int NOT NULL REFERENCES authors(id), title text NOT NULL);`;
/** A trigger function that never returns (within the test). */
const STALL = `CREATE FUNCTION stall() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3600); RETURN NEW; END $$;`;

let pg: PgServer;
before(async () => {
  pg = await startPostgres();
});
after(async () => {
  await pg?.stop();
});

interface Spawned { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; afterSignalMs?: number }

/** Runs the CLI; `interrupt` sends `sig` once `when(stderr so far)` holds (polled), and measures how long the CLI then takes to exit. */
function spawnCli(args: string[], interrupt?: { when: (stderr: string) => Promise<boolean>; sig?: NodeJS.Signals }, env: Record<string, string> = {}): Promise<Spawned> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliEntry(), ...args], { cwd: ROOT, env: { ...process.env, CI: '1', ...env } });
    let stdout = '', stderr = '', sentAt: number | undefined;
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    // A hung CLI must not hang the test run: killed hard, and the assertions then fail.
    const guard = setTimeout(() => child.kill('SIGKILL'), 30_000);
    let closed = false;
    child.on('close', (code, signal) => {
      closed = true;
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, afterSignalMs: sentAt === undefined ? undefined : performance.now() - sentAt });
    });
    if (interrupt) {
      void (async () => {
        while (!closed && !(await interrupt.when(stderr))) await sleep(50);
        if (closed) return;
        sentAt = performance.now();
        child.kill(interrupt.sig ?? 'SIGINT');
      })();
    }
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sessions on `db` other than the test's own, with what they wait on. */
async function sessions(db: string): Promise<{ wait: string | null; query: string }[]> {
  const own = (await pg.query<{ pid: number }>(db, 'SELECT pg_backend_pid() AS pid'))[0].pid;
  return pg.query('postgres', `SELECT wait_event AS wait, query FROM pg_stat_activity WHERE datname = $1 AND pid <> $2 AND backend_type = 'client backend'`, [db, own]);
}
/** A session of Seedbed's is inside pg_sleep (the hostile trigger or function runs). */
const sleeping = (db: string) => async () => (await sessions(db)).some((s) => s.wait === 'PgSleep');
/** Waits until no session but the test's is left on `db` (the server ended Seedbed's); how long that took. */
async function noSessionsLeft(db: string, withinMs = 5000): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < withinMs) {
    if (!(await sessions(db)).length) return performance.now() - t0;
    await sleep(50);
  }
  assert.fail(`sessions left on ${db}: ${JSON.stringify(await sessions(db))}`);
}

async function state(db: string): Promise<string> {
  return `${await dataDump(pg, db)}\n${await sequenceState(pg, db)}`;
}

/** A TCP proxy to the test server. `silent`: accepts connections and never says a word. Else
 *  it forwards both ways until the client sends `freezeOn` (a COPY): from then on nothing more
 *  passes, in either direction, on any connection, old or new: a network or server that stopped
 *  answering mid-run. */
async function proxy(options: { silent?: boolean; freezeOn?: string }) {
  let frozen = !!options.silent;
  const sockets = new Set<Socket>();
  const keep = (s: Socket) => { sockets.add(s); s.on('error', () => {}); s.on('close', () => sockets.delete(s)); return s; };
  const server: Server = createServer((client) => {
    keep(client);
    if (options.silent) return;
    const upstream = keep(connect(pg.port, '127.0.0.1'));
    client.on('data', (d) => {
      if (!frozen && options.freezeOn && d.includes(options.freezeOn)) frozen = true;
      if (!frozen) upstream.write(d);
    });
    upstream.on('data', (d) => { if (!frozen) client.write(d); });
    client.on('close', () => { if (!frozen) upstream.destroy(); });
    upstream.on('close', () => { if (!frozen) client.destroy(); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: (db: string, query = '') => `${pg.url(db).replace(`:${pg.port}/`, `:${port}/`)}${query}`,
    close: () => { for (const s of sockets) s.destroy(); return new Promise<void>((r) => server.close(() => r())); },
  };
}

describe('PostgreSQL: a server that does not answer', () => {
  test('something that accepts the connection and never speaks: one message after connect_timeout (10 s unless the URL says)', async () => {
    const silent = await proxy({ silent: true });
    try {
      const t0 = performance.now();
      const r = await spawnCli(['schema', '--db', silent.url('nowhere', '?connect_timeout=2')]);
      const ms = performance.now() - t0;
      assert.equal(r.code, 1, r.stderr);
      assert.ok(ms > 2000 && ms < 8000, `${Math.round(ms)} ms`);
      assert.match(r.stderr, /^seedbed: Cannot connect to PostgreSQL at 127\.0\.0\.1:\d+, database "nowhere" as user "postgres": no answer within 2 s \(connect_timeout\); the connection timed out\.\nFix: Check the host, port and any firewall: is PostgreSQL running there\? On a slow network, allow more time with connect_timeout=SECONDS in the URL\.\n$/);
    } finally {
      await silent.close();
    }
  });

  test('a server that stops answering in the middle of the run: the report says it did not answer, Ctrl-C ends the run within a few seconds, nothing written', async () => {
    await pg.createDatabase('frozen', AUTHORS);
    const before = await state('frozen');
    const frozen = await proxy({ freezeOn: 'COPY' });
    try {
      const r = await spawnCli(['seed', '--db', frozen.url('frozen'), '--rows', '20'], { when: async (stderr) => /warning: no progress/.test(stderr) }, { SEEDBED_STALL_REPORT: '0.5' });
      assert.equal(r.code, 1, r.stderr);
      // The cancel request goes unanswered too: after a grace of 3 s the connections are closed.
      assert.ok(r.afterSignalMs! > 2500 && r.afterSignalMs! < 8000, `exit ${Math.round(r.afterSignalMs!)} ms after SIGINT`);
      const said = r.stderr.split('\n').filter((l) => /^(warning|seedbed):/.test(l));
      assert.match(said[0], /^warning: no progress for 0\.\d s writing "authors"; the database did not say what its session is doing \(it may not be answering at all\)\. Cancel \(Ctrl-C\) stops the run; nothing will be written\.$/);
      assert.equal(said.at(-1), 'seedbed: Seeding was cancelled; nothing was written.');
      assert.equal(said.filter((l) => l.startsWith('seedbed:')).length, 1);
    } finally {
      await frozen.close();
    }
    // COMMIT was never sent: once its connection is gone, the server rolls the run back.
    await noSessionsLeft('frozen', 5000);
    assert.equal(await state('frozen'), before);
  });
});

describe('PostgreSQL: a statement that never returns', () => {
  test('a run that makes no progress says so: the table, what the server says its session waits on, and how to stop', async () => {
    await pg.createDatabase('stall_report', `${AUTHORS}\n${STALL}\nCREATE TRIGGER books_stall BEFORE INSERT ON books FOR EACH ROW EXECUTE FUNCTION stall();`);
    const before = await state('stall_report');
    // SEEDBED_STALL_REPORT: 30 s by default, 0.5 s here.
    const r = await spawnCli(['seed', '--db', pg.url('stall_report'), '--rows', '20'], { when: async (stderr) => /warning: no progress/.test(stderr) }, { SEEDBED_STALL_REPORT: '0.5' });
    assert.equal(r.code, 1, r.stderr);
    // The report repeats every 0.5 s here: a second one may come before the test's Ctrl-C has
    // stopped the run on a busy machine. Each says the same.
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('warning:'));
    assert.ok(warnings.length >= 1, r.stderr);
    for (const w of warnings) assert.match(w, /^warning: no progress for \d\.\d s writing "books": the database's session \(pid \d+\) is active, waiting on Timeout\/PgSleep, in a statement running for \d\.\d s: COPY "public"\."books" \("id", "author_id", "title"\) FROM STDIN\. A trigger on "books", or a function its CHECKs or indexes call, may be stuck\. Cancel \(Ctrl-C\) stops the run; nothing will be written\.$/);
    assert.match(r.stderr, /^seedbed: Seeding was cancelled; nothing was written\.$/m);
    await noSessionsLeft('stall_report', 3000);
    assert.equal(await state('stall_report'), before);
  });

  // SIGINT: the tests around this one. SIGTERM (a service manager, `timeout`, VS Code's task stop) alike.
  for (const sig of ['SIGTERM'] as const) {
    test(`seed, a BEFORE INSERT trigger calling pg_sleep(3600): ${sig} stops the statement on the server at once, nothing written, no session left`, async () => {
      const db = `stall_${sig.toLowerCase()}`;
      await pg.createDatabase(db, `${AUTHORS}\n${STALL}\nCREATE TRIGGER books_stall BEFORE INSERT ON books FOR EACH ROW EXECUTE FUNCTION stall();`);
      const before = await state(db);
      const r = await spawnCli(['seed', '--db', pg.url(db), '--rows', '20'], { when: sleeping(db), sig });
      assert.equal(r.signal, null, `killed by the test's guard; stderr: ${r.stderr}`);
      assert.equal(r.code, 1, r.stderr);
      assert.ok(r.afterSignalMs! < 3000, `exit ${Math.round(r.afterSignalMs!)} ms after ${sig}`);
      assert.deepEqual(r.stderr.split('\n').filter((l) => l.startsWith('seedbed:')), ['seedbed: Seeding was cancelled; nothing was written.']);
      await noSessionsLeft(db, 3000);
      assert.equal(await state(db), before);
    });
  }

  test('the engine\'s AbortSignal (VS Code\'s Cancel) stops a trigger in an endless loop; the same driver then seeds once the trigger is gone', async () => {
    await pg.createDatabase('stall_loop', `${AUTHORS}
      CREATE FUNCTION spin() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN LOOP PERFORM 1; END LOOP; END $$;
      CREATE TRIGGER books_spin BEFORE INSERT ON books FOR EACH ROW EXECUTE FUNCTION spin();`);
    const before = await state('stall_loop');
    const db = await openDatabase(pg.url('stall_loop'));
    try {
      const ac = new AbortController();
      const events: string[] = [];
      const running = seed(db, { rows: 20, signal: ac.signal, onEvent: (e) => { if (e.type === 'rollback') events.push(e.reason); } });
      // The server is in the loop: its session active on the COPY.
      while (!(await sessions('stall_loop')).some((s) => s.query.startsWith('COPY'))) await sleep(50);
      await sleep(300);
      const t0 = performance.now();
      ac.abort();
      const e = await running.then(() => undefined, (x) => x);
      const ms = performance.now() - t0;
      assert.ok(e instanceof SeedbedError && e.code === 'CANCELLED', String(e));
      assert.equal(e.message, 'Seeding was cancelled; nothing was written.');
      assert.deepEqual(events, ['Seeding was cancelled; nothing was written.']);
      assert.ok(ms < 3000, `${Math.round(ms)} ms after abort`);
      assert.equal(await state('stall_loop'), before);
      await pg.query('stall_loop', 'DROP TRIGGER books_spin ON books');
      const { result } = await seed(db, { rows: 20 });
      assert.equal(result.rows, 40);
    } finally {
      await db.close();
    }
  });

  test('a large load\'s index rebuild on a function that sleeps: the report says what the server runs, the abort stops it, the index is as it was', async () => {
    // A large run (20,000 rows) drops an empty table's indexes and builds them after the load
    // (pg-bulk-indexes.ts): the build is the statement that never ends.
    await pg.createDatabase('stall_index', `CREATE FUNCTION slow_key(n int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN PERFORM pg_sleep(3600); RETURN n; END $$;
      CREATE TABLE t (id serial PRIMARY KEY, n int NOT NULL); CREATE INDEX t_slow ON t (slow_key(n));`);
    const before = `${await state('stall_index')}\n${JSON.stringify(await pg.query('stall_index', `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 't' ORDER BY 1`))}`;
    const db = await openDatabase(pg.url('stall_index'));
    process.env.SEEDBED_STALL_REPORT = '0.5';
    try {
      const ac = new AbortController();
      const stalled: Extract<SeedEvent, { type: 'stalled' }>[] = [];
      const e = await seed(db, { rows: 20_000, signal: ac.signal, onEvent: (ev) => { if (ev.type === 'stalled') { stalled.push(ev); ac.abort(); } } }).then(() => undefined, (x) => x);
      assert.ok(e instanceof SeedbedError && e.code === 'CANCELLED', String(e));
      assert.equal(stalled.length, 1);
      assert.equal(stalled[0].table, 't');
      assert.match(stalled[0].message, /^no progress for 0\.\d s writing "t": the database's session \(pid \d+\) is active, waiting on Timeout\/PgSleep, in a statement running for \d\.\d s: SET LOCAL default_tablespace = ''; CREATE UNIQUE INDEX t_pkey ON public\.t USING btree \(id\); .*… \(\d+ characters in all\)\. Cancel \(Ctrl-C\) stops the run; nothing will be written\.$/);
    } finally {
      delete process.env.SEEDBED_STALL_REPORT;
      await db.close();
    }
    await noSessionsLeft('stall_index', 3000);
    assert.equal(`${await state('stall_index')}\n${JSON.stringify(await pg.query('stall_index', `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 't' ORDER BY 1`))}`, before);
  });

  test('a run generated by a worker thread (as PostgreSQL runs of 500,000 rows are): the abort stops the statement and the thread', async () => {
    await pg.createDatabase('stall_thread', `${AUTHORS}\n${STALL}\nCREATE TRIGGER books_stall BEFORE INSERT ON books FOR EACH ROW EXECUTE FUNCTION stall();`);
    const before = await state('stall_thread');
    const db = await openDatabase(pg.url('stall_thread'));
    try {
      const generator = spawnGenerator(workerFile()!);
      let stopped = 0;
      const stop = generator.stop;
      generator.stop = () => { stopped++; return stop(); };
      const { plan } = await makePlan(db, { rows: 20 });
      const ac = new AbortController();
      const running = runSeed(db, plan, { seed: 1, worker: true, generator, signal: ac.signal });
      while (!(await sleeping('stall_thread')())) await sleep(50);
      const t0 = performance.now();
      ac.abort();
      const e = await running.then(() => undefined, (x) => x);
      assert.ok(e instanceof SeedbedError && e.code === 'CANCELLED', String(e));
      assert.equal(e.message, 'Seeding was cancelled; nothing was written.');
      assert.ok(performance.now() - t0 < 3000, `${Math.round(performance.now() - t0)} ms after abort`);
      assert.ok(stopped >= 1, 'the generating thread was stopped');
    } finally {
      await db.close();
    }
    await noSessionsLeft('stall_thread', 3000);
    assert.equal(await state('stall_thread'), before);
  });

  test('a deferred constraint trigger that sleeps at COMMIT: the report names COMMIT, Ctrl-C cancels it, nothing written', async () => {
    await pg.createDatabase('stall_commit', `${AUTHORS}\n${STALL}
      CREATE CONSTRAINT TRIGGER books_late AFTER INSERT ON books DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION stall();`);
    const before = await state('stall_commit');
    const r = await spawnCli(['seed', '--db', pg.url('stall_commit'), '--rows', '20'], { when: async (stderr) => /warning: no progress/.test(stderr) }, { SEEDBED_STALL_REPORT: '0.5' });
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.afterSignalMs! < 3000, `exit ${Math.round(r.afterSignalMs!)} ms after SIGINT`);
    assert.match(r.stderr, /^warning: no progress for 0\.\d s: the database's session \(pid \d+\) is active, waiting on Timeout\/PgSleep, in a statement running for 0\.\d s: COMMIT\. A deferred constraint trigger may be stuck\. Cancel \(Ctrl-C\) stops the run; nothing will be written\.$/m);
    assert.deepEqual(r.stderr.split('\n').filter((l) => l.startsWith('seedbed:')), ['seedbed: Seeding was cancelled; nothing was written.']);
    await noSessionsLeft('stall_commit', 3000);
    assert.equal(await state('stall_commit'), before);
    assert.deepEqual(await pg.query('stall_commit', `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'seedbed_runs'`), [{ n: 0 }]);
  });

  test('a cancel that comes just after COMMIT does not say "nothing was written": the run reports what it wrote', async () => {
    // A trigger fills a second table: after COMMIT the run counts what it added (and finds the driver cancelled).
    await pg.createDatabase('late_cancel', `${AUTHORS}
      CREATE TABLE audit (id serial PRIMARY KEY, book int NOT NULL);
      CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO audit (book) VALUES (NEW.id); RETURN NEW; END $$;
      CREATE TRIGGER books_audit AFTER INSERT ON books FOR EACH ROW EXECUTE FUNCTION audit();`);
    const db = await openDatabase(pg.url('late_cancel'));
    try {
      const ac = new AbortController();
      const { result } = await seed(db, { rows: 10, signal: ac.signal, onEvent: (e) => { if (e.type === 'commit') ac.abort(); } });
      assert.equal(result.rows, 20);
      assert.equal(result.runId, 1);
    } finally {
      await db.close();
    }
    assert.deepEqual(await pg.query('late_cancel', 'SELECT (SELECT count(*) FROM books)::int AS books, (SELECT count(*) FROM audit)::int AS audit'), [{ books: 10, audit: 10 }]);
  });

  test('the once-per-table checks and validate: a CHECK whose function sleeps is stopped by Ctrl-C, nothing written', async () => {
    // A CHECK only the database can evaluate: Seedbed asks it about candidate rows (db-checks.ts),
    // and validate asks it about every row; the function sleeps on either.
    await pg.createDatabase('stall_check', `CREATE FUNCTION slow_ok(n int) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN IF n > 0 THEN PERFORM pg_sleep(3600); END IF; RETURN true; END $$;
      CREATE TABLE t (id serial PRIMARY KEY, n int NOT NULL CHECK (slow_ok(n)));`);
    const before = await state('stall_check');
    const r = await spawnCli(['seed', '--db', pg.url('stall_check'), '--rows', '20'], { when: sleeping('stall_check') });
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.afterSignalMs! < 3000, `exit ${Math.round(r.afterSignalMs!)} ms after SIGINT`);
    assert.match(r.stderr, /^seedbed: Seeding was cancelled; nothing was written\.$/m);
    await noSessionsLeft('stall_check', 3000);
    assert.equal(await state('stall_check'), before);
    // validate: rows the function sleeps on (written past the CHECK with it disabled in between).
    await pg.query('stall_check', `ALTER TABLE t DROP CONSTRAINT t_n_check; INSERT INTO t (n) VALUES (1), (2); ALTER TABLE t ADD CONSTRAINT t_n_check CHECK (slow_ok(n)) NOT VALID`);
    // Validate has no steps to watch: once it has run the quiet time it says what the server runs.
    const v = await spawnCli(['validate', '--db', pg.url('stall_check')], { when: async (stderr) => /^warning: validate still running/m.test(stderr) }, { SEEDBED_STALL_REPORT: '0.5' });
    assert.equal(v.code, 1, v.stderr);
    assert.ok(v.afterSignalMs! < 3000, `exit ${Math.round(v.afterSignalMs!)} ms after SIGINT`);
    const said = v.stderr.split('\n').filter(Boolean);
    assert.match(said[0], /^warning: validate still running after 0\.\d s: the database's session \(pid \d+\) is active, waiting on Timeout\/PgSleep, in a statement running for 0\.\d s: SELECT .*\. Cancel \(Ctrl-C\) stops it; nothing will be changed\.$/);
    assert.deepEqual(said.slice(1), ['seedbed: Cancelled; nothing was changed.']);
    await noSessionsLeft('stall_check', 3000);
  });

  test('undo, a BEFORE DELETE trigger that sleeps: Ctrl-C stops the delete, every row and the run\'s record stay', async () => {
    await pg.createDatabase('stall_undo', `${AUTHORS}\n${STALL}`);
    const seeded = cli(['seed', '--db', pg.url('stall_undo'), '--rows', '10']);
    assert.equal(seeded.code, 0, seeded.stderr);
    await pg.query('stall_undo', 'CREATE TRIGGER books_keep BEFORE DELETE ON books FOR EACH ROW EXECUTE FUNCTION stall()');
    const before = `${await state('stall_undo')}\n${JSON.stringify(await pg.query('stall_undo', 'SELECT id, status FROM seedbed_runs ORDER BY id'))}`;
    const r = await spawnCli(['undo', '--db', pg.url('stall_undo'), '--yes'], { when: sleeping('stall_undo') });
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.afterSignalMs! < 3000, `exit ${Math.round(r.afterSignalMs!)} ms after SIGINT`);
    assert.deepEqual(r.stderr.split('\n').filter(Boolean), ['seedbed: Cancelled; nothing was changed.']);
    await noSessionsLeft('stall_undo', 3000);
    assert.equal(`${await state('stall_undo')}\n${JSON.stringify(await pg.query('stall_undo', 'SELECT id, status FROM seedbed_runs ORDER BY id'))}`, before);
  });

  test('undo from VS Code (the engine\'s thread): Cancel stops the delete the same way', async () => {
    await pg.createDatabase('stall_undo_vs', `${AUTHORS}\n${STALL}`);
    const seeded = cli(['seed', '--db', pg.url('stall_undo_vs'), '--rows', '10']);
    assert.equal(seeded.code, 0, seeded.stderr);
    await pg.query('stall_undo_vs', 'CREATE TRIGGER books_keep BEFORE DELETE ON books FOR EACH ROW EXECUTE FUNCTION stall()');
    const before = `${await state('stall_undo_vs')}\n${JSON.stringify(await pg.query('stall_undo_vs', 'SELECT id, status FROM seedbed_runs ORDER BY id'))}`;
    const engine = new EngineClient(join(ROOT, 'src', 'views', 'engineWorker.ts'));
    try {
      const listeners: (() => void)[] = [];
      const token = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => { listeners.push(l); return { dispose() {} }; } };
      const stalled: string[] = [];
      process.env.SEEDBED_STALL_REPORT = '0.5'; // read by the engine's thread as it starts
      const running = engine.request({ op: 'undo', url: pg.url('stall_undo_vs'), runId: 1 }, { token, onEvent: (e) => { if (e.type === 'stalled') stalled.push(e.message); } });
      delete process.env.SEEDBED_STALL_REPORT;
      while (!stalled.length) await sleep(50);
      // What VS Code's notification shows meanwhile.
      assert.match(stalled[0], /^undo still running after 0\.\d s: the database's session \(pid \d+\) is active, waiting on Timeout\/PgSleep, in a statement running for 0\.\d s: DELETE FROM .*\. Cancel \(Ctrl-C\) stops it; nothing will be changed\.$/);
      const t0 = performance.now();
      token.isCancellationRequested = true;
      for (const l of listeners) l();
      const e = await running.then(() => undefined, (x) => x);
      assert.ok(performance.now() - t0 < 3000, `${Math.round(performance.now() - t0)} ms after Cancel`);
      assert.equal(e?.code, 'CANCELLED', String(e));
      assert.equal(e.message, 'Cancelled; nothing was changed.');
    } finally {
      await engine.dispose();
    }
    await noSessionsLeft('stall_undo_vs', 3000);
    assert.equal(`${await state('stall_undo_vs')}\n${JSON.stringify(await pg.query('stall_undo_vs', 'SELECT id, status FROM seedbed_runs ORDER BY id'))}`, before);
  });

  test('reading: a row-level security policy whose function sleeps (another role\'s table) is stopped by Ctrl-C while status counts rows', async () => {
    await pg.createDatabase('stall_rls', `CREATE FUNCTION slow_ok(n int) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3600); RETURN true; END $$;
      CREATE TABLE t (id serial PRIMARY KEY, name text NOT NULL); INSERT INTO t (name) VALUES ('a');
      ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON t USING (slow_ok(id));
      CREATE ROLE reader LOGIN PASSWORD 'reader-pw'; GRANT SELECT ON t TO reader;`);
    const url = pg.url('stall_rls').replace(/\/\/postgres:[^@]+@/, '//reader:reader-pw@');
    const r = await spawnCli(['status', '--db', url], { when: sleeping('stall_rls') });
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.afterSignalMs! < 3000, `exit ${Math.round(r.afterSignalMs!)} ms after SIGINT`);
    assert.deepEqual(r.stderr.split('\n').filter(Boolean), ['seedbed: Cancelled; nothing was changed.']);
    await noSessionsLeft('stall_rls', 3000);
  });

  test('VS Code\'s tree refresh, a count stuck on a row-level security policy that sleeps: a newer refresh cancels it, the statement stops on the server', async () => {
    await pg.createDatabase('stall_refresh', `CREATE FUNCTION slow_ok(n int) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(3600); RETURN true; END $$;
      CREATE TABLE t (id serial PRIMARY KEY, name text NOT NULL); INSERT INTO t (name) VALUES ('a');
      ALTER TABLE t ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON t USING (slow_ok(id));
      CREATE ROLE refresher LOGIN PASSWORD 'refresher-pw'; GRANT SELECT ON t TO refresher;`);
    const url = pg.url('stall_refresh').replace(/\/\/postgres:[^@]+@/, '//refresher:refresher-pw@');
    const engine = new EngineClient(join(ROOT, 'src', 'views', 'engineWorker.ts'));
    try {
      const listeners: (() => void)[] = [];
      const token = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => { listeners.push(l); return { dispose() {} }; } };
      const running = engine.request({ op: 'overview', url }, { token });
      while (!(await sleeping('stall_refresh')())) await sleep(50);
      const t0 = performance.now();
      token.isCancellationRequested = true; // what the model does when Refresh is pressed again
      for (const l of listeners) l();
      const e = await running.then(() => undefined, (x) => x);
      assert.ok(performance.now() - t0 < 3000, `${Math.round(performance.now() - t0)} ms after the cancel`);
      assert.equal(e?.code, 'CANCELLED', String(e));
      assert.equal(e.message, 'Cancelled; nothing was changed.');
      await noSessionsLeft('stall_refresh', 3000);
    } finally {
      await engine.dispose();
    }
  });

  test('Seedbed killed outright (SIGKILL) while the trigger sleeps: the server ends the session within about a second, nothing written', async () => {
    await pg.createDatabase('stall_kill', `${AUTHORS}\n${STALL}\nCREATE TRIGGER books_stall BEFORE INSERT ON books FOR EACH ROW EXECUTE FUNCTION stall();`);
    const before = await state('stall_kill');
    const r = await spawnCli(['seed', '--db', pg.url('stall_kill'), '--rows', '20'], { when: sleeping('stall_kill'), sig: 'SIGKILL' });
    assert.equal(r.signal, 'SIGKILL');
    // client_connection_check_interval (1 s): the server notices the client is gone mid-statement.
    const gone = await noSessionsLeft('stall_kill', 5000);
    assert.ok(gone < 3000, `session ended ${Math.round(gone)} ms after the kill`);
    assert.equal(await state('stall_kill'), before);
  });
});

// SQLite has no server to ask: better-sqlite3 runs a statement to its end on the calling thread and
// has no sqlite3_interrupt. A trigger doing unbounded work (here a five-way cross join of 300 rows,
// 2.4·10^12 rows per inserted row: hours, or a recursive CTE without a bound: for ever) cannot be
// stopped from inside the process. So every write transaction, small or large, is held by a thread
// of its own: Seedbed's own thread stays free to answer Ctrl-C and to report the stall, and the
// process then ends as the signal ends any program (SQLite's journal restores the file at its next
// open). Views are never run (the schema is read from PRAGMAs of tables).
describe('SQLite: statements that never end', () => {
  const dir = tempDir();
  after(() => cleanup(dir));
  const DDL = `CREATE TABLE big (x INTEGER);
    WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 300) INSERT INTO big SELECT i FROM c;
    CREATE TABLE log (n INTEGER);
    CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TRIGGER a_slow AFTER INSERT ON a BEGIN INSERT INTO log SELECT count(*) FROM big b1, big b2, big b3, big b4, big b5; END;`;

  test('views that never end (a recursive CTE without a bound, a view defined as itself): read as names only, every command ends', () => {
    const file = join(dir, 'views.db');
    createDb(file, `CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      CREATE VIEW endless AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c;`);
    // A view naming itself cannot be created; a hostile file has one written into its schema
    // (with the sqlite3 shell: better-sqlite3 is built defensive).
    execFileSync('sqlite3', [file, `PRAGMA writable_schema = ON; INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('view', 'itself', 'itself', 0, 'CREATE VIEW itself AS SELECT * FROM itself');`]);
    for (const args of [['schema'], ['seed', '--rows', '5']]) {
      const r = cli([...args, '--db', `sqlite:${file}`]);
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    }
    assert.equal(counts(file).t, 5);
  });

  test('a large run (the writing thread): Ctrl-C ends Seedbed at once, one message, the file as it was once next opened', async () => {
    const file = join(dir, 'slow.db');
    createDb(file, DDL);
    const before = dump(file);
    // From 20,000 rows a thread of its own writes: this one stays free to answer Ctrl-C.
    const r = await spawnCli(['seed', '--db', `sqlite:${file}`, '--tables', 'a', '--rows', '20000'], { when: async (stderr) => /^warning: no progress/m.test(stderr) }, { SEEDBED_STALL_REPORT: '1' });
    assert.match(r.stderr, /^warning: no progress for 1\.\d s writing "a"\. A trigger on "a" may be stuck\. Cancel \(Ctrl-C\) stops the run; nothing will be written\.$/m);
    // The thread cannot leave the statement, so the process ends as the signal ends any program.
    assert.equal(r.signal, 'SIGINT', `exit ${r.code}; stderr: ${r.stderr}`);
    assert.ok(r.afterSignalMs! < 3000, `exit ${Math.round(r.afterSignalMs!)} ms after SIGINT`);
    assert.deepEqual(r.stderr.split('\n').filter((l) => l.startsWith('seedbed:')), ['seedbed: Seeding was cancelled; nothing was written.']);
    // The transaction was never committed: SQLite rolls it back (its journal) when the file is next opened.
    assert.equal(dump(file), before);
    assert.deepEqual(integrity(file), { fk: [], integrity: ['ok'] });
  });

  /** A trigger body that never ends: a recursive CTE without a bound. */
  const ENDLESS = `INSERT INTO log SELECT (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c);`;
  const SMALL = `CREATE TABLE log (n INTEGER);
    CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER NOT NULL REFERENCES a(id), title TEXT NOT NULL);`;
  const seedbedLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('seedbed:'));

  test('a small run (5 rows), a trigger whose recursive CTE never ends: the stall is reported, Ctrl-C ends Seedbed at once, the file as it was', async () => {
    const file = join(dir, 'endless.db');
    createDb(file, `${SMALL}\nCREATE TRIGGER b_endless AFTER INSERT ON b BEGIN ${ENDLESS} END;`);
    const before = dump(file);
    const r = await spawnCli(['seed', '--db', `sqlite:${file}`, '--rows', '5'], { when: async (stderr) => /^warning: no progress/m.test(stderr) }, { SEEDBED_STALL_REPORT: '1' });
    assert.match(r.stderr, /^warning: no progress for 1\.\d s writing "b"\. A trigger on "b" may be stuck\. Cancel \(Ctrl-C\) stops the run; nothing will be written\.$/m);
    assert.equal(r.signal, 'SIGINT', `exit ${r.code}; stderr: ${r.stderr}`);
    assert.ok(r.afterSignalMs! < 3000, `exit ${Math.round(r.afterSignalMs!)} ms after SIGINT`);
    assert.deepEqual(seedbedLines(r.stderr), ['seedbed: Seeding was cancelled; nothing was written.']);
    assert.equal(dump(file), before);
    assert.deepEqual(integrity(file), { fk: [], integrity: ['ok'] });
  });

  test('SIGTERM (a service manager, `timeout`) while a small run\'s trigger loops: the same one line, nothing written', async () => {
    const file = join(dir, 'endless-term.db');
    createDb(file, `${SMALL}\nCREATE TRIGGER a_endless BEFORE INSERT ON a BEGIN ${ENDLESS} END;`);
    const before = dump(file);
    const r = await spawnCli(['seed', '--db', `sqlite:${file}`, '--rows', '5'], { when: async (stderr) => /^warning: no progress/m.test(stderr), sig: 'SIGTERM' }, { SEEDBED_STALL_REPORT: '1' });
    assert.equal(r.signal, 'SIGTERM', `exit ${r.code}; stderr: ${r.stderr}`);
    assert.ok(r.afterSignalMs! < 3000, `exit ${Math.round(r.afterSignalMs!)} ms after SIGTERM`);
    assert.deepEqual(seedbedLines(r.stderr), ['seedbed: Seeding was cancelled; nothing was written.']);
    assert.equal(dump(file), before);
  });

  for (const command of ['undo', 'clear'] as const) {
    test(`${command}, a BEFORE DELETE trigger that never ends: it says it is still running, Ctrl-C ends Seedbed at once, every row and the run's record stay`, async () => {
      const file = join(dir, `endless-${command}.db`);
      createDb(file, SMALL);
      const seeded = cli(['seed', '--db', `sqlite:${file}`, '--rows', '5']);
      assert.equal(seeded.code, 0, seeded.stderr);
      execFileSync('sqlite3', [file, `CREATE TRIGGER a_keep BEFORE DELETE ON a BEGIN ${ENDLESS} END;`]);
      const ledger = () => JSON.stringify(withDb(file, (db) => db.prepare('SELECT id, status FROM seedbed_runs ORDER BY id').all()));
      const before = `${dump(file)}\n${ledger()}`;
      const r = await spawnCli([command, '--db', `sqlite:${file}`, '--yes'], { when: async (stderr) => /^warning: /m.test(stderr) }, { SEEDBED_STALL_REPORT: '1' });
      assert.equal(r.signal, 'SIGINT', `exit ${r.code}; stderr: ${r.stderr}`);
      assert.ok(r.afterSignalMs! < 3000, `exit ${Math.round(r.afterSignalMs!)} ms after SIGINT`);
      assert.deepEqual(r.stderr.split('\n').filter(Boolean).map((l) => l.replace(/after 1\.\d s/, 'after 1.x s')), [
        `warning: ${command} still running after 1.x s; SQLite cannot say what it is running (a trigger, CHECK or index expression of the schema may be stuck, or the file is only large). Cancel (Ctrl-C) stops it; nothing will be changed.`,
        'seedbed: Cancelled; nothing was changed.',
      ]);
      assert.equal(`${dump(file)}\n${ledger()}`, before);
      assert.equal(counts(file).a, 5);
      assert.deepEqual(integrity(file), { fk: [], integrity: ['ok'] });
    });
  }

  test('validate, a CHECK that takes milliseconds per row over 50,000 rows (minutes): Ctrl-C ends Seedbed at once, one line', async () => {
    const file = join(dir, 'slow-check.db');
    createDb(file, 'CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL CHECK (length(hex(zeroblob(1000000 + n))) > 0));');
    // Rows written past the CHECK (as an application with the pragma could): validate evaluates it for each.
    execFileSync('sqlite3', [file, 'PRAGMA ignore_check_constraints = ON; WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 50000) INSERT INTO t (n) SELECT i FROM c;']);
    const before = dump(file);
    const t0 = performance.now();
    const r = await spawnCli(['validate', '--db', `sqlite:${file}`], { when: async () => performance.now() - t0 > 2500 });
    assert.notEqual(r.signal, 'SIGKILL', `killed by the test's guard; stderr: ${r.stderr}`);
    assert.ok(r.afterSignalMs! < 3000, `exit ${Math.round(r.afterSignalMs!)} ms after SIGINT`);
    assert.deepEqual(r.stderr.split('\n').filter(Boolean), ['seedbed: Cancelled; nothing was changed.']);
    assert.equal(dump(file), before);
  });

  test('coverage, a generated column whose expression takes milliseconds per row over 50,000 rows: it says it is still running, Ctrl-C ends it, one line', async () => {
    const file = join(dir, 'slow-generated.db');
    // The column added after the rows: an INSERT would compute it for each.
    createDb(file, `CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
      WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 50000) INSERT INTO t (n) SELECT i FROM c;
      ALTER TABLE t ADD COLUMN g TEXT GENERATED ALWAYS AS (hex(zeroblob(1000000 + n))) VIRTUAL;`);
    const r = await spawnCli(['coverage', '--db', `sqlite:${file}`], { when: async (stderr) => /^warning: /m.test(stderr) }, { SEEDBED_STALL_REPORT: '1' });
    assert.notEqual(r.signal, 'SIGKILL', `killed by the test's guard; stderr: ${r.stderr}`);
    assert.ok(r.afterSignalMs! < 3000, `exit ${Math.round(r.afterSignalMs!)} ms after SIGINT`);
    assert.equal(r.stdout, '');
    assert.deepEqual(r.stderr.split('\n').filter(Boolean).map((l) => l.replace(/after 1\.\d s/, 'after 1.x s')), [
      'warning: coverage still running after 1.x s; SQLite cannot say what it is running (a trigger, CHECK or index expression of the schema may be stuck, or the file is only large). Cancel (Ctrl-C) stops it; nothing will be changed.',
      'seedbed: Cancelled; nothing was changed.',
    ]);
  });

  test('VS Code (the engine\'s thread): Cancel stops a small seed and an undo whose triggers never end, at once; the file is free for the next seed', async () => {
    const file = join(dir, 'endless-engine.db');
    createDb(file, `${SMALL}\nCREATE TRIGGER b_endless AFTER INSERT ON b BEGIN ${ENDLESS} END;`);
    const before = dump(file);
    const engine = new EngineClient(join(ROOT, 'src', 'views', 'engineWorker.ts'));
    const cancelled = async (request: Parameters<typeof engine.request>[0]) => {
      const listeners: (() => void)[] = [];
      const token = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => { listeners.push(l); return { dispose() {} }; } };
      let stalled = false;
      process.env.SEEDBED_STALL_REPORT = '0.5'; // read by the engine's thread as it starts
      const running = engine.request(request, { token, onEvent: (e) => { if (e.type === 'stalled') stalled = true; } });
      delete process.env.SEEDBED_STALL_REPORT;
      while (!stalled) await sleep(50); // the trigger runs
      const t0 = performance.now();
      token.isCancellationRequested = true;
      for (const l of listeners) l();
      const e = await running.then(() => undefined, (x) => x);
      assert.ok(performance.now() - t0 < 3000, `${Math.round(performance.now() - t0)} ms after Cancel`);
      assert.equal(e?.code, 'CANCELLED', String(e));
      return e.message as string;
    };
    try {
      assert.equal(await cancelled({ op: 'seed', url: `sqlite:${file}`, options: { rows: 5 } }), 'Seeding was cancelled; nothing was written.');
      assert.equal(dump(file), before);
      // The statement was stopped, not left running: its write lock is gone.
      // (The killed process lets go of the file within milliseconds: the shell waits up to 3 s.)
      execFileSync('sqlite3', ['-cmd', '.timeout 3000', file, 'DROP TRIGGER b_endless;']);
      const seeded = await engine.request({ op: 'seed', url: `sqlite:${file}`, options: { rows: 5 } });
      assert.equal(seeded.result.rows, 15); // a, b and log
      execFileSync('sqlite3', [file, `CREATE TRIGGER a_keep BEFORE DELETE ON a BEGIN ${ENDLESS} END;`]);
      const seededState = dump(file);
      assert.equal(await cancelled({ op: 'undo', url: `sqlite:${file}`, runId: 1 }), 'Cancelled; nothing was changed.');
      assert.equal(dump(file), seededState);
      assert.deepEqual((await engine.request({ op: 'runs', url: `sqlite:${file}` })).map((r) => r.status), ['committed']);
    } finally {
      await engine.dispose();
    }
    assert.deepEqual(integrity(file), { fk: [], integrity: ['ok'] });
  });
});

// seedbed.config.ts is code (column functions, hooks): it runs when loaded, as any *.config.ts does
// (VS Code loads it only in a trusted workspace). Code that never returns at its top level blocks
// the thread that loads it, so no timer of Seedbed's can stop it there.
describe('A config file whose top-level code never returns', () => {
  const dir = tempDir();
  after(() => cleanup(dir));
  const project = join(dir, 'loop');
  mkdirSync(project);
  writeFileSync(join(project, 'seedbed.config.ts'), 'while (true) { /* never returns */ }\nexport default {};\n');
  const file = join(dir, 'loop.db');
  createDb(file, 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL);');

  test('the CLI: Ctrl-C ends it at once (nothing is open yet), the file untouched', async () => {
    const before = dump(file);
    const t0 = performance.now();
    const r = await spawnCli(['seed', '--db', `sqlite:${file}`, '--config', join(project, 'seedbed.config.ts')], { when: async () => performance.now() - t0 > 1500 });
    assert.equal(r.signal, 'SIGINT', `exit ${r.code}: ${r.stderr}`);
    assert.ok(r.afterSignalMs! < 1000, `exit ${Math.round(r.afterSignalMs!)} ms after SIGINT`);
    assert.equal(dump(file), before);
  });

  test('VS Code: Cancel ends the engine\'s thread when it cannot answer, one message, and the next request is served', async () => {
    const before = dump(file);
    const engine = new EngineClient(join(ROOT, 'src', 'views', 'engineWorker.ts'));
    engine.cancelGraceMs = 1000; // 5 s in the editor
    try {
      const listeners: (() => void)[] = [];
      const token = { isCancellationRequested: false, onCancellationRequested: (l: () => void) => { listeners.push(l); return { dispose() {} }; } };
      const running = engine.request({ op: 'seed', url: `sqlite:${file}`, options: { rows: 5 }, config: { trusted: true, cwd: project } }, { token });
      await sleep(1500); // loading the config
      const t0 = performance.now();
      token.isCancellationRequested = true;
      for (const l of listeners) l();
      const e = await running.then(() => undefined, (x) => x);
      assert.ok(performance.now() - t0 < 3000, `${Math.round(performance.now() - t0)} ms after Cancel`);
      assert.equal(e?.code, 'CANCELLED', String(e));
      assert.equal(e.message, 'Cancelled; the Seedbed engine did not stop within 1 s, so it was restarted. Nothing was written.');
      assert.equal(dump(file), before);
      const runs = await engine.request({ op: 'runs', url: `sqlite:${file}` });
      assert.deepEqual(runs, []);
    } finally {
      await engine.dispose();
    }
  });

  test('VS Code\'s tree refresh (no Cancel to press): past the config\'s time limit the engine is restarted, and the tree says which file and what to fix', async () => {
    process.env.SEEDBED_CONFIG_TIMEOUT = '1';
    const engine = new EngineClient(join(ROOT, 'src', 'views', 'engineWorker.ts'));
    engine.configGraceMs = 500;
    try {
      const t0 = performance.now();
      const e = await engine.request({ op: 'overview', url: `sqlite:${file}`, config: { trusted: true, cwd: project } }).then(() => undefined, (x) => x);
      const ms = performance.now() - t0;
      assert.ok(ms > 1400 && ms < 15_000, `${Math.round(ms)} ms`); // the limit and grace, and the engine's start on a busy machine
      assert.equal(e?.code, 'BAD_INPUT', String(e));
      assert.equal(e.message, `${join(project, 'seedbed.config.ts')}: loading the config did not finish: its code was still running after 1 s, so the Seedbed engine was restarted. Nothing was written.`);
      assert.equal(e.fix, 'Look at the top level of the file (and what it imports) for a loop that never ends, fix it and refresh; if it is only slow, allow it more time with SEEDBED_CONFIG_TIMEOUT=SECONDS in VS Code\'s environment.');
      // The next refresh is served (here without the config, as in an untrusted workspace).
      const o = await engine.request({ op: 'overview', url: `sqlite:${file}`, config: { trusted: false, cwd: project } });
      assert.deepEqual(o.tables.map((t) => t.name), ['t']);
      assert.equal(o.config?.ignored, true);
    } finally {
      delete process.env.SEEDBED_CONFIG_TIMEOUT;
      await engine.dispose();
    }
  });
});
