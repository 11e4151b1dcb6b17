import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, counts, createDb, seedClean, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// Defects a fourth round of acceptance trials on real schemas found (Coder, …), each as a small
// schema of the project's own.

const dir = tempDir();
after(() => cleanup(dir));

// A unique index on a constant, bounded by its WHERE: at most one default row in the table
// (Coder's chat model configs); a constant without WHERE: a one-row table.
const ONE_DEFAULT = `
CREATE TABLE model_configs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, is_default BOOLEAN NOT NULL DEFAULT false, deleted BOOLEAN NOT NULL DEFAULT false);
CREATE UNIQUE INDEX model_configs_single_default ON model_configs ((1)) WHERE is_default = true AND deleted = false;
CREATE TABLE settings (id INTEGER PRIMARY KEY, theme TEXT NOT NULL);
CREATE UNIQUE INDEX settings_one_row ON settings ((1));`;

// A zero-time sentinel: '0001-01-01' stands for "not set" (Go's time.Time{}), in a CHECK whose
// branches either order two columns or leave one at the sentinel.
const ZERO_TIME = (ts: string) => `
CREATE TABLE builds (
  id INTEGER PRIMARY KEY, created_at ${ts} NOT NULL,
  deadline ${ts} NOT NULL DEFAULT '0001-01-01 00:00:00', max_deadline ${ts} NOT NULL DEFAULT '0001-01-01 00:00:00',
  CONSTRAINT deadline_below_max CHECK ((deadline <> '0001-01-01 00:00:00' AND deadline <= max_deadline) OR max_deadline = '0001-01-01 00:00:00')
);`;

// A unique index on a field of a JSON column (`tags ->> 'owner'`): rows whose JSON differs but
// whose field does not are the same key.
const JSON_KEY = (json: string, field: string) => `
CREATE TABLE orgs (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE daemons (
  id INTEGER PRIMARY KEY, org_id INT NOT NULL REFERENCES orgs (id),
  name TEXT NOT NULL CHECK (name IN ('alpha', 'beta', 'gamma')), tags ${json} NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX daemons_org_name_owner ON daemons (org_id, name, lower(coalesce(tags ->> ${field}, '')));`;

// Triggers that refuse a row for what its parent is: an API key of a deleted user, a task in an
// archived or closed project.
const PARENT_FLAG_SQLITE = `
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));
CREATE TABLE api_keys (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), token_name TEXT NOT NULL);
CREATE TRIGGER api_keys_live_user BEFORE INSERT ON api_keys
WHEN EXISTS (SELECT 1 FROM users u WHERE u.id = NEW.user_id AND u.deleted = 1)
BEGIN SELECT RAISE(ABORT, 'Cannot create API key for deleted user'); END;
CREATE TABLE projects (id INTEGER PRIMARY KEY, name TEXT NOT NULL, archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)));
CREATE TABLE tasks (id INTEGER PRIMARY KEY, project_id INTEGER NOT NULL REFERENCES projects (id), title TEXT NOT NULL);
CREATE TRIGGER tasks_open_project BEFORE INSERT ON tasks
WHEN (SELECT archived FROM projects WHERE id = NEW.project_id) = 1
BEGIN SELECT RAISE(ABORT, 'project is archived'); END;`;

const PARENT_FLAG_PG = `
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL, deleted boolean NOT NULL DEFAULT false);
CREATE TABLE api_keys (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id), token_name text NOT NULL);
CREATE FUNCTION api_keys_live_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.user_id IS NOT NULL) THEN
    IF (SELECT deleted FROM users WHERE id = NEW.user_id LIMIT 1) THEN
      RAISE EXCEPTION 'Cannot create API key for deleted user';
    END IF;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER api_keys_live_user BEFORE INSERT ON api_keys FOR EACH ROW EXECUTE FUNCTION api_keys_live_user();
CREATE TABLE projects (id serial PRIMARY KEY, name text NOT NULL, status text NOT NULL CHECK (status IN ('open', 'closed')));
CREATE TABLE tasks (id serial PRIMARY KEY, project_id int NOT NULL REFERENCES projects (id), title text NOT NULL);
CREATE FUNCTION tasks_open_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM projects p WHERE p.id = NEW.project_id AND p.status = 'closed') THEN
    RAISE EXCEPTION 'project % is closed', NEW.project_id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER tasks_open_project BEFORE INSERT ON tasks FOR EACH ROW EXECUTE FUNCTION tasks_open_project();`;

// Triggers that purge their own table after each insert: rows already expired are deleted as
// soon as they are written (Kong's cluster_events, session stores).
const PURGE_SQLITE = `
CREATE TABLE sessions (id INTEGER PRIMARY KEY, user_name TEXT NOT NULL, token TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
CREATE TRIGGER sessions_purge AFTER INSERT ON sessions BEGIN DELETE FROM sessions WHERE expires_at <= datetime('now'); END;
CREATE TABLE tokens (id INTEGER PRIMARY KEY, name TEXT NOT NULL, expires INTEGER NOT NULL DEFAULT (unixepoch() + 3600));
CREATE TRIGGER tokens_purge AFTER INSERT ON tokens BEGIN DELETE FROM tokens WHERE expires < unixepoch(); END;`;

const PURGE_PG = `
CREATE TABLE cluster_events (id uuid PRIMARY KEY, node_id uuid NOT NULL, "at" timestamptz NOT NULL, expire_at timestamptz NOT NULL, channel text, data text);
CREATE FUNCTION delete_expired_cluster_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "cluster_events" WHERE "expire_at" <= CURRENT_TIMESTAMP AT TIME ZONE 'UTC';
  RETURN NEW;
END $$;
CREATE TRIGGER delete_expired_cluster_events_trigger AFTER INSERT ON cluster_events FOR EACH STATEMENT EXECUTE PROCEDURE delete_expired_cluster_events();`;

// Triggers that reject a row on a condition of their own: over the new row alone, or over other
// tables (a template switched off by default and not switched on by the user; a blocked address).
const REJECT_SQLITE = `
CREATE TABLE products (id INTEGER PRIMARY KEY, name TEXT NOT NULL, stock INTEGER NOT NULL CHECK (stock BETWEEN 0 AND 40));
CREATE TABLE blocked_emails (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
CREATE TABLE orders (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products (id), email TEXT NOT NULL, qty INTEGER NOT NULL, starts_at TEXT NOT NULL, ends_at TEXT NOT NULL);
CREATE TRIGGER orders_in_stock BEFORE INSERT ON orders BEGIN
  SELECT RAISE(ABORT, 'not enough stock') WHERE NEW.qty > (SELECT stock FROM products WHERE id = NEW.product_id);
END;
CREATE TRIGGER orders_not_blocked BEFORE INSERT ON orders BEGIN
  SELECT RAISE(ABORT, 'blocked address') WHERE EXISTS (SELECT 1 FROM blocked_emails b WHERE b.email = NEW.email);
END;
CREATE TRIGGER orders_in_order BEFORE INSERT ON orders BEGIN
  SELECT RAISE(ABORT, 'ends before it starts') WHERE NEW.ends_at < NEW.starts_at;
END;`;

const REJECT_PG = `
CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);
CREATE TABLE templates (id serial PRIMARY KEY, name text NOT NULL, enabled_by_default boolean NOT NULL);
CREATE TABLE preferences (user_id int NOT NULL REFERENCES users (id), template_id int NOT NULL REFERENCES templates (id), disabled boolean NOT NULL DEFAULT false, PRIMARY KEY (user_id, template_id));
CREATE TABLE messages (id serial PRIMARY KEY, template_id int NOT NULL REFERENCES templates (id), user_id int NOT NULL REFERENCES users (id),
  body text NOT NULL, starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL);
CREATE FUNCTION inhibit_if_disabled() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM templates
    LEFT JOIN preferences ON preferences.template_id = templates.id AND preferences.user_id = NEW.user_id
    WHERE templates.id = NEW.template_id AND (preferences.disabled = TRUE OR (templates.enabled_by_default = FALSE AND preferences.template_id IS NULL))
  ) THEN
    RAISE EXCEPTION 'cannot enqueue message: notification is not enabled';
  END IF;
  IF NEW.ends_at < NEW.starts_at THEN
    RAISE EXCEPTION 'ends before it starts';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER inhibit_if_disabled BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION inhibit_if_disabled();`;

const pgSerial = (ddl: string) => ddl.replaceAll('INTEGER PRIMARY KEY', 'serial PRIMARY KEY');

describe('a unique index on a constant', () => {
  // Found on Coder: `UNIQUE ((1)) WHERE is_default AND NOT deleted` was dropped as reading no
  // column, so every row could be the default: "duplicate key … Key ((1))=(1)", table left out.
  test('SQLite: one default row, the rest outside the index; a constant without WHERE holds one row; validate is clean', () => {
    const file = join(dir, 'one-default.db');
    createDb(file, ONE_DEFAULT.replaceAll('false', '0').replaceAll('true', '1'));
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '40']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr).filter((w) => !/settings: capped at 1 row/.test(w)), []);
    assert.deepEqual(counts(file), { model_configs: 40, settings: 1 });
    const d = withDb(file, (db) => db.prepare('SELECT count(*) AS n FROM model_configs WHERE is_default = 1 AND deleted = 0').get() as { n: number });
    assert.equal(d.n, 1);
    valid(`sqlite:${file}`);
  });
});

describe('dates before the year 100', () => {
  // Found on Coder: the sentinel '0001-01-01' was read as 1901 (Date.UTC maps years 0–99 to
  // 1900–1999), so the branch "max_deadline = '0001-01-01'" wrote 1901 and the CHECK failed.
  test('SQLite: the sentinel branch writes 0001-01-01, the other orders the two; validate is clean', () => {
    const file = join(dir, 'zero-time.db');
    createDb(file, ZERO_TIME('TEXT'));
    seedClean(`sqlite:${file}`, '--rows', '60');
    const r = withDb(file, (db) => db.prepare(`SELECT count(*) AS n, sum(max_deadline = '0001-01-01 00:00:00') AS sentinel FROM builds`).get() as { n: number; sentinel: number });
    assert.equal(r.n, 60);
    assert.ok(r.sentinel > 0 && r.sentinel < 60, `${r.sentinel} rows at the sentinel`);
    valid(`sqlite:${file}`);
  });
});

describe('a unique index on a JSON field', () => {
  // Found on Coder: (organization_id, name, lower(COALESCE(tags ->> 'owner', ''))) was kept
  // distinct on the whole tags column; rows with other tags but no owner collided in the database.
  test('SQLite (->> \'$.owner\'): names stay distinct per org when no row has an owner; validate is clean', () => {
    const file = join(dir, 'json-key.db');
    createDb(file, JSON_KEY('TEXT', `'$.owner'`));
    seedClean(`sqlite:${file}`, '--rows', '5', '--tables', 'orgs');
    seedClean(`sqlite:${file}`, '--rows', '12', '--tables', 'daemons');
    assert.equal(counts(file).daemons, 12);
    valid(`sqlite:${file}`);
  });
});

describe('a trigger that refuses a row for what its parent is', () => {
  // Found on Coder: `IF (SELECT deleted FROM users WHERE id = NEW.user_id) THEN RAISE` left
  // api_keys, user_links and the tables under them out whenever a drawn user was deleted.
  test('SQLite (WHEN EXISTS … AND u.deleted = 1, WHEN (SELECT archived …) = 1): rows take other parents; validate is clean', () => {
    const file = join(dir, 'parent-flag.db');
    createDb(file, PARENT_FLAG_SQLITE);
    seedClean(`sqlite:${file}`, '--rows', '60');
    assert.deepEqual(counts(file), { api_keys: 60, projects: 60, tasks: 60, users: 60 });
    const r = withDb(file, (db) => db.prepare(`SELECT (SELECT count(*) FROM users WHERE deleted = 1) AS deleted, (SELECT count(*) FROM projects WHERE archived = 1) AS archived,
      (SELECT count(*) FROM api_keys k JOIN users u ON u.id = k.user_id WHERE u.deleted = 1) AS bad_keys,
      (SELECT count(*) FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.archived = 1) AS bad_tasks`).get() as Record<string, number>);
    assert.ok(r.deleted > 0 && r.archived > 0, JSON.stringify(r));
    assert.equal(r.bad_keys + r.bad_tasks, 0);
    const plan = cli(['plan', '--columns', '--db', `sqlite:${file}`]).stdout;
    assert.match(plan, /project_id: → projects\.id \(not where archived = 1, trigger tasks_open_project\)/);
    valid(`sqlite:${file}`);
  });
});

describe('a trigger that purges its own table after each insert', () => {
  // Found on Kong: `AFTER INSERT … FOR EACH STATEMENT: DELETE FROM cluster_events WHERE expire_at
  // <= CURRENT_TIMESTAMP` deleted 31 of the 50 rows seeded (their expire_at was past), and the
  // engine's fixed clock (reproducible seeds) could not tell: the database's clock judges.
  test('SQLite (datetime(\'now\'), unixepoch()): every row written stays; validate is clean', () => {
    const file = join(dir, 'purge.db');
    createDb(file, PURGE_SQLITE);
    seedClean(`sqlite:${file}`, '--rows', '50');
    assert.deepEqual(counts(file), { sessions: 50, tokens: 50 });
    const s = cli(['status', '--db', `sqlite:${file}`, '--rows', '50']);
    assert.match(s.stdout, /tables with data: 2\/2/);
    assert.doesNotMatch(s.stdout, /not full|partial/);
    valid(`sqlite:${file}`);
  });
});

describe('a text column that generated columns or indexes read as JSON', () => {
  // Found on Signal Desktop: `callId TEXT GENERATED ALWAYS AS (json_extract(json, '$.callId'))`
  // over a plain TEXT column `json`: lorem text went in, SQLite said "malformed JSON", and the
  // messages table was left out.
  test('SQLite (json_extract in generated columns, ->> in an index, json_array_length): JSON of the shape asked; validate is clean', () => {
    const file = join(dir, 'json-read.db');
    createDb(file, `
CREATE TABLE messages (
  rowid INTEGER PRIMARY KEY ASC, id STRING UNIQUE, json TEXT, type STRING, body TEXT,
  isStory INTEGER GENERATED ALWAYS AS (type IS 'story'),
  callId TEXT GENERATED ALWAYS AS (json_extract(json, '$.callId')),
  isGroupLeave INTEGER GENERATED ALWAYS AS (json_array_length(json_extract(json, '$.details')) IS 1)
);
CREATE TABLE events (id INTEGER PRIMARY KEY, payload TEXT NOT NULL, tags TEXT,
  tag_count INT GENERATED ALWAYS AS (json_array_length(tags)) VIRTUAL);
CREATE INDEX events_kind ON events (payload ->> '$.kind');`);
    seedClean(`sqlite:${file}`, '--rows', '40');
    assert.deepEqual(counts(file), { events: 40, messages: 40 });
    const r = withDb(file, (db) => db.prepare(`SELECT (SELECT count(*) FROM messages WHERE json IS NOT NULL AND json_type(json) = 'object') AS objects,
      (SELECT count(*) FROM messages WHERE json IS NOT NULL) AS messages, (SELECT count(*) FROM events WHERE json_type(payload) = 'object') AS payloads,
      (SELECT count(*) FROM events WHERE tags IS NULL OR json_type(tags) = 'array') AS tags`).get() as Record<string, number>);
    assert.equal(r.objects, r.messages);
    assert.deepEqual([r.payloads, r.tags], [40, 40]);
    valid(`sqlite:${file}`);
  });
});

describe('validate beside an FTS3 table whose tokenizer only the application registers', () => {
  // Found on Thunderbird's global message index (messagesText USING fts3(tokenize mozporter, …)):
  // seed went round it, but validate stopped at "unknown tokenizer: mozporter" (SQLite's whole-file
  // integrity_check opens every virtual table).
  test('SQLite: validate checks each table instead, and still finds a broken CHECK', () => {
    const file = join(dir, 'fts3-app-tokenizer.db');
    createDb(file, `
CREATE TABLE messages (id INTEGER PRIMARY KEY, conversationID INTEGER NOT NULL, date INTEGER, deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)));
CREATE VIRTUAL TABLE messagesText USING fts3(tokenize simple, body TEXT, subject TEXT);`);
    const patch = (sql: string) => spawnSync('sqlite3', [file], { encoding: 'utf8', input: sql });
    const r0 = patch(`PRAGMA writable_schema = ON;
UPDATE sqlite_schema SET sql = replace(sql, 'tokenize simple', 'tokenize app_porter') WHERE name = 'messagesText';`);
    assert.equal(r0.status, 0, `sqlite3 (the command-line tool) must be installed: ${r0.error?.message ?? r0.stderr}`);
    seedClean(`sqlite:${file}`, '--rows', '30');
    assert.equal(withDb(file, (db) => (db.prepare('SELECT count(*) AS n FROM messages').get() as { n: number }).n), 30);
    valid(`sqlite:${file}`);
    assert.equal(patch(`PRAGMA ignore_check_constraints = ON; UPDATE messages SET deleted = 7 WHERE id = 1;`).status, 0);
    const v = cli(['validate', '--db', `sqlite:${file}`]);
    assert.equal(v.code, 1, v.stdout + v.stderr);
    assert.match(v.stdout, /CHECK constraint failed in messages/);
  });
});

describe('a trigger that rejects rows on a condition of its own', () => {
  // Found on Coder: `IF EXISTS (SELECT 1 FROM notification_templates LEFT JOIN
  // notification_preferences … WHERE … disabled OR NOT enabled_by_default …) THEN RAISE` left
  // notification_messages out. Such a condition is now asked of the database for each candidate row.
  test('SQLite (SELECT RAISE(ABORT, …) WHERE <condition>): rows the triggers would reject are drawn again; validate is clean', () => {
    const file = join(dir, 'reject-when.db');
    createDb(file, REJECT_SQLITE);
    seedClean(`sqlite:${file}`, '--rows', '60');
    assert.deepEqual(counts(file), { blocked_emails: 60, orders: 60, products: 60 });
    const r = withDb(file, (db) => db.prepare(`SELECT
      (SELECT count(*) FROM orders o JOIN products p ON p.id = o.product_id WHERE o.qty > p.stock) AS over,
      (SELECT count(*) FROM orders o JOIN blocked_emails b ON b.email = o.email) AS blocked,
      (SELECT count(*) FROM orders WHERE ends_at < starts_at) AS backwards`).get() as Record<string, number>);
    assert.deepEqual(r, { over: 0, blocked: 0, backwards: 0 });
    valid(`sqlite:${file}`);
  });
});

describe('a composite key with an integer whose rule draws a handful of values', () => {
  // Found on Coder at 500 rows: crypto_keys PRIMARY KEY (feature, sequence), feature an enum of 4,
  // sequence an ordering position 1–20 by its name: "capped at 80 rows" though sequence is an integer.
  test('SQLite: the integer goes on past its rule (1, 2, … per group); a CHECK still bounds it', () => {
    const file = join(dir, 'combo-widen.db');
    createDb(file, `
CREATE TABLE crypto_keys (feature TEXT NOT NULL CHECK (feature IN ('apps_token', 'apps_api_key', 'oidc_convert', 'tailnet_resume')), sequence INTEGER NOT NULL, secret TEXT, PRIMARY KEY (feature, sequence));
CREATE TABLE slots (day TEXT NOT NULL CHECK (day IN ('mon', 'tue')), position INTEGER NOT NULL CHECK (position BETWEEN 1 AND 20), PRIMARY KEY (day, position));`);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '300']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), ['warning: slots: capped at 40 rows (asked 300): unique (day, position) has only 40 distinct combinations']);
    assert.deepEqual(counts(file), { crypto_keys: 300, slots: 40 });
    valid(`sqlite:${file}`);
  });
});

describe('migration ledgers of more tools, and names decorated with underscores', () => {
  // Found on Actual Budget: its `__migrations__` ledger was seeded with 50 made-up migration ids
  // (the app would then skip real migrations). sqlx, EF Core and pop name theirs alike.
  test('SQLite: __migrations__, _sqlx_migrations, __EFMigrationsHistory, schema_migration stay empty; the app tables fill', () => {
    const file = join(dir, 'ledgers.db');
    createDb(file, `
CREATE TABLE accounts (id TEXT PRIMARY KEY, name TEXT, offbudget INTEGER DEFAULT 0);
CREATE TABLE __migrations__ (id INT PRIMARY KEY NOT NULL);
CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT NOT NULL, installed_on TEXT NOT NULL, success BOOLEAN NOT NULL, checksum BLOB NOT NULL, execution_time BIGINT NOT NULL);
CREATE TABLE "__EFMigrationsHistory" ("MigrationId" TEXT NOT NULL PRIMARY KEY, "ProductVersion" TEXT NOT NULL);
CREATE TABLE schema_migration (version TEXT NOT NULL, version_self INTEGER NOT NULL DEFAULT 0);`);
    seedClean(`sqlite:${file}`, '--rows', '20');
    assert.deepEqual(counts(file), { __EFMigrationsHistory: 0, __migrations__: 0, _sqlx_migrations: 0, accounts: 20, schema_migration: 0 });
  });
});

describe('PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('a unique index on a constant, with and without WHERE: one default row, a one-row table; validate is clean', async () => {
    await pg.createDatabase('one_default', pgSerial(ONE_DEFAULT));
    const url = pg.url('one_default');
    const r = cli(['seed', '--db', url, '--rows', '40']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr).filter((w) => !/settings: capped at 1 row/.test(w)), []);
    const [n] = await pg.query<{ m: number; d: number; s: number }>('one_default', `SELECT (SELECT count(*) FROM model_configs)::int AS m,
      (SELECT count(*) FROM model_configs WHERE is_default AND NOT deleted)::int AS d, (SELECT count(*) FROM settings)::int AS s`);
    assert.deepEqual(n, { m: 40, d: 1, s: 1 });
    valid(url);
  });

  test('a zero-time sentinel (0001-01-01) in a CHECK of timestamptz columns: every row in; validate is clean', async () => {
    await pg.createDatabase('zero_time', pgSerial(ZERO_TIME('timestamptz')).replaceAll("'0001-01-01 00:00:00'", "'0001-01-01 00:00:00+00'"));
    const url = pg.url('zero_time');
    seedClean(url, '--rows', '60');
    const [r] = await pg.query<{ n: number; sentinel: number }>('zero_time', `SELECT count(*)::int AS n, count(*) FILTER (WHERE max_deadline = '0001-01-01 00:00:00+00')::int AS sentinel FROM builds`);
    assert.equal(r.n, 60);
    assert.ok(r.sentinel > 0 && r.sentinel < 60, `${r.sentinel} rows at the sentinel`);
    valid(url);
  });

  test('PL/pgSQL triggers that refuse a row for its parent (IF (SELECT deleted …) THEN, IF EXISTS (… AND p.status = \'closed\')): every row in; validate is clean', async () => {
    await pg.createDatabase('parent_flag', PARENT_FLAG_PG);
    const url = pg.url('parent_flag');
    seedClean(url, '--rows', '60');
    const [r] = await pg.query<Record<string, number>>('parent_flag', `SELECT (SELECT count(*) FROM api_keys)::int AS keys, (SELECT count(*) FROM tasks)::int AS tasks,
      (SELECT count(*) FROM users WHERE deleted)::int AS deleted, (SELECT count(*) FROM projects WHERE status = 'closed')::int AS closed`);
    assert.equal(r.keys, 60);
    assert.equal(r.tasks, 60);
    assert.ok(r.deleted > 0 && r.closed > 0, JSON.stringify(r));
    valid(url);
  });

  test('a statement trigger that purges expired rows (DELETE … WHERE expire_at <= CURRENT_TIMESTAMP AT TIME ZONE \'UTC\'): every row stays; validate is clean', async () => {
    await pg.createDatabase('purge', PURGE_PG);
    const url = pg.url('purge');
    seedClean(url, '--rows', '50');
    const [r] = await pg.query<{ n: number; past: number }>('purge', 'SELECT count(*)::int AS n, count(*) FILTER (WHERE expire_at <= now())::int AS past FROM cluster_events');
    assert.deepEqual(r, { n: 50, past: 0 });
    valid(url);
  });

  test('CHECKs with jsonb key tests (data ? \'tags\', ?|, ?&): read, no warning, tested by the database; validate is clean', async () => {
    // Found on Que: `NOT data ? 'tags' OR (jsonb_typeof(data->'tags') = 'array' AND …)` warned
    // "not understood (unsupported operator '?')" on every seed.
    await pg.createDatabase('json_keys', `CREATE TABLE jobs (id bigserial PRIMARY KEY, job_class text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}', args jsonb NOT NULL DEFAULT '[]',
      CONSTRAINT valid_data CHECK (jsonb_typeof(data) = 'object' AND (NOT data ? 'tags' OR jsonb_typeof(data->'tags') = 'array')),
      CONSTRAINT some_key CHECK (NOT (data ?| array['secret', 'password'])),
      CONSTRAINT valid_args CHECK (jsonb_typeof(args) = 'array'))`);
    const url = pg.url('json_keys');
    seedClean(url, '--rows', '40');
    const [r] = await pg.query<{ n: number }>('json_keys', 'SELECT count(*)::int AS n FROM jobs');
    assert.equal(r.n, 40);
    valid(url);
  });

  test('a PL/pgSQL trigger that rejects rows on a condition over other tables (IF EXISTS (… LEFT JOIN …) THEN RAISE) and over the new row: every row in; validate is clean', async () => {
    await pg.createDatabase('reject_when', REJECT_PG);
    const url = pg.url('reject_when');
    seedClean(url, '--rows', '40');
    const [r] = await pg.query<{ n: number; backwards: number }>('reject_when', 'SELECT count(*)::int AS n, count(*) FILTER (WHERE ends_at < starts_at)::int AS backwards FROM messages');
    assert.deepEqual(r, { n: 40, backwards: 0 });
    valid(url);
  });

  test('a unique index on a jsonb field (tags ->> \'owner\'): every row in; validate is clean', async () => {
    await pg.createDatabase('json_key', pgSerial(JSON_KEY('jsonb', `'owner'`)));
    const url = pg.url('json_key');
    seedClean(url, '--rows', '5', '--tables', 'orgs');
    seedClean(url, '--rows', '12', '--tables', 'daemons');
    const [r] = await pg.query<{ n: number }>('json_key', 'SELECT count(*)::int AS n FROM daemons');
    assert.equal(r.n, 12);
    valid(url);
  });
});
