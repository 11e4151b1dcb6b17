import { existsSync } from 'node:fs';
import { makeDirs } from '../../seeders/make-dirs.ts';
import * as vscode from 'vscode';
import { parseDatabaseUrl } from '../../seeders/drivers/url.ts';
import { errorText } from '../../seeders/errors.ts';
import { saveConnectionUrl, settings, workspaceBase } from '../connection.ts';
import type { Cmd, Ctx } from '../context.ts';

// Which database: "Refresh Schema", "Select Connection", "Enter a Connection URL", "Use a Demo
// SQLite Database".

export function refresh(ctx: Ctx): Cmd {
  return () => ctx.model.refresh();
}

/** A quick pick of the workspace's SQLite files, a URL, or the demo; with a URL argument (a
 *  file picked in the Tables view) it uses that one. */
export function selectConnection(ctx: Ctx): Cmd {
  return async (arg) => {
    if (typeof arg === 'string' && arg.trim()) {
      await saveConnectionUrl(ctx.secrets, arg);
      return ctx.model.refresh();
    }
    const found = await vscode.workspace.findFiles('**/*.{db,sqlite,sqlite3,db3}', '**/{node_modules,.git,.vscode-test}/**', 50);
    const base = workspaceBase();
    type Item = vscode.QuickPickItem & { url?: string; action?: string };
    const items: Item[] = [
      ...found.map((u) => {
        const rel = base && u.fsPath.startsWith(`${base}/`) ? u.fsPath.slice(base.length + 1) : u.fsPath;
        return { label: `$(database) ${rel}`, description: 'SQLite', url: `sqlite:${rel}` };
      }),
      { label: '$(edit) Enter a connection URL…', action: 'enter' },
      { label: '$(beaker) Use a demo SQLite database', action: 'demo' },
    ];
    const pick = await vscode.window.showQuickPick(items, { placeHolder: `Database for Seedbed (now: ${ctx.model.connection?.display ?? 'none'})` });
    if (!pick) return;
    if (pick.action === 'enter') return vscode.commands.executeCommand('seedbed.enterConnectionUrl');
    if (pick.action === 'demo') return vscode.commands.executeCommand('seedbed.useDemoDatabase');
    await saveConnectionUrl(ctx.secrets, pick.url!);
    return ctx.model.refresh();
  };
}

export function enterConnectionUrl(ctx: Ctx): Cmd {
  return async () => {
    const url = await vscode.window.showInputBox({
      prompt: 'Database URL: sqlite:path/to/file.db (relative to the workspace) or postgresql://user:password@host:5432/db — a password goes to VS Code\'s secret storage, not to settings.',
      placeHolder: 'sqlite:dev.db',
      value: settings().databaseUrl,
      ignoreFocusOut: true,
      validateInput: (v) => {
        try {
          parseDatabaseUrl(v, workspaceBase() ?? process.cwd());
          return undefined;
        } catch (e) {
          return errorText(e).split('\nFix: ')[0];
        }
      },
    });
    if (!url) return;
    await saveConnectionUrl(ctx.secrets, url);
    return ctx.model.refresh();
  };
}

export function useDemoDatabase(ctx: Ctx): Cmd {
  return async () => {
    if (!ctx.requireTrust('Creating the demo database')) return;
    const dir = vscode.Uri.joinPath(ctx.extension.globalStorageUri, 'demo').fsPath;
    makeDirs(dir);
    const file = `${dir}/school.db`;
    try {
      if (!existsSync(file)) {
        const made = await ctx.engine.request({ op: 'createFromSchema', file, schemaFile: ctx.extension.asAbsolutePath('examples/school/schema.sql') });
        ctx.log.line(`Created the demo database ${file} (${made.tables} empty tables, the school schema).`);
      }
      await saveConnectionUrl(ctx.secrets, `sqlite:${file}`);
      await ctx.model.refresh();
      void vscode.window.showInformationMessage('Seedbed: using the demo school database (empty). Run "Seedbed: Seed Database" to fill it.', 'Seed Database')
        .then((b) => b && vscode.commands.executeCommand('seedbed.seedDatabase'));
    } catch (e) {
      void ctx.showError(`Seedbed: ${ctx.log.error('creating the demo database failed', e)}`);
    }
  };
}
