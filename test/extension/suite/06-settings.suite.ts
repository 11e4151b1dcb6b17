import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, label, waitFor } from '../helpers.ts';

describe('settings and secrets', () => {
  it('moves a password out of seedbed.databaseUrl into SecretStorage, and never shows it', async () => {
    const a = await api();
    const cfg = () => vscode.workspace.getConfiguration('seedbed');
    const original = cfg().inspect<string>('databaseUrl')!.workspaceValue;
    try {
      await cfg().update('databaseUrl', 'postgresql://app:s3cret-pw@127.0.0.1:1/appdb', vscode.ConfigurationTarget.Workspace);
      await waitFor('password moved out of settings', () => cfg().inspect<string>('databaseUrl')!.workspaceValue === 'postgresql://app@127.0.0.1:1/appdb');
      // Nothing listens on port 1: the engine reports that, with the fix, and without the password.
      const state = await waitFor('error state for the PostgreSQL URL', () => (a.model.state.kind === 'error' ? a.model.state : undefined));
      assert.match(state.connection?.url ?? '', /:s3cret-pw@/, 'the password is restored from SecretStorage to connect');
      assert.equal(state.connection?.display, 'postgresql://app@127.0.0.1:1/appdb');
      const shown = [state.message, state.fix ?? '', a.statusBar.text, String(a.statusBar.tooltip), ...a.log.lines,
        ...a.tree.getChildren().map((n) => { const i = a.tree.getTreeItem(n); return `${i.label} ${i.description ?? ''} ${typeof i.tooltip === 'string' ? i.tooltip : i.tooltip?.value ?? ''}`; })].join('\n');
      assert.doesNotMatch(shown, /s3cret/);
      const item = a.tree.getTreeItem(a.tree.getChildren()[1]);
      assert.equal(item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '', 'error');
    } finally {
      await cfg().update('databaseUrl', original, vscode.ConfigurationTarget.Workspace);
      await waitFor('back on the SQLite file', () => a.model.state.kind === 'ready');
    }
  });

  it('reports a missing SQLite file with the fix, in the tree', async () => {
    const a = await api();
    const cfg = () => vscode.workspace.getConfiguration('seedbed');
    const original = cfg().inspect<string>('databaseUrl')!.workspaceValue;
    try {
      await cfg().update('databaseUrl', 'sqlite:missing.db', vscode.ConfigurationTarget.Workspace);
      const state = await waitFor('error state', () => (a.model.state.kind === 'error' ? a.model.state : undefined));
      assert.match(state.message, /does not exist/);
      assert.ok(state.fix, 'a fix is given');
      const labels = a.tree.getChildren().map((n) => a.tree.getTreeItem(n).label);
      assert.ok(labels.some((l) => typeof l === 'string' && l.startsWith('Fix: ')), labels.join(' | '));
    } finally {
      await cfg().update('databaseUrl', original, vscode.ConfigurationTarget.Workspace);
      await waitFor('back on the SQLite file', () => a.model.state.kind === 'ready');
    }
  });

  it('with no database named and several SQLite files, lists them to pick one (the welcome view is for none)', async () => {
    const a = await api();
    const cfg = () => vscode.workspace.getConfiguration('seedbed');
    const original = cfg().inspect<string>('databaseUrl')!.workspaceValue;
    const ws = vscode.workspace.workspaceFolders![0].uri.fsPath;
    try {
      await cfg().update('databaseUrl', undefined, vscode.ConfigurationTarget.Workspace);
      const s = await waitFor('several files to pick from', () => (a.model.state.kind === 'unconfigured' && a.model.state.candidates?.length ? a.model.state : undefined));
      const rel = s.candidates!.map((f) => f.slice(ws.length + 1));
      assert.deepEqual(rel.slice(0, 3), ['school.db', 'app/app.db', 'booking/booking.db']);
      const root = a.tree.getChildren().map((n) => a.tree.getTreeItem(n));
      assert.equal(label(root[0]), `${rel.length} SQLite files in this workspace: pick the database`);
      assert.deepEqual(root.slice(1, 4).map((i) => [label(i), i.description]), [['school.db', undefined], ['app.db', 'app'], ['booking.db', 'booking']]);
      assert.ok(a.log.lines.includes(`${rel.length} SQLite files in this workspace (${rel.join(', ')}) and no database named: pick one in the Seedbed view, or with Select Connection.`), a.log.lines.slice(-5).join('\n'));
      // Clicking a file uses it (and saves it to the setting).
      const pick = root[1].command!;
      await vscode.commands.executeCommand(pick.command, ...(pick.arguments ?? []));
      assert.equal(cfg().inspect<string>('databaseUrl')!.workspaceValue, 'sqlite:school.db');
      assert.equal(a.model.state.kind, 'ready');
      const pkg = vscode.extensions.getExtension('seedbed.seedbed')!.packageJSON as { contributes: { viewsWelcome: { contents: string; when: string }[] } };
      const welcome = pkg.contributes.viewsWelcome[0];
      assert.equal(welcome.when, '!seedbed.configured');
      assert.match(welcome.contents, /\[Use a demo SQLite database\]\(command:seedbed.useDemoDatabase\)/);
      assert.match(welcome.contents, /\[Enter a connection URL\]\(command:seedbed.enterConnectionUrl\)/);
    } finally {
      await cfg().update('databaseUrl', original, vscode.ConfigurationTarget.Workspace);
      await waitFor('back on the SQLite file', () => a.model.state.kind === 'ready');
    }
  });
});
