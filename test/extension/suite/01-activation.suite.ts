import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api } from '../helpers.ts';

describe('activation and commands', () => {
  it('activates quickly, with the engine off the extension host thread', async () => {
    const a = await api();
    assert.ok(a.activationMs < 1000, `activation took ${a.activationMs} ms`);
    console.log(`    activation: ${a.activationMs} ms; engine worker start: ${a.engine.startupMs} ms; first overview: ${a.model.overview?.ms} ms`);
    assert.equal(a.model.state.kind, 'ready', JSON.stringify(a.model.state).slice(0, 500));
  });

  it('registers every command of the palette (category "Seedbed")', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const ids = [
      'seedDatabase', 'seedTable', 'clearTable', 'previewRows', 'clearDatabase', 'undoLastSeed', 'validate', 'showPlan',
      'showCoverage', 'showGraph', 'showInGraph', 'refresh', 'selectConnection', 'enterConnectionUrl', 'useDemoDatabase', 'selectScenario',
      'openConfig', 'runMikroOrmSeeder', 'groupByPhase', 'groupByName', 'revealTable',
    ];
    const missing = ids.filter((id) => !all.has(`seedbed.${id}`));
    assert.deepEqual(missing, []);
    const pkg = vscode.extensions.getExtension('seedbed.seedbed')!.packageJSON as { contributes: { commands: { command: string; category: string }[] } };
    // Every contributed command has its factory in src/views/commands (registered by id).
    assert.deepEqual(pkg.contributes.commands.map((c) => c.command).filter((id) => !all.has(id)), []);
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'Seedbed', c.command);
  });

  it('shows the coverage in the status bar', async () => {
    const a = await api();
    const total = a.model.overview!.coverage.total;
    assert.ok(total > 100, `school schema has ${total} tables`);
    assert.equal(a.statusBar.text, `$(database) Seedbed 0/${total} tables`);
    assert.equal(a.statusBar.command, 'seedbed.showCoverage');
  });
});
