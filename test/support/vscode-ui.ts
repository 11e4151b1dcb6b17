import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { ROOT, type VscodeTools } from '../../scripts/vscode-setup.ts';
import { installAutomationHooks, launchBrowser, normalise, startCodeServer, workbenchUrl, type CodeServer } from './vscode-server.ts';
import { makeWorkspace } from './vscode-workspace.ts';

// A person at the workbench: opens the Seedbed view, runs "Seedbed: Seed Database" from the
// command palette, reads the Output, watches the tree reach 100 %, expands a table to its edges,
// clears and re-seeds one table with its inline buttons, reads the status bar, opens a .sql file
// for its CodeLens, opens the graph (filter, Show in Graph from a row's context menu, click to
// refocus and reveal), creates seedbed.config.ts with Open Config and picks a
// scenario with Select Scenario. Every step is a screenshot in `shots`.

export interface UiOptions {
  /** Load the extension from a folder (development) — default: this checkout. */
  extensionDevelopmentPath?: string;
  /** Or install this .vsix into the server's extensions dir first. */
  vsix?: string;
}

const ROWS = 300;

export async function runUiTest(tools: VscodeTools, shots: string, log: (m: string) => void, options: UiOptions = {}): Promise<void> {
  const ws = makeWorkspace({ 'seedbed.rows': ROWS });
  await openUiSession(tools, { workspace: ws, shots, prefix: '', log, sidebarWidth: 520, ...options }, async ({ page: p, sidebar, shot }) => {
    // 1. The Seedbed activity-bar item opened the view: connection, phases, tables at 0 %.
    await waitText(sidebar, 'school.db');
    await waitText(sidebar, 'Phase 1');
    await waitText(sidebar, `0/${ROWS} rows · 0%`);
    await shot('view-empty');

    // 2. Command palette: "Seedbed: Seed Database"; the progress notification; the Output lines.
    await palette(p, 'Seedbed: Seed Database');
    await palette(p, 'Notifications: Show Notifications');
    const center = p.locator('.notifications-center');
    await waitText(center, 'Seedbed:', 20_000);
    await shot('progress-notification');
    const outputText = p.locator('.part.panel .monaco-editor .view-lines');
    await waitText(outputText, 'Done:', 60_000);
    const out = normalise(await outputText.innerText());
    assert.match(out, / {2}\w+: [\d,]+ rows · [\d,]+ rows\/s · \d+ ms/, out);
    await shot('output-after-seed');
    await p.keyboard.press('Escape');

    // 3. The tree at 100 %, the status bar with every table.
    await waitText(sidebar, `${ROWS}/${ROWS} rows · 100%`);
    const status = p.locator('.part.statusbar');
    await waitText(status, 'Seedbed 126/126 tables');
    await shot('tree-seeded');

    // 4. A–Z, then expand a table to its foreign-key edges.
    await p.locator('.part.sidebar [aria-label="Sort Tables A–Z"]').first().click();
    const row = (name: string) => sidebar.locator('.monaco-list-row').filter({ has: p.locator('.label-name', { hasText: new RegExp(`^${name}$`) }) }).first();
    await row('activity_attendance').waitFor();
    await row('activities').click();
    await waitText(sidebar, '→ academic_years via academic_year_id');
    await waitText(sidebar, '← activity_attendance.activity_id');
    await shot('table-edges');

    // 5. Inline buttons on a table: Clear Table, then Seed Table (with its parents).
    const leaf = row('activity_attendance');
    await leaf.hover();
    await leaf.locator('[aria-label="Clear Table"]').click();
    await waitText(leaf, `0/${ROWS} rows · 0%`);
    await waitText(status, 'Seedbed 125/126 tables');
    await shot('table-cleared');
    await leaf.hover();
    await leaf.locator('[aria-label="Seed Table"]').click();
    // It asks for the row count (the default: seedbed.rows) and says its parents have the rows.
    await waitText(p.locator('.quick-input-widget'), `activity_attendance gets ${ROWS} rows. Its parents already have the rows it needs.`, 30_000);
    await p.keyboard.press('Enter');
    await waitText(row('activity_attendance'), `${ROWS}/${ROWS} rows · 100%`, 30_000);
    await waitText(status, 'Seedbed 126/126 tables');
    await shot('table-reseeded');

    // 6. CodeLens over CREATE TABLE in a .sql file.
    await p.keyboard.press('Control+P');
    await p.locator('.quick-input-widget input').fill('schema.sql');
    await p.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'schema.sql' }).first().waitFor();
    await p.keyboard.press('Enter');
    const editor = p.locator('.part.editor .monaco-editor').first();
    await waitText(editor, 'not seeded (', 30_000); // the bookkeeping table's lens comes first
    await editor.locator('.view-lines').click();
    await p.keyboard.press('PageDown');
    const lens = p.locator('.part.editor .codelens-decoration').filter({ hasText: 'rows ·' }).first();
    await waitText(lens, `${ROWS}/${ROWS} rows · 100%`, 30_000);
    assert.match(normalise(await lens.innerText()), /Seed/);
    await shot('codelens-sql');

    // 7. The foreign-key graph webview, coloured by coverage.
    await palette(p, 'Seedbed: Show Foreign-Key Graph');
    const graph = await waitForFrame(p, 'svg g.node.full', 30_000);
    assert.ok(await graph.locator('svg g.node.full').count() >= 100, 'graph nodes at target');
    await shot('graph');

    // 7b. The filter box: matches stand out, the count says how many.
    await graph.locator('#filter').fill('student');
    await waitText(graph.locator('#count'), 'of 126 tables');
    const matched = await graph.locator('svg g.node.match').count();
    assert.ok(matched >= 3 && matched < 40, `${matched} tables match "student"`);
    assert.equal(normalise(await graph.locator('#count').innerText()), `${matched} of 126 tables`);
    await graph.locator('#filter').press('Enter'); // zooms to the matches
    await shot('graph-filter');
    await graph.locator('#filter').press('Escape');

    // 7c. "Show in Graph" from a table row's context menu: the graph focuses on that table, with
    //     its parents and children n levels out.
    await contextMenu(p, row('activities'), 'Show in Graph');
    await waitText(graph.locator('#focusname'), 'activities');
    await graph.locator('svg g.node.focus[data-table="activities"]').waitFor({ timeout: 30_000 });
    const shown = await graph.locator('svg g.node').count();
    assert.ok(shown > 3 && shown < 126, `focus view: ${shown} tables`);
    assert.match(normalise(await graph.locator('#meta').innerText()), new RegExp(`${shown} of 126 tables`));
    await shot('graph-focus');

    // 7d. Clicking a table in the focus view focuses it and selects it in the tree.
    const other = graph.locator('svg g.node:not(.focus)').first();
    const otherName = (await other.getAttribute('data-table'))!;
    await other.click();
    await graph.locator(`svg g.node.focus[data-table="${otherName}"]`).waitFor({ timeout: 30_000 });
    await waitText(sidebar.locator('.monaco-list-row.selected'), otherName);
    await shot('graph-refocused');
    // … and back: activities is one of its neighbours.
    await graph.locator('svg g.node[data-table="activities"]').click();
    await graph.locator('svg g.node.focus[data-table="activities"]').waitFor({ timeout: 30_000 });
    await waitText(sidebar.locator('.monaco-list-row.selected'), 'activities');

    // 8. Open Config: there is none, so the notification offers to create it from the live schema;
    //    then Select Scenario from the quick pick of the new config's scenarios.
    await row('activities').click();
    await palette(p, 'Seedbed: Open Config');
    await palette(p, 'Notifications: Show Notifications');
    const createButton = p.locator('.notifications-center').getByRole('button', { name: 'Create Config' }).first();
    await createButton.waitFor({ timeout: 20_000 });
    await shot('config-offer');
    await createButton.click();
    await waitText(p.locator('.part.editor .monaco-editor').first(), 'defineConfig<Schema>', 30_000);
    await shot('config-created');
    await palette(p, 'Seedbed: Select Scenario');
    const light = p.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'a few rows per table' }).first();
    await light.waitFor({ timeout: 30_000 });
    const picks = normalise(await p.locator('.quick-input-list').innerText());
    for (const name of ['(none)', 'light', 'medium', 'heavy']) assert.ok(picks.includes(name), picks);
    await shot('scenario-pick');
    await light.click();
    await waitText(status, 'Seedbed 126/126 tables · light', 30_000);
    await waitText(sidebar, 'scenario light');
    await shot('scenario-selected');
  });
}

export interface UiSession {
  page: Page;
  /** The side bar, showing the Seedbed view. */
  sidebar: Locator;
  server: CodeServer;
  /** A numbered screenshot: `shots/<prefix>NN-<name>.png`. */
  shot(name: string): Promise<void>;
  /** Logs a step with the seconds since the session started. */
  mark(what: string): void;
}

export interface UiSessionOptions extends UiOptions {
  /** Folder the workbench opens. */
  workspace: string;
  /** Screenshot folder, and the prefix of this session's file names ('editor-' → editor-01-….png). */
  shots: string;
  prefix: string;
  log: (m: string) => void;
  /** Drag the side bar this wide (px) once the view is open, so descriptions fit. */
  sidebarWidth?: number;
  /** Runs on the page before the workbench loads (listeners, init scripts). */
  beforeLoad?: (page: Page) => Promise<void>;
}

/**
 * What every UI test starts with and ends with: code-server on the workspace (with the .vsix
 * installed, or this checkout as the extension under development), Chromium, the workbench
 * loaded and the Seedbed view opened from its activity-bar item. Then `body`; a failure is a
 * `failure` screenshot and the server log's path; browser and server are always stopped.
 */
export async function openUiSession(tools: VscodeTools, options: UiSessionOptions, body: (s: UiSession) => Promise<void>): Promise<void> {
  const t0 = performance.now();
  const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
  const mark = (what: string) => options.log(`${what} (${secs()} s)`);
  const server = await startCodeServer({ tools, workspace: options.workspace, vsix: options.vsix });
  mark(`code-server up${options.vsix ? ' with the .vsix installed' : ''}`);
  const browser = await launchBrowser(tools).catch(async (e: unknown) => {
    await server.stop();
    throw e;
  });
  mark('chromium up');
  let page: Page | undefined;
  let step = 0;
  const shot = async (name: string) => {
    const file = join(options.shots, `${options.prefix}${String(++step).padStart(2, '0')}-${name}.png`);
    await page!.screenshot({ path: file });
    options.log(`screenshot ${file} (${secs()} s)`);
  };
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    page = await context.newPage();
    await options.beforeLoad?.(page);
    await installAutomationHooks(page);
    const dev = options.vsix ? undefined : (options.extensionDevelopmentPath ?? ROOT);
    await page.goto(workbenchUrl(server, options.workspace, dev ? { extensionDevelopmentPath: dev } : {}));
    const activity = page.locator('.activitybar [aria-label^="Seedbed"]').first();
    await activity.waitFor({ timeout: 60_000 });
    mark('workbench shows the Seedbed activity-bar item');
    await activity.click();
    if (options.sidebarWidth) await widenSidebar(page, options.sidebarWidth);
    await body({ page, sidebar: page.locator('.part.sidebar'), server, shot, mark });
  } catch (e) {
    if (page) await shot('failure').catch(() => {});
    throw new Error(`${(e as Error).message}\n(server log: ${server.log})`, { cause: e });
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    mark('stopped');
  }
}

/** Drags the sash on the sidebar's right edge, as a person would, so descriptions fit. */
export async function widenSidebar(p: Page, width: number): Promise<void> {
  const box = await p.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await p.mouse.move(x, y);
  await p.mouse.down();
  await p.mouse.move(box.x + width, y, { steps: 8 });
  await p.mouse.up();
}

/**
 * Right-click `target`, then click the menu item `item`. VS Code's menu items take a mouse-up only
 * from a 100 ms timer after they render (so the right-click's own release cannot pick one); under
 * load that timer runs late and a click before it is lost, leaving the menu open. So: wait for the
 * item, let the page's own timers pass that one (a 100 ms page timer queued after the render runs
 * after it), click, and wait for the menu to close.
 */
export async function contextMenu(p: Page, target: Locator, item: string, timeout = 15_000): Promise<void> {
  await target.click({ button: 'right' });
  const entry = p.locator('.monaco-menu .action-item').filter({ hasText: item }).first();
  await entry.waitFor({ timeout }).catch((e) => {
    throw new Error(`the context menu with "${item}" did not open within ${timeout} ms`, { cause: e });
  });
  await p.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  await entry.click();
  await entry.waitFor({ state: 'hidden', timeout }).catch((e) => {
    throw new Error(`the context menu stayed open ${timeout} ms after clicking "${item}"`, { cause: e });
  });
}

export async function waitText(where: Locator, text: string, timeout = 30_000): Promise<void> {
  const end = Date.now() + timeout;
  let last = '';
  for (;;) {
    try {
      last = normalise(await where.innerText({ timeout: 1000 }));
      if (last.includes(text)) return;
    } catch { /* not there yet */ }
    if (Date.now() > end) throw new Error(`"${text}" did not appear within ${timeout} ms; saw:\n${last.slice(0, 1500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** F1, type the command's title, Enter on its row. */
export async function palette(p: Page, title: string): Promise<void> {
  await p.keyboard.press('F1');
  const input = p.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const rowLocator = p.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
  await rowLocator.waitFor({ timeout: 15_000 });
  await rowLocator.click();
}

/** How many times the graph webview has painted (body[data-painted], set after each draw). */
export async function paintCount(graph: Frame): Promise<number> {
  return Number((await graph.locator('body').getAttribute('data-painted')) ?? 0);
}

/** Waits for the graph webview to paint again after `since` (a redraw after a change). */
export async function waitRepaint(graph: Frame, since: number, what: string, timeout = 30_000): Promise<void> {
  const end = Date.now() + timeout;
  while ((await paintCount(graph)) <= since) {
    if (Date.now() > end) throw new Error(`${what} was not drawn within ${timeout} ms (the graph painted ${since} times, no more)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function waitForFrame(p: Page, selector: string, timeout: number): Promise<Frame> {
  const end = Date.now() + timeout;
  for (;;) {
    for (const f of p.frames()) {
      try {
        if (await f.locator(selector).count()) return f;
      } catch { /* detached */ }
    }
    if (Date.now() > end) throw new Error(`no frame shows ${selector} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
