// Showing a sync as it runs. On a terminal: one live bar per stream (records, estimated total,
// API calls, rate-budget use, ETA). Elsewhere (CI, logs, pipes): one structured line per stream
// when its phase changes and at most every few seconds while it pages.

import cliProgress from 'cli-progress';
import type { StreamProgress } from './context.js';

export interface ProgressView {
  update(p: StreamProgress): void;
  stop(): void;
}

const fmtEta = (ms: number | undefined): string => {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

interface Tracked {
  readonly started: number;
  last: StreamProgress;
}

function eta(t: Tracked, now: number): number | undefined {
  const { fetched, estimate } = t.last;
  if (estimate === undefined || fetched === 0 || fetched >= estimate) return undefined;
  return ((now - t.started) / fetched) * (estimate - fetched);
}

/** Live bars on a terminal (written to `stream`, normally stderr). */
export function terminalProgress(
  stream: NodeJS.WriteStream,
  budgetUse: () => number,
  now: () => number = Date.now,
): ProgressView {
  const multibar = new cliProgress.MultiBar(
    {
      stream,
      clearOnComplete: false,
      hideCursor: true,
      fps: 5,
      format:
        '{name} {bar} {value}/{total} records | {calls} calls | budget {budget}% | {phase} | ETA {eta}',
      barsize: 24,
      autopadding: true,
    },
    cliProgress.Presets.shades_grey,
  );
  const bars = new Map<string, { bar: cliProgress.SingleBar; t: Tracked }>();
  return {
    update(p) {
      let entry = bars.get(p.stream);
      if (!entry) {
        const bar = multibar.create(Math.max(1, p.estimate ?? 1), 0, {
          name: p.stream.padEnd(30),
        });
        entry = { bar, t: { started: now(), last: p } };
        bars.set(p.stream, entry);
      }
      entry.t.last = p;
      const total = Math.max(p.fetched, p.estimate ?? p.fetched, 1);
      entry.bar.setTotal(total);
      entry.bar.update(p.phase === 'done' ? total : p.fetched, {
        calls: p.apiCalls,
        budget: Math.round(budgetUse() * 100),
        phase: p.error === undefined ? p.phase : `failed: ${p.error.slice(0, 60)}`,
        eta: p.phase === 'done' ? '0s' : fmtEta(eta(entry.t, now())),
      });
    },
    stop() {
      multibar.stop();
    },
  };
}

/** Structured lines (one JSON object each) for logs; throttled per stream. */
export function lineProgress(
  write: (line: string) => void,
  budgetUse: () => number,
  now: () => number = Date.now,
  everyMs = 5_000,
): ProgressView {
  const seen = new Map<string, { t: Tracked; lastLine: number; phase: string }>();
  return {
    update(p) {
      const at = now();
      let s = seen.get(p.stream);
      const first = s === undefined;
      if (!s) {
        s = { t: { started: at, last: p }, lastLine: 0, phase: '' };
        seen.set(p.stream, s);
      }
      s.t.last = p;
      if (!first && p.phase === s.phase && at - s.lastLine < everyMs) return;
      s.lastLine = at;
      s.phase = p.phase;
      const remaining = eta(s.t, at);
      write(
        JSON.stringify({
          time: new Date(at).toISOString(),
          msg: 'sync progress',
          stream: p.stream,
          phase: p.phase,
          records: p.fetched,
          ...(p.estimate === undefined ? {} : { estimate: p.estimate }),
          apiCalls: p.apiCalls,
          budgetUse: Math.round(budgetUse() * 100) / 100,
          ...(remaining === undefined ? {} : { etaMs: Math.round(remaining) }),
          ...(p.error === undefined ? {} : { error: p.error }),
        }),
      );
    },
    stop() {
      /* nothing buffered */
    },
  };
}
