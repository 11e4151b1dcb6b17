import * as assert from 'node:assert/strict';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, tableItems, waitFor } from '../helpers.ts';

// Run in a workspace that is NOT trusted (Workspace Trust on, folder never trusted):
// Seedbed shows the schema and the counts, and writes nothing.

describe('untrusted workspace: read-only', () => {
  it('is really untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('still shows the tables and their coverage', async () => {
    const a = await api();
    assert.equal(a.model.state.kind, 'ready');
    const tables = tableItems(a);
    assert.ok(tables.length > 100);
    assert.match(a.statusBar.text, /Seedbed 0\/\d+ tables$/);
  });

  it('refuses to seed, clear or undo, and the database stays as it was', async () => {
    const a = await api();
    for (const id of ['seedbed.seedDatabase', 'seedbed.seedTable', 'seedbed.clearDatabase', 'seedbed.undoLastSeed', 'seedbed.useDemoDatabase', 'seedbed.runMikroOrmSeeder']) {
      const r = await vscode.commands.executeCommand(id, 'students');
      assert.equal(r, false, `${id} ran in an untrusted workspace`);
    }
    await a.model.refresh();
    assert.equal(a.model.overview!.coverage.withData, 0);
  });

  it('still reads: plan and validate work', async () => {
    const plan = (await vscode.commands.executeCommand('seedbed.showPlan')) as { text: string };
    assert.match(plan.text, /^Plan: /);
    const report = (await vscode.commands.executeCommand('seedbed.validate')) as { ok: boolean };
    assert.equal(report.ok, true);
  });

  it("does not connect to another machine that the workspace's own seedbed.databaseUrl names: the tree says why and what to do", async () => {
    const a = await api();
    const cfg = vscode.workspace.getConfiguration('seedbed');
    const before = cfg.inspect<string>('databaseUrl')?.workspaceValue;
    // TEST-NET-2 (RFC 5737): never routed; a connection attempt would only time out.
    await cfg.update('databaseUrl', 'postgresql://postgres@198.51.100.7:5432/app', vscode.ConfigurationTarget.Workspace);
    try {
      await a.model.refresh();
      const state = await waitFor('the refusal', () => (a.model.state.kind === 'error' ? a.model.state : undefined));
      assert.equal(state.message, 'This workspace is not trusted, and its setting seedbed.databaseUrl names a server on another machine (postgresql://postgres@198.51.100.7:5432/app): Seedbed does not connect there, as the server could ask for your password (PGPASSWORD, ~/.pgpass) and get it.');
      assert.match(state.fix ?? '', /^Trust the workspace if you know that server/);
    } finally {
      await cfg.update('databaseUrl', before, vscode.ConfigurationTarget.Workspace);
      await a.model.refresh();
    }
    await waitFor('the workspace database again', () => a.model.state.kind === 'ready' || undefined);
  });

  it('never runs seedbed.config.ts (it is code): the tree says it is not used, Select Scenario refuses, Open Config only opens it', async () => {
    const a = await api();
    const ws = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const file = join(ws, 'seedbed.config.ts');
    const marker = join(ws, 'CONFIG-CODE-RAN');
    writeFileSync(file, `import { writeFileSync } from 'node:fs';
writeFileSync(${JSON.stringify(marker)}, 'the config ran');
export default { scenarios: { light: { rows: 1 } }, defaultScenario: 'light' };
`);
    try {
      await a.model.refresh();
      const c = await waitFor('the config noticed', () => a.model.overview?.config);
      assert.equal(c.file, file);
      assert.equal(c.ignored, true);
      assert.deepEqual(c.scenarios, []);
      // The file watcher reloads the model once more (debounced); read the tree when it has settled.
      const note = await waitFor('the tree says the config is not used', () => a.tree.getChildren().map((n) => a.tree.getTreeItem(n)).find((i) => i.id === 'msg:config'));
      assert.equal(note.label, 'seedbed.config.ts is not used: this workspace is not trusted (a config file is code).');
      assert.doesNotMatch(a.statusBar.text, /light/);

      assert.equal(await vscode.commands.executeCommand('seedbed.selectScenario', 'light'), false);
      const plan = (await vscode.commands.executeCommand('seedbed.showPlan')) as { text: string; config?: unknown };
      assert.equal(plan.config, undefined);
      // The plan opens as a new document; the editor may take a moment to show it.
      await waitFor('the plan says the config is not used', () => vscode.workspace.textDocuments.some((d) => /^Seedbed plan — [^]*seedbed\.config\.ts is not used: this workspace is not trusted/.test(d.getText())));
      const editor = (await vscode.commands.executeCommand('seedbed.openConfig')) as vscode.TextEditor;
      assert.equal(editor.document.uri.fsPath, file);
      assert.equal(existsSync(marker), false, 'the config file was run in an untrusted workspace');
    } finally {
      rmSync(file, { force: true });
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
