import * as vscode from 'vscode';
import { coverageDescription } from './format.ts';
import { createTableMentions, entityMentions } from './mentions.ts';
import type { SeedbedModel } from './model.ts';

// Coverage where the tables are defined: a CodeLens over each `CREATE TABLE` in .sql files and
// over each MikroORM `@Entity` class (rows and coverage of that table, and a "Seed" action).

export class SqlCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly sub: vscode.Disposable;

  private readonly model: SeedbedModel;

  constructor(model: SeedbedModel) {
    this.model = model;
    this.sub = model.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const text = document.getText();
    const isSql = document.languageId === 'sql' || document.uri.path.endsWith('.sql');
    const mentions = isSql ? createTableMentions(text) : /typescript|javascript/.test(document.languageId) ? entityMentions(text) : [];
    const o = this.model.overview;
    const lenses: vscode.CodeLens[] = [];
    for (const m of mentions) {
      const range = document.lineAt(document.positionAt(m.offset).line).range;
      const cov = o?.coverage.tables.find((t) => t.table === m.table) ?? o?.coverage.tables.find((t) => t.table.toLowerCase() === m.table.toLowerCase());
      if (!o) {
        lenses.push(new vscode.CodeLens(range, { title: 'Seedbed: no database', command: 'seedbed.selectConnection' }));
        continue;
      }
      const skipped = o.skipped.find((s) => s.name === m.table);
      if (skipped) {
        lenses.push(new vscode.CodeLens(range, { title: `Seedbed: not seeded (${skipped.reason})`, command: 'seedbed.showCoverage' }));
        continue;
      }
      if (!cov) {
        lenses.push(new vscode.CodeLens(range, { title: `Seedbed: ${m.table} is not in ${this.model.connection?.label ?? 'the database'}`, command: 'seedbed.refresh' }));
        continue;
      }
      lenses.push(new vscode.CodeLens(range, { title: `$(database) ${coverageDescription(cov)}`, tooltip: `Reveal ${cov.table} in the Seedbed view`, command: 'seedbed.revealTable', arguments: [cov.table] }));
      lenses.push(new vscode.CodeLens(range, { title: 'Seed', tooltip: `Seed ${cov.table} (and the empty parents it needs)`, command: 'seedbed.seedTable', arguments: [cov.table] }));
    }
    return lenses;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
