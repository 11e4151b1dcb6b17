import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { coverageReport, openDatabase, seed } from '../src/seeders/index.ts';
import { coverageBody } from '../src/views/coverageHtml.ts';
import { ROOT, cleanup, cli, createDb, tempDir } from './support/sqlite.ts';

// The coverage webview's body (src/views/coverageHtml.ts) from a real report of a real SQLite
// file: what `coverage --html` shows, sortable, a link to the tree per table, names escaped, and
// nothing the webview's CSP would block (no inline style, no inline script, no event handler).
// Both come from one renderer (src/seeders/coverage/html.ts): the file and the webview read the same.

const dir = tempDir('seedbed-coverage-view-');
after(() => cleanup(dir));
const HOSTILE = 'Tag "x" <b>';
const file = join(dir, 'cov.db');

let made: ReturnType<typeof makeReport> | undefined;
const report = () => (made ??= makeReport());

async function makeReport() {
  createDb(file, readFileSync(join(ROOT, 'test', 'fixtures', 'coverage.sql'), 'utf8'));
  const db = await openDatabase(`sqlite:${file}`);
  try {
    await seed(db, { rows: 12, seed: 7, tables: ['order'] }); // order and its parent customers; the rest stay empty
    return await coverageReport(db, { rows: 12 });
  } finally {
    await db.close();
  }
}

test('coverage webview body: per table and column, sortable, links to the tree, escaped, CSP-clean', async () => {
  const r = await report();
  const html = coverageBody(r, 'cov.db');

  // The headline and the summary cards, as `coverage --html`.
  assert.match(html, /<h1>Coverage — cov\.db<\/h1>/);
  assert.ok(html.includes(`<p class="headline">${r.headline}</p>`), r.headline);
  assert.match(html, /tables with data: 2\/4 \(50 %\)/);
  for (const card of ['Tables with data', 'Columns with values', 'Allowed values reached', 'Boolean branches', 'Parents with children']) assert.ok(html.includes(card), card);

  // One index row per table, its name a link that reveals it in the tree.
  const rows = [...html.matchAll(/<tr data-table="([^"]*)"><td><a href="#" class="reveal" data-reveal="([^"]*)"/g)];
  assert.deepEqual(rows.map((m) => m[1]).sort(), ['Tag &quot;x&quot; &lt;b&gt;', 'customers', 'order', 'order_lines']);
  assert.ok(rows.every((m) => m[1] === m[2]));
  // Sortable headers; every numeric cell of the index has a sort value.
  assert.match(html, /<th data-sort="text" tabindex="0" aria-sort="none" title="Click a name to reveal the table in the Seedbed view">Table<\/th>/);
  assert.ok((html.match(/data-sort="num"/g) ?? []).length >= 8);

  // Per column: non-null %, distinct, allowed values reached with per-value counts.
  const customers = r.tables.find((t) => t.table === 'customers')!;
  const status = customers.columns.find((c) => c.column === 'status')!;
  assert.ok(status.values && status.values.total === 4);
  assert.ok(html.includes(`<span class="muted">${status.values.reached}/4 (check)</span>`));
  for (const v of status.values.values) assert.ok(html.includes(`${v.value} <b>${v.rows}</b></span>`), String(v.value));
  const email = customers.columns.find((c) => c.column === 'email')!;
  assert.ok(html.includes(`data-v="${email.nonNullPercent}"><meter`), 'non-null % of email');
  // FK fan-out of order → customers, with the parent a link to the tree.
  const fk = r.tables.find((t) => t.table === 'order')!.foreignKeys[0];
  assert.ok(html.includes(`→ <a href="#" class="reveal" data-reveal="customers"><code>customers</code></a>`));
  assert.ok(html.includes(`<td class="num" data-v="${fk.avg}">${fk.avg!.toFixed(2)}</td>`));
  // An empty table is marked empty.
  assert.match(html, /<tr data-table="order_lines">.*<span class="state empty">empty<\/span>/);

  // The hostile name and values are text, never markup.
  assert.ok(!html.includes(HOSTILE) && !html.includes('<i>'));
  assert.ok(html.includes('Tag &quot;x&quot; &lt;b&gt;') && html.includes('&lt;i&gt; <b>0</b>'));
  // Nothing the CSP (style-src/script-src from files, nonce) would block.
  assert.doesNotMatch(html, /\sstyle=|<script|\son[a-z]+=|javascript:/i);
});

/** What a reader sees from the summary cards on: tags stripped, the webview's own controls (the
 *  filter box, the ▾ beside each name, "reveal in the tree") left out. */
function readable(html: string): string {
  const from = html.indexOf('<section class="cards"');
  assert.ok(from > 0, 'summary cards');
  return html.slice(from, html.lastIndexOf('</section>'))
    .replace(/<p class="tools">.*?<\/p>/s, '')
    .replace(/ <a href="#t\d+" class="jump"[^>]*>▾<\/a>/g, '')
    .replace(/ <a href="#" class="reveal" data-reveal="[^"]*">reveal in the tree<\/a>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

test('coverage --html and the webview show the same cards, gaps and tables, from one renderer', async () => {
  const r = await report();
  const web = coverageBody(r, 'cov.db');
  const out = join(dir, 'cov.html');
  const res = cli(['coverage', '--db', `sqlite:${file}`, '--rows', '12', '--html', out]);
  assert.equal(res.code, 0, res.stderr);
  const page = readFileSync(out, 'utf8');

  assert.equal(readable(page), readable(web));
  // The same tables, columns and headers, in the same order.
  const tables = (h: string) => [...h.matchAll(/<table class="[^"]*?(index|cols|fks)"/g)].map((m) => m[1]);
  assert.deepEqual(tables(page), tables(web));
  assert.equal(tables(web).filter((t) => t === 'cols').length, r.tables.length);
  const heads = (h: string) => [...h.matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
  assert.deepEqual(heads(page), heads(web));
  assert.deepEqual(heads(page).slice(0, 9), ['Table', 'Rows', 'Target', 'Of target', 'State', 'Columns with values', 'Values reached', 'FKs', 'Parents without children']);
  // The text a user reads, spot-checked in the shared part.
  const text = readable(page);
  for (const s of ['Tables with data 2/4 50 % · 2 full · 0 partial · 2 empty', 'Gaps 2', 'order_lines: empty (0/12)', 'Tag &quot;x&quot; &lt;b&gt; 0 12 0 % empty', '&lt;i&gt; 0', 'Foreign key: children per parent Parents Min Avg Max Parents without children Children Orphans']) {
    assert.ok(text.includes(s), `"${s}" in: ${text.slice(0, 600)}`);
  }

  // What differs: the heading, where the targets come from, and the webview's controls.
  assert.match(page, /<h1>Seedbed coverage<\/h1>/);
  assert.match(page, / · \d+ rows · target 12 rows per table · /);
  assert.match(web, / · \d+ rows · targets as in the Seedbed view · /);
  assert.doesNotMatch(page.slice(page.indexOf('<body>')), /data-sort|data-reveal|id="filter"|class="jump"/);
  assert.match(page, /<tr data-table="order"><td><a href="#t\d+" title="Columns and foreign keys of order">order<\/a><\/td>/);
  // The file links a foreign key's parent to its section; the webview reveals it in the tree.
  assert.match(page, /→ <a href="#t\d+"><code>customers<\/code><\/a><code>\(id\)<\/code>/);
  assert.ok(!page.includes(HOSTILE) && !page.includes('<i>'));
  assert.doesNotMatch(page, /\sstyle=|<script|\son[a-z]+=|javascript:/i);
});
