import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { assertWritable, looksLikeProduction } from '../src/seeders/guard.ts';
import { parseDatabaseUrl } from '../src/seeders/drivers/url.ts';
import { dataDump, sequenceState, startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, Database, fileHash, ROOT, tempDir } from './support/sqlite.ts';

// Issue #14 items 6 and 7: the guard rails. A dry run is guarded like a real run and writes
// nothing at all (no INSERT, so no trigger fires and no sequence moves); a database whose name
// has a production word part (prod2, proddb, my-prod, PROD_db …) is refused unless
// --allow-production, which --allow-remote does not imply.

const dir = tempDir();
after(() => cleanup(dir));

const PRODUCTION_NAMES = ['prod', 'prod2', 'proddb', 'production2024', 'myprod', 'prod db', 'my-prod', 'PROD_db', 'myProdDB', 'live', 'prd', 'live_replica'];
const SAFE_NAMES = ['product', 'products', 'liver', 'delivery', 'olive', 'dev', 'app_test', 'prodigy', 'reproduction', 'livestock', 'non-prod', 'nonprod'];
const DDL = 'CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL);';

describe('production-looking names: matched by word parts', () => {
  test('names with a production word are flagged, look-alikes are not', () => {
    for (const n of PRODUCTION_NAMES) assert.equal(looksLikeProduction(n), true, n);
    for (const n of SAFE_NAMES) assert.equal(looksLikeProduction(n), false, n);
  });

  test('the engine guard: --allow-production opts in, --allow-remote does not', () => {
    const target = parseDatabaseUrl('sqlite:/tmp/x/prod2.db');
    assert.throws(() => assertWritable(target), /the name "prod2\.db" looks like a production database[\s\S]*/);
    assert.throws(() => assertWritable(target, { allowRemote: true }), (e: Error & { fix?: string }) => /--allow-production/.test(e.fix ?? ''));
    assert.doesNotThrow(() => assertWritable(target, { allowProduction: true }));
    // A remote server needs --allow-remote, and a production-looking one both flags.
    const remote = parseDatabaseUrl('postgresql://dev@prod-db.example.invalid:5432/app');
    assert.throws(() => assertWritable(remote, { allowProduction: true }), /not this machine/);
    assert.throws(() => assertWritable(remote, { allowRemote: true }), /server name "prod-db\.example\.invalid" looks like a production database/);
    assert.doesNotThrow(() => assertWritable(remote, { allowRemote: true, allowProduction: true }));
    assert.doesNotThrow(() => assertWritable(parseDatabaseUrl('postgresql://dev@products.example.invalid:5432/app'), { allowRemote: true }));
  });

  test('CLI: seed, dry run, clear and undo refuse each production name; the file is untouched', () => {
    for (const n of ['prod2', 'proddb', 'production2024', 'myprod', 'prod db', 'my-prod', 'PROD_db']) {
      const file = join(dir, `${n}.db`);
      createDb(file, DDL);
      const before = fileHash(file);
      const all = [['seed'], ['seed', '--dry-run'], ['seed', '--allow-remote'], ['clear', '--yes'], ['undo', '--yes']];
      for (const args of n === 'prod2' ? all : [['seed', '--allow-remote']]) {
        const r = cli([...args, '--db', `sqlite:${file}`]);
        assert.notEqual(r.code, 0, `${n} ${args.join(' ')}: ${r.stdout}`);
        assert.match(r.stderr, /looks like a production database/, `${n} ${args.join(' ')}`);
        assert.match(r.stderr, /Fix: .*--allow-production/, `${n} ${args.join(' ')}`);
        assert.equal(fileHash(file), before, `${n} ${args.join(' ')} changed the file`);
      }
    }
  });

  test('CLI: --allow-production seeds; look-alike names need no flag', () => {
    const prod = join(dir, 'myprod-opted-in.db');
    createDb(prod, DDL);
    const r = cli(['seed', '--db', `sqlite:${prod}`, '--rows', '5', '--allow-production']);
    assert.equal(r.code, 0, r.stderr);
    for (const n of ['product', 'products', 'liver', 'delivery', 'olive']) {
      const file = join(dir, `${n}.db`);
      createDb(file, DDL);
      const s = cli(['seed', '--db', `sqlite:${file}`, '--rows', '5']);
      assert.equal(s.code, 0, `${n}: ${s.stderr}`);
    }
  });

  test('VS Code: seedbed.allowProduction is a setting of its own', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties;
    assert.equal(props['seedbed.allowProduction']?.type, 'boolean');
    assert.equal(props['seedbed.allowProduction']?.default, false);
    assert.doesNotMatch(props['seedbed.allowRemote'].description, /production/);
    const ext = readFileSync(join(ROOT, 'src', 'views', 'connection.ts'), 'utf8');
    assert.match(ext, /allowProduction: c\.get<boolean>\('allowProduction', false\)/);
  });
});

describe('seed --dry-run on SQLite: guarded, writes nothing', () => {
  test('a dry run reports what it would write, without taking the write lock', () => {
    const file = join(dir, 'dry.db');
    createDb(file, `${DDL} CREATE TABLE c (id INTEGER PRIMARY KEY, t_id INTEGER NOT NULL REFERENCES t(id), n INTEGER);
      CREATE TABLE audit (n INTEGER); CREATE TRIGGER c_ins AFTER INSERT ON c BEGIN INSERT INTO audit VALUES (new.n); END;`);
    const before = fileHash(file);
    // Another connection holds the write lock: a dry run that wrote would wait and fail.
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '250', '--tables', 't,c', '--dry-run']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^Dry run, nothing was written: seed would add 500 rows to 2 tables\.\n {2}t: 250\n {2}c: 250\n$/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    assert.equal(fileHash(file), before);
  });
});

describe('seed --dry-run on PostgreSQL: guarded, no side effect at all', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  const SCHEMA = `
    CREATE SEQUENCE audit_no;
    CREATE TABLE parent (id serial PRIMARY KEY, name text NOT NULL);
    CREATE FUNCTION short_note(t text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT t IS NULL OR length(t) < 500 $$;
    CREATE TABLE child (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, parent_id int NOT NULL REFERENCES parent(id), note text CHECK (short_note(note)), audit bigint);
    CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.audit := nextval('audit_no'); RETURN NEW; END $$;
    CREATE TRIGGER child_stamp BEFORE INSERT ON child FOR EACH ROW EXECUTE FUNCTION stamp();
    INSERT INTO parent (name) VALUES ('kept');`;

  test('sequences (one moved only by a trigger\'s nextval) and every table stay byte-identical', async () => {
    await pg.createDatabase('dryrun', SCHEMA);
    const seqBefore = await sequenceState(pg, 'dryrun');
    const dataBefore = await dataDump(pg, 'dryrun');
    const r = cli(['seed', '--db', pg.url('dryrun'), '--rows', '250', '--dry-run']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /seed would add 500 rows to 2 tables/);
    assert.equal(await sequenceState(pg, 'dryrun'), seqBefore);
    assert.equal(await dataDump(pg, 'dryrun'), dataBefore);
    // No ledger table either: nothing at all was created.
    const ledger = await pg.query<{ n: string }>('dryrun', `SELECT count(*) AS n FROM pg_class WHERE relname LIKE 'seedbed\\_%'`);
    assert.equal(Number(ledger[0].n), 0);
    // A real run with the same seed adds exactly what the dry run announced.
    const real = cli(['seed', '--db', pg.url('dryrun'), '--rows', '250']);
    assert.equal(real.code, 0, real.stderr);
    const n = await pg.query<{ p: string; c: string }>('dryrun', 'SELECT (SELECT count(*) FROM parent) AS p, (SELECT count(*) FROM child) AS c');
    assert.deepEqual([Number(n[0].p), Number(n[0].c)], [251, 250]);
  });

  test('a dry run on a production-looking database is refused like a real one', async () => {
    await pg.createDatabase('myprod', SCHEMA);
    const seqBefore = await sequenceState(pg, 'myprod');
    for (const args of [['--dry-run'], ['--dry-run', '--allow-remote']]) {
      const r = cli(['seed', '--db', pg.url('myprod'), ...args]);
      assert.notEqual(r.code, 0, r.stdout);
      assert.match(r.stderr, /the name "myprod" looks like a production database[\s\S]*--allow-production/);
    }
    const ok = cli(['seed', '--db', pg.url('myprod'), '--dry-run', '--allow-production']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(await sequenceState(pg, 'myprod'), seqBefore);
    // A remote server: refused before connecting, dry run or not.
    const remote = cli(['seed', '--db', 'postgresql://dev@db.example.invalid:5432/app', '--dry-run']);
    assert.notEqual(remote.code, 0);
    assert.match(remote.stderr, /db\.example\.invalid is not this machine[\s\S]*--allow-remote/);
  });
});
