import { basename } from 'node:path';
import type { DatabaseTarget } from './drivers/url.ts';
import { SeedbedError } from './errors.ts';

// Guard rails before any write: Seedbed fills dev and test databases. A server that is not on
// this machine, or a database whose name looks like production, needs an explicit opt-in.

const PRODUCTION = /(^|[_\-.])(prod|production|live|prd)([_\-.]|$)/i;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;

export interface GuardOptions {
  /** --allow-remote / the setting: write even to a remote or production-looking database. */
  allowRemote?: boolean;
}

export function assertWritable(target: DatabaseTarget, options: GuardOptions = {}): void {
  if (options.allowRemote) return;
  if (target.dialect === 'postgresql') {
    const host = target.host ?? 'localhost';
    // A Unix socket directory is local too.
    if (!LOOPBACK.test(host) && !host.startsWith('/')) {
      throw new SeedbedError('BAD_INPUT', `Refusing to write to ${target.display}: ${host} is not this machine.`, {
        fix: 'Seedbed writes to local dev/test databases by default. If you really mean this server, pass --allow-remote.',
      });
    }
  }
  const name = target.dialect === 'sqlite' ? basename(target.file ?? '').replace(/\.(db|sqlite3?|db3)$/i, '') : target.database ?? '';
  if (PRODUCTION.test(name)) {
    throw new SeedbedError('BAD_INPUT', `Refusing to write to ${target.display}: the name "${name}" looks like a production database.`, {
      fix: 'Point Seedbed at a dev or test copy. If this really is a scratch database, pass --allow-remote.',
    });
  }
}
