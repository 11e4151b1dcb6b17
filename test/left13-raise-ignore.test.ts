import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanup, cli, createDb, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

// SQLite triggers that drop the new row without an error (SELECT RAISE(IGNORE)): one guarded by a
// condition on the new row is steered clear of (every row written is kept); one whose condition
// reads the table's own rows drops what it drops, and the run says what SQLite kept (counts,
// ledger, warning); one with no condition at all leaves its table out at plan time, named.

const DDL = `
CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE notes (id INTEGER PRIMARY KEY, account_id INTEGER REFERENCES accounts(id), body TEXT NOT NULL, score INTEGER NOT NULL);
CREATE TABLE tags (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
CREATE TABLE colours (id INTEGER PRIMARY KEY, name TEXT NOT NULL CHECK (name IN ('red', 'green', 'blue', 'grey')));
CREATE TABLE swatches (id INTEGER PRIMARY KEY, colour_id INTEGER NOT NULL REFERENCES colours (id), shade INTEGER);
CREATE TABLE audit_sink (id INTEGER PRIMARY KEY, msg TEXT NOT NULL);
CREATE TRIGGER notes_skip BEFORE INSERT ON notes BEGIN SELECT RAISE(IGNORE) WHERE NEW.score % 2 = 0 OR NEW.score > 900; END;
CREATE TRIGGER tags_cap BEFORE INSERT ON tags BEGIN SELECT RAISE(IGNORE) WHERE (SELECT count(*) FROM tags) >= 4; END;
CREATE TRIGGER colours_once BEFORE INSERT ON colours BEGIN SELECT RAISE(IGNORE) WHERE EXISTS (SELECT 1 FROM colours c WHERE c.name = NEW.name); END;
CREATE TRIGGER sink_off BEFORE INSERT ON audit_sink BEGIN SELECT RAISE(IGNORE); END;
`;

const dir = tempDir();
after(() => cleanup(dir));
const count = (file: string, sql: string) => withDb(file, (db) => Number((db.prepare(sql).get() as { n: number }).n));

for (const rows of ['300', '25000']) {
  describe(`left13: RAISE(IGNORE) triggers (SQLite, --rows ${rows})`, () => {
    const file = join(dir, `ignore-${rows}.db`);
    createDb(file, DDL);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', rows, '--yes']);

    test('a condition on the new row is steered clear of: every row written is kept', () => {
      assert.equal(r.code, 0, r.stderr);
      assert.equal(count(file, 'SELECT count(*) AS n FROM notes'), Number(rows));
      assert.equal(count(file, 'SELECT count(*) AS n FROM notes WHERE score % 2 = 0 OR score > 900'), 0);
    });

    test('rows the trigger still drops are not counted: the run, its ledger and its warning say 4 kept', () => {
      assert.equal(count(file, 'SELECT count(*) AS n FROM tags'), 4);
      assert.deepEqual(warnings(r.stderr), [
        'warning: audit_sink: cannot fill: its trigger sink_off drops every row inserted (SELECT RAISE(IGNORE) with no WHEN or WHERE): SQLite keeps none of its rows; drop or guard the trigger to fill it; left out',
        `warning: colours: capped at 4 rows (asked ${rows}): unique (name) has only 4 distinct combinations`,
        `warning: tags: ${Number(rows) - 4} of the ${rows} rows written were dropped by trigger tags_cap (RAISE(IGNORE)); 4 kept`,
      ]);
      const total = 3 * Number(rows) + 8;
      assert.match(r.stdout, new RegExp(`Run 1: ${total} rows in 5 tables`));
      const run = withDb(file, (db) => db.prepare('SELECT row_count, tables FROM seedbed_runs').get() as { row_count: number; tables: string });
      assert.equal(run.row_count, total);
      assert.equal(JSON.parse(run.tables).tags, 4);
    });

    test('a trigger that drops repeats keeps the column unique: 4 colours, every swatch points at one', () => {
      assert.equal(count(file, 'SELECT count(DISTINCT name) AS n FROM colours'), 4);
      assert.equal(count(file, 'SELECT count(*) AS n FROM swatches'), Number(rows));
      assert.equal(count(file, 'SELECT count(*) AS n FROM swatches WHERE colour_id NOT IN (SELECT id FROM colours)'), 0);
    });

    test('a trigger that drops every row leaves its table out, empty; validate finds nothing', () => {
      assert.equal(count(file, 'SELECT count(*) AS n FROM audit_sink'), 0);
      valid(`sqlite:${file}`);
    });
  });
}

test('left13: plan names the table a bare RAISE(IGNORE) empties; a WHEN-guarded one is not left out', () => {
  const file = join(dir, 'plan.db');
  createDb(file, `${DDL}
CREATE TABLE logs (id INTEGER PRIMARY KEY, level INTEGER NOT NULL);
CREATE TRIGGER logs_quiet BEFORE INSERT ON logs WHEN NEW.level < 0 BEGIN SELECT RAISE(IGNORE); END;`);
  const r = cli(['plan', '--db', `sqlite:${file}`, '--rows', '10']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /audit_sink: cannot fill: its trigger sink_off drops every row inserted \(SELECT RAISE\(IGNORE\) with no WHEN or WHERE\)/);
  assert.match(r.stdout, /logs: 10 rows/);
});
