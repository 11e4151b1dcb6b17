// Where does a contender's time go: generating, or what its rows make SQLite do?
// Seeds the school schema with a contender (default Seedbed) and with the raw limit, then replays
// each one's rows through the raw limit's writer (prepared 100-row INSERTs, one transaction):
//   - as generated (same values, same order),
//   - sorted by each table's composite UNIQUE / PRIMARY KEY (index inserts become appends).
// If the raw writer is slow on a contender's own rows, the gap to the raw limit is in the data
// (row order, sizes), not in the contender's code.
//
//   node bench/replay.ts [--size 200k] [--contender seedbed] [--rounds 3]

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ChildResult, ContenderName, RunSpec } from './contenders/types.ts';
import { Database, quote } from './lib/sqlite.ts';
import { countsFor, isSize, TABLES, totalRows } from './schema/counts.ts';
import { buildEngine } from './lib/engine.ts';
import { ROOT } from './startup.ts';
import { median } from './stats.ts';
import { sqliteTarget } from './targets.ts';

const { values: opts } = parseArgs({
  options: {
    size: { type: 'string', default: '200k' },
    contender: { type: 'string', default: 'seedbed' },
    rounds: { type: 'string', default: '3' },
    out: { type: 'string', default: join(import.meta.dirname, 'results') },
  },
});
if (!isSize(opts.size)) throw new Error(`unknown size ${opts.size}`);
const size = opts.size;
const counts = countsFor(size);
const rounds = Number(opts.rounds);

/** The key whose order a table's rows are sorted by in the "sorted" replay. */
const SORT_KEY: Record<string, string[]> = {
  terms: ['academic_year_id', 'term_number'],
  classes: ['academic_year_id', 'grade_level_id', 'section'],
  student_guardians: ['student_id', 'guardian_id'],
  student_marks: ['exam_id', 'student_id', 'subject_id'],
  attendance: ['student_id', 'date'],
};

interface TableData { table: string; columns: string[]; rows: unknown[][] }

function readAll(file: string): TableData[] {
  const db = new Database(file, { readonly: true });
  try {
    return TABLES.map((table) => {
      const columns = (db.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((c) => c.name);
      return { table, columns, rows: db.prepare(`SELECT * FROM ${quote(table)} ORDER BY rowid`).raw(true).all() as unknown[][] };
    });
  } finally {
    db.close();
  }
}

function sorted(data: TableData[]): TableData[] {
  return data.map((d) => {
    const key = SORT_KEY[d.table];
    if (!key) return d;
    const idx = key.map((k) => d.columns.indexOf(k));
    const rows = [...d.rows].sort((a, b) => {
      for (const i of idx) {
        const x = a[i] as number | string, y = b[i] as number | string;
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
    // Renumber a surrogate id so the rowid order follows the key too.
    return { ...d, rows: d.columns[0] === 'id' ? rows.map((r, i) => [i + 1, ...r.slice(1)]) : rows };
  });
}

/** The raw limit's writer; returns ms per table and the file size. */
function replay(ddl: string, file: string, data: TableData[]): { ms: number; perTable: Record<string, number>; bytes: number } {
  rmSync(file, { force: true });
  const db = new Database(file);
  db.exec(ddl);
  // Flatten before the clock, as the raw limit does.
  const plan = data.map(({ table, columns, rows }) => {
    const chunks: unknown[][] = [];
    let i = 0;
    for (; i + 100 <= rows.length; i += 100) chunks.push(rows.slice(i, i + 100).flat());
    return { table, columns, chunks, rest: rows.slice(i) };
  });
  const perTable: Record<string, number> = {};
  const t0 = performance.now();
  db.exec('BEGIN');
  for (const { table, columns, chunks, rest } of plan) {
    const t = performance.now();
    const head = `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES `;
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const many = db.prepare(head + Array(100).fill(tuple).join(', '));
    for (const c of chunks) many.run(c);
    const one = db.prepare(head + tuple);
    for (const r of rest) one.run(r);
    perTable[table] = performance.now() - t;
  }
  db.exec('COMMIT');
  const ms = performance.now() - t0;
  db.close();
  const bytes = statSync(file).size;
  rmSync(file, { force: true });
  return { ms, perTable, bytes };
}

const report: string[] = [];
function say(s: string) {
  report.push(s);
  process.stdout.write(s);
}

async function main() {
  const target = sqliteTarget();
  const ddl = readFileSync(join(import.meta.dirname, 'schema', 'school.sqlite.sql'), 'utf8');
  buildEngine();
  try {
    const sources: { name: string; data: TableData[]; ownMs: number }[] = [];
    for (const contender of [opts.contender, 'raw'] as ContenderName[]) {
      const url = await target.fresh(`replay-${contender}`);
      const spec: RunSpec = { contender, target: 'sqlite', size, counts, url, seed: 42 };
      const r = spawnSync(process.execPath, [join(import.meta.dirname, 'child.ts'), JSON.stringify(spec)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
      const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('@@result '));
      const result = line ? (JSON.parse(line.slice(9)) as ChildResult) : undefined;
      if (!result?.ok) throw new Error(`${contender} failed: ${result?.error ?? r.stderr}`);
      sources.push({ name: contender, data: readAll(url), ownMs: result.seedMs });
      await target.drop(url);
    }
    const dir = mkdtempSync(join(tmpdir(), 'seedbed-replay-'));
    const file = join(dir, 'replay.db');
    const rows = totalRows(counts);
    say(`# Raw writer replaying each contender's rows (${rows.toLocaleString('en-US')} rows, SQLite, median of ${rounds})\n\n`);
    say('| rows from | contender itself | raw writer, as generated | raw writer, sorted by composite key | db MiB as generated / sorted |\n|---|---:|---:|---:|---:|\n');
    const detail: string[] = [];
    for (const s of sources) {
      const asIs: ReturnType<typeof replay>[] = [];
      const byKey: ReturnType<typeof replay>[] = [];
      const sortedData = sorted(s.data);
      for (let k = 0; k < rounds; k++) {
        asIs.push(replay(ddl, file, s.data));
        byKey.push(replay(ddl, file, sortedData));
      }
      const rate = (ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;
      const m1 = median(asIs.map((r) => r.ms)), m2 = median(byKey.map((r) => r.ms));
      say(`| ${s.name} | ${rate(s.ownMs)} | ${rate(m1)} | ${rate(m2)} | ${(asIs[0].bytes / 1048576).toFixed(1)} / ${(byKey[0].bytes / 1048576).toFixed(1)} |\n`);
      for (const t of ['student_marks', 'attendance', 'student_guardians', 'students', 'guardians']) {
        detail.push(`| ${s.name} | ${t} | ${median(asIs.map((r) => r.perTable[t])).toFixed(0)} | ${median(byKey.map((r) => r.perTable[t])).toFixed(0)} |`);
      }
    }
    say(`\nPer table (ms, raw writer):\n\n| rows from | table | as generated | sorted |\n|---|---|---:|---:|\n${detail.join('\n')}\n`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(opts.out, { recursive: true });
    const out = join(opts.out, `replay-sqlite-${size}.md`);
    writeFileSync(out, report.join(''));
    process.stdout.write(`wrote ${out}\n`);
  } finally {
    await target.close();
  }
}

await main();
