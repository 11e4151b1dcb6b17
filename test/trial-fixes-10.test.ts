import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, Database, seedClean, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// Defects a tenth round of acceptance trials on real schemas found (an ERP's reference tables, …),
// each as a small schema of the project's own.

describe('SQLite (text primary keys drawn from a small pool)', () => {
  const dir = tempDir();
  after(() => cleanup(dir));

  const LOOKUPS = `
    CREATE TABLE currencies (currency_code VARCHAR(12) PRIMARY KEY, currency_name TEXT NOT NULL UNIQUE);
    CREATE TABLE iso_currencies (currency_code CHAR(3) PRIMARY KEY);
    CREATE TABLE prices (id INTEGER PRIMARY KEY, currency_code CHAR(3) NOT NULL REFERENCES iso_currencies, amount NUMERIC NOT NULL);
    CREATE TABLE stages (status TEXT PRIMARY KEY CHECK (status IN ('open', 'closed')));`;

  test('a currency-code key goes on with suffixes, as a unique column does, instead of capping the table at the pool (12 codes)', () => {
    // Found on an ERP's core schema (currency_code national varchar(12) PRIMARY KEY): "capped at
    // 12 rows (asked 50): primary key currency_code can take only 12 values", while the same
    // codes in a UNIQUE column went on ("USD 2").
    const file = join(dir, 'lookups.db');
    createDb(file, LOOKUPS);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '40']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), ['warning: stages: capped at 2 rows (asked 40): primary key status can take only 2 values']);
    assert.deepEqual(counts(file), { currencies: 40, iso_currencies: 40, prices: 40, stages: 2 });
    valid(`sqlite:${file}`);
    const keys = withDb(file, (db) => db.prepare('SELECT currency_code AS c FROM iso_currencies').all() as { c: string }[]).map((x) => x.c);
    assert.ok(keys.includes('USD') && keys.every((k) => k.length <= 3), keys.join(' '));
    // A second run finds every pool value taken and still adds its rows.
    const again = cli(['seed', '--db', `sqlite:${file}`, '--rows', '10']);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(warnings(again.stderr), ['warning: stages: capped at 0 rows (asked 10): primary key status can take only 2 values, 2 already used']);
    assert.equal(counts(file).currencies, 50);
    valid(`sqlite:${file}`);
  });
});

// An append-only ledger: purchases credit it by trigger, and neither may be deleted or changed.
const LEDGER_SQLITE = `
CREATE TABLE wallets (player_id TEXT PRIMARY KEY, balance INTEGER NOT NULL DEFAULT 0 CHECK (typeof(balance) = 'integer' AND balance >= 0));
CREATE TABLE ledger (id TEXT PRIMARY KEY, player_id TEXT NOT NULL REFERENCES wallets (player_id), kind TEXT NOT NULL, amount INTEGER NOT NULL);
CREATE TABLE purchases (id TEXT PRIMARY KEY, player_id TEXT NOT NULL REFERENCES wallets (player_id), coins INTEGER NOT NULL CHECK (typeof(coins) = 'integer' AND coins > 0));
CREATE TRIGGER purchase_credit AFTER INSERT ON purchases BEGIN
  INSERT INTO ledger (id, player_id, kind, amount) VALUES (NEW.id, NEW.player_id, 'purchase', NEW.coins);
END;
CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger BEGIN SELECT RAISE(ABORT, 'The ledger is append-only'); END;
CREATE TRIGGER purchase_no_change BEFORE DELETE ON purchases BEGIN SELECT RAISE(ABORT, 'Purchase receipts are immutable'); END;`;

describe('SQLite (append-only tables)', () => {
  const dir = tempDir();
  after(() => cleanup(dir));

  test('undo deletes the run\'s rows of tables a BEFORE DELETE trigger guards, and the guards are there again afterwards', () => {
    // Found on a game's coin purchases: "Undo of run 1 failed and was rolled back: Purchase
    // receipts are immutable".
    const file = join(dir, 'ledger.db');
    createDb(file, LEDGER_SQLITE);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '25']);
    assert.equal(r.code, 0, r.stderr);
    valid(`sqlite:${file}`);
    const u = cli(['undo', '--db', `sqlite:${file}`, '--yes']);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(u.stdout, 'Undid run 1: deleted 75 rows from 3 tables.\n');
    assert.deepEqual(counts(file), { ledger: 0, purchases: 0, wallets: 0 });
    const guards = withDb(file, (db) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    assert.deepEqual(guards, ['ledger_no_delete', 'purchase_credit', 'purchase_no_change']);
    // The application's own rows stay guarded.
    const db = new Database(file);
    try {
      db.prepare("INSERT INTO wallets (player_id) VALUES ('p1')").run();
      db.prepare("INSERT INTO purchases (id, player_id, coins) VALUES ('x', 'p1', 5)").run();
      assert.throws(() => db.prepare('DELETE FROM ledger').run(), /append-only/);
    } finally { db.close(); }
    // clear empties them too (as PostgreSQL's TRUNCATE, which fires no row triggers), guards kept.
    const c = cli(['clear', '--db', `sqlite:${file}`, '--yes']);
    assert.equal(c.code, 0, c.stderr);
    assert.deepEqual(counts(file), { ledger: 0, purchases: 0, wallets: 0 });
    assert.equal(withDb(file, (d) => (d.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger'").get() as { n: number }).n), 3);
  });
});

// A conference planner's layout: its tables in `public`, the accounts in `auth` and per-site
// extra fields in `custom` (both referencing public's tables, through inheritance from a `base`
// schema of key-less templates), an audit schema nothing references.
const SPLIT = `
CREATE SCHEMA base; CREATE SCHEMA auth; CREATE SCHEMA custom; CREATE SCHEMA audit;
CREATE TABLE person (person_id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE conference (conference_id serial PRIMARY KEY, acronym text NOT NULL UNIQUE, start_date date NOT NULL);
CREATE TABLE base.account (account_id serial, login_name text NOT NULL, person_id integer, CHECK (strpos(login_name, ':') = 0));
CREATE TABLE auth.account (PRIMARY KEY (account_id), UNIQUE (login_name), FOREIGN KEY (person_id) REFERENCES person ON DELETE SET NULL) INHERITS (base.account);
CREATE TABLE custom.conference_fields (conference_id integer PRIMARY KEY REFERENCES conference ON DELETE CASCADE, sponsor text);
CREATE TABLE custom.field_notes (id serial PRIMARY KEY, conference_id integer NOT NULL REFERENCES custom.conference_fields, note text NOT NULL);
CREATE TABLE audit.changes (id bigserial PRIMARY KEY, at timestamptz NOT NULL, what text NOT NULL);`;

// A job queue and an analytics app's tables: text and citext arrays named for lists.
const LISTS = `
CREATE EXTENSION citext;
CREATE TABLE jobs (id bigserial PRIMARY KEY, worker text NOT NULL, tags varchar(255)[] DEFAULT ARRAY[]::varchar[], attempted_by text[]);
CREATE TABLE api_keys (id bigserial PRIMARY KEY, name varchar(255) NOT NULL, scopes text[] NOT NULL);
CREATE TABLE monthly_reports (id bigserial PRIMARY KEY, recipients citext[] DEFAULT ARRAY[]::citext[] NOT NULL);`;

// A weekly tournament: a reason exactly when it was skipped or voided (PostgreSQL keeps the IN
// list as `status = ANY (ARRAY[…])`), a note exactly when voided.
const WEEKS = `
CREATE TABLE tournaments (id serial PRIMARY KEY,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'skipped', 'simulated', 'complete', 'void')),
  status_reason text CHECK (status_reason IN ('club_break', 'too_few_entrants', 'admin_void')),
  void_note text CHECK (void_note IS NULL OR char_length(void_note) BETWEEN 3 AND 200),
  CHECK ((status IN ('skipped', 'void')) = (status_reason IS NOT NULL)),
  CHECK ((void_note IS NOT NULL) = (status = 'void')));`;

// Calendar fields fixed by CHECKs: a week that starts on a Monday (in the primary key), a
// financial year from 1 April, a schedule on whole minutes.
const CALENDAR = `
CREATE TABLE children (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), first_name text NOT NULL);
CREATE TABLE child_weeks (child_id uuid NOT NULL REFERENCES children, week_start date NOT NULL CHECK (extract(isodow from week_start) = 1),
  theme text CHECK (char_length(theme) <= 80), PRIMARY KEY (child_id, week_start));
CREATE TABLE tenants (id uuid PRIMARY KEY, name text NOT NULL);
CREATE TABLE financial_years (id uuid PRIMARY KEY, tenant_id uuid NOT NULL REFERENCES tenants,
  start_date date NOT NULL CHECK (extract(month from start_date) = 4 AND extract(day from start_date) = 1), closed_at timestamptz,
  UNIQUE (tenant_id, start_date));
CREATE TABLE fiscal_years (id uuid PRIMARY KEY, start_date date NOT NULL UNIQUE CHECK (extract(month from start_date) = 4 AND extract(day from start_date) = 1),
  closed_at timestamptz);
CREATE TABLE report_schedules (id uuid PRIMARY KEY, local_time time NOT NULL CHECK (extract(second FROM local_time) = 0),
  next_run_at timestamp NOT NULL CHECK (date_part('minute', next_run_at) = 30));`;

// Digests and keys of a fixed size in bytes, PostgreSQL's octet_length.
const DIGESTS = `
CREATE TABLE nonces (nonce_digest bytea PRIMARY KEY CHECK (octet_length(nonce_digest) = 32), note text CHECK (octet_length(note) <= 40));
CREATE TABLE events (id bigserial PRIMARY KEY, previous_digest bytea, digest bytea NOT NULL UNIQUE, signature bytea NOT NULL,
  CHECK ((previous_digest IS NULL OR octet_length(previous_digest) = 32) AND octet_length(digest) = 32 AND octet_length(signature) = 64));`;

const LEDGER_PG = `
CREATE TABLE accounts (id bigserial PRIMARY KEY, name text NOT NULL);
CREATE TABLE journal (id bigserial PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts, amount_cents bigint NOT NULL, posted_at timestamptz NOT NULL);
CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'journal rows are immutable'; END $$;
CREATE TRIGGER journal_immutable BEFORE UPDATE OR DELETE ON journal FOR EACH ROW EXECUTE FUNCTION forbid_change();`;

describe('PostgreSQL (schemas beside the search path; arrays named for lists; = ANY in CHECKs; calendar fields)', () => {
  let pg: PgServer;
  before(async () => {
    pg = await startPostgres();
    for (const [name, sql] of [['split', SPLIT], ['lists', LISTS], ['weeks', WEEKS], ['calendar', CALENDAR], ['ledger', LEDGER_PG], ['digests', DIGESTS]]) await pg.createDatabase(name, sql);
  });
  after(async () => { await pg?.stop(); });

  test('without ?schema=, schemas whose tables reference the search path\'s are read too: auth and custom get rows, a note says why; an unlinked schema stays unread', async () => {
    // Found on a conference planner (auth.account, custom.* referencing public's person and
    // conference): seed filled the 5 public tables and said nothing of the 12 others.
    const url = pg.url('split');
    const r = cli(['seed', '--db', url, '--rows', '30']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), []);
    assert.match(r.stderr, /^note: Reading auth, custom too: auth\.account references public's tables; custom\.conference_fields references public's tables\. Choose with \?schema=… in the database URL\.$/m);
    valid(url);
    const [n] = await pg.query<Record<string, number>>('split', `SELECT
      (SELECT count(*) FROM ONLY auth.account)::int AS accounts, (SELECT count(*) FROM custom.conference_fields)::int AS fields,
      (SELECT count(*) FROM custom.field_notes)::int AS notes, (SELECT count(*) FROM audit.changes)::int AS audit,
      (SELECT count(*) FROM ONLY base.account)::int AS templates`);
    assert.deepEqual(n, { accounts: 30, fields: 30, notes: 30, audit: 0, templates: 0 });
    const s = cli(['schema', '--db', url]);
    assert.match(s.stdout, /^schemas: public \(2 tables\), auth \(1 table\), custom \(2 tables\); not read: audit \(1 table\), base \(1 table\) \(choose with \?schema=…\)$/m);
    const u = cli(['undo', '--db', url, '--yes']);
    assert.equal(u.code, 0, u.stderr);
    const [left] = await pg.query<{ n: number }>('split', 'SELECT ((SELECT count(*) FROM auth.account) + (SELECT count(*) FROM custom.field_notes) + (SELECT count(*) FROM person))::int AS n');
    assert.equal(left.n, 0);
  });

  test('array columns named for lists hold one item per element: a tag, a scope, an address, not "a,b" lists; no element twice in an array', async () => {
    // Found on an analytics app's Ecto schema: tags varchar[] held {"indoor,weekly,advanced"},
    // recipients citext[] {"a@x.org, b@y.net"}, scopes text[] {openid,openid}.
    const url = pg.url('lists');
    seedClean(url, '--rows', '60');
    valid(url);
    const rows = await pg.query<{ tags: string[] | null; scopes: string[]; recipients: string }>('lists', `SELECT j.tags, k.scopes, r.recipients::text[] AS recipients
      FROM jobs j JOIN api_keys k ON k.id = j.id JOIN monthly_reports r ON r.id = j.id`);
    assert.equal(rows.length, 60);
    const items = (xs: unknown) => (Array.isArray(xs) ? xs as string[] : []);
    for (const r of rows) {
      for (const list of [items(r.tags), r.scopes, items(r.recipients)]) {
        assert.ok(list.every((x) => !/[, ]/.test(x)), JSON.stringify(r));
        assert.equal(new Set(list).size, list.length, JSON.stringify(r));
      }
      assert.ok(items(r.recipients).every((x) => /^[^@\s]+@[^@\s]+\.[a-z]+$/.test(x)), JSON.stringify(r.recipients));
    }
    assert.ok(rows.some((r) => items(r.tags).length > 1) && rows.some((r) => r.scopes.length > 1));
  });

  test('(status IN (…)) = (reason IS NOT NULL): the IN list PostgreSQL keeps as = ANY (ARRAY[…]) is negated as <> ALL, so the table is filled and every status is reached', async () => {
    // Found on a fantasy-football club's weekly tournaments: "No row satisfies CHECK … after 60
    // attempts; left out" (alone), or only 'void' and 'skipped' rows (beside other CHECKs).
    const url = pg.url('weeks');
    seedClean(url, '--rows', '150');
    valid(url);
    const rows = await pg.query<{ status: string; n: number; reasons: number; notes: number }>('weeks',
      'SELECT status, count(*)::int AS n, count(status_reason)::int AS reasons, count(void_note)::int AS notes FROM tournaments GROUP BY 1 ORDER BY 1');
    assert.deepEqual(rows.map((r) => r.status), ['complete', 'open', 'simulated', 'skipped', 'void']);
    for (const r of rows) {
      assert.equal(r.reasons, ['skipped', 'void'].includes(r.status) ? r.n : 0, JSON.stringify(r));
      assert.equal(r.notes, r.status === 'void' ? r.n : 0, JSON.stringify(r));
    }
  });

  test('a DATE and a timestamp the story puts in order keep their own forms: a unique date that took the timestamp\'s text is not a second value of one day', async () => {
    // Found with the fiscal years above: start_date (unique) got '2022-04-01 13:24:57' from
    // closed_at when the two were put in order; the key saw a new value, PostgreSQL the same day
    // ("duplicate key value violates unique constraint"), and the table was left out.
    const url = pg.url('calendar');
    const r = cli(['seed', '--db', url, '--rows', '100', '--tables', 'fiscal_years']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), []);
    const [n] = await pg.query<{ n: number; days: number }>('calendar', 'SELECT count(*)::int AS n, count(DISTINCT start_date)::int AS days FROM fiscal_years');
    assert.deepEqual(n, { n: 100, days: 100 });
    valid(url);
  });

  test('EXTRACT(isodow|month|day|second|minute …) = n in a CHECK: values are made on those fields, so a Monday in a composite key fills every row', async () => {
    // Found on a family learning app (kindergarten weeks keyed by child and Monday: "80 row(s)
    // left out: its keys (week_start) do not meet CHECK") and a ledger's April–March years.
    const url = pg.url('calendar');
    seedClean(url, '--rows', '100');
    valid(url);
    const [n] = await pg.query<Record<string, number>>('calendar', `SELECT
      (SELECT count(*) FROM child_weeks WHERE extract(isodow from week_start) = 1)::int AS mondays,
      (SELECT count(*) FROM financial_years WHERE to_char(start_date, 'MM-DD') = '04-01')::int AS years,
      (SELECT count(*) FROM report_schedules WHERE extract(second from local_time) = 0 AND extract(minute from next_run_at) = 30)::int AS schedules`);
    assert.deepEqual(n, { mondays: 100, years: 100, schedules: 100 });
    const plan = cli(['plan', '--db', url, '--explain', '--table', 'child_weeks']);
    assert.match(plan.stdout, /CHECK: isodow 1/);
  });

  test('undo deletes the run\'s rows of an append-only table (a BEFORE UPDATE OR DELETE trigger that raises); the trigger is enabled again', async () => {
    const url = pg.url('ledger');
    seedClean(url, '--rows', '20');
    const u = cli(['undo', '--db', url, '--yes']);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(u.stdout, 'Undid run 1: deleted 40 rows from 2 tables.\n');
    const [t] = await pg.query<{ enabled: string; n: number }>('ledger', `SELECT tgenabled::text AS enabled, (SELECT count(*) FROM journal)::int AS n FROM pg_trigger WHERE tgname = 'journal_immutable'`);
    assert.deepEqual(t, { enabled: 'O', n: 0 });
  });

  test('octet_length(x) = 32 on a bytea (a digest, a key, in the primary key too) makes values of that many bytes', async () => {
    // Found on a usage-ranking service: device_keys, nonces and events were left out ("No row
    // satisfies CHECK ((octet_length(public_key) = 32)) after 60 attempts"), their children with them.
    const url = pg.url('digests');
    seedClean(url, '--rows', '60');
    valid(url);
    const [n] = await pg.query<Record<string, number>>('digests', `SELECT (SELECT count(*) FROM nonces WHERE octet_length(nonce_digest) = 32)::int AS nonces,
      (SELECT count(*) FROM events WHERE octet_length(digest) = 32 AND octet_length(signature) = 64 AND (previous_digest IS NULL OR octet_length(previous_digest) = 32))::int AS events`);
    assert.deepEqual(n, { nonces: 60, events: 60 });
  });
});
