// How the PostgreSQL readers ask the catalogue: parameters bound, never pasted into SQL text.
export type PgQuery = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
