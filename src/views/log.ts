import * as vscode from 'vscode';
import type { EngineError } from './engineClient.ts';

// The "Seedbed" Output channel. It also keeps the last lines, so tests can read what a user sees.

export class SeedbedLog implements vscode.Disposable {
  readonly channel: vscode.OutputChannel;
  readonly lines: string[] = [];

  constructor() {
    this.channel = vscode.window.createOutputChannel('Seedbed');
  }

  line(text: string): void {
    for (const l of text.split('\n')) {
      this.lines.push(l);
      this.channel.appendLine(l);
    }
    if (this.lines.length > 5000) this.lines.splice(0, this.lines.length - 5000);
  }

  /** An error as the user should read it: what went wrong, why, and the fix. */
  error(what: string, e: unknown): string {
    const err = e as Partial<EngineError> & Error;
    this.line(`Error: ${what}: ${err.message ?? String(e)}`);
    if (err.causeText && err.causeText !== err.message) this.line(`  Cause: ${err.causeText}`);
    if (err.fix) this.line(`  Fix: ${err.fix}`);
    return err.fix ? `${err.message} Fix: ${err.fix}` : (err.message ?? String(e));
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
