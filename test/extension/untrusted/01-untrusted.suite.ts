import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, tableItems } from '../helpers.ts';

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
    for (const id of ['seedbed.seedDatabase', 'seedbed.seedTable', 'seedbed.clearDatabase', 'seedbed.undoLastSeed', 'seedbed.useDemoDatabase']) {
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
});
