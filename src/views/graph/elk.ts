import { layoutGraph } from './layout.ts';

// dist/graph-elk.js: elkjs and the layout, loaded by the graph page only when it lays out itself
// (a focus view, hub edges, a small schema), so a page given its layout starts without parsing
// elkjs's 1.5 MB.

(globalThis as unknown as { seedbedLayout: typeof layoutGraph }).seedbedLayout = layoutGraph;
