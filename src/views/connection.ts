import * as vscode from 'vscode';
import { parseDatabaseUrl, splitPassword, withPassword } from '../seeders/drivers/url.ts';
import type { ConfigRef } from './protocol.ts';
import { untrustedHostRefusal } from './untrustedHost.ts';

// Where the database is: the `seedbed.databaseUrl` setting, relative SQLite paths resolved
// against the first workspace folder, and a PostgreSQL password kept in SecretStorage (it is
// moved out of settings.json as soon as it appears there).

const SECRET_PREFIX = 'seedbed.password:';

export interface Connection {
  /** What the engine opens (may hold a password: never print it; use `display`). */
  url: string;
  display: string;
  dialect: string;
  /** Short name for the tree (file name or database). */
  label: string;
  /** The project file that named this database (seedbed.config.ts, mikro-orm.config.ts) when
   *  `seedbed.databaseUrl` is empty; undefined: the setting. */
  from?: string;
  /** No setting or project file names a database, and this is the workspace's only SQLite file. */
  discovered?: boolean;
}

export function settings() {
  const c = vscode.workspace.getConfiguration('seedbed');
  const seed = c.get<number | null>('seed', null);
  const rows = c.get<number | null>('rows', null);
  return {
    databaseUrl: (c.get<string>('databaseUrl') ?? '').trim(),
    configPath: (c.get<string>('configPath') ?? '').trim(),
    scenario: (c.get<string>('scenario') ?? '').trim(),
    seed: typeof seed === 'number' && Number.isSafeInteger(seed) && seed >= 0 ? seed : undefined,
    rows: typeof rows === 'number' && Number.isSafeInteger(rows) && rows >= 0 ? rows : undefined,
    confirmDestructive: c.get<boolean>('confirmDestructive', true),
    allowRemote: c.get<boolean>('allowRemote', false),
    allowProduction: c.get<boolean>('allowProduction', false),
  };
}

/** The guard-rail opt-ins (settings seedbed.allowRemote / seedbed.allowProduction) for a write request. */
export function guardSettings(): { allowRemote?: boolean; allowProduction?: boolean } {
  const s = settings();
  return { allowRemote: s.allowRemote || undefined, allowProduction: s.allowProduction || undefined };
}

export function workspaceBase(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
}

/**
 * Which seedbed.config.ts the engine uses: `seedbed.configPath` (default: the workspace folder's
 * own), with the `seedbed.scenario` setting. In an untrusted workspace `trusted` is false and the
 * engine never runs the file (it is code). Undefined without a workspace folder and config path.
 */
export function configRef(): ConfigRef | undefined {
  const s = settings();
  const base = workspaceBase();
  if (!base && !s.configPath.startsWith('/')) return undefined;
  return { trusted: vscode.workspace.isTrusted, cwd: base ?? '/', file: s.configPath || undefined, scenario: s.scenario || undefined };
}

/** The connection of `seedbed.databaseUrl`; undefined when it is empty. */
export async function resolveConnection(secrets: vscode.SecretStorage): Promise<Connection | undefined> {
  const raw = settings().databaseUrl;
  if (!raw) return undefined;
  const refusal = untrustedHostRefusal(parseDatabaseUrl(raw, workspaceBase() ?? process.cwd()), vscode.workspace.isTrusted, setInWorkspace());
  if (refusal) throw refusal;
  return connectionOf(raw, secrets);
}

/** seedbed.databaseUrl comes from the workspace (or one of its folders), not the user's settings. */
function setInWorkspace(): boolean {
  const i = vscode.workspace.getConfiguration('seedbed').inspect<string>('databaseUrl');
  return !!(i?.workspaceFolderValue?.trim() || i?.workspaceValue?.trim());
}

/** A connection from a URL: SQLite paths relative to the workspace, a PostgreSQL password from
 *  SecretStorage when the URL has none. `from`: where the URL came from, when not the setting. */
export async function connectionOf(raw: string, secrets: vscode.SecretStorage, from?: string): Promise<Connection> {
  const target = parseDatabaseUrl(raw, workspaceBase() ?? process.cwd()); // throws a SeedbedError with the fix
  if (target.dialect === 'sqlite') {
    const file = target.file!;
    return { url: `sqlite:${file}`, display: target.display, dialect: 'sqlite', label: file.split('/').pop() ?? file, from };
  }
  let url = raw;
  if (!target.password) {
    const stored = await secrets.get(SECRET_PREFIX + splitPassword(raw).bare);
    if (stored) url = withPassword(raw, stored);
  }
  return { url, display: target.display, dialect: target.dialect, label: target.database ?? target.display, from };
}

/**
 * Moves a password found in `seedbed.databaseUrl` (at any level: user, workspace, folder) into
 * SecretStorage and writes the setting back without it. Returns true when it moved one.
 */
export async function moveSecretsOutOfSettings(secrets: vscode.SecretStorage): Promise<boolean> {
  const c = vscode.workspace.getConfiguration('seedbed');
  const inspected = c.inspect<string>('databaseUrl');
  if (!inspected) return false;
  const levels: [string | undefined, vscode.ConfigurationTarget][] = [
    [inspected.globalValue, vscode.ConfigurationTarget.Global],
    [inspected.workspaceValue, vscode.ConfigurationTarget.Workspace],
    [inspected.workspaceFolderValue, vscode.ConfigurationTarget.WorkspaceFolder],
  ];
  let moved = false;
  for (const [value, target] of levels) {
    if (!value) continue;
    const { bare, password } = splitPassword(value);
    if (password === undefined) continue;
    await secrets.store(SECRET_PREFIX + bare, password);
    await c.update('databaseUrl', bare, target);
    moved = true;
  }
  return moved;
}

/** Saves a URL the user typed: the password to SecretStorage, the rest to settings. */
export async function saveConnectionUrl(secrets: vscode.SecretStorage, url: string): Promise<void> {
  const { bare, password } = splitPassword(url.trim());
  if (password !== undefined) await secrets.store(SECRET_PREFIX + bare, password);
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('seedbed').update('databaseUrl', bare, target);
}
