import type { Dialect } from '../schema/model.ts';
import type { ExportFormat } from './context.ts';

/** How to load what an export wrote, in one line (run from the export folder). */
export function exportHint(format: ExportFormat, dialect: Dialect): string {
  if (format === 'sql') return dialect === 'postgresql' ? 'Load it with: psql -v ON_ERROR_STOP=1 -d DATABASE -f seed.sql' : 'Load it with: sqlite3 DATABASE < seed.sql';
  if (format === 'csv') return dialect === 'postgresql' ? 'Load it from that folder with: psql -v ON_ERROR_STOP=1 -d DATABASE -f load.psql' : 'Load it from that folder with: sqlite3 DATABASE < load.sql';
  return 'One JSON file per table; index.json lists them in load order.';
}
