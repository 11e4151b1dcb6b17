import * as vscode from 'vscode';

/** Read-only documents for the plan (`seedbed:` URIs). */
export class ReportDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly scheme = 'seedbed';
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }

  private shown = 0;

  async show(name: string, text: string): Promise<vscode.TextEditor> {
    // A new URI (query) each time: an open report with the same URI would otherwise keep showing
    // its earlier text until VS Code happens to read it again.
    const uri = vscode.Uri.from({ scheme: ReportDocuments.scheme, path: `/${name}.txt`, query: String(++this.shown) });
    this.texts.set(uri.path, text);
    const doc = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(doc, { preview: true });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
