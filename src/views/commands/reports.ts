import { configRef, settings } from '../connection.ts';
import { configLine, type Cmd, type Ctx } from '../context.ts';
import { CoveragePanel } from '../coveragePanel.ts';
import { ignoredConfigText } from '../format.ts';
import { shortPath } from '../tablesTree.ts';

// "Show Plan" (a read-only document) and "Show Coverage Report" (a webview).

export function showPlan(ctx: Ctx): Cmd {
  return async () => {
    const connection = await ctx.needConnection();
    if (!connection) return;
    try {
      const s = settings();
      const plan = await ctx.engine.request({ op: 'plan', url: connection.url, options: { rows: s.rows, seed: s.seed }, config: configRef() });
      const config = plan.config ? configLine(plan.config) : plan.ignoredConfig ? ignoredConfigText(plan.ignoredConfig, shortPath) : undefined;
      await ctx.docs.show('plan', `Seedbed plan — ${connection.display}${config ? `\n${config}` : ''}\n\n${plan.text}\n`);
      return plan;
    } catch (e) {
      void ctx.showError(`Seedbed: ${ctx.log.error('planning failed', e)}`);
    }
  };
}

export function showCoverage(ctx: Ctx): Cmd {
  return async () => {
    const s = await ctx.model.refresh();
    if (s.kind === 'ready') return CoveragePanel.show(ctx);
    if (s.kind === 'error') void ctx.showError(`Seedbed: ${s.message}${s.fix ? ` Fix: ${s.fix}` : ''}`);
    if (s.kind === 'unconfigured') await ctx.needConnection();
  };
}
