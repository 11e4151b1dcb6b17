import { existsSync, readFileSync, rmSync } from 'node:fs';
import { makeDirs } from '../seeders/make-dirs.ts';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, plural, seed, status, validate } from '../seeders/index.ts';
import { SqliteDriver } from '../seeders/drivers/sqlite.ts';
import { progressPrinter } from './progress.ts';
import { jsonText, terminalText } from './terminal.ts';

// `npm start`: build demo/school.db from the bundled school schema, seed it, print coverage.

// The package's folder: the nearest one above this module with a package.json (the checkout for
// src/cli/demo.ts, the installed package for its bundle dist/cli.cjs). The demo database is
// written there, out of the user's project.
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
const root = packageRoot();

export async function runDemo(options: { rows?: number; seed?: number; json?: boolean }): Promise<void> {
  const schemaFile = join(root, 'examples', 'school', 'schema.sql');
  const file = join(root, 'demo', 'school.db');
  makeDirs(dirname(file));
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) rmSync(f);
  const db = await openDatabase(`sqlite:${file}`, { create: true });
  try {
    (db as SqliteDriver).client.exec(readFileSync(schemaFile, 'utf8'));
    process.stderr.write(terminalText(`Created ${file} from ${schemaFile}\n`));
    const { result } = await seed(db, { rows: options.rows, seed: options.seed, onEvent: progressPrinter(process.stderr, { quiet: options.json }) });
    const report = await status(db, { rows: options.rows });
    const check = await validate(db);
    if (options.json) {
      process.stdout.write(`${jsonText({ file, result, coverage: report, validation: check })}\n`);
    } else {
      process.stdout.write(terminalText(`${report.headline}\n`));
      process.stdout.write(`validation: ${check.ok ? 'no problems' : plural(check.problems.length, 'problem')}\n`);
      const command = existsSync(join(root, 'src', 'cli')) ? 'npm run seedbed --' : 'npx seedbed';
      process.stdout.write(terminalText(`${result.rows} rows, ${result.rowsPerSecond} rows/s. Try: ${command} status --db sqlite:${file}\n`));
    }
    if (!check.ok) process.exitCode = 1;
  } finally {
    await db.close();
  }
}
