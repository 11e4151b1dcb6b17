import type { DatabaseTarget } from '../seeders/drivers/url.ts';
import { SeedbedError } from '../seeders/errors.ts';
import { remoteHost } from '../seeders/guard.ts';

// An untrusted workspace may only read, but reading still connects, and a connection answers the
// server's password request with what this machine holds for that user: PGPASSWORD, a `*` line of
// ~/.pgpass, the client certificate in ~/.postgresql. A folder's .vscode/settings.json naming a
// server of its author's (postgresql://postgres@their.host/x) would have been sent the password
// on opening, before the user trusted anything. So an untrusted workspace's own setting reaches
// this machine's servers only, without server settings of its own; the user's own settings
// (and a trusted workspace) reach any.

/** Why the URL is not opened, or undefined when it may be. `fromWorkspace`: the workspace (or a
 *  folder of it), not the user, set seedbed.databaseUrl. */
export function untrustedHostRefusal(target: DatabaseTarget, trusted: boolean, fromWorkspace: boolean, envOptions = process.env.PGOPTIONS): SeedbedError | undefined {
  if (trusted || !fromWorkspace) return undefined;
  // Server settings at connection start (options=-c …): a superuser's session, as local dev roles
  // often are, takes session_preload_libraries from them, and the server then loads a library
  // the folder ships. The user's own PGOPTIONS is theirs.
  const options = target.settings?.options;
  if (options !== undefined && options !== envOptions) {
    return new SeedbedError('BAD_INPUT',
      `This workspace is not trusted, and its setting seedbed.databaseUrl passes server settings (options=${JSON.stringify(options.length > 80 ? `${options.slice(0, 80)}…` : options)}): Seedbed does not connect with them, as a superuser's session can be made to load a library by them.`, {
        fix: 'Trust the workspace if you know these settings (Workspaces: Manage Workspace Trust), or set seedbed.databaseUrl in your user settings.',
      });
  }
  const host = remoteHost(target);
  if (host === undefined) return undefined;
  return new SeedbedError('BAD_INPUT',
    `This workspace is not trusted, and its setting seedbed.databaseUrl names a server on another machine (${target.display}): Seedbed does not connect there, as the server could ask for your password (PGPASSWORD, ~/.pgpass) and get it.`, {
      fix: 'Trust the workspace if you know that server (Workspaces: Manage Workspace Trust), or set seedbed.databaseUrl in your user settings.',
    });
}
