// Tables that belong to tools, not to the application: never seeded, never cleared.

const BOOKKEEPING = new Set([
  'sqlite_sequence', 'sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', 'sqlite_stat4',
  '__diesel_schema_migrations', 'alembic_version', 'mikro_orm_migrations', '_prisma_migrations',
  'knex_migrations', 'knex_migrations_lock', 'schema_migrations', 'ar_internal_metadata', 'migration',
  'flyway_schema_history', 'databasechangelog', 'databasechangeloglock', 'django_migrations',
  '__drizzle_migrations', 'typeorm_metadata', 'migrations', 'goose_db_version', 'sequelizemeta',
  // sqlx, EF Core, SeaORM, pop/fizz (Ory), gorp, refinery, Doctrine, Phinx, sqlalchemy-migrate.
  'sqlx_migrations', 'efmigrationshistory', 'seaql_migrations', 'schema_migration', 'gorp_migrations',
  'refinery_schema_history', 'doctrine_migration_versions', 'phinxlog', 'migrate_version',
  // A schema's version row (Flyway's old ledger; desktop apps: Strawberry, Clementine, Amarok).
  'schema_version',
]);

/** Tables a framework keeps for itself in the app's database: Android's locale row, Room's
 *  schema hash, Core Data's entity catalogue, key counters and model cache. Rows made up there
 *  would change what the framework reads (the locale, the next Z_PK of each entity). */
const FRAMEWORK = new Set(['android_metadata', 'room_master_table', 'z_metadata', 'z_primarykey', 'z_modelcache']);

/** Seedbed's own ledger tables (issue: undo) share this prefix. */
export const SEEDBED_TABLE_PREFIX = 'seedbed_';

export function bookkeepingReason(table: string): string | null {
  const t = table.toLowerCase();
  if (t.startsWith('sqlite_')) return 'SQLite internal table';
  // Tools decorate the name with underscores: `_sqlx_migrations`, `__EFMigrationsHistory`, `__migrations__`.
  if (BOOKKEEPING.has(t) || BOOKKEEPING.has(t.replace(/^_+|_+$/g, ''))) return 'migration bookkeeping';
  if (FRAMEWORK.has(t)) return 'framework bookkeeping';
  if (t.startsWith(SEEDBED_TABLE_PREFIX)) return 'Seedbed bookkeeping';
  return null;
}
