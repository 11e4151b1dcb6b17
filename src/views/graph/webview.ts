/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { GraphPageData } from './html.ts';
import { NODE_H, NODE_W, type Layout, type LayoutOptions } from './geometry.ts';
import { adjacency, focusLevels, layoutKey, matchTables, neighbourhood, type GraphData, type GraphNode } from './model.ts';

// The graph webview's script (bundled by scripts/build.ts into dist/graph-webview.js): lays the
// graph out with elkjs here, in the webview, and draws it as SVG built from DOM nodes (names
// are text nodes, never markup). Zoom and pan, a filter box, a focus mode (a table with its
// parents and children n levels out), hub edges on hover. Talks to the extension by messages:
// out { reveal } / { layout }, in { focus } / { coverage }.

declare function acquireVsCodeApi(): { postMessage(m: unknown): void };

// elkjs comes in its own script (dist/graph-elk.js), loaded the first time a layout is needed.
const thisScript = document.currentScript as HTMLScriptElement;
type LayoutFn = (d: GraphData, o: LayoutOptions) => Promise<Layout>;
let elk: Promise<LayoutFn> | undefined;
function layoutGraph(d: GraphData, o: LayoutOptions): Promise<Layout> {
  elk ??= new Promise<LayoutFn>((resolve, reject) => {
    const s = document.createElement('script');
    s.nonce = thisScript.nonce;
    s.src = thisScript.dataset.layoutSrc!;
    s.onload = () => resolve((window as unknown as { seedbedLayout: LayoutFn }).seedbedLayout);
    s.onerror = () => reject(new Error('the layout script did not load'));
    document.head.append(s);
  });
  return elk.then((f) => f(d, o));
}

const SVG = 'http://www.w3.org/2000/svg';
const vscode = acquireVsCodeApi();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const data = JSON.parse($('seedbed-graph').textContent!) as GraphPageData;
const graph: GraphData = data.graph;
const byName = new Map(graph.nodes.map((n) => [n.name, n]));
const adj = adjacency(graph);
const cycleOf = new Map(graph.edges.map((e) => [`${e.child}\u0000${e.parent}`, e]));
const inDegree = new Map<string, number>();
for (const e of graph.edges) if (e.child !== e.parent) inDegree.set(e.parent, (inDegree.get(e.parent) ?? 0) + 1);

const view = $('view');
const status = $('status');
const filter = $<HTMLInputElement>('filter');
const count = $('count');
const focusbar = $('focusbar');
const levelsOut = $('levels');
const hubToggle = $<HTMLInputElement>('hubedges');

/** Timings the benchmark reads: ms since navigation start. */
const timings: Record<string, number> = { script: performance.now() };
(window as unknown as { seedbedGraph: unknown }).seedbedGraph = timings;

// ---------- state ----------
let focus: string | undefined = data.focus && byName.has(data.focus) ? data.focus : undefined;
const DEFAULT_LEVELS = 2;
const clampLevels = (n: number) => Math.max(1, Math.min(9, Math.round(n)));
/** Levels asked for (Show in Graph's argument, the − / + buttons), else the default, made
 *  smaller around a hub so the focus view stays readable. */
const levelsFor = (table: string, asked?: number) => (asked !== undefined ? clampLevels(asked) : focusLevels(graph, table, DEFAULT_LEVELS, 80, adj));
/** Levels the person chose (− / +, or Show in Graph's argument): kept from table to table. */
let levelsAsked = data.levels;
let levels = focus ? levelsFor(focus, levelsAsked) : DEFAULT_LEVELS;
let hubEdges = false;
let current: { layout: Layout; names: Set<string> } | undefined;
const cache = new Map<string, Layout>();
if (data.layout) cache.set(data.layout.key, data.layout.layout);
let generation = 0;

// ---------- SVG scaffolding ----------
const svg = el('svg', { class: 'graph', role: 'img' });
const defs = el('defs');
for (const [id, cls] of [['arrow', 'arrow'], ['arrow-cycle', 'arrow cycle']]) {
  // At the parent's end of an edge (its start), pointing back into the parent: FK → referenced.
  const m = el('marker', { id, viewBox: '0 0 10 10', refX: '0', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto' });
  m.append(el('path', { d: 'M 10 0 L 0 5 L 10 10 z', class: cls }));
  defs.append(m);
}
const world = el('g');
const edgeLayer = el('g', { class: 'edges' });
const hoverLayer = el('g', { class: 'hover-edges' });
const nodeLayer = el('g', { class: 'nodes' });
world.append(edgeLayer, hoverLayer, nodeLayer);
svg.append(defs, world);

function el(tag: string, attrs: Record<string, string> = {}): SVGElement {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

// ---------- drawing ----------
const nodeEls = new Map<string, SVGGElement>();
const edgesAt = new Map<string, SVGPathElement[]>();

const percent = (n: GraphNode) => (n.target > 0 ? Math.min(100, Math.floor((n.rows / n.target) * 100)) : 100);
const covText = (n: GraphNode) => `${n.rows.toLocaleString('en-US')}/${n.target.toLocaleString('en-US')} rows · ${percent(n)}%`;
// Names cut to the box, measured in the page's own font (a canvas measures without a layout).
const measure = document.createElement('canvas').getContext('2d');
let fontSet = false;
function label(s: string): string {
  if (!measure) return s.length > 28 ? `${s.slice(0, 27)}…` : s;
  if (!fontSet) {
    const family = getComputedStyle(document.body).getPropertyValue('--vscode-font-family') || 'sans-serif';
    measure.font = `600 12px ${family}`;
    fontSet = true;
  }
  const max = NODE_W - 14;
  if (measure.measureText(s).width <= max) return s;
  let lo = 1;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure.measureText(`${s.slice(0, mid)}…`).width <= max) lo = mid;
    else hi = mid - 1;
  }
  return `${s.slice(0, lo)}…`;
}

const some = (names: string[]) => (names.length > 6 ? `${names.slice(0, 6).join(', ')} … (+${names.length - 6})` : names.join(', '));
function nodeTitle(n: GraphNode): string {
  const parents = adj.parents.get(n.name)!;
  const children = adj.children.get(n.name)!;
  return `${n.name}\n${covText(n)}${n.leftOut ? `\ncannot be filled: ${n.leftOut}` : ''}\nreferences ${parents.length ? some(parents) : 'no table'}\nreferenced by ${children.length ? `${children.length} table${children.length === 1 ? '' : 's'}: ${some(children)}` : 'no table'}`;
}

function drawNode(n: GraphNode, x: number, y: number, hub: boolean, level: number | undefined): SVGGElement {
  const g = el('g', { class: `node ${n.state}${n.leftOut ? ' left-out' : ''}${hub ? ' hub' : ''}${n.name === focus ? ' focus' : ''}`, transform: `translate(${x},${y})` }) as SVGGElement;
  g.dataset.table = n.name;
  g.append(el('rect', { width: String(NODE_W), height: String(NODE_H), rx: '4' }));
  const bar = el('rect', { class: 'bar', x: '0', y: String(NODE_H - 3), width: String(Math.round((NODE_W * percent(n)) / 100)), height: '3' });
  g.append(bar);
  const name = el('text', { class: 'name', x: '8', y: '15' });
  name.textContent = label(n.name);
  const cov = el('text', { class: 'cov', x: '8', y: '29' });
  cov.textContent = hub ? `${covText(n)} · ← ${inDegree.get(n.name)} tables` : level ? `${covText(n)} · ${level < 0 ? 'parent' : 'child'} ${Math.abs(level)}` : covText(n);
  const title = el('title');
  title.textContent = nodeTitle(n);
  g.append(name, cov, title);
  return g;
}

function pathOf(points: number[]): string {
  let d = `M${points[0]} ${points[1]}`;
  for (let i = 2; i < points.length; i += 2) d += ` L${points[i]} ${points[i + 1]}`;
  return d;
}

/** A route elkjs did not make: a self reference's loop, or a curve to a hub (on hover). */
function freePath(child: string, parent: string, l: Layout): string | undefined {
  const c = l.nodes[child];
  const p = l.nodes[parent];
  if (!c || !p) return undefined;
  if (child === parent) return `M${c.x + NODE_W - 34} ${c.y} C ${c.x + NODE_W - 34} ${c.y - 22}, ${c.x + NODE_W - 6} ${c.y - 22}, ${c.x + NODE_W - 10} ${c.y}`;
  const x1 = p.x + NODE_W;
  const y1 = p.y + NODE_H / 2;
  const x2 = c.x;
  const y2 = c.y + NODE_H / 2;
  const bend = Math.max(60, Math.abs(x2 - x1) / 3);
  return x2 >= x1 ? `M${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}` : `M${p.x} ${y1} C ${p.x - bend} ${y1}, ${c.x + NODE_W + bend} ${y2}, ${c.x + NODE_W} ${y2}`;
}

function edgeEl(child: string, parent: string, d: string): SVGPathElement {
  const e = cycleOf.get(`${child}\u0000${parent}`);
  const cycle = !!e?.cycle;
  const p = el('path', { class: `edge${cycle ? ' cycle' : ''}${e?.undeclared ? ' undeclared' : ''}`, d, 'marker-start': `url(#${cycle ? 'arrow-cycle' : 'arrow'})` }) as SVGPathElement;
  p.dataset.child = child;
  p.dataset.parent = parent;
  const t = el('title');
  t.textContent = `${child}.${(e?.columns ?? []).map((c) => c.join(', ')).join(' / ')} → ${parent}${cycle ? ' (cycle: filled after the insert / checked at commit)' : ''}${e?.undeclared ? ` (not declared: ${e.undeclared})` : ''}`;
  p.append(t);
  return p;
}

function draw(l: Layout, names: Set<string>, levelOf?: Map<string, number>): void {
  nodeEls.clear();
  edgesAt.clear();
  const hubSet = new Set(l.hubs);
  const edgeFrag = document.createDocumentFragment();
  for (const e of l.edges) {
    const d = e.points.length ? pathOf(e.points) : e.child === e.parent ? freePath(e.child, e.parent, l) : undefined;
    if (!d) continue; // hub edges: drawn on hover
    const p = edgeEl(e.child, e.parent, d);
    edgeFrag.append(p);
    for (const end of [e.child, e.parent]) {
      let list = edgesAt.get(end);
      if (!list) edgesAt.set(end, (list = []));
      list.push(p);
    }
  }
  const nodeFrag = document.createDocumentFragment();
  for (const name of names) {
    const n = byName.get(name)!;
    const pos = l.nodes[name];
    if (!pos) continue;
    const g = drawNode(n, pos.x, pos.y, hubSet.has(name), levelOf?.get(name));
    nodeEls.set(name, g);
    nodeFrag.append(g);
  }
  edgeLayer.replaceChildren(edgeFrag);
  hoverLayer.replaceChildren();
  nodeLayer.replaceChildren(nodeFrag);
  svg.setAttribute('aria-label', `Foreign-key graph of ${names.size} tables`);
  if (!svg.isConnected) view.append(svg);
  applyFilter(false);
}

// ---------- layout + render ----------
async function show(): Promise<void> {
  const gen = ++generation;
  const levelOf = focus ? neighbourhood(graph, focus, levels, adj) : undefined;
  const names = levelOf ? new Set(levelOf.keys()) : new Set(graph.nodes.map((n) => n.name));
  const key = layoutKey(graph, focus, levels, hubEdges);
  let l = cache.get(key);
  if (!l) {
    status.textContent = `Laying out ${names.size} tables…`;
    status.hidden = false;
    // Let the message paint before elkjs takes the thread.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    try {
      l = await layoutGraph(graph, { only: names, hubEdges, focus });
    } catch (e) {
      status.textContent = `Could not lay out the graph: ${(e as Error).message}`;
      return;
    }
    cache.set(key, l);
    if (!focus) vscode.postMessage({ layout: { key, layout: l } });
  }
  if (gen !== generation) return;
  timings.layout = l.ms;
  timings.drawStart ??= performance.now();
  current = { layout: l, names };
  draw(l, names, levelOf);
  status.hidden = true;
  updateBars();
  if (focus) fitTo([...names]);
  else fitTo();
  timings.drawn ??= performance.now();
  requestAnimationFrame(() => {
    timings.paint ??= performance.now();
    timings.last = performance.now();
    document.body.dataset.painted = String(++paints);
  });
}
let paints = 0;

function updateBars(): void {
  focusbar.hidden = !focus;
  $('focusname').textContent = focus ?? '';
  levelsOut.textContent = String(levels);
  const meta = $('meta');
  const l = current?.layout;
  const cycles = graph.edges.filter((e) => e.cycle).length;
  const shown = current ? current.names.size : graph.nodes.length;
  meta.textContent = `${data.headline ? `${data.headline} · ` : ''}${focus ? `${shown} of ${graph.nodes.length} tables` : `${graph.nodes.length} tables`} · ${graph.edges.length} foreign-key link${graph.edges.length === 1 ? '' : 's'} · ${cycles} cycle edge${cycles === 1 ? '' : 's'}${l?.hubs.length && !hubEdges ? ` · hubs (edges on hover): ${l.hubs.slice(0, 4).join(', ')}${l.hubs.length > 4 ? ` +${l.hubs.length - 4}` : ''}` : ''}${l ? ` · laid out in ${l.ms} ms` : ''}`;
}

// ---------- zoom and pan ----------
let k = 1;
let tx = 0;
let ty = 0;
function apply(): void {
  world.setAttribute('transform', `translate(${tx.toFixed(1)},${ty.toFixed(1)}) scale(${k.toFixed(4)})`);
  svg.classList.toggle('far', k < 0.42);
  svg.classList.toggle('farther', k < 0.2);
  // Zoomed out, hubs, matches and the focus keep a readable name (graph.css scales it by 1/k).
  svg.style.setProperty('--inv', (1 / k).toFixed(3));
}
function zoomAt(factor: number, cx: number, cy: number): void {
  const nk = Math.max(0.03, Math.min(3, k * factor));
  tx = cx - ((cx - tx) * nk) / k;
  ty = cy - ((cy - ty) * nk) / k;
  k = nk;
  apply();
}
function fitTo(names?: string[]): void {
  const l = current?.layout;
  if (!l) return;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const name of names ?? Object.keys(l.nodes)) {
    const p = l.nodes[name];
    if (!p) continue;
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x + NODE_W);
    y1 = Math.max(y1, p.y + NODE_H);
  }
  if (!Number.isFinite(x0)) return;
  const w = view.clientWidth || 800;
  const h = view.clientHeight || 600;
  const pad = 24;
  k = Math.max(0.03, Math.min(1.25, (w - 2 * pad) / (x1 - x0), (h - 2 * pad) / (y1 - y0)));
  tx = (w - (x1 - x0) * k) / 2 - x0 * k;
  ty = (h - (y1 - y0) * k) / 2 - y0 * k;
  apply();
}

view.addEventListener('wheel', (e) => {
  e.preventDefault();
  const r = view.getBoundingClientRect();
  if (e.ctrlKey || Math.abs(e.deltaY) >= Math.abs(e.deltaX)) zoomAt(Math.exp(-e.deltaY * (e.ctrlKey ? 0.01 : 0.0015)), e.clientX - r.left, e.clientY - r.top);
  else {
    tx -= e.deltaX;
    apply();
  }
}, { passive: false });

let drag: { x: number; y: number; tx: number; ty: number; moved: boolean; id: number } | undefined;
view.addEventListener('pointerdown', (e) => {
  if (e.button !== 0) return;
  drag = { x: e.clientX, y: e.clientY, tx, ty, moved: false, id: e.pointerId };
});
view.addEventListener('pointermove', (e) => {
  if (!drag || e.pointerId !== drag.id) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  if (!drag.moved) view.setPointerCapture(e.pointerId);
  drag.moved = true;
  view.classList.add('panning');
  tx = drag.tx + dx;
  ty = drag.ty + dy;
  apply();
});
view.addEventListener('pointerup', (e) => {
  const d = drag;
  drag = undefined;
  view.classList.remove('panning');
  if (!d || d.moved) return;
  const node = (e.target as Element).closest?.('g.node') as SVGGElement | null;
  if (node?.dataset.table) clickTable(node.dataset.table);
});
view.addEventListener('pointercancel', () => {
  drag = undefined;
  view.classList.remove('panning');
});

const centre = () => [view.clientWidth / 2, view.clientHeight / 2] as const;
$('zoomin').addEventListener('click', () => zoomAt(1.4, ...centre()));
$('zoomout').addEventListener('click', () => zoomAt(1 / 1.4, ...centre()));
$('fit').addEventListener('click', () => fitTo());

// ---------- hover: a table's edges, hub edges included ----------
let hovered: string | undefined;
view.addEventListener('pointerover', (e) => {
  if (drag?.moved) return;
  const node = (e.target as Element).closest?.('g.node') as SVGGElement | null;
  const name = node?.dataset.table;
  if (name === hovered) return;
  hovered = name;
  highlight(name);
});
view.addEventListener('pointerleave', () => {
  hovered = undefined;
  highlight(undefined);
});

function highlight(name: string | undefined): void {
  for (const p of edgeLayer.querySelectorAll('.edge.hot')) p.classList.remove('hot');
  hoverLayer.replaceChildren();
  svg.classList.toggle('hovering', !!name);
  for (const g of nodeLayer.querySelectorAll('.node.near')) g.classList.remove('near');
  if (!name || !current) return;
  const near = new Set([name]);
  for (const p of edgesAt.get(name) ?? []) {
    p.classList.add('hot');
    near.add(p.dataset.child!);
    near.add(p.dataset.parent!);
  }
  // Edges the layout left out (into hubs): drawn now, for this table only.
  const l = current.layout;
  for (const e of l.edges) {
    if (e.points.length || e.child === e.parent || (e.child !== name && e.parent !== name)) continue;
    const d = freePath(e.child, e.parent, l);
    if (!d) continue;
    const p = edgeEl(e.child, e.parent, d);
    p.classList.add('hot', 'hub-edge');
    hoverLayer.append(p);
    near.add(e.child);
    near.add(e.parent);
  }
  for (const n of near) nodeEls.get(n)?.classList.add('near');
}

// ---------- filter ----------
let matches: string[] = [];
function applyFilter(refit: boolean): void {
  const q = filter.value;
  matches = q.trim() ? matchTables(graph, q).filter((n) => nodeEls.has(n)) : [];
  const on = !!q.trim();
  svg.classList.toggle('filtering', on);
  // Zoomed out, a few matches keep a readable name; many would only pile up (Enter zooms to them).
  svg.classList.toggle('few-matches', matches.length <= 8);
  const set = new Set(matches);
  for (const [name, g] of nodeEls) g.classList.toggle('match', set.has(name));
  count.textContent = on ? `${matches.length} of ${nodeEls.size} table${nodeEls.size === 1 ? '' : 's'}` : '';
  if (refit && matches.length) fitTo(matches);
}
let filterTimer: ReturnType<typeof setTimeout> | undefined;
filter.addEventListener('input', () => {
  clearTimeout(filterTimer);
  filterTimer = setTimeout(() => applyFilter(false), 60);
});
filter.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') {
    applyFilter(false);
    if (matches.length === 1) clickTable(matches[0]);
    else applyFilter(true);
  } else if (e.key === 'Escape') {
    filter.value = '';
    applyFilter(false);
  }
});

// ---------- focus ----------
function clickTable(name: string): void {
  vscode.postMessage({ reveal: name });
  if (focus === name) return;
  setFocus(name);
}
function setFocus(name: string | undefined, asked?: number): void {
  const was = focus;
  focus = name && byName.has(name) ? name : undefined;
  if (asked !== undefined) levelsAsked = asked;
  if (focus) levels = levelsFor(focus, levelsAsked);
  updateBars();
  void show().then(() => {
    if (!focus && was && current?.layout.nodes[was]) centreOn(was);
  });
}
function centreOn(name: string): void {
  const p = current?.layout.nodes[name];
  if (!p) return;
  k = Math.max(k, 0.8);
  tx = view.clientWidth / 2 - (p.x + NODE_W / 2) * k;
  ty = view.clientHeight / 2 - (p.y + NODE_H / 2) * k;
  apply();
  nodeEls.get(name)?.classList.add('match');
}
$('all').addEventListener('click', () => setFocus(undefined));
for (const [id, step] of [['less', -1], ['more', 1]] as const) {
  $(id).addEventListener('click', () => {
    const next = clampLevels(levels + step);
    if (next === levels) return;
    levels = levelsAsked = next;
    updateBars();
    void show();
  });
}
hubToggle.addEventListener('change', () => {
  hubEdges = hubToggle.checked;
  void show();
});

document.addEventListener('keydown', (e) => {
  if (e.target === filter) return;
  if (e.key === '/' || (e.key === 'f' && (e.ctrlKey || e.metaKey))) {
    e.preventDefault();
    filter.focus();
  } else if (e.key === '+' || e.key === '=') zoomAt(1.25, ...centre());
  else if (e.key === '-') zoomAt(0.8, ...centre());
  else if (e.key === '0') fitTo();
  else if (e.key === 'Escape' && focus) setFocus(undefined);
});

// ---------- messages from the extension ----------
window.addEventListener('message', (e: MessageEvent) => {
  const m = e.data as { focus?: string; levels?: number; coverage?: GraphNode[] };
  if (typeof m?.focus === 'string') setFocus(m.focus, typeof m.levels === 'number' ? m.levels : undefined);
  if (Array.isArray(m?.coverage)) {
    for (const n of m.coverage) {
      const old = byName.get(n.name);
      if (old) Object.assign(old, { state: n.state, rows: n.rows, target: n.target, leftOut: n.leftOut });
    }
    if (current) draw(current.layout, current.names, focus ? neighbourhood(graph, focus, levels, adj) : undefined);
  }
});

window.addEventListener('resize', () => {
  if (!current) return;
  if (focus) fitTo([...current.names]);
});

updateBars();
void show();
