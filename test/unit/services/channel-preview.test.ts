import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type ChannelRules,
  type Settings,
} from '../../../extensions/domain/index.js';
import { DEFAULT_RULES } from '../../../src/channels/index.js';
import {
  createChannelPreviewService,
  PREVIEW_SAMPLE,
} from '../../../src/services/channel-preview.js';
import type { RecentTouchpointsOptions, StoredTouchpoint } from '../../../src/store/index.js';

const PORTAL = 77;
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 2, 1);

let seq = 0;
function touch(
  over: Partial<StoredTouchpoint> & Pick<StoredTouchpoint, 'channel'>,
  daysAgo = 0,
): StoredTouchpoint {
  seq++;
  return {
    id: `t${String(seq)}`,
    occurredAt: T0 - daysAgo * DAY,
    contactIds: ['1'],
    kind: 'visit',
    team: 'marketing',
    originType: 'contacts',
    originId: '1',
    ...over,
  };
}

const visit = (source: string, channel: string, extra: Partial<StoredTouchpoint> = {}, ago = 0) =>
  touch({ channel, source: { source }, ...extra }, ago);

/** Where a built-in rule for `field = value` sits in the defaults. */
function defaultIndex(field: string, value: string): number {
  const i = DEFAULT_RULES.findIndex((r) => r.when[0]?.field === field && r.when[0].value === value);
  if (i < 0) throw new Error(`no default rule ${field}=${value}`);
  return i;
}

const rules = (r: Partial<ChannelRules> = {}): ChannelRules => ({
  rules: [],
  fallback: 'other',
  ...r,
});

/** The service over touches in memory (newest first, as the store returns them). */
function service(touches: StoredTouchpoint[], saved: Partial<Settings> = {}, sampleSize?: number) {
  const reads: { portalId: number; options: RecentTouchpointsOptions }[] = [];
  const settings = { ...DEFAULT_SETTINGS, ...saved };
  const svc = createChannelPreviewService({
    store: {
      recentTouchpoints(portalId, options) {
        reads.push({ portalId, options });
        const kinds = options.kinds === undefined ? undefined : new Set(options.kinds);
        return Promise.resolve(
          [...touches]
            .filter((t) => kinds === undefined || kinds.has(t.kind))
            .sort((a, b) => b.occurredAt - a.occurredAt)
            .slice(0, options.limit),
        );
      },
    },
    settings: { get: () => Promise.resolve({ version: 3, settings, updatedAt: 1 }) },
    ...(sampleSize === undefined ? {} : { sampleSize }),
  });
  return { svc, reads };
}

describe('channel rule preview', () => {
  it('groups touches by source details and counts those a new rule moves', async () => {
    const { svc } = service([
      visit('REFERRALS', 'referral', { source: { source: 'REFERRALS', detail1: 'partner.io' } }, 1),
      visit('REFERRALS', 'referral', { source: { source: 'REFERRALS', detail1: 'partner.io' } }, 2),
      visit('REFERRALS', 'referral', { source: { source: 'REFERRALS', detail1: 'blog.net' } }, 3),
      visit('ORGANIC_SEARCH', 'organic_search', {}, 4),
      visit('ORGANIC_SEARCH', 'organic_search', {}, 5),
      visit('ORGANIC_SEARCH', 'organic_search', {}, 6),
      touch({ kind: 'meeting', team: 'sales', channel: 'sales_meeting' }, 7),
    ]);
    const body = await svc.preview(
      PORTAL,
      rules({
        rules: [
          { channel: 'partners', when: [{ field: 'detail1', op: 'equals', value: 'PARTNER.IO' }] },
        ],
      }),
    );
    expect(body).toMatchObject({
      status: 'ok',
      portalId: PORTAL,
      sampled: 7,
      limit: PREVIEW_SAMPLE,
      changedTouches: 2,
      changedRows: 1,
      newestAt: new Date(T0 - DAY).toISOString(),
      oldestAt: new Date(T0 - 7 * DAY).toISOString(),
    });
    // Changed rows first, then the most touches first.
    expect(body.rows).toEqual([
      {
        kind: 'visit',
        source: 'REFERRALS',
        medium: null,
        detail1: 'partner.io',
        detail2: null,
        campaign: null,
        touches: 2,
        currentChannel: 'referral',
        currentBy: { from: 'default', index: defaultIndex('source', 'REFERRALS') },
        proposedChannel: 'partners',
        proposedBy: { from: 'admin', index: 0 },
        changed: true,
        lastAt: new Date(T0 - DAY).toISOString(),
      },
      expect.objectContaining({ source: 'ORGANIC_SEARCH', touches: 3, changed: false }),
      expect.objectContaining({ source: 'REFERRALS', detail1: 'blog.net', touches: 1 }),
      expect.objectContaining({
        kind: 'meeting',
        proposedChannel: 'sales_meeting',
        proposedBy: { from: 'default', index: defaultIndex('kind', 'meeting') },
      }),
    ]);
  });

  it('classifies under the saved rules as current and shows what removing a rule moves', async () => {
    const saved = rules({
      rules: [
        { channel: 'linkedin', when: [{ field: 'detail1', op: 'contains', value: 'linkedin' }] },
      ],
    });
    const t = visit('PAID_SOCIAL', 'paid_social', {
      source: { source: 'PAID_SOCIAL', detail1: 'www.linkedin.com' },
    });
    const { svc } = service([t], { channelRules: saved });
    const kept = await svc.preview(PORTAL, saved);
    expect(kept.changedTouches).toBe(0);
    expect(kept.rows[0]).toMatchObject({
      currentChannel: 'linkedin',
      currentBy: { from: 'admin', index: 0 },
      proposedChannel: 'linkedin',
      changed: false,
    });
    // Without the rule the touch keeps what the sync stored, as recompute would do.
    const removed = await svc.preview(PORTAL, rules());
    expect(removed.rows[0]).toMatchObject({
      currentChannel: 'linkedin',
      proposedChannel: 'paid_social',
      proposedBy: { from: 'default', index: defaultIndex('source', 'PAID_SOCIAL') },
      changed: true,
    });
  });

  it('names a stored channel no rule gives as "synced", and a fallback change moves nothing', async () => {
    const { svc } = service([
      visit('DIRECT_TRAFFIC', 'legacy_direct'),
      touch({ channel: 'other', source: { source: 'SOMETHING_NEW' } }, 1),
    ]);
    const body = await svc.preview(PORTAL, rules({ fallback: 'unclassified' }));
    expect(body.changedTouches).toBe(0);
    expect(body.rows.map((r) => [r.source, r.currentBy, r.proposedChannel, r.proposedBy])).toEqual([
      ['DIRECT_TRAFFIC', { from: 'synced' }, 'legacy_direct', { from: 'synced' }],
      // Stored as the old fallback: recompute leaves it, so the preview shows no change.
      ['SOMETHING_NEW', { from: 'fallback' }, 'other', { from: 'synced' }],
    ]);
  });

  it('splits one source into rows when a URL rule classifies its touches apart', async () => {
    const { svc } = service([
      visit('REFERRALS', 'referral', {
        source: { source: 'REFERRALS', url: 'https://a.example/x' },
      }),
      visit(
        'REFERRALS',
        'referral',
        { source: { source: 'REFERRALS', url: 'https://b.example/' } },
        1,
      ),
      visit(
        'REFERRALS',
        'referral',
        { source: { source: 'REFERRALS', url: 'https://a.example/y' } },
        2,
      ),
    ]);
    const body = await svc.preview(
      PORTAL,
      rules({
        rules: [
          { channel: 'partner_a', when: [{ field: 'url', op: 'contains', value: 'a.example' }] },
        ],
      }),
    );
    expect(body.rows.map((r) => [r.source, r.proposedChannel, r.touches, r.changed])).toEqual([
      ['REFERRALS', 'partner_a', 2, true],
      ['REFERRALS', 'referral', 1, false],
    ]);
    expect(body.changedTouches).toBe(2);
  });

  it('reads the latest touches of the kinds that count, up to the sample size', async () => {
    const touches = [
      visit('ORGANIC_SEARCH', 'organic_search', {}, 1),
      visit('ORGANIC_SEARCH', 'organic_search', {}, 2),
      visit('ORGANIC_SEARCH', 'organic_search', {}, 3),
      touch({ kind: 'call', team: 'sales', channel: 'sales_call' }, 0),
    ];
    const { svc, reads } = service(touches, { touchKinds: ['visit', 'form_submission'] }, 2);
    const body = await svc.preview(PORTAL, rules());
    expect(reads).toEqual([
      { portalId: PORTAL, options: { limit: 2, kinds: ['visit', 'form_submission'] } },
    ]);
    expect(body).toMatchObject({
      sampled: 2,
      limit: 2,
      newestAt: new Date(T0 - DAY).toISOString(),
    });
    expect(body.rows).toHaveLength(1);
  });

  it('answers an empty preview for a portal without touches', async () => {
    const { svc } = service([]);
    expect(await svc.preview(PORTAL, rules())).toEqual({
      status: 'ok',
      portalId: PORTAL,
      sampled: 0,
      limit: PREVIEW_SAMPLE,
      oldestAt: null,
      newestAt: null,
      changedTouches: 0,
      changedRows: 0,
      rows: [],
    });
  });
});
