import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { graphPage, type GraphPageData } from '../src/views/graph/html.ts';
import { layoutGraph } from '../src/views/graph/layout.ts';
import { graphData, layoutKey, PREPARE_MIN } from '../src/views/graph/model.ts';
import type { Overview } from '../src/views/protocol.ts';
import { generatedOverview } from '../test/support/graph-schema.ts';

// First paint of the foreign-key graph webview, measured in Chromium (Debian's, as the UI tests
// use): the page the extension builds (same HTML, CSP, bundled script dist/graph-webview.js),
// served from loopback, a fresh browser context per run. "First paint" = from navigation start
// to the frame after the graph's SVG is in the page: HTML, 1.5 MB script, JSON, elkjs layout,
// SVG. Also: the same page given the layout the extension makes in the background when a large
// schema loads (and keeps for reopening), and the layout alone in Node (cold = first call in a
// fresh process, as in the background worker thread; then warm).
//
//   node bench/graph.ts                       # generated 500-table schema, 5 runs
//   node bench/graph.ts --tables 200 --runs 3
//   node bench/graph.ts --db sqlite:/path/x.db   # a real schema (read through the engine)
//   node bench/graph.ts --shot /tmp/graph.png    # also a screenshot of the last run (--focus T, --hub-edges)

const ROOT = join(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    tables: { type: 'string', default: '500' },
    runs: { type: 'string', default: '5' },
    db: { type: 'string' },
    shot: { type: 'string' },
    focus: { type: 'string' },
    'hub-edges': { type: 'boolean', default: false },
  },
});

async function overviewOf(url: string): Promise<Overview> {
  const { openDatabase, makePlan } = await import('../src/seeders/index.ts');
  const db = await openDatabase(url);
  try {
    const schema = await db.readSchema();
    const { plan } = await makePlan(db, { clearFirst: true }, schema);
    return {
      display: db.target.display, dialect: db.dialect, skipped: [], columnsHow: {}, ms: 0, phases: plan.phases,
      tables: schema.tables.map((t) => ({ name: t.name, columns: [], foreignKeys: t.foreignKeys.map((f) => ({ columns: f.columns, refTable: f.refTable, refColumns: f.refColumns, nullable: f.nullable })) })),
      edges: plan.edges.map((e) => ({ from: e.from, to: e.to, columns: e.columns, mode: e.mode })),
      coverage: { tables: schema.tables.map((t, i) => ({ table: t.name, rows: i % 3 ? 50 : 0, target: 50, state: i % 3 ? 'full' : 'empty' })), withData: 0, total: schema.tables.length, percent: 0, headline: '' },
    };
  } finally {
    await db.close();
  }
}

const o = args.db ? await overviewOf(args.db) : generatedOverview(Number(args.tables));
const graph = graphData(o);
const runs = Number(args.runs);
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

// The layout alone, in Node: cold in a fresh process, then warm here.
const cold = spawnSync(process.execPath, ['--input-type=module', '-e', `
  const { layoutGraph } = await import(${JSON.stringify(join(ROOT, 'src/views/graph/layout.ts'))});
  const g = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
  const c0 = process.cpuUsage(); const l = await layoutGraph(g); const c = process.cpuUsage(c0);
  console.log(l.ms + ' ' + Math.round((c.user + c.system) / 1000));`.replace("require('node:fs')", "(await import('node:fs'))")], { input: JSON.stringify(graph), encoding: 'utf8' });
const [coldMs, coldCpu] = cold.stdout.trim().split(' ').map(Number);
const warm: number[] = [];
let full = await layoutGraph(graph);
for (let i = 0; i < 3; i++) warm.push((full = await layoutGraph(graph)).ms);

// The webview page in Chromium.
if (!existsSync(join(ROOT, 'dist/graph-elk.js')) || process.env.SEEDBED_BUILD !== '0') {
  const b = spawnSync(process.execPath, [join(ROOT, 'scripts/build.ts')], { cwd: ROOT, encoding: 'utf8' });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
}
const files: Record<string, [string, string]> = {
  '/graph-webview.js': [join(ROOT, 'dist/graph-webview.js'), 'text/javascript'],
  '/graph-elk.js': [join(ROOT, 'dist/graph-elk.js'), 'text/javascript'],
  '/webview.css': [join(ROOT, 'media/webview.css'), 'text/css'],
  '/graph.css': [join(ROOT, 'media/graph.css'), 'text/css'],
  '/theme.css': [join(ROOT, 'bench/graph-theme.css'), 'text/css'],
};
let page = '';
const server = createServer((req, res) => {
  const f = files[req.url ?? ''];
  if (req.url === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page);
  } else if (req.url === '/favicon.ico') {
    res.writeHead(204);
    res.end();
  } else if (f) {
    res.writeHead(200, { 'content-type': f[1], 'cache-control': 'no-store' });
    res.end(readFileSync(f[0]));
  } else {
    res.writeHead(404);
    res.end();
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const html = (data: GraphPageData) =>
  graphPage({ cspSource: origin, nonce: 'bench-nonce', scriptUri: `${origin}/graph-webview.js`, layoutUri: `${origin}/graph-elk.js`, styleUris: [`${origin}/theme.css`, `${origin}/webview.css`, `${origin}/graph.css`] }, data);
const base: GraphPageData = { graph, title: o.display, headline: '', focus: args.focus };

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
type T = { paint: number; layout: number; script: number; busy: number; drawStart: number; drawn: number };
async function open(data: GraphPageData, shot?: string): Promise<T> {
  page = html(data);
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const p = await context.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  p.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await p.addInitScript('window.acquireVsCodeApi = () => ({ postMessage() {} });');
  // The page's main-thread busy time (Chromium's TaskDuration): what the first paint costs
  // apart from waiting for a CPU — on a loaded machine the wall clock says more about the load.
  const cdp = await context.newCDPSession(p);
  await cdp.send('Performance.enable');
  await p.goto(origin);
  // Functions, not strings: the page's CSP forbids eval, and Playwright evaluates strings with it.
  await p.waitForFunction(() => (window as unknown as { seedbedGraph?: { paint?: number } }).seedbedGraph?.paint, undefined, { timeout: 120_000 });
  const { metrics } = await cdp.send('Performance.getMetrics');
  const t = { ...((await p.evaluate(() => (window as unknown as { seedbedGraph: T }).seedbedGraph))), busy: 1000 * (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) };
  const nodes = await p.locator('svg g.node').count();
  if (nodes !== (data.focus ? nodes : graph.nodes.length)) throw new Error(`${nodes} nodes drawn, expected ${graph.nodes.length}`);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  if (shot && args['hub-edges']) {
    const before = await p.evaluate(() => document.body.dataset.painted);
    await p.locator('#hubedges').check();
    await p.waitForFunction((b) => document.body.dataset.painted !== b, before, { timeout: 120_000 });
  }
  if (shot) await p.screenshot({ path: shot });
  await context.close();
  return t;
}
const first: T[] = [];
for (let i = 0; i < runs; i++) first.push(await open(base, i === runs - 1 ? args.shot : undefined));
const reopened: T[] = [];
for (let i = 0; i < runs; i++) reopened.push(await open({ ...base, focus: undefined, layout: { key: layoutKey(graph, undefined, 0, false), layout: full } }));
await browser.close();
server.close();

const r = (n: number) => Math.round(n);
const lines = [
  `Foreign-key graph, ${graph.nodes.length} tables, ${graph.edges.length} links (${o.display}); ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  `  first paint in Chromium (navigation → graph drawn): median ${r(median(first.map((t) => t.paint)))} ms, max ${r(Math.max(...first.map((t) => t.paint)))} ms over ${runs} runs; main-thread busy ${r(median(first.map((t) => t.busy)))} ms`,
  `    of which elkjs layout in the page: median ${r(median(first.map((t) => t.layout)))} ms; script start at ${r(median(first.map((t) => t.script)))} ms`,
  `  first paint with the layout made in the background when the schema loaded (the extension does so from ${PREPARE_MIN} tables; also every reopen): median ${r(median(reopened.map((t) => t.paint)))} ms, max ${r(Math.max(...reopened.map((t) => t.paint)))} ms; main-thread busy ${r(median(reopened.map((t) => t.busy)))} ms`,
  `    of which: script start ${r(median(reopened.map((t) => t.script)))} ms, SVG built ${r(median(reopened.map((t) => t.drawn - t.drawStart)))} ms, style + layout + paint ${r(median(reopened.map((t) => t.paint - t.drawn)))} ms`,
  `  elkjs layout in Node: cold (a fresh thread, as the background layout runs) ${coldMs} ms (${coldCpu} ms CPU), warm ${warm.join('/')} ms (${full.width}×${full.height} px, hubs: ${full.hubs.join(', ') || 'none'})`,
];
console.log(lines.join('\n'));
if (args.shot) console.log(`  screenshot: ${args.shot}`);
writeFileSync(join(ROOT, 'bench/results/graph-latest.txt'), `${new Date().toISOString()}\n${lines.join('\n')}\n`);
