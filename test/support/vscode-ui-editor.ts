import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { CACHE, type VscodeTools } from '../../scripts/vscode-setup.ts';
import { normalise } from './vscode-server.ts';
import { createDb } from './sqlite.ts';
import { openUiSession, palette, waitForFrame, waitText } from './vscode-ui.ts';
import { wideSchema } from './wide-schema.ts';

// The editor at real size (#17 items 2–4), as a person meets it: a workspace with one SQLite
// file of 220 tables and no setting. Seedbed connects to that file by itself and says so (Output,
// tooltip); "Filter Tables" narrows the tree; Seed Table asks for a row count and names the
// parents that need rows; Seed Database fills all; the coverage webview sorts, filters and
// reveals a table in the tree. Every step is a screenshot in `shots` (editor-NN-*.png).

const TABLES = 220;
const ROWS = 20;

function wideWorkspace(): string {
  mkdirSync(join(CACHE, 'runs'), { recursive: true });
  const ws = mkdtempSync(join(CACHE, 'runs', 'wide-'));
  mkdirSync(join(ws, 'data'));
  createDb(join(ws, 'data', 'shop.db'), wideSchema(TABLES).sql);
  writeFileSync(join(ws, 'notes.db'), 'not a database: a text file named .db\n');
  mkdirSync(join(ws, 'node_modules', 'pkg'), { recursive: true });
  createDb(join(ws, 'node_modules', 'pkg', 'fixture.db'), 'CREATE TABLE x (id INTEGER PRIMARY KEY);');
  mkdirSync(join(ws, '.vscode'));
  // No seedbed.databaseUrl: the database is found.
  writeFileSync(join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'seedbed.confirmDestructive': false, 'seedbed.rows': ROWS }, null, 2));
  return ws;
}

export async function runEditorUiTest(tools: VscodeTools, shots: string, log: (m: string) => void, options: { vsix?: string } = {}): Promise<void> {
  const ws = wideWorkspace();
  await openUiSession(tools, { workspace: ws, shots, prefix: 'editor-', log, sidebarWidth: 560, ...options }, async ({ page: p, sidebar, shot, mark }) => {
    // 1. Found without a setting: the tree shows shop.db with 220 tables; the Output and the
    //    connection's tooltip say where it came from.
    await waitText(sidebar, 'shop.db');
    await waitText(sidebar, `0/${TABLES} tables with data`, 60_000);
    await palette(p, 'Output: Show Output Channels');
    await p.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Seedbed' }).first().click();
    const output = p.locator('.part.panel .monaco-editor .view-lines');
    await waitFlat(output, 'Using data/shop.db, found: the only SQLite file in this workspace (set seedbed.databaseUrl, or run Select Connection, to use another).');
    const conn = sidebar.locator('.monaco-list-row').filter({ hasText: 'shop.db' }).first();
    await conn.hover();
    const hover = p.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'found: the only SQLite file' }).first();
    await hover.waitFor({ timeout: 15_000 });
    assert.match(normalise(await hover.innerText()), /sqlite:.*data\/shop\.db \(found: the only SQLite file in this workspace; set seedbed\.databaseUrl to use another\)/);
    await shot('found-the-database');
    mark('database found');

    // 2. 220 tables: the phases start collapsed; Filter Tables narrows the tree by name.
    const rows = sidebar.locator('.monaco-list-row');
    assert.ok(await rows.count() < 30, `collapsed phases: ${await rows.count()} rows rendered`);
    await p.keyboard.press('Escape');
    await palette(p, 'Seedbed: Filter Tables…');
    const input = p.locator('.quick-input-widget input');
    await input.fill('invoice');
    await p.keyboard.press('Enter');
    await waitText(sidebar, `Filter "invoice": 10 of ${TABLES} tables.`);
    await waitText(sidebar, 'invoice_audits');
    const names = normalise(await sidebar.locator('.monaco-list-row .label-name').allInnerTexts().then((a) => a.join('\n')));
    for (const n of names.split('\n').filter((x) => x && !/^(Phase \d+|shop\.db)$/.test(x))) assert.match(n, /invoice/, names);
    await shot('filter-tables');

    // 3. Seed Table asks for a row count, with the rows its empty parents need first.
    const row = (name: string) => sidebar.locator('.monaco-list-row').filter({ has: p.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) }).first();
    await row('invoice_audits').hover();
    await row('invoice_audits').locator('[aria-label="Seed Table"]').click();
    const box = p.locator('.quick-input-widget');
    await waitFlat(box, `invoice_audits gets ${ROWS} rows. Its empty parents need rows first:`); // planned at the default
    await input.fill('30');
    await waitFlat(box, 'invoice_audits gets 30 rows. Its empty parents need rows first:'); // planned again
    const prompt = flat(await box.innerText());
    assert.match(prompt, /Rows to add \(default from seedbed\.rows: 20\)\. invoice_audits gets 30 rows\. Its empty parents need rows first: .*\binvoice 30\b.*\(\d+ tables, [\d,]+ rows\)\./, prompt);
    await shot('seed-table-asks');
    await p.keyboard.press('Enter');
    await waitText(row('invoice_audits'), `30/${ROWS} rows · 100%`, 60_000);
    await waitText(row('invoice'), `30/${ROWS} rows · 100%`, 60_000);
    await shot('seed-table-done');

    // 4. Clear the filter; Seed Database fills the 220 tables.
    await palette(p, 'Seedbed: Clear Table Filter');
    await palette(p, 'Seedbed: Seed Database');
    await waitText(p.locator('.part.statusbar'), `Seedbed ${TABLES}/${TABLES} tables`, 120_000);
    mark('seeded');

    // 5. The coverage report as a webview: 220 rows, sortable, filterable, a name reveals the table.
    await palette(p, 'Seedbed: Show Coverage Report');
    const frame = await waitForFrame(p, 'body[data-ready] table#index tbody tr', 60_000); // its script loaded: sorting and filter work
    assert.equal(await frame.locator('table#index tbody tr').count(), TABLES);
    await waitText(frame.locator('.headline'), `tables with data: ${TABLES}/${TABLES} (100 %)`);
    await shot('coverage-webview');
    // Sort by "Parents without children", descending (second click).
    const header = frame.locator('table#index th', { hasText: 'Parents without children' });
    await header.click();
    await header.click();
    assert.equal(await header.getAttribute('aria-sort'), 'descending');
    const values = (await frame.locator('table#index tbody tr td:nth-child(9)').allInnerTexts()).map(Number);
    assert.deepEqual(values, [...values].sort((a, b) => b - a));
    assert.ok(values[0] > 0, 'some parents have no children');
    await frame.locator('#filter').fill('shipment');
    assert.equal(await frame.locator('table#index tbody tr:not([hidden])').count(), 10);
    await frame.locator('#details > details[data-table="shipment_lines"] summary').click();
    await shot('coverage-sorted-filtered');
    await frame.locator('table#index tbody tr:not([hidden]) a.reveal', { hasText: /^shipment_lines$/ }).click();
    await waitText(sidebar.locator('.monaco-list-row.selected'), 'shipment_lines', 15_000);
    await shot('coverage-reveals-in-tree');
    mark('coverage webview');
  });
}

const flat = (s: string) => normalise(s).replace(/\s+/g, ' ');

/** Waits for `text` in `where`, wherever the view wraps its lines. */
async function waitFlat(where: Locator, text: string, timeout = 30_000): Promise<void> {
  const end = Date.now() + timeout;
  let last = '';
  for (;;) {
    last = flat(await where.innerText({ timeout: 1000 }).catch(() => ''));
    if (last.includes(text)) return;
    if (Date.now() > end) throw new Error(`"${text}" did not appear within ${timeout} ms; saw:\n${last.slice(0, 1500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
