import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Alert,
  BarChart,
  Button,
  EmptyState,
  ErrorState,
  LoadingSpinner,
  Select,
  StatisticsItem,
  TableHeader,
  Tag,
  Tile,
  hubspot,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { DealCard } from '../../extensions/app/cards/DealCard.js';
import { FETCH_TIMEOUT_MS } from '../../extensions/app/cards/api/backend.js';
import { PAGE_SIZE } from '../../extensions/app/cards/components/Timeline.js';
import { allText, attribution, json, notSynced, respond } from './fixtures.js';

const URL_BASE = 'https://api.example.com/api/v1/deals/987/attribution?portalId=123';

function renderCard() {
  const r = createRenderer('crm.record.tab');
  Object.assign(r.mocks.context.crm, { objectId: 987, objectTypeId: '0-3' });
  Object.assign(r.mocks.context.portal, { id: 123, timezone: 'UTC' });
  r.render(<DealCard context={r.mocks.context} />);
  return r;
}

/** Waits until the whole card reads `text`: the remote tree may fill a node's children a tick later. */
async function waitForText(r: ReturnType<typeof renderCard>, text: string) {
  await r.waitFor(() => {
    expect(allText(r.getRootNode())).toContain(text);
  });
}

function button(r: ReturnType<typeof renderCard>, label: string) {
  const found = r.findAll(Button).find((b) => allText(b) === label);
  if (found === undefined) throw new Error(`no button "${label}"`);
  return found;
}

function tiles(r: ReturnType<typeof renderCard>) {
  return r.findAll(Tile).filter((t) => t.props.testId?.startsWith('touch-'));
}

beforeEach(() => {
  // Failures are logged for the app team through the extension logger (console.warn in tests).
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('deal attribution card', () => {
  it('shows a spinner while the answer is on the way', async () => {
    const f = vi.spyOn(hubspot, 'fetch').mockReturnValue(new Promise<Response>(() => undefined));
    const r = renderCard();
    // React runs effects after the render; wait for the request so it cannot leak into the next test.
    await vi.waitFor(() => {
      expect(f).toHaveBeenCalledTimes(1);
    });
    expect(r.find(LoadingSpinner).props.label).toMatch(/Loading/);
  });

  it('asks the backend for this deal and portal through hubspot.fetch', async () => {
    const f = vi.spyOn(hubspot, 'fetch').mockImplementation(respond(attribution(3)));
    const r = renderCard();
    await waitForText(r, 'W-shaped');
    expect(f).toHaveBeenCalledTimes(1);
    expect(f).toHaveBeenCalledWith(URL_BASE, { method: 'GET', timeout: FETCH_TIMEOUT_MS });
  });

  it('shows amount, model, key figures and a month-grouped timeline with credits', async () => {
    const body = attribution(4);
    const touchpoints = body.touchpoints.map((t, i) =>
      i === 2 ? { ...t, reactivation: true } : t,
    );
    vi.spyOn(hubspot, 'fetch').mockImplementation(respond({ ...body, touchpoints }));
    const r = renderCard();
    await waitForText(r, 'February 2025');
    expect(tiles(r)).toHaveLength(4);
    const text = allText(r.getRootNode());
    expect(text).toContain('$10,000.00');
    expect(text).toContain('W-shaped');
    expect(r.find(StatisticsItem, { label: 'Touches' }).props.number).toBe(4);
    expect(r.find(StatisticsItem, { label: 'Days to close' }).props.number).toBe(86);
    expect(r.find(StatisticsItem, { label: 'Marketing / sales' }).props.number).toBe('25% / 75%');
    // 4 touches, 9 days apart from Jan 10: January ×3, February ×1.
    expect(text).toContain('January 2025');
    expect(text).toContain('February 2025');
    const first = tiles(r)[0]!;
    expect(allText(first)).toContain('25% · $2,500.00');
    expect(allText(first)).toContain('Ana Souza (Decision maker)');
    expect(allText(first)).toContain('touch 0 reason');
    expect(first.findAll(Tag).map((t) => allText(t))).toEqual(
      expect.arrayContaining(['Organic search', 'Form submission', 'First touch', 'Lead creation']),
    );
    expect(allText(tiles(r)[2]!)).toContain('Reactivation');
    expect(allText(tiles(r)[1]!)).not.toContain('Reactivation');
  });

  it.each([
    ['linear', 'Linear'],
    ['logistic', 'Logistic regression'],
  ] as const)(
    'refetches under the model picked in the switcher (%s) and shows its credits',
    async (model, label) => {
      const f = vi
        .spyOn(hubspot, 'fetch')
        .mockResolvedValueOnce(json(attribution(3)))
        .mockResolvedValueOnce(json(attribution(3, 1_000_000, { model, modelLabel: label })));
      const r = renderCard();
      await r.waitFor(() => {
        expect(r.maybeFind(Select)).not.toBeNull();
      });
      // The testing types declare the handler itself as the event argument; the value is what runs.
      r.find(Select).trigger('onChange', model as never);
      await r.waitFor(() => {
        expect(r.find(Select).props.value).toBe(model);
      });
      expect(f).toHaveBeenLastCalledWith(`${URL_BASE}&model=${model}`, {
        method: 'GET',
        timeout: FETCH_TIMEOUT_MS,
      });
      expect(allText(r.getRootNode())).toContain(`${label} · computed`);
    },
  );

  it('shows the backend message on an error answer and recovers on retry', async () => {
    vi.spyOn(hubspot, 'fetch')
      .mockResolvedValueOnce(
        json(
          { status: 'error', code: 'deal_not_found', message: 'Deal 987 is not synced yet.' },
          404,
        ),
      )
      .mockResolvedValueOnce(json(attribution(2)));
    const r = renderCard();
    await waitForText(r, 'Deal 987 is not synced yet.');
    expect(allText(r.find(ErrorState))).toContain('Deal 987 is not synced yet.');
    button(r, 'Try again').trigger('onClick');
    await r.waitFor(() => {
      expect(tiles(r)).toHaveLength(2);
    });
  });

  it.each([
    [
      'a network failure',
      () => Promise.reject(new Error('socket hang up')),
      'could not be reached',
    ],
    [
      'a 502 without a body',
      () => Promise.resolve(new Response('bad gateway', { status: 502 })),
      'had a problem',
    ],
    [
      'status error on a 200',
      () =>
        Promise.resolve(
          json({ status: 'error', code: 'internal_error', message: 'Recompute failed.' }),
        ),
      'Recompute failed.',
    ],
    [
      'an answer of another shape',
      () => Promise.resolve(json({ status: 'ok', touches: [] })),
      'does not understand',
    ],
  ])('turns %s into a human message', async (_name, answer, message) => {
    vi.spyOn(hubspot, 'fetch').mockImplementation(answer);
    const r = renderCard();
    await waitForText(r, message);
    expect(allText(r.find(ErrorState))).toContain(message);
  });

  it('shows sync progress while the app has not finished its first sync', async () => {
    vi.spyOn(hubspot, 'fetch').mockImplementation(respond(notSynced));
    const r = renderCard();
    await waitForText(r, 'Contacts: 1,200 records');
    const text = allText(r.find(EmptyState));
    expect(text).toContain('The first sync of this portal is still running.');
    expect(text).toContain('Contacts: 1,200 records');
    expect(text).toContain('last error: HubSpot asked us to slow down');
  });

  it('shows shares only, with a warning, for a deal without an amount', async () => {
    const body = attribution(3, 0);
    const noAmount = { ...body, deal: { ...body.deal, amountMissing: true } };
    vi.spyOn(hubspot, 'fetch').mockImplementation(respond(noAmount));
    const r = renderCard();
    await r.waitFor(() => {
      expect(tiles(r)).toHaveLength(3);
    });
    expect(r.find(Alert).props.title).toBe('This deal has no amount');
    const text = allText(r.getRootNode());
    expect(text).toContain('No amount');
    expect(text).not.toContain('$');
  });

  it('labels an open deal as pipeline attribution', async () => {
    const body = attribution(3);
    const open = { ...body, deal: { ...body.deal, stage: 'open' as const, closedAt: null } };
    vi.spyOn(hubspot, 'fetch').mockImplementation(respond(open));
    const r = renderCard();
    await r.waitFor(() => {
      expect(tiles(r)).toHaveLength(3);
    });
    expect(r.find(Alert).props.title).toBe('Pipeline attribution');
    expect(allText(r.getRootNode())).toContain('Open: pipeline attribution');
  });

  it('explains why a deal without touches has no credit and what would count', async () => {
    const none = attribution(0, 500_000, {
      unattributed: {
        code: 'empty_journey',
        message: 'No touch in the 365-day window before the deal.',
      },
    });
    vi.spyOn(hubspot, 'fetch').mockImplementation(respond(none));
    const r = renderCard();
    await waitForText(r, 'What counts');
    const text = allText(r.find(EmptyState));
    expect(text).toContain('No touch in the 365-day window before the deal.');
    expect(text).toContain('What counts');
  });

  it('never shows credits that do not sum to the amount', async () => {
    const body = attribution(3);
    const broken = { ...body, amount: { ...body.amount, cents: body.amount.cents + 1 } };
    vi.spyOn(hubspot, 'fetch').mockImplementation(respond(broken));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const r = renderCard();
    await waitForText(r, 'do not add up');
    expect(r.maybeFind(ErrorState)).not.toBeNull();
    expect(tiles(r)).toHaveLength(0);
  });

  it('collapses a long journey to its ends and milestones, then pages through all of it', async () => {
    vi.spyOn(hubspot, 'fetch').mockImplementation(respond(attribution(40)));
    const r = renderCard();
    await waitForText(r, '34 more touches');
    // first 3 and last 3 (the milestone holders are among them); 34 folded into one gap
    expect(tiles(r)).toHaveLength(6);
    const gap = r.findByTestId(Tile, 'timeline-gap');
    expect(allText(gap)).toContain('34 more touches');
    gap.find(Button).trigger('onClick');
    await r.waitFor(() => {
      expect(tiles(r)).toHaveLength(PAGE_SIZE);
    });
    button(r, 'Later').trigger('onClick');
    await r.waitFor(() => {
      expect(tiles(r)).toHaveLength(40 - PAGE_SIZE);
    });
    expect(allText(r.getRootNode())).toContain('Page 2 of 2');
  });

  it('charts credited revenue per channel and lists contacts', async () => {
    vi.spyOn(hubspot, 'fetch').mockImplementation(respond(attribution(3)));
    const r = renderCard();
    await r.waitFor(() => {
      expect(r.maybeFind(BarChart)).not.toBeNull();
    });
    const data = r.find(BarChart).props.data as { channel: string; value: number }[];
    const total = data.reduce((s, row) => s + row.value, 0);
    expect(total).toBeCloseTo(10_000, 6);
    expect(data.map((d) => d.channel).sort()).toEqual(['Organic search', 'Sales']);
    expect(allText(r.getRootNode())).toContain('Bo Li');
  });

  it('compares channels across models side by side', async () => {
    vi.spyOn(hubspot, 'fetch').mockImplementation(respond(attribution(3)));
    const r = renderCard();
    await waitForText(r, 'No won deals to learn from yet.');
    const headers = r.findAll(TableHeader).map((h) => allText(h));
    expect(headers).toEqual(expect.arrayContaining(['W-shaped', 'Linear', 'Markov chain']));
    expect(allText(r.getRootNode())).toContain('Markov chain: No won deals to learn from yet.');
  });
});
