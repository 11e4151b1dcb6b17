// Start-up costs of the engine on one database, in a fresh process (cold caches of the JS side):
// module load, openDatabase, introspection (readSchema) and planning (makePlan).
// Usage (by bench/startup.ts): node bench/startup-child.ts <url>   → one line `@@result {...}`.

const url = process.argv[2]!;
const out: Record<string, unknown> = {};
try {
  const t0 = performance.now();
  const api = await import('../src/seeders/index.ts');
  const t1 = performance.now();
  const driver = await api.openDatabase(url);
  const t2 = performance.now();
  try {
    const schema = await driver.readSchema();
    const t3 = performance.now();
    const { plan } = await api.makePlan(driver, {}, schema);
    const t4 = performance.now();
    Object.assign(out, {
      ok: true,
      importMs: t1 - t0,
      openMs: t2 - t1,
      introspectMs: t3 - t2,
      planMs: t4 - t3,
      tables: schema.tables.length,
      plannedTables: plan.tables.length,
      planWarnings: plan.warnings.length,
    });
  } finally {
    await driver.close();
  }
} catch (e) {
  Object.assign(out, { ok: false, error: (e as Error).message });
}
process.stdout.write(`@@result ${JSON.stringify(out)}\n`);
process.exit(0);
