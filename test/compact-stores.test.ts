import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeySet } from '../src/seeders/generate/key-set.ts';
import { ColumnTuples } from '../src/seeders/generate/tuples.ts';
import { sampleSorted, sortedSample, STREAM_SAMPLES } from '../src/seeders/generate/combos.ts';
import { Rng } from '../src/seeders/generate/prng.ts';

// The compact stores a large run keeps per row: the values a unique key has taken (hashed) and
// the parent keys children point at, the sampled combinations of a junction table. They must
// answer exactly as a Set, an array of tuples and the kept sample do (same seed, same rows).

test('KeySet answers as a Set: adds, deletes, growth, types kept apart', () => {
  const keys = new KeySet(['a@x.org', 7]);
  const set = new Set<unknown>(['a@x.org', 7]);
  let x = 12345;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  for (let i = 0; i < 200_000; i++) {
    const r = next();
    const v = r % 3 === 0 ? r % 50_000 : r % 3 === 1 ? `user${r % 80_000}@example.com` : `${r % 1000}\u0000${r % 7}\u0000`;
    assert.equal(keys.has(v), set.has(v));
    if (r % 11 === 0) { keys.delete(v); set.delete(v); } else { keys.add(v); set.add(v); }
    assert.equal(keys.size, set.size);
  }
  for (let i = 0; i < 100_000; i++) assert.equal(keys.has(i), set.has(i), `number ${i}`);
  const typed = new KeySet([5, '6', -0, Number.NaN]);
  assert.equal(typed.has('5'), false);
  assert.equal(typed.has(6), false);
  assert.equal(typed.has(0), true);
  assert.equal(typed.has(Number.NaN), true);
  assert.equal(typed.has(true), false);
});

test('ColumnTuples reads as the array of one-value tuples it stands for', () => {
  const head = [[10], [11]];
  const range = new ColumnTuples(head, { start: 100, count: 3 });
  assert.equal(range.length, 5);
  assert.deepEqual(Array.from({ length: 5 }, (_, p) => range.at(p)), [[10], [11], [100], [101], [102]]);
  assert.equal(range.at(5), undefined);
  assert.equal(range.at(-1), undefined);
  const values = new ColumnTuples(range, ['a', 'b']);
  assert.deepEqual(Array.from({ length: values.length }, (_, p) => values.at(p)), [[10], [11], [100], [101], [102], ['a'], ['b']]);
});

test('a streamed sample of combinations is the kept one, value for value', () => {
  const n = STREAM_SAMPLES;
  const space = 3 * n + 17;
  const kept = sampleSorted(new Rng(7, 'junction', '#combo'), n, space);
  const streamed = sortedSample(() => new Rng(7, 'junction', '#combo'), n, space);
  assert.ok(!(streamed instanceof Float64Array), 'large samples are streamed');
  assert.equal(streamed.length, n);
  for (let i = 0; i < n; i++) if (streamed.at(i) !== kept[i]) assert.fail(`sample ${i}: ${streamed.at(i)} != ${kept[i]}`);
  assert.throws(() => streamed.at(0), /in order/);
});
