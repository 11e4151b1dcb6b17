// PostgreSQL connection strings as libpq reads them: URIs
// (postgresql://user:password@host:port/dbname?key=value&…) and keyword lists
// (host=h dbname=d password='a b'). The result is libpq's own parameter names and values.
//
// Passwords are often pasted unencoded. Where libpq ends the user-info at the first '@', this
// parser picks the split that leaves a valid host and a path without '@' (left to right), so a
// password holding '@', ':', '/', '?', '#', spaces or quotes still parses — and is never shown as
// part of the host or the database name. A '#' is data, as in libpq (no fragments).
//
// Errors thrown here never quote the input: it may hold a password.

export class ConnInfoError extends Error {}

export type ConnParams = [key: string, value: string][];

export function isPgUri(s: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(s.trim());
}

/** `key=value …`, as psql takes it (the first word is a keyword followed by '='). */
export function isKeywordList(s: string): boolean {
  return /^\s*[A-Za-z_]+\s*=/.test(s);
}

/** Far beyond any real connection string; bounds the split search (quadratic in the '@'s). */
const MAX_LENGTH = 4096;

export function parseConnInfo(raw: string): ConnParams {
  if (raw.length > MAX_LENGTH) throw new ConnInfoError(`it is longer than ${MAX_LENGTH} characters`);
  return isPgUri(raw) ? parseUri(raw.trim()) : parseKeywords(raw);
}

// ---- URIs ---------------------------------------------------------------------------------------

const HOSTPORT = String.raw`(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~%-]*)(?::\d+)?`;
const HOSTSPEC = new RegExp(`^(?:${HOSTPORT})(?:,${HOSTPORT})*$`);

/** The user-info, host part and the rest (path and query) of a URI without its scheme. */
export interface UriParts { userinfo?: string; hostspec: string; tail: string }

/** Splits `rest` (the URI after `scheme://`); undefined when no reading gives a valid host. */
export function splitUri(rest: string): UriParts | undefined {
  const attempt = (userinfo: string | undefined, after: string): UriParts | undefined => {
    if (userinfo !== undefined && /[/?]/.test(userinfo.split(':')[0])) return undefined;
    const end = after.search(/[/?]/);
    const hostspec = end < 0 ? after : after.slice(0, end);
    const tail = end < 0 ? '' : after.slice(end);
    const q = tail.indexOf('?');
    const path = q < 0 ? tail : tail.slice(0, q);
    if (!HOSTSPEC.test(hostspec) || path.includes('@')) return undefined;
    return { userinfo, hostspec, tail };
  };
  const plain = attempt(undefined, rest);
  const delim = rest.search(/[/?]/);
  const head = delim < 0 ? rest : rest.slice(0, delim);
  if (plain && !head.includes('@')) return plain;
  for (let i = rest.indexOf('@'); i >= 0; i = rest.indexOf('@', i + 1)) {
    const r = attempt(rest.slice(0, i), rest.slice(i + 1));
    if (r) return r;
  }
  return plain;
}

function parseUri(s: string): ConnParams {
  const scheme = /^postgres(?:ql)?:\/\//i.exec(s)!;
  const parts = splitUri(s.slice(scheme[0].length));
  if (!parts) {
    throw new ConnInfoError('its host part is not valid (percent-encode special characters in the user name and password: @ as %40, / as %2F, ? as %3F)');
  }
  const out: ConnParams = [];
  if (parts.userinfo !== undefined) {
    const colon = parts.userinfo.indexOf(':');
    const user = colon < 0 ? parts.userinfo : parts.userinfo.slice(0, colon);
    if (user) out.push(['user', decode(user)]);
    if (colon >= 0) out.push(['password', decode(parts.userinfo.slice(colon + 1))]);
  }
  if (parts.hostspec) {
    const hosts = parts.hostspec.split(',');
    const hostList: string[] = [];
    const portList: string[] = [];
    for (const h of hosts) {
      const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(h)!;
      hostList.push(decode(m[1].replace(/^\[(.*)\]$/, '$1')));
      portList.push(m[2] ?? '');
    }
    if (hostList.some(Boolean)) out.push(['host', hostList.join(',')]);
    if (portList.some(Boolean)) out.push(['port', portList.join(',')]);
  }
  const q = parts.tail.indexOf('?');
  const path = q < 0 ? parts.tail : parts.tail.slice(0, q);
  const dbname = path.replace(/^\//, '');
  if (dbname) out.push(['dbname', decode(dbname)]);
  if (q >= 0) {
    for (const piece of parts.tail.slice(q + 1).split('&')) {
      if (!piece) continue;
      const eq = piece.indexOf('=');
      if (eq < 0) throw new ConnInfoError('a query parameter has no "=" (write key=value, joined by &)');
      let key = decode(piece.slice(0, eq));
      let value = decode(piece.slice(eq + 1));
      // libpq's JDBC compatibility: ssl=true means sslmode=require.
      if (key === 'ssl' && value === 'true') [key, value] = ['sslmode', 'require'];
      out.push([key, value]);
    }
  }
  return out;
}

/** Percent-decoding that leaves a malformed %-sequence as it is (a raw '%' in a password). */
export function decode(s: string): string {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (m) => {
    try {
      return decodeURIComponent(m);
    } catch {
      return m;
    }
  });
}

// ---- key=value lists ----------------------------------------------------------------------------

function parseKeywords(s: string): ConnParams {
  const out: ConnParams = [];
  let i = 0;
  const n = s.length;
  const space = (c: string | undefined) => c !== undefined && /\s/.test(c);
  while (i < n) {
    while (space(s[i])) i++;
    if (i >= n) break;
    const k0 = i;
    while (i < n && s[i] !== '=' && !space(s[i])) i++;
    const key = s.slice(k0, i);
    while (space(s[i])) i++;
    if (s[i] !== '=' || !/^[A-Za-z_]+$/.test(key)) throw new ConnInfoError('a word is not of the form keyword=value');
    i++;
    while (space(s[i])) i++;
    let value = '';
    if (s[i] === "'") {
      i++;
      for (;;) {
        if (i >= n) throw new ConnInfoError('a quoted value has no closing quote');
        if (s[i] === '\\' && i + 1 < n) { value += s[i + 1]; i += 2; continue; }
        if (s[i] === "'") { i++; break; }
        value += s[i++];
      }
    } else {
      while (i < n && !space(s[i])) {
        if (s[i] === '\\' && i + 1 < n) { value += s[i + 1]; i += 2; continue; }
        value += s[i++];
      }
    }
    out.push([key, value]);
  }
  return out;
}

// ---- writing a URI back -------------------------------------------------------------------------

/** Percent-encodes what would change a URI's meaning, and control and invisible characters;
 *  letters and digits of any script stay readable. */
function enc(s: string, keep: string): string {
  let r = '';
  for (const c of s) r += /[\p{L}\p{M}\p{N}._~!$'()*+;-]/u.test(c) || keep.includes(c) ? c : encodeURIComponent(c);
  return r;
}

/**
 * A postgresql:// URI of these parameters. `password` says what becomes of one: 'mask' writes
 * `:***`, 'omit' leaves it out, 'include' writes it (only for a URL that is never shown).
 * sslpassword is never written.
 */
export function formatUri(params: ConnParams, password: 'mask' | 'omit' | 'include'): string {
  const get = (k: string) => { let v: string | undefined; for (const [key, val] of params) if (key === k) v = val; return v; };
  const user = get('user');
  const pw = get('password');
  const secret = pw === undefined || password === 'omit' ? '' : `:${password === 'mask' ? '***' : enc(pw, '')}`;
  const hosts = (get('host') ?? '').split(',');
  const ports = (get('port') ?? '').split(',');
  const hostspec = hosts.map((h, i) => `${h.includes(':') ? `[${h}]` : enc(h, ',')}${ports[i] ? `:${enc(ports[i], '')}` : ''}`).join(',');
  const auth = user !== undefined || secret ? `${enc(user ?? '', ',=&')}${secret}@` : '';
  const dbname = get('dbname');
  const query = params
    .filter(([k]) => !['user', 'password', 'host', 'port', 'dbname', 'sslpassword'].includes(k))
    .map(([k, v]) => `${enc(k, '')}=${enc(v, ',:/=@')}`);
  return `postgresql://${auth}${hostspec}${dbname !== undefined ? `/${enc(dbname, ',:=&')}` : ''}${query.length ? `?${query.join('&')}` : ''}`;
}
