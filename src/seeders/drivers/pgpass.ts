import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

// The password file, read as libpq reads it: `passfile` (URL), else PGPASSFILE, else ~/.pgpass
// (%APPDATA%\postgresql\pgpass.conf on Windows). Lines are hostname:port:database:username:password;
// `*` matches anything, `\` escapes ':' and '\', lines starting with # are comments, the first
// matching line wins. A file others can read (group or world permissions) is ignored.

export interface PassfileResult {
  file: string;
  password?: string;
  /** Why the file was not used, when it exists but was skipped. */
  ignored?: string;
}

export function passfilePath(given?: string, env: Record<string, string | undefined> = process.env): string {
  if (given) return given;
  if (env.PGPASSFILE) return env.PGPASSFILE;
  if (process.platform === 'win32') return join(env.APPDATA ?? homedir(), 'postgresql', 'pgpass.conf');
  return join(homedir(), '.pgpass');
}

export function passfilePassword(file: string, host: string, port: number, database: string, user: string): PassfileResult {
  let text: string;
  try {
    const st = statSync(file);
    if (!st.isFile()) return { file, ignored: 'it is not a plain file' };
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      return { file, ignored: `it has group or world access (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}); libpq ignores it too: chmod 0600 it` };
    }
    text = readFileSync(file, 'utf8');
  } catch {
    return { file };
  }
  // A Unix-socket connection matches the host name localhost, as in libpq.
  const h = !host || host.startsWith('/') ? 'localhost' : host;
  for (const line of text.split('\n')) {
    const l = line.replace(/\r$/, '');
    if (!l || l.startsWith('#')) continue;
    const fields = splitFields(l);
    if (fields.length < 5) continue;
    const [fh, fp, fd, fu] = fields;
    const match = (f: { text: string; star: boolean }, v: string) => f.star || f.text === v;
    if (match(fh, h) && match(fp, String(port)) && match(fd, database) && match(fu, user)) {
      return { file, password: fields.slice(4).map((f) => f.raw).join(':').replace(/\\(.)/g, '$1') };
    }
  }
  return { file };
}

/** The first four fields unescaped (a field that is exactly `*` is a wildcard); the rest raw. */
function splitFields(line: string): { text: string; star: boolean; raw: string }[] {
  const out: { text: string; star: boolean; raw: string }[] = [];
  let text = '';
  let raw = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (out.length < 4 && c === '\\' && i + 1 < line.length) {
      text += line[i + 1];
      raw += c + line[i + 1];
      i++;
    } else if (out.length < 4 && c === ':') {
      out.push({ text, star: raw === '*', raw });
      text = '';
      raw = '';
    } else {
      text += c;
      raw += c;
    }
  }
  out.push({ text, star: raw === '*', raw });
  return out;
}
