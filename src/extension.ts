import { existsSync, mkdirSync } from 'node:fs';
import { noun, plural } from './seeders/words.ts';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { parseDatabaseUrl } from './seeders/drivers/url.ts';
import { errorText } from './seeders/errors.ts';
import { undoText } from './seeders/ledger/describe.ts';
import { undoableRuns } from './seeders/ledger/ledger.ts';
import type { SeedEvent } from './seeders/index.ts';
import { SqlCodeLens } from './views/codeLens.ts';
import { configRef, guardSettings, moveSecretsOutOfSettings, saveConnectionUrl, settings, workspaceBase } from './views/connection.ts';
import { EngineClient, EngineError } from './views/engineClient.ts';
import { configText, coverageReport, ignoredConfigText, eventLine, noticeText, scenarioOf, statusText } from './views/format.ts';
import { GraphPanel } from './views/graph.ts';
import { SeedbedLog } from './views/log.ts';
import { SeedbedModel, type ModelState } from './views/model.ts';
import type { ConfigUsed, SeedOutcome, SeedRequestOptions } from './views/protocol.ts';
import { shortPath, TablesTree, type GroupBy, type Node } from './views/tablesTree.ts';
import { previewHtml } from './views/webviews.ts';

// The VS Code shell over the engine: settings in, views and commands out. The engine itself runs
// in a worker thread (src/views/engineWorker.ts → dist/engine-worker.mjs), so nothing here
// blocks the extension host. No engine logic in this file.

const WRITE_COMMANDS = new Set(['seedbed.seedDatabase', 'seedbed.seedTable', 'seedbed.clearTable', 'seedbed.clearDatabase', 'seedbed.undoLastSeed', 'seedbed.useDemoDatabase', 'seedbed.runMikroOrmSeeder']);
/** The quick pick's "no scenario" entry (also accepted as the command's argument). */
const NO_SCENARIO = '(none)';
const configLine = (c: ConfigUsed) => `Config ${shortPath(c.file)} · scenario ${c.scenario ?? '(none)'}`;

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

// Notifications with text from the database (names in errors, progress) go through noticeText:
// a name like [x](command:…) never becomes a link that runs a command.
const showError = (message: string, ...items: string[]) => vscode.window.showErrorMessage(noticeText(message), ...items);
const showWarning = (message: string, ...items: string[]) => vscode.window.showWarningMessage(noticeText(message), ...items);
const showInformation = (message: string, ...items: string[]) => vscode.window.showInformationMessage(noticeText(message), ...items);

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
      const config = configText(s.overview, shortPath);
      statusBar.tooltip = `${s.connection.display}\n${s.overview.coverage.headline}${config ? `\n${config}` : ''}\nClick for the coverage report.`;
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
    void showWarning(`Seedbed: ${what} writes to a database, which is not allowed in an untrusted workspace. Trust this workspace to seed or clear.`);
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
      void showError(`Seedbed: ${s.kind === 'error' ? s.message : 'no connection'}`);
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
    const request: SeedRequestOptions = { seed: s.seed, rows: s.rows, ...guardSettings(), ...options };
    log.line('');
    log.line(`[${new Date().toLocaleTimeString()}] ${connection.display}${connection.from ? ` (from ${shortPath(connection.from)})` : ""}${request.tables?.length ? ` — tables: ${request.tables.join(', ')} (and the empty parents they need)` : ''}`);
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
      if (progress && e.type === 'table-start') progress.report({ message: noticeText(`${e.table} (${e.index}/${e.of})`) });
      if (progress && e.type === 'table-done' && tablesTotal) progress.report({ increment: 100 / tablesTotal });
    };
    const onConfig = (c: ConfigUsed) => log.line(configLine(c));
    const work = engine.request({ op: 'seed', url: connection.url, options: request, config: configRef() }, { onEvent, onConfig, token });
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
            const scenario = outcome.config?.scenario ? ` (scenario ${outcome.config.scenario})` : '';
            void showInformation(`Seedbed: ${r.rows.toLocaleString('en-US')} ${noun(r.rows, 'row')} in ${plural(Object.keys(r.perTable).length, 'table')}${scenario}, ${(r.ms / 1000).toFixed(2)} s. ${model.overview?.coverage.headline ?? ''}`);
          } else if (token.isCancellationRequested) {
            void vscode.window.showInformationMessage('Seedbed: cancelled — rolled back, nothing was written.');
          }
          return outcome;
        },
      );
    } catch (e) {
      const text = log.error('seeding failed', e);
      void showError(`Seedbed: ${text}`, 'Show Output').then((b) => b && log.show());
      return undefined;
    }
  };

  /** The rows a seed would write, as files in a folder the user picks; the database is only read. */
  const exportSeedData = async () => {
    const connection = await needConnection();
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
        engine.request({ op: 'export', url: connection.url, out: folder[0].fsPath, format: format.label, options: { seed: s.seed, rows: s.rows }, config: configRef() }, {
          token, onConfig: (c) => log.line(configLine(c)), onEvent: (e) => { if (e.type === 'table-start') progress.report({ message: noticeText(`${e.table} (${e.index}/${e.of})`) }); },
        }));
      for (const w of r.warnings) log.line(`warning: ${w}`);
      log.line(`Exported ${plural(r.rows, 'row')} of ${plural(r.tables, 'table')} as ${r.format} to ${r.dir}`);
      void showInformation(`Seedbed: exported ${r.rows.toLocaleString('en-US')} ${noun(r.rows, 'row')} of ${plural(r.tables, 'table')} as ${r.format}.`);
      return r;
    } catch (e) {
      void showError(`Seedbed: ${log.error('export failed', e)}`);
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
    const answer = await vscode.window.showWarningMessage(noticeText(question), { modal: true }, action);
    return answer === action;
  };

  const clearTables = async (tables: string[] | undefined) => {
    if (!requireTrust('Clearing')) return;
    const connection = await needConnection();
    if (!connection) return;
    const what = tables?.length ? tables.join(', ') : 'every table';
    if (!(await confirm(`Delete all rows of ${what} in ${connection.display}?`, 'Clear'))) return;
    try {
      const cleared = await engine.request({ op: 'clear', url: connection.url, tables, ...guardSettings() });
      log.line(`Cleared ${cleared.length} table(s): ${cleared.join(', ')}`);
    } catch (e) {
      const text = log.error(`clearing ${what} failed`, e);
      void showError(`Seedbed: ${text}`);
    } finally {
      await model.refresh();
    }
  };

  /** The workspace's config reference, or a warning when there is no folder to hold one. */
  const needConfigRef = () => {
    const ref = configRef();
    if (!ref) void vscode.window.showWarningMessage('Seedbed: open a folder first; the config file lives in the workspace.');
    return ref;
  };

  const settingsTarget = () => (vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);

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
        void showError(`Seedbed: ${log.error(`preview of ${table} failed`, e)}`);
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
        log.line(report.ok ? 'valid: no problems found' : `${plural(report.problems.length, 'problem')} found`);
        if (report.ok) void vscode.window.showInformationMessage('Seedbed: valid — foreign keys, integrity, NOT NULL and CHECKs hold.');
        else void showWarning(`Seedbed: ${plural(report.problems.length, 'problem')} found.`, 'Show Output').then((b) => b && log.show());
        return report;
      } catch (e) {
        void showError(`Seedbed: ${log.error('validate failed', e)}`);
      }
    },
    'seedbed.showPlan': async () => {
      const connection = await needConnection();
      if (!connection) return;
      try {
        const s = settings();
        const plan = await engine.request({ op: 'plan', url: connection.url, options: { rows: s.rows, seed: s.seed }, config: configRef() });
        const config = plan.config ? configLine(plan.config) : plan.ignoredConfig ? ignoredConfigText(plan.ignoredConfig, shortPath) : undefined;
        await docs.show('plan', `Seedbed plan — ${connection.display}${config ? `\n${config}` : ''}\n\n${plan.text}\n`);
        return plan;
      } catch (e) {
        void showError(`Seedbed: ${log.error('planning failed', e)}`);
      }
    },
    'seedbed.exportSeedData': () => exportSeedData(),
    'seedbed.showCoverage': async () => {
      const s = await model.refresh();
      if (s.kind === 'ready') return docs.show('coverage', coverageReport(s.overview));
      if (s.kind === 'error') void showError(`Seedbed: ${s.message}${s.fix ? ` Fix: ${s.fix}` : ''}`);
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
        void showError(`Seedbed: ${log.error('creating the demo database failed', e)}`);
      }
    },
    'seedbed.openConfig': async (arg) => {
      // The engine finds the file (seedbed.configPath, else the folder's seedbed.config.ts/.mts/.js/.mjs)
      // without running it; a missing one is written by the engine's `init` from the live schema.
      const ref = needConfigRef();
      if (!ref) return;
      const where = await engine.request({ op: 'locateConfig', config: ref });
      if (where.file) return vscode.window.showTextDocument(vscode.Uri.file(where.file));
      const name = shortPath(where.expected);
      if ((arg as { create?: boolean } | undefined)?.create !== true) {
        const answer = await vscode.window.showInformationMessage(
          `Seedbed: there is no ${name} yet. Create it from the live schema? It gets light/medium/heavy scenarios and examples for your tables, and seedbed.schema.d.ts types its table and column names.`,
          'Create Config', 'Open Settings',
        );
        if (answer === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'seedbed.configPath');
        if (answer !== 'Create Config') return;
      }
      const connection = await needConnection();
      if (!connection) return;
      const made = await engine.request({ op: 'initConfig', url: connection.url, config: ref });
      log.line(`Wrote ${made.files.map(shortPath).join(' and ')} from the schema of ${connection.display} (${plural(made.tables, 'table')}). Seed Database now uses it${vscode.workspace.isTrusted ? '' : ' once the workspace is trusted'}; Select Scenario picks a scenario.`);
      const editor = await vscode.window.showTextDocument(vscode.Uri.file(made.files[0]));
      await model.refresh();
      return editor;
    },
    'seedbed.selectScenario': async (arg) => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage('Seedbed: scenarios come from seedbed.config.ts, which is code; it is not run in an untrusted workspace. Trust this workspace to use it.');
        return false;
      }
      const ref = needConfigRef();
      if (!ref) return;
      const info = await engine.request({ op: 'configInfo', config: ref });
      if (!info) {
        const b = await vscode.window.showInformationMessage('Seedbed: scenarios are defined in seedbed.config.ts, and this workspace has none.', 'Create Config');
        if (b) await vscode.commands.executeCommand('seedbed.openConfig', { create: true });
        return;
      }
      if (!info.scenarios.length && info.error) throw new EngineError(info.error);
      const fallback = info.scenarios.find((x) => x.default)?.name;
      let name: string;
      if (typeof arg === 'string') {
        name = arg === NO_SCENARIO ? '' : arg.trim();
      } else {
        if (!info.scenarios.length) {
          const b = await showInformation(`Seedbed: ${shortPath(info.file)} defines no scenarios. Add some, e.g. scenarios: { light: { rows: 5 }, heavy: { rows: 2000 } }.`, 'Open Config');
          if (b) await vscode.commands.executeCommand('seedbed.openConfig');
          return;
        }
        const current = settings().scenario;
        type Item = vscode.QuickPickItem & { name: string };
        const items: Item[] = [
          { label: NO_SCENARIO, description: fallback ? `the config's defaultScenario (${fallback})` : 'the config\'s own sizes', name: '' },
          ...info.scenarios.map((x) => ({
            label: x.name,
            description: [x.rows === undefined ? undefined : `${x.rows} rows/table`, x.tables.length ? `${x.tables.length} tables sized` : undefined, x.default ? 'default' : undefined, x.name === current ? 'selected' : undefined].filter(Boolean).join(' · '),
            detail: x.description,
            name: x.name,
          })),
        ];
        const pick = await vscode.window.showQuickPick(items, { placeHolder: `Scenario for Seed Database, from ${shortPath(info.file)} (now: ${info.scenario ?? NO_SCENARIO})` });
        if (!pick) return;
        name = pick.name;
      }
      if (name) {
        // The engine checks the name (and suggests the nearest one).
        const check = await engine.request({ op: 'configInfo', config: { ...ref, scenario: name } });
        if (check?.error) throw new EngineError(check.error);
      }
      const c = vscode.workspace.getConfiguration('seedbed');
      await c.update('scenario', name || (c.inspect<string>('scenario')?.globalValue ? '' : undefined), settingsTarget());
      await model.refresh();
      const effective = scenarioOf(model.overview) ?? (name || fallback);
      log.line(`Scenario: ${name || `${NO_SCENARIO}${fallback ? ` — the config's default, ${fallback}, applies` : ''}`} (${shortPath(info.file)}). The next Seed Database uses it.`);
      return effective ?? '';
    },
    'seedbed.runMikroOrmSeeder': async (arg) => {
      const base = workspaceBase();
      if (!base) return vscode.window.showWarningMessage('Seedbed: open the folder of a MikroORM project first.');
      const a = typeof arg === 'string' ? { seeder: arg } : ((arg ?? {}) as { project?: string; seeder?: string });
      let project = a.project && (isAbsolute(a.project) ? a.project : join(base, a.project));
      if (!project) {
        const found = await vscode.workspace.findFiles('**/mikro-orm.config.{ts,mts,cts,js,mjs,cjs}', '**/{node_modules,.git,.vscode-test,dist,build}/**', 50);
        const projects = await engine.request({ op: 'mikroOrmProjects', dir: base, found: found.map((u) => u.fsPath) });
        if (!projects.length) {
          throw new EngineError({
            message: 'No MikroORM config in this workspace.',
            fix: 'Add mikro-orm.config.ts (or src/mikro-orm.config.ts, or package.json "mikro-orm": { "configPaths": [...] }) to the project, or open the MikroORM project\'s own folder.',
          });
        }
        project = projects.length === 1
          ? projects[0]
          : (await vscode.window.showQuickPick(projects.map((p) => ({ label: shortPath(p), file: p })), { placeHolder: 'MikroORM project' }))?.file;
        if (!project) return;
      }
      const info = await engine.request({ op: 'mikroOrmSeeders', project });
      if (!info.seeders.length) {
        throw new EngineError({
          message: `The MikroORM project of ${shortPath(info.file)} has no seeder classes (looked in seeder.pathTs / seeder.path, default ./seeders or ./src/seeders).`,
          fix: 'Write one with `npx mikro-orm seeder:create DatabaseSeeder`, or set seeder.path in the MikroORM config.',
        });
      }
      let seeder = a.seeder;
      if (!seeder) {
        const ordered = [...info.seeders].sort((x, y) => Number(y.default) - Number(x.default));
        const pick = await vscode.window.showQuickPick(
          ordered.map((x) => ({
            label: x.name,
            description: [x.default ? 'default' : undefined, x.seedbed ? 'Seedbed\'s automatic seeding' : undefined, x.file ? shortPath(x.file) : 'seedersList'].filter(Boolean).join(' · '),
          })),
          { placeHolder: `Seeder to run on ${info.database} (${shortPath(info.file)})` },
        );
        if (!pick) return;
        seeder = pick.label;
      }
      log.show();
      log.line('');
      log.line(`[${new Date().toLocaleTimeString()}] MikroORM seeder ${seeder} (${shortPath(info.file)}) → ${info.database}, in one transaction`);
      try {
        const r = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `Seedbed: running MikroORM seeder ${seeder}`, cancellable: false },
          () => engine.request({ op: 'mikroOrmSeed', project: project!, seeder, ...guardSettings() }),
        );
        for (const [t, n] of Object.entries(r.added)) log.line(`  ${t}: ${n.toLocaleString('en-US')} rows`);
        log.line(`Done: ${r.rows.toLocaleString('en-US')} rows in ${(r.ms / 1000).toFixed(2)} s (${r.seeder}, committed).`);
        const state = await model.refresh();
        const shown = state.kind === 'unconfigured' ? undefined : state.connection?.display;
        if (shown === r.display) {
          void showInformation(`Seedbed: ${r.seeder} added ${r.rows.toLocaleString('en-US')} rows. ${model.overview?.coverage.headline ?? ''}`);
        } else {
          void showInformation(`Seedbed: ${r.seeder} added ${r.rows.toLocaleString('en-US')} rows to ${r.display}, which is not the database Seedbed shows.`, 'Show It in Seedbed')
            .then(async (b) => {
              if (!b) return;
              await saveConnectionUrl(context.secrets, r.url);
              await model.refresh();
            });
        }
        return r;
      } catch (e) {
        const text = log.error(`MikroORM seeder ${seeder} failed`, e);
        void showError(`Seedbed: ${text}`, 'Show Output').then((b) => b && log.show());
        return undefined;
      }
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
        const last = undoableRuns(history).pop();
        if (!last) {
          void vscode.window.showInformationMessage('Seedbed: no seed run to undo in this database.');
          return;
        }
        const tables = Object.keys(last.tables).length;
        if (!(await confirm(`Undo seed run ${last.id} (${last.startedAt}, ${plural(last.rows, 'row')} in ${plural(tables, 'table')})? Exactly the rows it inserted are deleted.`, 'Undo'))) return;
        const r = await engine.request({ op: 'undo', url: connection.url, runId: last.id, ...guardSettings() });
        const text = undoText(r);
        log.line(text);
        void showInformation(`Seedbed: ${text.split('\n')[0]}`);
        return r;
      } catch (e) {
        void showError(`Seedbed: ${log.error('undo failed', e)}`);
      } finally {
        await model.refresh();
      }
    },
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
        void showError(`Seedbed: ${log.error(id, e)}`);
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
  // An edited, created or deleted config changes scenarios, targets and the plan: read it again.
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/seedbed.config.{ts,mts,js,mjs}');
  let configTimer: NodeJS.Timeout | undefined;
  const onConfigFile = () => {
    clearTimeout(configTimer);
    configTimer = setTimeout(() => void model.refresh(), 300);
  };
  context.subscriptions.push(configWatcher, configWatcher.onDidChange(onConfigFile), configWatcher.onDidCreate(onConfigFile), configWatcher.onDidDelete(onConfigFile), { dispose: () => clearTimeout(configTimer) });

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

  private shown = 0;

  async show(name: string, text: string): Promise<vscode.TextEditor> {
    // A new URI (query) each time: an open report with the same URI would otherwise keep showing
    // its earlier text until VS Code happens to read it again.
    const uri = vscode.Uri.from({ scheme: ReportDocuments.scheme, path: `/${name}.txt`, query: String(++this.shown) });
    this.texts.set(uri.path, text);
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
