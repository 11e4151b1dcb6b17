import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { join } from 'node:path';
import { cleanup, cli, counts, createDb, tempDir, valid, warnings, withDb } from './support/sqlite.ts';

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
