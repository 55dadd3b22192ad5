// Where a recompute's batches run: on its own thread (one at a time), or on a pool of worker
// threads, each with its own store connection to the same database (a SQLite file in WAL mode, or
// PostgreSQL), so a portal's batches use every core. The batches are the same jobs either way
// (batch.ts); the recompute adds their results up in one place.

import { Worker } from 'node:worker_threads';
import type { Settings } from '../../domain/index.js';
import type { BatchEnv, BatchJob, BatchResult } from './batch.js';
import { runBatch } from './batch.js';

export interface BatchExecutor {
  /** Jobs it runs at once. */
  readonly capacity: number;
  run(job: BatchJob): Promise<BatchResult>;
  close(): Promise<void>;
}

export function inlineExecutor(env: BatchEnv): BatchExecutor {
  return { capacity: 1, run: (job) => runBatch(env, job), close: () => Promise.resolve() };
}

/** What a worker needs to build its own BatchEnv. */
export interface WorkerSetup {
  /** The store's DATABASE_URL (undefined: the default SQLite file). */
  readonly databaseUrl: string | undefined;
  readonly portalId: number;
  readonly at: number;
  readonly settings: Settings;
  readonly settingsVersion: number;
}

type Reply =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly result: BatchResult }
  | { readonly type: 'failed'; readonly id: number | null; readonly message: string };

interface Slot {
  readonly worker: Worker;
  busy: boolean;
}

/** `threads` workers, started and ready (each has opened the store and read the pipelines). */
export async function workerExecutor(setup: WorkerSetup, threads: number): Promise<BatchExecutor> {
  const pending = new Map<
    number,
    { resolve: (r: BatchResult) => void; reject: (e: Error) => void }
  >();
  const queue: { id: number; job: BatchJob }[] = [];
  const slots: Slot[] = [];
  let next = 0;
  let failure: Error | undefined;

  const start = (): Promise<Slot> =>
    new Promise((resolve, reject) => {
      // The worker runs the sources through tsx, as the app does (no build step).
      const worker = new Worker(new URL('./worker-entry.mjs', import.meta.url), {
        workerData: setup,
      });
      const slot: Slot = { worker, busy: false };
      worker.on('message', (m: Reply) => {
        if (m.type === 'ready') {
          resolve(slot);
          return;
        }
        if (m.type === 'failed' && m.id === null) {
          reject(new Error(`recompute worker: ${m.message}`));
          return;
        }
        const id = m.id!;
        const p = pending.get(id);
        pending.delete(id);
        slot.busy = false;
        if (m.type === 'done') p?.resolve(m.result);
        else p?.reject(new Error(`recompute worker: ${m.message}`));
        pump();
      });
      worker.on('error', (e) => {
        failure = e;
        reject(e);
        for (const p of pending.values()) p.reject(e);
        pending.clear();
      });
    });

  const pump = (): void => {
    for (const slot of slots) {
      if (slot.busy) continue;
      const item = queue.shift();
      if (item === undefined) return;
      slot.busy = true;
      slot.worker.postMessage({ type: 'job', id: item.id, job: item.job });
    }
  };

  try {
    slots.push(...(await Promise.all(Array.from({ length: threads }, start))));
  } catch (e) {
    await Promise.all(slots.map((s) => s.worker.terminate()));
    throw e;
  }
  return {
    capacity: threads,
    run(job) {
      if (failure !== undefined) return Promise.reject(failure);
      const id = next++;
      return new Promise<BatchResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        queue.push({ id, job });
        pump();
      });
    },
    async close() {
      await Promise.all(
        slots.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.worker.once('exit', () => {
                resolve();
              });
              s.worker.postMessage({ type: 'close' });
            }),
        ),
      );
    },
  };
}
