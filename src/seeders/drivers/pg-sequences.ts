import type { PoolClient } from 'pg';
import type { WrittenKeys } from '../driver.ts';
import { quoteIdent } from '../schema/pg-names.ts';

// The engine writes integer keys itself (max + 1, …), so sequences owned by those columns (serial,
// identity) must end past them or the application's next INSERT collides.
//
// At COMMIT (moveSequences): where the engine knows the largest key it wrote (the ledger's
// ranges and keys), no max() is asked; a probe remains only for a column it wrote values of
// without knowing them (and for every column when a table has an INSERT or UPDATE trigger, which
// may write keys of its own). Then setval(), not ALTER SEQUENCE … RESTART: a RESTART gives the sequence a new
// file (measured on a 533-table schema: ≈0.2–0.4 s for 451 sequences, setval ≈5 ms). setval is
// not undone by ROLLBACK, so it comes just before COMMIT, and a COMMIT that fails (a deferred check,
// a cancel) puts each sequence back where it was (restoreSequences), unless something took a value
// since. (Not SET CONSTRAINTS ALL IMMEDIATE first: a stuck deferred trigger is then reported as
// that statement, not as the COMMIT it is.)
// Mid-run (advanceSequences, before a table whose trigger inserts rows) RESTART stays: it is
// transactional, and the trigger's own nextval calls move the sequence again inside the run.

/** A written table: its qualified name and the columns the run wrote values of. */
export interface WrittenTable {
  ref: string;
  columns: Set<string>;
  /** The keys the run says it wrote (WriteTransaction.keysWritten). */
  keys?: WrittenKeys[];
  /** Every integer column's values may come from elsewhere (an INSERT trigger): probe. */
  probeAll?: boolean;
}

/** A sequence moved at COMMIT: where it was, and where it was put. */
export interface SequenceMove {
  seq: string;
  last: string;
  called: boolean;
  to: string;
}

interface Pair { seq: string; table: number; col: string; /** pg_get_sequence_data exists (PostgreSQL 18). */ data: boolean }

/** Integer-column sequences of the given tables: owned by a column (serial, identity) or called by a
 *  column default (nextval('…')); ascending ones only. `table` is the index into `refs`. From the
 *  sequences to the tables (they are fewer), and the tables matched by array: a join on the list
 *  was planned as a nested loop (≈30 ms for 535 tables). */
async function sequencePairs(client: PoolClient, refs: string[]): Promise<Pair[]> {
  const r = await client.query(`
    WITH w AS (SELECT $1::regclass[]::oid[] AS rels),
    s AS (SELECT seqrelid AS seq FROM pg_sequence WHERE seqincrement > 0),
    cols AS (
      SELECT d.objid AS seq, d.refobjid AS rel, d.refobjsubid AS attnum
      FROM pg_depend d JOIN s ON s.seq = d.objid
      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
      UNION
      SELECT d.refobjid, ad.adrelid, ad.adnum
      FROM pg_depend d JOIN s ON s.seq = d.refobjid JOIN pg_attrdef ad ON ad.oid = d.objid
      WHERE d.classid = 'pg_attrdef'::regclass AND d.refclassid = 'pg_class'::regclass
    )
    SELECT DISTINCT c.seq::regclass::text AS seq, array_position(w.rels, c.rel) - 1 AS table, a.attname AS col,
      to_regprocedure('pg_catalog.pg_get_sequence_data(regclass)') IS NOT NULL AS data
    FROM cols c CROSS JOIN w
    JOIN pg_attribute a ON a.attrelid = c.rel AND a.attnum = c.attnum
    WHERE c.rel = ANY (w.rels) AND a.atttypid IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)`, [refs]);
  return r.rows as Pair[];
}

const nextOf = (seq: string) => `(SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM ${seq})`;

/** Mid-run: every sequence of `tables` past their largest key, transactionally (ALTER SEQUENCE …
 *  RESTART): two round trips whatever the number of tables (probes by 200, then one batch). */
export async function advanceSequences(client: PoolClient, tables: string[]): Promise<void> {
  if (!tables.length) return;
  const pairs = await sequencePairs(client, tables);
  // A sequence several columns share (inheritance) ends past the largest of them.
  const seqs = new Map<string, { next: bigint; max: bigint }>();
  for (let i = 0; i < pairs.length; i += 200) {
    const part = pairs.slice(i, i + 200);
    const probe = part.map((r, k) => `SELECT ${k} AS k, (SELECT max(${quoteIdent(r.col)}) FROM ${tables[r.table]})::text AS m, ${nextOf(r.seq)}::text AS next`).join(' UNION ALL ');
    for (const x of (await client.query<{ k: number; m: string | null; next: string }>(probe)).rows) {
      if (x.m === null || x.m === undefined) continue;
      const seq = part[x.k].seq;
      const s = seqs.get(seq);
      if (!s || BigInt(x.m) > s.max) seqs.set(seq, { next: BigInt(x.next), max: BigInt(x.m) });
    }
  }
  const restarts = [...seqs].filter(([, s]) => s.next <= s.max).map(([seq, s]) => `ALTER SEQUENCE ${seq} RESTART WITH ${(s.max + 1n).toString()}`);
  if (restarts.length) await client.query(restarts.join(';\n'));
}

/** At COMMIT: reads where each sequence of the written tables stands and how far it must go, then
 *  moves those behind (setval). `moves` gets each move before it is sent, for restoreSequences. */
export async function moveSequences(client: PoolClient, tables: WrittenTable[], moves: SequenceMove[]): Promise<void> {
  if (!tables.length) return;
  const pairs = await sequencePairs(client, tables.map((t) => t.ref));
  // Per sequence: the largest key known, and the columns to probe.
  const seqs = new Map<string, { known: bigint | undefined; probes: { table: number; col: string }[] }>();
  for (const p of pairs) {
    const t = tables[p.table];
    // A column left to its default took nextval: the sequence is past it already.
    if (!t.probeAll && !t.columns.has(p.col)) continue;
    const s = seqs.get(p.seq) ?? { known: undefined, probes: [] };
    seqs.set(p.seq, s);
    const known = t.probeAll ? undefined : knownMax(t.keys, p.col);
    if (known === undefined) s.probes.push(p);
    else if (s.known === undefined || BigInt(known) > s.known) s.known = BigInt(known);
  }
  if (!seqs.size) return;
  const list = [...seqs];
  const probed = await probeMaxes(client, tables, list.map(([, x]) => x.probes));
  const states = await sequenceStates(client, list.map(([seq]) => seq), pairs[0].data);
  const targets: { seq: string; last: string; called: boolean; to: bigint }[] = [];
  list.forEach(([seq, x], i) => {
    const max = probed[i] !== undefined && (x.known === undefined || probed[i]! > x.known) ? probed[i] : x.known;
    if (max === undefined) return;
    const { last, called } = states[i];
    if ((called ? BigInt(last) + 1n : BigInt(last)) <= max) targets.push({ seq, last, called, to: max + 1n });
  });
  if (!targets.length) return;
  for (const t of targets) moves.push({ seq: t.seq, last: t.last, called: t.called, to: t.to.toString() });
  // Never backwards: a session that took values meanwhile may have passed the target already
  // (pg_sequence_last_value: NULL until a value is taken; no relation to open per sequence).
  await client.query(`SELECT setval(s, v, false) FROM unnest($1::regclass[], $2::int8[]) AS t(s, v) WHERE coalesce(pg_sequence_last_value(s) < v, true)`,
    [targets.map((t) => t.seq), targets.map((t) => t.to.toString())]);
}

/** The largest value of each group of columns (undefined: none, or no value): a SELECT each, sent
 *  together (one simple query per 1,000: planned apart, not as one UNION of many tables). */
async function probeMaxes(client: PoolClient, tables: WrittenTable[], groups: { table: number; col: string }[][]): Promise<(bigint | undefined)[]> {
  const out: (bigint | undefined)[] = groups.map(() => undefined);
  const asked = groups.map((g, i) => ({ g, i })).filter((x) => x.g.length);
  for (let i = 0; i < asked.length; i += 1000) {
    const part = asked.slice(i, i + 1000);
    const r = await client.query(part.map(({ g }) => `SELECT GREATEST(${g.map((p) => `(SELECT max(${quoteIdent(p.col)}) FROM ${tables[p.table].ref})`).join(', ')})::text AS m`).join(';\n'));
    ((Array.isArray(r) ? r : [r]) as { rows: { m: string | null }[] }[]).forEach((res, k) => {
      const m = res.rows[0]?.m;
      if (m !== null && m !== undefined) out[part[k].i] = BigInt(m);
    });
  }
  return out;
}

/** Where each sequence stands. PostgreSQL 18's pg_get_sequence_data reads them all in one scan
 *  (≈4 ms for 451); before it, a SELECT from each (one round trip: ≈30 ms for 451, as one UNION
 *  ≈50 ms: every sequence is a relation to plan). */
async function sequenceStates(client: PoolClient, seqs: string[], data: boolean): Promise<{ last: string; called: boolean }[]> {
  const out: ({ last: string; called: boolean } | undefined)[] = seqs.map(() => undefined);
  if (data) {
    const r = await client.query<{ last: string | null; called: boolean | null }>(
      `SELECT d.last_value::text AS last, d.is_called AS called FROM unnest($1::regclass[]) WITH ORDINALITY AS s(seq, i), pg_get_sequence_data(s.seq) AS d ORDER BY s.i`, [seqs]);
    // NULL: no privilege to read it; asked below, where SELECT says why.
    r.rows.forEach((x, i) => { if (x.last !== null && x.called !== null) out[i] = { last: x.last, called: x.called }; });
  }
  const rest = seqs.map((seq, i) => ({ seq, i })).filter((x) => !out[x.i]);
  for (let i = 0; i < rest.length; i += 500) {
    const part = rest.slice(i, i + 500);
    const r = await client.query(part.map((x) => `SELECT last_value::text AS last, is_called AS called FROM ${x.seq}`).join(';\n'));
    const results = (Array.isArray(r) ? r : [r]) as { rows: { last: string; called: boolean }[] }[];
    results.forEach((res, k) => { out[part[k].i] = res.rows[0]; });
  }
  return out as { last: string; called: boolean }[];
}

/** After a COMMIT that failed (the transaction rolled back): each moved sequence back where it
 *  was, unless a value was taken from it since (then it stays where it is: never backwards past
 *  what another session holds). */
export async function restoreSequences(client: PoolClient, moves: SequenceMove[]): Promise<void> {
  for (let i = 0; i < moves.length; i += 200) {
    const part = moves.slice(i, i + 200);
    await client.query(`SELECT ${part.map((m) => `CASE WHEN (SELECT NOT is_called AND last_value = ${m.to} FROM ${m.seq}) THEN setval(${literal(m.seq)}, ${m.last}, ${m.called}) END`).join(', ')}`);
  }
}

/** The largest value `col` got among `keys`; undefined unless every value there is a safe integer. */
export function knownMax(keys: WrittenKeys[] | undefined, col: string): number | undefined {
  let max: number | undefined;
  for (const k of keys ?? []) {
    const at = k.columns.indexOf(col);
    if (at < 0) continue;
    let m: number | undefined;
    if (k.range) m = at === 0 && k.columns.length === 1 ? k.range.hi : undefined;
    else {
      const tuples = k.keys ?? (k.chunks ?? []).flatMap((c) => JSON.parse(c) as unknown[][]);
      m = -Infinity;
      for (const t of tuples) {
        const v = t[at];
        if (!Number.isSafeInteger(v)) return undefined;
        if ((v as number) > m) m = v as number;
      }
    }
    if (m === undefined) return undefined;
    if (max === undefined || m > max) max = m;
  }
  return max === -Infinity ? undefined : max;
}

/** A sequence's name (as regclass text) as a string literal for setval. */
function literal(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
