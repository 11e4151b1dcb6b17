import type { Cmd, Ctx } from '../context.ts';
import type { GroupBy } from '../tablesTree.ts';

// The Tables view: grouping (by phase / A–Z) and revealing a table.

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
  return async (name) => {
    if (typeof name !== 'string') return;
    const node = ctx.tree.tableNode(name);
    if (node) await ctx.treeView.reveal(node, { select: true, focus: true, expand: false });
  };
}
