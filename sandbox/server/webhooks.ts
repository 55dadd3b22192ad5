// Webhook dispatcher: collects portal changes (API writes and the simulator alike), flushes them
// in batches of ≤ 100 as a JSON array to the target URL, signed v1 and v3 with the client secret.
// Retries like HubSpot (HUBSPOT.md §5/§8): connect failure, timeout, 5xx and 429 (Retry-After
// wins) with exponential backoff, up to 10 attempts; other 4xx are dropped.

import type { ChangeEvent, Portal } from '../portal.js';
import { signV1, signV3 } from './signature.js';
import { toWebhookEvent, type WebhookEvent, type WebhookStyle } from './webhook-events.js';

export interface WebhookOptions {
  readonly targetUrl: string;
  readonly clientSecret: string;
  readonly appId: number;
  readonly style?: WebhookStyle;
  readonly flushMs?: number;
  readonly maxBatch?: number;
  readonly maxAttempts?: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  readonly backoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly timeoutMs?: number;
  /** Only these property names fire propertyChange events (all when absent). */
  readonly propertyNames?: readonly string[];
  readonly log?: (line: string) => void;
}

export interface WebhookStats {
  queued: number;
  delivered: number;
  batches: number;
  retries: number;
  dropped: number;
}

export interface WebhookDispatcher {
  readonly stats: WebhookStats;
  /** Sends everything queued now and waits for in-flight deliveries (incl. their retries). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

type Outcome = { ok: true } | { ok: false; retry: boolean; waitMs?: number; reason: string };

export function startWebhooks(portal: Portal, opts: WebhookOptions): WebhookDispatcher {
  const maxBatch = opts.maxBatch ?? 100;
  const maxAttempts = opts.maxAttempts ?? 10;
  const backoff = opts.backoffMs ?? 1000;
  const maxBackoff = opts.maxBackoffMs ?? 60_000;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const style = opts.style ?? 'object';
  const stats: WebhookStats = { queued: 0, delivered: 0, batches: 0, retries: 0, dropped: 0 };
  const queue: WebhookEvent[] = [];
  const inFlight = new Set<Promise<void>>();
  let nextEventId = 1;
  let closed = false;

  const listener = (e: ChangeEvent): void => {
    if (closed) return;
    if (
      e.kind === 'propertyChange' &&
      opts.propertyNames &&
      !opts.propertyNames.includes(e.property)
    )
      return;
    const ev = toWebhookEvent(e, style, {
      eventId: nextEventId,
      portalId: portal.portalId,
      appId: opts.appId,
    });
    if (!ev) return;
    nextEventId++;
    queue.push(ev);
    stats.queued++;
  };
  portal.listeners.push(listener);

  async function post(events: WebhookEvent[]): Promise<Outcome> {
    const body = JSON.stringify(events);
    const timestamp = Date.now();
    try {
      const res = await fetch(opts.targetUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/) (sandbox)',
          'X-HubSpot-Signature': signV1(opts.clientSecret, body),
          'X-HubSpot-Signature-Version': 'v1',
          'X-HubSpot-Signature-v3': signV3(
            opts.clientSecret,
            'POST',
            opts.targetUrl,
            body,
            timestamp,
          ),
          'X-HubSpot-Request-Timestamp': String(timestamp),
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true };
      if (res.status === 429) {
        const after = Number(res.headers.get('retry-after'));
        return Number.isFinite(after) && after >= 0 && res.headers.has('retry-after')
          ? { ok: false, retry: true, waitMs: after * 1000, reason: '429' }
          : { ok: false, retry: true, reason: '429' };
      }
      return { ok: false, retry: res.status >= 500, reason: String(res.status) };
    } catch (e) {
      return { ok: false, retry: true, reason: e instanceof Error ? e.message : String(e) };
    }
  }

  async function deliver(events: WebhookEvent[]): Promise<void> {
    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      const batch = events.map((e) => ({ ...e, attemptNumber: attempt }));
      const outcome = await post(batch);
      if (outcome.ok) {
        stats.delivered += events.length;
        stats.batches++;
        return;
      }
      // After close(), no more waiting: one last try, then the batch is dropped.
      if (!outcome.retry || attempt === maxAttempts - 1 || closed) {
        stats.dropped += events.length;
        opts.log?.(
          `webhook batch of ${events.length} dropped after ${attempt + 1} attempt(s): ${outcome.reason}`,
        );
        return;
      }
      stats.retries++;
      const wait = outcome.waitMs ?? Math.min(maxBackoff, backoff * 2 ** attempt);
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  const drain = (): void => {
    while (queue.length > 0) {
      const p = deliver(queue.splice(0, maxBatch)).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  };
  const timer = setInterval(drain, opts.flushMs ?? 250);
  timer.unref();

  const flush = async (): Promise<void> => {
    drain();
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  };
  return {
    stats,
    flush,
    close: async () => {
      closed = true;
      clearInterval(timer);
      const i = portal.listeners.indexOf(listener);
      if (i >= 0) portal.listeners.splice(i, 1);
      await flush();
    },
  };
}
