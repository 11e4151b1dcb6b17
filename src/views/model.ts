import * as vscode from 'vscode';
import { errorText } from '../seeders/errors.ts';
import { configRef, connectionOf, resolveConnection, settings, workspaceBase, type Connection } from './connection.ts';
import { DISCOVERY_EXCLUDE, DISCOVERY_GLOB, discoverDatabases, type Discovery } from './discovery.ts';
import { EngineError, type EngineClient } from './engineClient.ts';
import type { Overview } from './protocol.ts';

// What the views show: the connection and the engine's overview of it (schema, coverage,
// phases). Reloaded on Refresh, after every write, and when the settings change.

export type ModelState =
  /** `candidates`: the workspace's SQLite files when there are several to pick from. */
  | { kind: 'unconfigured'; candidates?: string[] }
  | { kind: 'loading'; connection?: Connection }
  | { kind: 'error'; connection?: Connection; message: string; fix?: string }
  | { kind: 'ready'; connection: Connection; overview: Overview };

export class SeedbedModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ModelState>();
  readonly onDidChange = this.changed.event;
  state: ModelState = { kind: 'loading' };
  private generation = 0;
  private loading: Promise<ModelState> | undefined;
  private discovery: Promise<Discovery> | undefined;

  private readonly engine: EngineClient;
  private readonly secrets: vscode.SecretStorage;

  constructor(engine: EngineClient, secrets: vscode.SecretStorage) {
    this.engine = engine;
    this.secrets = secrets;
  }

  get overview(): Overview | undefined {
    return this.state.kind === 'ready' ? this.state.overview : undefined;
  }

  get connection(): Connection | undefined {
    return this.state.kind === 'unconfigured' ? undefined : this.state.connection;
  }

  /** Cancels the overview request of the refresh in progress: a newer one replaces it. */
  private superseded: vscode.CancellationTokenSource | undefined;

  /** Reloads schema and coverage; resolves with the new state. A refresh in progress is cancelled
   *  (Refresh again is how a load stuck on the database is given up). */
  refresh(): Promise<ModelState> {
    const gen = ++this.generation;
    this.superseded?.cancel();
    const source = new vscode.CancellationTokenSource();
    this.superseded = source;
    const overview = (connection: Connection) => this.engine.request({ op: 'overview', url: connection.url, rows: settings().rows, config: configRef() }, { token: source.token });
    const run = async (): Promise<ModelState> => {
      let connection: Connection | undefined;
      try {
        connection = (await resolveConnection(this.secrets)) ?? (await this.projectConnection());
        if (!connection) {
          const found = await this.discover();
          if (found.kind !== 'one') return this.set(gen, { kind: 'unconfigured', candidates: found.kind === 'several' ? found.files : undefined });
          connection = { ...(await connectionOf(`sqlite:${found.file}`, this.secrets)), discovered: true };
        }
        this.set(gen, { kind: 'loading', connection });
        // The engine restarted for another request's sake (one cancelled that could not stop):
        // this one is asked again, once.
        const o = await overview(connection).catch((e) => {
          if (e instanceof EngineError && e.code === 'CANCELLED' && !source.token.isCancellationRequested) return overview(connection!);
          throw e;
        });
        return this.set(gen, { kind: 'ready', connection, overview: o });
      } catch (e) {
        const fix = e instanceof EngineError ? e.fix : (e as { fix?: string }).fix;
        const message = e instanceof EngineError ? e.message : errorText(e).split('\nFix: ')[0];
        return this.set(gen, { kind: 'error', connection, message, fix });
      }
    };
    this.loading = run().finally(() => {
      if (this.superseded === source) this.superseded = undefined;
      source.dispose();
    });
    return this.loading;
  }

  /** With `seedbed.databaseUrl` empty, the database the project names (as the CLI does without
   *  --db): seedbed.config.ts's `database`, else its MikroORM config's. Trusted workspaces only. */
  private async projectConnection(): Promise<Connection | undefined> {
    const config = configRef();
    if (!config?.trusted) return undefined;
    const found = await this.engine.request({ op: 'projectDatabase', config });
    return found ? connectionOf(found.url, this.secrets, found.from) : undefined;
  }

  /** The workspace's SQLite files (discovery.ts), looked up once until forgetDiscovery(). */
  private discover(): Promise<Discovery> {
    const base = workspaceBase();
    if (!base) return Promise.resolve({ kind: 'none' });
    this.discovery ??= Promise.resolve(vscode.workspace.findFiles(DISCOVERY_GLOB, DISCOVERY_EXCLUDE, 200))
      .then((uris) => discoverDatabases(uris.filter((u) => u.scheme === 'file').map((u) => u.fsPath), base))
      .catch((): Discovery => ({ kind: 'none' }));
    return this.discovery;
  }

  /** An SQLite file was created or deleted: look again on the next refresh. */
  forgetDiscovery(): void {
    this.discovery = undefined;
  }

  /** The current load (or a new one when none ran yet). */
  ready(): Promise<ModelState> {
    return this.loading ?? this.refresh();
  }

  private set(gen: number, state: ModelState): ModelState {
    if (gen !== this.generation) return this.state; // a newer refresh won
    this.state = state;
    this.changed.fire(state);
    return state;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
