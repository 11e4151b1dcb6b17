import * as vscode from 'vscode';
import { plural } from '../../seeders/words.ts';
import { settings } from '../connection.ts';
import { settingsTarget, type Cmd, type Ctx } from '../context.ts';
import { EngineError } from '../engineClient.ts';
import { scenarioOf } from '../format.ts';
import { shortPath } from '../tablesTree.ts';

// seedbed.config.ts: "Open Config" (creates one from the live schema when missing) and
// "Select Scenario".

/** The quick pick's "no scenario" entry (also accepted as the command's argument). */
const NO_SCENARIO = '(none)';

export function openConfig(ctx: Ctx): Cmd {
  return async (arg) => {
    // The engine finds the file (seedbed.configPath, else the folder's seedbed.config.ts/.mts/.js/.mjs)
    // without running it; a missing one is written by the engine's `init` from the live schema.
    const ref = ctx.needConfigRef();
    if (!ref) return;
    const where = await ctx.engine.request({ op: 'locateConfig', config: ref });
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
    const connection = await ctx.needConnection();
    if (!connection) return;
    const made = await ctx.engine.request({ op: 'initConfig', url: connection.url, config: ref });
    ctx.log.line(`Wrote ${made.files.map(shortPath).join(' and ')} from the schema of ${connection.display} (${plural(made.tables, 'table')}). Seed Database now uses it${vscode.workspace.isTrusted ? '' : ' once the workspace is trusted'}; Select Scenario picks a scenario.`);
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(made.files[0]));
    await ctx.model.refresh();
    return editor;
  };
}

export function selectScenario(ctx: Ctx): Cmd {
  return async (arg) => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Seedbed: scenarios come from seedbed.config.ts, which is code; it is not run in an untrusted workspace. Trust this workspace to use it.');
      return false;
    }
    const ref = ctx.needConfigRef();
    if (!ref) return;
    const info = await ctx.engine.request({ op: 'configInfo', config: ref });
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
        const b = await ctx.showInformation(`Seedbed: ${shortPath(info.file)} defines no scenarios. Add some, e.g. scenarios: { light: { rows: 5 }, heavy: { rows: 2000 } }.`, 'Open Config');
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
      const check = await ctx.engine.request({ op: 'configInfo', config: { ...ref, scenario: name } });
      if (check?.error) throw new EngineError(check.error);
    }
    const c = vscode.workspace.getConfiguration('seedbed');
    await c.update('scenario', name || (c.inspect<string>('scenario')?.globalValue ? '' : undefined), settingsTarget());
    await ctx.model.refresh();
    const effective = scenarioOf(ctx.model.overview) ?? (name || fallback);
    ctx.log.line(`Scenario: ${name || `${NO_SCENARIO}${fallback ? ` — the config's default, ${fallback}, applies` : ''}`} (${shortPath(info.file)}). The next Seed Database uses it.`);
    return effective ?? '';
  };
}
