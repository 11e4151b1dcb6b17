import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';
import { NODE_H, NODE_W, type LaidEdge, type Layout, type LayoutOptions } from './geometry.ts';
import { hubs, type GraphData, type GraphEdge } from './model.ts';

// Coordinates for the graph from elkjs's layered algorithm (Sugiyama: cycle breaking, layering,
// crossing minimisation, node placement, orthogonal edge routing). Parents sit left of their
// children, so the columns read in seeding order. Runs wherever it is imported: the webview's
// bundled script (off the extension host), and Node for the tests and the benchmark.

export { NODE_H, NODE_W, type LaidEdge, type Layout, type LayoutOptions } from './geometry.ts';

/** Up to this many tables, a focus view routes hub edges too. */
const FOCUS_ALL_EDGES = 150;

type ElkCtor = new () => { layout(g: ElkNode): Promise<ElkNode> };
let elk: InstanceType<ElkCtor> | undefined;

/** Crossing minimisation sweeps: fewer on big graphs, where each costs most (ELK's default is 7). */
const thoroughness = (nodes: number) => (nodes > 300 ? 3 : nodes > 120 ? 5 : 7);

export async function layoutGraph(d: GraphData, options: LayoutOptions = {}): Promise<Layout> {
  const t0 = performance.now();
  const names = options.only ?? new Set(d.nodes.map((n) => n.name));
  // A focus view of a bounded size lays out every edge: there, the hub edges are the point.
  const hubSet = options.hubEdges || (options.focus && names.size <= FOCUS_ALL_EDGES) ? new Set<string>() : hubs(d, names, options.focus);
  const children: ElkNode[] = [];
  for (const n of d.nodes) if (names.has(n.name)) children.push({ id: n.name, width: NODE_W, height: NODE_H });
  const routed: GraphEdge[] = [];
  const unrouted: GraphEdge[] = [];
  const edges: ElkExtendedEdge[] = [];
  for (const e of d.edges) {
    if (!names.has(e.child) || !names.has(e.parent)) continue;
    if (e.child === e.parent || hubSet.has(e.parent)) {
      unrouted.push(e);
      continue;
    }
    // A cycle edge points back against the seeding order (the plan fills it afterwards): laid
    // out reversed, so elkjs's layers follow the plan's phases.
    const [from, to] = e.cycle ? [e.child, e.parent] : [e.parent, e.child];
    edges.push({ id: `e${routed.length}`, sources: [from], targets: [to] });
    routed.push(e);
  }
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '14',
      'elk.layered.spacing.nodeNodeBetweenLayers': '64',
      'elk.layered.spacing.edgeNodeBetweenLayers': '14',
      'elk.spacing.edgeEdge': '6',
      'elk.spacing.componentComponent': '40',
      'elk.layered.crossingMinimization.thoroughness': String(thoroughness(children.length)),
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.aspectRatio': '1.8',
      'elk.padding': '[top=20,left=20,bottom=20,right=20]',
    },
    children,
    edges,
  };
  elk ??= new (ELK as unknown as ElkCtor)();
  const out = await elk.layout(graph);
  const nodes: Layout['nodes'] = {};
  for (const c of out.children ?? []) nodes[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  const laid: LaidEdge[] = (out.edges as ElkExtendedEdge[]).map((oe) => {
    const e = routed[Number(oe.id.slice(1))];
    const points: number[] = [];
    for (const s of oe.sections ?? []) {
      points.push(s.startPoint.x, s.startPoint.y);
      for (const b of s.bendPoints ?? []) points.push(b.x, b.y);
      points.push(s.endPoint.x, s.endPoint.y);
    }
    // Always parent → child, whichever way it was laid out.
    if (e.cycle) reversePoints(points);
    return { child: e.child, parent: e.parent, points: points.map((v) => Math.round(v * 10) / 10) };
  });
  for (const e of unrouted) laid.push({ child: e.child, parent: e.parent, points: [] });
  return { width: Math.ceil(out.width ?? 0), height: Math.ceil(out.height ?? 0), nodes, edges: laid, hubs: [...hubSet].sort(), ms: Math.round(performance.now() - t0) };
}

function reversePoints(p: number[]): void {
  for (let i = 0, j = p.length - 2; i < j; i += 2, j -= 2) {
    [p[i], p[j]] = [p[j], p[i]];
    [p[i + 1], p[j + 1]] = [p[j + 1], p[i + 1]];
  }
}
