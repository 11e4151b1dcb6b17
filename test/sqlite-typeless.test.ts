import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanup, cli, createDb, tempDir, withDb } from './support/sqlite.ts';

// SQLite columns declared with no type (found in two real schemas: `text DEFAULT '' NOT NULL`,
// `transcode_mode NOT NULL DEFAULT 3`) got random bytes. Their DEFAULT now says what they hold:
// a text default gives text (by the column's name), a number a number; none, a blob as before.

const dir = tempDir();
after(() => cleanup(dir));

test('a typeless column takes the kind of its DEFAULT', () => {
  const file = join(dir, 'typeless.db');
  createDb(file, `CREATE TABLE content (id INTEGER PRIMARY KEY, text DEFAULT '' NOT NULL, mode NOT NULL DEFAULT 3, ratio DEFAULT 0.5, raw);`);
  const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '20', '--yes']);
  assert.equal(r.code, 0, r.stderr);
  const types = withDb(file, (db) => db.prepare(`SELECT DISTINCT typeof(text) AS text, typeof(mode) IN ('integer', 'real') AND mode = CAST(mode AS INTEGER) AS whole, typeof(ratio) AS ratio, typeof(raw) AS raw FROM content WHERE raw IS NOT NULL AND ratio IS NOT NULL`).all());
  assert.deepEqual(types, [{ text: 'text', whole: 1, ratio: 'real', raw: 'blob' }]);
  assert.equal(cli(['validate', '--db', `sqlite:${file}`]).code, 0);
});
