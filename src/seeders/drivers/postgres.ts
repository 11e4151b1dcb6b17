import type { MikroORM } from '@mikro-orm/postgresql';
import { pgOrderTerms } from './pg-compare.ts';
import type { Pool, PoolClient } from 'pg';
import type { CycleFkRef, Driver, FilledTable, SessionActivity, TransactionActivity, WriteTransaction, WrittenKeys } from '../driver.ts';
import { SeedbedError } from '../errors.ts';
import type { SchemaInfo, TableInfo } from '../schema/model.ts';
import { qualified, quoteIdent, splitName } from '../schema/pg-names.ts';
import { briefLockWait, dropCycleFks, dropFks, fkRestoreSql, type DroppedFk } from './pg-bulk-fks.ts';
import { dropIndexes, DuplicateKey, indexRestoreSql, rebuildError, type DroppedIndex } from './pg-bulk-indexes.ts';
import { keyGuards, installKeyGuards, removeKeyGuards, type KeyGuard } from './pg-key-guards.ts';
import { introspectPostgres, type PgSchemaInfo } from '../schema/postgres.ts';
import { validatePostgres } from '../validate/postgres.ts';
import { encodeRows, type EncodedRows } from './encode.ts';
import { CopyStream } from './pg-copy.ts';
import { batchUpdateJson, batchUpdateSql, UPDATE_BATCH } from './pg-update.ts';
import { PgSessions } from './pg-cancel.ts';
import { CANCELLED, cancelledError } from '../cancel.ts';
import { destroySockets, firstQuery, pgOrmOptions } from './pg-connect.ts';
import { isLockTimeout, pgConnectError, pgWriteError, withLockHolders, type LockHolder } from './pg-errors.ts';
import { advanceSequences, moveSequences, restoreSequences, type SequenceMove, type WrittenTable } from './pg-sequences.ts';
import { truncatePlan } from './pg-truncate.ts';
import type { DatabaseTarget } from './url.ts';
import { importPackage } from '../packages.ts';

// PostgreSQL through MikroORM's connection: MikroORM owns the pool (and reads the schema);
// the run takes one client from it for its single transaction and writes with COPY FROM STDIN.

/** From this many rows into a table, its FKs are checked once at the end (pg-bulk-fks.ts): at
 *  ≈8 µs per row and FK against a few ms to drop and add one back. */
const BULK_FK_ROWS = 1000;
/** From this many rows into an empty table, its keys and indexes are built after the load
 *  (pg-bulk-indexes.ts). Measured (COPY, a table of a primary key, two unique text columns and an
 *  index; medians of 11): break-even near 1,000 rows, 1.3× faster at 2,000, 1.9× at 5,000,
 *  2.7× at 100k; below 1,000 the drops and rebuilds (≈10 ms) cost more than they save. */
const BULK_INDEX_ROWS = 2000;
/** Bytes of rows a COPY takes while it waits its turn (behind the rebuild of the table before,
 *  tableDone) or the server is behind: generation goes on meanwhile instead of stalling. */
const COPY_BUFFER = 2 << 20;

/** Values come back as PostgreSQL's own text, so they are written back exactly (bigint, numeric, timestamptz). */
const RAW_TEXT = { getTypeParser: () => (v: string) => v };
/** How long the read-only session (readOnly) stays open with nothing asked. */
const READER_IDLE_MS = 10_000;
/** Statements per round trip of eachQuery (a few dozen kB of SQL). */
const STATEMENTS_PER_TRIP = 1000;
/** Tables sampled per round trip when learning from the rows already there (≤ 1,000 rows each). */
const SAMPLE_BATCH = 50;

export async function openPostgres(target: DatabaseTarget): Promise<PostgresDriver> {
  // Loaded when a database is opened, not at start-up (see drivers/sqlite.ts).
  const { MikroORM } = await importPackage('@mikro-orm/postgresql', () => import('@mikro-orm/postgresql'));
  const orm = await MikroORM.init({
    ...pgOrmOptions(target),
    entities: [],
    discovery: { warnWhenNoEntities: false },
    debug: false,
    allowGlobalContext: true,
    // Never create a missing database (MikroORM would): Seedbed fills existing tables only.
    ensureDatabase: false,
    pool: { min: 0, max: 4 },
  });
  let pool: Pool;
  try {
    pool = (await orm.em.getConnection().getNativeClient()) as unknown as Pool;
    await firstQuery(pool, target);
  } catch (e) {
    await orm.close(true).catch(() => {});
    throw pgConnectError(target, e);
  }
  return new PostgresDriver(target, orm, pool);
}

export class PostgresDriver implements Driver {
  readonly dialect = 'postgresql' as const;
  readonly target: DatabaseTarget;
  private readonly orm: MikroORM;
  private readonly pool: Pool;
  private schema: PgSchemaInfo | undefined;
  /** The run's transaction while open: reads go through its client and see its uncommitted rows. */
  private active: PgTransaction | undefined;
  /** The sessions in use, for cancelOn(). */
  private readonly sessions: PgSessions;
  private readonly signals = new Set<AbortSignal>();

  constructor(target: DatabaseTarget, orm: MikroORM, pool: Pool) {
    this.target = target;
    this.orm = orm;
    this.pool = pool;
    this.sessions = new PgSessions(pool, target.host!, target.port!);
  }

  /** Until the returned function is called, aborting `signal` stops the statements running now
   *  (a cancel request per session in use, pg-cancel.ts): they fail, the run's transaction rolls
   *  back, and no statement runs after them (a caller that tries another one, as validate does
   *  after a failed query, gets the cancel at once). */
  cancelOn(signal: AbortSignal): () => void {
    const onAbort = () => {
      // The run's transaction refuses anything more (an idle session ignores a cancel request,
      // and a COMMIT must not follow): only ROLLBACK.
      this.active?.cancelled();
      void this.sessions.cancel();
    };
    this.signals.add(signal);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return () => {
      this.signals.delete(signal);
      signal.removeEventListener('abort', onAbort);
    };
  }

  /** What the server says session `pid` is doing, asked from another session (pg_stat_activity);
   *  undefined when it does not answer within `waitMs` (then it is stuck too). */
  async activity(pid: number, waitMs: number): Promise<SessionActivity | undefined> {
    const ask = this.pool.query<{ state: string | null; wait: string | null; ms: string | null; query: string | null }>(`
      SELECT state, nullif(concat_ws('/', wait_event_type, wait_event), '') AS wait,
             (extract(epoch FROM clock_timestamp() - query_start) * 1000)::int8::text AS ms, left(query, 500) AS query
      FROM pg_stat_activity WHERE pid = $1`, [pid]).then((r) => r.rows[0], () => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), waitMs); });
    const row = await Promise.race([ask, late]).finally(() => clearTimeout(timer));
    if (!row) return undefined;
    return { pid, state: row.state ?? 'unknown', wait: row.wait ?? undefined, runningMs: Number(row.ms ?? 0), statement: row.query ?? '' };
  }

  /** The open transaction's session, else the first of the pool's sessions in use. */
  async sessionActivity(waitMs: number): Promise<TransactionActivity> {
    if (this.active) return this.active.activity(waitMs);
    const pid = this.sessions.pids()[0];
    if (!pid) return {};
    const session = await this.activity(pid, waitMs);
    return { session, unanswered: !session };
  }

  /** Refuses a statement once the caller cancelled (cancelOn). */
  private checkCancelled(): void {
    for (const s of this.signals) if (s.aborted) throw cancelledError(CANCELLED);
  }

  async readSchema(): Promise<SchemaInfo> {
    this.schema = await introspectPostgres((sql, params) => this.query(sql, params), this.target.schemas);
    return this.schema;
  }

  /** Runs on the open transaction's client if any, else on a pooled one. */
  async query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> {
    try {
      return (await (await this.session()).query(sql, params)).rows;
    } catch (e) {
      throw await this.explained(pgWriteError(this.target, e));
    }
  }

  /** Reads that must change nothing (validate; a dry run's or an export's CHECK questions):
   *  a CHECK calling the schema's own function that INSERTs or calls nextval wrote, and
   *  committed, from `validate` and `seed --dry-run`. Here each statement runs in a READ ONLY
   *  transaction of a session held for that (ReadSession), so such a function fails instead, and
   *  validate leaves that CHECK to the database. Within a run, the run's own session. */
  async readOnly<T>(fn: (query: (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
    if (this.active) return fn((sql, params) => this.query(sql, params));
    this.checkCancelled();
    this.reading++;
    clearTimeout(this.readerIdle);
    try {
      if (this.reader && !(await this.reader.usable())) this.dropReader(true);
      // Made once, even when two reads start together.
      if (!this.reader) {
        this.readerOpening ??= this.pool.connect().then((client) => { this.reader = new ReadSession(client); }, (e: unknown) => { throw pgConnectError(this.target, e); })
          .finally(() => { this.readerOpening = undefined; });
        await this.readerOpening;
      }
      const reader = this.reader!;
      return await fn(async (sql, params) => {
        this.checkCancelled();
        try {
          return await reader.run(sql, params);
        } catch (e) {
          throw await this.explained(pgWriteError(this.target, e));
        }
      });
    } finally {
      // Not kept for ever by a long-lived driver (VS Code's): an open session keeps DROP
      // DATABASE waiting and shows as idle in transaction.
      if (--this.reading === 0) this.readerIdle = setTimeout(() => this.dropReader(), READER_IDLE_MS).unref();
    }
  }

  /** The read-only session, if one is held, and its connecting. */
  private reader: ReadSession | undefined;
  private readerOpening: Promise<void> | undefined;
  /** readOnly calls running, and the timer that closes the session once none has for a while. */
  private reading = 0;
  private readerIdle: ReturnType<typeof setTimeout> | undefined;

  /** Ends the read-only session (closing it rolls its empty transaction back), unless a read is
   *  using it. */
  private dropReader(evenInUse = false): void {
    if (this.reading && !evenInUse) return;
    clearTimeout(this.readerIdle);
    this.reader?.client.release(true);
    this.reader = undefined;
  }

  /** A lock timeout with the sessions that hold locks on this database's tables named (not
   *  `own`, the run's own session); any other error unchanged. */
  async explained(err: unknown, own?: PoolClient): Promise<unknown> {
    if (!isLockTimeout(err)) return err;
    try {
      const ownPid = (own as { processID?: number } | undefined)?.processID ?? 0;
      const r = await this.pool.query<LockHolder>(`
        SELECT a.pid, coalesce(nullif(a.application_name, ''), 'user ' || a.usename) AS who, coalesce(a.state, '?') AS state,
               to_char(a.xact_start, 'YYYY-MM-DD HH24:MI:SS') AS since, current_setting('lock_timeout') AS wait,
               string_agg(DISTINCT quote_ident(c.relname) || ' (' || l.mode || ')', ', ') AS locks
        FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.granted AND l.locktype = 'relation' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.pid <> pg_backend_pid() AND l.pid <> $1 AND c.relkind IN ('r', 'p')
          AND c.relnamespace NOT IN (SELECT oid FROM pg_namespace WHERE nspname IN ('pg_catalog', 'information_schema'))
        GROUP BY 1, 2, 3, 4, 5 ORDER BY max(CASE WHEN l.mode LIKE '%Exclusive%' THEN 1 ELSE 0 END) DESC, 1 LIMIT 10`, [ownPid]);
      return withLockHolders(err, r.rows);
    } catch {
      return err;
    }
  }

  private async rawRows(sql: string): Promise<unknown[][]> {
    const r = await (await this.session()).query({ text: sql, rowMode: 'array', types: RAW_TEXT });
    return r.rows as unknown[][];
  }

  /** The open transaction's client (its pending COPY finished first), else the pool. */
  private async session(): Promise<Pool | PoolClient> {
    this.checkCancelled();
    if (!this.active) return this.pool;
    await this.active.flush();
    return this.active.client;
  }

  /** Quoted, schema-qualified name of a table (display name, as in the schema model). */
  quoteTable(name: string): string {
    const t = this.schema?.tables.find((x) => x.name === name);
    if (t) return qualified(t);
    const { schema, local } = this.schema?.names.parts.get(name) ?? splitName(name, this.schema?.defaultSchema ?? 'public');
    return `${quoteIdent(schema)}.${quoteIdent(local)}`;
  }

  quoteColumn(column: string): string {
    return quoteIdent(column);
  }

  placeholder(i: number): string {
    return `$${i}`;
  }

  private ref(t: TableInfo): string {
    return t.schema ? qualified(t) : this.quoteTable(t.name);
  }

  /** As a FROM item: an inheritance parent's own rows only (what its FKs and keys see); a partitioned table whole. */
  private from(t: TableInfo): string {
    return `${this.schema?.partitioned.has(t.name) ? '' : 'ONLY '}${this.ref(t)}`;
  }

  async countRows(tables: TableInfo[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const counts = await this.eachQuery(tables.map((t) => `SELECT count(*)::int8 AS n FROM ${this.from(t)}`));
    tables.forEach((t, i) => out.set(t.name, Number(counts[i][0]?.n ?? 0)));
    return out;
  }

  /** SELECTs sent as one simple query (one round trip per STATEMENTS_PER_TRIP), each planned on
   *  its own: PostgreSQL plans a UNION ALL of many tables far slower than the same SELECTs apart
   *  (count(*) of 533 tables: ≈250–300 ms as UNIONs of 200, ≈45 ms apart). Outside a run, the
   *  statements share one implicit transaction (one snapshot). */
  private async eachQuery(statements: string[]): Promise<Record<string, unknown>[][]> {
    const out: Record<string, unknown>[][] = [];
    for (let i = 0; i < statements.length; i += STATEMENTS_PER_TRIP) {
      const part = statements.slice(i, i + STATEMENTS_PER_TRIP);
      try {
        const r = await (await this.session()).query(part.join(';\n'));
        out.push(...(Array.isArray(r) ? r : [r]).map((x: { rows: Record<string, unknown>[] }) => x.rows));
      } catch (e) {
        throw await this.explained(pgWriteError(this.target, e));
      }
    }
    return out;
  }

  async readValues(table: TableInfo, columns: string[]): Promise<unknown[][]> {
    // In order, for the same rows from the same database (a json column by its text: it has no ordering).
    return this.rawRows(`SELECT ${columns.map(quoteIdent).join(', ')} FROM ${this.from(table)} ORDER BY ${pgOrderTerms(table, columns, quoteIdent).join(', ')}`);
  }

  async sampleRows(table: TableInfo, columns: string[], limit: number): Promise<unknown[][]> {
    return this.rawRows(this.sampleSql(table, columns, limit));
  }

  async sampleRowsMany(requests: { table: TableInfo; columns: string[] }[], limit: number): Promise<unknown[][][]> {
    const out: unknown[][][] = [];
    // Several SELECTs in one simple query: one round trip per SAMPLE_BATCH tables.
    for (let i = 0; i < requests.length; i += SAMPLE_BATCH) {
      const part = requests.slice(i, i + SAMPLE_BATCH);
      const r = await (await this.session()).query({ text: part.map((q) => this.sampleSql(q.table, q.columns, limit)).join(';\n'), rowMode: 'array', types: RAW_TEXT });
      const results = (Array.isArray(r) ? r : [r]) as { rows: unknown[][] }[];
      out.push(...results.map((x) => x.rows));
    }
    return out;
  }

  private sampleSql(table: TableInfo, columns: string[], limit: number): string {
    // As text; timestamps with a time zone in UTC, whatever the session's zone.
    const zoned = new Set(table.columns.filter((c) => /with time zone|timestamptz/i.test(c.type)).map((c) => c.name));
    const cols = columns.map((c) => (zoned.has(c) ? `(${quoteIdent(c)} AT TIME ZONE 'UTC')` : quoteIdent(c))).join(', ');
    return `SELECT ${cols} FROM ${this.from(table)} LIMIT ${Math.max(0, Math.floor(limit))}`;
  }

  async maxInteger(table: TableInfo, column: string): Promise<number> {
    return (await this.maxIntegers([{ table, column }]))[0];
  }

  async maxIntegers(requests: { table: TableInfo; column: string }[]): Promise<number[]> {
    // The whole hierarchy: children usually share the parent's sequence, so their keys are taken too.
    const maxes = await this.eachQuery(requests.map((q) => `SELECT max(${quoteIdent(q.column)})::text AS m FROM ${this.ref(q.table)}`));
    return maxes.map((rows) => (rows[0]?.m === null || rows[0]?.m === undefined ? 0 : Number(rows[0].m)));
  }

  async begin(filled?: FilledTable[], cycleFks: CycleFkRef[] = []): Promise<WriteTransaction> {
    this.checkCancelled();
    // A run's own session answers its reads: the pool's sessions go to the run.
    this.dropReader();
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (e) {
      throw pgConnectError(this.target, e);
    }
    try {
      // Timestamps are written as UTC text; DEFERRABLE FKs (cycles) are checked at COMMIT. One
      // round trip (a simple query of three statements).
      await client.query(`BEGIN; SET LOCAL TIME ZONE 'UTC'; SET CONSTRAINTS ALL DEFERRED`);
    } catch (e) {
      client.release(true);
      throw pgWriteError(this.target, e);
    }
    // One Seedbed run at a time per database: a transaction-scoped advisory lock, waited for
    // a few seconds (like SQLite's busy timeout), then a clear refusal.
    if (!(await this.advisoryLock(client))) {
      await client.query('ROLLBACK').catch(() => {});
      client.release();
      throw new SeedbedError('WRITE_FAILED', `Cannot write to ${this.target.display}: another seed (or undo/clear) is running on this database.`, {
        fix: 'Wait for the other seed to finish (or cancel it), then try again.',
      });
    }
    const tx = new PgTransaction(this, client, () => { this.active = undefined; });
    this.active = tx;
    try {
      // Keys a BEFORE INSERT trigger would replace are kept as generated (pg-key-guards.ts).
      tx.keyGuards = keyGuards(this.schema, (name) => this.quoteTable(name));
      await installKeyGuards(client, tx.keyGuards);
      // A NOT NULL cycle that cannot be deferred: its closing FK is dropped until verify. First,
      // so the bulk load below does not count it among the FKs it drops itself.
      tx.droppedFks = await dropCycleFks(client, cycleFks.map((f) => ({
        table: this.quoteTable(f.table), name: f.name, child: f.table, edge: `${f.table}.${f.columns.join(', ')} → ${f.refTable}`,
      })));
      // Dropping and adding a FK back costs a few ms: worth it where a table gets many rows.
      // Keys and indexes: after the FKs (which need them), from a few thousand rows. Sent by
      // startBulk, after the run's reads, while its first rows are made.
      const big = (filled ?? []).filter((f) => f.rows >= BULK_FK_ROWS);
      const bigger = big.filter((f) => f.rows >= BULK_INDEX_ROWS);
      if (big.length) {
        tx.bulkSetup = () => briefLockWait(client, async () => {
          tx.droppedFks.push(...await dropFks(client, big.map((f) => this.ref(f.table))));
          const indexes = await dropIndexes(client, bigger.map((f) => ({ ref: this.ref(f.table), display: f.table.name })));
          tx.droppedIndexes = indexes.dropped;
          tx.resetTablespace = indexes.reset;
        });
      }
    } catch (e) {
      await tx.rollback().catch(() => {});
      throw await this.explained(pgWriteError(this.target, e));
    }
    return tx;
  }

  private async advisoryLock(client: PoolClient): Promise<boolean> {
    for (let waited = 0; waited <= 5000; waited += 250) {
      const r = await client.query(`SELECT pg_try_advisory_xact_lock(hashtext('seedbed'), hashtext(current_database())) AS ok`);
      if (r.rows[0]?.ok) return true;
      await new Promise((res) => setTimeout(res, 250));
    }
    return false;
  }

  /** TRUNCATE … RESTART IDENTITY CASCADE on the chosen tables; refuses to cascade into other tables that hold rows. */
  async clear(tables: TableInfo[]): Promise<void> {
    if (!tables.length) return;
    const names = tables.map((t) => this.ref(t));
    const blocked = await truncatePlan(this, names, (schema, local) => this.schema?.names.name(schema, local) ?? `${schema}.${local}`);
    if (blocked.length) {
      throw new SeedbedError('BAD_INPUT',
        `Clearing these tables would also empty ${blocked.map((b) => `${b.table} (${b.rows} rows, via ${b.via})`).join(', ')}, which you did not choose.`,
        { fix: `Add ${blocked.map((b) => b.table).join(', ')} to --tables, or clear all tables.` });
    }
    const tx = await this.begin();
    try {
      await (tx as PgTransaction).execute(`TRUNCATE ${names.join(', ')} RESTART IDENTITY CASCADE`);
      await tx.commit();
    } catch (e) {
      await tx.rollback();
      throw await this.explained(pgWriteError(this.target, e));
    }
  }

  async validate(schema: SchemaInfo) {
    return this.readOnly((query) => validatePostgres((sql) => query(sql), schema, (t) => this.from(t), (n) => this.quoteTable(n)));
  }

  async close(): Promise<void> {
    this.dropReader(true);
    if (this.active) await this.active.rollback().catch(() => {});
    await this.orm.close(true);
    // MikroORM leaves the pg pool it handed out open: its idle session kept the CLI alive until
    // its forced exit (500 ms after every PostgreSQL command) and each closed driver's session
    // open on the server for 10 s more. Bounded: a session stuck in a statement is not waited for.
    if (!this.pool.ended) await settleWithin(this.pool.end(), 1000);
    destroySockets(this.pool);
  }

  private insertTriggered: Set<string> | undefined;
  /** Tables with an INSERT trigger: its body may insert into tables written before, by their
   *  serial or identity default (a job queue a called function fills, a dynamic EXECUTE). */
  firesOnInsert(name: string): boolean {
    this.insertTriggered ??= new Set((this.schema?.triggers ?? []).filter((t) => t.events.includes('insert')).map((t) => t.table));
    return this.insertTriggered.has(name);
  }

  private writeTriggered: Set<string> | undefined;
  /** Tables with an INSERT or UPDATE trigger: its body may write keys the run does not know. */
  firesOnWrite(name: string): boolean {
    this.writeTriggered ??= new Set((this.schema?.triggers ?? []).filter((t) => t.events.includes('insert') || t.events.includes('update')).map((t) => t.table));
    return this.writeTriggered.has(name);
  }

  /** Written tables → their qualified names, for the sequence fix-up. */
  refOf(t: TableInfo): string {
    return this.ref(t);
  }
}

/** One session for the reads that must change nothing, each statement a READ ONLY transaction
 *  of its own: a dry run asks about CHECKs once per batch, and a session set to
 *  default_transaction_read_only and put back for each question took three round trips. The
 *  session stays in an open READ ONLY transaction; after each statement the transaction ends
 *  and the next begins in one round trip that nobody waits for (the next statement is queued
 *  behind it), so a question costs one round trip, and between questions the session holds no
 *  lock and no snapshot (an empty transaction takes neither). A function the statement calls
 *  cannot make its own transaction read-write (PostgreSQL refuses once a query has run), and
 *  setting default_transaction_read_only changes nothing here: every transaction begins READ ONLY
 *  explicitly. The session is closed, never handed back to the pool (its settings are ours). */
class ReadSession {
  readonly client: PoolClient;
  /** The statements in order; never rejects (a failure is kept in `broken`). */
  private tail: Promise<unknown>;
  private broken: unknown;

  constructor(client: PoolClient) {
    this.client = client;
    // Idle between questions on purpose (holding nothing): not a forgotten session to end.
    this.tail = this.step(`SET idle_in_transaction_session_timeout = 0; BEGIN TRANSACTION READ ONLY`);
  }

  private step(sql: string): Promise<unknown> {
    return this.client.query(sql).catch((e: unknown) => { this.broken ??= e; });
  }

  /** False when the session failed (a lost connection, a refused BEGIN): the caller opens another. */
  async usable(): Promise<boolean> {
    await this.tail;
    return this.broken === undefined;
  }

  run(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]> {
    const answer = this.tail.then(() => {
      if (this.broken !== undefined) throw this.broken;
      return this.client.query(sql, params);
    });
    this.tail = answer.then(
      () => this.step('COMMIT; BEGIN TRANSACTION READ ONLY'),
      () => this.broken === undefined ? this.step('ROLLBACK; BEGIN TRANSACTION READ ONLY') : undefined,
    );
    return answer.then((r) => r.rows);
  }
}

class PgTransaction implements WriteTransaction {
  private readonly driver: PostgresDriver;
  readonly client: PoolClient;
  /** The COPY still open for the table being written, and that table. */
  private copy: { key: string; stream: CopyStream; table: string } | undefined;
  /** What was sent to the client without waiting, in order (the client runs one statement at a
   *  time): COPYs once ended, rebuilds of keys and FKs (tableDone). Settles when all is done;
   *  the next COPY is sent after it and takes its rows meanwhile (up to COPY_BUFFER). */
  private tail: Promise<void> = Promise.resolve();
  /** The first of those that failed, as the run reports it: thrown by whatever comes next. */
  private failed: unknown;
  /** The table of the statement sent last (a COPY, a rebuild, an UPDATE), for activity(). */
  private sentFor: string | undefined;
  private readonly done: () => void;
  /** Tables written, by qualified name: the columns given values (for the sequences at COMMIT). */
  private readonly written = new Map<string, WrittenTable & { name: string }>();
  /** Sequences moved at COMMIT (setval is not rolled back): put back if the COMMIT fails. */
  private moved: SequenceMove[] = [];
  /** Written since sequences were last advanced (before a table with an INSERT trigger). */
  private unadvanced = new Set<string>();
  private open = true;
  /** FKs dropped for a bulk load (pg-bulk-fks.ts), added back at tableDone or by verify. */
  droppedFks: DroppedFk[] = [];
  /** Triggers of the run's own that keep generated keys (dropped before COMMIT). */
  keyGuards: KeyGuard[] = [];
  /** Keys and indexes dropped for a bulk load (pg-bulk-indexes.ts), rebuilt at tableDone, by
   *  verify, or before a table's UPDATEs; `resetTablespace` follows their restore statements. */
  droppedIndexes: DroppedIndex[] = [];
  resetTablespace = '';
  /** Those drops (begin), until startBulk sends them. */
  bulkSetup: (() => Promise<void>) | undefined;

  constructor(driver: PostgresDriver, client: PoolClient, done: () => void) {
    this.driver = driver;
    this.client = client;
    this.done = done;
  }

  async insert(table: TableInfo, columns: string[], rows: unknown[][]): Promise<void> {
    if (rows.length) await this.insertEncoded(table, columns, encodeRows('postgresql', columns.length, rows));
  }

  async insertEncoded(table: TableInfo, columns: string[], rows: EncodedRows): Promise<void> {
    if (rows.kind !== 'copy') throw new Error(`PostgreSQL cannot write ${rows.kind} rows`);
    if (!rows.count) return;
    this.check();
    const ref = this.driver.refOf(table);
    // The engine's keys are past what the sequences hand out until COMMIT advances them: a
    // trigger's own INSERT into a table written before would take a key already used. So they
    // are advanced first (behind the COPYs sent, without waiting), gated on such a trigger.
    if (this.unadvanced.size && !this.unadvanced.has(ref) && this.driver.firesOnInsert(table.name)) {
      const tables = [...this.unadvanced];
      this.unadvanced = new Set();
      void this.send(() => advanceSequences(this.client, tables), (e) => pgWriteError(this.driver.target, e, table.name));
    }
    const w = this.written.get(ref) ?? { ref, name: table.name, columns: new Set<string>() };
    this.written.set(ref, w);
    for (const c of columns) w.columns.add(c);
    this.unadvanced.add(ref);
    // COPY writes identity columns' values even when GENERATED ALWAYS (like OVERRIDING SYSTEM VALUE).
    const target = columns.length ? `${ref} (${columns.map(quoteIdent).join(', ')})` : ref; // a table of no columns: empty lines are its rows
    if (this.copy && this.copy.key !== target) this.endCopy();
    this.copy ??= { key: target, table: table.name, stream: new CopyStream(this.client, target, { buffer: COPY_BUFFER, after: this.tail.then(() => this.check()), onSend: () => { this.sentFor = table.name; } }) };
    try {
      for (const text of rows.text) await this.copy.stream.write(text);
    } catch (e) {
      const t = this.copy.table;
      this.copy = undefined;
      // Not sent, or refused, after a rebuild that failed: the rebuild's error is the one.
      await this.settle();
      throw await this.driver.explained(pgWriteError(this.driver.target, e, t), this.client);
    }
  }

  /** Ends the open COPY without waiting for the server to take its last rows. */
  private endCopy(): void {
    const c = this.copy;
    if (!c) return;
    this.copy = undefined;
    const end = c.stream.end();
    this.tail = end.then(() => {}, async (e) => { this.failed ??= await this.driver.explained(pgWriteError(this.driver.target, e, c.table), this.client); });
  }

  /** Sends `work` after what was sent before (the open COPY ended first); keeps its failure,
   *  mapped by `error`, for settle(). Skipped once something failed. */
  private send(work: () => Promise<unknown>, error: (e: unknown) => unknown): Promise<void> {
    this.endCopy();
    this.tail = this.tail.then(async () => {
      if (this.failed) return;
      try {
        await work();
      } catch (e) {
        this.failed ??= await this.driver.explained(error(e), this.client);
      }
    });
    return this.tail;
  }

  private check(): void {
    if (this.failed) throw this.failed;
  }

  /** What the server says the run's session is doing, and the table of the statement it was
   *  sent last (a run that makes no progress reports it, write/stall-watch.ts). */
  async activity(waitMs: number): Promise<TransactionActivity> {
    const pid = (this.client as { processID?: number }).processID;
    const session = pid ? await this.driver.activity(pid, waitMs) : undefined;
    return { table: this.sentFor, session, unanswered: !session };
  }

  /** The run was cancelled: every later call fails, so that nothing but ROLLBACK follows. */
  cancelled(): void {
    this.failed ??= cancelledError(CANCELLED);
  }

  /** Waits for everything sent; throws the first failure. */
  private async settle(): Promise<void> {
    await this.tail;
    this.check();
  }

  /** Ends the open COPY and waits for all sent before; its rows are then in the table (or the
   *  first error is thrown, naming its table). */
  async flush(): Promise<void> {
    this.endCopy();
    await this.settle();
  }

  /** The bulk load's drops go out now, behind the run's reads and ahead of its rows: the first
   *  rows are made meanwhile (they waited ≈25 ms for a dozen round trips). Everything sent later
   *  comes after them; what is rebuilt and when is decided in turn (tableDone). */
  startBulk(): void {
    const setup = this.bulkSetup;
    this.bulkSetup = undefined;
    if (setup) void this.send(setup, (e) => pgWriteError(this.driver.target, e));
  }

  /** The client's replies are handled on this thread's event loop (driver.ts). */
  readonly ioOnThisThread = true;

  /** The table's COPY ends now: the server finishes it while the next table is made. */
  tableWritten(): void {
    this.endCopy();
  }

  /** `table` is loaded (run.ts: every row sent, its parents loaded before): its keys and indexes
   *  are built now, and its FKs whose parents' keys are back added, in one statement list sent
   *  behind its COPY, while the next tables' rows are made. */
  async tableDone(table: TableInfo): Promise<void> {
    this.check();
    const ref = this.driver.refOf(table);
    return this.restore(() => {
      const keys = this.droppedIndexes.filter((d) => d.display === table.name);
      this.droppedIndexes = this.droppedIndexes.filter((d) => d.display !== table.name);
      const pending = new Set(this.droppedIndexes.map((d) => d.table));
      const fks = this.droppedFks.filter((f) => f.ref === ref && !pending.has(f.parent));
      this.droppedFks = this.droppedFks.filter((f) => !fks.includes(f));
      return { keys, fks };
    }, table.name);
  }

  /** Sends the statements that put back the keys then the FKs `pick` chooses, as one query, once
   *  what was sent before is done (the bulk setup's drops among it); a failure names its table. */
  private restore(pick: () => { keys: DroppedIndex[]; fks: DroppedFk[] }, table?: string): Promise<void> {
    let keys: DroppedIndex[] = [];
    return this.send(async () => {
      const chosen = pick();
      keys = chosen.keys;
      const sql = [...indexRestoreSql(chosen.keys, this.resetTablespace), ...fkRestoreSql(chosen.fks)].join(';\n');
      if (!sql) return;
      this.sentFor = table;
      await this.client.query(sql);
    }, (e) => {
      const err = rebuildError(e, keys);
      return pgWriteError(this.driver.target, err, err instanceof DuplicateKey ? err.display : (err as { table?: string }).table ?? table);
    });
  }

  async update(table: TableInfo, keyColumns: string[], setColumns: string[], rows: unknown[][]): Promise<void> {
    // Values the engine's key ranges do not cover: probed at COMMIT.
    const w = this.written.get(this.driver.refOf(table));
    if (w) w.probeAll = true;
    await this.flush();
    // Row-by-row UPDATEs look their rows up by key: the table's keys are built first.
    const keys = this.droppedIndexes.filter((d) => d.display === table.name);
    if (keys.length) {
      this.droppedIndexes = this.droppedIndexes.filter((d) => !keys.includes(d));
      void this.restore(() => ({ keys, fks: [] }), table.name);
      await this.settle();
    }
    const ref = this.driver.refOf(table);
    this.sentFor = table.name;
    try {
      const batch = batchUpdateSql(ref, keyColumns, setColumns);
      for (let i = 0; i < rows.length; i += UPDATE_BATCH) {
        const part = rows.slice(i, i + UPDATE_BATCH);
        // In a savepoint: a value or type the JSON path cannot take (a data exception, class 22,
        // or a type error, 42) goes the row-by-row way instead. Anything else — a constraint,
        // a cancel, a lost connection — fails the run as a row-by-row UPDATE would.
        await this.client.query('SAVEPOINT seedbed_update');
        try {
          await this.client.query(batch, [batchUpdateJson(keyColumns, setColumns, part)]);
          await this.client.query('RELEASE SAVEPOINT seedbed_update');
        } catch (e) {
          if (!/^(22|42)/.test(String((e as { code?: string }).code))) throw e;
          await this.client.query('ROLLBACK TO SAVEPOINT seedbed_update; RELEASE SAVEPOINT seedbed_update');
          await this.updateRowByRow(ref, keyColumns, setColumns, part);
        }
      }
    } catch (e) {
      throw pgWriteError(this.driver.target, e, table.name);
    }
  }

  private async updateRowByRow(ref: string, keyColumns: string[], setColumns: string[], rows: unknown[][]): Promise<void> {
    // Parameters take their column's type (PostgreSQL infers it), so no casts are spelled out.
    const k = keyColumns.length;
    const s = setColumns.length;
    const sql = `UPDATE ${ref} SET ${setColumns.map((c, i) => `${quoteIdent(c)} = $${i + 1}`).join(', ')} WHERE ${keyColumns
      .map((c, i) => `${quoteIdent(c)} = $${s + i + 1}`).join(' AND ')}`;
    for (const row of rows) await this.client.query(sql, [...row.slice(k), ...row.slice(0, k)].map(param));
  }

  async execute(sql: string, params?: unknown[]): Promise<number> {
    await this.flush();
    this.sentFor = undefined;
    const r = await this.client.query(sql, params?.map(param));
    return r.rowCount ?? 0;
  }

  async verify(): Promise<void> {
    await this.flush();
    // Keys first: the FKs added back need the keys they reference.
    const all = { keys: this.droppedIndexes, fks: this.droppedFks };
    this.droppedIndexes = [];
    this.droppedFks = [];
    void this.restore(() => all);
    await this.settle();
  }

  keysWritten(keys: WrittenKeys[]): void {
    const byName = new Map([...this.written.values()].map((w) => [w.name, w]));
    for (const k of keys) {
      const w = byName.get(k.table);
      if (w) (w.keys ??= []).push(k);
    }
  }

  async commit(): Promise<void> {
    if (!this.open) return;
    try {
      await this.flush();
      await removeKeyGuards(this.client, this.keyGuards);
      // Sequences last (pg-sequences.ts): what fails after them (a deferred check at COMMIT) puts them back, below.
      // A trigger may write keys of its own anywhere: then every written column is probed.
      const triggered = [...this.written.values()].some((w) => this.driver.firesOnWrite(w.name));
      await moveSequences(this.client, [...this.written.values()].map((w) => (triggered ? { ...w, probeAll: true } : w)), this.moved);
      await this.client.query('COMMIT');
    } catch (e) {
      const ended = await this.client.query('ROLLBACK').then(() => true, () => false);
      // Only once the server said the transaction is gone: after a lost connection the COMMIT may
      // have been done, and its sequences must stay.
      if (ended && this.moved.length) await restoreSequences(this.client, this.moved).catch(() => {});
      this.finish(!ended);
      throw pgWriteError(this.driver.target, e);
    }
    this.finish();
  }

  async rollback(): Promise<void> {
    if (!this.open) return;
    let ended = false;
    try {
      await this.flush().catch(() => {}); // the COPY must end before ROLLBACK can be sent
      await this.client.query('ROLLBACK');
      ended = true;
    } finally {
      this.finish(!ended);
    }
  }

  /** Gives the session back; one whose transaction may still be open (a ROLLBACK that failed: a
   *  cancel request that came late, a lost connection) is closed instead, never reused. */
  private finish(broken = false): void {
    this.open = false;
    this.done();
    this.client.release(broken || undefined);
  }
}

/** Waits for `p` (its failure ignored), at most `ms`. */
async function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([p.catch(() => {}), new Promise<void>((r) => { timer = setTimeout(r, ms); })]);
  clearTimeout(timer);
}

/** Bound parameters: pg sends JS arrays and Buffers itself; booleans and the rest as PostgreSQL text. */
function param(v: unknown): unknown {
  if (v === undefined) return null;
  return v;
}
