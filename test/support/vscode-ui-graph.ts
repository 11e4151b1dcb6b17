import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, ROOT, type VscodeTools } from '../../scripts/vscode-setup.ts';
import { normalise } from './vscode-server.ts';
import { cliEntry, createDb } from './sqlite.ts';
import { openUiSession, paintCount, palette, waitForFrame, waitRepaint, waitText } from './vscode-ui.ts';
import { wideSchema } from './wide-schema.ts';

// The foreign-key graph at 500 tables in a real workbench (#17 item 1): the first 300 tables
// seeded (green), the rest empty (red). "Show Foreign-Key Graph" from the palette draws all 500
// (laid out by elkjs off the extension host: in the background when the schema loaded); the
// filter box finds tables; "Show in Graph" from the palette focuses one table with its parents
// and children; + adds a level; zoom; hovering a table lights its edges. Screenshots graph-NN-*.png.

const TABLES = 500;
const ROWS = 4;

function bigWorkspace(): string {
  mkdirSync(join(CACHE, 'runs'), { recursive: true });
  const ws = mkdtempSync(join(CACHE, 'runs', 'graph-'));
  const { sql, tables } = wideSchema(TABLES);
  createDb(join(ws, 'big.db'), sql);
  // Seeded by the CLI before the editor opens: tables 0–299 (their parents are earlier ones).
  const cli = spawnSync(process.execPath, [cliEntry(), 'seed', '--db', `sqlite:${join(ws, 'big.db')}`, '--rows', String(ROWS), '--tables', tables.slice(0, 300).join(','), '--yes'], { encoding: 'utf8' });
  assert.equal(cli.status, 0, cli.stderr);
  mkdirSync(join(ws, '.vscode'));
  writeFileSync(join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'seedbed.databaseUrl': 'sqlite:big.db', 'seedbed.rows': ROWS, 'seedbed.confirmDestructive': false }, null, 2));
  return ws;
}

export async function runGraphUiTest(tools: VscodeTools, shots: string, log: (m: string) => void, options: { vsix?: string } = {}): Promise<void> {
  const t0 = performance.now();
  const ws = bigWorkspace();
  log(`500-table workspace seeded (300 tables) (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  await openUiSession(tools, { workspace: ws, shots, prefix: 'graph-', log, ...options }, async ({ page: p, sidebar, shot, mark }) => {
    await waitText(sidebar, 'big.db', 60_000);
    await waitText(p.locator('.part.statusbar'), `Seedbed 300/${TABLES} tables`, 60_000);
    mark('tree and status bar show the 500-table database');

    // 1. The whole graph: 500 boxes, green where seeded, red where empty.
    const t1 = performance.now();
    await palette(p, 'Seedbed: Show Foreign-Key Graph');
    const graph = await waitForFrame(p, 'body[data-painted] svg g.node', 60_000);
    log(`graph of ${TABLES} tables painted ${((performance.now() - t1) / 1000).toFixed(2)} s after the command (not a timed assertion; see bench/graph.ts)`);
    assert.equal(await graph.locator('svg g.node').count(), TABLES);
    assert.equal(await graph.locator('svg g.node.full').count(), 300);
    assert.equal(await graph.locator('svg g.node.empty').count(), TABLES - 300);
    assert.ok((await graph.locator('svg path.edge').count()) > 400, 'edges drawn');
    const meta = normalise(await graph.locator('#meta').innerText());
    assert.match(meta, new RegExp(`${TABLES} tables · \\d+ foreign-key links`), meta);
    await shot('all-500');

    // 2. The filter box: "invoice_lines" matches its rounds; Enter zooms to them.
    await graph.locator('#filter').fill('invoice_lines');
    await waitText(graph.locator('#count'), `of ${TABLES} tables`);
    const matched = await graph.locator('svg g.node.match').count();
    assert.ok(matched >= 2 && matched <= 3, `${matched} tables match invoice_lines`);
    await graph.locator('#filter').press('Enter');
    await shot('filter-zoomed');
    await graph.locator('#filter').press('Escape');

    // 3. Show in Graph from the palette: a quick pick of tables; the graph focuses on one.
    await palette(p, 'Seedbed: Show in Graph');
    await p.locator('.quick-input-widget input').fill('invoice_lines_2');
    await p.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'invoice_lines_2' }).first().click();
    await graph.locator('svg g.node.focus[data-table="invoice_lines_2"]').waitFor({ timeout: 30_000 });
    assert.equal(normalise(await graph.locator('#focusname').innerText()), 'invoice_lines_2');
    const two = await graph.locator('svg g.node').count();
    assert.ok(two > 3 && two < 60, `focus view, 2 levels: ${two} tables`);
    await shot('focus-invoice_lines_2');

    // 4. One level more: more tables, still the same focus.
    const paints = await paintCount(graph);
    await graph.locator('#more').click();
    await waitText(graph.locator('#levels'), '3');
    await waitRepaint(graph, paints, 'the focus view at 3 levels'); // #meta and the boxes change only when it is drawn
    await waitText(graph.locator('#meta'), 'of 500 tables');
    const three = await graph.locator('svg g.node').count();
    assert.ok(three > two, `3 levels: ${three} tables, 2 levels: ${two}`);
    await shot('focus-3-levels');

    // 5. Zoom in with the button; hovering a table lights its edges.
    const scale = async () => Number(/scale\(([\d.]+)\)/.exec((await graph.locator('svg.graph > g').first().getAttribute('transform')) ?? '')?.[1]);
    const before = await scale();
    await graph.locator('#zoomin').click();
    assert.ok((await scale()) > before, 'zoomed in');
    await graph.locator('svg g.node.focus').hover();
    assert.ok((await graph.locator('svg path.edge.hot').count()) >= 2, 'the focused table\'s edges light up');
    await shot('zoomed-hover');
  });
}
