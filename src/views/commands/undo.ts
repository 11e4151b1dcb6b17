import * as vscode from 'vscode';
import { undoText } from '../../seeders/ledger/describe.ts';
import { undoableRuns } from '../../seeders/ledger/ledger.ts';
import { plural } from '../../seeders/words.ts';
import { guardSettings } from '../connection.ts';
import type { Cmd, Ctx } from '../context.ts';
import { cancellable } from './cancellable.ts';

// "Undo Last Seed": deletes exactly the rows the last undoable run inserted (the ledger).

export function undoLastSeed(ctx: Ctx): Cmd {
  return async () => {
    if (!ctx.requireTrust('Undo')) return;
    const connection = await ctx.needConnection();
    if (!connection) return;
    try {
      const history = await ctx.engine.request({ op: 'runs', url: connection.url });
      const last = undoableRuns(history).pop();
      if (!last) {
        void vscode.window.showInformationMessage('Seedbed: no seed run to undo in this database.');
        return;
      }
      const tables = Object.keys(last.tables).length;
      if (!(await ctx.confirm(`Undo seed run ${last.id} (${last.startedAt}, ${plural(last.rows, 'row')} in ${plural(tables, 'table')})? Exactly the rows it inserted are deleted.`, 'Undo'))) return;
      const r = await cancellable(`Seedbed: undoing run ${last.id}`, 'Seedbed: undo cancelled — rolled back, nothing was deleted.',
        (options) => ctx.engine.request({ op: 'undo', url: connection.url, runId: last.id, ...guardSettings() }, options));
      if (!r) return;
      const text = undoText(r);
      ctx.log.line(text);
      void ctx.showInformation(`Seedbed: ${text.split('\n')[0]}`);
      return r;
    } catch (e) {
      void ctx.showError(`Seedbed: ${ctx.log.error('undo failed', e)}`);
    } finally {
      await ctx.model.refresh();
    }
  };
}
