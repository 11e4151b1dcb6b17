import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { RowPreview } from '../seeders/preview.ts';

// Webviews: the read-only row preview grid (and the FK graph in graph.ts). Assets come from
// media/ only, under a strict Content-Security-Policy; colours are VS Code's theme variables.

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function page(webview: vscode.Webview, media: vscode.Uri, title: string, body: string, options: {
  script?: string;
  data?: unknown;
  /** A stylesheet of media/ after webview.css. */
  css?: string;
  /** The page's own complete stylesheet, inline under the nonce, instead of media/webview.css: for
   *  a renderer the engine shares with a standalone file (the coverage report). */
  style?: string;
} = {}): string {
  const nonce = randomBytes(16).toString('base64');
  const css = options.style !== undefined
    ? `<style nonce="${nonce}">${options.style}</style>`
    : `<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(media, 'webview.css'))}">`;
  const extraCss = options.css ? `\n<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(media, options.css))}">` : '';
  const script = options.script ? webview.asWebviewUri(vscode.Uri.joinPath(media, options.script)) : undefined;
  const data = options.data === undefined ? '' : `<script nonce="${nonce}" id="seedbed-data" type="application/json">${escapeHtml(JSON.stringify(options.data))}</script>`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource}${options.style !== undefined ? ` 'nonce-${nonce}'` : ''}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
${css}${extraCss}
<title>${escapeHtml(title)}</title></head>
<body>${body}${data}${script ? `<script nonce="${nonce}" src="${script}"></script>` : ''}</body></html>`;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '<td class="null">NULL</td>';
  if (v instanceof Uint8Array) return `<td class="blob">&lt;blob ${v.byteLength} bytes&gt;</td>`;
  const s = typeof v === 'string' ? v : String(v);
  const shown = s.length > 120 ? `${s.slice(0, 117)}…` : s;
  return `<td${typeof v === 'number' || typeof v === 'bigint' ? ' class="num"' : ''} title="${escapeHtml(s.slice(0, 1000))}">${escapeHtml(shown)}</td>`;
}

export function previewHtml(webview: vscode.Webview, media: vscode.Uri, p: RowPreview): string {
  const head = p.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const rows = p.rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n');
  const body = `<h1>${escapeHtml(p.table)}</h1>
<p class="meta">First ${p.rows.length} of ${p.total} rows · read-only</p>
${p.rows.length ? `<div class="grid"><table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>` : '<p class="empty">This table is empty. Seed it from the Seedbed view.</p>'}`;
  return page(webview, media, `Preview: ${p.table}`, body);
}
