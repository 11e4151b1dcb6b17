import * as vscode from 'vscode';
import { SqlCodeLens } from './codeLens.ts';
import { configRef, settings } from './connection.ts';
import { EngineClient } from './engineClient.ts';
import { configText, noticeText, statusText } from './format.ts';
import { SeedbedLog } from './log.ts';
import { SeedbedModel, type ModelState } from './model.ts';
import type { ConfigUsed } from './protocol.ts';
import { ReportDocuments } from './reportDocuments.ts';
import { DISCOVERED, shortPath, TablesTree, type GroupBy, type Node } from './tablesTree.ts';

// The one object every command works on (rust-analyzer's `Ctx`): the engine worker, the model
// (connection + overview), the views, the Output log, the running seed, and the small dialogs
// that several commands share. Commands live in views/commands/<topic>.ts, registered by id in
// views/commands/index.ts.

export class Ctx implements vscode.Disposable {
  readonly log = new SeedbedLog();
  readonly engine: EngineClient;
  readonly model: SeedbedModel;
  readonly tree: TablesTree;
  readonly treeView: vscode.TreeView<Node>;
  readonly statusBar: vscode.StatusBarItem;
  readonly codeLens: SqlCodeLens;
  /** Read-only `seedbed:` documents (the plan). */
  readonly docs = new ReportDocuments();
  /** The extension's media/ folder: webview assets. */
  readonly media: vscode.Uri;
  /** The seed in progress (one at a time). */
  running: Promise<unknown> | undefined;
  /** What the Output last said about a database found without a setting (said once per change). */
  private announced: string | undefined;

  readonly extension: vscode.ExtensionContext;

  constructor(extension: vscode.ExtensionContext) {
    this.extension = extension;
    this.engine = new EngineClient(extension.asAbsolutePath('dist/vsix/engine-worker.mjs'));
    this.model = new SeedbedModel(this.engine, extension.secrets);
    const groupBy = extension.workspaceState.get<GroupBy>('seedbed.groupBy', 'phase');
    this.tree = new TablesTree(this.model, groupBy);
    this.treeView = vscode.window.createTreeView('seedbed.tables', { treeDataProvider: this.tree, showCollapseAll: true });
    this.statusBar = vscode.window.createStatusBarItem('seedbed.coverage', vscode.StatusBarAlignment.Left, 50);
    this.statusBar.name = 'Seedbed coverage';
    this.statusBar.command = 'seedbed.showCoverage';
    this.codeLens = new SqlCodeLens(this.model);
    this.media = vscode.Uri.joinPath(extension.extensionUri, 'media');
    void this.setContext('seedbed.groupBy', groupBy);
    extension.subscriptions.push(this.model.onDidChange((s) => this.onState(s)));
  }

  get secrets(): vscode.SecretStorage {
    return this.extension.secrets;
  }

  setContext(key: string, value: unknown): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', key, value);
  }

  /** The status bar, the `seedbed.configured` context and the Output's note on a database found
   *  without a setting follow the model. */
  private onState(s: ModelState): void {
    void this.setContext('seedbed.configured', s.kind !== 'unconfigured');
    this.announce(s);
    const bar = this.statusBar;
    if (s.kind === 'ready') {
      bar.text = `$(database) ${statusText(s.overview)}`;
      const config = configText(s.overview, shortPath);
      const found = s.connection.discovered ? `\n${DISCOVERED[0].toUpperCase()}${DISCOVERED.slice(1)}.` : '';
      bar.tooltip = `${s.connection.display}${found}\n${s.overview.coverage.headline}${config ? `\n${config}` : ''}\nClick for the coverage report.`;
      bar.show();
      this.treeView.message = this.tree.filterMessage();
    } else if (s.kind === 'error') {
      bar.text = '$(warning) Seedbed';
      bar.tooltip = s.fix ? `${s.message}\nFix: ${s.fix}` : s.message;
      bar.show();
    } else if (s.kind === 'unconfigured') {
      bar.hide();
    }
  }

  private announce(s: ModelState): void {
    let text: string | undefined;
    if (s.kind === 'unconfigured' && s.candidates?.length) {
      text = `${s.candidates.length} SQLite files in this workspace (${s.candidates.map(shortPath).join(', ')}) and no database named: pick one in the Seedbed view, or with Select Connection.`;
    } else if (s.kind !== 'unconfigured' && s.connection?.discovered) {
      text = `Using ${shortPath(s.connection.display.replace(/^sqlite:/, ''))}, ${DISCOVERED} (set seedbed.databaseUrl, or run Select Connection, to use another).`;
    }
    if (text && text !== this.announced) this.log.line(text);
    this.announced = text;
  }

  // Notifications with text from the database (names in errors, progress) go through noticeText:
  // a name like [x](command:…) never becomes a link that runs a command.
  showError(message: string, ...items: string[]): Thenable<string | undefined> {
    return vscode.window.showErrorMessage(noticeText(message), ...items);
  }

  showWarning(message: string, ...items: string[]): Thenable<string | undefined> {
    return vscode.window.showWarningMessage(noticeText(message), ...items);
  }

  showInformation(message: string, ...items: string[]): Thenable<string | undefined> {
    return vscode.window.showInformationMessage(noticeText(message), ...items);
  }

  /** False (with a warning) in an untrusted workspace: `what` writes to a database. */
  requireTrust(what: string): boolean {
    if (vscode.workspace.isTrusted) return true;
    void this.showWarning(`Seedbed: ${what} writes to a database, which is not allowed in an untrusted workspace. Trust this workspace to seed or clear.`);
    return false;
  }

  /** The open connection, or a message telling how to configure one. */
  async needConnection() {
    const s = await this.model.ready();
    if (s.kind === 'unconfigured') {
      const pick = await vscode.window.showWarningMessage('Seedbed: no database configured.', 'Select Connection', 'Use a demo SQLite database');
      if (pick === 'Select Connection') await vscode.commands.executeCommand('seedbed.selectConnection');
      if (pick === 'Use a demo SQLite database') await vscode.commands.executeCommand('seedbed.useDemoDatabase');
      return undefined;
    }
    if (!this.model.connection) {
      void this.showError(`Seedbed: ${s.kind === 'error' ? s.message : 'no connection'}`);
      return undefined;
    }
    return this.model.connection;
  }

  /** The workspace's config reference, or a warning when there is no folder to hold one. */
  needConfigRef() {
    const ref = configRef();
    if (!ref) void vscode.window.showWarningMessage('Seedbed: open a folder first; the config file lives in the workspace.');
    return ref;
  }

  /** The table a command runs on: its argument (a name, a tree row, an edge), else a quick pick. */
  async pickTable(arg: unknown, verb: string): Promise<string | undefined> {
    if (typeof arg === 'string') return arg;
    const n = arg as Node | undefined;
    if (n && n.kind === 'table') return n.name;
    if (n && n.kind === 'edge') return n.edge.other;
    await this.model.ready();
    const o = this.model.overview;
    if (!o) return undefined;
    const pick = await vscode.window.showQuickPick(
      o.coverage.tables.map((t) => ({ label: t.table, description: `${t.rows}/${t.target} rows` })),
      { placeHolder: `Table to ${verb}` },
    );
    return pick?.label;
  }

  /** A modal yes/no before a destructive action (unless seedbed.confirmDestructive is off). */
  async confirm(question: string, action: string): Promise<boolean> {
    if (!settings().confirmDestructive) return true;
    const answer = await vscode.window.showWarningMessage(noticeText(question), { modal: true }, action);
    return answer === action;
  }

  dispose(): void {
    for (const d of [this.log, this.model, this.tree, this.treeView, this.statusBar, this.codeLens, this.docs]) d.dispose();
    void this.engine.dispose();
  }
}

/** `Config seedbed.config.ts · scenario light` (Output line). */
export const configLine = (c: ConfigUsed) => `Config ${shortPath(c.file)} · scenario ${c.scenario ?? '(none)'}`;

/** Where settings a command writes go: the workspace when one is open. */
export const settingsTarget = () => (vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);

/** A command's handler, made by a factory over the context (views/commands/<topic>.ts). */
export type Cmd = (...args: unknown[]) => unknown;
export type CommandFactory = (ctx: Ctx) => Cmd;
