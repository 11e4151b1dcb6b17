import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CACHE, type VscodeTools } from '../../scripts/vscode-setup.ts';
import { normalise } from './vscode-server.ts';
import { createDb } from './sqlite.ts';
import { openUiSession, palette, waitForFrame, waitText } from './vscode-ui.ts';

// Markdown and HTML from the database in a real workbench (issue #14 item 4). A schema whose
// table and column names are an <img onerror>, a command: link, an image and an autolink is
// seeded from the command palette; hovering its tables and the connection shows tooltips that
// hold those names as text: no <a>, no <img> in the hover, and no Content-Security-Policy
// violation anywhere in the page. The graph webview draws the same names.

export const HOSTILE_TABLES = {
  img: '<img src=x onerror=alert(1)>',
  link: '[click me](command:seedbed.clearTables)',
  image: '![i](https://example.com/i.png)',
};
const HOSTILE_COLUMNS = { auto: 'see https://evil.example/x', html: '<b>bold</b> **md**' };

const idq = (s: string) => `"${s.replaceAll('"', '""')}"`;

function hostileWorkspace(): string {
  mkdirSync(join(CACHE, 'runs'), { recursive: true });
  const ws = mkdtempSync(join(CACHE, 'runs', 'hostile-'));
  const { img, link, image } = HOSTILE_TABLES;
  createDb(join(ws, 'hostile.db'), `
    CREATE TABLE ${idq(img)} (id INTEGER PRIMARY KEY, ${idq(HOSTILE_COLUMNS.html)} TEXT NOT NULL, ${idq(HOSTILE_COLUMNS.auto)} TEXT);
    CREATE TABLE ${idq(link)} (id INTEGER PRIMARY KEY, ${idq(`${img} id`)} INTEGER NOT NULL REFERENCES ${idq(img)} (id), ${idq(image)} TEXT);`);
  mkdirSync(join(ws, '.vscode'));
  writeFileSync(join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'seedbed.databaseUrl': 'sqlite:hostile.db', 'seedbed.confirmDestructive': false, 'seedbed.rows': 20 }, null, 2));
  return ws;
}

export async function runHostileUiTest(tools: VscodeTools, shots: string, log: (m: string) => void, options: { vsix?: string } = {}): Promise<void> {
  const ws = hostileWorkspace();
  // Every CSP violation, from the page's own event and from the console ("Refused to load …").
  const violations: string[] = [];
  let doing = 'opening the workbench';
  const listen = async (p: Page) => {
    p.on('console', (m) => {
      const text = m.text();
      if (/Content Security Policy|Refused to (load|execute)/i.test(text)) violations.push(`${doing}: console: ${text.slice(0, 80)}`);
    });
    p.on('pageerror', (e) => violations.push(`${doing}: pageerror: ${e.message}`));
    await p.exposeFunction('seedbedCspViolation', (v: string) => violations.push(`${doing}: event: ${v}`));
    await p.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => window.seedbedCspViolation(e.violatedDirective + ' ' + e.blockedURI + ' sample=' + e.sample + ' at ' + e.sourceFile + ':' + e.lineNumber + ' target=' + (e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 300) : String(e.target))), true);`);
  };
  await openUiSession(tools, { workspace: ws, shots, prefix: 'hostile-', log, beforeLoad: listen, ...options }, async ({ page: p, sidebar, shot }) => {
    doing = 'the tree';
    await waitText(sidebar, 'hostile.db');
    await waitText(sidebar, HOSTILE_TABLES.img);
    await waitText(sidebar, HOSTILE_TABLES.link);
    log(`DEBUG ${await p.evaluate(`[...document.querySelectorAll('img[src="x"], img')].map((e) => { let s = ''; for (let n = e; n && n !== document.body; n = n.parentElement) s = (n.className || n.tagName) + ' > ' + s; return s + ' :: ' + e.outerHTML.slice(0, 200); }).join('\\n')`)}`);

    // Seeded from the palette, as a person would.
    doing = 'seeding';
    await palette(p, 'Seedbed: Seed Database');
    await waitText(sidebar, '20/20 rows · 100%', 60_000);
    await shot('tree-seeded');

    const row = (name: string) => sidebar.locator('.monaco-list-row').filter({ has: p.locator('.label-name', { hasText: name }) }).first();
    for (const [label, name, expect] of [
      ['img-table', HOSTILE_TABLES.img, HOSTILE_COLUMNS.html],
      ['link-table', HOSTILE_TABLES.link, HOSTILE_TABLES.image],
      ['connection', 'hostile.db', 'Click to select another connection'],
    ] as const) {
      doing = `hovering ${label}`;
      const hover = p.locator('.monaco-hover:visible, .workbench-hover:visible').filter({ hasText: expect }).first();
      // A tooltip the tree resolves on hover can miss its moment on a loaded machine: hover again.
      for (let attempt = 1; ; attempt++) {
        await p.mouse.move(0, 0);
        await row(name).hover();
        try {
          await hover.waitFor({ timeout: attempt < 3 ? 10_000 : 15_000 });
          break;
        } catch (e) {
          if (attempt === 3) throw e;
        }
      }
      await shot(`hover-${label}`);
      const html = await hover.innerHTML();
      const text = normalise(await hover.innerText());
      assert.equal(await hover.locator('a').count(), 0, `no link in the ${label} tooltip: ${html}`);
      assert.equal(await hover.locator('img').count(), 0, `no image in the ${label} tooltip: ${html}`);
      if (label !== 'connection') {
        assert.ok(text.includes(name), `the ${label} tooltip shows the name as text: ${text}`);
        assert.ok(text.includes(expect), `the ${label} tooltip shows ${expect} as text: ${text}`);
      }
    }

    // The graph webview draws the names (escaped HTML inside its own strict CSP).
    doing = 'the graph';
    await palette(p, 'Seedbed: Show Foreign-Key Graph');
    const frame = await waitForFrame(p, 'svg g.node', 30_000);
    assert.equal(await frame.locator('svg img, svg a').count(), 0);
    assert.ok((await frame.locator('svg').innerHTML()).includes('&lt;img src=x onerror=alert(1)&gt;'));
    await shot('graph');

    assert.deepEqual(violations, [], 'no Content-Security-Policy violation');
  });
}
