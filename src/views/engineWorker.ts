import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import {
  cannotFill, checkConfigNames, clear, configRunOptions, coverageReport, exportSeed, formatPlan, initFolder, loadCheckedConfig, locateProjectConfig, makePlan, openDatabase, planTargets, projectDatabase, redact,
  resolveProjectConfig, runs, scenarioSummaries, seed, SeedbedError, status, undo, validate, type Driver, type ResolvedConfig, type SchemaInfo, type SeedEventListener, type SeedPlan,
} from '../seeders/index.ts';
import { resolveScenario, type ResolveFlags } from '../seeders/config/index.ts';
import { initProject } from '../seeders/config/init.ts';
import { mikroOrmConfigs, projectSeeders, runProjectSeeder } from '../seeders/config/mikro-orm.ts';
import { projectEntityFacts } from '../seeders/config/mikro-orm-entities.ts';
import { withEntities } from '../seeders/schema/entities.ts';
import { previewRows } from '../seeders/preview.ts';
import { CANCELLED, cancellable } from '../seeders/cancel.ts';
import { writeInProcesses } from '../seeders/drivers/sqlite-thread.ts';
import { reportStalls } from '../seeders/write/stall-watch.ts';
import { watchConfigLoads } from '../seeders/config/load.ts';
import { undeclaredHow } from '../seeders/schema/implied-fks.ts';
import type { ConfigInfo, ConfigRef, ConfigUsed, FromWorker, Overview, Request, Responses, ToWorker, WireError } from './protocol.ts';

// The engine's home inside VS Code: a worker thread (bundled to dist/vsix/engine-worker.mjs) that
// answers the extension's requests by calling the engine API. Seeding, reading the schema and
// counting rows all happen here, never on the extension host's thread. A cancel aborts the
// run's signal; the engine then rolls its one transaction back.

// A statement that never ends (a trigger's endless loop) is then stopped by killing its process:
// the extension host lives on, and a thread stuck in SQLite would run with it (sqlite-thread.ts).
writeInProcesses();
// Config code that never returns blocks this thread: the extension's thread then restarts it.
let configLoads = 0;
watchConfigLoads((file, limitMs) => {
  const n = ++configLoads;
  post({ configLoading: n, file, limitMs });
  return () => post({ configLoaded: n });
});

const started = performance.now();
const port = parentPort;
if (!port) throw new Error('engineWorker must run in a worker thread');
const post = (m: FromWorker) => port.postMessage(m);
const running = new Map<number, AbortController>();

async function withDb<T>(url: string, fn: (db: Driver) => Promise<T>, seeding = false): Promise<T> {
  const db = await openDatabase(url, { seeding });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** A request that only reads or writes (clear, undo, validate): cancellable by id too; a cancel
 *  stops the statement the database is running (a trigger that sleeps on DELETE) and rolls back. */
async function cancellableDb<T>(id: number, url: string, command: string, fn: (db: Driver) => Promise<T>, writes = false): Promise<T> {
  const ac = new AbortController();
  running.set(id, ac);
  try {
    // One that runs long says what the database is doing, in its notification.
    const stalled = (e: { ms: number; message: string }) => post({ id, event: { type: 'stalled', ...e } });
    return await withDb(url, (db) => cancellable(db, ac.signal, () => reportStalls(db, command, () => fn(db), stalled), CANCELLED), writes);
  } finally {
    running.delete(id);
  }
}

/** A seed or an export: cancellable by id (Cancel in the notification), with the project's config
 *  loaded first (its file and scenario posted) and every progress event posted. */
async function configuredRun<T>(
  id: number, url: string, ref: ConfigRef | undefined, options: { seed?: number },
  fn: (db: Driver, config: ResolvedConfig | undefined, signal: AbortSignal, onEvent: SeedEventListener) => Promise<T>,
  seeding = false,
): Promise<T> {
  const ac = new AbortController();
  running.set(id, ac);
  try {
    return await withDb(url, async (db) => {
      const config = await runConfig(ref, db, { seed: options.seed });
      if (config) post({ id, config: used(config)! });
      return await fn(db, config, ac.signal, (event) => post({ id, event }));
    }, seeding);
  } finally {
    running.delete(id);
  }
}

// ---- seedbed.config.ts (only ever loaded when the extension says the workspace is trusted) ----

/** The config for a seed or a plan: an error in it fails the request (with file:line and fix). */
async function runConfig(ref: ConfigRef | undefined, db: Driver, flags: ResolveFlags): Promise<ResolvedConfig | undefined> {
  if (!ref?.trusted) return undefined;
  // A MikroORM project's entities say what its database cannot (enums, inheritance, lists), as in `seedbed seed`.
  const facts = await projectEntityFacts(ref.cwd);
  if (facts) withEntities(db, facts);
  const config = await resolveProjectConfig({ ...ref, flags });
  await checkConfigNames(db, config);
  return config;
}

const used = (c: ResolvedConfig | undefined): ConfigUsed | undefined => (c ? { file: c.file, scenario: c.scenario } : undefined);

/** The config for the views: never fails; a problem goes to `info.error`, and the overview is
 *  then made without the config. */
async function viewConfig(ref: ConfigRef | undefined, db: Driver | undefined, schema?: SchemaInfo): Promise<{ config?: ResolvedConfig; info?: ConfigInfo }> {
  if (!ref) return {};
  let where = ref.cwd;
  try {
    const located = locateProjectConfig(ref);
    where = located.file ?? located.expected;
    if (!ref.trusted) return { info: located.file ? { file: located.file, ignored: true, scenarios: [] } : undefined };
    const loaded = await loadCheckedConfig(ref);
    if (!loaded) {
      await resolveProjectConfig(ref); // a scenario without a config is an error
      return {};
    }
    const info: ConfigInfo = { file: loaded.file, scenarios: scenarioSummaries(loaded.config) };
    try {
      const config = resolveScenario(loaded, ref.scenario);
      info.scenario = config.scenario;
      if (db) await checkConfigNames(db, config, schema);
      return { config, info };
    } catch (e) {
      info.error = wireError(e);
      return { info };
    }
  } catch (e) {
    return { info: { file: where, scenarios: [], error: wireError(e) } };
  }
}

async function handle(id: number, r: Request): Promise<Responses[keyof Responses]> {
  switch (r.op) {
    case 'overview':
      // Cancelled when a newer refresh replaces it (model.ts): a count stuck on the server ends.
      return cancellableDb(id, r.url, 'refresh', async (db): Promise<Overview> => {
        const t0 = performance.now();
        const schema = await db.readSchema();
        const { config, info } = await viewConfig(r.config, db, schema);
        const options = configRunOptions(config, { rows: r.rows });
        let phases: string[][] = [];
        let edges: Overview['edges'] = [];
        const columnsHow: Overview['columnsHow'] = {};
        let planError: string | undefined;
        let targets: Record<string, number> | undefined;
        let plan: SeedPlan | undefined;
        if (schema.tables.length) {
          try {
            ({ plan } = await makePlan(db, { rows: r.rows, ...options, clearFirst: true }, schema));
            phases = plan.phases;
            edges = plan.edges.map((e) => ({ from: e.from, to: e.to, columns: e.columns, mode: e.mode }));
            for (const t of plan.tables) columnsHow[t.name] = t.columns;
            // A table's target is what a seed makes of it: its scenario's size, or the rows a
            // unique key admits (13 grade levels are full at 13).
            targets = planTargets(plan);
          } catch (e) {
            planError = redact(e instanceof SeedbedError ? e.describe() : (e as Error).message);
          }
        }
        const leftOut = await cannotFill(db, plan);
        // The plan's schema also holds the references it implies from column names.
        const planned = new Map((plan?.input.schema ?? schema).tables.map((t) => [t.name, t]));
        const coverage = await status(db, { rows: config ? options.rows : r.rows, targets }, schema);
        return {
          display: db.target.display,
          dialect: db.dialect,
          tables: schema.tables.map((t) => ({
            name: t.name,
            columns: t.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, pk: t.primaryKey.includes(c.name) })),
            foreignKeys: (planned.get(t.name) ?? t).foreignKeys.map((f) => ({ columns: f.columns, refTable: f.refTable, refColumns: f.refColumns, nullable: f.nullable, ...withHow(undeclaredHow(f)) })),
          })),
          skipped: schema.skipped,
          coverage,
          phases,
          edges,
          columnsHow,
          planError,
          leftOut,
          config: info,
          ms: Math.round(performance.now() - t0),
        };
      });
    case 'seed':
      return configuredRun(id, r.url, r.config, r.options, async (db, config, signal, onEvent) => {
        const { plan, result } = await seed(db, { ...r.options, ...configRunOptions(config, { rows: r.options.rows }), signal, onEvent });
        return {
          result,
          config: used(config),
          warnings: [...plan.warnings, ...result.warnings],
          planTables: plan.tables.map((t) => ({ name: t.name, phase: t.phase, count: t.count })),
        };
      }, !r.options.dryRun);
    case 'export':
      return configuredRun(id, r.url, r.config, r.options, async (db, config, signal, onEvent) => {
        const { plan, result, dir, format } = await exportSeed(db, {
          out: r.out, format: r.format, seed: r.options.seed, tables: r.options.tables,
          ...configRunOptions(config, { rows: r.options.rows }),
          signal, onEvent,
        });
        return { rows: result.rows, tables: Object.keys(result.perTable).length, dir, format, warnings: [...plan.warnings, ...result.warnings] };
      });
    case 'clear':
      return cancellableDb(id, r.url, 'clear', (db) => clear(db, r.tables, { allowRemote: r.allowRemote, allowProduction: r.allowProduction }), true);
    case 'undo':
      return cancellableDb(id, r.url, 'undo', (db) => undo(db, r.runId, { allowRemote: r.allowRemote, allowProduction: r.allowProduction }), true);
    case 'runs':
      return withDb(r.url, (db) => runs(db));
    case 'validate':
      return cancellableDb(id, r.url, 'validate', (db) => validate(db));
    case 'plan':
      return withDb(r.url, async (db) => {
        const config = await runConfig(r.config, db, { seed: r.options.seed });
        const { plan } = await makePlan(db, { ...r.options, ...configRunOptions(config, { rows: r.options.rows }) });
        // Said by the plan itself: the views' overview may be mid-reload (a config file watcher).
        const ignoredConfig = r.config && !r.config.trusted ? locateProjectConfig(r.config).file : undefined;
        const tables = plan.tables.map((t) => ({ name: t.name, count: t.count, added: t.addedBecause !== undefined }));
        return { text: formatPlan(plan, { columns: true }), warnings: plan.warnings, config: used(config), ignoredConfig, tables };
      });
    case 'preview':
      return withDb(r.url, (db) => previewRows(db, r.table, r.limit));
    case 'coverage':
      return cancellableDb(id, r.url, 'coverage', (db) => coverageReport(db, { rows: r.rows, targets: r.targets }));
    case 'createFromSchema': {
      const db = await openDatabase(`sqlite:${r.file}`, { create: true });
      try {
        const client = (db as unknown as { client?: { exec(sql: string): void } }).client;
        if (!client) throw new SeedbedError('UNSUPPORTED', 'Creating a database from a schema file needs SQLite.');
        client.exec(readFileSync(r.schemaFile, 'utf8'));
        return { file: r.file, tables: (await db.readSchema()).tables.length };
      } finally {
        await db.close();
      }
    }
    case 'configInfo':
      return (await viewConfig(r.config, undefined)).info;
    case 'projectDatabase': {
      // Both sources are project code: never run in an untrusted workspace.
      if (!r.config.trusted) return undefined;
      return projectDatabase((await viewConfig(r.config, undefined)).config, r.config.cwd);
    }
    case 'locateConfig':
      return locateProjectConfig(r.config);
    case 'initConfig':
      return withDb(r.url, async (db) => {
        const schema = await db.readSchema();
        const files = initProject(schema, { dir: initFolder(r.config), database: r.url });
        return { files, tables: schema.tables.length };
      });
    case 'mikroOrmProjects':
      return mikroOrmConfigs(r.dir, r.found);
    case 'mikroOrmSeeders':
      return projectSeeders(r.project);
    case 'mikroOrmSeed':
      return runProjectSeeder(r.project, { seeder: r.seeder, allowRemote: r.allowRemote, allowProduction: r.allowProduction });
  }
}

function wireError(e: unknown): WireError {
  if (e instanceof SeedbedError) {
    const cause = e.cause instanceof Error ? e.cause.message : e.cause === undefined ? undefined : String(e.cause);
    return { code: e.code, message: redact(e.message), fix: e.fix && redact(e.fix), table: e.table, cause: cause && redact(cause) };
  }
  return { message: redact(e instanceof Error ? e.message : String(e)) };
}

port.on('message', (m: ToWorker) => {
  if ('cancel' in m) {
    running.get(m.id)?.abort();
    return;
  }
  handle(m.id, m.request).then(
    (value) => post({ id: m.id, ok: true, value }),
    (e) => post({ id: m.id, ok: false, error: wireError(e) }),
  );
});

post({ ready: true, ms: Math.round(performance.now() - started) });

const withHow = (how: string | undefined) => (how ? { undeclared: how } : {});
