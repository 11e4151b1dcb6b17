import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { api, label, tableItems, waitFor } from '../helpers.ts';

// Run MikroORM Seeder: the workspace's app/ folder is examples/mikro-orm-app (mikro-orm.config.ts,
// entities, a DatabaseSeeder with factories, and SeedbedSeeder), with app.db created by MikroORM's
// schema generator (test/support/vscode-workspace.ts). The engine worker loads the project's
// code, runs the seeder class in one transaction, and the tree shows the rows.

const ws = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
const cfg = () => vscode.workspace.getConfiguration('seedbed');
const rowsOf = (a: Awaited<ReturnType<typeof api>>) => Object.fromEntries(a.model.overview!.coverage.tables.map((t) => [t.table, t.rows]));

interface SeederResult { seeder: string; added: Record<string, number>; rows: number; file: string; display: string }

describe('Run MikroORM Seeder', () => {
  before(async () => {
    const a = await api();
    await cfg().update('databaseUrl', 'sqlite:app/app.db', vscode.ConfigurationTarget.Workspace);
    await waitFor('the MikroORM app\'s database', () => a.model.state.kind === 'ready' && a.model.overview!.display.endsWith('app.db'));
    assert.deepEqual(rowsOf(a), { authors: 0, books: 0, editions: 0, publishers: 0 });
  });

  after(async () => {
    const a = await api();
    await cfg().update('databaseUrl', 'sqlite:school.db', vscode.ConfigurationTarget.Workspace);
    await waitFor('back on the school database', () => a.model.state.kind === 'ready' && a.model.overview!.display.endsWith('school.db'));
  });

  it('finds the project, runs its DatabaseSeeder (factories) in the engine worker, logs it and refreshes the tree', async () => {
    const a = await api();
    const before = a.log.lines.length;
    const r = (await vscode.commands.executeCommand('seedbed.runMikroOrmSeeder', 'DatabaseSeeder')) as SeederResult;
    assert.ok(r, a.log.lines.slice(before).join('\n'));
    assert.equal(r.file, join(ws(), 'app', 'mikro-orm.config.ts'));
    assert.deepEqual(r.added, { authors: 10, books: 30, publishers: 3 });
    const lines = a.log.lines.slice(before);
    assert.ok(lines.some((l) => /^\[.*\] MikroORM seeder DatabaseSeeder \(app\/mikro-orm\.config\.ts\) → sqlite:.*app\.db, in one transaction$/.test(l)), lines.join('\n'));
    assert.ok(lines.includes('  books: 30 rows'), lines.join('\n'));
    assert.ok(lines.some((l) => /^Done: 43 rows in [\d.]+ s \(DatabaseSeeder, committed\)\.$/.test(l)), lines.join('\n'));
    assert.deepEqual(rowsOf(a), { authors: 10, books: 30, editions: 0, publishers: 3 });
    const books = tableItems(a).find((t) => label(t.item) === 'books')!;
    assert.equal(books.item.description, '30/50 rows · 60%');
    assert.equal(a.statusBar.text, '$(database) Seedbed 3/4 tables');
  });

  it('runs Seedbed\'s own SeedbedSeeder class of the project the same way', async () => {
    const a = await api();
    const r = (await vscode.commands.executeCommand('seedbed.runMikroOrmSeeder', { seeder: 'SeedbedSeeder' })) as SeederResult;
    assert.deepEqual(r.added, { authors: 20, books: 20, editions: 20, publishers: 20 });
    assert.deepEqual(rowsOf(a), { authors: 30, books: 50, editions: 20, publishers: 23 });
    const report = (await vscode.commands.executeCommand('seedbed.validate')) as { ok: boolean; problems: unknown[] };
    assert.equal(report.ok, true, JSON.stringify(report.problems));
  });

  it('an unknown seeder class, or a folder without a MikroORM config, is one clear error naming the fix; nothing is written', async () => {
    const a = await api();
    let before = a.log.lines.length;
    assert.equal(await vscode.commands.executeCommand('seedbed.runMikroOrmSeeder', 'DatabaseSeder'), undefined);
    let said = a.log.lines.slice(before).join('\n');
    assert.match(said, /No seeder class "DatabaseSeder" in .*mikro-orm\.config\.ts's project\. Seeders: DatabaseSeeder, SeedbedSeeder\./);
    assert.match(said, /Fix: Did you mean "DatabaseSeeder"\?/);

    before = a.log.lines.length;
    assert.equal(await vscode.commands.executeCommand('seedbed.runMikroOrmSeeder', { project: 'booking', seeder: 'DatabaseSeeder' }), undefined);
    said = a.log.lines.slice(before).join('\n');
    assert.match(said, /No MikroORM config in .*booking\./);
    assert.match(said, /Fix: Add mikro-orm\.config\.ts/);
    assert.deepEqual(rowsOf(a), { authors: 30, books: 50, editions: 20, publishers: 23 });
  });
});
