import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import type { SeedOutcome } from '../../../src/views/protocol.ts';
import { api, label, tableItems, waitFor } from '../helpers.ts';

// seedbed.config.ts in the extension: the workspace's booking/ folder holds examples/booking
// (scenarios light / medium / heavy with exact sizes) and an empty booking.db (see
// test/support/vscode-workspace.ts addExampleProjects). Select Scenario → Seed Database gives the
// scenario's row counts in the database and the tree; Open Config opens or creates the file.

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const cfg = () => vscode.workspace.getConfiguration('seedbed');
const set = (key: string, value: unknown) => cfg().update(key, value, vscode.ConfigurationTarget.Workspace);

/** Description of a table's tree item. */
const described = (a: Awaited<ReturnType<typeof api>>, table: string) => String(tableItems(a).find((t) => label(t.item) === table)?.item.description);

describe('seedbed.config.ts: Select Scenario, Seed Database, Open Config', () => {
  before(async () => {
    const a = await api();
    await set('configPath', 'booking/seedbed.config.ts');
    await set('databaseUrl', 'sqlite:booking/booking.db');
    await waitFor('the booking database with its config', () => a.model.state.kind === 'ready' && a.model.overview!.display.endsWith('booking.db') && a.model.overview!.config?.scenario === 'medium');
  });

  after(async () => {
    const a = await api();
    await set('scenario', undefined);
    await set('configPath', undefined);
    await set('databaseUrl', 'sqlite:school.db');
    await waitFor('back on the school database', () => a.model.state.kind === 'ready' && a.model.overview!.display.endsWith('school.db') && !a.model.overview!.config);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reads the config (in the engine worker): its scenarios, and the default one in the tree and status bar', async () => {
    const a = await api();
    const c = a.model.overview!.config!;
    assert.equal(c.file, join(ws(), 'booking', 'seedbed.config.ts'));
    assert.equal(c.error, undefined);
    assert.deepEqual(c.scenarios.map((s) => `${s.name}${s.default ? '*' : ''}`), ['light', 'medium*', 'heavy']);
    assert.equal(a.statusBar.text, '$(database) Seedbed 0/9 tables · medium');
    assert.match(String(a.statusBar.tooltip), /Config booking\/seedbed\.config\.ts, scenario medium/);
    const conn = a.tree.getTreeItem(a.tree.getChildren()[0]);
    assert.equal(conn.description, 'sqlite · 0/9 tables with data · scenario medium');
    // Targets follow the scenario's sizes.
    assert.equal(described(a, 'users'), '0/8 rows · 0%');
  });

  it('with seedbed.databaseUrl empty, uses the config\'s `database` (as the CLI does without --db) and says where it came from', async () => {
    const a = await api();
    await set('databaseUrl', undefined);
    try {
      await waitFor('the config\'s database', () => a.model.state.kind === 'ready' && a.model.connection?.from !== undefined);
      assert.equal(a.model.connection!.from, join(ws(), 'booking', 'seedbed.config.ts'));
      assert.ok(a.model.overview!.display.endsWith('booking.db'), a.model.overview!.display);
      const conn = a.tree.getTreeItem(a.tree.getChildren()[0]);
      assert.equal(conn.label, 'booking.db');
      assert.match(String(conn.tooltip), /from booking\/seedbed\.config\.ts; set seedbed\.databaseUrl to use another/);
    } finally {
      await set('databaseUrl', 'sqlite:booking/booking.db');
      await waitFor('the booking database from the setting', () => a.model.state.kind === 'ready' && a.model.connection?.from === undefined && a.model.overview!.display.endsWith('booking.db'));
    }
  });

  it('Select Scenario "light" stores the setting; Seed Database then makes light\'s rows and says so', async () => {
    const a = await api();
    const chosen = await vscode.commands.executeCommand('seedbed.selectScenario', 'light');
    assert.equal(chosen, 'light');
    assert.equal(cfg().inspect<string>('scenario')!.workspaceValue, 'light');
    assert.equal(a.statusBar.text, '$(database) Seedbed 0/9 tables · light');
    assert.equal(described(a, 'users'), '0/3 rows · 0%');

    const before = a.log.lines.length;
    const outcome = (await vscode.commands.executeCommand('seedbed.seedDatabase')) as SeedOutcome;
    assert.equal(outcome.config?.scenario, 'light');
    const made = Object.fromEntries(Object.entries(outcome.result.perTable).filter(([, n]) => n > 0));
    assert.deepEqual(made, { users: 3, packages: 2, class_templates: 1, class_instances: 1 });
    const lines = a.log.lines.slice(before);
    assert.ok(lines.includes('Config booking/seedbed.config.ts · scenario light'), lines.slice(0, 6).join('\n'));
    assert.ok(lines.some((l) => /^ {2}users: 3 rows · /.test(l)), lines.join('\n'));

    // The database itself (rows counted by the engine) and the tree agree.
    const cov = Object.fromEntries(a.model.overview!.coverage.tables.map((t) => [t.table, t.rows]));
    assert.deepEqual(cov, { users: 3, packages: 2, class_templates: 1, class_instances: 1, user_packages: 0, bookings: 0, waitlist_entries: 0, payments: 0, friendships: 0 });
    assert.equal(described(a, 'users'), '3/3 rows · 100%');
    assert.equal(described(a, 'class_instances'), '1/1 rows · 100%');
    assert.equal(described(a, 'bookings'), '0/0 rows · 100%', 'light wants no bookings: that is full, not empty');
    assert.equal(a.statusBar.text, '$(database) Seedbed 4/9 tables · light');
    assert.equal(a.tree.getTreeItem(a.tree.getChildren()[0]).description, 'sqlite · 4/9 tables with data · scenario light');
  });

  it('Show Plan uses the selected scenario', async () => {
    const plan = (await vscode.commands.executeCommand('seedbed.showPlan')) as { text: string; config?: { scenario?: string } };
    assert.equal(plan.config?.scenario, 'light');
    await waitFor('the plan document as the active editor', () => vscode.window.activeTextEditor?.document.uri.scheme === 'seedbed', 10_000).catch(() => undefined);
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '(no active editor after 10 s)', /^Seedbed plan — .*booking\.db\nConfig booking\/seedbed\.config\.ts · scenario light\n/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('switching to "medium" (clear, seed) gives medium\'s sizes', async () => {
    const a = await api();
    assert.equal(await vscode.commands.executeCommand('seedbed.selectScenario', 'medium'), 'medium');
    await vscode.commands.executeCommand('seedbed.clearDatabase');
    assert.equal(a.model.overview!.coverage.withData, 0);
    const outcome = (await vscode.commands.executeCommand('seedbed.seedDatabase')) as SeedOutcome;
    assert.equal(outcome.config?.scenario, 'medium');
    const p = outcome.result.perTable;
    assert.deepEqual([p.users, p.packages, p.class_templates, p.class_instances], [8, 5, 6, 24]);
    assert.ok(p.bookings > 0 && p.user_packages > 0, JSON.stringify(p));
    assert.equal(described(a, 'class_instances'), '24/24 rows · 100%');
  });

  it('an unknown scenario is refused with the nearest name; the setting stays', async () => {
    const a = await api();
    const before = a.log.lines.length;
    assert.equal(await vscode.commands.executeCommand('seedbed.selectScenario', 'lihgt'), undefined);
    const said = a.log.lines.slice(before).join('\n');
    assert.match(said, /Unknown scenario "lihgt"\. Scenarios in .*seedbed\.config\.ts: light, medium, heavy\./);
    assert.match(said, /Fix: Did you mean "light"\?/);
    assert.equal(cfg().inspect<string>('scenario')!.workspaceValue, 'medium');
  });

  it('"(none)" clears the setting: the config\'s defaultScenario applies', async () => {
    const a = await api();
    assert.equal(await vscode.commands.executeCommand('seedbed.selectScenario', '(none)'), 'medium');
    assert.equal(cfg().inspect<string>('scenario')!.workspaceValue, undefined);
    assert.equal(a.model.overview!.config?.scenario, 'medium');
  });

  it('Open Config opens the configured file', async () => {
    const editor = (await vscode.commands.executeCommand('seedbed.openConfig')) as vscode.TextEditor;
    assert.equal(editor.document.uri.fsPath, join(ws(), 'booking', 'seedbed.config.ts'));
    await waitFor('the config as the active editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === editor.document.uri.fsPath, 10_000).catch(() => undefined);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, editor.document.uri.fsPath, 'waited 10 s for the config as the active editor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Open Config creates seedbed.config.ts (+ seedbed.schema.d.ts) from the live schema when there is none, and the engine uses it', async () => {
    const a = await api();
    const file = join(ws(), 'seedbed.config.ts');
    const types = join(ws(), 'seedbed.schema.d.ts');
    await set('configPath', undefined);
    await waitFor('no config', () => a.model.state.kind === 'ready' && !a.model.overview!.config);
    try {
      const editor = (await vscode.commands.executeCommand('seedbed.openConfig', { create: true })) as vscode.TextEditor;
      assert.equal(editor.document.uri.fsPath, file);
      assert.ok(existsSync(types));
      const text = readFileSync(file, 'utf8');
      assert.match(text, /export default defineConfig<Schema>\(\{/);
      assert.match(text, /database: 'sqlite:booking\/booking\.db',/);
      assert.match(readFileSync(types, 'utf8'), /^ {2}class_instances: \{$/m);
      assert.ok(a.log.lines.some((l) => l.startsWith('Wrote seedbed.config.ts and seedbed.schema.d.ts from the schema of ')));
      await waitFor('the new config in use', () => a.model.overview?.config?.file === file && a.model.overview.config.scenario === 'medium');
      assert.equal(a.model.overview!.config!.error, undefined);
    } finally {
      rmSync(file, { force: true });
      rmSync(types, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
