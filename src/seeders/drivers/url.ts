import { resolve } from 'node:path';
import { SeedbedError } from '../errors.ts';
import type { Dialect } from '../schema/model.ts';
import { ConnInfoError, formatUri, isKeywordList, isPgUri, parseConnInfo, type ConnParams } from './conninfo.ts';
import { ParamError, resolveParams, type PgSettings } from './pg-params.ts';

// Database URLs: `sqlite:PATH` (also `sqlite://PATH`, `file:PATH`, a bare *.db path), and
// PostgreSQL as psql takes it: `postgresql://user:pass@host:port/db?sslmode=…&schema=a,b` or
// `host=… dbname=… password=…` (conninfo.ts parses, pg-params.ts checks each parameter).
// Passwords never leave this module unredacted: `display` is rebuilt from the parsed parts with
// the password masked, and every password parsed is remembered so `redact` can scrub it from
// any text (a driver's message, say) in whatever form it appears.

export interface DatabaseTarget {
  dialect: Dialect;
  /** SQLite: absolute file path. */
  file?: string;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  /** From the connection string, else PGPASSWORD (a password file is read when connecting). */
  password?: string;
  schemas?: string[];
  /** PostgreSQL: sslmode and the other libpq parameters honoured. */
  settings?: PgSettings;
  /** PostgreSQL: the connection string's own parameters (libpq names), password included. */
  params?: ConnParams;
  /** The URL as safe to print. */
  display: string;
}

export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseTarget {
  const raw = url.trim();
  if (!raw) throw badUrl(url, 'it is empty');
  if (isPgUri(raw) || isKeywordList(raw)) return parsePostgres(raw);
  const sqlite = /^(?:sqlite3?|file):(?:\/\/)?(.*)$/i.exec(raw);
  if (sqlite || /\.(db|sqlite3?|db3)$/i.test(raw)) {
    const path = sqlite ? sqlite[1] : raw;
    if (!path) throw badUrl(url, 'no file path follows "sqlite:"');
    if (path === ':memory:') throw badUrl(url, 'an in-memory database vanishes when Seedbed exits');
    const file = resolve(cwd, path);
    return { dialect: 'sqlite', file, display: `sqlite:${file}` };
  }
  throw badUrl(url, 'it is neither sqlite:PATH nor postgresql://…');
}

function parsePostgres(raw: string): DatabaseTarget {
  let params: ConnParams;
  try {
    params = parseConnInfo(raw);
  } catch (e) {
    if (!(e instanceof ConnInfoError)) throw e;
    // The string did not parse: nothing of it is shown (any part may be the password). No
    // "postgresql://…" either: redact() would read "//…): … password: @" as user-info.
    throw new SeedbedError('BAD_URL', `Cannot use the PostgreSQL ${isPgUri(raw) ? 'URL' : 'connection string (key=value …)'}: ${e.message}.`, {
      fix: 'Write postgresql://USER:PASSWORD@HOST:PORT/DATABASE with special characters percent-encoded (encodeURIComponent), or host=… port=… dbname=… user=… password=\'…\'.',
    });
  }
  for (const [k, v] of params) if (k.endsWith('password') && v) rememberSecret(v);
  const display = formatUri(params, 'mask');
  let r;
  try {
    r = resolveParams(params);
  } catch (e) {
    if (!(e instanceof ParamError)) throw e;
    throw new SeedbedError('BAD_URL', `Cannot use database URL "${display}": ${e.message}`, { fix: e.fix });
  }
  if (r.password) rememberSecret(r.password, [r.user, r.host, r.database ?? '']);
  if (r.settings.sslpassword) rememberSecret(r.settings.sslpassword);
  if (!r.database) throw badUrl(display, 'it names no database (postgresql://user@host:port/DATABASE)');
  return {
    dialect: 'postgresql',
    host: r.host,
    port: r.port,
    database: r.database,
    user: r.user,
    password: r.password,
    schemas: r.schemas,
    settings: r.settings,
    params,
    display: formatUri(r.shown, 'mask'),
  };
}

/** A PostgreSQL URL without its password (user-info and ?password=), and the password. Other
 *  URLs come back unchanged. */
export function splitPassword(url: string): { bare: string; password?: string } {
  const raw = url.trim();
  if (!isPgUri(raw) && !isKeywordList(raw)) return { bare: url };
  let params: ConnParams;
  try {
    params = parseConnInfo(raw);
  } catch {
    return { bare: url };
  }
  const pw = params.filter(([k]) => k === 'password').pop()?.[1];
  if (pw === undefined) return { bare: url };
  rememberSecret(pw);
  return { bare: formatUri(params, 'omit'), password: pw };
}

/** The URL with this password in it (replacing any it has). */
export function withPassword(url: string, password: string): string {
  rememberSecret(password);
  const params = parseConnInfo(url.trim()).filter(([k]) => k !== 'password');
  params.push(['password', password]);
  return formatUri(params, 'include');
}

// ---- redaction ----------------------------------------------------------------------------------

/** Every password parsed in this process, in the forms text may hold it (raw, encoded, escaped). */
const secrets = new Set<string>();

/**
 * Remembers a secret for `redact`. One that is part of a name Seedbed prints anyway (a password
 * equal to the user name, say) or shorter than 3 characters is not scrubbed from free text: that
 * would garble every message and hide nothing.
 */
export function rememberSecret(secret: string, publicParts: string[] = []): void {
  if (secret.length < 3 || 'postgresql://'.includes(secret.toLowerCase())) return;
  if (publicParts.some((p) => p.toLowerCase().includes(secret.toLowerCase()))) return;
  const u = new URL('x://h');
  u.password = secret;
  for (const form of [secret, encodeURIComponent(secret), u.password, JSON.stringify(secret).slice(1, -1), formatUri([['password', secret]], 'include').replace(/^postgresql:\/\/:|@$/g, '')]) {
    if (form.length >= 3) secrets.add(form);
  }
}

// user:PASSWORD@host in any scheme://: the password runs to the '@' that a host name follows.
// Every run is bounded and a scheme starts only at a word start: unbounded, this took 70 s on a
// 200 KB run of letters (each position began a scheme that scanned to the end).
const URI_PASSWORD = /(?<![a-z0-9+.-])([a-z][a-z0-9+.-]{0,63}:\/\/[^\s:@/?]{0,256}:)(?!\*\*\*@|PASSWORD@)[^\n]{0,1024}?@(?=[A-Za-z0-9._~%[\]:,-]{0,256}(?:[/?\s"'),;]|$))/gim;
// password=… and sslpassword=… (URL query and key=value strings), quoted or not.
const KV_PASSWORD = /(\b(?:ssl)?password\s*=\s*)(?!\*\*\*|'…')('(?:[^'\\]|\\.)*'?|(?:[^\s&'"\\]|\\.)+)/gi;

/** Text with every password in it replaced by ***: those parsed, and any in a URL or key=value. */
export function redact(text: string): string {
  let out = text;
  // Longest first, so that a secret's encoded form is not half-replaced by a shorter one.
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) if (out.includes(s)) out = out.split(s).join('***');
  return out.replace(URI_PASSWORD, '$1***@').replace(KV_PASSWORD, '$1***');
}

function badUrl(url: string, why: string): SeedbedError {
  return new SeedbedError('BAD_URL', `Cannot use database URL "${redact(url)}": ${why}.`, {
    fix: 'Pass --db sqlite:path/to/file.db or --db postgresql://user@host:5432/dbname (or set SEEDBED_DATABASE_URL).',
  });
}
