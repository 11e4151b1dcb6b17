import { existsSync, rmSync } from 'node:fs';
import type { Driver } from '../driver.ts';
import { parseDatabaseUrl, type DatabaseTarget } from '../drivers/url.ts';
import { SeedbedError } from '../errors.ts';
import { assertWritable, type GuardOptions } from '../guard.ts';
import { plural } from '../words.ts';
import { displayPath } from './error.ts';
import { loadMikroOrmProject, mikroOrmConfigOf, openMikroOrm, type MikroOrmProject } from './mikro-orm.ts';

// `seedbed seed --create-schema`: the first run of a new MikroORM project. The tables come from
// the project's entities through MikroORM's own schema generator, into a database that holds no
// tables yet (an SQLite file that may not exist, or an empty PostgreSQL database); the seed then
// fills them. A database that already has tables is refused: Seedbed never alters a schema.

export interface CreatedSchema {
  /** The MikroORM config whose entities made the tables. */
  file: string;
  /** The tables in the database now. */
  tables: number;
  /** Takes it back (the seed after it failed): drops what was created, or the new SQLite file. */
  undo(): Promise<void>;
}

interface SchemaOrm {
  em: { getConnection(): { getNativeClient(): Promise<unknown> } };
  schema: { create(o?: { wrap?: boolean }): Promise<void>; drop(o?: { wrap?: boolean; dropMigrationsTable?: boolean }): Promise<void> };
  close(force?: boolean): Promise<void>;
}

/** Creates the tables of the MikroORM project in `dir` in the database of `url`. */
export async function createProjectSchema(dir: string, url: string, guard: GuardOptions = {}): Promise<CreatedSchema> {
  const project = await loadMikroOrmProject(mikroOrmConfigOf(dir));
  const target = parseDatabaseUrl(url);
  assertWritable(target, guard);
  checkDriver(project, target);
  const newFile = target.dialect === 'sqlite' && !existsSync(target.file!);
  // Refused before anything is written: the database must have no tables of its own yet.
  const db = await open(target, true);
  let existing: string[];
  try {
    existing = (await db.readSchema()).tables.map((t) => t.name);
  } finally {
    await db.close();
  }
  if (existing.length) {
    throw new SeedbedError('BAD_INPUT', `${target.display} already has ${plural(existing.length, 'table')} (${existing.slice(0, 5).join(', ')}${existing.length > 5 ? ', …' : ''}): --create-schema creates the tables of an empty database only.`, {
      fix: 'Leave out --create-schema to fill the tables that are there, or point --db at a new SQLite file or an empty PostgreSQL database.',
    });
  }
  // Seedbed's own connection settings (the project's clientUrl gives way to them: --db may differ).
  const pgc = target.dialect === 'postgresql' ? await import('../drivers/pg-connect.ts') : undefined;
  const overrides = pgc ? { ...pgc.pgOrmOptions(target), clientUrl: undefined, ensureDatabase: false } : { dbName: target.file };
  const orm = (await openMikroOrm(project, overrides)) as unknown as SchemaOrm;
  try {
    // sslmode=prefer falls back to plain text on a server without TLS, as Seedbed's driver does.
    if (pgc) await pgc.firstQuery((await orm.em.getConnection().getNativeClient()) as never, target);
    await orm.schema.create({ wrap: true });
  } catch (e) {
    await orm.close(true);
    if (newFile) removeSqlite(target.file!);
    throw new SeedbedError('WRITE_FAILED', `MikroORM could not create the tables of ${displayPath(project.file)} in ${target.display}: ${(e as Error).message.split('\n')[0]}`, {
      fix: 'Fix the entities (`npx mikro-orm schema:create --dump` shows the SQL), then run again.',
      cause: e,
    });
  }
  await orm.close(true);
  const count = await tableCount(target);
  return {
    file: project.file,
    tables: count,
    undo: async () => {
      if (newFile) return removeSqlite(target.file!);
      const again = (await openMikroOrm(project, overrides)) as unknown as SchemaOrm;
      try {
        if (pgc) await pgc.firstQuery((await again.em.getConnection().getNativeClient()) as never, target);
        await again.schema.drop({ wrap: true, dropMigrationsTable: true });
      } finally {
        await again.close(true);
      }
    },
  };
}

/** The database through Seedbed's own driver (loaded on demand, as index.ts's openDatabase does). */
async function open(target: DatabaseTarget, create = false): Promise<Driver> {
  if (target.dialect === 'sqlite') return (await import('../drivers/sqlite.ts')).openSqlite(target, { create });
  return (await import('../drivers/postgres.ts')).openPostgres(target);
}

async function tableCount(target: DatabaseTarget): Promise<number> {
  const db = await open(target);
  try {
    return (await db.readSchema()).tables.length;
  } finally {
    await db.close();
  }
}

/** The project's MikroORM driver must speak the database's dialect. */
function checkDriver(project: MikroOrmProject, target: DatabaseTarget): void {
  const name = (project.options.driver as { name?: string } | undefined)?.name ?? '';
  const dialect = /sqlite|libsql/i.test(name) ? 'sqlite' : /postgre/i.test(name) ? 'postgresql' : undefined;
  if (dialect && dialect !== target.dialect) {
    throw new SeedbedError('BAD_INPUT', `${displayPath(project.file)} uses MikroORM's ${name}, but ${target.display} is ${target.dialect === 'sqlite' ? 'an SQLite' : 'a PostgreSQL'} database.`, {
      fix: `Point --db at ${dialect === 'sqlite' ? 'an SQLite file (sqlite:app.db)' : 'a PostgreSQL database'}, as the project's config does.`,
    });
  }
}

function removeSqlite(file: string): void {
  for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}
