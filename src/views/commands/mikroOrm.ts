import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { guardSettings, saveConnectionUrl, workspaceBase } from '../connection.ts';
import type { Cmd, Ctx } from '../context.ts';
import { EngineError } from '../engineClient.ts';
import { shortPath } from '../tablesTree.ts';

// "Run MikroORM Seeder": a seeder class of the workspace's MikroORM project, in one transaction.

export function runMikroOrmSeeder(ctx: Ctx): Cmd {
  return async (arg) => {
    const base = workspaceBase();
    if (!base) return vscode.window.showWarningMessage('Seedbed: open the folder of a MikroORM project first.');
    const a = typeof arg === 'string' ? { seeder: arg } : ((arg ?? {}) as { project?: string; seeder?: string });
    let project = a.project && (isAbsolute(a.project) ? a.project : join(base, a.project));
    if (!project) {
      const found = await vscode.workspace.findFiles('**/mikro-orm.config.{ts,mts,cts,js,mjs,cjs}', '**/{node_modules,.git,.vscode-test,dist,build}/**', 50);
      const projects = await ctx.engine.request({ op: 'mikroOrmProjects', dir: base, found: found.map((u) => u.fsPath) });
      if (!projects.length) {
        throw new EngineError({
          message: 'No MikroORM config in this workspace.',
          fix: 'Add mikro-orm.config.ts (or src/mikro-orm.config.ts, or package.json "mikro-orm": { "configPaths": [...] }) to the project, or open the MikroORM project\'s own folder.',
        });
      }
      project = projects.length === 1
        ? projects[0]
        : (await vscode.window.showQuickPick(projects.map((p) => ({ label: shortPath(p), file: p })), { placeHolder: 'MikroORM project' }))?.file;
      if (!project) return;
    }
    const info = await ctx.engine.request({ op: 'mikroOrmSeeders', project });
    if (!info.seeders.length) {
      throw new EngineError({
        message: `The MikroORM project of ${shortPath(info.file)} has no seeder classes (looked in seeder.pathTs / seeder.path, default ./seeders or ./src/seeders).`,
        fix: 'Write one with `npx mikro-orm seeder:create DatabaseSeeder`, or set seeder.path in the MikroORM config.',
      });
    }
    let seeder = a.seeder;
    if (!seeder) {
      const ordered = [...info.seeders].sort((x, y) => Number(y.default) - Number(x.default));
      const pick = await vscode.window.showQuickPick(
        ordered.map((x) => ({
          label: x.name,
          description: [x.default ? 'default' : undefined, x.seedbed ? 'Seedbed\'s automatic seeding' : undefined, x.file ? shortPath(x.file) : 'seedersList'].filter(Boolean).join(' · '),
        })),
        { placeHolder: `Seeder to run on ${info.database} (${shortPath(info.file)})` },
      );
      if (!pick) return;
      seeder = pick.label;
    }
    ctx.log.show();
    ctx.log.line('');
    ctx.log.line(`[${new Date().toLocaleTimeString()}] MikroORM seeder ${seeder} (${shortPath(info.file)}) → ${info.database}, in one transaction`);
    try {
      const r = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Seedbed: running MikroORM seeder ${seeder}`, cancellable: false },
        () => ctx.engine.request({ op: 'mikroOrmSeed', project: project!, seeder, ...guardSettings() }),
      );
      for (const [t, n] of Object.entries(r.added)) ctx.log.line(`  ${t}: ${n.toLocaleString('en-US')} rows`);
      ctx.log.line(`Done: ${r.rows.toLocaleString('en-US')} rows in ${(r.ms / 1000).toFixed(2)} s (${r.seeder}, committed).`);
      const state = await ctx.model.refresh();
      const shown = state.kind === 'unconfigured' ? undefined : state.connection?.display;
      if (shown === r.display) {
        void ctx.showInformation(`Seedbed: ${r.seeder} added ${r.rows.toLocaleString('en-US')} rows. ${ctx.model.overview?.coverage.headline ?? ''}`);
      } else {
        void ctx.showInformation(`Seedbed: ${r.seeder} added ${r.rows.toLocaleString('en-US')} rows to ${r.display}, which is not the database Seedbed shows.`, 'Show It in Seedbed')
          .then(async (b) => {
            if (!b) return;
            await saveConnectionUrl(ctx.secrets, r.url);
            await ctx.model.refresh();
          });
      }
      return r;
    } catch (e) {
      const text = ctx.log.error(`MikroORM seeder ${seeder} failed`, e);
      void ctx.showError(`Seedbed: ${text}`, 'Show Output').then((b) => b && ctx.log.show());
      return undefined;
    }
  };
}
