import { connect } from 'node:net';
import type { Pool, PoolClient } from 'pg';

// Stopping a statement the server is running. A run waits on the server for as long as the
// statement takes, and a hostile or broken trigger (pg_sleep(3600), an endless loop) never
// ends it: a cancel flag checked between batches is never looked at, and killing the client
// leaves the server's session running the statement (its locks held) until it ends. So a cancel
// sends PostgreSQL's own cancel request for every session the driver has in use, as psql does
// on Ctrl-C; the statement fails ("canceling statement due to user request") and its transaction
// rolls back. A server that does not answer (a dead network, a proxy that swallows it) gets its
// sockets closed after a grace period: the run ends all the same, and COMMIT was never sent.

/** How long the sessions get to end their statements after the cancel request. */
const CANCEL_GRACE_MS = 3000;
/** The cancel request is a separate connection: bounded like any other. */
const CANCEL_CONNECT_MS = 2000;
/** PostgreSQL's CancelRequest code (protocol 3.0, section "Canceling Requests in Progress"). */
const CANCEL_REQUEST_CODE = 80877102;

interface KeyedClient { processID?: number | null; secretKey?: number | null; connection?: { stream?: { destroy(): void } } }

/** The sessions a driver has taken from its pool (pg's acquire/release), to cancel them. */
export class PgSessions {
  private readonly busy = new Set<PoolClient>();
  private cancelling: Promise<void> | undefined;
  private readonly host: string;
  private readonly port: number;

  constructor(pool: Pool, host: string, port: number) {
    this.host = host;
    this.port = port;
    pool.on('acquire', (c) => this.busy.add(c));
    pool.on('release', (_err, c) => this.busy.delete(c));
  }

  /** Backend pids of the sessions in use now. */
  pids(): number[] {
    return [...this.busy].map((c) => (c as KeyedClient).processID ?? 0).filter((p) => p > 0);
  }

  /** Cancels what every session in use is running; resolves once the requests are sent (a
   *  second call meanwhile waits for the same). Their sockets are closed if they are still in
   *  use after the grace period. */
  cancel(): Promise<void> {
    this.cancelling ??= this.sendAll().finally(() => { this.cancelling = undefined; });
    return this.cancelling;
  }

  private async sendAll(): Promise<void> {
    const sessions = [...this.busy];
    await Promise.all(sessions.map((c) => {
      const k = c as KeyedClient;
      return k.processID && k.secretKey !== undefined && k.secretKey !== null ? sendCancel(this.host, this.port, k.processID, k.secretKey) : false;
    }));
    if (!sessions.length) return;
    // Not awaited and unref'd: a run that ends in time is not held back, nor the process kept alive.
    setTimeout(() => {
      for (const c of sessions) if (this.busy.has(c)) (c as KeyedClient).connection?.stream?.destroy();
    }, CANCEL_GRACE_MS).unref();
  }
}

/** Sends a CancelRequest for backend `pid` (no authentication: the secret key is the proof).
 *  Resolves true when sent, false when the server could not be reached; never rejects. */
export function sendCancel(host: string, port: number, pid: number, secret: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = host.startsWith('/') ? connect(`${host}/.s.PGSQL.${port}`) : connect(port, host);
    let sent = false;
    // The server closes the connection once it has read the request; one that does not (a
    // stalled network) must not keep the socket, and the process, alive.
    const timer = setTimeout(() => socket.destroy(), CANCEL_CONNECT_MS);
    timer.unref();
    socket.on('error', () => socket.destroy());
    socket.on('close', () => { clearTimeout(timer); resolve(sent); });
    socket.on('connect', () => {
      const msg = Buffer.alloc(16);
      msg.writeInt32BE(16, 0);
      msg.writeInt32BE(CANCEL_REQUEST_CODE, 4);
      msg.writeInt32BE(pid, 8);
      msg.writeInt32BE(secret, 12);
      socket.end(msg, () => { sent = true; resolve(true); });
    });
  });
}
