import type { DatabaseTarget } from '../seeders/drivers/url.ts';
import { SeedbedError } from '../seeders/errors.ts';
import { remoteHost } from '../seeders/guard.ts';

// An untrusted workspace may only read, but reading still connects, and a connection answers the
// server's password request with what this machine holds for that user: PGPASSWORD, a `*` line of
// ~/.pgpass, the client certificate in ~/.postgresql. A folder's .vscode/settings.json naming a
// server of its author's (postgresql://postgres@their.host/x) would have been sent the password
// on opening, before the user trusted anything. So an untrusted workspace's own setting reaches
// this machine's servers only; the user's own settings (and a trusted workspace) reach any.

/** Why the URL is not opened, or undefined when it may be. `fromWorkspace`: the workspace (or a
 *  folder of it), not the user, set seedbed.databaseUrl. */
export function untrustedHostRefusal(target: DatabaseTarget, trusted: boolean, fromWorkspace: boolean): SeedbedError | undefined {
  if (trusted || !fromWorkspace) return undefined;
  const host = remoteHost(target);
  if (host === undefined) return undefined;
  return new SeedbedError('BAD_INPUT',
    `This workspace is not trusted, and its setting seedbed.databaseUrl names a server on another machine (${target.display}): Seedbed does not connect there, as the server could ask for your password (PGPASSWORD, ~/.pgpass) and get it.`, {
      fix: 'Trust the workspace if you know that server (Workspaces: Manage Workspace Trust), or set seedbed.databaseUrl in your user settings.',
    });
}
