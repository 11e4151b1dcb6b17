import { walk, type Expr } from '../check/ast.ts';
import { parseCheck } from '../check/index.ts';
import { sqlText } from '../errors.ts';
import type { TableInfo } from '../schema/model.ts';

// CHECKs that read the clock, on SQLite:
// - date('now'), julianday('now'), strftime('%s', 'now'), datetime(x, 'localtime'), unixepoch()
//   (a date function asked for 'now', 'localtime' or 'utc', or given no time at all) make SQLite
//   refuse every row of the table ("non-deterministic use of date() in a CHECK constraint"):
//   such a table is left out at plan time, naming the CHECK and the fix;
// - CURRENT_DATE and CURRENT_TIMESTAMP are read as each row is written: the engine meets them
//   relative to the run's day. Each such CHECK is tested twice, with the clock at the start of
//   the run's day (UTC) and two days later, so a row meets it at any moment in between
//   (`expires_at > CURRENT_TIMESTAMP` takes dates after the later instant, `born_on <=
//   CURRENT_DATE` before the earlier one). Runs on one day give the same rows.

const DAY = 86_400_000;
const SQLITE_DATES = new Set(['date', 'time', 'datetime', 'julianday', 'unixepoch', 'strftime']);
const NOT_DETERMINISTIC = new Set(['now', 'localtime', 'utc']);
/** Clock reads other than the two pinned here (CURRENT_TIME wraps at midnight: left to the database). */
const OTHER_CLOCK = new Set(['current_time', 'now', 'localtimestamp', 'localtime', 'transaction_timestamp', 'statement_timestamp', 'clock_timestamp']);

/** The call in `e` SQLite refuses in a CHECK (`date('now')`), or undefined. */
export function refusedClockCall(e: Expr): string | undefined {
  let out: string | undefined;
  walk(e, (x) => {
    if (out || x.kind !== 'call' || !SQLITE_DATES.has(x.name)) return;
    const time = x.name === 'strftime' ? x.args.slice(1) : x.args;
    const word = x.args.find((a) => a.kind === 'lit' && typeof a.value === 'string' && NOT_DETERMINISTIC.has(a.value.trim().toLowerCase()));
    if (word || !time.length) out = `${x.name}(${x.args.map((a) => (a.kind === 'lit' && typeof a.value === 'string' ? `'${a.value.replaceAll("'", "''")}'` : '…')).join(', ')})`;
  });
  return out;
}

/** SQLite tables with a CHECK SQLite refuses every row for, and why. */
export function clockRefusedTables(tables: TableInfo[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of tables) {
    for (const c of t.checks) {
      if (c.database || c.trigger || !/now|localtime|utc|\(\s*\)/i.test(c.expression)) continue;
      let call: string | undefined;
      try { call = refusedClockCall(parseCheck(c.expression)); } catch { continue; }
      if (!call) continue;
      const fn = call.slice(0, call.indexOf('('));
      out.set(t.name, `its CHECK (${sqlText(c.expression)}) calls ${call}: SQLite refuses every row of it ("non-deterministic use of ${fn}() in a CHECK constraint"); compare with CURRENT_DATE or CURRENT_TIMESTAMP instead`);
      break;
    }
  }
  return out;
}

/** Two copies of a CHECK that reads CURRENT_DATE / CURRENT_TIMESTAMP (and no other clock), the
 *  clock read as the start of `now`'s day (UTC) and two days later; undefined for any other CHECK. */
export function pinnedClock(e: Expr, now: number): Expr[] | undefined {
  let pinned = false, other = false;
  walk(e, (x) => {
    if (x.kind !== 'call') return;
    if (x.name === 'current_date' || x.name === 'current_timestamp') pinned = true;
    else if (OTHER_CLOCK.has(x.name) || (SQLITE_DATES.has(x.name) && refusedClockCall(x))) other = true;
  });
  if (!pinned || other) return undefined;
  const day = Math.floor(now / DAY) * DAY;
  return [pin(e, day), pin(e, day + 2 * DAY)];
}

function pin(e: Expr, at: number): Expr {
  const copy = structuredClone(e);
  const iso = new Date(at).toISOString();
  walk(copy, (x) => {
    if (x.kind !== 'call' || (x.name !== 'current_date' && x.name !== 'current_timestamp')) return;
    const value = x.name === 'current_date' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
    // The call node becomes a literal in place (walk holds it through its parent).
    const node = x as Partial<Record<'name' | 'args', unknown>> & object;
    delete node.name;
    delete node.args;
    Object.assign(node, { kind: 'lit', value });
  });
  return copy;
}
