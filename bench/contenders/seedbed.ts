import { loadEngine } from '../lib/engine.ts';
import { mark, span, type ContenderOutcome, type RunSpec } from './types.ts';

// (b) Seedbed through its engine API, exactly as the CLI and the extension call it:
// openDatabase(url, { seeding: true }) then seed(driver, { seed, counts }) — introspection,
// planning, generation, writing and COMMIT are all inside seedMs — loaded as `seedbed` loads it,
// with Node's compile cache on (loadEngine). The engine is the bundle (bench/lib/engine.ts);
// SEEDBED_ENGINE=/path/to/src/seeders/index.ts measures another copy of the engine (say, a
// `git archive` of an older commit) for before/after comparisons.

export async function run(spec: RunSpec): Promise<ContenderOutcome> {
  const { openDatabase, seed } = await loadEngine();
  const t0 = mark();
  const url = spec.target === 'sqlite' ? `sqlite:${spec.url}` : spec.url;
  const driver = await openDatabase(url, { seeding: true }); // as `seedbed seed` opens it
  const t1 = mark();
  try {
    const { result } = await seed(driver, { seed: spec.seed, counts: spec.counts });
    const t2 = mark();
    const notes = result.warnings.length ? [`warnings: ${result.warnings.join('; ')}`] : [];
    return { ...span(t0, t1, t2), notes };
  } finally {
    await driver.close();
  }
}
