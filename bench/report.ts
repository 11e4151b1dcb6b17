import { CONTENDERS, LABELS, type ContenderName, type TargetName } from './contenders/types.ts';
import type { SizeName } from './schema/counts.ts';
import { median } from './stats.ts';

// Summaries, the console table and the SVG chart (hand-written SVG: no browser, no library).

export interface RunRecord {
  target: TargetName;
  size: SizeName;
  contender: ContenderName;
  round: number;
  ok: boolean;
  error?: string;
  rows: number;
  seedMs: number;
  setupMs: number;
  wallMs: number;
  rowsPerSec: number;
  /** rows ÷ the child's CPU seconds during seeding (SQLite: all the work; PostgreSQL: client side only). */
  cpuRowsPerSec: number;
  /** PostgreSQL: the server's CPU ms while the child ran (in cpuRowsPerSec). */
  serverCpuMs?: number;
  peakRssMb: number;
  heapUsedMb: number;
  verified: boolean;
  problems: string[];
  notes?: string[];
  /** Database size after the run, bytes. */
  dbBytes: number;
}

export interface Summary {
  target: TargetName;
  size: SizeName;
  contender: ContenderName;
  runs: number;
  failed: number;
  verified: boolean;
  medianRowsPerSec: number;
  minRowsPerSec: number;
  maxRowsPerSec: number;
  /** median rows/s ÷ the raw limit's median rows/s in the same bench run. */
  ratioToRaw: number | null;
  /** median rows/s ÷ the floor's (in-database generation, keys rebuilt after) median rows/s in the same bench run. */
  ratioToFloor?: number | null;
  /** The same in rows per CPU-second (SQLite: all the work is in the child, floor included). */
  cpuRatioToFloor?: number | null;
  /** The median over rounds of this contender's rows/s ÷ the floor's in the same round (the two
   *  ran one after the other): on a machine whose speed drifts from round to round this holds
   *  where the ratio of the two medians does not. */
  pairedRatioToFloor?: number | null;
  /** Median rows per CPU-second of the child, and its ratio to the raw limit's: steadier on a busy machine. */
  medianCpuRowsPerSec: number;
  cpuRatioToRaw: number | null;
  medianSeedMs: number;
  medianSetupMs: number;
  medianPeakRssMb: number;
  maxPeakRssMb: number;
  /** Database size after the run (MiB, median): how much the rows weigh. */
  dbMb: number;
  /** PostgreSQL: rows/CPU-s counts the server's CPU too (measured for every run). */
  serverCpu?: boolean;
  /** Verification problems seen in any run. */
  problems: string[];
  error?: string;
}


/** Median of the per-round ratios of `s`'s rows/s to `reference`'s (rounds where both completed). */
function pairedRatio(records: RunRecord[], s: Summary, reference: ContenderName): number | null {
  const of = (c: ContenderName) => new Map(records.filter((r) => r.ok && r.target === s.target && r.size === s.size && r.contender === c).map((r) => [r.round, r.rowsPerSec]));
  const mine = of(s.contender);
  const ref = of(reference);
  const ratios = [...mine].filter(([round]) => ref.has(round)).map(([round, rate]) => rate / ref.get(round)!);
  return ratios.length ? median(ratios) : null;
}

export function summarise(records: RunRecord[]): Summary[] {
  const out: Summary[] = [];
  const keys = new Map<string, RunRecord[]>();
  for (const r of records) {
    const k = `${r.target}|${r.size}|${r.contender}`;
    keys.set(k, [...(keys.get(k) ?? []), r]);
  }
  for (const rs of keys.values()) {
    // Timings count every run that completed; verification is reported next to them.
    const good = rs.filter((r) => r.ok);
    const rates = good.map((r) => r.rowsPerSec);
    const rss = good.map((r) => r.peakRssMb);
    const first = rs[0];
    out.push({
      target: first.target, size: first.size, contender: first.contender,
      runs: good.length, failed: rs.length - good.length, verified: rs.every((r) => r.verified),
      problems: [...new Set(rs.flatMap((r) => r.problems))],
      medianRowsPerSec: median(rates), minRowsPerSec: Math.min(...rates), maxRowsPerSec: Math.max(...rates),
      ratioToRaw: null,
      medianCpuRowsPerSec: median(good.map((r) => r.cpuRowsPerSec)), cpuRatioToRaw: null,
      medianSeedMs: median(good.map((r) => r.seedMs)), medianSetupMs: median(good.map((r) => r.setupMs)),
      medianPeakRssMb: median(rss), maxPeakRssMb: Math.max(...rss), dbMb: median(good.map((r) => r.dbBytes / 1048576)),
      error: rs.find((r) => !r.ok)?.error,
      ...(good.length && good.every((r) => r.serverCpuMs !== undefined) ? { serverCpu: true } : {}),
    });
  }
  for (const s of out) {
    const raw = out.find((x) => x.target === s.target && x.size === s.size && x.contender === 'raw');
    s.ratioToRaw = raw && raw.runs && s.runs ? s.medianRowsPerSec / raw.medianRowsPerSec : null;
    s.cpuRatioToRaw = raw && raw.runs && s.runs ? s.medianCpuRowsPerSec / raw.medianCpuRowsPerSec : null;
    const floor = out.find((x) => x.target === s.target && x.size === s.size && x.contender === 'floor');
    s.ratioToFloor = floor && floor.runs && s.runs ? s.medianRowsPerSec / floor.medianRowsPerSec : null;
    s.cpuRatioToFloor = floor && floor.runs && s.runs ? s.medianCpuRowsPerSec / floor.medianCpuRowsPerSec : null;
    s.pairedRatioToFloor = floor && floor.runs && s.runs ? pairedRatio(records, s, 'floor') : null;
  }
  const order = (s: Summary) => `${['sqlite', 'postgres'].indexOf(s.target)}|${['10k', '200k', '2m'].indexOf(s.size)}|${CONTENDERS.indexOf(s.contender)}`;
  return out.sort((a, b) => order(a).localeCompare(order(b)));
}

const fmtRate = (n: number) => (Number.isFinite(n) ? (n >= 10_000 ? `${Math.round(n / 1000)}k` : n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(Math.round(n))) : '—');

export function table(summaries: Summary[]): string {
  const lines: string[] = [];
  const head = ['target', 'size', 'contender', 'rows/s (median)', 'min–max', '× floor', '× floor (paired)', '× raw', 'rows/CPU-s', '× floor (CPU)', '× raw (CPU)', 'peak RSS MiB', 'db MiB', 'runs', 'verified'];
  const rows = summaries.map((s) => [
    s.target, s.size, LABELS[s.contender],
    s.runs ? Math.round(s.medianRowsPerSec).toLocaleString('en-US') : 'failed',
    s.runs ? `${fmtRate(s.minRowsPerSec)}–${fmtRate(s.maxRowsPerSec)}` : '',
    s.ratioToFloor == null ? '—' : s.ratioToFloor.toFixed(2),
    s.pairedRatioToFloor == null ? '—' : s.pairedRatioToFloor.toFixed(2),
    s.ratioToRaw === null ? '—' : s.ratioToRaw.toFixed(2),
    // On PostgreSQL only with the server's CPU in it (client CPU alone says little there).
    s.runs && (s.target === 'sqlite' || s.serverCpu) ? fmtRate(s.medianCpuRowsPerSec) : '—',
    s.cpuRatioToFloor == null || !(s.target === 'sqlite' || s.serverCpu) ? '—' : s.cpuRatioToFloor.toFixed(2),
    s.cpuRatioToRaw === null || !(s.target === 'sqlite' || s.serverCpu) ? '—' : s.cpuRatioToRaw.toFixed(2),
    s.runs ? `${Math.round(s.medianPeakRssMb)} (max ${Math.round(s.maxPeakRssMb)})` : '',
    s.runs ? s.dbMb.toFixed(1) : '',
    `${s.runs}${s.failed ? ` (+${s.failed} failed)` : ''}`,
    s.verified ? 'yes' : 'NO',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  lines.push(fmt(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(fmt));
  for (const s of summaries) {
    if (s.failed) lines.push(`  ${s.target} ${s.size} ${LABELS[s.contender]}: ${s.failed} run(s) failed: ${(s.error ?? '').split('\n')[0].slice(0, 300)}`);
    if (s.problems.length) lines.push(`  ${s.target} ${s.size} ${LABELS[s.contender]}: NOT VERIFIED: ${s.problems.join('; ').slice(0, 400)}`);
  }
  return lines.join('\n');
}

const COLORS: Record<ContenderName, string> = {
  floor: '#34495e',
  raw: '#7f8c8d',
  seedbed: '#2e8b57',
  faker: '#e67e22',
  drizzle: '#2980b9',
  mikroorm: '#8e44ad',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Grouped horizontal bars: one panel per (target, size), one bar per contender, linear scale per panel. */
export function svgChart(summaries: Summary[], subtitle: string): string {
  const targets = (['sqlite', 'postgres'] as const).filter((t) => summaries.some((s) => s.target === t));
  const sizes = (['10k', '200k', '2m'] as SizeName[]).filter((z) => summaries.some((s) => s.size === z));
  const contenders = CONTENDERS.filter((c) => summaries.some((s) => s.contender === c));
  const panelW = 470, barH = 22, gap = 8, labelW = 185, top = 70, panelHead = 28;
  const panelH = panelHead + contenders.length * (barH + gap) + 16;
  const width = Math.max(1000, 30 + sizes.length * (panelW + 20));
  const height = top + targets.length * (panelH + 20) + 56;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="-apple-system, Segoe UI, Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(`<text x="20" y="28" font-size="18" font-weight="600" fill="#222">Seeding a 12-table school schema: rows per second (median of runs; higher is better)</text>`);
  out.push(`<text x="20" y="50" fill="#555">${esc(subtitle)}</text>`);
  targets.forEach((t, ti) => {
    sizes.forEach((z, zi) => {
      const x0 = 20 + zi * (panelW + 20), y0 = top + ti * (panelH + 20);
      const rows = contenders.map((c) => summaries.find((s) => s.target === t && s.size === z && s.contender === c));
      const max = Math.max(1, ...rows.map((r) => (r && r.runs ? r.medianRowsPerSec : 0)));
      out.push(`<rect x="${x0}" y="${y0}" width="${panelW}" height="${panelH}" fill="#f7f7f7" stroke="#ddd"/>`);
      out.push(`<text x="${x0 + 10}" y="${y0 + 19}" font-weight="600" fill="#222">${esc(t === 'sqlite' ? 'SQLite' : 'PostgreSQL')} · ${esc(z)} rows</text>`);
      const barMax = panelW - labelW - 120;
      rows.forEach((r, ci) => {
        const y = y0 + panelHead + ci * (barH + gap);
        const c = contenders[ci];
        out.push(`<text x="${x0 + 10}" y="${y + barH / 2 + 4}" fill="#333">${esc(LABELS[c])}</text>`);
        if (!r || !r.runs) {
          out.push(`<text x="${x0 + labelW}" y="${y + barH / 2 + 4}" fill="#b00">${r ? 'failed' : 'not run'}</text>`);
          return;
        }
        const w = Math.max(2, (r.medianRowsPerSec / max) * barMax);
        out.push(`<rect x="${x0 + labelW}" y="${y}" width="${w.toFixed(1)}" height="${barH}" rx="3" fill="${COLORS[c]}"/>`);
        // The ratio to the floor where it ran (the reference), else to the raw limit.
        const ratio = r.ratioToFloor != null ? (c === 'floor' ? '' : ` · ${r.ratioToFloor.toFixed(2)}× floor`) : r.ratioToRaw === null || c === 'raw' ? '' : ` · ${r.ratioToRaw.toFixed(2)}×`;
        out.push(`<text x="${(x0 + labelW + w + 6).toFixed(1)}" y="${y + barH / 2 + 4}" fill="#222">${fmtRate(r.medianRowsPerSec)}/s${ratio}${r.verified ? '' : ' ✗'}</text>`);
      });
    });
  });
  const ref = summaries.some((s) => s.contender === 'floor' && s.runs) ? '× floor = ratio to the floor (f, the rows generated inside the database, keys and indexes rebuilt after); otherwise × = ratio to the raw limit (a), each measured in the same run.' : '× = ratio to the raw limit (a) measured in the same run.';
  out.push(`<text x="20" y="${height - 30}" fill="#777">${ref}</text>`);
  out.push(`<text x="20" y="${height - 14}" fill="#777">✗ = a run failed verification (row counts, FK check / orphan queries, CHECK and UNIQUE invariants).</text>`);
  out.push('</svg>');
  return out.join('\n');
}
