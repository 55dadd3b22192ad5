// Graceful shutdown on SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish,
// then run the registered hooks in order (the jobs layer registers "finish the current page and
// save its checkpoint", the store "close"), all within one deadline. A second signal, or the
// deadline passing, cuts the wait short: a sync interrupted mid-page resumes from its last
// checkpoint, so cutting is safe, only slower to recover.

import type { Server } from 'node:http';
import type { Logger } from './logger.js';

/** A hook gets a signal that aborts when the deadline passes: stop waiting, return. */
export type ShutdownHook = (signal: AbortSignal) => Promise<void>;

export interface ShutdownOptions {
  readonly log: Logger;
  /** Everything (drain + hooks) must finish within this; default 25 s (k8s gives 30). */
  readonly timeoutMs?: number;
  /** In-flight requests get this long before their connections are cut (default: half of
   *  timeoutMs), so slow requests never eat the hooks' time. */
  readonly drainTimeoutMs?: number;
  /** Called with the exit code at the end; default process.exit. */
  readonly exit?: (code: number) => void;
}

export interface Shutdown {
  /** Servers to drain (stop listening, wait for in-flight requests). */
  addServer(server: Server): void;
  /** Hooks run in registration order after the servers have drained. */
  onShutdown(name: string, hook: ShutdownHook): void;
  /** True from the first signal on (readiness answers 503). */
  readonly shuttingDown: boolean;
  /** Runs the sequence once; later calls return the same promise. Resolves with the exit code. */
  run(reason: string): Promise<number>;
  /** Registers SIGTERM and SIGINT; returns a function that removes them. */
  install(): () => void;
}

function drain(server: Server, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    const force = () => {
      server.closeAllConnections();
    };
    // close() waits for every socket, and node keeps a keep-alive socket open after its last
    // response: close sockets as they turn idle, so the drain ends when the last response does.
    const sweep = setInterval(() => {
      server.closeIdleConnections();
    }, 25);
    sweep.unref();
    signal.addEventListener('abort', force, { once: true });
    server.close(() => {
      clearInterval(sweep);
      signal.removeEventListener('abort', force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export function createShutdown(options: ShutdownOptions): Shutdown {
  const { log } = options;
  const timeoutMs = options.timeoutMs ?? 25_000;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const servers: Server[] = [];
  const hooks: { name: string; hook: ShutdownHook }[] = [];
  let running: Promise<number> | undefined;
  const deadline = new AbortController();
  const expired = () => deadline.signal.aborted;

  async function sequence(reason: string): Promise<number> {
    log.info({ reason, timeoutMs }, 'shutting down');
    const timer = setTimeout(() => {
      log.warn({ timeoutMs }, 'shutdown deadline passed; cutting short');
      deadline.abort();
    }, timeoutMs);
    timer.unref();
    const cutShort = new Promise<void>((resolve) => {
      deadline.signal.addEventListener('abort', () => {
        resolve();
      });
    });
    let code = 0;
    const drainSignal = AbortSignal.any([
      deadline.signal,
      AbortSignal.timeout(options.drainTimeoutMs ?? timeoutMs / 2),
    ]);
    await Promise.all(servers.map((s) => drain(s, drainSignal)));
    for (const { name, hook } of hooks) {
      if (expired()) {
        log.warn({ hook: name }, 'shutdown hook skipped: deadline passed');
        code = 1;
        continue;
      }
      try {
        await Promise.race([hook(deadline.signal), cutShort]);
        if (expired()) code = 1;
      } catch (e) {
        log.error({ err: e, hook: name }, 'shutdown hook failed');
        code = 1;
      }
    }
    clearTimeout(timer);
    log.info({ code }, 'shutdown complete');
    return code;
  }

  const shutdown: Shutdown = {
    addServer: (server) => {
      servers.push(server);
    },
    onShutdown: (name, hook) => {
      hooks.push({ name, hook });
    },
    get shuttingDown() {
      return running !== undefined;
    },
    run: (reason) => (running ??= sequence(reason)),
    install: () => {
      const onSignal = (signal: NodeJS.Signals) => {
        if (running !== undefined) {
          log.warn({ signal }, 'second signal: stopping now');
          deadline.abort();
          return;
        }
        void shutdown.run(signal).then(exit);
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      return () => {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      };
    },
  };
  return shutdown;
}
