import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { CACHE, ROOT } from '../../scripts/vscode-setup.ts';
import { createDb } from './sqlite.ts';

// Fixtures for the real-VS-Code tests: a workspace folder with an empty school database (the
// 126-table demo schema), the schema as a .sql file and MikroORM entities (for CodeLens), and the
// Mocha suites bundled to CommonJS the way the extension host loads them.

export function makeWorkspace(settings: Record<string, unknown> = {}): string {
  mkdirSync(join(CACHE, 'runs'), { recursive: true });
  const ws = mkdtempSync(join(CACHE, 'runs', 'ws-'));
  const schema = join(ROOT, 'examples', 'school', 'schema.sql');
  createDb(join(ws, 'school.db'), readFileSync(schema, 'utf8'));
  copyFileSync(schema, join(ws, 'schema.sql'));
  writeFileSync(join(ws, 'entities.ts'), `import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'students' })
export class Student {
  @PrimaryKey() id!: number;
  @Property() admissionNumber!: string;
}

// MikroORM's default naming: class AcademicYear → table academic_year (not in this schema).
@Entity()
export class AcademicYear {
  @PrimaryKey() id!: number;
}

@Entity()
export class Sessions {
  @PrimaryKey() id!: string;
}
`);
  mkdirSync(join(ws, '.vscode'));
  writeFileSync(join(ws, '.vscode', 'settings.json'), JSON.stringify({
    'seedbed.databaseUrl': 'sqlite:school.db',
    'seedbed.confirmDestructive': false,
    ...settings,
  }, null, 2));
  return ws;
}

/**
 * The example projects the config suites use, inside the workspace folder:
 *   booking/  examples/booking (seedbed.config.ts with light/medium/heavy) and an empty booking.db;
 *   app/      examples/mikro-orm-app (MikroORM config, entities, seeders) and app.db with its
 *             tables made by MikroORM's own schema generator. Its imports resolve to this
 *             checkout's node_modules (the workspace is under .vscode-test/).
 */
export async function addExampleProjects(ws: string): Promise<void> {
  const booking = join(ws, 'booking');
  mkdirSync(booking);
  for (const f of ['schema.sql', 'seedbed.config.ts', 'seedbed.schema.d.ts']) copyFileSync(join(ROOT, 'examples', 'booking', f), join(booking, f));
  createDb(join(booking, 'booking.db'), readFileSync(join(booking, 'schema.sql'), 'utf8'));

  const app = join(ws, 'app');
  cpSync(join(ROOT, 'examples', 'mikro-orm-app'), app, { recursive: true, filter: (f) => !/\.db(-journal|-wal|-shm)?$/.test(f) });
  const { loadMikroOrmProject, openMikroOrm } = await import('../../src/seeders/config/mikro-orm.ts');
  const project = await loadMikroOrmProject(join(app, 'mikro-orm.config.ts'));
  const orm = await openMikroOrm(project, { dbName: join(app, 'app.db') });
  try {
    await (orm as unknown as { schema: { create(): Promise<void> } }).schema.create();
  } finally {
    await orm.close(true);
  }
}

/** Bundles test/extension/<folder>/*.suite.ts with the runner to .vscode-test/out/extension-tests/<folder>/*.cjs. */
export async function bundleSuites(folder = 'suite'): Promise<{ runner: string; suites: string[] }> {
  const src = join(ROOT, 'test', 'extension');
  const out = join(CACHE, 'out', 'extension-tests', folder);
  rmSync(out, { recursive: true, force: true });
  const suites = readdirSync(join(src, folder)).filter((f) => f.endsWith('.suite.ts')).map((f) => join(src, folder, f));
  await build({
    entryPoints: [join(src, 'runner.ts'), ...suites],
    outdir: out,
    entryNames: '[name]',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  const runner = join(out, 'runner.cjs');
  if (!existsSync(runner)) throw new Error(`bundling the extension tests produced no ${runner}`);
  return { runner, suites: readdirSync(out).filter((f) => f.endsWith('.suite.cjs')) };
}
