// The channel rules editor's preview: the portal's most recent touches classified under the saved
// rules and under the rules being edited, grouped by their HubSpot source details, so an admin sees
// what a change would move before saving it.
//
// A channel here is what recompute would give the touch (portal-data.ts, indexTouches): an admin
// rule that matches decides; otherwise the touch keeps the channel the sync stored. So a changed
// fallback shows no change on stored touches: it applies to touches derived from then on.

import type {
  ChannelDecision,
  ChannelPreviewBody,
  ChannelPreviewRow,
  ChannelRules,
} from '../domain/index.js';
import { portalClassifier, type CompiledRules } from '../channels/index.js';
import type { Store, StoredTouchpoint } from '../store/index.js';
import type { SettingsService } from './settings.js';

/** Touches classified per preview: enough to show the portal's mix, fast enough to run per edit. */
export const PREVIEW_SAMPLE = 200;

export interface ChannelPreviewService {
  preview(portalId: number, proposed: ChannelRules): Promise<ChannelPreviewBody>;
}

export interface ChannelPreviewDeps {
  readonly store: Pick<Store, 'recentTouchpoints'>;
  readonly settings: Pick<SettingsService, 'get'>;
  /** Touches per preview, 1–5000 (default PREVIEW_SAMPLE). */
  readonly sampleSize?: number;
}

interface Decided {
  readonly channel: string;
  readonly by: ChannelDecision;
}

/** The channel recompute would give `t` under `rules`, and what decided it. */
function decide(rules: CompiledRules, t: StoredTouchpoint): Decided {
  const c = rules.classify(t);
  if (c.by.from === 'admin') return c;
  return c.channel === t.channel ? c : { channel: t.channel, by: { from: 'synced' } };
}

const decisionKey = (d: ChannelDecision): string =>
  'index' in d ? `${d.from}:${String(d.index)}` : d.from;

export function createChannelPreviewService(deps: ChannelPreviewDeps): ChannelPreviewService {
  const limit = deps.sampleSize ?? PREVIEW_SAMPLE;
  return {
    async preview(portalId, proposed) {
      const { settings } = await deps.settings.get(portalId);
      const touches = await deps.store.recentTouchpoints(portalId, {
        limit,
        kinds: settings.touchKinds,
      });
      return summarise(
        portalId,
        limit,
        touches,
        portalClassifier(settings.channelRules),
        portalClassifier(proposed),
      );
    },
  };
}

interface Group {
  row: Omit<ChannelPreviewRow, 'touches' | 'lastAt'>;
  touches: number;
  lastAt: number;
}

function summarise(
  portalId: number,
  limit: number,
  touches: readonly StoredTouchpoint[],
  current: CompiledRules,
  proposed: CompiledRules,
): ChannelPreviewBody {
  const groups = new Map<string, Group>();
  let changedTouches = 0;
  for (const t of touches) {
    const now = decide(current, t);
    const next = decide(proposed, t);
    const changed = now.channel !== next.channel;
    if (changed) changedTouches++;
    const details = {
      kind: t.kind,
      source: t.source?.source ?? null,
      medium: t.source?.medium ?? null,
      detail1: t.source?.detail1 ?? null,
      detail2: t.source?.detail2 ?? null,
      campaign: t.campaign ?? null,
    };
    // Rules may also test the URL, which is not shown: touches of one source can then split
    // into rows that differ in their channels, never one row hiding two outcomes.
    const key = JSON.stringify([
      ...Object.values(details),
      now.channel,
      decisionKey(now.by),
      next.channel,
      decisionKey(next.by),
    ]);
    const g = groups.get(key);
    if (g !== undefined) {
      g.touches++;
      g.lastAt = Math.max(g.lastAt, t.occurredAt);
      continue;
    }
    groups.set(key, {
      row: {
        ...details,
        currentChannel: now.channel,
        currentBy: now.by,
        proposedChannel: next.channel,
        proposedBy: next.by,
        changed,
      },
      touches: 1,
      lastAt: t.occurredAt,
    });
  }
  const rows = [...groups.values()]
    .sort(
      (a, b) =>
        Number(b.row.changed) - Number(a.row.changed) ||
        b.touches - a.touches ||
        b.lastAt - a.lastAt,
    )
    .map((g): ChannelPreviewRow => ({
      ...g.row,
      touches: g.touches,
      lastAt: new Date(g.lastAt).toISOString(),
    }));
  // The store returns the newest first.
  const iso = (t: StoredTouchpoint | undefined) =>
    t === undefined ? null : new Date(t.occurredAt).toISOString();
  return {
    status: 'ok',
    portalId,
    sampled: touches.length,
    limit,
    oldestAt: iso(touches[touches.length - 1]),
    newestAt: iso(touches[0]),
    changedTouches,
    changedRows: rows.filter((r) => r.changed).length,
    rows,
  };
}
