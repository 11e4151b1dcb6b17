import { rollupText } from './rollups.ts';
import { plural } from '../words.ts';
import { sqlText } from '../errors.ts';
import { MANY_TABLES, skippedText, wrapNames } from '../many-tables.ts';
import type { SeedPlan } from './plan.ts';

// `plan` as text for people and as JSON for tools.

export function planToJson(plan: SeedPlan): Omit<SeedPlan, 'recipes' | 'input'> {
  const { recipes: _recipes, input: _input, ...rest } = plan;
  return rest;
}

export function formatPlan(plan: SeedPlan, options: { columns?: boolean } = {}): string {
  const lines: string[] = [];
  lines.push(`Plan: ${plural(plan.tables.length, 'table')}, ${plural(plan.totalRows, 'row')}, ${plural(plan.phases.length, 'phase')} (${plan.dialect})`);
  const byName = new Map(plan.tables.map((t) => [t.name, t]));
  // Many tables: per phase, the plainly seeded ones as name lists by row count; the rest a line each.
  const grouped = !options.columns && plan.tables.length >= MANY_TABLES;
  plan.phases.forEach((phase, i) => {
    lines.push(grouped ? `Phase ${i + 1} (${plural(phase.length, 'table')}):` : `Phase ${i + 1}:`);
    const plain = new Map<string, string[]>();
    for (const name of phase) {
      const t = byName.get(name)!;
      const extra = t.addedBecause ? ` — added: ${t.addedBecause}` : '';
      const has = t.existing ? `has ${t.existing}` : '';
      if (t.leftOut !== undefined) { lines.push(`  ${name}: cannot fill: ${t.leftOut}`); continue; }
      if (t.filledBy) lines.push(`  ${name}: filled by ${t.filledBy}, not seeded${has ? ` (${has})` : ''}${extra}`);
      else {
        // On a table with rows: what the seed adds, beside what is there ("adds 50 (has 50)").
        const asked = t.count !== t.requested ? `asked ${t.requested}` : '';
        const notes = [asked, has].filter(Boolean).join('; ');
        const what = `${has ? `adds ${t.count}` : plural(t.count, 'row')}${notes ? ` (${notes})` : ''}`;
        if (grouped && !extra) plain.set(what, [...(plain.get(what) ?? []), name]);
        else lines.push(`  ${name}: ${what}${extra}`);
      }
      if (options.columns) for (const [c, how] of Object.entries(t.columns)) lines.push(`      ${c}: ${how}`);
    }
    for (const [what, names] of plain) {
      lines.push(...(names.length > 1 ? wrapNames(`  ${what} — ${names.length} tables:`, names, '    ') : [`  ${names[0]}: ${what}`]));
    }
  });
  const cycles = plan.edges.filter((e) => e.mode === 'fill-after' || e.mode === 'deferred');
  if (cycles.length) {
    lines.push('Cycles:');
    const dropped = (e: (typeof cycles)[number]) => plan.cycleFks.some((f) => f.table === e.from && f.columns.join() === e.columns.join());
    for (const e of cycles) {
      const how = e.mode === 'fill-after' ? 'inserted NULL, then updated'
        : dropped(e) ? 'not deferrable: the constraint is dropped for the run and added back (and checked) before COMMIT' : 'checked at commit (deferred)';
      lines.push(`  ${e.from}.${e.columns.join(', ')} → ${e.to}: ${how}`);
    }
  }
  if (plan.rollups.length) {
    lines.push('Totals:');
    for (const r of plan.rollups) lines.push(`  ${rollupText(r)}`);
  }
  if (plan.dbChecks.length) {
    lines.push('Checked by the database (each candidate row, before it is written):');
    for (const c of plan.dbChecks) lines.push(`  ${c.table}: CHECK (${sqlText(c.check)}) — ${c.reason}`);
  }
  if (plan.skipped.length) lines.push(`Skipped: ${skippedText(plan.skipped)}`);
  if (plan.warnings.length) {
    lines.push('Warnings:');
    for (const w of plan.warnings) lines.push(`  ${w}`);
  }
  return lines.join('\n');
}
