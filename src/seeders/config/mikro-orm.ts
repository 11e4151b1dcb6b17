import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDatabaseUrl, redact } from '../drivers/url.ts';
import { clip, SeedbedError } from '../errors.ts';
import { refuseForeignCode } from './found-code.ts';
import { notCodeFile } from './code-file.ts';
import { entityFileList } from './entity-files.ts';
import { assertWritable, type GuardOptions } from '../guard.ts';
import { closest } from '../plan/names.ts';
import { displayPath } from './error.ts';
import { seedbedModule } from './load.ts';
import { importPackage } from '../packages.ts';

// MikroORM projects: find the project's mikro-orm.config.(ts|js) (or package.json "mikro-orm":
// { "configPaths": [...] }), take its connection as Seedbed's database, and list and run the
// project's own @mikro-orm/seeder seeders (`seedbed mikro-orm-seed [CLASS]`). The project's code
// is loaded like seedbed.config.ts (jiti, no build step); its @mikro-orm packages are the
// project's own (jiti imports node_modules natively, so entities and ORM share one instance).

/** MikroORM CLI's own defaults, in its order. */
export const MIKRO_ORM_CONFIG_FILES = ['src/mikro-orm.config.ts', 'mikro-orm.config.ts', 'src/mikro-orm.config.js', 'mikro-orm.config.js', 'dist/mikro-orm.config.js', 'build/mikro-orm.config.js'];

/** The MikroORM config file of a project folder, or undefined. */
export function findMikroOrmConfig(dir: string): string | undefined {
  const root = resolve(dir);
  const pkgFile = join(root, 'package.json');
  // A package.json that is a pipe or huge is not read (the read would block or fill the memory).
  if (existsSync(pkgFile) && !notCodeFile(pkgFile)) {
    let pkg: { 'mikro-orm'?: { configPaths?: unknown } } = {};
    try {
      pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
    } catch {
      // Not ours to report: fall back to the default file names.
    }
    const paths = pkg['mikro-orm']?.configPaths;
    if (Array.isArray(paths)) {
      for (const p of paths) if (typeof p === 'string' && existsSync(resolve(root, p))) return resolve(root, p);
    }
  }
  return MIKRO_ORM_CONFIG_FILES.map((f) => join(root, f)).find((f) => existsSync(f));
}

type Options = Record<string, unknown> & { driver?: { name?: string }; seeder?: SeederOptions; baseDir?: string };
interface SeederOptions { path?: string; pathTs?: string; defaultSeeder?: string; seedersList?: unknown[] }

export interface MikroOrmProject {
  /** Absolute path of the MikroORM config file. */
  file: string;
  /** The options it exports (after awaiting a function or promise). */
  options: Options;
  /** Where relative paths (dbName, seeder.path) start: options.baseDir, else the project root. */
  baseDir: string;
  /** Loads any module of the project the same way (TypeScript, `seedbed` aliases). */
  load(file: string): Promise<Record<string, unknown>>;
}

/** jiti loaded on first use (see load.ts). */
async function projectJiti(file: string) {
  const { createJiti } = await importPackage('jiti', () => import('jiti'));
  const here = seedbedModule();
  const seeder = join(dirname(here), here.endsWith('.ts') ? 'mikro-orm-seeder.ts' : 'mikro-orm-seeder.mjs');
  return createJiti(file, {
    // Longest first: 'seedbed/mikro-orm' must not become '<types module>/mikro-orm'.
    alias: { 'seedbed/mikro-orm': seeder, seedbed: here },
    moduleCache: false,
    fsCache: false,
    interopDefault: false,
  });
}

export async function loadMikroOrmProject(file: string): Promise<MikroOrmProject> {
  const abs = isAbsolute(file) ? file : resolve(file);
  if (!existsSync(abs)) {
    throw new SeedbedError('NOT_FOUND', `MikroORM config ${displayPath(abs)} does not exist.`, { fix: `Pass the project folder (with ${MIKRO_ORM_CONFIG_FILES[1]}) or the config file itself.` });
  }
  const odd = notCodeFile(abs);
  if (odd) {
    throw new SeedbedError('BAD_INPUT', `Not loading the MikroORM config ${displayPath(abs)}: it ${odd}.`, {
      fix: `Point Seedbed at the project's own ${MIKRO_ORM_CONFIG_FILES[1]}, or pass --db URL (and --no-entities) to leave it unread.`,
    });
  }
  const jiti = await projectJiti(abs);
  let mod: Record<string, unknown>;
  try {
    mod = (await jiti.import(abs)) as Record<string, unknown>;
  } catch (e) {
    throw new SeedbedError('BAD_INPUT', `Cannot load the MikroORM config ${displayPath(abs)}: ${clip((e as Error).message.split('\n')[0])}`, { fix: 'Fix the error in the config (or the entities it imports); `npx mikro-orm debug` shows the same.', cause: e });
  }
  let options: unknown = mod.default ?? mod.config ?? mod;
  if (typeof options === 'function') options = await (options as () => unknown)();
  options = await options;
  if (!options || typeof options !== 'object') {
    throw new SeedbedError('BAD_INPUT', `The MikroORM config ${displayPath(abs)} exports ${typeof options}, not options.`, { fix: 'Export the options object: `export default defineConfig({ … })`.' });
  }
  const root = dirname(abs).replace(/[\\/](src|dist|build)$/, '');
  const o = options as Options;
  return {
    file: abs,
    options: o,
    baseDir: typeof o.baseDir === 'string' ? resolve(root, o.baseDir) : root,
    load: async (f) => (await jiti.import(f)) as Record<string, unknown>,
  };
}

/** The database of the MikroORM project in `dir` (its config, run: project code), if there is one. */
export async function mikroOrmDatabase(dir: string): Promise<{ url: string; from: string } | undefined> {
  const file = findMikroOrmConfig(dir);
  if (!file) return undefined;
  refuseForeignCode(file, 'Name the database with --db (the MikroORM project is then not loaded), or make the file yours if you trust it.');
  const project = await loadMikroOrmProject(file);
  return { url: databaseUrlOf((k) => project.options[k], project.baseDir), from: file };
}

/** `get(key)` over a MikroORM Configuration or a plain options object. */
export type OptionGetter = (key: string) => unknown;

/** Seedbed's database URL for a MikroORM connection (sqlite: absolute file; postgresql://…). */
export function databaseUrlOf(get: OptionGetter, baseDir: string): string {
  const driver = get('driver') as { name?: string } | undefined;
  const name = driver?.name ?? '';
  const clientUrl = get('clientUrl');
  const dbName = get('dbName');
  if (/sqlite|libsql/i.test(name) || (!name && typeof dbName === 'string' && /\.(db|sqlite3?)$|^:memory:$/.test(dbName))) {
    if (typeof dbName !== 'string' || !dbName) throw new SeedbedError('BAD_INPUT', 'The MikroORM config names no SQLite file (dbName).', { fix: 'Set dbName in mikro-orm.config.ts.' });
    return `sqlite:${isAbsolute(dbName) ? dbName : resolve(baseDir, dbName)}`;
  }
  if (/postgre/i.test(name) || (typeof clientUrl === 'string' && /^postgres/.test(clientUrl))) {
    if (typeof clientUrl === 'string' && clientUrl) {
      const u = new URL(clientUrl);
      if (!u.pathname.replace('/', '') && typeof dbName === 'string') u.pathname = `/${dbName}`;
      return u.toString();
    }
    const u = new URL('postgresql://localhost');
    const host = get('host');
    const port = get('port');
    const user = get('user');
    const password = get('password');
    if (typeof host === 'string' && host) u.hostname = host;
    if (port) u.port = String(port);
    if (typeof user === 'string') u.username = encodeURIComponent(user);
    if (typeof password === 'string') u.password = encodeURIComponent(password);
    u.pathname = `/${String(dbName ?? '')}`;
    return u.toString();
  }
  throw new SeedbedError('UNSUPPORTED', `Seedbed cannot use the MikroORM driver ${name || '(none given)'}: it seeds SQLite and PostgreSQL.`, { fix: 'Pass --db with the database URL instead.' });
}

export interface SeederInfo {
  name: string;
  file?: string;
  /** Seedbed's own SeedbedSeeder (or a subclass): it writes in its own transaction. */
  seedbed: boolean;
  cls: new () => { run(em: unknown, context?: unknown): unknown };
}

const isSeederClass = (v: unknown): v is SeederInfo['cls'] => {
  if (typeof v !== 'function' || typeof (v as { prototype?: { run?: unknown } }).prototype?.run !== 'function') return false;
  for (let p = Object.getPrototypeOf(v); p && p !== Function.prototype; p = Object.getPrototypeOf(p)) {
    if ((p as { name?: string }).name === 'Seeder') return true;
  }
  return false;
};

/** The project's seeder classes: seeder.seedersList, else the files under seeder.pathTs / path. */
export async function listSeeders(project: MikroOrmProject): Promise<SeederInfo[]> {
  const opts = project.options.seeder ?? {};
  const out = new Map<string, SeederInfo>();
  const add = (name: string, cls: unknown, file?: string) => {
    if (!isSeederClass(cls) || out.has(name)) return;
    out.set(name, { name, file, cls, seedbed: (cls as { seedbedOwnTransaction?: boolean }).seedbedOwnTransaction === true });
  };
  if (Array.isArray(opts.seedersList)) {
    for (const e of opts.seedersList) {
      if (typeof e === 'function') add(e.name, e);
      else if (e && typeof e === 'object') add(String((e as { name?: unknown }).name), (e as { class?: unknown }).class);
    }
    return [...out.values()];
  }
  const candidates = [opts.pathTs, opts.path, existsSync(join(project.baseDir, 'src')) ? './src/seeders' : undefined, './seeders'].filter((p): p is string => typeof p === 'string');
  const dir = candidates.map((p) => resolve(project.baseDir, p)).find((p) => existsSync(p) && statSync(p).isDirectory());
  if (!dir) return [];
  for (const f of readdirSync(dir).sort()) {
    if (!/\.(m?[jt]s)$/.test(f) || /\.d\.m?ts$/.test(f)) continue;
    const file = join(dir, f);
    let mod: Record<string, unknown>;
    try {
      mod = await project.load(file);
    } catch (e) {
      throw new SeedbedError('BAD_INPUT', `Cannot load the seeder file ${displayPath(file)}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
    }
    for (const [name, v] of Object.entries(mod)) add(name === 'default' && typeof v === 'function' ? v.name : name, v, file);
  }
  return [...out.values()];
}

/** The seeder to run: CLASS, else seeder.defaultSeeder, else DatabaseSeeder. */
export function pickSeeder(project: MikroOrmProject, seeders: SeederInfo[], name?: string): SeederInfo {
  const wanted = name ?? project.options.seeder?.defaultSeeder ?? 'DatabaseSeeder';
  const found = seeders.find((s) => s.name === wanted);
  if (found) return found;
  const names = seeders.map((s) => s.name);
  const near = closest(wanted, names);
  throw new SeedbedError('BAD_INPUT', names.length
    ? `No seeder class "${wanted}" in ${displayPath(project.file)}'s project. Seeders: ${names.join(', ')}.`
    : `The MikroORM project of ${displayPath(project.file)} has no seeders (looked in seeder.pathTs / seeder.path, default ./seeders or ./src/seeders).`, {
    fix: near.length ? `Did you mean "${near[0]}"?` : names.length ? `Pass one of: ${names.join(', ')}.` : 'Write one with `npx mikro-orm seeder:create DatabaseSeeder`.',
  });
}

interface EntityMeta { tableName: string; abstract?: boolean; embeddable?: boolean; virtual?: boolean }
interface Orm {
  em: { fork(): OrmEm };
  config: { get(key: string): unknown; set(key: string, value: unknown): void };
  getMetadata(): { getAll(): Map<unknown, EntityMeta> | Record<string, EntityMeta> };
  close(force?: boolean): Promise<void>;
}
interface OrmEm {
  transactional<T>(cb: (em: OrmEm) => Promise<T>): Promise<T>;
  flush(): Promise<void>;
  getConnection(): { execute(sql: string): Promise<Record<string, unknown>[]> };
}

/** `entities`/`entitiesTs` folders as the files Seedbed found in them (entity-files.ts). */
function entityFolders(project: MikroOrmProject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['entities', 'entitiesTs']) {
    const files = entityFileList(project.options[key], project.baseDir, project.baseDir, project.file);
    if (files) out[key] = files;
  }
  return out;
}

/** Starts the project's own MikroORM with its config (the database: --db may override it). */
export async function openMikroOrm(project: MikroOrmProject, overrides: Record<string, unknown> = {}): Promise<Orm> {
  const req = createRequire(project.file);
  let core: { MikroORM: { init(o: unknown): Promise<Orm> } };
  try {
    const href = pathToFileURL(req.resolve('@mikro-orm/core')).href;
    core = (await importPackage(href, () => import(href))) as typeof core;
  } catch (e) {
    throw new SeedbedError('NOT_FOUND', `The project of ${displayPath(project.file)} has no @mikro-orm/core installed.`, { fix: 'Run npm install in the project first.', cause: e });
  }
  const folders = entityFolders(project);
  try {
    return await core.MikroORM.init({ ...project.options, ...folders, baseDir: project.baseDir, allowGlobalContext: true, debug: false, ...overrides });
  } catch (e) {
    throw new SeedbedError('CONNECT_FAILED', `MikroORM could not start with ${displayPath(project.file)}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
}

export interface SeederRun {
  seeder: string;
  /** Rows added per table (counted before and after). */
  added: Record<string, number>;
  rows: number;
  ms: number;
}

/**
 * Runs one seeder class like `mikro-orm seeder:run` does, but in ONE transaction: everything it
 * and the seeders it calls write is committed together or not at all. Seedbed's own
 * SeedbedSeeder writes in its own transaction (its own connection), so it runs outside.
 */
export async function runSeeder(orm: Orm, seeder: SeederInfo): Promise<SeederRun> {
  const started = performance.now();
  const all = orm.getMetadata().getAll(); // a Map in MikroORM 7, a plain object before
  const metas = all instanceof Map ? [...all.values()] : Object.values(all);
  const tables = [...new Set(metas.filter((m) => m.tableName && !m.abstract && !m.embeddable && !m.virtual).map((m) => m.tableName))].sort();
  const count = async () => {
    const conn = orm.em.fork().getConnection();
    const out: Record<string, number> = {};
    for (const t of tables) out[t] = Number(Object.values((await conn.execute(`select count(*) as n from "${t.replaceAll('"', '""')}"`))[0])[0]);
    return out;
  };
  const before = await count();
  orm.config.set('persistOnCreate', true);
  const body = async (em: OrmEm) => {
    await new seeder.cls().run(em, {});
    await em.flush();
  };
  try {
    if (seeder.seedbed) await body(orm.em.fork());
    else await orm.em.fork().transactional(body);
  } catch (e) {
    if (e instanceof SeedbedError) throw e;
    throw new SeedbedError('WRITE_FAILED', `${seeder.name} failed: ${(e as Error).message.split('\n')[0]}`, {
      fix: `Nothing it wrote was kept (one transaction, rolled back). Fix the seeder${seeder.file ? ` (${displayPath(seeder.file)})` : ''} and run it again.`,
      cause: e,
    });
  }
  const after = await count();
  const added: Record<string, number> = {};
  for (const t of tables) if (after[t] !== before[t]) added[t] = after[t] - before[t];
  return { seeder: seeder.name, added, rows: Object.values(added).reduce((a, b) => a + b, 0), ms: Math.round(performance.now() - started) };
}

// ---- one call each for the shells (CLI `seedbed mikro-orm-seed`, the VS Code extension) ---------

/** The MikroORM config of `path` (a project folder or the config file itself). */
export function mikroOrmConfigOf(path: string): string {
  const file = /\.[cm]?[jt]s$/.test(path) ? resolve(path) : findMikroOrmConfig(path);
  if (!file || !existsSync(file)) {
    throw new SeedbedError('NOT_FOUND', `No MikroORM config in ${resolve(path) === process.cwd() ? 'this folder' : displayPath(resolve(path))}.`, {
      fix: `Add ${MIKRO_ORM_CONFIG_FILES[1]} (or src/mikro-orm.config.ts, or package.json "mikro-orm": { "configPaths": [...] }) to the project, or open the project's own folder.`,
    });
  }
  return file;
}

export interface ProjectSeeders {
  /** The MikroORM config file. */
  file: string;
  /** The project's database as Seedbed shows it (no password). */
  database: string;
  /** seeder.defaultSeeder, else DatabaseSeeder. */
  defaultSeeder: string;
  seeders: { name: string; file?: string; default: boolean; seedbed: boolean }[];
}

/** A MikroORM project's seeder classes and its database (loads the project's code). */
export async function projectSeeders(path: string): Promise<ProjectSeeders> {
  const project = await loadMikroOrmProject(mikroOrmConfigOf(path));
  const seeders = await listSeeders(project);
  const defaultSeeder = project.options.seeder?.defaultSeeder ?? 'DatabaseSeeder';
  let database: string;
  try {
    database = parseDatabaseUrl(databaseUrlOf((k) => project.options[k], project.baseDir)).display;
  } catch (e) {
    database = `(${(e as Error).message})`;
  }
  return {
    file: project.file,
    database: redact(database),
    defaultSeeder,
    seeders: seeders.map((s) => ({ name: s.name, file: s.file, default: s.name === defaultSeeder, seedbed: s.seedbed })),
  };
}

export interface ProjectSeederRun extends SeederRun {
  /** The MikroORM config file. */
  file: string;
  /** The database written to (URL, may hold a password: show `display`). */
  url: string;
  display: string;
}

/**
 * Runs one seeder class of a MikroORM project (`seeder`; default: its defaultSeeder, else
 * DatabaseSeeder) in one transaction, on the project's own database or on `db`. The guard rails
 * (remote or production-looking databases) apply as for `seed`.
 */
export async function runProjectSeeder(path: string, options: { seeder?: string; db?: string } & GuardOptions = {}): Promise<ProjectSeederRun> {
  const project = await loadMikroOrmProject(mikroOrmConfigOf(path));
  const seeder = pickSeeder(project, await listSeeders(project), options.seeder);
  const url = options.db ?? databaseUrlOf((k) => project.options[k], project.baseDir);
  const target = parseDatabaseUrl(url);
  assertWritable(target, options);
  // The file Seedbed resolved (relative to the project, not to the current directory), or --db.
  // --db on PostgreSQL: its host, user, sslmode … as Seedbed's own connection uses them (pg-connect.ts).
  const overrides = target.dialect === 'sqlite' ? { dbName: target.file } : options.db ? (await import('../drivers/pg-connect.ts')).pgOrmOptions(target) : {};
  const orm = await openMikroOrm(project, overrides);
  try {
    const r = await runSeeder(orm, seeder);
    return { ...r, file: project.file, url, display: redact(target.display) };
  } finally {
    await orm.close(true);
  }
}

/** The MikroORM config files of a workspace: its folder's own (package.json "mikro-orm"
 *  configPaths, or the default names), then `found` (config files found below it), each once. */
export function mikroOrmConfigs(dir: string, found: string[] = []): string[] {
  const own = findMikroOrmConfig(dir);
  return [...new Set([...(own ? [own] : []), ...found.map((f) => resolve(f))])];
}
