import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, waitFor } from '../helpers.ts';

describe('cancel and clear', () => {
  it('clears the database (confirmation off in this workspace)', async () => {
    const a = await api();
    await vscode.commands.executeCommand('seedbed.clearDatabase');
    assert.equal(a.model.overview!.coverage.withData, 0);
    assert.match(a.statusBar.text, /Seedbed 0\/\d+ tables$/);
  });

  it('cancel rolls back within a second and leaves every table as it was', async () => {
    const a = await api();
    const cts = new vscode.CancellationTokenSource();
    let progressed = 0;
    let cancelledAt = 0;
    let rolledBackAt = 0;
    const run = a.seed({ rows: 5000 }, cts.token, (e) => {
      if (e.type === 'progress' && ++progressed === 3) {
        cancelledAt = performance.now();
        cts.cancel();
      }
      if (e.type === 'rollback') rolledBackAt = performance.now();
    });
    const outcome = await run;
    const settledMs = performance.now() - cancelledAt;
    const rollbackMs = rolledBackAt - cancelledAt;
    assert.ok(cancelledAt > 0, 'the seed made progress before the cancel');
    assert.equal(outcome, undefined);
    assert.ok(rolledBackAt > 0, 'the engine reported its rollback');
    console.log(`    cancel → rolled back in ${Math.round(rollbackMs)} ms (tree refreshed ${Math.round(settledMs)} ms after the cancel)`);
    assert.ok(rollbackMs < 1000, `rollback took ${Math.round(rollbackMs)} ms after the cancel`);
    assert.ok(a.log.lines.some((l) => l.startsWith('Rolled back')), 'rollback logged');
    assert.ok(a.log.lines.includes('Cancelled: the transaction was rolled back; nothing was written.'));
    await waitFor('overview after cancel', () => a.model.state.kind === 'ready');
    assert.equal(a.model.overview!.coverage.withData, 0, 'nothing written');
  });
});
