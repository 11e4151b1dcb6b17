// Scratch (not committed): seed the shared PostgreSQL schemas and print the story notes and some counts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPostgres } from './test/support/postgres.ts';
import { cli, SHARED } from './test/support/sqlite.ts';
const pg = await startPostgres();
try {
  const S: Record<string, string[]> = {
    listmonk: ['listmonk', 'schema.sql'], auth: ['supabase_auth', 'auth_schema.pg_dump15.sql'],
    pagila: ['pagila', 'pagila-schema.pg15.sql'], chirpstack: ['chirpstack', 'all_up.postgres.sql'],
  };
  for (const [db, p] of Object.entries(S)) {
    await pg.createDatabase(db, readFileSync(join(SHARED, 'schemas', ...p), 'utf8'));
    const e = cli(['plan', '--explain', '--json', '--db', pg.url(db), '--rows', '200']);
    const d = JSON.parse(e.stdout);
    for (const t of d.tables) for (const c of t.columns) for (const part of String(c.why).split('; ')) if (/^(set when|the same as)/.test(part)) console.log(db, t.name, c.column, '|', part);
    const r = cli(['seed', '--db', pg.url(db), '--rows', '200', '--yes']);
    console.log(db, 'seed', r.code, r.stderr.split('\n').filter((l) => /^(warning|error)/.test(l)).join(' / '));
    const v = cli(['validate', '--db', pg.url(db)]);
    console.log(db, 'validate', v.code, v.stdout.trim().split('\n').slice(-1)[0]);
  }
  const q = async (db: string, sql: string) => console.log(db, sql.slice(0, 60), JSON.stringify(await pg.query(db, sql)));
  await q('listmonk', 'SELECT status, count(*), count(started_at) AS started FROM campaigns GROUP BY 1 ORDER BY 1');
  await q('auth', 'SELECT status, count(*), count(approved_at) AS approved FROM auth.oauth_authorizations GROUP BY 1 ORDER BY 1');
  await q('pagila', 'SELECT activebool, active, count(*) FROM customer GROUP BY 1, 2 ORDER BY 1, 2');
  await q('auth', 'SELECT count(*) AS n, count(email_confirmed_at) AS ec, count(confirmed_at) AS c, sum(CASE WHEN is_anonymous THEN 1 ELSE 0 END) AS anon, sum(CASE WHEN is_anonymous AND email IS NOT NULL THEN 1 ELSE 0 END) AS anon_email FROM auth.users');
  await q('auth', 'SELECT count(email_confirmed_at) AS ec, count(phone_confirmed_at) AS pc, count(confirmation_sent_at) AS cs, count(confirmation_token) AS ct, count(deleted_at) AS del, count(banned_until) AS ban FROM auth.users');
  await q('chirpstack', 'SELECT is_active, email_verified, count(*) FROM "user" GROUP BY 1, 2');
} finally {
  await pg.stop();
}
