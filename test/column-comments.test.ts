import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, Database, tempDir } from './support/sqlite.ts';

// Column comments are hints (issue #15 item 10): PostgreSQL's COMMENT ON COLUMN and a SQLite `--`
// comment beside a column say what it holds — a list of values, what it is (ISO 4217 currency,
// URL of the avatar, email), a unit (in cents) — and the generator follows; `plan --explain`
// says "from the column comment". Also, on PostgreSQL: a top-up learns from the rows already
// there (issue #15 item 9), values read back as text.

const dir = tempDir('seedbed-comments-');
let pg: PgServer;
before(async () => { pg = await startPostgres(); });
after(async () => { await pg?.stop(); cleanup(dir); });

const SQLITE = `
CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  state TEXT NOT NULL, -- one of: draft, sent, paid
  active INTEGER NOT NULL, -- 0 = inactive, 1 = active
  cur TEXT NOT NULL, -- ISO 4217 currency
  pic TEXT, -- URL of the avatar
  contact TEXT NOT NULL, -- email
  amount INTEGER NOT NULL, -- in cents
  kind TEXT NOT NULL CHECK (kind IN ('a', 'b')), -- one of: a, b, c
  "odd -- name" TEXT NOT NULL -- either 'x' or 'y'
);`;

const PG = `
CREATE TABLE payments (
  id serial PRIMARY KEY,
  state text NOT NULL,
  active smallint NOT NULL,
  cur varchar(3) NOT NULL,
  pic text,
  contact text NOT NULL,
  amount bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('a', 'b'))
);
COMMENT ON COLUMN payments.state IS 'one of: draft, sent, paid';
COMMENT ON COLUMN payments.active IS '0 = inactive, 1 = active';
COMMENT ON COLUMN payments.cur IS 'ISO 4217 currency';
COMMENT ON COLUMN payments.pic IS 'URL of the avatar';
COMMENT ON COLUMN payments.contact IS 'email';
COMMENT ON COLUMN payments.amount IS 'in cents';
COMMENT ON COLUMN payments.kind IS 'one of: a, b, c';
CREATE TABLE orders (id serial PRIMARY KEY, status text NOT NULL, total numeric(10, 2) NOT NULL, placed_at timestamptz NOT NULL);
INSERT INTO orders (status, total, placed_at)
  SELECT CASE WHEN i % 10 < 8 THEN 'shipped' ELSE 'returned' END, 10 + (i % 50), timestamptz '2020-03-01 12:00:00+00' + i * interval '1 day'
  FROM generate_series(1, 100) AS i;
`;

/** The explain lines a user reads, spaces collapsed. */
function lines(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of out.split('\n')) {
    const x = /^ {2}(\S+(?: -- name)?) +(.*)$/.exec(l);
    if (x && !l.startsWith('   ')) m.set(x[1], x[2].replace(/ +/g, ' '));
  }
  return m;
}

const EXPECTED: Record<string, string> = {
  state: `comment.values from the column comment "one of: draft, sent, paid": one of 'draft', 'sent', 'paid' [text-like]`,
  active: 'comment.values from the column comment "0 = inactive, 1 = active": one of 0, 1',
  cur: 'money.currency from the column comment "ISO 4217 currency": rule money.currency (money.ts) — ISO 4217 currency codes (USD, EUR, GBP, LKR …). [text-like]',
  pic: 'contact.avatar from the column comment "URL of the avatar": rule contact.avatar (contact.ts) — Avatar/photo URLs under https://cdn.example.com/avatars/ (a path when the column is short). [text-like]',
  contact: 'contact.email from the column comment "email": rule contact.email (contact.ts) — Email addresses first.last@example.com (reserved example/test domains only); a collision gets a number before the @. [text-like]',
  amount: 'money.cents from the column comment "in cents": rule money.cents (money.ts) — Amounts in cents (integer): 100 … 500 000.',
};

type Row = Record<string, unknown>;

function checkRows(rows: Row[]): void {
  assert.equal(rows.length, 200);
  for (const r of rows) {
    assert.ok(['draft', 'sent', 'paid'].includes(String(r.state)), `state ${r.state}`);
    assert.ok([0, 1].includes(Number(r.active)), `active ${r.active}`);
    assert.match(String(r.cur), /^[A-Z]{3}$/);
    if (r.pic !== null) assert.match(String(r.pic), /^https:\/\/cdn\.example\.com\/avatars\//);
    assert.match(String(r.contact), /^[^@\s]+@[^@\s]+\.[a-z]+$/);
    assert.ok(Number.isInteger(Number(r.amount)) && Number(r.amount) >= 100, `amount ${r.amount}`);
    // The CHECK wins over the comment's third value.
    assert.ok(['a', 'b'].includes(String(r.kind)), `kind ${r.kind}`);
  }
  assert.equal(new Set(rows.map((r) => r.state)).size, 3);
}

describe('column comments steer the generator', () => {
  test('SQLite: `--` beside the column', () => {
    const file = join(dir, 'c.db');
    createDb(file, SQLITE);
    const url = `sqlite:${file}`;
    const x = cli(['plan', '--explain', '--rows', '200', '--db', url]);
    assert.equal(x.code, 0, x.stderr);
    const got = lines(x.stdout);
    for (const [c, want] of Object.entries(EXPECTED)) assert.equal(got.get(c), want, c);
    assert.equal(got.get('odd -- name'), `comment.values from the column comment "either 'x' or 'y'": one of 'x', 'y' [text-like]`);
    assert.match(got.get('kind') ?? '', /^check\.oneOf check IN list: 'a', 'b'/);
    const s = cli(['seed', '--rows', '200', '--db', url]);
    assert.equal(s.code, 0, s.stderr);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT * FROM payments').all() as Row[];
    db.close();
    checkRows(rows);
    assert.ok(rows.every((r) => ['x', 'y'].includes(String(r['odd -- name']))));
    const v = cli(['validate', '--db', url]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('PostgreSQL: COMMENT ON COLUMN', async () => {
    await pg.createDatabase('comments', PG);
    const url = pg.url('comments');
    const x = cli(['plan', '--explain', '--rows', '200', '--tables', 'payments', '--db', url]);
    assert.equal(x.code, 0, x.stderr);
    const got = lines(x.stdout);
    for (const [c, want] of Object.entries(EXPECTED)) assert.equal(got.get(c), want, c);
    const s = cli(['seed', '--rows', '200', '--tables', 'payments', '--db', url]);
    assert.equal(s.code, 0, s.stderr);
    checkRows(await pg.query('comments', 'SELECT * FROM payments'));
    const v = cli(['validate', '--db', url]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('PostgreSQL: a top-up learns from the rows already there', async () => {
    const url = pg.url('comments');
    const x = cli(['plan', '--explain', '--top-up', '--rows', '500', '--tables', 'orders', '--db', url]);
    assert.equal(x.code, 0, x.stderr);
    const got = lines(x.stdout);
    assert.match(got.get('status') ?? '', /learned from 100 existing rows: values 'shipped' 80 %, 'returned' 20 % \(instead of rule /);
    assert.equal(got.get('total'), 'money.amount learned from 100 existing rows: numbers 10–59 (median 35) (instead of rule money.amount)');
    assert.match(got.get('placed_at') ?? '', /learned from 100 existing rows: dates 2020-03-02\.\.2020-06-09/);
    const s = cli(['seed', '--top-up', '--rows', '500', '--tables', 'orders', '--db', url]);
    assert.equal(s.code, 0, s.stderr);
    const [r] = await pg.query<{ shipped: string; lo: string; hi: string; first: Date; last: Date }>('comments',
      `SELECT avg((status = 'shipped')::int) AS shipped, min(total) AS lo, max(total) AS hi, min(placed_at) AS first, max(placed_at) AS last FROM orders WHERE id > 100`);
    assert.ok(Math.abs(Number(r.shipped) - 0.8) < 0.06, `shipped ${r.shipped}`);
    assert.ok(Number(r.lo) >= 10 && Number(r.hi) <= 59, `total ${r.lo}..${r.hi}`);
    assert.ok(r.first >= new Date('2020-03-02T00:00:00Z') && r.last <= new Date('2020-06-10T00:00:00Z'), `${r.first.toISOString()}..${r.last.toISOString()}`);
    const v = cli(['validate', '--db', url]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });
});
