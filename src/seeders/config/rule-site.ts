import { readFileSync } from 'node:fs';
import { SeedbedError } from '../errors.ts';
import { ConfigError } from './error.ts';
import { formatPath, locate } from './source.ts';
import type { EngineConfig, SeedbedConfig } from './types.ts';

// Where a column's config rule is written (`tables.t.columns.c`, in the scenario when it sets
// the rule), so a problem found while generating (a wrong-typed value, a function that does not
// return) names the file and line. Worked out only when there is such a problem.

export interface RuleSite {
  /** `tables.t.columns.c` or `scenarios.s.tables.t.columns.c`. */
  path: string;
  file?: string;
  line?: number;
  column?: number;
}

/** The config a run was given: a ResolvedConfig carries its file and scenario. */
interface WithFile extends EngineConfig { file?: string; config?: SeedbedConfig }

export function ruleSite(config: EngineConfig | undefined, table: string, column: string): RuleSite {
  const c = config as WithFile | undefined;
  const scenario = c?.scenario;
  const fromScenario = scenario !== undefined && (c?.config?.scenarios?.[scenario]?.tables?.[table] as { columns?: Record<string, unknown> } | undefined)?.columns?.[column] !== undefined;
  const path = [...(fromScenario ? ['scenarios', scenario!] : []), 'tables', table, 'columns', column];
  if (!c?.file) return { path: formatPath(path) };
  try {
    const at = locate(readFileSync(c.file, 'utf8'), path);
    return { path: formatPath(path), file: c.file, line: at.line, column: at.column };
  } catch {
    return { path: formatPath(path), file: c.file };
  }
}

/** An error about a column's config rule: file:line first when known (the editor opens it). */
export function ruleError(site: RuleSite, message: string, fix: string, table: string): SeedbedError {
  if (site.file && site.line) return new ConfigError(site.file, site.line, site.column ?? 1, site.path, `${site.path} ${message}`, fix, { table });
  return new SeedbedError('BAD_INPUT', `${site.path} of the config ${message}`, { fix, table });
}
