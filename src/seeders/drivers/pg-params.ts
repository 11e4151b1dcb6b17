import { userInfo } from 'node:os';
import type { ConnParams } from './conninfo.ts';

// libpq's connection parameters, each honoured as psql honours it or refused with the reason:
// none is dropped silently. A parameter the connection string leaves out comes from libpq's
// environment variable (PGHOST, PGSSLMODE, …), as for psql.

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';

/** How to connect, beyond host, port, user, password and database. */
export interface PgSettings {
  sslmode: SslMode;
  /** Where sslmode came from (for messages): "sslmode=require", "PGSSLMODE=require", or the default. */
  sslmodeFrom: string;
  sslrootcert?: string;
  sslcert?: string;
  sslkey?: string;
  sslpassword?: string;
  sslcrl?: string;
  sslnegotiation?: 'postgres' | 'direct';
  sslMinProtocol?: string;
  sslMaxProtocol?: string;
  applicationName?: string;
  /** Seconds; 0 or absent: wait indefinitely (libpq), which Seedbed caps at its own 10 s. */
  connectTimeout?: number;
  options?: string;
  passfile?: string;
  keepalives: boolean;
  keepalivesIdle?: number;
}

const ENV: Record<string, string> = {
  host: 'PGHOST', port: 'PGPORT', user: 'PGUSER', password: 'PGPASSWORD', dbname: 'PGDATABASE', passfile: 'PGPASSFILE',
  sslmode: 'PGSSLMODE', requiressl: 'PGREQUIRESSL', sslrootcert: 'PGSSLROOTCERT', sslcert: 'PGSSLCERT', sslkey: 'PGSSLKEY',
  sslcrl: 'PGSSLCRL', sslsni: 'PGSSLSNI', sslnegotiation: 'PGSSLNEGOTIATION', ssl_min_protocol_version: 'PGSSLMINPROTOCOLVERSION',
  ssl_max_protocol_version: 'PGSSLMAXPROTOCOLVERSION', application_name: 'PGAPPNAME', connect_timeout: 'PGCONNECT_TIMEOUT',
  options: 'PGOPTIONS', client_encoding: 'PGCLIENTENCODING', target_session_attrs: 'PGTARGETSESSIONATTRS',
  gssencmode: 'PGGSSENCMODE', channel_binding: 'PGCHANNELBINDING', load_balance_hosts: 'PGLOADBALANCEHOSTS',
};

const ANY = /^[\s\S]*$/;
const BOOL = /^[01]$/;
const SECONDS = /^\d+$/;
const TLS_VERSION = /^TLSv1(?:\.[0-3])?$/;

/** Each parameter Seedbed honours, with the values it can honour. */
const HONOURED: Record<string, RegExp> = {
  host: ANY, port: /^[\d,]+$/, user: ANY, password: ANY, dbname: ANY, passfile: ANY, schema: ANY,
  sslmode: /^(disable|allow|prefer|require|verify-ca|verify-full)$/, requiressl: BOOL,
  sslrootcert: ANY, sslcert: ANY, sslkey: ANY, sslpassword: ANY, sslcrl: ANY, sslsni: /^1$/, sslcompression: /^0$/,
  sslnegotiation: /^(postgres|direct)$/, ssl_min_protocol_version: TLS_VERSION, ssl_max_protocol_version: TLS_VERSION,
  application_name: ANY, fallback_application_name: ANY, connect_timeout: /^-?\d+$/, options: ANY,
  client_encoding: /^(utf-?8|unicode|auto)$/i, target_session_attrs: /^any$/, gssencmode: /^(disable|prefer)$/,
  channel_binding: /^(disable|prefer)$/, load_balance_hosts: /^(disable|random)$/, keepalives: BOOL, keepalives_idle: SECONDS,
};

/** Why a value cannot be honoured, and what to do instead. */
const CANNOT: Record<string, string> = {
  sslmode: 'sslmode is one of disable, allow, prefer, require, verify-ca, verify-full.',
  ssl_min_protocol_version: 'Write TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3.',
  ssl_max_protocol_version: 'Write TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3.',
  client_encoding: 'Seedbed always talks UTF8 with the server: remove client_encoding.',
  target_session_attrs: 'Seedbed connects to one server and writes to it: leave target_session_attrs out (or write any).',
  gssencmode: 'Seedbed (node-postgres) cannot use GSSAPI encryption: use sslmode=verify-full (or require) instead.',
  channel_binding: 'node-postgres cannot guarantee SCRAM channel binding: leave channel_binding out, and use sslmode=verify-full to authenticate the server.',
  connect_timeout: 'connect_timeout is a whole number of seconds.',
  port: 'port is a whole number (5432, say).',
  sslcompression: 'TLS compression is insecure and off in OpenSSL: leave sslcompression out.',
  sslsni: 'node-postgres always sends the server name (SNI): leave sslsni out.',
};

/** Parameters Seedbed does not support, with what to do instead. */
const REFUSED: Record<string, string> = {
  hostaddr: 'Put the address in host (host=10.0.0.5, or postgresql://10.0.0.5/db).',
  service: 'Seedbed does not read pg_service.conf: write the service\'s host, port, dbname and user in the URL.',
  ssl: 'Write sslmode=require (or verify-full to check the server\'s certificate; sslmode=disable for none).',
  sslcrldir: 'Use sslcrl=FILE (one file of revoked certificates).',
  sslcertmode: 'Leave sslcertmode out: Seedbed sends the client certificate of sslcert/sslkey when the server asks.',
  require_auth: 'Leave require_auth out; use sslmode=verify-full to authenticate the server.',
  replication: 'Seedbed is not a replication client: leave replication out.',
  krbsrvname: 'Seedbed (node-postgres) cannot use Kerberos/GSSAPI: use password or certificate authentication.',
  gsslib: 'Seedbed (node-postgres) cannot use Kerberos/GSSAPI: use password or certificate authentication.',
  gssdelegation: 'Seedbed (node-postgres) cannot use Kerberos/GSSAPI: use password or certificate authentication.',
};

export class ParamError extends Error {
  readonly fix: string;
  constructor(message: string, fix: string) {
    super(message);
    this.fix = fix;
  }
}

const SUPPORTED_LIST = 'host, port, dbname, user, password, passfile, sslmode, sslrootcert, sslcert, sslkey, sslpassword, sslcrl, sslsni, sslnegotiation, ssl_min_protocol_version, ssl_max_protocol_version, application_name, connect_timeout, options, keepalives, keepalives_idle, and Seedbed\'s schema';

const shown = (v: string) => JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);

export interface ResolvedParams {
  host: string;
  port: number;
  user: string;
  password?: string;
  database?: string;
  schemas?: string[];
  settings: PgSettings;
  /** The connection string's parameters, with host, port, user and dbname filled from the
   *  environment where it leaves them out (what `display` shows). */
  shown: ConnParams;
}

/** Checks every parameter and fills the rest from the environment, as libpq does. */
export function resolveParams(given: ConnParams, env: Record<string, string | undefined> = process.env): ResolvedParams {
  const values = new Map<string, { value: string; from: string }>();
  for (const [key, value] of given) {
    // Own properties only: "constructor" or "__proto__" in a URL are unknown keys, not Object's.
    if (Object.hasOwn(REFUSED, key)) throw new ParamError(`Seedbed does not support the connection parameter "${key}".`, REFUSED[key]);
    const ok = Object.hasOwn(HONOURED, key) ? HONOURED[key] : undefined;
    if (!ok) throw new ParamError(`${shown(key)} is not a connection parameter Seedbed knows.`, `Remove it (libpq would refuse it too). Seedbed honours ${SUPPORTED_LIST}.`);
    if (!ok.test(value)) {
      throw new ParamError(`Seedbed cannot honour ${key}=${key.includes('password') ? '***' : shown(value)}.`, CANNOT[key] ?? `Leave ${key} out.`);
    }
    values.set(key, { value, from: `${key}=${key.includes('password') ? '***' : value}` });
  }
  for (const [key, name] of Object.entries(ENV)) {
    const v = env[name];
    if (values.has(key) || v === undefined || v === '') continue;
    if (!HONOURED[key].test(v)) throw new ParamError(`Seedbed cannot honour ${name}=${key === 'password' ? '***' : shown(v)} (in the environment).`, CANNOT[key] ?? `Unset ${name}.`);
    values.set(key, { value: v, from: `${name}=${key === 'password' ? '***' : v}` });
  }
  const get = (k: string) => values.get(k)?.value;

  const host = get('host') ?? 'localhost';
  if (host.includes(',')) {
    throw new ParamError('The connection string names several hosts; Seedbed connects to one server.', 'Name the one server to seed (its primary).');
  }
  const portText = get('port');
  const port = portText === undefined ? 5432 : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ParamError(`The port ${shown(portText!)} is not a TCP port.`, CANNOT.port);

  let sslmode = (get('sslmode') as SslMode | undefined);
  let sslmodeFrom = values.get('sslmode')?.from;
  if (!sslmode && get('requiressl') === '1') [sslmode, sslmodeFrom] = ['require', values.get('requiressl')!.from];
  // libpq: the system's roots make verify-full the default, and a weaker sslmode an error.
  if (get('sslrootcert') === 'system') {
    if (!sslmode) [sslmode, sslmodeFrom] = ['verify-full', 'sslrootcert=system'];
    else if (sslmode !== 'verify-full') throw new ParamError(`sslrootcert=system needs sslmode=verify-full (${sslmodeFrom} is weaker).`, 'Write sslmode=verify-full, or leave sslmode out.');
  }
  const timeout = get('connect_timeout');
  const settings: PgSettings = {
    sslmode: sslmode ?? 'prefer',
    sslmodeFrom: sslmodeFrom ?? 'the default sslmode=prefer',
    sslrootcert: get('sslrootcert'),
    sslcert: get('sslcert'),
    sslkey: get('sslkey'),
    sslpassword: get('sslpassword'),
    sslcrl: get('sslcrl'),
    sslnegotiation: get('sslnegotiation') as PgSettings['sslnegotiation'],
    sslMinProtocol: get('ssl_min_protocol_version'),
    sslMaxProtocol: get('ssl_max_protocol_version'),
    applicationName: get('application_name') ?? get('fallback_application_name'),
    // libpq: 0, negative or absent waits indefinitely; 1 counts as 2.
    connectTimeout: timeout !== undefined && Number(timeout) > 0 ? Math.max(2, Number(timeout)) : undefined,
    options: get('options'),
    passfile: get('passfile'),
    keepalives: get('keepalives') !== '0',
    keepalivesIdle: get('keepalives_idle') !== undefined ? Number(get('keepalives_idle')) : undefined,
  };
  if (settings.sslnegotiation === 'direct' && ['disable', 'allow', 'prefer'].includes(settings.sslmode)) {
    throw new ParamError('sslnegotiation=direct needs sslmode=require, verify-ca or verify-full.', 'Add sslmode=require (or verify-full), or leave sslnegotiation out.');
  }

  const password = get('password');
  const shownParams: ConnParams = [...given];
  for (const k of ['host', 'port', 'user', 'dbname']) {
    const v = values.get(k);
    if (v && !given.some(([key]) => key === k)) shownParams.push([k, v.value]);
  }
  return {
    host,
    port,
    user: get('user') ?? osUser(),
    password: password || undefined,
    database: get('dbname'),
    schemas: get('schema')?.split(',').map((s) => s.trim()).filter(Boolean),
    settings,
    shown: shownParams,
  };
}

/** libpq's default user: the operating-system user. */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'postgres';
  }
}
