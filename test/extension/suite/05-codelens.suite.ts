import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, waitFor } from '../helpers.ts';

describe('CodeLens over CREATE TABLE and @Entity', () => {
  const root = () => vscode.workspace.workspaceFolders![0].uri;

  it('shows rows and coverage, and a Seed action, over CREATE TABLE in .sql files', async () => {
    const a = await api();
    await vscode.commands.executeCommand('seedbed.seedTable', 'students', 50);
    const uri = vscode.Uri.joinPath(root(), 'schema.sql');
    await vscode.window.showTextDocument(uri);
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 200);
      return l && l.length > 100 ? l : undefined;
    });
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('$(database) 50/50 rows · 100%'), titles.slice(0, 10).join(' | '));
    assert.ok(titles.includes('Seed'));
    const seed = lenses.find((l) => l.command?.command === 'seedbed.seedTable' && l.command.arguments?.[0] === 'students');
    assert.ok(seed, 'a Seed lens for students');
    assert.ok(a.model.overview);
  });

  it('shows the same over MikroORM @Entity classes', async () => {
    const uri = vscode.Uri.joinPath(root(), 'entities.ts');
    await vscode.window.showTextDocument(uri);
    const lenses = await waitFor('entity lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 200);
      return l && l.length >= 5 ? l : undefined;
    });
    const titles = lenses.map((l) => `${l.command?.title}:${l.command?.arguments?.[0] ?? ''}`);
    assert.ok(titles.includes('$(database) 50/50 rows · 100%:students'), titles.join(' | '));
    assert.ok(titles.some((t) => t.startsWith('$(database)') && t.endsWith(':sessions')), titles.join(' | '));
    assert.ok(titles.includes('Seedbed: academic_year is not in school.db:'), titles.join(' | '));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
