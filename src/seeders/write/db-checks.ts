import type { Driver, WriteTransaction } from '../driver.ts';
import { pgText } from '../drivers/pg-text.ts';
import type { DbCheckFailure } from '../generate/table.ts';
import type { TableInfo } from '../schema/model.ts';

// CHECKs the engine cannot evaluate (the schema's own functions, date_trunc, operators from
// extensions, expressions it cannot read) are asked of the database itself: one SELECT per
// batch of candidate rows, inside the run's transaction, with the values bound as parameters
// and the CHECK expressions as the database has them, evaluated over those rows:
//   PostgreSQL: json_populate_record(NULL::table, row) gives each row the table's own column
//     types, so expressions see what an INSERT would store;
//   SQLite: a VALUES list named after the table's columns (SQLite has no row types).
// The answer is the rows where a CHECK is false; the generator draws those again.

const N = 'seedbed n';
const R = 'seedbed r';
/** SQLite's bound-parameter limit (SQLITE_MAX_VARIABLE_NUMBER since 3.32). */
const SQLITE_MAX_PARAMS = 32766;

type Query = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export async function checkRows(
  driver: Driver, tx: WriteTransaction, table: TableInfo, checks: string[], columns: string[], rows: unknown[][],
): Promise<DbCheckFailure[]> {
  if (!rows.length) return [];
  const query: Query = tx.query ? (sql, p) => tx.query!(sql, p) : (sql, p) => driver.query!(sql, p);
  const qc = (c: string) => driver.quoteColumn!(c);
  const verdicts = checks.map((c, k) => `(${c}) IS NOT FALSE AS ${qc(`seedbed k${k}`)}`).join(', ');
  const failing = `NOT (${checks.map((c) => `(${c}) IS NOT FALSE`).join(' AND ')})`;
  const alias = qc(table.localName ?? table.name);
  let ask: (part: unknown[][], offset: number) => Promise<Record<string, unknown>[]>;
  if (driver.dialect === 'postgresql') {
    const json = new Set(table.columns.filter((c) => c.kind === 'json').map((c) => c.name));
    const record = await recordOf(query, table, driver.quoteTable!(table.name), columns, qc);
    const sql = `SELECT e.${qc(N)} AS n, ${verdicts} FROM json_array_elements($1::json) WITH ORDINALITY AS e(${qc(R)}, ${qc(N)}), `
      + `${record(`e.${qc(R)}`)} AS ${alias}${record.columns ?? ''} WHERE ${failing}`;
    const param = (part: unknown[][]) => JSON.stringify(part.map((row) => Object.fromEntries(columns.map((c, k) => [c, jsonValue(row[k], json.has(c))]))));
    // An error (a function raising on a value) would abort the run's transaction: a savepoint.
    // Reads outside any transaction (a dry run, an export) need none.
    ask = tx.readsOutside ? async (part) => {
      try {
        // A dry run or an export writes nothing, not even what a CHECK's function would.
        return await (driver.readOnly ? driver.readOnly((q) => q(sql, [param(part)])) : query(sql, [param(part)]));
      } catch (e) {
        throw new QueryError(e);
      }
    } : async (part) => {
      await tx.execute!('SAVEPOINT seedbed_check');
      try {
        const out = await query(sql, [param(part)]);
        await tx.execute!('RELEASE SAVEPOINT seedbed_check');
        return out;
      } catch (e) {
        await tx.execute!('ROLLBACK TO SAVEPOINT seedbed_check');
        throw new QueryError(e);
      }
    };
  } else {
    ask = async (part) => {
      const values = part.map(() => `(${['?', ...columns.map(() => '?')].join(', ')})`).join(', ');
      const sql = `WITH ${alias}(${[N, ...columns].map(qc).join(', ')}) AS (VALUES ${values}) SELECT ${qc(N)} AS n, ${verdicts} FROM ${alias} WHERE ${failing}`;
      try {
        return await query(sql, part.flatMap((row, k) => [k + 1, ...row]));
      } catch (e) {
        throw new QueryError(e);
      }
    };
  }
  const per = driver.dialect === 'postgresql' ? rows.length : Math.max(1, Math.floor(SQLITE_MAX_PARAMS / (columns.length + 1)));
  const out: DbCheckFailure[] = [];
  for (let start = 0; start < rows.length; start += per) {
    const part = rows.slice(start, start + per);
    let found: DbCheckFailure[];
    try {
      found = verdictsOf(await ask(part, start), checks.length);
    } catch (e) {
      // Not the check's own failure (an earlier write's error surfacing): the run fails.
      if (!(e instanceof QueryError)) throw e;
      // One row raised an error: ask row by row, and count the rows that raise as failing.
      found = [];
      for (let k = 0; k < part.length; k++) {
        try {
          found.push(...verdictsOf(await ask([part[k]], start + k), checks.length).map((f) => ({ ...f, row: k })));
        } catch (x) {
          if (!(x instanceof QueryError)) throw x;
          found.push({ row: k, check: 0, error: x.message });
        }
      }
    }
    for (const f of found) out.push({ ...f, row: f.row + start });
  }
  return out;
}

type RecordOf = ((json: string) => string) & { columns?: string };
const domainColumns = new WeakMap<TableInfo, Promise<{ name: string; type: string; base: string; notNull: boolean }[]>>();

/** How the query makes a row of the table from its JSON: json_populate_record over the table's
 *  row type; but a column of a NOT NULL domain (AdventureWorks' "Flag") the run leaves to its
 *  DEFAULT would be NULL there, which the domain refuses ("domain … does not allow null
 *  values"): then json_to_record, that column read as the domain's base type. One catalogue
 *  read per table (as read for this run). */
async function recordOf(query: Query, table: TableInfo, ref: string, columns: string[], qc: (c: string) => string): Promise<RecordOf> {
  let types = domainColumns.get(table);
  if (!types) {
    domainColumns.set(table, types = query(`
      SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, format_type(t.typbasetype, t.typtypmod) AS base, t.typtype = 'd' AND t.typnotnull AS "notNull"
      FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`, [ref])
      .then((r) => r.map((x) => ({ name: String(x.name), type: String(x.type), base: String(x.base), notNull: x.notNull === true })), () => []));
  }
  const all = await types;
  const given = new Set(columns);
  if (!all.some((c) => c.notNull && !given.has(c.name))) return (json) => `json_populate_record(NULL::${ref}, ${json})`;
  const out: RecordOf = (json) => `json_to_record(${json})`;
  out.columns = `(${all.map((c) => `${qc(c.name)} ${c.notNull && !given.has(c.name) ? c.base : c.type}`).join(', ')})`;
  return out;
}

/** The check query itself failed (a function raised on some value). */
class QueryError extends Error {
  constructor(cause: unknown) {
    super((cause as Error).message ?? String(cause));
  }
}

/** Failing rows (0-based, within the part) and the first CHECK each one fails. */
function verdictsOf(result: Record<string, unknown>[], n: number): DbCheckFailure[] {
  return result.map((r) => {
    let check = 0;
    for (let k = 0; k < n; k++) if (!truthy(r[`seedbed k${k}`])) { check = k; break; }
    return { row: Number(r.n) - 1, check };
  });
}

const truthy = (v: unknown) => v === true || v === 1 || v === 't' || v === '1';

/** A value as json_populate_record reads it: JSON itself for json/jsonb columns, otherwise
 *  PostgreSQL's text input for the column's type (as COPY writes it). */
function jsonValue(v: unknown, isJson: boolean): unknown {
  if (v === null || v === undefined) return null;
  if (isJson) {
    if (typeof v !== 'string') return v;
    try { return JSON.parse(v); } catch { return v; }
  }
  return pgText(v);
}
