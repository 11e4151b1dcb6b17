import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { cleanup, cli, counts, createDb, Database, tempDir, valid, warnings } from './support/sqlite.ts';

// A foreign key to a column that is neither the parent's primary key nor a unique key (SQLite:
// "foreign key mismatch"): only the child, which SQLite refuses every row of, is left out, with
// the reason; the parent gets its rows (written one INSERT per row with keys checked at once, the
// only INSERTs SQLite prepares for it), and so do the parent's other children. Small runs (the
// engine's thread writes) and large ones (the writing thread, bulk checks) alike; undo removes them.

const DDL = `
CREATE TABLE countries (id INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL);
CREATE TABLE cities (id INTEGER PRIMARY KEY, country_code TEXT NOT NULL REFERENCES countries (code), name TEXT NOT NULL);
CREATE TABLE visits (id INTEGER PRIMARY KEY, country_id INTEGER NOT NULL REFERENCES countries (id), city_id INTEGER REFERENCES cities (id), at TEXT);
CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
CREATE TABLE regions (id INTEGER PRIMARY KEY, code TEXT);
CREATE UNIQUE INDEX regions_live ON regions (code) WHERE id > 0;
CREATE TABLE offices (id INTEGER PRIMARY KEY, region_code TEXT REFERENCES regions (code), user_id INTEGER REFERENCES users (id));
`;

const dir = tempDir();
after(() => cleanup(dir));

for (const rows of ['40', '12000']) {
  test(`left13: only the child of a mismatched foreign key is left out; its parent is filled (--rows ${rows})`, () => {
    const file = join(dir, `m${rows}.db`);
    createDb(file, DDL);
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', rows, '--yes']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(warnings(r.stderr), [
      'warning: cities: cannot fill: its foreign key (country_code) references countries (code), which is neither its primary key nor a unique key: SQLite refuses its rows ("foreign key mismatch"); make (code) unique or reference the key; left out',
      'warning: offices: cannot fill: its foreign key (region_code) references regions (code), which is neither its primary key nor a unique key: SQLite refuses its rows ("foreign key mismatch"); make (code) unique or reference the key; left out',
    ]);
    const n = Number(rows);
    assert.deepEqual(counts(file), { cities: 0, countries: n, offices: 0, regions: n, users: n, visits: n });
    valid(`sqlite:${file}`);
    // Undo deletes the parent's rows too (SQLite prepares that DELETE only without its foreign
    // keys enforced), keeping the one a row added later still references.
    const db = new Database(file);
    db.exec('INSERT INTO visits (country_id) VALUES (3)');
    db.close();
    const u = cli(['undo', '--db', `sqlite:${file}`, '--yes']);
    assert.equal(u.code, 0, u.stderr);
    assert.match(u.stdout + u.stderr, /Kept 1 in countries: rows added later still reference them/);
    assert.deepEqual(counts(file), { cities: 0, countries: 1, offices: 0, regions: 0, users: 0, visits: 1 });
    valid(`sqlite:${file}`);
  });
}
