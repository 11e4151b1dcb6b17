import * as vscode from 'vscode';
import type { CommandFactory, Ctx } from '../context.ts';
import { clearDatabase, clearTable } from './clear.ts';
import { openConfig, selectScenario } from './config.ts';
import { enterConnectionUrl, refresh, selectConnection, useDemoDatabase } from './connection.ts';
import { exportSeedData } from './export.ts';
import { showGraph, showInGraph } from './graph.ts';
import { previewRows, validate } from './inspect.ts';
import { runMikroOrmSeeder } from './mikroOrm.ts';
import { showCoverage, showPlan } from './reports.ts';
import { seedDatabase, seedTable } from './seed.ts';
import { clearTableFilter, filterTables, groupByName, groupByPhase, revealTable } from './tree.ts';
import { undoLastSeed } from './undo.ts';

// Every command of package.json's contributes.commands, by id → the factory that makes it.
// A command's code: its factory's name here, in the file of its topic.

export const COMMANDS: Record<string, CommandFactory> = {
  'seedbed.refresh': refresh,
  'seedbed.selectConnection': selectConnection,
  'seedbed.enterConnectionUrl': enterConnectionUrl,
  'seedbed.useDemoDatabase': useDemoDatabase,
  'seedbed.seedDatabase': seedDatabase,
  'seedbed.seedTable': seedTable,
  'seedbed.clearTable': clearTable,
  'seedbed.clearDatabase': clearDatabase,
  'seedbed.undoLastSeed': undoLastSeed,
  'seedbed.previewRows': previewRows,
  'seedbed.validate': validate,
  'seedbed.showPlan': showPlan,
  'seedbed.showCoverage': showCoverage,
  'seedbed.exportSeedData': exportSeedData,
  'seedbed.showGraph': showGraph,
  'seedbed.showInGraph': showInGraph,
  'seedbed.openConfig': openConfig,
  'seedbed.selectScenario': selectScenario,
  'seedbed.runMikroOrmSeeder': runMikroOrmSeeder,
  'seedbed.groupByPhase': groupByPhase,
  'seedbed.groupByName': groupByName,
  'seedbed.revealTable': revealTable,
  'seedbed.filterTables': filterTables,
  'seedbed.clearTableFilter': clearTableFilter,
};

/** Commands that write to a database: refused in an untrusted workspace (package.json also
 *  disables them there, but a command can still be run from code or a keybinding). */
const WRITE_COMMANDS = new Set(['seedbed.seedDatabase', 'seedbed.seedTable', 'seedbed.clearTable', 'seedbed.clearDatabase', 'seedbed.undoLastSeed', 'seedbed.useDemoDatabase', 'seedbed.runMikroOrmSeeder']);

/** Registers every command; an error a command throws becomes one notice and Output lines. */
export function registerCommands(ctx: Ctx): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, factory]) => {
    const fn = factory(ctx);
    return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      if (WRITE_COMMANDS.has(id) && !vscode.workspace.isTrusted) return ctx.requireTrust('This command');
      try {
        return await fn(...args);
      } catch (e) {
        void ctx.showError(`Seedbed: ${ctx.log.error(id, e)}`);
      }
    });
  });
}
