// The settings page under HubSpot's test renderer with a fake backend behind hubspot.fetch: the
// answers, the routes and the page's mount, shared by the settings page's test files.
import { useEffect, useState, type ReactNode } from 'react';
import { expect, vi } from 'vitest';
import { Button, Select, hubspot } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { DEFAULT_SETTINGS, MODELS } from '../../extensions/domain/index.js';
import type {
  ChannelPreviewBody,
  Settings,
  SettingsBody,
  StatusBody,
} from '../../extensions/domain/index.js';
import { SettingsPage } from '../../extensions/app/settings/SettingsPage.js';
import { allText, json } from './fixtures.js';

export const ORIGIN = 'https://api.example.com/api/v1';

export function settingsBody(settings: Settings = DEFAULT_SETTINGS, version = 4): SettingsBody {
  return {
    status: 'ok',
    portalId: 123,
    version,
    updatedAt: '2025-04-01T10:00:00.000Z',
    settings,
    models: MODELS,
    channels: [
      { id: 'direct', label: 'Direct', team: 'marketing' },
      { id: 'organic_search', label: 'Organic search', team: 'marketing' },
    ],
  };
}

export const STATUS: StatusBody = {
  status: 'ok',
  portalId: 123,
  sync: {
    complete: false,
    streamsDone: 1,
    streamsTotal: 2,
    streams: [
      {
        stream: 'contacts',
        records: 1500,
        apiCalls: 20,
        phase: 'incremental',
        lastRunAt: '2025-04-01T09:00:00.000Z',
        lastFullSyncAt: '2025-03-31T09:00:00.000Z',
        lastError: null,
      },
      {
        stream: 'email_events',
        records: 0,
        apiCalls: 3,
        phase: 'full',
        lastRunAt: '2025-04-01T09:00:00.000Z',
        lastFullSyncAt: null,
        lastError: {
          kind: 'missing_scope',
          message: 'The content scope was not granted',
          at: '2025-04-01T09:00:00.000Z',
        },
      },
    ],
  },
  lastCycle: {
    state: 'succeeded',
    step: 'writeback',
    startedAt: '2025-04-01T09:00:00.000Z',
    finishedAt: '2025-04-01T09:05:00.000Z',
    error: null,
  },
  attribution: {
    settingsVersion: 4,
    dealsAttributed: 812,
    lastComputedAt: '2025-04-01T09:05:00.000Z',
  },
};

export type Handler = (body: unknown) => Response;

/** A fake backend behind hubspot.fetch: one handler per "METHOD path". */
export function backend(handlers: Record<string, Handler>) {
  return vi.spyOn(hubspot, 'fetch').mockImplementation((url, options) => {
    const method = options?.method ?? 'GET';
    const path = String(url).replace(ORIGIN, '').replace('?portalId=123', '');
    const handler = handlers[`${method} ${path}`];
    if (handler === undefined)
      return Promise.resolve(json({ status: 'error', message: 'no route' }, 404));
    return Promise.resolve(handler(options?.body));
  });
}

/** The preview's answer for a portal without touches yet. */
export const NO_TOUCHES: ChannelPreviewBody = {
  status: 'ok',
  portalId: 123,
  sampled: 0,
  limit: 200,
  oldestAt: null,
  newestAt: null,
  changedTouches: 0,
  changedRows: 0,
  rows: [],
};

export const DEFAULT_ROUTES: Record<string, Handler> = {
  'GET /settings': () => json(settingsBody()),
  'GET /status': () => json(STATUS),
  'POST /channel-rules/preview': () => json(NO_TOUCHES),
};

/** Unmounts of the running test's pages, so no debounced preview outlives its test. */
export const unmounts: (() => void)[] = [];

export function Unmountable({ children }: { readonly children: ReactNode }) {
  const [on, setOn] = useState(true);
  useEffect(() => {
    unmounts.push(() => {
      setOn(false);
    });
  }, []);
  return on ? children : null;
}

export function renderPage() {
  const r = createRenderer('settings');
  Object.assign(r.mocks.context.portal, { id: 123 });
  r.render(
    <Unmountable>
      <SettingsPage context={r.mocks.context} />
    </Unmountable>,
  );
  return r;
}
export type R = ReturnType<typeof renderPage>;

export async function ready(r: R) {
  await r.waitFor(() => {
    expect(r.maybeFind(Select, { name: 'model' })).not.toBeNull();
    expect(allText(r.getRootNode())).toContain('812 deals attributed');
  });
}
export function button(r: R, label: string) {
  const found = r.findAll(Button).find((b) => allText(b) === label);
  if (found === undefined) throw new Error(`no button "${label}"`);
  return found;
}

/** Unmounts every page the running test rendered (call in afterEach). */
export function unmountPages(): void {
  for (const unmount of unmounts.splice(0)) unmount();
}
