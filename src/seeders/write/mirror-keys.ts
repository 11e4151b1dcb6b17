import type { Driver } from '../driver.ts';
import type { SeedPlan } from '../plan/plan.ts';

// A dry run or an export writes nothing, so the rows an insert trigger gives a table with keys of
// the database's making (`INSERT INTO profiles (user_id) VALUES (NEW.id)`, profiles.id an
// identity) are never there to read back. Where they can be told (plan/filled.ts foretold), the
// first key the table's sequence will hand out is read here: SQLite's next rowid (past its
// largest, and past sqlite_sequence with AUTOINCREMENT), a PostgreSQL sequence's next value and
// step. An export loads into a fresh database: the sequence's start.

export interface MirrorStart {
  next: number;
  step: number;
}

/** Mirror table → where its keys start, for the mirrors the plan can tell; `unknown`: those whose
 *  sequence could not be read, and why (their children then get no rows from this run). */
export async function mirrorStarts(driver: Driver, plan: SeedPlan, fresh: boolean): Promise<{ starts: Map<string, MirrorStart>; unknown: string[] }> {
  const starts = new Map<string, MirrorStart>();
  const unknown: string[] = [];
  for (const m of plan.mirrors ?? []) {
    if (!m.predict) continue;
    const table = plan.input.schema.tables.find((t) => t.name === m.table);
    if (!table) continue;
    const key = m.predict.key;
    try {
      const start = driver.dialect === 'sqlite' ? await sqliteStart(driver, table.name, key, fresh, () => driver.maxInteger(table, key))
        : await pgStart(driver, table.name, key, table.columns.find((c) => c.name === key)?.default ?? null, fresh, () => driver.maxInteger(table, key));
      if (typeof start === 'string') unknown.push(`${m.table}: ${start}`);
      else starts.set(m.table, start);
    } catch (e) {
      unknown.push(`${m.table}: its sequence could not be read (${(e as Error).message})`);
    }
  }
  return { starts, unknown };
}

async function sqliteStart(driver: Driver, table: string, key: string, fresh: boolean, max: () => Promise<number>): Promise<MirrorStart | string> {
  if (fresh) return { next: 1, step: 1 };
  let seq = 0;
  // sqlite_sequence exists once a table with AUTOINCREMENT does; it then never hands out a key again.
  try {
    const rows = await driver.query!('SELECT seq FROM sqlite_sequence WHERE name = ?', [table]);
    seq = Number(rows[0]?.seq ?? 0);
  } catch { /* no AUTOINCREMENT table: no sqlite_sequence */ }
  const next = Math.max(await max(), seq) + 1;
  return Number.isSafeInteger(next) ? { next, step: 1 } : `its rowids reach ${next - 1}; SQLite then picks keys at random`;
}

async function pgStart(driver: Driver, table: string, key: string, dflt: string | null, fresh: boolean, max: () => Promise<number>): Promise<MirrorStart | string> {
  const q = driver.query!.bind(driver);
  const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const owned = await q(`SELECT pg_get_serial_sequence(${lit(driver.quoteTable!(table))}, ${lit(key)}) AS s`);
  // A DEFAULT nextval('…') of a sequence no column owns.
  const named = /^nextval\('((?:[^']|'')+)'(?:::regclass)?\)$/.exec(dflt ?? '')?.[1]?.replaceAll("''", "'");
  const seq = typeof owned[0]?.s === 'string' ? owned[0].s : named;
  if (!seq) return `no sequence of ${key} found`;
  const def = await q('SELECT seqstart::text AS start, seqincrement::text AS step FROM pg_sequence WHERE seqrelid = $1::regclass', [seq]);
  const step = Number(def[0]?.step);
  if (!(step > 0)) return `its sequence counts down (INCREMENT ${def[0]?.step ?? '?'})`;
  let next = Number(def[0]?.start);
  if (!fresh) {
    const at = await q(`SELECT last_value::text AS last, is_called FROM ${seq}`);
    next = at[0]?.is_called ? Number(at[0].last) + step : Number(at[0]?.last);
    // A key already taken past the sequence: the trigger's INSERT would collide with it.
    const taken = await max();
    if (taken >= next) return `its sequence hands out ${next} next, but ${key} ${taken} exists`;
  }
  return Number.isSafeInteger(next) ? { next, step } : `its sequence is at ${next}, past what Seedbed counts exactly`;
}
