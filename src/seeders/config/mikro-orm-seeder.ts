import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { openDatabase, seed } from '../index.ts';
import type { SeedOptions } from '../seed-options.ts';
import { withEntities } from '../schema/entities.ts';
import { databaseUrlOf } from './mikro-orm.ts';
import { entityTables } from './mikro-orm-entities.ts';
import { checkConfigNames, configRunOptions, resolveProjectConfig } from './run-options.ts';

// Seedbed's automatic seeding as a MikroORM seeder class, for a project's own tooling:
//   // src/seeders/SeedbedSeeder.ts
//   import { SeedbedSeeder as Base } from 'seedbed/mikro-orm';
//   export class SeedbedSeeder extends Base { protected override options = { rows: 20 }; }
//   $ npx mikro-orm seeder:run --class=SeedbedSeeder     (or: seedbed mikro-orm-seed SeedbedSeeder)
// It fills every table of the ORM's database from the live schema, with the project's
// seedbed.config.ts (found in MikroORM's baseDir) when there is one. Seedbed writes through its
// own connection in one transaction of its own, and records the run in its ledger (undoable).
// The ORM's entity metadata steers it as it does `seedbed seed` in the project (enums,
// inheritance, lists and embeddables the database cannot state).

export interface SeedbedSeederOptions extends Pick<SeedOptions, 'rows' | 'seed' | 'counts' | 'tables' | 'topUp' | 'allowRemote' | 'allowProduction'> {
  /** Scenario of seedbed.config.ts. */
  scenario?: string;
}

export class SeedbedSeeder extends Seeder {
  /** Seedbed commits on its own connection: run it outside MikroORM's transaction. */
  static readonly seedbedOwnTransaction = true;

  /** What to seed; override in a subclass. */
  protected options: SeedbedSeederOptions = {};

  async run(em: EntityManager): Promise<void> {
    const baseDir = String(em.config.get('baseDir'));
    const url = databaseUrlOf((k) => em.config.get(k as never), baseDir);
    const { scenario, ...options } = this.options;
    const config = await resolveProjectConfig({ cwd: baseDir, scenario, flags: { rows: options.rows, seed: options.seed } });
    // The ORM at hand has discovered the entities: what they know and the database cannot say.
    const all = em.getMetadata().getAll() as unknown as Map<unknown, never>;
    const db = withEntities(await openDatabase(url), { file: 'the MikroORM config', tables: entityTables([...all.values()]) });
    try {
      await checkConfigNames(db, config);
      const run: SeedOptions = config ? { ...options, ...configRunOptions(config), counts: { ...config.counts, ...options.counts } } : options;
      await seed(db, run);
    } finally {
      await db.close();
    }
  }
}
