// The graph's box size and the layout's shape: shared by the layout (elkjs) and the page's
// drawing script, which loads elkjs only when it has to lay something out itself.

export const NODE_W = 204;
export const NODE_H = 38;

export interface LaidEdge {
  child: string;
  parent: string;
  /** Polyline from the parent's side to the child's, flattened [x0, y0, x1, y1, …]; empty for
   *  edges drawn without a route (self references, hub edges). */
  points: number[];
}

export interface Layout {
  width: number;
  height: number;
  /** Top-left corner of each table's box. */
  nodes: Record<string, { x: number; y: number }>;
  edges: LaidEdge[];
  /** Tables whose incoming edges were left out of the layout (see model.ts hubs()). */
  hubs: string[];
  ms: number;
}

export interface LayoutOptions {
  /** Only these tables (the focus view); default all. */
  only?: Set<string>;
  /** Lay out hub edges too (slower, denser). */
  hubEdges?: boolean;
  /** Never a hub: the focused table. */
  focus?: string;
}
