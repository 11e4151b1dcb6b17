// Seeding throughput on PostgreSQL, all in one run on one throw-away server:
//   1. the engine's `seed` (plan, generate, COPY per 1000-row batch, one transaction, sequences),
//   2. generating the same rows only (no database),
//   3. raw COPY of those pre-generated rows, in the engine's 1000-row COPY statements,
//   4. raw COPY of the same rows as one stream.
// Usage: node bench/pg-copy.ts [rows=200000]
import { copyIn } from '../src/seeders/drivers/pg-copy.ts';
import { copyText } from '../src/seeders/drivers/pg-text.ts';
import { TableGenerator } from '../src/seeders/generate/table.ts';
import { makePlan, openDatabase, seed } from '../src/seeders/index.ts';
import { startPostgres } from '../test/support/postgres.ts';

const ROWS = Number(process.argv[2] ?? 200_000);
const DDL = (name: string) => `CREATE TABLE ${name} (id bigint PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL,
  email text NOT NULL, age integer, city text, created_at timestamptz NOT NULL, score numeric(6, 2), active boolean NOT NULL, notes text)`;
const rate = (n: number, ms: number) => Math.round((n * 1000) / ms);

const pg = await startPostgres();
try {
  await pg.createDatabase('bench', `${DDL('people')}; ${DDL('people_raw')}; ${DDL('people_stream')}`);
  const driver = await openDatabase(pg.url('bench'));
  try {
    const counts = { people: ROWS, people_raw: 0, people_stream: 0 };
    const t0 = performance.now();
    const { result } = await seed(driver, { counts, seed: 7 });
    const seedMs = performance.now() - t0;

    // The same rows, generated again without writing.
    const { plan } = await makePlan(driver, { counts: { people: ROWS, people_raw: 0, people_stream: 0 }, clearFirst: true });
    const recipe = plan.recipes.get('people')!;
    const keys = Array.from({ length: ROWS }, (_, i) => i + 1);
    const t1 = performance.now();
    const gen = new TableGenerator(recipe, { seed: 7, dialect: 'postgresql', count: ROWS, keys, parentTuples: () => [] });
    const batches = [...gen.batches(1000)];
    const genMs = performance.now() - t1;
    const cols = recipe.columns.map((c) => `"${c}"`).join(', ');

    const client = await pg.client('bench');
    await client.query('BEGIN');
    const t2 = performance.now();
    for (const b of batches) await copyIn(client as never, `people_raw (${cols})`, copyText(b).join(""));
    const rawMs = performance.now() - t2;
    const t3 = performance.now();
    await copyIn(client as never, `people_stream (${cols})`, copyText(batches.flat()).join(""));
    const streamMs = performance.now() - t3;
    await client.query('COMMIT');
    await client.end();

    const lines = [
      `rows: ${ROWS} (10 columns), PostgreSQL ${(await pg.query<{ server_version: string }>('bench', 'SHOW server_version'))[0].server_version}, Node ${process.version}`,
      `1. engine seed (generate + COPY, one transaction): ${rate(result.rows, seedMs)} rows/s (${(seedMs / 1000).toFixed(2)} s; engine's own figure ${result.rowsPerSecond} rows/s)`,
      `2. generation only:                                ${rate(ROWS, genMs)} rows/s`,
      `3. raw COPY, 1000-row statements (pre-generated):  ${rate(ROWS, rawMs)} rows/s`,
      `4. raw COPY, one stream (pre-generated):           ${rate(ROWS, streamMs)} rows/s`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await driver.close();
  }
} finally {
  await pg.stop();
}
