import { resolve } from 'node:path';
import { SeedbedError } from '../errors.ts';
import type { Dialect } from '../schema/model.ts';

// Database URLs: `sqlite:PATH` (also `sqlite://PATH`, `file:PATH`, a bare *.db path) and
// `postgresql://user:pass@host:port/db?schema=a,b`. Passwords never leave this module unredacted.

export interface DatabaseTarget {
  dialect: Dialect;
  /** SQLite: absolute file path. */
  file?: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  password?: string;
  schemas?: string[];
  /** The URL as safe to print. */
  display: string;
}

export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  const raw = url.trim();
  if (!raw) throw badUrl(url, 'it is empty');
  const sqlite = /^(?:sqlite3?|file):(?:\/\/)?(.*)$/i.exec(raw);
  if (sqlite || /\.(db|sqlite3?|db3)$/i.test(raw)) {
    const path = sqlite ? sqlite[1] : raw;
    if (!path) throw badUrl(url, 'no file path follows "sqlite:"');
    if (path === ':memory:') throw badUrl(url, 'an in-memory database vanishes when Seedbed exits');
    const file = resolve(cwd, path);
    return { dialect: 'sqlite', file, display: `sqlite:${file}` };
  }
  if (/^postgres(?:ql)?:\/\//i.test(raw)) {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      throw badUrl(redact(raw), 'it is not a valid URL');
    }
    const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
    if (!database) throw badUrl(redact(raw), 'it names no database (postgresql://user@host:port/DATABASE)');
    const schemas = u.searchParams.get('schema')?.split(',').map((s) => s.trim()).filter(Boolean);
    const target: DatabaseTarget = {
      dialect: 'postgresql',
      host: u.hostname || 'localhost',
      port: u.port ? Number(u.port) : 5432,
      database,
      user: u.username ? decodeURIComponent(u.username) : undefined,
      password: u.password ? decodeURIComponent(u.password) : undefined,
      schemas,
      display: '',
    };
    target.display = redact(raw);
    return target;
  }
  throw badUrl(url, 'it is neither sqlite:PATH nor postgresql://…');
}

/** Replaces the password of any URL in a text with ***. */
export function redact(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:@/\s]*:)[^@\s]*@/gi, '$1***@');
}

function badUrl(url: string, why: string): SeedbedError {
  return new SeedbedError('BAD_URL', `Cannot use database URL "${redact(url)}": ${why}.`, {
    fix: 'Pass --db sqlite:path/to/file.db or --db postgresql://user@host:5432/dbname (or set SEEDBED_DATABASE_URL).',
  });
}
