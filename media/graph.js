// Seedbed FK graph: hover highlights a table's neighbours; click reveals it in the Seedbed view.
(function () {
  const vscode = acquireVsCodeApi();
  const nodes = Array.from(document.querySelectorAll('g.node'));
  const edges = Array.from(document.querySelectorAll('path.edge'));
  function focus(name) {
    const near = new Set([name]);
    for (const e of edges) {
      if (e.dataset.from === name) near.add(e.dataset.to);
      if (e.dataset.to === name) near.add(e.dataset.from);
    }
    for (const n of nodes) n.classList.toggle('dim', name !== null && !near.has(n.dataset.table));
    for (const e of edges) e.style.strokeOpacity = name === null ? '' : (e.dataset.from === name || e.dataset.to === name ? '1' : '0.08');
  }
  for (const n of nodes) {
    n.addEventListener('mouseenter', () => focus(n.dataset.table));
    n.addEventListener('mouseleave', () => focus(null));
    n.addEventListener('click', () => vscode.postMessage({ reveal: n.dataset.table }));
  }
})();
