import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Alert,
  ErrorState,
  Input,
  LoadingButton,
  NumberInput,
  Select,
  Table,
  Tag,
  Text,
  Tile,
  Toggle,
  ToggleGroup,
} from '@hubspot/ui-extensions';
import { DEFAULT_SETTINGS } from '../../extensions/domain/index.js';
import type { ChannelPreviewBody, Settings } from '../../extensions/domain/index.js';
import { FETCH_TIMEOUT_MS } from '../../extensions/app/settings/api/backend.js';
import { PREVIEW_DEBOUNCE_MS } from '../../extensions/app/settings/hooks/useChannelPreview.js';
import { allText, json } from './fixtures.js';
import {
  DEFAULT_ROUTES,
  NO_TOUCHES,
  ORIGIN,
  backend,
  button,
  ready,
  renderPage,
  settingsBody,
  unmountPages,
  type R,
} from './settings-fixture.js';

/** The preview waits for a pause in the typing, then asks the backend: allow for both. */
const PREVIEW_WAIT_MS = PREVIEW_DEBOUNCE_MS + 2000;

const numberInput = (r: R, name: string) => r.find(NumberInput, { name });
const save = (r: R) => r.find(LoadingButton, (b) => allText(b) === 'Save');

beforeEach(() => {
  // Failures are logged for the app team through the extension logger (console.warn in tests).
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  unmountPages();
  vi.restoreAllMocks();
});

describe('settings page', () => {
  it('loads the settings and sync status through hubspot.fetch', async () => {
    const f = backend(DEFAULT_ROUTES);
    const r = renderPage();
    await ready(r);
    expect(f).toHaveBeenCalledWith(`${ORIGIN}/settings?portalId=123`, {
      method: 'GET',
      timeout: FETCH_TIMEOUT_MS,
    });
    expect(f).toHaveBeenCalledWith(`${ORIGIN}/status?portalId=123`, {
      method: 'GET',
      timeout: FETCH_TIMEOUT_MS,
    });
    expect(r.find(Select, { name: 'model' }).props.value).toBe('w_shaped');
    expect(numberInput(r, 'lookbackDays').props.value).toBe(365);
    expect(save(r).props.disabled).toBe(true); // nothing changed yet
  });

  it('previews the chosen model’s weights on the example journey, live', async () => {
    backend(DEFAULT_ROUTES);
    const r = renderPage();
    await ready(r);
    // W-shaped: 30% first touch, lead creation, deal creation; 10% over the 3 other touches.
    const shares = () =>
      [0, 1, 2, 3, 4, 5].map((i) => allText(r.findByTestId(Tile, `preview-${String(i)}`)));
    expect(shares()[0]).toContain('30%');
    expect(shares()[1]).toContain('3.3%');
    r.find(Select, { name: 'model' }).trigger('onChange', 'first_touch' as never);
    await r.waitFor(() => {
      expect(shares()[0]).toContain('100%');
    });
    expect(shares()[5]).toContain('0%');
  });

  it('offers the logistic model, explains it has no fixed split, and saves it', async () => {
    let sent: { settings: Settings } | undefined;
    backend({
      ...DEFAULT_ROUTES,
      'PUT /settings': (body) => {
        sent = body as { settings: Settings };
        return json(settingsBody({ ...DEFAULT_SETTINGS, model: 'logistic' }, 5));
      },
    });
    const r = renderPage();
    await ready(r);
    const picker = () => r.find(Select, { name: 'model' });
    expect(picker().props.options).toContainEqual({
      label: 'Logistic regression',
      value: 'logistic',
    });
    picker().trigger('onChange', 'logistic' as never);
    await r.waitFor(() => {
      expect(picker().props.value).toBe('logistic');
    });
    expect(picker().props.description).toMatch(/odds of a win/);
    expect(allText(r.getRootNode())).toContain(
      "Logistic regression learns each channel's weight from all won and lost journeys",
    );
    expect(r.maybeFindByTestId(Tile, 'preview-0')).toBeNull();
    save(r).trigger('onClick');
    await r.waitFor(() => {
      expect(r.find(Alert, { title: 'Settings saved' })).toBeDefined();
    });
    expect(sent?.settings.model).toBe('logistic');
  });

  it('validates custom weights as they are typed: they must total 100%', async () => {
    backend(DEFAULT_ROUTES);
    const r = renderPage();
    await ready(r);
    r.find(Select, { name: 'model' }).trigger('onChange', 'custom' as never);
    await r.waitFor(() => {
      expect(r.maybeFind(NumberInput, { name: 'customWeights.FIRST' })).not.toBeNull();
    });
    numberInput(r, 'customWeights.FIRST').trigger('onChange', 50 as never);
    await r.waitFor(() => {
      expect(allText(r.findByTestId(Text, 'custom-weights-total'))).toBe(
        'Total: 127.5% — must total 100% (now 127.5%)',
      );
    });
    expect(save(r).props.disabled).toBe(true);
    numberInput(r, 'customWeights.FIRST').trigger('onChange', 22.5 as never);
    await r.waitFor(() => {
      expect(allText(r.findByTestId(Text, 'custom-weights-total'))).toBe('Total: 100%');
    });
    expect(save(r).props.disabled).toBe(false); // the model changed to custom, and it is valid
  });

  it('shows a bad value next to its field and blocks saving', async () => {
    backend(DEFAULT_ROUTES);
    const r = renderPage();
    await ready(r);
    numberInput(r, 'lookbackDays').trigger('onChange', 0 as never);
    await r.waitFor(() => {
      expect(numberInput(r, 'lookbackDays').props.validationMessage).toBe('must be at least 1 day');
    });
    expect(numberInput(r, 'lookbackDays').props.error).toBe(true);
    expect(save(r).props.disabled).toBe(true);
  });

  it('saves the whole draft with the version it was edited from', async () => {
    let sent: unknown;
    const f = backend({
      ...DEFAULT_ROUTES,
      'PUT /settings': (body) => {
        sent = body;
        return json(settingsBody({ ...DEFAULT_SETTINGS, lookbackDays: 90 }, 5));
      },
    });
    const r = renderPage();
    await ready(r);
    numberInput(r, 'lookbackDays').trigger('onChange', 90 as never);
    await r.waitFor(() => {
      expect(save(r).props.disabled).toBe(false);
    });
    save(r).trigger('onClick');
    await r.waitFor(() => {
      expect(r.find(Alert, { title: 'Settings saved' })).toBeDefined();
    });
    expect(sent).toEqual({
      expectedVersion: 4,
      settings: { ...DEFAULT_SETTINGS, lookbackDays: 90 },
    });
    expect(f).toHaveBeenCalledWith(`${ORIGIN}/settings?portalId=123`, {
      method: 'PUT',
      timeout: FETCH_TIMEOUT_MS,
      body: sent,
    });
    expect(save(r).props.disabled).toBe(true); // saved: nothing left to save
  });

  it('saves touch kinds, account scope, role weights, schedule and write-back choices', async () => {
    let sent: { settings: Settings } | undefined;
    backend({
      ...DEFAULT_ROUTES,
      'PUT /settings': (body) => {
        sent = body as { settings: Settings };
        return json(settingsBody(sent.settings, 5));
      },
    });
    const r = renderPage();
    await ready(r);
    r.find(ToggleGroup, { name: 'touchKinds' }).trigger('onChange', ['meeting', 'call'] as never);
    r.find(Toggle, { name: 'accountScope' }).trigger('onChange', true as never);
    numberInput(r, 'contactRoleWeights.DECISION_MAKER').trigger('onChange', 2 as never);
    numberInput(r, 'schedule.incrementalMinutes').trigger('onChange', 30 as never);
    r.find(ToggleGroup, { name: 'writeBack.contact' }).trigger('onChange', [
      'attribution_touchpoints',
    ] as never);
    await r.waitFor(() => {
      expect(save(r).props.disabled).toBe(false);
    });
    save(r).trigger('onClick');
    await r.waitFor(() => {
      expect(r.maybeFind(Alert, { title: 'Settings saved' })).not.toBeNull();
    });
    expect(sent?.settings).toEqual({
      ...DEFAULT_SETTINGS,
      touchKinds: ['meeting', 'call'],
      accountScope: true,
      contactRoleWeights: { DECISION_MAKER: 2 },
      schedule: { ...DEFAULT_SETTINGS.schedule, incrementalMinutes: 30 },
      writeBack: { ...DEFAULT_SETTINGS.writeBack, contact: ['attribution_touchpoints'] },
    });
  });

  it('shows the server’s validation errors next to their fields until they are edited', async () => {
    backend({
      ...DEFAULT_ROUTES,
      'PUT /settings': () =>
        json(
          {
            status: 'error',
            code: 'invalid_request',
            message: 'The settings were not saved: 1 field is invalid.',
            errors: [{ field: 'settings.halfLifeDays', message: 'is too long for this portal' }],
          },
          400,
        ),
    });
    const r = renderPage();
    await ready(r);
    numberInput(r, 'halfLifeDays').trigger('onChange', 300 as never);
    await r.waitFor(() => {
      expect(save(r).props.disabled).toBe(false);
    });
    save(r).trigger('onClick');
    await r.waitFor(() => {
      expect(numberInput(r, 'halfLifeDays').props.validationMessage).toBe(
        'is too long for this portal',
      );
    });
    expect(allText(r.find(Alert, { title: 'Settings not saved' }))).toContain('1 field is invalid');
    numberInput(r, 'halfLifeDays').trigger('onChange', 14 as never);
    await r.waitFor(() => {
      expect(numberInput(r, 'halfLifeDays').props.validationMessage).toBeUndefined();
    });
  });

  it('asks to reload when someone else saved in between', async () => {
    backend({
      ...DEFAULT_ROUTES,
      'PUT /settings': () =>
        json(
          {
            status: 'error',
            code: 'settings_conflict',
            message: 'The settings changed since you opened them.',
          },
          409,
        ),
    });
    const r = renderPage();
    await ready(r);
    numberInput(r, 'lookbackDays').trigger('onChange', 100 as never);
    await r.waitFor(() => {
      expect(save(r).props.disabled).toBe(false);
    });
    save(r).trigger('onClick');
    await r.waitFor(() => {
      expect(allText(r.getRootNode())).toContain('Reload to see the latest settings');
    });
  });

  it('edits channel rules with a live preview and validates each field as typed', async () => {
    backend(DEFAULT_ROUTES);
    const r = renderPage();
    await ready(r);
    button(r, 'Add rule').trigger('onClick');
    await r.waitFor(() => {
      expect(r.maybeFind(Input, { name: 'channelRules.rules.0.channel' })).not.toBeNull();
    });
    r.find(Input, { name: 'channelRules.rules.0.channel' }).trigger(
      'onInput',
      'Partner Sites' as never,
    );
    r.find(Input, { name: 'channelRules.rules.0.when.0.value' }).trigger(
      'onInput',
      'referrals' as never,
    );
    await r.waitFor(() => {
      expect(
        r.find(Input, { name: 'channelRules.rules.0.channel' }).props.validationMessage,
      ).toMatch(/a–z/);
    });
    r.find(Input, { name: 'channelRules.rules.0.channel' }).trigger('onInput', 'partners' as never);
    await r.waitFor(
      () => {
        expect(allText(r.getRootNode())).toContain('Partner referral partners (rule 1)');
      },
      { timeoutInMs: PREVIEW_WAIT_MS },
    );
    expect(allText(r.findByTestId(Text, 'rules-preview-typical'))).toContain(
      'no touches synced yet',
    );
    expect(r.find(Input, { name: 'channelRules.rules.0.channel' }).props.error).toBe(false);
    r.find(Select, { name: 'channelRules.rules.0.when.0.op' }).trigger(
      'onChange',
      'matches' as never,
    );
    r.find(Input, { name: 'channelRules.rules.0.when.0.value' }).trigger(
      'onInput',
      '(unclosed' as never,
    );
    await r.waitFor(() => {
      expect(
        r.find(Input, { name: 'channelRules.rules.0.when.0.value' }).props.validationMessage,
      ).toMatch(/not a valid regular expression/);
    });
  });

  it('shows sync health per stream and queues a recompute', async () => {
    const f = backend({
      ...DEFAULT_ROUTES,
      'POST /recompute': () =>
        json(
          { status: 'accepted', portalId: 123, message: 'Recompute queued for 812 deals.' },
          202,
        ),
    });
    const r = renderPage();
    await ready(r);
    const text = allText(r.getRootNode());
    expect(text).toContain('1 of 2 streams fully synced');
    expect(text).toContain('The content scope was not granted');
    r.find(LoadingButton, (b) => allText(b) === 'Recompute now').trigger('onClick');
    await r.waitFor(() => {
      expect(allText(r.getRootNode())).toContain('Recompute queued for 812 deals.');
    });
    expect(f).toHaveBeenCalledWith(`${ORIGIN}/recompute?portalId=123`, {
      method: 'POST',
      timeout: FETCH_TIMEOUT_MS,
    });
  });

  it('explains a failed load and loads again on retry', async () => {
    let calls = 0;
    backend({
      ...DEFAULT_ROUTES,
      'GET /settings': () =>
        ++calls === 1 ? new Response('oops', { status: 503 }) : json(settingsBody()),
    });
    const r = renderPage();
    await r.waitFor(() => {
      expect(allText(r.getRootNode())).toContain('The attribution service had a problem.');
    });
    expect(r.maybeFind(ErrorState)).not.toBeNull();
    button(r, 'Try again').trigger('onClick');
    await ready(r);
  });
});

/** A portal with touches: what the backend answers for the rules it is sent. */
function portalPreview(body: unknown): ChannelPreviewBody {
  const { channelRules } = body as { channelRules: Settings['channelRules'] };
  const partners = channelRules.rules.some((r) => r.channel === 'partners');
  return {
    ...NO_TOUCHES,
    sampled: 40,
    oldestAt: '2025-03-01T10:00:00.000Z',
    newestAt: '2025-03-31T10:00:00.000Z',
    changedTouches: partners ? 12 : 0,
    changedRows: partners ? 1 : 0,
    rows: [
      {
        kind: 'visit',
        source: 'REFERRALS',
        medium: null,
        detail1: 'partner.io',
        detail2: null,
        campaign: null,
        touches: 12,
        currentChannel: 'referral',
        currentBy: { from: 'default', index: 13 },
        proposedChannel: partners ? 'partners' : 'referral',
        proposedBy: partners ? { from: 'admin', index: 0 } : { from: 'default', index: 13 },
        changed: partners,
        lastAt: '2025-03-31T10:00:00.000Z',
      },
      {
        kind: 'visit',
        source: 'PAID_SEARCH',
        medium: 'cpc',
        detail1: 'google',
        detail2: null,
        campaign: 'brand',
        touches: 28,
        currentChannel: 'organic_search',
        currentBy: { from: 'synced' },
        proposedChannel: 'organic_search',
        proposedBy: { from: 'synced' },
        changed: false,
        lastAt: '2025-03-30T10:00:00.000Z',
      },
    ],
  };
}

describe('channel rules preview on the portal’s recent touches', () => {
  const previewText = (r: R) => allText(r.findByTestId(Text, 'rules-preview-summary'));

  async function addPartnerRule(r: R) {
    button(r, 'Add rule').trigger('onClick');
    await r.waitFor(() => {
      expect(r.maybeFind(Input, { name: 'channelRules.rules.0.channel' })).not.toBeNull();
    });
    r.find(Select, { name: 'channelRules.rules.0.when.0.field' }).trigger(
      'onChange',
      'detail1' as never,
    );
    r.find(Input, { name: 'channelRules.rules.0.when.0.value' }).trigger(
      'onInput',
      'partner.io' as never,
    );
    r.find(Input, { name: 'channelRules.rules.0.channel' }).trigger('onInput', 'partners' as never);
  }

  it('shows current → proposed channels and the changed count, asking with the draft rules', async () => {
    const sent: unknown[] = [];
    const f = backend({
      ...DEFAULT_ROUTES,
      'POST /channel-rules/preview': (body) => {
        sent.push(body);
        return json(portalPreview(body));
      },
    });
    const r = renderPage();
    await ready(r);
    await r.waitFor(
      () => {
        expect(previewText(r)).toContain('None of the 40 most recent touches would change channel');
      },
      { timeoutInMs: PREVIEW_WAIT_MS },
    );
    expect(previewText(r)).toContain('(touches from 2025-03-01 to 2025-03-31)');
    expect(sent).toEqual([{ channelRules: DEFAULT_SETTINGS.channelRules }]);
    expect(f).toHaveBeenCalledWith(`${ORIGIN}/channel-rules/preview?portalId=123`, {
      method: 'POST',
      timeout: FETCH_TIMEOUT_MS,
      body: { channelRules: DEFAULT_SETTINGS.channelRules },
    });
    expect(r.maybeFindByTestId(Text, 'rules-preview-typical')).toBeNull();

    await addPartnerRule(r);
    await r.waitFor(
      () => {
        expect(previewText(r)).toContain('12 of the 40 most recent touches would change channel');
      },
      { timeoutInMs: PREVIEW_WAIT_MS },
    );
    const tableNode = r.findByTestId(Table, 'rules-preview');
    const table = allText(tableNode);
    // Labels from the settings' channel list where known; the new channel humanized.
    expect(table).toContain('Visit · REFERRALS / partner.io 12 Referral Partners (rule 1) changed');
    expect(table).toContain(
      'Visit · PAID_SEARCH / cpc / google · campaign brand 28 Organic search Organic search (as synced)',
    );
    expect(tableNode.findAll(Tag).map((t) => allText(t))).toEqual(['changed']);
    // The edits in one pause made one request, with the final rules.
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({
      channelRules: {
        rules: [
          { channel: 'partners', when: [{ field: 'detail1', op: 'equals', value: 'partner.io' }] },
        ],
        fallback: 'other',
      },
    });
  });

  it('asks nothing while the draft rules are invalid, keeping the last preview', async () => {
    const sent: unknown[] = [];
    backend({
      ...DEFAULT_ROUTES,
      'POST /channel-rules/preview': (body) => {
        sent.push(body);
        return json(portalPreview(body));
      },
    });
    const r = renderPage();
    await ready(r);
    await r.waitFor(
      () => {
        expect(sent).toHaveLength(1);
        expect(previewText(r)).toContain('None of the 40');
      },
      { timeoutInMs: PREVIEW_WAIT_MS },
    );
    button(r, 'Add rule').trigger('onClick'); // empty channel and value: invalid
    await r.waitFor(() => {
      expect(allText(r.getRootNode())).toContain('Fix the highlighted rule fields');
    });
    await new Promise((resolve) => setTimeout(resolve, PREVIEW_DEBOUNCE_MS + 100));
    expect(sent).toHaveLength(1);
    expect(previewText(r)).toContain('None of the 40');
  });

  it('explains a failed preview and asks again on retry', async () => {
    let calls = 0;
    backend({
      ...DEFAULT_ROUTES,
      'POST /channel-rules/preview': (body) =>
        ++calls === 1 ? new Response('down', { status: 502 }) : json(portalPreview(body)),
    });
    const r = renderPage();
    await ready(r);
    await r.waitFor(
      () => {
        expect(allText(r.findByTestId(Text, 'rules-preview-error'))).toContain(
          'The attribution service had a problem.',
        );
      },
      { timeoutInMs: PREVIEW_WAIT_MS },
    );
    button(r, 'Try again').trigger('onClick');
    await r.waitFor(
      () => {
        expect(previewText(r)).toContain('None of the 40');
      },
      { timeoutInMs: PREVIEW_WAIT_MS },
    );
    expect(r.maybeFindByTestId(Text, 'rules-preview-error')).toBeNull();
    expect(calls).toBe(2);
  });
});
