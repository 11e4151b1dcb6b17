import * as vscode from 'vscode';
import type { SeedEvent } from '../../seeders/index.ts';
import { noun, plural } from '../../seeders/words.ts';
import { configRef, guardSettings, settings } from '../connection.ts';
import { configLine, type Cmd, type Ctx } from '../context.ts';
import { EngineError } from '../engineClient.ts';
import { eventLine, noticeText, seedTableText } from '../format.ts';
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

/** "Seed Table": asks for the row count (default: seedbed.rows, else the table's target in the
 *  tree) and says, from a plan of that table, the rows its empty parents need first. A number as
 *  the second argument seeds that many without asking (CodeLens and tests pass the table only). */
export function seedTable(ctx: Ctx): Cmd {
  return async (arg, count) => {
    const table = await ctx.pickTable(arg, 'seed');
    if (!table) return;
    const rows = typeof count === 'number' ? { rows: count } : await askRows(ctx, table);
    if (!rows) return;
    return seedWithProgress(ctx, `Seedbed: seeding ${table}`, { tables: [table], ...rows });
  };
}

/** The input box of Seed Table; undefined: cancelled. `rows` undefined: the default sizes (the
 *  setting or the config's scenario), as Seed Database uses them. */
async function askRows(ctx: Ctx, table: string): Promise<{ rows?: number } | undefined> {
  const connection = await ctx.needConnection();
  if (!connection) return undefined;
  const setting = settings().rows;
  const target = ctx.tree.coverageOf(table)?.target;
  const fallback = setting ?? target ?? 50;
  const box = vscode.window.createInputBox();
  box.title = `Seedbed: Seed Table ${noticeText(table)}`;
  box.value = String(fallback);
  box.prompt = `Rows to add to ${noticeText(table)} (default ${setting !== undefined ? 'from seedbed.rows' : 'its target'}: ${fallback}). Planning its parents…`;
  box.ignoreFocusOut = true;
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;
  const explain = (n: number) => {
    const gen = ++generation;
    box.busy = true;
    ctx.engine.request({ op: 'plan', url: connection.url, options: { tables: [table], rows: n === fallback && setting === undefined ? undefined : n, seed: settings().seed }, config: configRef() })
      .then((plan) => {
        if (gen === generation) box.prompt = `Rows to add (default ${setting !== undefined ? 'from seedbed.rows' : 'its target'}: ${fallback}). ${noticeText(seedTableText(table, plan.tables))}`;
      }, (e: Error) => {
        if (gen === generation) box.prompt = `Rows to add. The plan failed: ${noticeText(e.message)}`;
      })
      .finally(() => {
        if (gen === generation) box.busy = false;
      });
  };
  const parse = (v: string) => (/^\s*\d{1,9}\s*$/.test(v) ? Number(v) : undefined);
  return new Promise((resolve) => {
    const subs = [
      box.onDidChangeValue((v) => {
        const n = parse(v);
        box.validationMessage = n === undefined || n < 1 ? 'A whole number of rows, 1 or more.' : undefined;
        clearTimeout(timer);
        if (n !== undefined && n >= 1) timer = setTimeout(() => explain(n), 400);
      }),
      box.onDidAccept(() => {
        const n = parse(box.value);
        if (n === undefined || n < 1) return;
        done({ rows: n === fallback && setting === undefined ? undefined : n });
      }),
      box.onDidHide(() => done(undefined)),
    ];
    let settled = false;
    function done(v: { rows?: number } | undefined) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      generation++;
      for (const d of subs) d.dispose();
      box.dispose();
      resolve(v);
    }
    box.show();
    explain(fallback);
  });
}
