import { defineConfig } from '@mikro-orm/sqlite';
import { Address, AudioBook, Author, Book, EBook, Edition, PrintEdition, Publisher } from './src/entities.ts';

// The app's MikroORM config. Seedbed finds it (mikro-orm.config.ts, or package.json
// "mikro-orm": { "configPaths": [...] }), takes its connection, and runs its seeders:
// `seedbed mikro-orm-seed --list`, `seedbed mikro-orm-seed [CLASS]`.
export default defineConfig({
  dbName: process.env.APP_DB ?? 'app.db',
  entities: [Address, Publisher, Author, Book, Edition, PrintEdition, EBook, AudioBook],
  seeder: { path: './src/seeders', defaultSeeder: 'DatabaseSeeder' },
  debug: false,
});
