import { clip, SeedbedError } from '../errors.ts';
import { reasonOf, type SeedPlan } from '../plan/plan.ts';
import { TriggerRejection } from './trigger-errors.ts';

// Which failures of a run are one table's, so that the table is left out and the rest goes on
// (run.ts): its rows broke a constraint or a trigger, its values could not be generated. Anything
// about the database itself (connection, lock, disk, permissions, cancel) still fails the run.

/** SQLite result codes that are about the rows written, not the file. */
const SQLITE_DATA = /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE|ERROR)/;
/** PostgreSQL SQLSTATE classes about the data: data exception, integrity, triggered action,
 *  raise_exception (P0), with-check option, routine exceptions, and 42 (not permissions). */
const PG_DATA = /^(22|23|27|09|2F|38|39|44|P0|42(?!501))/;
/** A statement too large for the server to evaluate, as one table's CHECK can make it (a regex of
 *  20,000 alternatives compiled per row): program_limit_exceeded (54), out_of_memory (53200),
 *  and the internal error an oversized allocation raises. Other internal errors, disk full and
 *  connection limits stay the run's. */
const PG_TOO_BIG = (code: string, message: string) => code.startsWith('54') || code === '53200'
  || (code === 'XX000' && /^invalid memory alloc request size/.test(message));

/** The table a failure belongs to and why, when it is a table's failure. */
export function leftOutBy(e: unknown, plan: SeedPlan): { table: string; reason: string } | undefined {
  if (!(e instanceof SeedbedError)) return undefined;
  const generated = e.code === 'UNSATISFIABLE' || e.code === 'GENERATE_FAILED';
  const cause = rootCause(e);
  const code = String(cause.code ?? '');
  if (!generated && !(e.code === 'WRITE_FAILED' && (SQLITE_DATA.test(code) || PG_DATA.test(code) || PG_TOO_BIG(code, String(cause.message ?? ''))))) return undefined;
  const table = tableOf(plan, e.table, cause);
  if (!table) return undefined;
  if (generated) return { table, reason: reasonOf(e.message) };
  if (e instanceof TriggerRejection) return { table, reason: reasonOf(clip(e.reason)) };
  // The database's words may quote a rejected value (10 MB, say): cut short.
  const detail = typeof cause.detail === 'string' ? ` (${clip(cause.detail)})` : '';
  if (PG_TOO_BIG(code, String(cause.message ?? ''))) return { table, reason: reasonOf(`PostgreSQL could not evaluate its constraints or triggers, too large for the server: ${clip(String(cause.message ?? e.message))}${detail}`) };
  return { table, reason: reasonOf(`the database rejected its rows: ${clip(String(cause.message ?? e.message))}${detail}`) };
}

interface Cause { code?: unknown; message?: unknown; detail?: unknown; table?: unknown; schema?: unknown }

function rootCause(e: Error): Cause {
  let c: unknown = e;
  while (c instanceof Error && c.cause !== undefined) c = c.cause;
  return (c ?? {}) as Cause;
}

/** A plan's table from the error's own name for it (PostgreSQL's is unqualified, with a schema). */
function tableOf(plan: SeedPlan, named: string | undefined, cause: Cause): string | undefined {
  const names = new Set(plan.tables.map((t) => t.name));
  if (named && names.has(named)) return named;
  const local = typeof cause.table === 'string' ? cause.table : named;
  if (!local) return undefined;
  const schema = typeof cause.schema === 'string' ? cause.schema : undefined;
  const t = plan.input.schema.tables.find((x) => (x.localName ?? x.name) === local && (!schema || !x.schema || x.schema === schema));
  return t && names.has(t.name) ? t.name : undefined;
}

/** `seed --strict`: a table that cannot be filled fails the run. */
export function strictError(list: { table: string; reason: string }[], atRunTime: boolean): SeedbedError {
  const what = list.map((l) => `${l.table} (${l.reason})`).join('; ');
  return new SeedbedError('UNSATISFIABLE', `Cannot fill ${list.length === 1 ? 'table' : `${list.length} tables`} ${what}; --strict allows no table to be left out. ${atRunTime ? 'Nothing was written (the run was rolled back).' : 'Nothing was written.'}`, {
    fix: `Look at the constraints and triggers of ${list.map((l) => `"${l.table}"`).join(', ')} (\`seedbed plan\` shows how each column is filled), exclude ${list.length === 1 ? 'it' : 'them'} in the config, or run without --strict to fill every other table.`,
    table: list[0]?.table,
  });
}
