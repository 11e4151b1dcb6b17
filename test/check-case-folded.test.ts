import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { cleanup, cli, createDb, tempDir, withDb } from './support/sqlite.ts';

// A CHECK that compares a column in one case — `upper(persontype) IN ('SC', 'VC', …)`,
// `lower(kind) = 'store'` (PostgreSQL writes it `upper((persontype)::text) = ANY (ARRAY[…])`) —
// steers the column to the listed values already in that case: before, random codes were drawn and
// the table was left out ("No row satisfies CHECK … after 60 attempts").

const DDL = (serial: string) => `
CREATE TABLE person (
  id ${serial} PRIMARY KEY,
  persontype char(2) NOT NULL CHECK (upper(persontype) IN ('SC', 'VC', 'IN', 'EM', 'SP', 'GC')),
  kind varchar(10) NOT NULL CHECK (lower(kind) = 'store'),
  grade text CHECK (upper(grade) IN ('A', 'B', 'x'))
);`;
const TYPES = ['SC', 'VC', 'IN', 'EM', 'SP', 'GC'];

function assertRows(rows: { persontype: string; kind: string; grade: string | null }[]): void {
  assert.equal(rows.length, 600);
  assert.deepEqual([...new Set(rows.map((r) => r.persontype.trim()))].sort(), [...TYPES].sort(), 'every listed type is reached');
  assert.ok(rows.every((r) => r.kind === 'store'));
  assert.ok(rows.every((r) => r.grade === null || r.grade === 'A' || r.grade === 'B'), "'x' can never pass upper(grade)");
}

describe('CHECKs on upper(col) / lower(col)', () => {
  const dir = tempDir();
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); cleanup(dir); });

  test('SQLite: every row passes, every table filled, validate clean', () => {
    const file = join(dir, 'folded.db');
    createDb(file, DDL('INTEGER'));
    const r = cli(['seed', '--db', `sqlite:${file}`, '--rows', '600', '--yes', '--strict']);
    assert.equal(r.code, 0, r.stderr);
    assertRows(withDb(file, (db) => db.prepare('SELECT persontype, kind, grade FROM person').all() as never));
    assert.equal(cli(['validate', '--db', `sqlite:${file}`]).code, 0);
  });

  test('PostgreSQL: every row passes, every table filled, validate clean', async () => {
    await pg.createDatabase('folded', DDL('serial'));
    const r = cli(['seed', '--db', pg.url('folded'), '--rows', '600', '--yes', '--strict']);
    assert.equal(r.code, 0, r.stderr);
    assertRows(await pg.query('folded', 'SELECT persontype, kind, grade FROM person'));
    assert.equal(cli(['validate', '--db', pg.url('folded')]).code, 0);
  });
});
