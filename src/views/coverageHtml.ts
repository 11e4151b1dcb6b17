import { COVERAGE_CSS, coverageBody as renderBody } from '../seeders/coverage/html.ts';
import type { DetailedCoverage } from '../seeders/coverage/model.ts';

// The coverage webview's body: the engine's renderer (what `seedbed coverage --html` writes), with
// what only the webview has: the connection in the heading, the tree's targets, and sortable
// headers, the filter and "reveal in the tree" links that media/coverage.js runs. Pure (no vscode
// import) so node tests check it against the CLI's file.

export function coverageBody(r: DetailedCoverage, label: string): string {
  return renderBody(r, { heading: `Coverage — ${label}`, targets: 'targets as in the Seedbed view', interactive: true });
}

/** The webview's stylesheet, inline under its CSP nonce (page(): `style`). */
export const coverageStyle = COVERAGE_CSS;
