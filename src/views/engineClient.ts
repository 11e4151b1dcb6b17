import { Worker } from 'node:worker_threads';
import type { SeedEvent } from '../seeders/index.ts';
import type { ConfigUsed, FromWorker, Request, Responses, WireError } from './protocol.ts';

// The extension host's side of the engine worker: one long-lived worker thread, requests by id,
// seed events streamed back, cancel by message. Started on first use; `dispose` ends it.

export class EngineError extends Error {
  readonly code: string | undefined;
  readonly fix: string | undefined;
  readonly causeText: string | undefined;
  readonly table: string | undefined;

  constructor(e: WireError) {
    super(e.message);
    this.name = 'EngineError';
    this.code = e.code;
    this.fix = e.fix;
    this.causeText = e.cause;
    this.table = e.table;
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(e: Error): void;
  onEvent?: (e: SeedEvent) => void;
  onConfig?: (c: ConfigUsed) => void;
}

export interface CancelToken {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export class EngineClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly file: string;
  /** How long the last worker took to start and load the engine (ms), for the Output channel. */
  startupMs: number | undefined;
  private ready: Promise<void> | undefined;

  constructor(workerFile: string) {
    this.file = workerFile;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const t0 = performance.now();
    const w = new Worker(this.file);
    // The worker must not keep the extension host alive on shutdown.
    w.unref();
    this.ready = new Promise<void>((resolve) => {
      const onReady = (m: FromWorker) => {
        if ('ready' in m) {
          this.startupMs = Math.round(performance.now() - t0);
          w.off('message', onReady);
          resolve();
        }
      };
      w.on('message', onReady);
    });
    w.on('message', (m: FromWorker) => {
      if ('ready' in m) return;
      if ('configLoading' in m || 'configLoaded' in m) return this.watchConfig(w, m);
      const p = this.pending.get(m.id);
      if (!p) return;
      if ('event' in m) {
        p.onEvent?.(m.event);
        return;
      }
      if ('config' in m) {
        p.onConfig?.(m.config);
        return;
      }
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new EngineError(m.error));
    });
    const fail = (e: Error) => {
      if (this.worker !== w) return; // ended by restart(): its requests are settled already
      for (const p of this.pending.values()) p.reject(new EngineError({ message: `The Seedbed engine stopped: ${e.message}` }));
      this.pending.clear();
      this.worker = undefined;
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
    this.worker = w;
    return w;
  }

  request<K extends Request['op']>(request: Extract<Request, { op: K }>, options: { onEvent?: (e: SeedEvent) => void; onConfig?: (c: ConfigUsed) => void; token?: CancelToken } = {}): Promise<Responses[K]> {
    const w = this.start();
    const id = this.nextId++;
    return new Promise<Responses[K]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onEvent: options.onEvent, onConfig: options.onConfig });
      let grace: ReturnType<typeof setTimeout> | undefined;
      const cancel = () => {
        w.postMessage({ id, cancel: true });
        // A worker that cannot even read the cancel (config code looping at its top level, a
        // statement it cannot leave) is ended, and a new one serves the next request.
        grace ??= setTimeout(() => this.restart(w), this.cancelGraceMs);
      };
      const sub = options.token?.onCancellationRequested(cancel);
      const done = () => { sub?.dispose(); clearTimeout(grace); };
      const p = this.pending.get(id)!;
      p.resolve = (v) => { done(); resolve(v as Responses[K]); };
      p.reject = (e) => { done(); reject(e); };
      w.postMessage({ id, request });
      if (options.token?.isCancellationRequested) cancel();
    });
  }

  /** How long a cancelled request may take to end before its worker is ended. */
  cancelGraceMs = 5000;

  /** Config loads under way (by the worker's count): a timer each, past the config's time limit
   *  and this grace. Within the limit the loader itself stops an await that never settles;
   *  only code that never returns (a loop at its top level) outlasts it, blocking the worker. */
  private readonly configLoads = new Map<number, ReturnType<typeof setTimeout>>();
  configGraceMs = 2000;

  private watchConfig(w: Worker, m: Extract<FromWorker, { configLoading: number } | { configLoaded: number }>): void {
    if ('configLoaded' in m) {
      clearTimeout(this.configLoads.get(m.configLoaded));
      this.configLoads.delete(m.configLoaded);
      return;
    }
    const timer = setTimeout(() => this.restart(w, {
      code: 'BAD_INPUT',
      message: `${m.file}: loading the config did not finish: its code was still running after ${m.limitMs / 1000} s, so the Seedbed engine was restarted. Nothing was written.`,
      fix: 'Look at the top level of the file (and what it imports) for a loop that never ends, fix it and refresh; if it is only slow, allow it more time with SEEDBED_CONFIG_TIMEOUT=SECONDS in VS Code\'s environment.',
    }), m.limitMs + this.configGraceMs);
    timer.unref?.();
    this.configLoads.set(m.configLoading, timer);
  }

  /** Ends a worker that did not answer a cancel (or is stuck in config code): what it was running
   *  fails (a transaction it held is never committed, so the database rolls it back). */
  private restart(w: Worker, error?: WireError): void {
    if (this.worker !== w) return;
    this.worker = undefined;
    for (const t of this.configLoads.values()) clearTimeout(t);
    this.configLoads.clear();
    for (const p of this.pending.values()) {
      p.reject(new EngineError(error ?? { code: 'CANCELLED', message: `Cancelled; the Seedbed engine did not stop within ${this.cancelGraceMs / 1000} s, so it was restarted. Nothing was written.` }));
    }
    this.pending.clear();
    void w.terminate();
  }

  async whenReady(): Promise<number | undefined> {
    this.start();
    await this.ready;
    return this.startupMs;
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  async dispose(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    for (const t of this.configLoads.values()) clearTimeout(t);
    this.configLoads.clear();
    if (w) await w.terminate();
  }
}
