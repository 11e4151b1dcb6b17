import { basename } from 'node:path';
import type { DatabaseTarget } from './drivers/url.ts';
import { SeedbedError } from './errors.ts';

// Guard rails before any write (a dry run included): Seedbed fills dev and test databases. A
// server that is not on this machine needs --allow-remote; a database (or server) whose name
// looks like production needs --allow-production. Two flags: vouching for a remote dev server
// says nothing about production.

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;

export interface GuardOptions {
  /** --allow-remote / seedbed.allowRemote: write to a database server on another machine. */
  allowRemote?: boolean;
  /** --allow-production / seedbed.allowProduction: write to a database whose name (or server's
   *  name) looks like production. */
  allowProduction?: boolean;
}

// Production words, alone or glued to a few words that often go with them in database names
// (proddb, myprod, livedata, preprod): matched per word, so product, liver, delivery and olive
// are not production, while prod2, prod_db, PROD-db and myProd are.
const CORE = '(?:prod|production|prd|live)';
const AFFIX = '(?:my|our|pre|db|database|data|sql|pg|app|srv|server|main|primary|master|replica|copy|backup|dump|env)';
const PRODUCTION_WORD = new RegExp(`^${AFFIX}*${CORE}${AFFIX}*$`);
const NEGATION = /^(non|not|no)$/;

/** Word parts of a name: split on anything but letters, on letter/digit boundaries and on
 *  camelCase humps (myProdDB → my, prod, db), lower-cased. */
export function nameWords(name: string): string[] {
  return name
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .split(/[^\p{L}]+/u)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** True when a name has a word part meaning production (`non-prod` and `nonprod` do not). */
export function looksLikeProduction(name: string): boolean {
  const words = nameWords(name);
  return words.some((w, i) => PRODUCTION_WORD.test(w) && !NEGATION.test(words[i - 1] ?? ''));
}

/** A name as quoted in a message: long ones cut (a 100 KB name is not echoed in full). */
const shown = (name: string) => JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);

/** The server's host name when it is not this machine (a Unix socket directory is local too). */
export function remoteHost(target: DatabaseTarget): string | undefined {
  const host = target.dialect === 'postgresql' ? (target.host ?? 'localhost') : undefined;
  return host !== undefined && !LOOPBACK.test(host) && !host.startsWith('/') ? host : undefined;
}

export function assertWritable(target: DatabaseTarget, options: GuardOptions = {}): void {
  const host = remoteHost(target);
  const remote = host !== undefined;
  if (remote && !options.allowRemote) {
    throw new SeedbedError('BAD_INPUT', `Refusing to write to ${target.display}: ${host} is not this machine.`, {
      fix: 'Seedbed writes to local dev/test databases by default. If you really mean this server, pass --allow-remote (VS Code: the seedbed.allowRemote setting).',
    });
  }
  if (options.allowProduction) return;
  const names: [string, string][] = target.dialect === 'sqlite'
    ? [['name', basename(target.file ?? '')]]
    : [['name', target.database ?? ''], ...(remote ? [['server name', host!] as [string, string]] : [])];
  for (const [what, name] of names) {
    if (!looksLikeProduction(name)) continue;
    throw new SeedbedError('BAD_INPUT', `Refusing to write to ${target.display}: the ${what} ${shown(name)} looks like a production database.`, {
      fix: 'Point Seedbed at a dev or test copy. If this really is a scratch database, pass --allow-production (VS Code: the seedbed.allowProduction setting).',
    });
  }
}
