// Seedbed's automatic seeding as one of the app's MikroORM seeders: every table filled from the
// live schema (and seedbed.config.ts, when the app has one). Run it with
// `seedbed mikro-orm-seed SeedbedSeeder`, or from MikroORM's own tooling:
// `npx mikro-orm seeder:run --class=SeedbedSeeder`.
import { SeedbedSeeder as Base } from 'seedbed/mikro-orm';

export class SeedbedSeeder extends Base {
  protected override options = { rows: 20 };
}
