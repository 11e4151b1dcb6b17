import * as vscode from 'vscode';
import type { DetailedCoverage } from '../seeders/coverage/model.ts';
import { settings } from './connection.ts';
import type { Ctx } from './context.ts';
import { coverageBody, coverageStyle } from './coverageHtml.ts';
import { page } from './webviews.ts';

// "Show Coverage Report": the detailed coverage report as a webview (one panel, reused). The
// engine measures it in its worker with the tree's own targets; the panel measures again after
// every change of the model (a seed, a clear, a refresh) while it is open.

export class CoveragePanel {
  private static current: CoveragePanel | undefined;
  /** The report on screen (tests read it). */
  report: DetailedCoverage | undefined;
  private readonly sub: vscode.Disposable;
  private generation = 0;
  /** The load in flight and the overview it measures: a second ask for the same one waits for it. */
  private loading: { overview: unknown; done: Promise<DetailedCoverage | undefined> } | undefined;

  private readonly panel: vscode.WebviewPanel;
  private readonly ctx: Ctx;

  private constructor(panel: vscode.WebviewPanel, ctx: Ctx) {
    this.panel = panel;
    this.ctx = ctx;
    this.sub = ctx.model.onDidChange((s) => {
      if (s.kind === 'ready') void this.load().catch(() => undefined);
    });
    panel.onDidDispose(() => {
      this.sub.dispose();
      CoveragePanel.current = undefined;
    });
    panel.webview.onDidReceiveMessage((m: { reveal?: unknown }) => {
      if (typeof m?.reveal === 'string') void vscode.commands.executeCommand('seedbed.revealTable', m.reveal);
    });
  }

  /** Opens (or reveals) the panel and loads the report; resolves with it. */
  static async show(ctx: Ctx): Promise<DetailedCoverage | undefined> {
    if (CoveragePanel.current) CoveragePanel.current.panel.reveal(undefined, false);
    else {
      const panel = vscode.window.createWebviewPanel('seedbed.coverage', 'Seedbed: Coverage', vscode.ViewColumn.Active, {
        enableScripts: true,
        enableFindWidget: true,
        retainContextWhenHidden: false,
        localResourceRoots: [ctx.media],
      });
      panel.iconPath = vscode.Uri.joinPath(ctx.media, 'seedbed.svg');
      CoveragePanel.current = new CoveragePanel(panel, ctx);
    }
    return CoveragePanel.current.load();
  }

  private load(): Promise<DetailedCoverage | undefined> {
    const o = this.ctx.model.overview;
    const current = this.loading;
    if (current && current.overview === o) return current.done;
    const done = this.measure();
    this.loading = { overview: o, done };
    return done;
  }

  private async measure(): Promise<DetailedCoverage | undefined> {
    const gen = ++this.generation;
    const { model, engine } = this.ctx;
    const o = model.overview;
    const connection = model.connection;
    if (!o || !connection) return undefined;
    if (!this.report) this.panel.webview.html = page(this.panel.webview, this.ctx.media, 'Seedbed coverage', '<p class="meta">Measuring coverage…</p>', { style: coverageStyle });
    const targets = Object.fromEntries(o.coverage.tables.map((t) => [t.table, t.target]));
    const report = await engine.request({ op: 'coverage', url: connection.url, rows: settings().rows, targets });
    if (gen !== this.generation) return report; // a newer load won
    this.report = report;
    this.panel.webview.html = page(this.panel.webview, this.ctx.media, 'Seedbed coverage', coverageBody(report, connection.label), { script: 'coverage.js', style: coverageStyle });
    return report;
  }
}
