import type { Driver } from '../driver.ts';
import { SeedbedError } from '../errors.ts';
import { orderTables } from '../plan/graph.ts';
import { filledTables } from '../plan/filled.ts';
import { reaches } from '../schema/fk-graph.ts';
import { mismatchedParents } from '../schema/fk-mismatch.ts';
import type { SchemaInfo, TableInfo } from '../schema/model.ts';
import { suspendDeleteGuards } from './delete-guards.ts';
import { selfLoopDelete } from './undo-cycles.ts';
import { listRuns, markUndone, runKeys, undoableRuns, type InsertedKeys } from './ledger.ts';
import { ftsCommand, indexesToRebuild } from '../drivers/sqlite-fts.ts';
import { nameRecord, own } from '../own.ts';

// `undo [RUN]`: deletes exactly the rows a run inserted, children first, in one transaction.
// A row of the run that a later row (another run's, or the application's) still references is
// kept, so undo never leaves an orphan and never deletes a row it did not insert. Rows of a table
// that insert triggers fill (a history, a counter row) referencing a row of the run that feeds
// them (a trigger's table, or a parent of one) are the run's too, whatever their key: they go
// just before the row they reference.

export interface UndoResult {
  runId: number;
  deleted: Record<string, number>;
  /** Rows of the run kept because rows outside it still reference them. */
  kept: Record<string, number>;
  /** Rows of the run found already deleted (a clear, the application), per table. */
  gone: Record<string, number>;
  /** Every row of the run was already gone: nothing was deleted, the run is now marked `cleared`. */
  alreadyCleared?: boolean;
  /** Rows of the run left in tables with no key to find them by (PostgreSQL tables without a
   *  primary or unique key: the ledger could not record which rows were the run's). */
  unkeyed?: Record<string, number>;
}

export async function undoRun(driver: Driver, schema: SchemaInfo, runId?: number): Promise<UndoResult> {
  const runs = await listRuns(driver);
  const committed = undoableRuns(runs);
  // With none left to undo, the last run says why (undone, cleared since).
  const run = runId === undefined ? committed.at(-1) ?? runs.at(-1) : runs.find((r) => r.id === runId);
  if (!run) {
    throw new SeedbedError('BAD_INPUT', runId === undefined ? 'There is no seed run to undo in this database.' : `There is no run ${runId} in this database.`, {
      fix: committed.length ? `Runs that can be undone: ${committed.map((r) => r.id).join(', ')}.` : 'Seed first; each seed run is recorded and can then be undone.',
    });
  }
  if (run.status !== 'committed' || run.rows === 0) {
    const why = run.status === 'undone' ? 'was already undone' : run.status === 'cleared' ? 'has no rows left: its tables were cleared since' : 'added no rows';
    // Not an error to fix: the database already is as the undo would leave it.
    throw new SeedbedError('BAD_INPUT', `Run ${run.id} ${why}; there is nothing to undo.`, {
      fix: committed.length ? `Runs that can be undone: ${committed.map((r) => r.id).join(', ')} (see \`seedbed runs\`).` : 'None needed: no run of this database has rows left to undo (`seedbed runs` lists them).',
    });
  }
  const keys = await runKeys(driver, run.id);
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  const involved = keys.filter((k) => byName.has(k.table));
  const ordering = orderTables(involved.map((k) => byName.get(k.table)!));
  const order = ordering.order.reverse();
  const result: UndoResult = { runId: run.id, deleted: nameRecord(), kept: nameRecord(), gone: nameRecord() };
  const runKeysOf = new Map(involved.map((k) => [k.table, k]));
  for (const [name, n] of Object.entries(run.tables)) {
    if (n > 0 && byName.has(name) && !runKeysOf.has(name)) (result.unkeyed ??= nameRecord())[name] = n;
  }
  const position = new Map(order.map((n, i) => [n, i]));
  // A NOT NULL cycle that cannot be deferred is undone as it was seeded: its closing FK dropped
  // for the transaction and added back (checked) before COMMIT.
  // SQLite prepares no DELETE of a parent of a key it calls a "foreign key mismatch" while it
  // enforces foreign keys: that undo runs without (its statements keep every referenced row).
  const mismatched = driver.dialect === 'sqlite' && mismatchedParents(schema.tables).some((t) => runKeysOf.has(t));
  const tx = await driver.begin(undefined, ordering.blocked.map((e) => ({ table: e.child, name: e.fk.name, columns: e.fk.columns, refTable: e.parent })), mismatched ? { foreignKeysOff: true } : undefined);
  try {
    // The run's rows still there (a clear may have deleted them all): what is neither deleted
    // nor there any more is gone, not kept.
    const present = new Map<string, number>();
    for (const name of order) {
      let n = 0;
      for (const part of chunks(runKeysOf.get(name)!)) {
        const { sql, params } = countSql(driver, byName.get(name)!, part);
        n += Number((tx.query ? await tx.query(sql, params) : await driver.query!(sql, params))[0]?.n ?? 0);
      }
      present.set(name, n);
    }
    if ([...present.values()].every((n) => n === 0)) {
      for (const name of order) result.gone[name] = recorded(own(run.tables, name), runKeysOf.get(name)!);
      result.alreadyCleared = true;
      await markUndone(tx, driver, run.id, 'cleared');
      await tx.commit();
      return result;
    }
    // An append-only table's delete guard does not apply to the run's own rows (delete-guards.ts).
    const restoreGuards = await suspendDeleteGuards(driver, tx, schema, order);
    // Cycles: a nullable edge pointing at a table deleted earlier is cut first (run rows only).
    for (const name of order) {
      const table = byName.get(name)!;
      for (const fk of table.foreignKeys) {
        if (!fk.nullable || fk.refTable === name || (position.get(fk.refTable) ?? Infinity) > position.get(name)!) continue;
        for (const part of chunks(runKeysOf.get(name)!)) {
          const { sql, params } = cutSql(driver, table, part, fk.columns);
          await tx.execute!(sql, params);
        }
      }
    }
    // Children first; repeat until nothing more goes, so trees (self-references) and rows
    // freed by an earlier pass are deleted leaf by leaf.
    for (const name of order) result.deleted[name] = 0;
    const made = triggerMade(schema, runKeysOf);
    for (let pass = 0, changed = true; changed && pass < 100; pass++) {
      changed = false;
      const pending = new Map(runKeysOf);
      for (const name of order) {
        const table = byName.get(name)!;
        pending.delete(name);
        const children = schema.tables.flatMap((t) => t.foreignKeys.filter((fk) => fk.refTable === name).map((fk) => ({ child: t, fk, later: fk.nullable ? undefined : pending.get(t.name) })));
        // The rows of a kept row stay with it: only those of rows nothing else holds go first.
        const others = children.filter((c) => !made.get(c.child.name)?.has(name));
        for (const { child, fk } of children) {
          if (!made.get(child.name)?.has(name)) continue;
          const grand = schema.tables.flatMap((t) => t.foreignKeys.filter((f) => f.refTable === child.name).map((f) => ({ child: t, fk: f })));
          for (const part of chunks(runKeysOf.get(name)!)) {
            const { sql, params } = madeDeleteSql(driver, child, fk, table, part, grand, others);
            const n = await tx.execute!(sql, params);
            if (n) { result.deleted[child.name] = (result.deleted[child.name] ?? 0) + n; changed = true; }
          }
        }
        for (const part of chunks(runKeysOf.get(name)!)) {
          const { sql, params } = deleteSql(driver, table, part, children);
          const n = await tx.execute!(sql, params);
          result.deleted[name] += n;
          if (n) changed = true;
        }
      }
    }
    // Loops of a NOT NULL self-reference have no leaf to start from (undo-cycles.ts).
    for (const name of order) {
      const table = byName.get(name)!;
      const k = runKeysOf.get(name)!;
      if (!table.foreignKeys.some((f) => f.refTable === name && !f.nullable) || (!k.range && (k.keys?.length ?? 0) > 2000)) continue;
      const referencing = schema.tables.flatMap((t) => t.foreignKeys.filter((fk) => fk.refTable === name).map((fk) => ({ child: t, fk })));
      const del = selfLoopDelete(driver, table, k, referencing);
      if (del) result.deleted[name] += await tx.execute!(del.sql, del.params);
    }
    for (const name of order) {
      const total = recorded(own(run.tables, name), runKeysOf.get(name)!);
      const there = present.get(name)!;
      // Counted again: the schema's own triggers and ON DELETE CASCADE may have deleted run rows
      // the statements above kept (a calendar's events go with it), which are not kept then.
      let left = 0;
      if (there > result.deleted[name]) {
        for (const part of chunks(runKeysOf.get(name)!)) {
          const { sql, params } = countSql(driver, byName.get(name)!, part);
          left += Number((tx.query ? await tx.query(sql, params) : await driver.query!(sql, params))[0]?.n ?? 0);
        }
      }
      result.deleted[name] = there - left;
      if (left) result.kept[name] = left;
      if (total > there) result.gone[name] = total - there;
    }
    // External-content FTS indexes follow their content tables (SQLite).
    if (driver.dialect === 'sqlite') {
      for (const t of indexesToRebuild(schema, order.filter((n) => result.deleted[n] > 0))) await tx.execute!(ftsCommand(t, 'rebuild'));
    }
    await restoreGuards();
    await tx.verify?.();
    await markUndone(tx, driver, run.id);
    await tx.commit();
  } catch (e) {
    await tx.rollback();
    if (e instanceof SeedbedError) throw e;
    throw new SeedbedError('WRITE_FAILED', `Undo of run ${run.id} failed and was rolled back: ${(e as Error).message}`, { cause: e });
  }
  return result;
}

/** Rows the run recorded for a table (tables its triggers filled have keys but no count). */
const recorded = (count: number | undefined, k: InsertedKeys): number =>
  k.range ? Math.max(count ?? 0, k.range.hi - k.range.lo + 1) : (k.keys?.length ?? 0);

function* chunks(k: InsertedKeys): Generator<InsertedKeys> {
  if (k.range) { yield k; return; }
  // Last chunk first: self-references point at earlier rows, so children go before parents.
  const keys = k.keys ?? [];
  for (let i = Math.floor((keys.length - 1) / 500) * 500; i >= 0; i -= 500) yield { ...k, keys: keys.slice(i, i + 500) };
}

/** DELETE of one key chunk, keeping rows that rows outside the chunk still reference. */
type Child = { child: TableInfo; fk: TableInfo['foreignKeys'][number]; later?: InsertedKeys };

/** SQL text helpers bound to one statement's parameter list. */
function builder(driver: Driver) {
  const params: unknown[] = [];
  const qc = (c: string) => driver.quoteColumn!(c);
  const ph = (v: unknown) => { params.push(v); return driver.placeholder!(params.length); };
  const inSet = (k: InsertedKeys, alias: string): string => {
    const col = (c: string) => `${alias}.${qc(c)}`;
    if (k.range) return `${col(k.columns[0])} BETWEEN ${ph(k.range.lo)} AND ${ph(k.range.hi)}`;
    const keys = k.keys!;
    if (k.columns.length === 1) return `${col(k.columns[0])} IN (${keys.map((t) => ph(t[0])).join(', ')})`;
    // OR of ANDs rather than a row-value IN (VALUES …): PostgreSQL types each parameter from
    // the column it is compared with, where VALUES would make them all text.
    return `(${keys.map((t) => `(${k.columns.map((c, j) => `${col(c)} = ${ph(t[j])}`).join(' AND ')})`).join(' OR ')})`;
  };
  return { params, qc, inSet, qt: (t: string) => driver.quoteTable!(t) };
}

/** DELETE of one key chunk, keeping rows that rows outside the run still reference. */
function deleteSql(driver: Driver, table: TableInfo, k: InsertedKeys, children: Child[]) {
  const { params, qc, inSet, qt } = builder(driver);
  const self = qt(table.name);
  const guards = children.map(({ child, fk, later }, i) => {
    const alias = `c${i}`;
    const join = fk.columns.map((c, j) => `${alias}.${qc(c)} = ${self}.${qc(fk.refColumns[j])}`).join(' AND ');
    // Only a NOT NULL cycle edge (checked at commit) needs this: its rows go in the same pass.
    let exclude = '';
    if (later && child.name !== table.name && (later.range || (later.keys?.length ?? 0) <= 2000)) exclude = ` AND NOT (${inSet(later, alias)})`;
    return ` AND NOT EXISTS (SELECT 1 FROM ${qt(child.name)} ${alias} WHERE ${join}${exclude})`;
  });
  return { sql: `DELETE FROM ${self} WHERE ${inSet(k, self)}${guards.join('')}`, params };
}

/** Tables the schema's insert triggers fill whose rows the ledger has no keys for (keys that are
 *  no integer), each with the tables feeding it (its triggers' tables and their parents): its rows
 *  referencing the run's rows of those are removed with them. */
function triggerMade(schema: SchemaInfo, runKeysOf: Map<string, InsertedKeys>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (!schema.triggers?.length) return out;
  const parents = new Map(schema.tables.map((t) => [t.name, t.foreignKeys.map((f) => f.refTable)]));
  for (const [t, f] of filledTables(schema)) {
    if (f.how !== 'trigger' || runKeysOf.has(t)) continue;
    out.set(t, new Set([...runKeysOf.keys()].filter((r) => f.sources.some((s) => reaches((x) => parents.get(x) ?? [], s, r)))));
  }
  return out;
}

/** DELETE of a trigger-filled table's rows that reference one key chunk of `parent` through
 *  `fk`, keeping those that other rows still reference. */
function madeDeleteSql(driver: Driver, made: TableInfo, fk: TableInfo['foreignKeys'][number], parent: TableInfo, k: InsertedKeys, children: Child[], parentChildren: Child[]) {
  const { params, qc, inSet, qt } = builder(driver);
  const self = qt(made.name);
  const join = fk.columns.map((c, j) => `p.${qc(fk.refColumns[j])} = ${self}.${qc(c)}`).join(' AND ');
  const held = (list: Child[], of: string, prefix: string) => list.map(({ child, fk: f, later }, i) => {
    const alias = `${prefix}${i}`;
    const exclude = later && child.name !== parent.name && prefix === 'q' && (later.range || (later.keys?.length ?? 0) <= 2000) ? ` AND NOT (${inSet(later, alias)})` : '';
    return ` AND NOT EXISTS (SELECT 1 FROM ${qt(child.name)} ${alias} WHERE ${f.columns.map((c, j) => `${alias}.${qc(c)} = ${of}.${qc(f.refColumns[j])}`).join(' AND ')}${exclude})`;
  }).join('');
  return { sql: `DELETE FROM ${self} WHERE EXISTS (SELECT 1 FROM ${qt(parent.name)} p WHERE ${join} AND ${inSet(k, 'p')}${held(parentChildren, 'p', 'q')})${held(children, self, 'c')}`, params };
}

/** Counts the run's rows of one key chunk still in the table. */
function countSql(driver: Driver, table: TableInfo, k: InsertedKeys) {
  const { params, inSet, qt } = builder(driver);
  const self = qt(table.name);
  return { sql: `SELECT count(*) AS n FROM ${self} WHERE ${inSet(k, self)}`, params };
}

/** Sets a nullable cycle edge to NULL on the run's rows of a table. */
function cutSql(driver: Driver, table: TableInfo, k: InsertedKeys, columns: string[]) {
  const { params, qc, inSet, qt } = builder(driver);
  const self = qt(table.name);
  return { sql: `UPDATE ${self} SET ${columns.map((c) => `${qc(c)} = NULL`).join(', ')} WHERE ${inSet(k, self)}`, params };
}
