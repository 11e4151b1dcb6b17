import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openDatabase } from '../src/seeders/index.ts';
import { planSeed } from '../src/seeders/plan/plan.ts';
import { cleanup, createDb, tempDir } from './support/sqlite.ts';

// The CHECK solver costs little at plan time: a generated 500-table schema with 600 CHECKs of
// every kind it handles (IN lists, ranges, OR branches, exclusive arcs over foreign keys, CHECKs
// only the database can evaluate, date windows) is read and planned in well under 3 s on this
// project's machine (the bound asserted is generous: the machine is shared while tests run).

const dir = tempDir('seedbed-solver-scale-');
after(() => cleanup(dir));

function schema(): { ddl: string; checks: number } {
  const out: string[] = [];
  let checks = 0;
  for (let i = 0; i < 500; i++) {
    const parent = i > 0 ? `, parent_id INTEGER REFERENCES t${i - 1}(id)` : '';
    const cols = `id INTEGER PRIMARY KEY${parent}, status TEXT NOT NULL, kind TEXT NOT NULL, amount INTEGER, a TEXT, b TEXT, c INTEGER, logged_at DATETIME NOT NULL`;
    const own: string[] = [];
    switch (i % 5) {
      case 0: own.push(`CHECK (status IN ('draft', 'open', 'closed'))`); break;
      case 1:
        own.push('CHECK (amount BETWEEN 0 AND 100)');
        own.push(`CHECK ((kind = 'x' AND a IS NOT NULL) OR (kind = 'y' AND a IS NULL AND b IS NOT NULL))`);
        break;
      case 2: own.push(`CHECK ((kind = 'p' AND a IS NOT NULL AND b IS NULL AND c IS NULL) OR (kind = 'q' AND b IS NOT NULL AND a IS NULL AND c IS NULL)
        OR (kind = 'r' AND c IS NOT NULL AND a IS NULL AND b IS NULL) OR (kind = 's' AND a IS NULL AND b IS NULL AND c IS NULL))`); break;
      case 3: own.push(`CHECK (printf('%d', amount) <> '7')`); break;
      case 4: own.push(`CHECK (logged_at >= '2007-01-01' AND logged_at < '2008-01-01')`); break;
    }
    checks += own.length;
    out.push(`CREATE TABLE t${i} (${[cols, ...own].join(', ')});`);
  }
  return { ddl: out.join('\n'), checks };
}

test('a 500-table schema with 600 CHECKs is read and planned quickly', async () => {
  const file = join(dir, 'wide.db');
  const { ddl, checks } = schema();
  assert.equal(checks, 600);
  createDb(file, ddl);
  const driver = await openDatabase(`sqlite:${file}`);
  try {
    const t0 = performance.now();
    const s = await driver.readSchema();
    const t1 = performance.now();
    const plan = planSeed(s, { rows: 50, existing: new Map() });
    const t2 = performance.now();
    assert.equal(plan.tables.length, 500);
    const recipes = [...plan.recipes.values()];
    assert.equal(recipes.filter((r) => r.branches?.length).length, 200, 'the OR CHECKs are solved as branches');
    assert.equal(recipes.filter((r) => r.dbChecks?.length).length, 100, 'printf() is left to the database');
    process.stdout.write(`# 500 tables, 600 CHECKs: schema read in ${(t1 - t0).toFixed(0)} ms, planned in ${(t2 - t1).toFixed(0)} ms\n`);
    assert.ok(t2 - t0 < 6000, `read + plan took ${(t2 - t0).toFixed(0)} ms`);
  } finally {
    await driver.close();
  }
});
