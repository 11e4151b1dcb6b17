import { faker } from '@faker-js/faker';
import { Database, quote } from '../lib/sqlite.ts';
import { schoolGenerators, type Value } from '../lib/faker-school.ts';
import { mark, span, type ContenderOutcome, type RunSpec } from './types.ts';

// (c) The naive script most people write first: seeded @faker-js/faker values, one INSERT per row
// (a prepared statement on SQLite, a parameterised query on PostgreSQL), one transaction.

export async function run(spec: RunSpec): Promise<ContenderOutcome> {
  faker.seed(spec.seed);
  return spec.target === 'sqlite' ? runSqlite(spec) : runPostgres(spec);
}

function runSqlite(spec: RunSpec): ContenderOutcome {
  const t0 = mark();
  const db = new Database(spec.url);
  const t1 = mark();
  db.exec('BEGIN');
  for (const g of schoolGenerators(spec.counts, (b) => (b ? 1 : 0))) {
    const st = db.prepare(`INSERT INTO ${quote(g.table)} (${g.columns.map(quote).join(', ')}) VALUES (${g.columns.map(() => '?').join(', ')})`);
    for (let i = 0; i < g.count; i++) {
      const r = g.make(i);
      st.run(g.columns.map((c) => r[c]));
    }
  }
  db.exec('COMMIT');
  const t2 = mark();
  db.close();
  return span(t0, t1, t2);
}

async function runPostgres(spec: RunSpec): Promise<ContenderOutcome> {
  const { default: pg } = await import('pg');
  const t0 = mark();
  const client = new pg.Client({ connectionString: spec.url });
  await client.connect();
  const t1 = mark();
  await client.query('BEGIN');
  for (const g of schoolGenerators(spec.counts, (b) => b)) {
    const text = `INSERT INTO ${quote(g.table)} (${g.columns.map(quote).join(', ')}) VALUES (${g.columns.map((_, k) => `$${k + 1}`).join(', ')})`;
    for (let i = 0; i < g.count; i++) {
      const r = g.make(i);
      await client.query(text, g.columns.map((c) => r[c] as Value));
    }
  }
  await client.query('COMMIT');
  const t2 = mark();
  await client.end();
  return span(t0, t1, t2);
}
