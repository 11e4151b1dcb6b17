import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanup, cli, createDb, Database, tempDir } from './support/sqlite.ts';

// Locale by column (issue #15 item 8): `name_sinhala`, `name_tamil`, `title_fr`, `*_ja`, `name_zh`,
// `description_ar` hold text in that language's script; a row's name in English letters,
// Sinhala and Tamil is one person. A fixture of the project's own.

const dir = tempDir('seedbed-lang-');
after(() => cleanup(dir));

const SCHEMA = `
CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_sinhala TEXT NOT NULL, name_tamil TEXT NOT NULL, city_si TEXT NOT NULL);
CREATE TABLE products (id INTEGER PRIMARY KEY, title TEXT NOT NULL, title_fr TEXT NOT NULL, title_ja TEXT NOT NULL, name_zh TEXT NOT NULL,
  description_ar TEXT NOT NULL, city_ja VARCHAR(6) NOT NULL, author_ru TEXT NOT NULL);
CREATE TABLE plain (id INTEGER PRIMARY KEY, name TEXT NOT NULL, code_id TEXT NOT NULL);
`;

const SCRIPT = {
  sinhala: /^[\u0D80-\u0DFF\u200D ]+$/,
  tamil: /^[\u0B80-\u0BFF ]+$/,
  japanese: /^[\u3040-\u30FF\u4E00-\u9FFF\u3005 ー]+$/,
  chinese: /^[\u4E00-\u9FFF ]+$/,
  arabic: /^[\u0600-\u06FF\s.،؟]+$/,
  cyrillic: /^[\u0400-\u04FF .-]+$/,
};

describe('columns named for a language hold text in its script', () => {
  const file = join(dir, 'lang.db');
  const url = `sqlite:${file}`;
  createDb(file, SCHEMA);

  test('plan --explain names the language', () => {
    const r = cli(['plan', '--explain', '--rows', '60', '--db', url]);
    assert.equal(r.code, 0, r.stderr);
    const line = (c: string) => r.stdout.split('\n').find((l) => l.startsWith(`  ${c} `))?.replace(/ +/g, ' ');
    assert.equal(line('name_sinhala'), ' name_sinhala locale.si.full text in Sinhala (si), from the column\'s name: a full name (one draw per row, shared with its other languages) [text-like]');
    assert.equal(line('name'), ' name locale.en.full text in English letters, from the column\'s name: a full name (one draw per row, shared with its other languages) [text-like]');
    assert.equal(line('title_ja'), ' title_ja locale.ja.words text in Japanese (ja), from the column\'s name: a few words (one draw per row, shared with its other languages) [text-like]');
    assert.equal(line('name_zh'), ' name_zh locale.zh_CN.words text in Chinese (zh_CN), from the column\'s name: a few words (one draw per row, shared with its other languages) [text-like]');
    assert.equal(line('author_ru'), ' author_ru locale.ru.full text in Russian (ru), from the column\'s name: a full name (one draw per row, shared with its other languages) [text-like]');
    // No language in the name: the naming rules as before (`_id` is not Indonesian).
    assert.doesNotMatch(r.stdout.split('\nplain')[1].split('\n\n')[0], /locale\./);
  });

  test('seeded: each script, one person per row, 0 violations, same seed same rows', () => {
    const s = cli(['seed', '--rows', '60', '--seed', '5', '--db', url]);
    assert.equal(s.code, 0, s.stderr);
    const db = new Database(file, { readonly: true });
    const people = db.prepare('SELECT * FROM people').all() as Record<string, string>[];
    const products = db.prepare('SELECT * FROM products').all() as Record<string, string>[];
    db.close();
    assert.equal(people.length, 60);
    const person = new Map<string, string>();
    for (const p of people) {
      assert.match(p.name_sinhala, SCRIPT.sinhala);
      assert.match(p.name_tamil, SCRIPT.tamil);
      assert.match(p.city_si, SCRIPT.sinhala);
      assert.match(p.name, /^[A-Z][a-z]+ [A-Z][a-z]+$/);
      // One person: the same English name always comes with the same Sinhala and Tamil names.
      const key = `${p.name_sinhala}|${p.name_tamil}`;
      assert.equal(person.get(p.name) ?? key, key);
      person.set(p.name, key);
    }
    assert.ok(person.size > 20, `${person.size} people`);
    for (const p of products) {
      assert.match(p.title_ja, SCRIPT.japanese);
      assert.match(p.city_ja, SCRIPT.japanese);
      assert.ok(p.city_ja.length <= 6);
      assert.match(p.name_zh, SCRIPT.chinese);
      assert.match(p.description_ar, SCRIPT.arabic);
      assert.match(p.author_ru, SCRIPT.cyrillic);
      assert.match(p.title_fr, /\p{L}/u);
    }
    const v = cli(['validate', '--db', url]);
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const again = join(dir, 'again.db');
    createDb(again, SCHEMA);
    assert.equal(cli(['seed', '--rows', '60', '--seed', '5', '--db', `sqlite:${again}`]).code, 0);
    const d = new Database(again, { readonly: true });
    assert.deepEqual(d.prepare('SELECT * FROM people').all(), people);
    assert.deepEqual(d.prepare('SELECT * FROM products').all(), products);
    d.close();
  });
});
