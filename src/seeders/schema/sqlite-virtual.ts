import type { SqliteClient } from '../drivers/sqlite-client.ts';
import type { CheckInfo, ColumnInfo, SkippedTable, TableInfo } from './model.ts';
import { unquote } from './ddl-scan.ts';

// SQLite virtual tables. FTS3/4/5 and R*Tree tables keep their data in shadow tables
// (x_content, x_segments, x_segdir, x_docsize, x_stat, x_config, x_data, x_idx; rtree x_node,
// x_parent, x_rowid) that only the module may write: those are never seeded. The virtual table
// itself is filled through INSERT — FTS with text in its columns, R*Tree with min <= max pairs —
// unless triggers feed it (external-content FTS kept in sync with its content table).

const FTS = new Set(['fts3', 'fts4', 'fts5']);
const RTREE = new Set(['rtree', 'rtree_i32']);

/** name → 'table' | 'virtual' | 'shadow' (PRAGMA table_list, SQLite 3.37+). */
export function tableKinds(db: SqliteClient): Map<string, string> {
  try {
    const rows = db.prepare(`PRAGMA main.table_list`).all() as { name: string; type: string }[];
    return new Map(rows.map((r) => [r.name, r.type]));
  } catch {
    return new Map();
  }
}

/** The virtual table a shadow table belongs to (its name is `${virtual}_${suffix}`). */
export function shadowReason(name: string, kinds: Map<string, string>): SkippedTable {
  const owner = [...kinds].filter(([n, k]) => k === 'virtual' && name.startsWith(`${n}_`)).map(([n]) => n).sort((a, b) => b.length - a.length)[0];
  return { name, reason: `shadow table${owner ? ` of virtual table ${owner}` : ''}: SQLite writes it itself` };
}

/** Tables of a virtual table whose module this SQLite lacks (sqlite-vec's vec0, spellfix1, an
 *  app's own): SQLite cannot say they are shadow tables, so they are known by the naming rule
 *  every module follows (`${virtual}_${suffix}`). Seeding them wrote random bytes into the
 *  module's index (`vec_items_chunks`, `vec_items_rowids`). Name → skip reason. */
export function unloadedShadows(db: SqliteClient, masters: { name: string; sql: string | null }[], kinds: Map<string, string>): Map<string, SkippedTable> {
  const out = new Map<string, SkippedTable>();
  const owners: { name: string; module: string }[] = [];
  for (const m of masters) {
    if (!m.sql || !/^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(m.sql)) continue;
    const module = (/\bUSING\s+(\w+)/i.exec(m.sql)?.[1] ?? '').toLowerCase();
    if (FTS.has(module) || RTREE.has(module)) continue; // always built in; table_list knows their shadows
    try {
      db.prepare(`PRAGMA table_xinfo(${quote(m.name)})`).all();
    } catch (e) {
      if (/no such module/i.test((e as Error).message)) owners.push({ name: m.name, module });
    }
  }
  if (!owners.length) return out;
  for (const m of masters) {
    if (kinds.get(m.name) === 'virtual' || m.sql && /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(m.sql)) continue;
    const owner = owners.filter((o) => m.name.toLowerCase().startsWith(`${o.name.toLowerCase()}_`)).sort((a, b) => b.name.length - a.name.length)[0];
    if (owner) out.set(m.name, { name: m.name, reason: `shadow table of virtual table ${owner.name} (module ${owner.module}, not loaded here): the module writes it itself` });
  }
  return out;
}

/** A virtual table Seedbed can fill through INSERT, or why not. */
export function readVirtual(db: SqliteClient, name: string, sql: string): TableInfo | SkippedTable {
  const m = /\bUSING\s+(\w+)\s*(?:\(([\s\S]*)\))?\s*;?\s*$/i.exec(sql);
  const module = (m?.[1] ?? '').toLowerCase();
  const args = splitArgs(m?.[2] ?? '');
  if (!FTS.has(module) && !RTREE.has(module)) {
    return { name, reason: `virtual table (module ${module || 'unknown'}): Seedbed does not write it` };
  }
  let xinfo: { name: string; type: string; hidden: number }[];
  try {
    xinfo = db.prepare(`PRAGMA table_xinfo(${quote(name)})`).all() as typeof xinfo;
  } catch (e) {
    return { name, reason: `virtual table (module ${module}) SQLite cannot open here: ${(e as Error).message}` };
  }
  const visible = xinfo.filter((c) => c.hidden === 0);
  const base = { nullable: true, default: null, autoIncrement: false, generated: false };
  if (FTS.has(module)) {
    const opt = args.map((a) => /^content\s*=\s*(.*)$/is.exec(a)?.[1]).find((x) => x !== undefined);
    const content = opt === undefined ? undefined : unquote(opt.trim().replace(/^'(.*)'$/s, '"$1"'));
    // External content: SQLite reads each column (and content_rowid) from the content table, so
    // every SELECT fails when one is missing there (an index column `author` over `authors`);
    // the application only writes it, through its triggers.
    if (content) {
      const rowid = args.map((a) => /^content_rowid\s*=\s*(.*)$/is.exec(a)?.[1]).find((x) => x !== undefined);
      const wanted = [...visible.map((c) => c.name), ...(rowid ? [unquote(rowid.trim().replace(/^'(.*)'$/s, '"$1"'))] : [])];
      let have: Set<string> | undefined;
      try {
        const cols = db.prepare(`PRAGMA table_xinfo(${quote(content)})`).all() as { name: string }[];
        if (cols.length) have = new Set(cols.map((c) => c.name.toLowerCase()));
      } catch { /* no such table: below */ }
      const missing = have ? wanted.filter((c) => c.toLowerCase() !== 'rowid' && !have!.has(c.toLowerCase())) : [];
      if (!have) return { name, reason: `external-content FTS table whose content table ${content} does not exist: SQLite cannot read it; its triggers write it` };
      if (missing.length) return { name, reason: `external-content FTS table whose content table ${content} has no column ${missing.join(', ')}: SQLite cannot read it; its triggers write it` };
    }
    // A document is text in every column (NULLs would index empty documents).
    const columns: ColumnInfo[] = visible.map((c) => ({ ...base, name: c.name, type: 'TEXT', kind: 'text', nullable: false }));
    // FTS5's contentless_delete=1 (SQLite 3.43): a contentless index that deletes rows by rowid.
    const deletable = content === '' && args.some((a) => /^contentless_delete\s*=\s*'?1'?$/i.test(a));
    return { name, columns, primaryKey: [], uniques: [], foreignKeys: [], checks: [], virtual: { module, ...(content !== undefined ? { content } : {}), ...(deletable ? { deletable } : {}) } };
  }
  // R*Tree: an integer id, then min/max pairs (32-bit floats, or integers for rtree_i32), then
  // auxiliary columns (`+name`), which hold anything.
  const dims = args.filter((a) => !a.startsWith('+')).length - 1;
  const kind = module === 'rtree_i32' ? 'integer' : 'real';
  const columns: ColumnInfo[] = visible.map((c, i) => i === 0
    ? { ...base, name: c.name, type: 'INTEGER', kind: 'integer', nullable: false }
    : i <= dims ? { ...base, name: c.name, type: kind === 'real' ? 'REAL' : 'INTEGER', kind, nullable: false }
    : { ...base, name: c.name, type: 'TEXT', kind: 'text' });
  const checks: CheckInfo[] = [];
  for (let i = 1; i + 1 <= dims; i += 2) {
    checks.push({ name: `rtree: ${columns[i].name} <= ${columns[i + 1].name}`, expression: `${quote(columns[i].name)} <= ${quote(columns[i + 1].name)}` });
  }
  return { name, columns, primaryKey: [columns[0].name], uniques: [], foreignKeys: [], checks, virtual: { module } };
}

/** Module arguments, split at top-level commas. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0, cur = '', q = '';
  for (const c of s) {
    if (q) { cur += c; if (c === q) q = ''; continue; }
    if (c === "'" || c === '"' || c === '`') { q = c; cur += c; continue; }
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function quote(id: string): string {
  return `"${id.replaceAll('"', '""')}"`;
}
