import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { arrayLiteral, copyField, copyText } from '../src/seeders/drivers/pg-text.ts';
import type { Generator } from '../src/seeders/generate/generator.ts';
import { matchPattern, parse } from '../src/seeders/generate/pattern.ts';
import { Rng } from '../src/seeders/generate/prng.ts';

// Pure pieces of the PostgreSQL path: COPY text encoding and values drawn from regex CHECKs.

describe('COPY text format', () => {
  test('NULL, booleans, numbers, bytea, arrays, JSON, escapes', () => {
    assert.equal(copyField(null), '\\N');
    assert.equal(copyField(undefined), '\\N');
    assert.equal(copyField(true), 't');
    assert.equal(copyField(false), 'f');
    assert.equal(copyField(12n), '12');
    assert.equal(copyField(Number.NaN), 'NaN');
    assert.equal(copyField(Buffer.from([0, 255])), '\\\\x00ff');
    assert.equal(copyField('a\tb\nc\rd\\e'), 'a\\tb\\nc\\rd\\\\e');
    assert.equal(copyField('\\N'), '\\\\N', 'the text \\N is not NULL');
    assert.equal(copyField({ a: 1 }), '{"a":1}');
    assert.equal(arrayLiteral(['x', null, 'a "q" \\ {b,c}', 3]), '{"x",NULL,"a \\"q\\" \\\\ {b,c}","3"}');
    assert.equal(arrayLiteral([[1, 2], [3, 4]]), '{{"1","2"},{"3","4"}}');
    assert.deepEqual(copyText([[1, 'x'], [2, null]]), ['1\tx\n2\t\\N\n']);
    // Long batches come in pieces below V8's large-object size, split between rows.
    const long = copyText(Array.from({ length: 2000 }, (_, i) => [i, 'x'.repeat(40)]));
    assert.ok(long.length > 1 && long.every((t) => t.length < 40_000 && t.endsWith('\n')));
    assert.equal(long.join('').split('\n').length, 2001);
  });
});

describe('values drawn from regex CHECKs', () => {
  const words: Generator = { label: 'lorem.words', next: (r) => ['Alpha Beta', 'gamma', 'Delta Epsilon Zeta'][r.int(0, 2)] };

  test('a rule value that does not match becomes a slug, or a string drawn from the pattern', () => {
    const pattern = '^[a-z0-9][a-z0-9:-]{0,48}[a-z0-9]$';
    const g = matchPattern(words, { column: 'identifier', pattern, patternFlags: '' });
    const rng = new Rng(1, 't');
    for (let i = 0; i < 200; i++) assert.match(String(g.next(rng, { index: i, row: {} })), new RegExp(pattern));
    const code = matchPattern(words, { column: 'code', pattern: '^(AB|CD)-\\d{3}$', patternFlags: '' });
    for (let i = 0; i < 50; i++) assert.match(String(code.next(rng, { index: i, row: {} })), /^(AB|CD)-\d{3}$/);
    assert.match(String(code.disambiguate!('AB-123', 2)), /^(AB|CD)-\d{3}$/);
  });

  test('patterns a sampler cannot honour are left to row testing', () => {
    assert.equal(parse('^(a)\\1$'), undefined);
    assert.equal(parse('^(?=x)y$'), undefined);
    assert.ok(parse('^[^@]+@[^@]+\\.[a-z]{2,}$'));
  });
});
