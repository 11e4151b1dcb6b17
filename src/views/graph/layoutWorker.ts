import { parentPort, workerData } from 'node:worker_threads';
import { layoutGraph } from './layout.ts';
import type { GraphData } from './model.ts';

// A short-lived worker thread (dist/graph-layout.mjs) that lays out a large schema's graph in
// the background once its overview is loaded, so that opening the graph paints at once. One
// layout, then it exits. The extension host's own thread never runs elkjs.

const { graph } = workerData as { graph: GraphData };
try {
  parentPort!.postMessage({ layout: await layoutGraph(graph) });
} catch (e) {
  parentPort!.postMessage({ error: (e as Error).message });
}
