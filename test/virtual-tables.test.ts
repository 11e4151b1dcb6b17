import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanup, cli, counts, createDb, Database, dump, integrity, tempDir, withDb } from './support/sqlite.ts';

// SQLite virtual tables: FTS5, FTS4, FTS3, external-content FTS5 kept in sync by triggers,
// external-content FTS5 without triggers (rebuilt), contentless FTS5 and R*Tree. Their shadow
// tables are never written; each index is checked by SQLite's own 'integrity-check' afterwards.

const dir = tempDir('seedbed-vtab-');
after(() => cleanup(dir));

const FIXTURE = `
CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT);
CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content='docs', content_rowid='id');
CREATE TRIGGER docs_ai AFTER INSERT ON docs BEGIN
  INSERT INTO docs_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER docs_ad AFTER DELETE ON docs BEGIN
  INSERT INTO docs_fts (docs_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER docs_au AFTER UPDATE ON docs BEGIN
  INSERT INTO docs_fts (docs_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO docs_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TABLE articles (id INTEGER PRIMARY KEY, headline TEXT NOT NULL, summary TEXT);
CREATE VIRTUAL TABLE articles_fts USING fts5(headline, summary, content='articles', content_rowid='id');
CREATE VIRTUAL TABLE notes_fts USING fts5(title, body, tags UNINDEXED, tokenize = 'porter unicode61');
CREATE VIRTUAL TABLE mail_fts USING fts4(subject, body, tokenize=porter);
CREATE VIRTUAL TABLE old_fts USING fts3(content);
CREATE VIRTUAL TABLE blind_fts USING fts5(body, content='');
CREATE VIRTUAL TABLE places_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat, +label);
CREATE VIRTUAL TABLE grid USING rtree_i32(id, x0, x1, y0, y1, z0, z1);
`;

const SHADOWS = ['docs_fts_data', 'docs_fts_idx', 'docs_fts_docsize', 'docs_fts_config', 'notes_fts_content', 'mail_fts_content',
  'mail_fts_segments', 'mail_fts_segdir', 'mail_fts_docsize', 'mail_fts_stat', 'old_fts_content', 'places_rtree_node', 'places_rtree_parent', 'places_rtree_rowid'];

function assertIndexesSound(f: string): void {
  const db = new Database(f);
  try {
    // Each module checks its own index against its content (throws SQLITE_CORRUPT_VTAB otherwise).
    for (const t of ['docs_fts', 'articles_fts', 'notes_fts']) db.exec(`INSERT INTO ${t}(${t}, rank) VALUES ('integrity-check', 1)`);
    for (const t of ['mail_fts', 'old_fts']) db.exec(`INSERT INTO ${t}(${t}) VALUES ('integrity-check')`);
    const bad = db.prepare(`SELECT rtreecheck('places_rtree') AS a, rtreecheck('grid') AS b`).get() as { a: string; b: string };
    assert.deepEqual(bad, { a: 'ok', b: 'ok' });
  } finally {
    db.close();
  }
  const { fk, integrity: ok } = integrity(f);
  assert.deepEqual(fk, []);
  assert.deepEqual(ok, ['ok']);
  const v = cli(['validate', '--db', `sqlite:${f}`]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
}

describe('SQLite virtual tables', () => {
  test('plan: shadow tables skipped, FTS and rtree filled through INSERT, external content left to triggers or rebuilt', () => {
    const f = join(dir, 'plan.db');
    createDb(f, FIXTURE);
    const r = cli(['plan', '--db', `sqlite:${f}`, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout);
    const skipped = Object.fromEntries(plan.skipped.map((s: { name: string; reason: string }) => [s.name, s.reason]));
    for (const s of SHADOWS) assert.match(skipped[s] ?? '', /^shadow table of virtual table \w+: SQLite writes it itself$/, s);
    const t = (name: string) => plan.tables.find((x: { name: string }) => x.name === name);
    assert.equal(t('docs_fts').filledBy, 'trigger docs_ai on docs');
    assert.equal(t('articles_fts').filledBy, "its content table articles (FTS 'rebuild' after the run)");
    for (const n of ['notes_fts', 'mail_fts', 'old_fts', 'blind_fts', 'places_rtree', 'grid']) assert.equal(t(n).count, 50, n);
    assert.deepEqual(plan.rebuilds, ['articles_fts']);
  });

  for (const rows of [50, 25000]) {
    test(`seed ${rows} rows per table: every index complete and sound, same seed → same bytes`, () => {
      const a = join(dir, `a${rows}.db`);
      const b = join(dir, `b${rows}.db`);
      for (const f of [a, b]) {
        createDb(f, FIXTURE);
        const r = cli(['seed', '--db', `sqlite:${f}`, '--yes', '--rows', String(rows)]);
        assert.equal(r.code, 0, r.stderr);
      }
      const c = counts(a);
      for (const n of ['docs', 'articles', 'notes_fts', 'mail_fts', 'old_fts', 'places_rtree', 'grid']) assert.equal(c[n], rows, n);
      // What the index finds is what the content table holds.
      withDb(a, (db) => {
        const one = (sql: string) => Object.values(db.prepare(sql).get() as object)[0];
        const word = String(one(`SELECT title FROM docs ORDER BY id LIMIT 1`)).split(/\W+/).find((w) => w.length > 3)!;
        assert.equal(one(`SELECT count(*) FROM docs_fts WHERE docs_fts MATCH '"${word}"'`), one(`SELECT count(*) FROM docs WHERE title LIKE '%${word}%' OR body LIKE '%${word}%'`));
        assert.ok(Number(one(`SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'the'`)) > 0, 'the rebuilt index answers');
        assert.ok(Number(one(`SELECT count(*) FROM notes_fts WHERE notes_fts MATCH 'the'`)) > 0);
        assert.equal(one(`SELECT count(*) FROM places_rtree WHERE min_lon > max_lon OR min_lat > max_lat`), 0);
        assert.equal(one(`SELECT count(*) FROM grid WHERE x0 > x1 OR y0 > y1 OR z0 > z1`), 0);
        assert.equal(one(`SELECT count(*) FROM notes_fts WHERE title IS NULL AND body IS NULL`), 0);
      });
      assertIndexesSound(a);
      assert.equal(dump(a), dump(b));
      const s = cli(['status', '--db', `sqlite:${a}`]);
      assert.match(s.stdout, /docs_fts\s+\d+ \/ \d+\s+full \(filled by trigger docs_ai on docs\)/);
      assert.match(s.stdout, /tables with data: 10\/10 \(100 %\)/);
    });
  }

  test('undo and clear keep the indexes sound', () => {
    const f = join(dir, 'undo.db');
    createDb(f, FIXTURE);
    assert.equal(cli(['seed', '--db', `sqlite:${f}`, '--yes', '--rows', '40']).code, 0);
    const u = cli(['undo', '--db', `sqlite:${f}`, '--yes']);
    assert.equal(u.code, 0, u.stderr);
    assertIndexesSound(f);
    assert.equal(cli(['seed', '--db', `sqlite:${f}`, '--yes', '--rows', '40']).code, 0);
    const c = cli(['clear', '--db', `sqlite:${f}`, '--yes']);
    assert.equal(c.code, 0, c.stderr);
    assertIndexesSound(f);
  });
});
