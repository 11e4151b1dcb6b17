import * as vscode from 'vscode';
import { createTableMentions, entityMentions } from './mentions.ts';
import type { SeedbedModel } from './model.ts';
import { tableLenses } from './lenses.ts';

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
    // One line per mention: its position looked up once, not per lens.
    const lines = new Map<number, vscode.Range>();
    const rangeAt = (offset: number) => {
      let r = lines.get(offset);
      if (!r) lines.set(offset, (r = document.lineAt(document.positionAt(offset).line).range));
      return r;
    };
    const lenses = tableLenses(mentions, this.model.overview, this.model.connection?.label ?? 'the database')
      .map((l) => new vscode.CodeLens(rangeAt(l.offset), { title: l.title, tooltip: l.tooltip, command: l.command, arguments: l.args }));
    return lenses;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
