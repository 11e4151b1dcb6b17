import { coverageDescription } from './format.ts';
import type { TableMention } from './mentions.ts';
import type { Overview } from './protocol.ts';

// What the CodeLens over a `CREATE TABLE` or an `@Entity` class says (codeLens.ts draws it): pure,
// so tests read it without VS Code.

export interface Lens {
  offset: number;
  title: string;
  tooltip?: string;
  command: string;
  args?: unknown[];
}

type TableCoverage = Overview['coverage']['tables'][number];

interface Index {
  exact: Map<string, TableCoverage>;
  /** By lower-case name (a CREATE TABLE Foo for the table foo); the first of the list wins, as before. */
  folded: Map<string, TableCoverage>;
  skipped: Map<string, string>;
}

/** Built once per overview: a schema file of 500 CREATE TABLEs looked each one up in the list of
 *  500 tables, twice when the case differed (≈44 ms a pass on the extension host, ≈360 ms at 1,500). */
const indexes = new WeakMap<Overview, Index>();

function indexOf(o: Overview): Index {
  let x = indexes.get(o);
  if (!x) {
    const folded = new Map<string, TableCoverage>();
    for (const t of o.coverage.tables) if (!folded.has(t.table.toLowerCase())) folded.set(t.table.toLowerCase(), t);
    const skipped = new Map<string, string>();
    for (const s of o.skipped) if (!skipped.has(s.name)) skipped.set(s.name, s.reason);
    x = { exact: new Map(o.coverage.tables.map((t) => [t.table, t])), folded, skipped };
    indexes.set(o, x);
  }
  return x;
}

/** The lenses of a file's table mentions; `where` names the database ("the database" when unknown). */
export function tableLenses(mentions: readonly TableMention[], o: Overview | undefined, where: string): Lens[] {
  const out: Lens[] = [];
  const x = o && indexOf(o);
  for (const m of mentions) {
    if (!x) {
      out.push({ offset: m.offset, title: 'Seedbed: no database', command: 'seedbed.selectConnection' });
      continue;
    }
    const skipped = x.skipped.get(m.table);
    if (skipped !== undefined) {
      out.push({ offset: m.offset, title: `Seedbed: not seeded (${skipped})`, command: 'seedbed.showCoverage' });
      continue;
    }
    const cov = x.exact.get(m.table) ?? x.folded.get(m.table.toLowerCase());
    if (!cov) {
      out.push({ offset: m.offset, title: `Seedbed: ${m.table} is not in ${where}`, command: 'seedbed.refresh' });
      continue;
    }
    out.push({ offset: m.offset, title: `$(database) ${coverageDescription(cov)}`, tooltip: `Reveal ${cov.table} in the Seedbed view`, command: 'seedbed.revealTable', args: [cov.table] });
    out.push({ offset: m.offset, title: 'Seed', tooltip: `Seed ${cov.table} (and the empty parents it needs)`, command: 'seedbed.seedTable', args: [cov.table] });
  }
  return out;
}
