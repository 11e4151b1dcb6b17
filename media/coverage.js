// Seedbed coverage webview: sortable tables (click or Enter on a header), a filter by table name,
// and links that reveal a table in the Seedbed view (the extension runs seedbed.revealTable).
(function () {
  const vscode = acquireVsCodeApi();

  function cellValue(row, i, type) {
    const td = row.cells[i];
    if (!td) return type === 'num' ? -Infinity : '';
    if (type === 'num') {
      const v = Number(td.dataset.v);
      return Number.isNaN(v) ? -Infinity : v;
    }
    return td.textContent.trim().toLowerCase();
  }

  function sortBy(th) {
    const table = th.closest('table');
    const i = Array.prototype.indexOf.call(th.parentNode.children, th);
    const type = th.dataset.sort;
    // First click ascending (the gaps, 0 % and empty, come first; names A→Z), the next reverses.
    const dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    for (const other of th.parentNode.children) if (other.dataset.sort) other.setAttribute('aria-sort', 'none');
    th.setAttribute('aria-sort', dir);
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const sign = dir === 'ascending' ? 1 : -1;
    rows.sort((a, b) => {
      const x = cellValue(a, i, type);
      const y = cellValue(b, i, type);
      if (type === 'num') return sign * (x - y);
      return sign * x.localeCompare(y);
    });
    for (const r of rows) body.appendChild(r);
  }

  document.addEventListener('click', (e) => {
    const link = e.target.closest('[data-reveal]');
    if (link) {
      e.preventDefault();
      vscode.postMessage({ reveal: link.dataset.reveal });
      return;
    }
    const jump = e.target.closest('a.jump');
    if (jump) {
      const target = document.getElementById(jump.getAttribute('href').slice(1));
      if (target) target.open = true;
      return;
    }
    const th = e.target.closest('th[data-sort]');
    if (th) sortBy(th);
  });
  document.addEventListener('keydown', (e) => {
    const th = e.target.closest && e.target.closest('th[data-sort]');
    if (th && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      sortBy(th);
    }
  });

  const filter = document.getElementById('filter');
  const shown = document.getElementById('shown');
  if (filter) {
    const index = Array.from(document.querySelectorAll('#index tbody tr'));
    const details = Array.from(document.querySelectorAll('#details > details'));
    filter.addEventListener('input', () => {
      const q = filter.value.trim().toLowerCase();
      let n = 0;
      for (const r of index) {
        const hit = !q || r.dataset.table.toLowerCase().includes(q);
        r.hidden = !hit;
        if (hit) n++;
      }
      for (const d of details) d.hidden = !!q && !d.dataset.table.toLowerCase().includes(q);
      shown.textContent = q ? n + ' of ' + index.length + ' tables' : '';
    });
  }
  // Handlers are in place: tests wait for this before they click (the script loads after the table).
  document.body.dataset.ready = 'true';
})();
