import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { graphPage, scriptJson } from '../src/views/graph/html.ts';
import { layoutGraph, NODE_H, NODE_W, type Layout } from '../src/views/graph/layout.ts';
import { focusLevels, graphData, hubs, layoutKey, matchTables, neighbourhood, structureKey } from '../src/views/graph/model.ts';
import type { Overview } from '../src/views/protocol.ts';
import { generatedOverview } from './support/graph-schema.ts';

// The foreign-key graph's model and layout (src/views/graph/), in Node: what the webview's
// bundled script runs. The webview itself is exercised in a real VS Code (test/vscode.test.ts)
// and timed by bench/graph.ts.

const fk = (refTable: string, ...columns: string[]) => ({ columns, refTable, refColumns: ['id'], nullable: false });
const table = (name: string, ...foreignKeys: ReturnType<typeof fk>[]) => ({ name, columns: [], foreignKeys });

/** A chain great → grand → parent → focus → child → grandchild, a side branch, a cycle
 *  (invoices ↔ payments, the plan filling invoices.last_payment_id after), a self reference. */
const overview = {
  display: 'sqlite:/x.db', dialect: 'sqlite', skipped: [], columnsHow: {}, ms: 1, phases: [],
  tables: [
    table('great'),
    table('grand', fk('great', 'great_id')),
    table('parent', fk('grand', 'grand_id')),
    table('focus', fk('parent', 'parent_id'), fk('parent', 'backup_parent_id')),
    table('child', fk('focus', 'focus_id')),
    table('grandchild', fk('child', 'child_id')),
    table('unrelated', fk('great', 'great_id')),
    table('invoices', fk('payments', 'last_payment_id'), fk('invoices', 'corrects_id')),
    table('payments', fk('invoices', 'invoice_id')),
  ],
  edges: [
    { from: 'invoices', to: 'payments', columns: ['last_payment_id'], mode: 'fill-after' },
    { from: 'payments', to: 'invoices', columns: ['invoice_id'], mode: 'direct' },
    { from: 'invoices', to: 'invoices', columns: ['corrects_id'], mode: 'self' },
  ],
  coverage: {
    tables: [
      { table: 'focus', rows: 20, target: 50, state: 'partial' },
      { table: 'child', rows: 50, target: 50, state: 'full' },
    ],
    withData: 2, total: 9, percent: 22.2, headline: '2/9 tables have data',
  },
} as unknown as Overview;

test('graph data: one edge per table pair with every foreign key, coverage, cycle edges marked', () => {
  const g = graphData(overview);
  assert.equal(g.nodes.length, 9);
  assert.deepEqual(g.nodes.map((n) => n.name).slice(0, 3), ['child', 'focus', 'grand']);
  const f = g.nodes.find((n) => n.name === 'focus')!;
  assert.deepEqual([f.state, f.rows, f.target], ['partial', 20, 50]);
  assert.equal(g.nodes.find((n) => n.name === 'great')!.state, 'empty');
  const toParent = g.edges.filter((e) => e.child === 'focus');
  assert.equal(toParent.length, 1, 'two foreign keys to the same table: one edge');
  assert.deepEqual(toParent[0].columns, [['parent_id'], ['backup_parent_id']]);
  assert.deepEqual(g.edges.filter((e) => e.cycle).map((e) => `${e.child}->${e.parent}`), ['invoices->payments']);
  assert.ok(g.edges.some((e) => e.child === 'invoices' && e.parent === 'invoices' && !e.cycle), 'the self reference is an edge, not a cycle edge');
});

test('focus: parents and children n levels out, nothing else', () => {
  const g = graphData(overview);
  assert.deepEqual(Object.fromEntries(neighbourhood(g, 'focus', 1)), { focus: 0, parent: -1, child: 1 });
  assert.deepEqual(Object.fromEntries(neighbourhood(g, 'focus', 2)), { focus: 0, parent: -1, grand: -2, child: 1, grandchild: 2 });
  const three = neighbourhood(g, 'focus', 3);
  assert.equal(three.get('great'), -3);
  assert.ok(!three.has('unrelated'), "a parent's other child is not a parent or a child of the focus");
  // A cycle: each is the other's parent and child; the self reference adds nothing.
  assert.deepEqual(Object.fromEntries(neighbourhood(g, 'invoices', 5)), { invoices: 0, payments: -1 });
  assert.equal(neighbourhood(g, 'no such table', 2).size, 0);
});

test('filter: every word, case-insensitive, * as a wildcard', () => {
  const g = graphData(overview);
  assert.deepEqual(matchTables(g, 'PAR'), ['parent']);
  assert.deepEqual(matchTables(g, 'grand'), ['grand', 'grandchild']);
  assert.deepEqual(matchTables(g, 'grand child'), ['grandchild']);
  assert.deepEqual(matchTables(g, 'in*ces'), ['invoices']);
  assert.deepEqual(matchTables(g, 'g*t'), ['great']);
  assert.deepEqual(matchTables(g, '  '), []);
  assert.deepEqual(matchTables(g, '(.+)'), [], 'regex characters are literal');
});

test('keys: a layout is kept per structure, not per coverage', () => {
  const g = graphData(overview);
  const seeded = graphData({ ...overview, coverage: { ...overview.coverage, tables: [] } });
  assert.equal(structureKey(g), structureKey(seeded));
  const more = graphData({ ...overview, tables: [...overview.tables, table('extra', fk('great', 'great_id'))] });
  assert.notEqual(structureKey(g), structureKey(more));
  assert.notEqual(layoutKey(g, 'focus', 1, false), layoutKey(g, 'focus', 2, false));
  assert.notEqual(layoutKey(g, undefined, 0, false), layoutKey(g, undefined, 0, true));
});

function assertNoOverlap(l: Layout, names: Iterable<string>): void {
  const boxes = [...names].map((n) => ({ n, ...l.nodes[n] }));
  for (const b of boxes) assert.ok(Number.isFinite(b.x) && Number.isFinite(b.y), `${b.n} placed`);
  boxes.sort((a, b) => a.x - b.x);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j].x < boxes[i].x + NODE_W; j++) {
      const a = boxes[i];
      const b = boxes[j];
      assert.ok(a.y + NODE_H <= b.y || b.y + NODE_H <= a.y, `${a.n} (${a.x},${a.y}) overlaps ${b.n} (${b.x},${b.y})`);
    }
  }
}

test('layout (elkjs): parents left of children, the cycle edge routed parent to child, no overlap', async () => {
  const g = graphData(overview);
  const l = await layoutGraph(g);
  assertNoOverlap(l, g.nodes.map((n) => n.name));
  assert.ok(l.nodes.great.x < l.nodes.grand.x && l.nodes.grand.x < l.nodes.parent.x && l.nodes.parent.x < l.nodes.focus.x && l.nodes.focus.x < l.nodes.child.x);
  // invoices is filled first (its payment column after): payments sits right of it.
  assert.ok(l.nodes.invoices.x < l.nodes.payments.x);
  const cycle = l.edges.find((e) => e.child === 'invoices' && e.parent === 'payments')!;
  assert.ok(cycle.points.length >= 4, 'the cycle edge has a route');
  const [sx, sy] = cycle.points;
  const p = l.nodes.payments;
  assert.ok(sx >= p.x - 1 && sx <= p.x + NODE_W + 1 && sy >= p.y - 1 && sy <= p.y + NODE_H + 1, `its route starts at the parent (payments at ${p.x},${p.y}): ${sx},${sy}`);
  assert.deepEqual(l.edges.find((e) => e.child === 'invoices' && e.parent === 'invoices')!.points, [], 'a self reference is drawn by the page, not routed');
  const focused = neighbourhood(g, 'focus', 1);
  const lf = await layoutGraph(g, { only: new Set(focused.keys()), focus: 'focus' });
  assert.deepEqual(Object.keys(lf.nodes).sort(), ['child', 'focus', 'parent']);
});

test('500-table generated schema: hubs, every table placed, no two boxes overlap, edges routed', async () => {
  const g = graphData(generatedOverview(500));
  assert.equal(g.nodes.length, 500);
  assert.ok(g.edges.length > 600, `${g.edges.length} edges`);
  const all = new Set(g.nodes.map((n) => n.name));
  const h = hubs(g, all);
  assert.ok(h.has('users') && h.has('organizations'), [...h].join(', '));
  const l = await layoutGraph(g);
  assert.equal(Object.keys(l.nodes).length, 500);
  assertNoOverlap(l, all);
  assert.deepEqual(l.hubs, [...h].sort());
  const routed = l.edges.filter((e) => e.points.length);
  assert.equal(routed.length, g.edges.filter((e) => e.child !== e.parent && !h.has(e.parent)).length);
  for (const e of routed) {
    assert.ok(e.points.length >= 4 && e.points.every(Number.isFinite), `${e.child} → ${e.parent} has a route`);
  }
  // The default focus (2 levels) around a hub would be hundreds of tables: it steps down to 1.
  assert.ok(neighbourhood(g, 'users', 2).size > 80);
  assert.equal(focusLevels(g, 'users', 2), 1);
  const leaf = g.nodes.find((n) => neighbourhood(g, n.name, 2).size > 3 && neighbourhood(g, n.name, 2).size <= 80)!.name;
  assert.equal(focusLevels(g, leaf, 2), 2);
  // Focused on a hub: it is the focus, not a hub, and its children are all there.
  const around = neighbourhood(g, 'users', 1);
  const lu = await layoutGraph(g, { only: new Set(around.keys()), focus: 'users' });
  assert.ok(!lu.hubs.includes('users'));
  assert.equal(Object.keys(lu.nodes).length, around.size);
  assertNoOverlap(lu, around.keys());
  console.log(`# 500 tables, ${g.edges.length} links: layout ${l.ms} ms (${l.width}×${l.height}), users + ${around.size - 1} neighbours ${lu.ms} ms`);
});

test('the background layout (a worker thread, as the extension runs it from 100 tables) gives the same coordinates', async () => {
  const g = graphData(generatedOverview(120, 5));
  const here = await layoutGraph(g);
  const worker = new Worker(new URL('../src/views/graph/layoutWorker.ts', import.meta.url), { workerData: { graph: g } });
  const m = await new Promise<{ layout?: Layout; error?: string }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  assert.equal(m.error, undefined);
  assert.deepEqual(m.layout!.nodes, here.nodes);
  assert.deepEqual(m.layout!.edges, here.edges);
});

test('page: strict CSP with a nonce, no remote content, names only inside JSON that cannot close the script', () => {
  const hostile = '</script><img src=x onerror=alert(1)>\u2028';
  const g = graphData({ ...overview, tables: [table(hostile), table('x', fk(hostile, 'a'))], edges: [], coverage: { ...overview.coverage, tables: [] } });
  const html = graphPage({ cspSource: 'https://csp.example', nonce: 'N0nce', scriptUri: 'https://csp.example/dist/graph-webview.js', layoutUri: 'https://csp.example/dist/graph-elk.js', styleUris: ['https://csp.example/media/graph.css'] }, { graph: g, title: '<b>db</b>', headline: 'h' });
  assert.match(html, /content="default-src 'none'; img-src https:\/\/csp\.example data:; style-src https:\/\/csp\.example; script-src 'nonce-N0nce';"/);
  assert.equal((html.match(/<script /g) ?? []).length, 2);
  assert.equal((html.match(/<script nonce="N0nce"/g) ?? []).length, 2);
  assert.ok(!html.includes('<img'), 'no markup from a name');
  assert.ok(!html.includes('</script><'), 'a name cannot close the data script');
  assert.ok(html.includes('&#60;b&#62;db&#60;/b&#62;'));
  assert.ok(!/https?:\/\/(?!csp\.example)/.test(html), 'nothing remote');
  const json = html.match(/<script nonce="N0nce" id="seedbed-graph" type="application\/json">(.*?)<\/script>/s)![1];
  assert.equal(JSON.parse(json).graph.nodes[0].name, hostile);
  assert.equal(scriptJson('a</b>'), '"a\\u003c/b>"');
});

test('graph data: a reference the database does not declare (implied by a column name) is marked, unless a declared one joins the same tables', () => {
  const o = {
    ...overview,
    tables: [
      table('users'),
      { name: 'posts', columns: [], foreignKeys: [{ columns: ['user_id'], refTable: 'users', refColumns: ['id'], nullable: false, undeclared: 'implied by its name' }] },
      { name: 'likes', columns: [], foreignKeys: [{ columns: ['user_id'], refTable: 'users', refColumns: ['id'], nullable: false, undeclared: 'implied by its name' }, fk('users', 'by_id')] },
    ],
    edges: [],
    coverage: { ...overview.coverage, tables: [] },
  } as unknown as Overview;
  const g = graphData(o);
  assert.equal(g.edges.find((e) => e.child === 'posts')!.undeclared, 'implied by its name');
  assert.equal(g.edges.find((e) => e.child === 'likes')!.undeclared, undefined);
});
