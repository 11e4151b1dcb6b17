import type { Overview, TableSummary } from '../../src/views/protocol.ts';

// A generated schema overview of N tables shaped like real large ones: a few hubs every module
// references (users, organizations), modules of tables that reference each other and the module's
// root, self references (parent_id), cycles the plan breaks, tables with no keys at all, and
// long names. Deterministic (own LCG), for the graph's tests and bench/graph.ts.

export function generatedOverview(n: number, seed = 17): Overview {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)];
  const words = ['account', 'invoice', 'order', 'line', 'payment', 'shipment', 'product', 'category', 'review', 'session', 'token', 'audit', 'event', 'report', 'schedule', 'course', 'lesson', 'grade', 'assessment', 'attendance', 'device', 'sensor', 'reading', 'alert', 'policy', 'claim', 'contract', 'ticket', 'comment', 'attachment'];
  const hubNames = ['users', 'organizations', 'locations', 'currencies'];
  const tables: TableSummary[] = hubNames.map((name, i) => ({
    name,
    columns: [{ name: 'id', type: 'integer', nullable: false, pk: true }],
    foreignKeys: i === 1 ? [{ columns: ['owner_id'], refTable: 'users', refColumns: ['id'], nullable: true }] : [],
  }));
  const edges: Overview['edges'] = [];
  let module: string[] = [];
  while (tables.length < n) {
    const i = tables.length;
    if (module.length === 0 || rnd() < 0.12) module = [];
    const base = `${pick(words)}_${pick(words)}`;
    const name = rnd() < 0.05 ? `${base}_with_a_rather_long_descriptive_name_${i}` : `${base}_${i}`;
    const fks: TableSummary['foreignKeys'] = [];
    const ref = (refTable: string, column: string) => {
      if (fks.some((f) => f.refTable === refTable && f.columns[0] === column)) return;
      fks.push({ columns: [column], refTable, refColumns: ['id'], nullable: rnd() < 0.3 });
    };
    const lonely = rnd() < 0.06;
    if (!lonely) {
      if (rnd() < 0.3) ref('users', 'created_by');
      if (rnd() < 0.15) ref('organizations', 'organization_id');
      if (rnd() < 0.05) ref(pick(hubNames.slice(2)), 'ref_id');
      if (module.length) ref(module[0], `${module[0]}_id`);
      if (module.length > 1 && rnd() < 0.3) ref(pick(module.slice(1)), 'sibling_id');
      if (rnd() < 0.08 && i > 10) ref(tables[Math.floor(rnd() * i)].name, 'other_id');
      if (rnd() < 0.04) ref(name, 'parent_id');
    }
    tables.push({ name, columns: [{ name: 'id', type: 'integer', nullable: false, pk: true }], foreignKeys: fks });
    for (const f of fks) edges.push({ from: name, to: f.refTable, columns: f.columns, mode: f.refTable === name ? 'self' : 'direct' });
    // Now and then a module's root points back at one of its members: a cycle the plan breaks
    // by filling that column after the insert.
    if (module.length > 2 && rnd() < 0.05) {
      const root = tables.find((t) => t.name === module[0])!;
      root.foreignKeys.push({ columns: ['featured_id'], refTable: name, refColumns: ['id'], nullable: true });
      edges.push({ from: root.name, to: name, columns: ['featured_id'], mode: 'fill-after' });
    }
    if (!lonely) module.push(name);
  }
  const states = ['full', 'partial', 'empty'] as const;
  const coverage = tables.map((t) => {
    const state = states[Math.floor(rnd() * 3)];
    return { table: t.name, rows: state === 'full' ? 50 : state === 'partial' ? 20 : 0, target: 50, state };
  });
  return {
    display: `generated:${n}`,
    dialect: 'sqlite',
    tables,
    skipped: [],
    coverage: { tables: coverage, withData: coverage.filter((c) => c.rows).length, total: n, percent: 0, headline: `${n} tables` },
    phases: [],
    edges,
    columnsHow: {},
    ms: 0,
  };
}
