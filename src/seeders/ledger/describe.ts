import { plural } from '../words.ts';
import type { UndoResult } from './undo.ts';

// What `undo` tells the user (the CLI and the extension print the same lines).

const sum = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);

export function undoText(r: UndoResult): string {
  const gone = sum(r.gone);
  const unkeyed = Object.entries(r.unkeyed ?? {});
  const left = unkeyed.length ? [`Left ${unkeyed.map(([t, n]) => `${n} in ${t}`).join(', ')}: ${unkeyed.length === 1 ? 'that table has' : 'those tables have'} no primary or unique key, so the run's rows cannot be told from others. Delete them yourself if they should go.`] : [];
  if (r.alreadyCleared) {
    return [`Run ${r.runId} has nothing left to undo: its ${plural(gone, 'row')} ${gone === 1 ? 'was' : 'were'} already deleted (its tables were cleared since). Marked run ${r.runId} as cleared.`, ...left].join('\n');
  }
  const deleted = Object.values(r.deleted).filter((n) => n > 0).length;
  const lines = [`Undid run ${r.runId}: deleted ${plural(sum(r.deleted), 'row')} from ${plural(deleted, 'table')}.`];
  const kept = Object.entries(r.kept);
  // Rows the run made in a keyless table stay (below): they may be what still points at these.
  const by = unkeyed.length ? 'rows left below or rows added later' : 'rows added later';
  if (kept.length) lines.push(`Kept ${kept.map(([t, k]) => `${k} in ${t}`).join(', ')}: ${by} still reference them.`);
  if (gone) lines.push(`${plural(gone, 'row')} of the run ${gone === 1 ? 'was' : 'were'} already deleted.`);
  return [...lines, ...left].join('\n');
}

/** A seed that adds no rows (a top-up of a full database, --rows 0): nothing is recorded. */
export const NOTHING_TO_ADD = 'Nothing to add: every table already has the rows asked for. No run was recorded.';

/** A seed that added no rows: nothing to add, or every table to fill was left out (a failure,
 *  named in the warnings; "already has the rows" would be untrue). */
export function nothingAddedText(leftOut: { table: string }[], asked = 0): string {
  // Rows were asked for but none could be made (a key CHECK no key meets): not "already full".
  if (!leftOut.length && asked > 0) return `Nothing was added: the ${plural(asked, 'row')} asked for ${asked === 1 ? 'was' : 'were'} left out; see the warnings above. No run was recorded.`;
  if (!leftOut.length) return NOTHING_TO_ADD;
  const names = leftOut.map((l) => l.table);
  return `Nothing was added: ${names.length === 1 ? names[0] : `${plural(names.length, 'table')} (${names.join(', ')})`} could not be filled; see the warnings above. No run was recorded.`;
}
