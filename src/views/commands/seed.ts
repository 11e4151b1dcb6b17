import * as vscode from 'vscode';
import type { SeedEvent } from '../../seeders/index.ts';
import { noun, plural } from '../../seeders/words.ts';
import { configRef, guardSettings, settings } from '../connection.ts';
import { configLine, type Cmd, type Ctx } from '../context.ts';
import { EngineError } from '../engineClient.ts';
import { eventLine, noticeText } from '../format.ts';
import type { ConfigUsed, SeedOutcome, SeedRequestOptions } from '../protocol.ts';
import { shortPath } from '../tablesTree.ts';

// Seeding: "Seed Database", "Seed Table", and the run both share with the API (tests seed
// through runSeed without the progress notification).

/** One seed run in the engine worker: events to the Output (and `progress`), then a model refresh. */
export async function runSeed(ctx: Ctx, options: SeedRequestOptions, token?: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string; increment?: number }>, listen?: (e: SeedEvent) => void): Promise<SeedOutcome | undefined> {
  const { log } = ctx;
  const connection = await ctx.needConnection();
  if (!connection) return undefined;
  if (ctx.running) {
    void vscode.window.showWarningMessage('Seedbed: a seed is already running; wait for it or cancel it.');
    return undefined;
  }
  const s = settings();
  const request: SeedRequestOptions = { seed: s.seed, rows: s.rows, ...guardSettings(), ...options };
  log.line('');
  log.line(`[${new Date().toLocaleTimeString()}] ${connection.display}${connection.from ? ` (from ${shortPath(connection.from)})` : ''}${request.tables?.length ? ` — tables: ${request.tables.join(', ')} (and the empty parents they need)` : ''}`);
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
  const work = ctx.engine.request({ op: 'seed', url: connection.url, options: request, config: configRef() }, { onEvent, onConfig, token });
  ctx.running = work;
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
    ctx.running = undefined;
    await ctx.model.refresh();
  }
}

/** runSeed under a cancellable progress notification, with the outcome as a notice. */
export async function seedWithProgress(ctx: Ctx, title: string, options: SeedRequestOptions): Promise<SeedOutcome | undefined> {
  if (!ctx.requireTrust('Seeding')) return undefined;
  ctx.log.show();
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const outcome = await runSeed(ctx, options, token, progress);
        if (outcome) {
          const r = outcome.result;
          const scenario = outcome.config?.scenario ? ` (scenario ${outcome.config.scenario})` : '';
          void ctx.showInformation(`Seedbed: ${r.rows.toLocaleString('en-US')} ${noun(r.rows, 'row')} in ${plural(Object.keys(r.perTable).length, 'table')}${scenario}, ${(r.ms / 1000).toFixed(2)} s. ${ctx.model.overview?.coverage.headline ?? ''}`);
        } else if (token.isCancellationRequested) {
          void vscode.window.showInformationMessage('Seedbed: cancelled — rolled back, nothing was written.');
        }
        return outcome;
      },
    );
  } catch (e) {
    const text = ctx.log.error('seeding failed', e);
    void ctx.showError(`Seedbed: ${text}`, 'Show Output').then((b) => b && ctx.log.show());
    return undefined;
  }
}

export function seedDatabase(ctx: Ctx): Cmd {
  return () => seedWithProgress(ctx, 'Seedbed: seeding the database', {});
}

export function seedTable(ctx: Ctx): Cmd {
  return async (arg) => {
    const table = await ctx.pickTable(arg, 'seed');
    if (table) return seedWithProgress(ctx, `Seedbed: seeding ${table}`, { tables: [table] });
  };
}
