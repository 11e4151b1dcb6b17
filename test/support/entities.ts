import { join } from 'node:path';
import { loadMikroOrmProject, openMikroOrm } from '../../src/seeders/config/mikro-orm.ts';
import { ROOT } from './sqlite.ts';

// test/fixtures/entities-app: a MikroORM project (ENTITIES_DB: an SQLite file, ENTITIES_PG: a
// PostgreSQL URL) whose rows the entity tests read back through MikroORM itself.

export const APP = join(ROOT, 'test', 'fixtures', 'entities-app');

/** Every entity read back through MikroORM (em.find), with the project's own config. */
export async function readBack(env: Record<string, string>): Promise<Record<string, { cls: string; row: Record<string, unknown> }[]>> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const project = await loadMikroOrmProject(join(APP, 'mikro-orm.config.ts'));
    const orm = (await openMikroOrm(project)) as unknown as { em: { fork(): { find(e: unknown, q: object): Promise<object[]> } }; close(f: boolean): Promise<void> };
    const mod = await project.load(join(APP, 'entities.ts'));
    const out: Record<string, { cls: string; row: Record<string, unknown> }[]> = {};
    try {
      for (const name of ['Member', 'Animal', 'Dog', 'Cat']) {
        const found = await orm.em.fork().find(mod[name], {});
        out[name] = found.map((e) => ({ cls: e.constructor.name, row: { ...e } as Record<string, unknown> }));
      }
    } finally {
      await orm.close(true);
    }
    return out;
  } finally {
    process.env = saved;
  }
}

