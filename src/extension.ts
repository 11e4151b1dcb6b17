import * as vscode from 'vscode';
import { errorText, openDatabase, redact, status } from './seeders/index.ts';
import { TablesTree } from './views/tablesTree.ts';

// The VS Code shell: reads settings, calls the engine, shows results. No engine logic here.

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Seedbed');
  const tree = new TablesTree(loadCoverage);
  context.subscriptions.push(
    output,
    vscode.window.registerTreeDataProvider('seedbed.tables', tree),
    vscode.commands.registerCommand('seedbed.refresh', () => tree.refresh()),
    vscode.commands.registerCommand('seedbed.showCoverage', async () => {
      try {
        const report = await loadCoverage();
        output.appendLine(report.headline);
        for (const t of report.tables) output.appendLine(`  ${t.table}: ${t.rows}/${t.target}`);
        output.show(true);
      } catch (e) {
        output.appendLine(`error: ${redact(errorText(e))}`);
        output.show(true);
      }
    }),
  );
}

async function loadCoverage() {
  const url = vscode.workspace.getConfiguration('seedbed').get<string>('databaseUrl');
  if (!url) throw new Error('Set seedbed.databaseUrl (e.g. sqlite:dev.db) to see your tables.');
  const base = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const resolved = base && /^sqlite:(?!\/)/.test(url) ? `sqlite:${base}/${url.slice(7)}` : url;
  const db = await openDatabase(resolved);
  try {
    return await status(db);
  } finally {
    await db.close();
  }
}

export function deactivate(): void {}
