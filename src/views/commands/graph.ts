import * as vscode from 'vscode';
import type { Cmd, Ctx } from '../context.ts';
import { GraphPanel, prepareLayout, useLayoutStore } from '../graph.ts';

// "Show Foreign-Key Graph" and "Show in Graph" (a table and its parents and children n levels
// out). The webview is views/graph.ts; its script views/graph/webview.ts.

export function showGraph(ctx: Ctx): Cmd {
  // A large schema's graph is laid out in the background (a worker thread) once it loads, a
  // moment after the views have what they need, so that this command paints at once. The last
  // one is kept in the workspace's state for the next window.
  useLayoutStore(ctx.extension.workspaceState);
  ctx.extension.subscriptions.push(
    ctx.model.onDidChange((s) => {
      if (s.kind === 'ready') setTimeout(() => void prepareLayout(ctx.extension.extensionUri, s.overview), 1000);
    }),
  );
  return async () => {
    const s = await ctx.model.ready();
    if (s.kind !== 'ready') return ctx.needConnection();
    return GraphPanel.show(ctx.extension.extensionUri, ctx.model);
  };
}

/** From a table's row in the tree (its node), from code (a name, optional levels), or from the
 *  palette (asks which table). */
export function showInGraph(ctx: Ctx): Cmd {
  return async (arg, levels) => {
    const s = await ctx.model.ready();
    if (s.kind !== 'ready') return ctx.needConnection();
    let table = typeof arg === 'string' ? arg : (arg as { kind?: string; name?: unknown } | undefined)?.kind === 'table' ? (arg as { name: string }).name : undefined;
    if (table === undefined) {
      const names = s.overview.tables.map((t) => t.name).sort((a, b) => a.localeCompare(b));
      // ignoreFocusOut: run from the palette over the graph, the webview takes the focus back
      // as the palette closes, which would close this pick at once.
      table = await vscode.window.showQuickPick(names, { title: 'Seedbed: Show in Graph', placeHolder: 'Table to show with its parents and children', ignoreFocusOut: true });
      if (table === undefined) return;
    }
    if (!s.overview.tables.some((t) => t.name === table)) return void ctx.showError(`Seedbed: no table named ${table} in ${s.connection.display}.`);
    return GraphPanel.show(ctx.extension.extensionUri, ctx.model, { table, levels: typeof levels === 'number' ? levels : undefined });
  };
}
