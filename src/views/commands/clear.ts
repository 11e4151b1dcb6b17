import { guardSettings } from '../connection.ts';
import type { Cmd, Ctx } from '../context.ts';
import { cancellable } from './cancellable.ts';

// "Clear Table" and "Clear Database": delete rows, after a modal confirmation.

async function clearTables(ctx: Ctx, tables: string[] | undefined): Promise<void> {
  if (!ctx.requireTrust('Clearing')) return;
  const connection = await ctx.needConnection();
  if (!connection) return;
  const what = tables?.length ? tables.join(', ') : 'every table';
  if (!(await ctx.confirm(`Delete all rows of ${what} in ${connection.display}?`, 'Clear'))) return;
  try {
    const cleared = await cancellable(`Seedbed: clearing ${what}`, 'Seedbed: clearing cancelled — rolled back, nothing was deleted.',
      (options) => ctx.engine.request({ op: 'clear', url: connection.url, tables, ...guardSettings() }, options));
    if (cleared) ctx.log.line(`Cleared ${cleared.length} table(s): ${cleared.join(', ')}`);
  } catch (e) {
    const text = ctx.log.error(`clearing ${what} failed`, e);
    void ctx.showError(`Seedbed: ${text}`);
  } finally {
    await ctx.model.refresh();
  }
}

export function clearTable(ctx: Ctx): Cmd {
  return async (arg) => {
    const table = await ctx.pickTable(arg, 'clear');
    if (table) await clearTables(ctx, [table]);
  };
}

export function clearDatabase(ctx: Ctx): Cmd {
  return () => clearTables(ctx, undefined);
}
