import * as vscode from 'vscode';
import type { SeedbedApi } from '../../src/extension.ts';
import type { Node } from '../../src/views/tablesTree.ts';

// Shared by the suites: the activated extension's API and small waits.

export async function api(): Promise<SeedbedApi> {
  const ext = vscode.extensions.getExtension<SeedbedApi>('seedbed.seedbed');
  if (!ext) throw new Error('extension seedbed.seedbed is not installed in this VS Code');
  const a = ext.isActive ? ext.exports : await ext.activate();
  await a.ready();
  return a;
}

export async function waitFor<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every table node under the root, whatever the grouping. */
export function tableItems(a: SeedbedApi): { node: Node; item: vscode.TreeItem }[] {
  const out: { node: Node; item: vscode.TreeItem }[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.kind === 'table') out.push({ node: n, item: a.tree.getTreeItem(n) });
      else if (n.kind === 'phase') walk(a.tree.getChildren(n));
    }
  };
  walk(a.tree.getChildren());
  return out;
}

export function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}
