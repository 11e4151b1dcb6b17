import * as vscode from 'vscode';
import { noun, plural } from '../../seeders/words.ts';
import { configRef, settings } from '../connection.ts';
import { configLine, type Cmd, type Ctx } from '../context.ts';
import { noticeText } from '../format.ts';

// "Export Seed Data…": the rows a seed would write, as files in a folder the user picks; the
// database is only read.

export function exportSeedData(ctx: Ctx): Cmd {
  return async () => {
    const { log } = ctx;
    const connection = await ctx.needConnection();
    if (!connection) return undefined;
    const format = await vscode.window.showQuickPick([
      { label: 'sql', description: 'one SQL script (sqlite3 / psql)' },
      { label: 'csv', description: 'a CSV file per table, with a load script' },
      { label: 'json', description: 'a JSON file per table, with index.json' },
    ], { title: 'Seedbed: export format' });
    if (!format) return undefined;
    const folder = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Export Here', title: 'Seedbed: an empty folder for the files' });
    if (!folder?.[0]) return undefined;
    const s = settings();
    try {
      const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Seedbed: exporting seed data', cancellable: true }, (progress, token) =>
        ctx.engine.request({ op: 'export', url: connection.url, out: folder[0].fsPath, format: format.label, options: { seed: s.seed, rows: s.rows }, config: configRef() }, {
          token, onConfig: (c) => log.line(configLine(c)), onEvent: (e) => { if (e.type === 'table-start') progress.report({ message: noticeText(`${e.table} (${e.index}/${e.of})`) }); },
        }));
      for (const w of r.warnings) log.line(`warning: ${w}`);
      log.line(`Exported ${plural(r.rows, 'row')} of ${plural(r.tables, 'table')} as ${r.format} to ${r.dir}`);
      void ctx.showInformation(`Seedbed: exported ${r.rows.toLocaleString('en-US')} ${noun(r.rows, 'row')} of ${plural(r.tables, 'table')} as ${r.format}.`);
      return r;
    } catch (e) {
      void ctx.showError(`Seedbed: ${log.error('export failed', e)}`);
      return undefined;
    }
  };
}
