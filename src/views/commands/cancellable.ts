import * as vscode from 'vscode';
import type { SeedEvent } from '../../seeders/index.ts';
import { noticeText } from '../format.ts';

// A request the user can stop from its notification (Cancel): the engine then stops the statement
// the database is running and rolls back (engineWorker.ts cancellableDb). Undefined when cancelled,
// after saying so; other failures are thrown to the command, which reports them.

export async function cancellable<T>(title: string, cancelled: string, work: (options: { token: vscode.CancellationToken; onEvent: (e: SeedEvent) => void }) => Promise<T>): Promise<T | undefined> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    // A request that has run long says what the database is doing (write/stall-watch.ts), here.
    const onEvent = (e: SeedEvent) => {
      if (e.type === 'stalled') progress.report({ message: noticeText(e.message) });
    };
    try {
      return await work({ token, onEvent });
    } catch (e) {
      if (!token.isCancellationRequested) throw e;
      void vscode.window.showInformationMessage(cancelled);
      return undefined;
    }
  });
}
