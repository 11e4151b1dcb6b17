import * as vscode from 'vscode';

// A request the user can stop from its notification (Cancel): the engine then stops the statement
// the database is running and rolls back (engineWorker.ts cancellableDb). Undefined when cancelled,
// after saying so; other failures are thrown to the command, which reports them.

export async function cancellable<T>(title: string, cancelled: string, work: (token: vscode.CancellationToken) => Promise<T>): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
    try {
      return await work(token);
    } catch (e) {
      if (!token.isCancellationRequested) throw e;
      void vscode.window.showInformationMessage(cancelled);
      return undefined;
    }
  });
}
