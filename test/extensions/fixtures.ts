// Card endpoint answers built like the backend builds them: credits sum exactly to the amount.
import type {
  DealAttributionBody,
  NotSyncedBody,
  Role,
  TouchpointCredit,
} from '../../extensions/domain/index.js';

export function touch(
  i: number,
  cents: number,
  total: number,
  extra: Partial<TouchpointCredit> = {},
) {
  const t: TouchpointCredit = {
    id: `t${String(i)}`,
    occurredAt: new Date(Date.UTC(2025, 0, 10 + i * 9, 15)).toISOString(),
    contactId: `c${String(i % 2)}`,
    contactName: i % 2 === 0 ? 'Ana Souza' : 'Bo Li',
    contactRole: i % 2 === 0 ? 'DECISION_MAKER' : null,
    contactIds: [`c${String(i % 2)}`],
    kind: i % 3 === 0 ? 'form_submission' : 'meeting',
    channel: i % 3 === 0 ? 'organic_search' : 'sales',
    channelLabel: i % 3 === 0 ? 'Organic search' : 'Sales',
    team: i % 3 === 0 ? 'marketing' : 'sales',
    title: i % 3 === 0 ? `Form ${String(i)}` : `Meeting ${String(i)}`,
    milestones: [],
    reactivation: false,
    credit: { fraction: total === 0 ? 0 : cents / total, cents },
    reason: `touch ${String(i)} reason`,
    ...extra,
  };
  return t;
}

/** n touches sharing `amount` cents by the largest remainder, first and last as milestones. */
export function attribution(
  n: number,
  amount = 1_000_000,
  over: Partial<DealAttributionBody> = {},
) {
  const base = n === 0 ? 0 : Math.floor(amount / n);
  const touches = Array.from({ length: n }, (_, i) => {
    const cents = base + (i < amount - base * n ? 1 : 0);
    const milestones: Role[] = [];
    if (i === 0) milestones.push('FIRST', 'LC');
    if (i === n - 1) milestones.push('LAST', 'CW');
    return touch(i, cents, amount, { milestones });
  });
  const byChannelMap = new Map<string, { label: string; cents: number }>();
  for (const t of touches) {
    const c = byChannelMap.get(t.channel) ?? { label: t.channelLabel, cents: 0 };
    c.cents += t.credit.cents;
    byChannelMap.set(t.channel, c);
  }
  const byChannel = [...byChannelMap].map(([channel, c]) => ({
    channel,
    label: c.label,
    cents: c.cents,
    fraction: amount === 0 ? 0 : c.cents / amount,
  }));
  const body: DealAttributionBody = {
    status: 'ok',
    dealId: '987',
    portalId: 123,
    amount: { cents: amount, currency: 'USD' },
    model: 'w_shaped',
    modelLabel: 'W-shaped',
    computedAt: '2025-04-01T10:00:00.000Z',
    settingsVersion: 3,
    deal: {
      name: 'Acme renewal',
      stage: 'won',
      stageLabel: null,
      pipelineLabel: 'Sales pipeline',
      createdAt: '2025-01-05T00:00:00.000Z',
      closedAt: '2025-04-01T00:00:00.000Z',
      amountMissing: false,
    },
    milestones:
      n === 0 ? {} : { FIRST: 't0', LC: 't0', LAST: `t${String(n - 1)}`, CW: `t${String(n - 1)}` },
    touchpoints: touches,
    byChannel,
    byContact: [
      {
        contactId: 'c0',
        contactName: 'Ana Souza',
        role: 'DECISION_MAKER',
        cents: sumFor(touches, 'c0'),
        fraction: sumFor(touches, 'c0') / Math.max(1, amount),
        touchpoints: touches.filter((t) => t.contactId === 'c0').length,
      },
      {
        contactId: 'c1',
        contactName: 'Bo Li',
        role: null,
        cents: sumFor(touches, 'c1'),
        fraction: sumFor(touches, 'c1') / Math.max(1, amount),
        touchpoints: touches.filter((t) => t.contactId === 'c1').length,
      },
    ].filter((c) => c.touchpoints > 0),
    unattributedCents: n === 0 ? amount : 0,
    unattributed: null,
    fallback: null,
    stats: {
      touchpoints: n,
      stakeholders: Math.min(n, 2),
      daysToClose: 86,
      marketingShare: 0.25,
      salesShare: 0.75,
      reactivations: 0,
    },
    comparison: [
      {
        model: 'linear',
        label: 'Linear',
        byChannel: byChannel.map((c) => ({ ...c, fraction: 0.5 })),
        unattributedCents: 0,
        unavailable: null,
      },
      {
        model: 'markov',
        label: 'Markov chain',
        byChannel: [],
        unattributedCents: 0,
        unavailable: 'No won deals to learn from yet.',
      },
    ],
    ...over,
  };
  return body;
}

function sumFor(touches: readonly TouchpointCredit[], contactId: string): number {
  return touches.filter((t) => t.contactId === contactId).reduce((s, t) => s + t.credit.cents, 0);
}

export const notSynced: NotSyncedBody = {
  status: 'not_synced',
  portalId: 123,
  message: 'The first sync of this portal is still running.',
  sync: {
    complete: false,
    streamsDone: 2,
    streamsTotal: 5,
    streams: [
      {
        stream: 'contacts',
        records: 1200,
        apiCalls: 12,
        phase: 'incremental',
        lastRunAt: null,
        lastFullSyncAt: null,
        lastError: null,
      },
      {
        stream: 'deals',
        records: 40,
        apiCalls: 1,
        phase: 'full',
        lastRunAt: null,
        lastFullSyncAt: null,
        lastError: {
          kind: 'rate_limited',
          message: 'HubSpot asked us to slow down',
          at: '2025-04-01T10:00:00.000Z',
        },
      },
    ],
  },
};

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

interface TextTree {
  readonly nodeType: string;
  readonly text?: string | null;
  readonly childNodes?: readonly TextTree[];
}

/** Every text under a rendered node, joined by spaces (the renderer's `.text` is direct text only). */
export function allText(node: TextTree): string {
  if (node.nodeType === 'text') return node.text ?? '';
  return (node.childNodes ?? []).map(allText).join(' ');
}

/** A fetch stand-in answering `body` afresh on every call (a Response body reads only once). */
export function respond(body: unknown, status = 200): () => Promise<Response> {
  return () => Promise.resolve(json(body, status));
}
