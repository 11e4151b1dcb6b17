import { SeedbedError } from '../errors.ts';
import type { TriggerInfo } from '../schema/model.ts';

// A row a trigger rejected, named by its trigger. SQLite reports only the RAISE message (code
// SQLITE_CONSTRAINT_TRIGGER); PostgreSQL the function it was raised in (`PL/pgSQL function
// check_room() line 4 at RAISE`). Either is matched against the schema's triggers.

interface RawError { code?: string; message?: string; where?: string }

export function triggerError(e: unknown, triggers: TriggerInfo[] | undefined, table: string): SeedbedError | undefined {
  if (!triggers?.length) return undefined;
  const raw = rawError(e);
  if (!raw) return undefined;
  const message = raw.message ?? '';
  const fn = /function (?:[\w$"]+\.)?"?([^"(\s]+)"?\(/.exec(raw.where ?? '')?.[1];
  const rejecting = triggers.filter((t) => t.rejects);
  const onTable = (list: TriggerInfo[]) => list.find((t) => t.table === table) ?? list[0];
  let hit: TriggerInfo | undefined;
  if (fn) hit = onTable(rejecting.filter((t) => t.function === fn));
  hit ??= onTable(rejecting.filter((t) => t.messages.some((m) => matches(m, message))));
  if (!hit && raw.code === 'SQLITE_CONSTRAINT_TRIGGER') {
    const mine = rejecting.filter((t) => t.table === table && t.events.includes('insert'));
    if (mine.length === 1) hit = mine[0];
  }
  if (!hit) return failingTrigger(e, raw, triggers, table);
  const what = raw.code === 'SQLITE_CONSTRAINT_TRIGGER' || raw.code === 'P0001' ? message.replace(/\.$/, '') : message;
  return new TriggerRejection(hit.name, what, hit.table, e);
}

// A trigger that fails without RAISE: a function the application registers on its own
// connection (`hash(NEW.url)`: "no such function: hash"), a NULL or duplicate it writes into
// another table, a PL/pgSQL error. Named only on specific evidence: PostgreSQL's context names
// the function; SQLite's message names the function called or the other table written, matched
// against the triggers the insert sets off (those on the table, and on the tables they write).
function failingTrigger(e: unknown, raw: RawError, triggers: TriggerInfo[], table: string): TriggerRejection | undefined {
  const message = raw.message ?? '';
  const fn = /function (?:[\w$"]+\.)?"?([^"(\s]+)"?\(/.exec(raw.where ?? '')?.[1];
  const onTable = (list: TriggerInfo[]) => list.find((t) => t.table === table) ?? list[0];
  if (fn) {
    const hit = onTable(triggers.filter((t) => t.function === fn));
    return hit && new TriggerRejection(hit.name, message, hit.table, e, true);
  }
  if (!String(raw.code ?? '').startsWith('SQLITE_')) return undefined;
  const fired = firedBy(triggers, table);
  const missing = /^no such function: (\S+)/.exec(message)?.[1]?.toLowerCase();
  const other = /^(?:NOT NULL|UNIQUE|CHECK|FOREIGN KEY) constraint failed: ([^.\s]+)\./.exec(message)?.[1];
  // A full-text index whose tokenizer (or virtual table module) only the application registers
  // (calibre's 'calibre' tokenizer): the one trigger the insert sets off that writes elsewhere.
  const extension = /^no such (?:tokenizer|module): /.test(message);
  let hit: TriggerInfo | undefined;
  if (missing) hit = fired.find((t) => t.calls?.includes(missing));
  else if (extension) { const writers = fired.filter((t) => t.inserts.length); if (writers.length === 1) hit = writers[0]; }
  // The table itself too: a trigger that adds rows to its own table takes keys Seedbed's rows then collide with.
  else if (other) hit = fired.find((t) => t.inserts.includes(other));
  // A body naming a column or table that is not there (`WHERE rowid = NEW.rowid` on a WITHOUT
  // ROWID table): SQLite accepts it at CREATE TRIGGER and fails every INSERT that sets it off;
  // the insert's own columns come from the catalogue, so the one trigger it sets off is at fault.
  else if (/^no such (?:column|table): /.test(message) && fired.length === 1) hit = fired[0];
  return hit && new TriggerRejection(hit.name, message, hit.table, e, true);
}

/** The insert triggers an INSERT into `table` sets off, its own first, then those on the tables they write. */
function firedBy(triggers: TriggerInfo[], table: string): TriggerInfo[] {
  const out: TriggerInfo[] = [];
  const seen = new Set<string>();
  const queue = [table];
  while (queue.length) {
    const t = queue.shift()!;
    if (seen.has(t)) continue;
    seen.add(t);
    for (const tr of triggers) {
      if (tr.table !== t || !tr.events.includes('insert')) continue;
      out.push(tr);
      queue.push(...tr.inserts);
    }
  }
  return out;
}

/** A row the trigger `trigger` rejected (or, `failed`, that the trigger itself failed on);
 *  `reason` is how a left-out table's warning puts it. */
export class TriggerRejection extends SeedbedError {
  readonly trigger: string;
  readonly reason: string;
  constructor(trigger: string, what: string, table: string, cause: unknown, failed = false) {
    const missing = /^no such function: (\S+)/.exec(what)?.[1];
    const extension = /^no such (tokenizer|module): (\S+)/.exec(what);
    super('WRITE_FAILED', `Trigger "${trigger}" on ${table} ${failed ? 'failed' : 'rejected a row'}: ${what}. Nothing was written (the run was rolled back).`, {
      table,
      cause,
      fix: missing
        ? `${missing}() is a function the application registers on its own connection, so "${trigger}" cannot run on Seedbed's: leave ${table} out (\`exclude\` in seedbed.config.ts, or --tables) and let the application fill it.`
        : extension
          ? `The ${extension[1]} ${extension[2]} is one the application registers on its own connection, so "${trigger}" cannot write its full-text index on Seedbed's: leave ${table} out (\`exclude\` in seedbed.config.ts, or --tables) and let the application fill it.`
          : failed
          ? `"${trigger}" fails on the rows Seedbed writes: give the columns it uses values it can handle (seedbed.config.ts \`tables.${table}.columns\`), or leave ${table} out (\`exclude\` in seedbed.config.ts, or --tables).`
          : `Give the columns "${trigger}" looks at values it accepts (seedbed.config.ts \`tables.${table}.columns\`), or leave ${table} out (\`exclude\` in seedbed.config.ts, or --tables).`,
    });
    this.trigger = trigger;
    this.reason = `trigger "${trigger}" ${failed ? 'failed' : 'rejected its rows'}: ${what}`;
  }
}

/** The database's own error, under any SeedbedError wrapping. */
function rawError(e: unknown): RawError | undefined {
  let cur = e as (RawError & { cause?: unknown }) | undefined;
  for (let depth = 0; cur && depth < 4; depth++) {
    if (!(cur instanceof SeedbedError) && (cur.code || cur.where)) return cur;
    cur = cur.cause as typeof cur;
  }
  return undefined;
}

/** A RAISE message against the error text: PostgreSQL fills `%` placeholders, SQLite may append. */
function matches(pattern: string, message: string): boolean {
  if (!pattern) return false;
  if (message === pattern || message.startsWith(pattern)) return true;
  if (!pattern.includes('%')) return false;
  const re = new RegExp(`^${pattern.split('%').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}`);
  return re.test(message);
}
