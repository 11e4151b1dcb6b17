import type { Cmd, Ctx } from '../context.ts';
import { GraphPanel } from '../graph.ts';

// "Show Foreign-Key Graph" (the webview is views/graph.ts).

export function showGraph(ctx: Ctx): Cmd {
  return async () => {
    const s = await ctx.model.ready();
    if (s.kind !== 'ready') return ctx.needConnection();
    return GraphPanel.show(ctx.media, ctx.model);
  };
}
