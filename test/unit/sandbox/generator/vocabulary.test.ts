// One channel vocabulary: the sandbox plants its effects on the app's channels, with the app's
// teams, and the HubSpot data each planted channel writes classifies back into it under the app's
// default rules (the integration test checks the same on a whole synced portal).

import { describe, expect, it } from 'vitest';
import { portalClassifier } from '../../../../src/channels/index.js';
import { DEFAULT_CHANNELS } from '../../../../src/domain/index.js';
import {
  CHANNELS,
  COMMUNICATION_TYPES,
  ENGAGEMENT_OF,
  EVENT_TYPE_OF,
  SOURCE_OF,
  plantedTruth,
  type Channel,
} from '../../../../sandbox/generator/channels.js';
import { TouchpointDeriver } from '../../../../src/sync/touchpoints.js';

const APP = new Map(DEFAULT_CHANNELS.map((c) => [c.id, c]));
const T = Date.UTC(2025, 2, 1);
const at = new Date(T).toISOString();

describe('planted channels', () => {
  it('are channels of the app taxonomy, each with the app team', () => {
    const mismatches = CHANNELS.flatMap((ch) => {
      const app = APP.get(ch.id);
      if (app === undefined) return [`${ch.id}: not in DEFAULT_CHANNELS`];
      return app.team === ch.team ? [] : [`${ch.id}: sandbox ${ch.team}, app ${app.team}`];
    });
    expect(mismatches).toEqual([]);
  });

  it('are stated in app channel ids and teams by the truth', () => {
    const truth = plantedTruth([]).channels;
    expect(truth.map((c) => c.channel).sort()).toEqual(CHANNELS.map((c) => c.id).sort());
    for (const c of truth) expect(c.team, c.channel).toBe(APP.get(c.channel)?.team);
  });

  it('are distinct, so a classification names one planted channel', () => {
    expect(new Set(CHANNELS.map((c) => c.id)).size).toBe(CHANNELS.length);
  });
});

/** Every HubSpot record shape the generator writes for `channel`, derived as the sync derives. */
function derivedChannels(channel: Channel): string[] {
  const deriver = new TouchpointDeriver(portalClassifier());
  const spec = CHANNELS.find((c) => c.id === channel)!;
  const out: string[] = [];
  const source = SOURCE_OF[channel];
  if (source !== undefined) {
    const contact = {
      id: '1',
      properties: { createdate: at, hs_analytics_source: source },
      history: { hs_latest_source: [{ value: source, timestamp: T + 1000 }] },
    };
    out.push(...deriver.contact(contact).map((t) => t.channel));
  }
  if (spec.medium === 'email')
    out.push(
      ...deriver
        .emailClick({ id: 'e1', properties: { created: T, type: 'CLICK', url: 'https://x' } }, '1')
        .map((t) => t.channel),
    );
  if (channel in EVENT_TYPE_OF) {
    const eventType = EVENT_TYPE_OF[channel as keyof typeof EVENT_TYPE_OF];
    const p = { attendanceState: 'ATTENDED', occurredAt: T, eventName: 'Spring', eventType };
    out.push(...deriver.participation({ id: 'p1', properties: p }, '1').map((t) => t.channel));
  }
  if (channel in ENGAGEMENT_OF) {
    const type = ENGAGEMENT_OF[channel as keyof typeof ENGAGEMENT_OF];
    const types: readonly (string | undefined)[] =
      channel in COMMUNICATION_TYPES
        ? COMMUNICATION_TYPES[channel as keyof typeof COMMUNICATION_TYPES]
        : [undefined];
    for (const channelType of types) {
      const properties: Record<string, string> = { hs_timestamp: at };
      if (channelType !== undefined) properties['hs_communication_channel_type'] = channelType;
      out.push(...deriver.engagement(type, { id: '9', properties }, ['1']).map((t) => t.channel));
    }
  }
  return out;
}

describe('default rules on the data each planted channel writes', () => {
  it.each(CHANNELS.map((c) => c.id))('%s classifies back into itself', (channel) => {
    const derived = derivedChannels(channel);
    expect(derived.length).toBeGreaterThan(0);
    expect(new Set(derived)).toEqual(new Set([channel]));
  });
});
