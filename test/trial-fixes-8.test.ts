import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startPostgres, type PgServer } from './support/postgres.ts';
import { seedClean, valid } from './support/sqlite.ts';

// Defects an eighth round of acceptance trials on real schemas found (a workflow engine's
// analytics schema: tables partitioned by day, a range type of its own, …), each as a small
// schema of the project's own.

// Rows partitioned by the day they were inserted, with an updated_at beside it.
const DAILY = `
CREATE TABLE readings (id bigint GENERATED ALWAYS AS IDENTITY, sensor text NOT NULL, value numeric NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (created_at, id)) PARTITION BY RANGE (created_at);
CREATE TABLE readings_20240301 PARTITION OF readings FOR VALUES FROM ('2024-03-01') TO ('2024-03-02');
CREATE TABLE readings_20240302 PARTITION OF readings FOR VALUES FROM ('2024-03-02') TO ('2024-03-03');`;

// Blocks of ids kept as ranges of a range type the schema declares, no two of a day overlapping.
const OWN_RANGES = `
CREATE EXTENSION btree_gist;
CREATE TYPE idrange AS RANGE (subtype = uuid);
CREATE TYPE ratio AS RANGE (subtype = float8);
CREATE TABLE blocks (day date NOT NULL CHECK (day BETWEEN '2024-01-01' AND '2024-01-03'), ids idrange NOT NULL,
  odds ratio NOT NULL, file_key text NOT NULL UNIQUE,
  EXCLUDE USING gist (day WITH =, ids WITH &&));`;

describe('PostgreSQL', () => {
  let pg: PgServer;
  before(async () => { pg = await startPostgres(); });
  after(async () => { await pg?.stop(); });

  test('a table range-partitioned by its created_at, with an updated_at: every row lands in a partition, updated_at not before created_at', async () => {
    // Found on a workflow engine's analytics schema (tables partitioned by day): three of them were
    // left out ("no partition of relation … found for row"): putting created_at <= updated_at in
    // order moved the updated_at drawn years earlier into created_at, outside every partition.
    await pg.createDatabase('daily', DAILY);
    seedClean(pg.url('daily'), '--rows', '300');
    valid(pg.url('daily'));
    const [r] = await pg.query<{ n: number; inside: number; ordered: number }>('daily', `SELECT count(*)::int AS n,
      count(*) FILTER (WHERE created_at >= '2024-03-01' AND created_at < '2024-03-03')::int AS inside,
      count(*) FILTER (WHERE updated_at >= created_at)::int AS ordered FROM readings`);
    assert.deepEqual(r, { n: 300, inside: 300, ordered: 300 });
  });

  test('columns of range types the schema declares (subtype uuid, float8) under an EXCLUDE … WITH &&: valid ranges, every row in', async () => {
    // Found on the same schema: v1_payloads_olap_offloaded_block_index was left out ("malformed
    // range literal: "bridge""): a range type of the schema's own was filled with a word.
    await pg.createDatabase('own_ranges', OWN_RANGES);
    seedClean(pg.url('own_ranges'), '--rows', '300');
    valid(pg.url('own_ranges'));
    const [r] = await pg.query<{ n: number; bounded: number; odds: number }>('own_ranges', `SELECT count(*)::int AS n,
      count(*) FILTER (WHERE NOT isempty(ids) AND lower(ids) < upper(ids))::int AS bounded,
      count(*) FILTER (WHERE lower(odds) < upper(odds))::int AS odds FROM blocks`);
    assert.deepEqual(r, { n: 300, bounded: 300, odds: 300 });
  });
});
