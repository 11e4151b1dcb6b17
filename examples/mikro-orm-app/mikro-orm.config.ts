import { defineConfig } from '@mikro-orm/sqlite';
import { Author, Book, Publisher } from './src/entities.ts';

// The app's MikroORM config. Seedbed finds it (mikro-orm.config.ts, or package.json
// "mikro-orm": { "configPaths": [...] }), takes its connection, and runs its seeders:
// `seedbed mikro-orm-seed --list`, `seedbed mikro-orm-seed [CLASS]`.
export default defineConfig({
  dbName: process.env.APP_DB ?? 'app.db',
  entities: [Publisher, Author, Book],
  seeder: { path: './src/seeders', defaultSeeder: 'DatabaseSeeder' },
  debug: false,
});
