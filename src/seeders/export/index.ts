import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Driver, WriteTransaction } from '../driver.ts';
import { keyGuards } from '../drivers/pg-key-guards.ts';
import { SeedbedError } from '../errors.ts';
import { makeDirs } from '../make-dirs.ts';
import type { SeedPlan } from '../plan/plan.ts';
import { EXPORT_FORMATS, type ExportContext, type ExportFormat } from './context.ts';
import { csvExport } from './csv.ts';
import { jsonExport } from './json.ts';
import { sqlExport } from './sql.ts';

// `seed --out DIR --format sql|csv|json`: the rows a seed would write, written as files. The
// database is only read (its schema, CHECKs only it can evaluate); the plan is made as for an
// empty database (as `--clear-first` would, without clearing), so the files load into a fresh
// database with the same schema and give the same rows as a direct seed there. The run itself
// is the engine's (write/run.ts), with a WriteTransaction that writes files.

export type { ExportFormat } from './context.ts';
export { EXPORT_FORMATS } from './context.ts';

/** Checks the format and readies the folder: created when missing, refused when not empty. */
export async function exportFolder(out: string, format: string): Promise<{ dir: string; format: ExportFormat }> {
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) {
    throw new SeedbedError('BAD_INPUT', `Unknown export format "${format}".`, { fix: `Use --format ${EXPORT_FORMATS.join(', --format ')}.` });
  }
  const dir = resolve(out);
  let entries: string[] = [];
  try {
    entries = await readdir(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new SeedbedError('BAD_INPUT', `${dir} is a file, not a folder.`, { fix: 'Give --out a folder (it is created when missing).' });
    if (code !== 'ENOENT') throw new SeedbedError('BAD_INPUT', `Cannot read the folder ${dir}: ${(e as Error).message}`, { fix: 'Give --out a folder you can write to.' });
    try {
      makeDirs(dir);
    } catch (err) {
      throw new SeedbedError('BAD_INPUT', `Cannot create the folder ${dir}: ${(err as Error).message}`, { fix: 'Give --out a folder you can write to.' });
    }
  }
  if (entries.length) {
    throw new SeedbedError('BAD_INPUT', `${dir} is not empty; an export writes into an empty folder, so no file of yours is overwritten.`, {
      fix: 'Delete its files, or give --out a new folder.',
    });
  }
  return { dir, format: format as ExportFormat };
}

/** The driver as an export reads it: integer keys start as in an empty table. */
export function exportReader(driver: Driver): Driver {
  return new Proxy(driver, {
    get(target, prop) {
      if (prop === 'maxInteger') return async () => 0;
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** The transaction that writes the run's rows into `dir` in `format`. */
export function exportTransaction(driver: Driver, dir: string, format: ExportFormat): (plan: SeedPlan) => Promise<WriteTransaction> {
  return async (plan) => {
    if (!driver.query || !driver.quoteTable || !driver.quoteColumn) throw new Error('this driver cannot export');
    const ctx: ExportContext = {
      dir, dialect: driver.dialect, cycleFks: plan.cycleFks,
      keyGuards: driver.dialect === 'postgresql' ? keyGuards(plan.input.schema, (t) => driver.quoteTable!(t)) : [],
      quoteTable: (t) => driver.quoteTable!(t), quoteColumn: (c) => driver.quoteColumn!(c), query: (sql, params) => driver.query!(sql, params),
    };
    return format === 'sql' ? sqlExport(ctx) : format === 'csv' ? csvExport(ctx) : jsonExport(ctx);
  };
}
