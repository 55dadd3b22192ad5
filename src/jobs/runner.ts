// The in-process job runner: per-portal queues. A portal's jobs run one at a time, in order, so
// two jobs of one portal never overlap; portals run side by side (up to `parallelPortals`), and one
// portal's failure never stops another's. A job already queued absorbs any job it covers (a
// queued sync covers a recompute, which covers a write-back), so a storm of change hints or
// settings saves queues one piece of work, not thousands.

import type { CycleState } from '../domain/index.js';

/**
 * What a job does, as a chain of steps: each kind includes the ones after it. Every kind but a
 * write-back starts by reading the records waiting webhook hints name (nothing when none wait), so
 * a job that absorbs a queued refresh still does its work.
 */
export const JOB_STEPS = {
  reconcile: ['refresh', 'sync', 'attribute', 'writeback'],
  sync: ['refresh', 'sync', 'attribute', 'writeback'],
  recompute: ['refresh', 'attribute', 'writeback'],
  refresh: ['refresh', 'attribute', 'writeback'],
  writeback: ['writeback'],
} as const;
export type JobKind = keyof typeof JOB_STEPS;
export type Step = (typeof JOB_STEPS)[JobKind][number];

/** How much work a kind implies; a queued job covers any job of the same or a lower rank. */
const RANK: Readonly<Record<JobKind, number>> = {
  reconcile: 4,
  sync: 3,
  recompute: 2,
  refresh: 1,
  writeback: 0,
};

export interface JobContext {
  readonly portalId: number;
  readonly kind: JobKind;
  readonly signal: AbortSignal;
  /** Reports the step now running (for the status page). */
  readonly step: (step: Step) => void;
  /**
   * When the work began, if this job continues one that was stopped (a queued runner's time
   * slice or a released job): the continuation syncs only the streams not finished since then.
   */
  readonly continuesFrom?: number;
}

export type JobHandler = (ctx: JobContext) => Promise<void>;

export interface JobRunnerOptions {
  readonly handler: JobHandler;
  /** Portals processed at the same time (default 2). */
  readonly parallelPortals?: number;
  readonly onError?: (portalId: number, kind: JobKind, error: unknown) => void;
  readonly now?: () => number;
}

interface PortalQueue {
  running: JobKind | null;
  queued: JobKind[];
  last: CycleState | null;
}

export interface JobRunner {
  /**
   * Queues a job unless one already queued covers it; returns whether it was queued (a shared
   * queue answers later: true means accepted for sending, and duplicates are absorbed there).
   */
  enqueue(portalId: number, kind: JobKind): boolean;
  /** The portal's last cycle (a shared queue reads it from the database). */
  lastCycle(portalId: number): CycleState | null | Promise<CycleState | null>;
  /** Resolves when every queue is empty and nothing runs (tests, one-shot runs). */
  idle(): Promise<void>;
  /** Stops taking jobs, asks the running ones to stop after their page and checkpoint, waits. */
  stop(): Promise<void>;
}

/** The in-process runner knows every cycle itself, so it answers at once. */
export interface InProcessRunner extends JobRunner {
  lastCycle(portalId: number): CycleState | null;
}

export function createJobRunner(options: JobRunnerOptions): InProcessRunner {
  const now = options.now ?? Date.now;
  const limit = Math.max(1, options.parallelPortals ?? 2);
  const queues = new Map<number, PortalQueue>();
  const ready: number[] = []; // portals with queued work, waiting for a slot
  const controller = new AbortController();
  let active = 0;
  let stopped = false;
  let waiters: (() => void)[] = [];

  const queueOf = (portalId: number): PortalQueue => {
    let q = queues.get(portalId);
    if (!q) queues.set(portalId, (q = { running: null, queued: [], last: null }));
    return q;
  };

  const settle = () => {
    if (active === 0 && ready.length === 0) {
      const w = waiters;
      waiters = [];
      for (const resolve of w) resolve();
    }
  };

  const pump = () => {
    while (!stopped && active < limit && ready.length > 0) {
      const portalId = ready.shift()!;
      const q = queueOf(portalId);
      const kind = q.queued.shift();
      if (kind === undefined) continue;
      active++;
      q.running = kind;
      void run(portalId, q, kind);
    }
    settle();
  };

  const run = async (portalId: number, q: PortalQueue, kind: JobKind) => {
    const startedAt = new Date(now()).toISOString();
    q.last = { state: 'running', step: null, startedAt, finishedAt: null, error: null };
    try {
      await options.handler({
        portalId,
        kind,
        signal: controller.signal,
        step: (step) => {
          if (q.last) q.last = { ...q.last, step };
        },
      });
      q.last = { ...q.last, state: 'succeeded', finishedAt: new Date(now()).toISOString() };
    } catch (e) {
      q.last = {
        ...q.last,
        state: 'failed',
        finishedAt: new Date(now()).toISOString(),
        error: e instanceof Error ? e.message : String(e),
      };
      options.onError?.(portalId, kind, e);
    } finally {
      q.running = null;
      active--;
      if (q.queued.length > 0) ready.push(portalId);
      pump();
    }
  };

  return {
    enqueue(portalId, kind) {
      if (stopped) return false;
      const q = queueOf(portalId);
      // Queued work that covers this job absorbs it; a bigger job replaces what it covers.
      if (q.queued.some((k) => RANK[k] >= RANK[kind])) return false;
      q.queued = q.queued.filter((k) => RANK[k] > RANK[kind]);
      q.queued.push(kind);
      if (q.running === null && !ready.includes(portalId)) ready.push(portalId);
      pump();
      return true;
    },
    lastCycle: (portalId) => queues.get(portalId)?.last ?? null,
    idle: () =>
      new Promise<void>((resolve) => {
        waiters.push(resolve);
        settle();
      }),
    async stop() {
      stopped = true;
      ready.length = 0;
      controller.abort();
      if (active > 0)
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
        });
    },
  };
}
