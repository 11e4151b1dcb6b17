import * as vscode from 'vscode';
import { plural } from '../../seeders/words.ts';
import type { Cmd, Ctx } from '../context.ts';
import { cancellable } from './cancellable.ts';
import { previewHtml } from '../webviews.ts';

// Read-only looks at the database: "Preview Rows" (a webview grid) and "Validate".

export function previewRows(ctx: Ctx): Cmd {
  return async (arg) => {
    const table = await ctx.pickTable(arg, 'preview');
    const connection = table && (await ctx.needConnection());
    if (!table || !connection) return;
    try {
      const p = await ctx.engine.request({ op: 'preview', url: connection.url, table, limit: 100 });
      const panel = vscode.window.createWebviewPanel('seedbed.preview', `Rows: ${table}`, vscode.ViewColumn.Active, { enableScripts: false, localResourceRoots: [ctx.media] });
      panel.webview.html = previewHtml(panel.webview, ctx.media, p);
      return p;
    } catch (e) {
      void ctx.showError(`Seedbed: ${ctx.log.error(`preview of ${table} failed`, e)}`);
    }
  };
}

export function validate(ctx: Ctx): Cmd {
  return async () => {
    const { log } = ctx;
    const connection = await ctx.needConnection();
    if (!connection) return;
    try {
      const report = await cancellable(`Seedbed: validating ${connection.display}`, 'Seedbed: validate cancelled.', (options) => ctx.engine.request({ op: 'validate', url: connection.url }, options));
      if (!report) return;
      log.line('');
      log.line(`Validate ${connection.display}`);
      for (const p of report.problems) log.line(`  ${p.kind}: ${p.table}: ${p.message}`);
      log.line(report.ok ? 'valid: no problems found' : `${plural(report.problems.length, 'problem')} found`);
      if (report.ok) void vscode.window.showInformationMessage('Seedbed: valid — foreign keys, integrity, NOT NULL and CHECKs hold.');
      else void ctx.showWarning(`Seedbed: ${plural(report.problems.length, 'problem')} found.`, 'Show Output').then((b) => b && log.show());
      return report;
    } catch (e) {
      void ctx.showError(`Seedbed: ${log.error('validate failed', e)}`);
    }
  };
}
