import type { Lookup } from '../config/types.ts';
import type { Rng } from './prng.ts';
import { SeedbedError } from '../errors.ts';

// Rows generated so far in a run, for config functions that look at them
// (`lookup.pick('user_channels', { channel_id: row.channel_id })`). Indexed on first use per
// set of `where` columns and kept up to date as rows are added, so lookups stay O(1).

type Row = Record<string, unknown>;

export class RowStore {
  private readonly tables = new Map<string, Row[]>();
  /** Tables of the run, in order; a lookup of one not yet begun is a config mistake. */
  private readonly pending: Set<string>;
  private current = '';

  constructor(runTables: string[] = []) {
    this.pending = new Set(runTables);
  }

  /** Called when a table starts generating: its rows (so far) become visible. */
  begin(table: string): void {
    this.pending.delete(table);
    this.current = table;
  }
  private readonly indexes = new Map<string, { columns: string[]; map: Map<string, Row[]> }[]>();

  add(table: string, row: Row): void {
    let rows = this.tables.get(table);
    if (!rows) this.tables.set(table, (rows = []));
    rows.push(row);
    for (const ix of this.indexes.get(table) ?? []) push(ix.map, keyOf(row, ix.columns), row);
  }

  rows(table: string, where?: Row): Row[] {
    if (this.pending.has(table)) {
      throw new SeedbedError('BAD_INPUT', `A config function of ${this.current} looks up ${table}, whose rows are generated later.`, {
        fix: `Add after: ['${table}'] to ${this.current} in the config, so ${table} is seeded first.`,
        table: this.current,
      });
    }
    const all = this.tables.get(table) ?? [];
    const columns = where ? Object.keys(where).sort() : [];
    if (!columns.length) return all;
    let list = this.indexes.get(table);
    if (!list) this.indexes.set(table, (list = []));
    let ix = list.find((x) => x.columns.join('\u0000') === columns.join('\u0000'));
    if (!ix) {
      ix = { columns, map: new Map() };
      for (const r of all) push(ix.map, keyOf(r, columns), r);
      list.push(ix);
    }
    return ix.map.get(keyOf(where!, columns)) ?? [];
  }

  /** The `lookup` a config function sees, drawing picks from its column's stream. */
  view(rng: Rng): Lookup<Record<string, Row>> {
    return {
      rows: (table, where) => this.rows(table, where as Row),
      pick: (table, where) => {
        const rows = this.rows(table, where as Row);
        return rows.length ? rows[rng.int(0, rows.length - 1)] : undefined;
      },
    };
  }
}

function keyOf(row: Row, columns: string[]): string {
  let s = '';
  for (const c of columns) s += `${String(row[c])}\u0000`;
  return s;
}

function push(map: Map<string, Row[]>, key: string, row: Row): void {
  const list = map.get(key);
  if (list) list.push(row);
  else map.set(key, [row]);
}
