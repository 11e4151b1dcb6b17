import * as vscode from 'vscode';
import type { Cmd, Ctx } from '../context.ts';
import type { GroupBy } from '../tablesTree.ts';

// The Tables view: grouping (by phase / A–Z), filtering by name, revealing a table.

async function setGroup(ctx: Ctx, g: GroupBy): Promise<void> {
  await ctx.extension.workspaceState.update('seedbed.groupBy', g);
  await ctx.setContext('seedbed.groupBy', g);
  ctx.tree.setGroupBy(g);
}

export function groupByPhase(ctx: Ctx): Cmd {
  return () => setGroup(ctx, 'phase');
}

export function groupByName(ctx: Ctx): Cmd {
  return () => setGroup(ctx, 'name');
}

export function revealTable(ctx: Ctx): Cmd {
  // `{ focus: false }` (from the graph): select the row, leave the keyboard where it is.
  return async (name, options) => {
    if (typeof name !== 'string') return;
    // A table the filter hides cannot be revealed: the filter goes.
    if (ctx.tree.filter && ctx.tree.tableNode(name) && !ctx.tree.isShown(name)) await setFilter(ctx, '');
    const node = ctx.tree.tableNode(name);
    const focus = (options as { focus?: boolean } | undefined)?.focus !== false;
    if (node) await ctx.treeView.reveal(node, { select: true, focus, expand: false });
  };
}

async function setFilter(ctx: Ctx, filter: string): Promise<void> {
  ctx.tree.setFilter(filter);
  ctx.treeView.message = ctx.tree.filterMessage();
  await ctx.setContext('seedbed.filtered', ctx.tree.filter !== '');
}

/** Shows only the tables whose name holds every word typed (`*` for any run of characters);
 *  an empty answer clears the filter. A string argument sets it without asking. */
export function filterTables(ctx: Ctx): Cmd {
  return async (arg) => {
    let filter = typeof arg === 'string' ? arg : undefined;
    if (filter === undefined) {
      const o = (await ctx.model.ready(), ctx.model.overview);
      filter = await vscode.window.showInputBox({
        title: 'Seedbed: Filter Tables',
        prompt: `Words the table names hold (any case, any order; * for any characters). Empty: every table${o ? ` (${o.tables.length})` : ''}.`,
        placeHolder: 'e.g. student mark',
        value: ctx.tree.filter,
      });
      if (filter === undefined) return ctx.tree.filter; // Escape: unchanged
    }
    await setFilter(ctx, filter);
    return ctx.tree.filter;
  };
}

export function clearTableFilter(ctx: Ctx): Cmd {
  return () => setFilter(ctx, '');
}
