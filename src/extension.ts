import * as vscode from 'vscode';
import type { SeedEvent } from './seeders/index.ts';
import type { SqlCodeLens } from './views/codeLens.ts';
import { registerCommands } from './views/commands/index.ts';
import { runSeed } from './views/commands/seed.ts';
import { moveSecretsOutOfSettings } from './views/connection.ts';
import { Ctx } from './views/context.ts';
import { DISCOVERY_GLOB } from './views/discovery.ts';
import type { EngineClient } from './views/engineClient.ts';
import type { SeedbedLog } from './views/log.ts';
import type { ModelState, SeedbedModel } from './views/model.ts';
import type { SeedOutcome, SeedRequestOptions } from './views/protocol.ts';
import { ReportDocuments } from './views/reportDocuments.ts';
import type { Node, TablesTree } from './views/tablesTree.ts';

// The VS Code shell over the engine: activation only. The context (views/context.ts) holds the
// connection, model, views and log; every command is a factory in views/commands/<topic>.ts,
// registered by id from views/commands/index.ts. The engine itself runs in a worker thread
// (views/engineWorker.ts → dist/vsix/engine-worker.mjs), so nothing here blocks the extension host.

export interface SeedbedApi {
  model: SeedbedModel;
  tree: TablesTree;
  treeView: vscode.TreeView<Node>;
  log: SeedbedLog;
  engine: EngineClient;
  statusBar: vscode.StatusBarItem;
  codeLens: SqlCodeLens;
  /** ms from activate() start to its end. */
  activationMs: number;
  /** Seeds like "Seed Database" does, without the progress notification (tests pass a token). */
  seed(options?: SeedRequestOptions, token?: vscode.CancellationToken, onEvent?: (e: SeedEvent) => void): Promise<SeedOutcome | undefined>;
  /** Resolves when the tree's data is loaded. */
  ready(): Promise<ModelState>;
}

let current: Ctx | undefined;

const SECRETS_MOVED = 'Seedbed moved the database password from settings to VS Code\'s secret storage.';

export function activate(context: vscode.ExtensionContext): SeedbedApi {
  const t0 = performance.now();
  const ctx = new Ctx(context);
  current = ctx;
  const { model } = ctx;
  context.subscriptions.push(
    ctx,
    ...registerCommands(ctx),
    vscode.workspace.registerTextDocumentContentProvider(ReportDocuments.scheme, ctx.docs),
    vscode.languages.registerCodeLensProvider([{ language: 'sql' }, { pattern: '**/*.sql' }, { language: 'typescript' }, { language: 'javascript' }], ctx.codeLens),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('seedbed')) return;
      if (e.affectsConfiguration('seedbed.databaseUrl') && (await moveSecretsOutOfSettings(context.secrets))) {
        void vscode.window.showInformationMessage(SECRETS_MOVED);
      }
      await model.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => model.refresh()),
  );
  // An edited, created or deleted config changes scenarios, targets and the plan: read it again.
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/seedbed.config.{ts,mts,js,mjs}');
  let configTimer: NodeJS.Timeout | undefined;
  const onConfigFile = () => {
    clearTimeout(configTimer);
    configTimer = setTimeout(() => void model.refresh(), 300);
  };
  context.subscriptions.push(configWatcher, configWatcher.onDidChange(onConfigFile), configWatcher.onDidCreate(onConfigFile), configWatcher.onDidDelete(onConfigFile), { dispose: () => clearTimeout(configTimer) });
  // An SQLite file created or deleted changes which database a workspace without a setting means.
  const dbWatcher = vscode.workspace.createFileSystemWatcher(DISCOVERY_GLOB, false, true, false);
  const onDbFile = () => {
    model.forgetDiscovery();
    const s = model.state;
    if (s.kind === 'unconfigured' || model.connection?.discovered) onConfigFile();
  };
  context.subscriptions.push(dbWatcher, dbWatcher.onDidCreate(onDbFile), dbWatcher.onDidDelete(onDbFile));

  void moveSecretsOutOfSettings(context.secrets).then((moved) => {
    if (moved) void vscode.window.showInformationMessage(SECRETS_MOVED);
    return model.refresh();
  });

  const activationMs = Math.round(performance.now() - t0);
  ctx.log.line(`Seedbed activated in ${activationMs} ms (engine runs in a worker thread).`);
  return {
    model, tree: ctx.tree, treeView: ctx.treeView, log: ctx.log, engine: ctx.engine, statusBar: ctx.statusBar, codeLens: ctx.codeLens, activationMs,
    seed: (options = {}, token, onEvent) => runSeed(ctx, options, token, undefined, onEvent),
    ready: () => model.ready(),
  };
}

export async function deactivate(): Promise<void> {
  await current?.engine.dispose();
}
