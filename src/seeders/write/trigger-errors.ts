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
  if (!hit) return undefined;
  const what = raw.code === 'SQLITE_CONSTRAINT_TRIGGER' || raw.code === 'P0001' ? message.replace(/\.$/, '') : message;
  return new TriggerRejection(hit.name, what, hit.table, e);
}

/** A row the trigger `trigger` rejected; `reason` is how a left-out table's warning puts it. */
export class TriggerRejection extends SeedbedError {
  readonly trigger: string;
  readonly reason: string;
  constructor(trigger: string, what: string, table: string, cause: unknown) {
    super('WRITE_FAILED', `Trigger "${trigger}" on ${table} rejected a row: ${what}. Nothing was written (the run was rolled back).`, {
      table,
      cause,
      fix: `Give the columns "${trigger}" looks at values it accepts (seedbed.config.ts \`tables.${table}.columns\`), or leave ${table} out (\`exclude\` in seedbed.config.ts, or --tables).`,
    });
    this.trigger = trigger;
    this.reason = `trigger "${trigger}" rejected its rows: ${what}`;
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
