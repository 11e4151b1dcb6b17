import * as vscode from 'vscode';
import type { CoverageReport } from '../seeders/index.ts';

// Tree "Tables": one row per table with its coverage inline.

export class TablesTree implements vscode.TreeDataProvider<string> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private report: CoverageReport | undefined;
  private readonly load: () => Promise<CoverageReport>;

  constructor(load: () => Promise<CoverageReport>) {
    this.load = load;
  }

  refresh(): void {
    this.report = undefined;
    this.changed.fire();
  }

  async getChildren(element?: string): Promise<string[]> {
    if (element) return [];
    try {
      this.report ??= await this.load();
    } catch (e) {
      return [`! ${(e as Error).message}`];
    }
    return this.report.tables.map((t) => t.table);
  }

  getTreeItem(element: string): vscode.TreeItem {
    const item = new vscode.TreeItem(element);
    const t = this.report?.tables.find((x) => x.table === element);
    if (t) {
      item.description = `${t.rows}/${t.target} rows · ${Math.min(100, Math.round((t.rows / Math.max(1, t.target)) * 100))}%`;
      item.iconPath = new vscode.ThemeIcon(t.state === 'empty' ? 'circle-outline' : t.state === 'full' ? 'pass-filled' : 'circle-large-filled');
    }
    return item;
  }
}
