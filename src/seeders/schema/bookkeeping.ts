// Tables that belong to tools, not to the application: never seeded, never cleared.

const BOOKKEEPING = new Set([
  'sqlite_sequence', 'sqlite_stat1', 'sqlite_stat2', 'sqlite_stat3', 'sqlite_stat4',
  '__diesel_schema_migrations', 'alembic_version', 'mikro_orm_migrations', '_prisma_migrations',
  'knex_migrations', 'knex_migrations_lock', 'schema_migrations', 'ar_internal_metadata',
  'flyway_schema_history', 'databasechangelog', 'databasechangeloglock', 'django_migrations',
  '__drizzle_migrations', 'typeorm_metadata', 'migrations', 'goose_db_version', 'sequelizemeta',
]);

/** Seedbed's own ledger tables (issue: undo) share this prefix. */
export const SEEDBED_TABLE_PREFIX = 'seedbed_';

export function bookkeepingReason(table: string): string | null {
  const t = table.toLowerCase();
  if (t.startsWith('sqlite_')) return 'SQLite internal table';
  if (BOOKKEEPING.has(t)) return 'migration bookkeeping';
  if (t.startsWith(SEEDBED_TABLE_PREFIX)) return 'Seedbed bookkeeping';
  return null;
}
