import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

// The declarations the package ships (dist/types), for what a user's project imports: 'seedbed'
// (defineConfig and the config's types), 'seedbed/engine' and 'seedbed/mikro-orm' (package.json
// "exports" → "types"). Emitted from src with the project's own compiler options, so a consumer
// type-checks against .d.ts files (its tsc would otherwise check our .ts sources with its own
// settings). `npm pack` and installs from git build them (`prepare`: build.ts --types).

const ROOT = join(import.meta.dirname, '..');
export const ENTRIES = ['src/seeders/config/types.ts', 'src/seeders/index.ts', 'src/seeders/config/mikro-orm-seeder.ts'];

export function buildTypes(outDir = join(ROOT, 'dist', 'types')): { files: number; ms: number } {
  const t0 = performance.now();
  const file = join(ROOT, 'tsconfig.json');
  const read = ts.readConfigFile(file, ts.sys.readFile);
  if (read.error) throw new Error(ts.formatDiagnostic(read.error, host()));
  const { options } = ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT, undefined, file);
  // Written beside and swapped in whole: test files type-check against dist/types while another
  // (package-install) rebuilds it; they never see it half-written or gone.
  const next = `${outDir}.next-${process.pid}`;
  rmSync(next, { recursive: true, force: true });
  const program = ts.createProgram(ENTRIES.map((e) => join(ROOT, e)), {
    ...options,
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    declarationDir: next,
    rootDir: join(ROOT, 'src'),
    sourceMap: false,
    declarationMap: false,
  });
  let files = 0;
  const result = program.emit(undefined, (name, text) => { ts.sys.writeFile(name, text); files++; });
  // Type errors are `npm run typecheck`'s business; here only what stops the declarations.
  const errors = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length || result.emitSkipped) {
    rmSync(next, { recursive: true, force: true });
    throw new Error(`declarations failed:\n${ts.formatDiagnostics(errors, host())}`);
  }
  const old = `${outDir}.old-${process.pid}`;
  if (existsSync(outDir)) renameSync(outDir, old);
  renameSync(next, outDir);
  rmSync(old, { recursive: true, force: true });
  return { files, ms: Math.round(performance.now() - t0) };
}

function host(): ts.FormatDiagnosticsHost {
  return { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' };
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const { files, ms } = buildTypes(process.argv[2]);
  console.log(`built dist/types: ${files} declaration files in ${(ms / 1000).toFixed(1)} s`);
}
