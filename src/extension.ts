import { existsSync, mkdirSync } from 'node:fs';
import * as vscode from 'vscode';
import { parseDatabaseUrl } from './seeders/drivers/url.ts';
import { errorText } from './seeders/errors.ts';
import type { SeedEvent } from './seeders/index.ts';
import { SqlCodeLens } from './views/codeLens.ts';
import { moveSecretsOutOfSettings, saveConnectionUrl, settings, workspaceBase } from './views/connection.ts';
import { EngineClient, EngineError } from './views/engineClient.ts';
import { coverageReport, eventLine, statusText } from './views/format.ts';
import { GraphPanel } from './views/graph.ts';
import { SeedbedLog } from './views/log.ts';
import { SeedbedModel, type ModelState } from './views/model.ts';
import type { SeedOutcome, SeedRequestOptions } from './views/protocol.ts';
import { TablesTree, type GroupBy, type Node } from './views/tablesTree.ts';
import { previewHtml } from './views/webviews.ts';

// The VS Code shell over the engine: settings in, views and commands out. The engine itself runs
// in a worker thread (src/views/engineWorker.ts → dist/engine-worker.mjs), so nothing here
// blocks the extension host. No engine logic in this file.

const NOT_YET = 'is not available yet: the Seedbed engine does not have it. It will appear here when it lands.';
const WRITE_COMMANDS = new Set(['seedbed.seedDatabase', 'seedbed.seedTable', 'seedbed.clearTable', 'seedbed.clearDatabase', 'seedbed.undoLastSeed', 'seedbed.useDemoDatabase']);

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

let engineRef: EngineClient | undefined;

export function activate(context: vscode.ExtensionContext): SeedbedApi {
  const t0 = performance.now();
  const log = new SeedbedLog();
  const engine = new EngineClient(context.asAbsolutePath('dist/engine-worker.mjs'));
  engineRef = engine;
  const model = new SeedbedModel(engine, context.secrets);
  const groupBy = context.workspaceState.get<GroupBy>('seedbed.groupBy', 'phase');
  const tree = new TablesTree(model, groupBy);
  const treeView = vscode.window.createTreeView('seedbed.tables', { treeDataProvider: tree, showCollapseAll: true });
  const statusBar = vscode.window.createStatusBarItem('seedbed.coverage', vscode.StatusBarAlignment.Left, 50);
  statusBar.name = 'Seedbed coverage';
  statusBar.command = 'seedbed.showCoverage';
  const codeLens = new SqlCodeLens(model);
  const docs = new ReportDocuments();
  const media = vscode.Uri.joinPath(context.extensionUri, 'media');
  let running: Promise<unknown> | undefined;

  const setContext = (key: string, value: unknown) => vscode.commands.executeCommand('setContext', key, value);
  void setContext('seedbed.groupBy', groupBy);

  const onState = (s: ModelState) => {
    void setContext('seedbed.configured', s.kind !== 'unconfigured');
    if (s.kind === 'ready') {
      statusBar.text = `$(database) ${statusText(s.overview)}`;
      statusBar.tooltip = `${s.connection.display}\n${s.overview.coverage.headline}\nClick for the coverage report.`;
      statusBar.show();
      treeView.message = undefined;
    } else if (s.kind === 'error') {
      statusBar.text = '$(warning) Seedbed';
      statusBar.tooltip = s.fix ? `${s.message}\nFix: ${s.fix}` : s.message;
      statusBar.show();
    } else if (s.kind === 'unconfigured') {
      statusBar.hide();
    }
  };

  const requireTrust = (what: string): boolean => {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window.showWarningMessage(`Seedbed: ${what} writes to a database, which is not allowed in an untrusted workspace. Trust this workspace to seed or clear.`);
    return false;
  };

  /** The open connection, or a message telling how to configure one. */
  const needConnection = async () => {
    const s = await model.ready();
    if (s.kind === 'unconfigured') {
      const pick = await vscode.window.showWarningMessage('Seedbed: no database configured.', 'Select Connection', 'Use a demo SQLite database');
      if (pick === 'Select Connection') await vscode.commands.executeCommand('seedbed.selectConnection');
      if (pick === 'Use a demo SQLite database') await vscode.commands.executeCommand('seedbed.useDemoDatabase');
      return undefined;
    }
    if (!model.connection) {
      void vscode.window.showErrorMessage(`Seedbed: ${s.kind === 'error' ? s.message : 'no connection'}`);
      return undefined;
    }
    return model.connection;
  };

  const runSeed = async (options: SeedRequestOptions, token?: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string; increment?: number }>, listen?: (e: SeedEvent) => void): Promise<SeedOutcome | undefined> => {
    const connection = await needConnection();
    if (!connection) return undefined;
    if (running) {
      void vscode.window.showWarningMessage('Seedbed: a seed is already running; wait for it or cancel it.');
      return undefined;
    }
    const s = settings();
    const request: SeedRequestOptions = { seed: s.seed, rows: s.rows, allowRemote: s.allowRemote || undefined, ...options };
    log.line('');
    log.line(`[${new Date().toLocaleTimeString()}] ${connection.display}${request.tables?.length ? ` — tables: ${request.tables.join(', ')} (and the empty parents they need)` : ''}`);
    let tablesTotal = 0;
    let phase = 0;
    const onEvent = (e: SeedEvent) => {
      listen?.(e);
      if (e.type === 'start') tablesTotal = e.tables;
      if (e.type === 'table-start' && typeof e.phase === 'number' && e.phase !== phase) {
        phase = e.phase;
        log.line(` Phase ${e.phase}`);
      }
      const line = eventLine(e);
      if (line) log.line(line);
      if (progress && e.type === 'table-start') progress.report({ message: `${e.table} (${e.index}/${e.of})` });
      if (progress && e.type === 'table-done' && tablesTotal) progress.report({ increment: 100 / tablesTotal });
    };
    const work = engine.request({ op: 'seed', url: connection.url, options: request }, { onEvent, token });
    running = work;
    try {
      const outcome = await work;
      for (const w of outcome.warnings) log.line(`warning: ${w}`);
      return outcome;
    } catch (e) {
      if (e instanceof EngineError && e.code === 'CANCELLED') {
        log.line('Cancelled: the transaction was rolled back; nothing was written.');
        return undefined;
      }
      throw e;
    } finally {
      running = undefined;
      await model.refresh();
    }
  };

  const seedWithProgress = async (title: string, options: SeedRequestOptions) => {
    if (!requireTrust('Seeding')) return undefined;
    log.show();
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, token) => {
          const outcome = await runSeed(options, token, progress);
          if (outcome) {
            const r = outcome.result;
            void vscode.window.showInformationMessage(`Seedbed: ${r.rows.toLocaleString('en-US')} rows in ${Object.keys(r.perTable).length} tables, ${(r.ms / 1000).toFixed(2)} s. ${model.overview?.coverage.headline ?? ''}`);
          } else if (token.isCancellationRequested) {
            void vscode.window.showInformationMessage('Seedbed: cancelled — rolled back, nothing was written.');
          }
          return outcome;
        },
      );
    } catch (e) {
      const text = log.error('seeding failed', e);
      void vscode.window.showErrorMessage(`Seedbed: ${text}`, 'Show Output').then((b) => b && log.show());
      return undefined;
    }
  };

  const pickTable = async (arg: unknown, verb: string): Promise<string | undefined> => {
    if (typeof arg === 'string') return arg;
    const n = arg as Node | undefined;
    if (n && n.kind === 'table') return n.name;
    if (n && n.kind === 'edge') return n.edge.other;
    await model.ready();
    const o = model.overview;
    if (!o) return undefined;
    const pick = await vscode.window.showQuickPick(
      o.coverage.tables.map((t) => ({ label: t.table, description: `${t.rows}/${t.target} rows` })),
      { placeHolder: `Table to ${verb}` },
    );
    return pick?.label;
  };

  const confirm = async (question: string, action: string): Promise<boolean> => {
    if (!settings().confirmDestructive) return true;
    const answer = await vscode.window.showWarningMessage(question, { modal: true }, action);
    return answer === action;
  };

  const clearTables = async (tables: string[] | undefined) => {
    if (!requireTrust('Clearing')) return;
    const connection = await needConnection();
    if (!connection) return;
    const what = tables?.length ? tables.join(', ') : 'every table';
    if (!(await confirm(`Delete all rows of ${what} in ${connection.display}?`, 'Clear'))) return;
    try {
      const cleared = await engine.request({ op: 'clear', url: connection.url, tables, allowRemote: settings().allowRemote || undefined });
      log.line(`Cleared ${cleared.length} table(s): ${cleared.join(', ')}`);
    } catch (e) {
      const text = log.error(`clearing ${what} failed`, e);
      void vscode.window.showErrorMessage(`Seedbed: ${text}`);
    } finally {
      await model.refresh();
    }
  };

  const notYet = (title: string) => () => {
    void vscode.window.showInformationMessage(`Seedbed: ${title} ${NOT_YET}`);
    return `${title} ${NOT_YET}`;
  };

  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'seedbed.refresh': () => model.refresh(),
    'seedbed.seedDatabase': () => seedWithProgress('Seedbed: seeding the database', {}),
    'seedbed.seedTable': async (arg) => {
      const table = await pickTable(arg, 'seed');
      if (table) return seedWithProgress(`Seedbed: seeding ${table}`, { tables: [table] });
    },
    'seedbed.clearTable': async (arg) => {
      const table = await pickTable(arg, 'clear');
      if (table) await clearTables([table]);
    },
    'seedbed.clearDatabase': () => clearTables(undefined),
    'seedbed.previewRows': async (arg) => {
      const table = await pickTable(arg, 'preview');
      const connection = table && (await needConnection());
      if (!table || !connection) return;
      try {
        const p = await engine.request({ op: 'preview', url: connection.url, table, limit: 100 });
        const panel = vscode.window.createWebviewPanel('seedbed.preview', `Rows: ${table}`, vscode.ViewColumn.Active, { enableScripts: false, localResourceRoots: [media] });
        panel.webview.html = previewHtml(panel.webview, media, p);
        return p;
      } catch (e) {
        void vscode.window.showErrorMessage(`Seedbed: ${log.error(`preview of ${table} failed`, e)}`);
      }
    },
    'seedbed.validate': async () => {
      const connection = await needConnection();
      if (!connection) return;
      try {
        const report = await engine.request({ op: 'validate', url: connection.url });
        log.line('');
        log.line(`Validate ${connection.display}`);
        for (const p of report.problems) log.line(`  ${p.kind}: ${p.table}: ${p.message}`);
        log.line(report.ok ? 'valid: no problems found' : `${report.problems.length} problem(s) found`);
        if (report.ok) void vscode.window.showInformationMessage('Seedbed: valid — foreign keys, integrity, NOT NULL and CHECKs hold.');
        else void vscode.window.showWarningMessage(`Seedbed: ${report.problems.length} problem(s) found.`, 'Show Output').then((b) => b && log.show());
        return report;
      } catch (e) {
        void vscode.window.showErrorMessage(`Seedbed: ${log.error('validate failed', e)}`);
      }
    },
    'seedbed.showPlan': async () => {
      const connection = await needConnection();
      if (!connection) return;
      try {
        const s = settings();
        const plan = await engine.request({ op: 'plan', url: connection.url, options: { rows: s.rows } });
        await docs.show('plan', `Seedbed plan — ${connection.display}\n\n${plan.text}\n`);
        return plan;
      } catch (e) {
        void vscode.window.showErrorMessage(`Seedbed: ${log.error('planning failed', e)}`);
      }
    },
    'seedbed.showCoverage': async () => {
      const s = await model.refresh();
      if (s.kind === 'ready') return docs.show('coverage', coverageReport(s.overview));
      if (s.kind === 'error') void vscode.window.showErrorMessage(`Seedbed: ${s.message}${s.fix ? ` Fix: ${s.fix}` : ''}`);
      if (s.kind === 'unconfigured') await needConnection();
    },
    'seedbed.showGraph': async () => {
      const s = await model.ready();
      if (s.kind !== 'ready') return needConnection();
      return GraphPanel.show(media, model);
    },
    'seedbed.selectConnection': async () => {
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
      const pick = await vscode.window.showQuickPick(items, { placeHolder: `Database for Seedbed (now: ${model.connection?.display ?? 'none'})` });
      if (!pick) return;
      if (pick.action === 'enter') return vscode.commands.executeCommand('seedbed.enterConnectionUrl');
      if (pick.action === 'demo') return vscode.commands.executeCommand('seedbed.useDemoDatabase');
      await saveConnectionUrl(context.secrets, pick.url!);
      return model.refresh();
    },
    'seedbed.enterConnectionUrl': async () => {
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
      await saveConnectionUrl(context.secrets, url);
      return model.refresh();
    },
    'seedbed.useDemoDatabase': async () => {
      if (!requireTrust('Creating the demo database')) return;
      const dir = vscode.Uri.joinPath(context.globalStorageUri, 'demo').fsPath;
      mkdirSync(dir, { recursive: true });
      const file = `${dir}/school.db`;
      try {
        if (!existsSync(file)) {
          const made = await engine.request({ op: 'createFromSchema', file, schemaFile: context.asAbsolutePath('examples/school/schema.sql') });
          log.line(`Created the demo database ${file} (${made.tables} empty tables, the school schema).`);
        }
        await saveConnectionUrl(context.secrets, `sqlite:${file}`);
        await model.refresh();
        void vscode.window.showInformationMessage('Seedbed: using the demo school database (empty). Run "Seedbed: Seed Database" to fill it.', 'Seed Database')
          .then((b) => b && vscode.commands.executeCommand('seedbed.seedDatabase'));
      } catch (e) {
        void vscode.window.showErrorMessage(`Seedbed: ${log.error('creating the demo database failed', e)}`);
      }
    },
    'seedbed.openConfig': async () => {
      const path = settings().configPath || 'seedbed.config.ts';
      const base = workspaceBase();
      if (!base && !path.startsWith('/')) return vscode.window.showWarningMessage('Seedbed: open a folder first; the config file lives in the workspace.');
      const uri = path.startsWith('/') ? vscode.Uri.file(path) : vscode.Uri.joinPath(vscode.Uri.file(base!), path);
      if (!existsSync(uri.fsPath)) {
        const answer = await vscode.window.showInformationMessage(`Seedbed: ${path} does not exist. Seedbed runs with its defaults without a config file; config files are not read by the engine yet.`, 'Open Settings');
        if (answer) await vscode.commands.executeCommand('workbench.action.openSettings', 'seedbed');
        return;
      }
      await vscode.window.showTextDocument(uri);
    },
    'seedbed.groupByPhase': () => setGroup('phase'),
    'seedbed.groupByName': () => setGroup('name'),
    'seedbed.revealTable': async (name) => {
      if (typeof name !== 'string') return;
      const node = tree.tableNode(name);
      if (node) await treeView.reveal(node, { select: true, focus: true, expand: false });
    },
    'seedbed.undoLastSeed': async () => {
      if (!requireTrust('Undo')) return;
      const connection = await needConnection();
      if (!connection) return;
      try {
        const history = await engine.request({ op: 'runs', url: connection.url });
        const last = history.filter((r) => r.status === 'committed').pop();
        if (!last) {
          void vscode.window.showInformationMessage('Seedbed: no seed run to undo in this database.');
          return;
        }
        const tables = Object.keys(last.tables).length;
        if (!(await confirm(`Undo seed run ${last.id} (${last.startedAt}, ${last.rows} rows in ${tables} tables)? Exactly the rows it inserted are deleted.`, 'Undo'))) return;
        const r = await engine.request({ op: 'undo', url: connection.url, runId: last.id, allowRemote: settings().allowRemote || undefined });
        const deleted = Object.values(r.deleted).reduce((a, b) => a + b, 0);
        const kept = Object.entries(r.kept).filter(([, n]) => n > 0);
        log.line(`Undid run ${r.runId}: deleted ${deleted} rows in ${Object.keys(r.deleted).length} tables${kept.length ? `; kept (still referenced): ${kept.map(([t, n]) => `${t} ${n}`).join(', ')}` : ''}.`);
        void vscode.window.showInformationMessage(`Seedbed: undid run ${r.runId}, ${deleted} rows deleted.`);
        return r;
      } catch (e) {
        void vscode.window.showErrorMessage(`Seedbed: ${log.error('undo failed', e)}`);
      } finally {
        await model.refresh();
      }
    },
    'seedbed.selectScenario': notYet('Select Scenario'),
    'seedbed.runMikroOrmSeeder': notYet('Run MikroORM Seeder'),
  };

  const setGroup = async (g: GroupBy) => {
    await context.workspaceState.update('seedbed.groupBy', g);
    await setContext('seedbed.groupBy', g);
    tree.setGroupBy(g);
  };

  for (const [id, fn] of Object.entries(commands)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      if (WRITE_COMMANDS.has(id) && !vscode.workspace.isTrusted) return requireTrust('This command');
      try {
        return await fn(...args);
      } catch (e) {
        void vscode.window.showErrorMessage(`Seedbed: ${log.error(id, e)}`);
      }
    }));
  }

  context.subscriptions.push(
    log, model, tree, treeView, statusBar, docs, engineDisposable(engine),
    model.onDidChange(onState),
    vscode.workspace.registerTextDocumentContentProvider(ReportDocuments.scheme, docs),
    vscode.languages.registerCodeLensProvider([{ language: 'sql' }, { pattern: '**/*.sql' }, { language: 'typescript' }, { language: 'javascript' }], codeLens),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('seedbed')) return;
      if (e.affectsConfiguration('seedbed.databaseUrl') && (await moveSecretsOutOfSettings(context.secrets))) {
        void vscode.window.showInformationMessage('Seedbed moved the database password from settings to VS Code\'s secret storage.');
      }
      await model.refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => model.refresh()),
  );

  void moveSecretsOutOfSettings(context.secrets).then((moved) => {
    if (moved) void vscode.window.showInformationMessage('Seedbed moved the database password from settings to VS Code\'s secret storage.');
    return model.refresh();
  });

  const activationMs = Math.round(performance.now() - t0);
  log.line(`Seedbed activated in ${activationMs} ms (engine runs in a worker thread).`);
  return {
    model, tree, treeView, log, engine, statusBar, codeLens, activationMs,
    seed: (options = {}, token, onEvent) => runSeed(options, token, undefined, onEvent),
    ready: () => model.ready(),
  };
}

function engineDisposable(engine: EngineClient): vscode.Disposable {
  return { dispose: () => void engine.dispose() };
}

/** Read-only documents for the plan and the coverage report (`seedbed:` URIs). */
class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'seedbed';
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }

  async show(name: string, text: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: ReportDocuments.scheme, path: `/${name}.txt` });
    this.texts.set(uri.path, text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export async function deactivate(): Promise<void> {
  await engineRef?.dispose();
}
