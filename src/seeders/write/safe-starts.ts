import type { Driver } from '../driver.ts';
import type { TableInfo } from '../schema/model.ts';

// A table whose rows already carry keys past 2^53 (Discord/Twitter/Mastodon snowflakes: ids near
// 1.1e18) cannot continue after its largest key: the engine counts keys in doubles, which there
// round onto the existing keys ("UNIQUE constraint failed"), and 2^63 − 1 leaves no room at all.
// Such a sequence starts instead after the largest key below 2^53, when the range it needs there
// is free.

const SAFE = Number.MAX_SAFE_INTEGER;

/** The start for a sequence of `count` keys whose table's largest key is `max`: max + 1 when that
 *  stays exact, else a free range below 2^53 (undefined when there is none: max + 1 as before). */
export async function safeStart(driver: Driver, table: TableInfo, column: string, max: number, count: number, start: number): Promise<number | undefined> {
  if (max + count < SAFE || !driver.query) return undefined;
  const q = driver.quoteColumn ? driver.quoteColumn(column) : `"${column.replaceAll('"', '""')}"`;
  const t = driver.quoteTable ? driver.quoteTable(table.name) : `"${table.name.replaceAll('"', '""')}"`;
  const below = await driver.query(`SELECT max(${q}) AS m FROM ${t} WHERE typeof(${q}) = 'integer' AND ${q} < ${SAFE - count}`);
  const from = Math.max(Number(below[0]?.m ?? 0) + 1, start);
  const taken = await driver.query(`SELECT count(*) AS n FROM ${t} WHERE ${q} BETWEEN ${from} AND ${from + count - 1}`);
  return Number(taken[0]?.n ?? 0) === 0 ? from : undefined;
}
