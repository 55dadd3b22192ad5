// The properties write-back owns (ARCHITECTURE.md, Write-back), as data: names, types and options.
// Pure. Every app property lives in the group APP_GROUP of its object type; that group is how the
// app recognises its own properties (a property of that name in any other group is not ours).
// Model and channel option labels are the domain's: the card and the settings page show the same.

import {
  channelIdSchema,
  channelLabel,
  DEFAULT_CHANNELS,
  MODEL_IDS,
  modelInfo,
  type ChannelRules,
} from '../domain/index.js';
import type { PropertyCreate, PropertyObjectType } from '../hubspot/index.js';

export const APP_GROUP = 'deal_attribution';
export const APP_GROUP_LABEL = 'Deal attribution';
export const WRITEBACK_OBJECT_TYPES: readonly PropertyObjectType[] = [
  'deals',
  'contacts',
  'companies',
];

/** Bump when a definition below changes, so a cached provisioning is verified again. */
export const SCHEMA_VERSION = 1;

export const REVENUE_PREFIX = 'attribution_revenue_';
export const revenueProperty = (channel: string): string => `${REVENUE_PREFIX}${channel}`;

/** The milestone roles that name a channel property on the deal. */
export const MILESTONE_CHANNEL_PROPERTIES = {
  FIRST: 'attribution_first_touch_channel',
  LC: 'attribution_lead_creation_channel',
  OC: 'attribution_deal_creation_channel',
  CW: 'attribution_closing_channel',
} as const;

export type PropertySpec = PropertyCreate & { readonly groupName: typeof APP_GROUP };

const base = { groupName: APP_GROUP, formField: false } as const;

const number = (name: string, label: string, description: string): PropertySpec => ({
  ...base,
  name,
  label,
  description,
  type: 'number',
  fieldType: 'number',
});

const currency = (name: string, label: string, description: string): PropertySpec => ({
  ...number(name, label, description),
  numberDisplayHint: 'currency',
  showCurrencySymbol: true,
});

const select = <V extends string>(
  name: string,
  label: string,
  description: string,
  values: readonly V[],
  labelOf: (value: V) => string,
): PropertySpec => ({
  ...base,
  name,
  label,
  description,
  type: 'enumeration',
  fieldType: 'select',
  options: values.map((value, displayOrder) => ({
    value,
    label: labelOf(value),
    hidden: false,
    displayOrder,
  })),
});

/**
 * The portal's channel list: the built-in taxonomy plus every channel the admin's rules (and
 * fallback) can produce, sorted by id. Property names follow it, so it stays name-safe.
 */
export function portalChannels(rules?: ChannelRules): string[] {
  const ids = new Set(DEFAULT_CHANNELS.map((c) => c.id));
  if (rules !== undefined) {
    for (const r of rules.rules) ids.add(r.channel);
    ids.add(rules.fallback);
  }
  return [...ids].sort();
}

/** Throws naming the bad entry: channel ids become property names. */
export function checkChannels(channels: readonly string[]): void {
  for (const [i, c] of channels.entries()) {
    const r = channelIdSchema.safeParse(c);
    if (!r.success)
      throw new RangeError(`channels[${i}] "${c}": ${r.error.issues[0]?.message ?? 'invalid'}`);
  }
}

const channelOption = (id: string): string => channelLabel(id);

export function dealPropertySpecs(channels: readonly string[]): PropertySpec[] {
  const channelSelect = (name: string, label: string, description: string): PropertySpec =>
    select(name, label, description, channels, channelOption);
  return [
    select(
      'attribution_model',
      'Attribution model',
      'The model whose credit the attribution properties show.',
      MODEL_IDS,
      (id) => modelInfo(id).label,
    ),
    {
      ...base,
      name: 'attribution_computed_at',
      label: 'Attribution computed at',
      description: 'When the attribution shown was computed.',
      type: 'datetime',
      fieldType: 'date',
    },
    number(
      'attribution_touchpoints',
      'Attribution touchpoints',
      'Touches in the deal journey (lookback window up to close).',
    ),
    number(
      'attribution_stakeholders',
      'Attribution stakeholders',
      'Buying-group contacts who took part in a journey touch.',
    ),
    number(
      'attribution_days_to_close',
      'Attribution days to close',
      'Days from deal creation to close, one decimal; empty while open.',
    ),
    channelSelect(
      MILESTONE_CHANNEL_PROPERTIES.FIRST,
      'First touch channel',
      'Channel of the first touch of the journey.',
    ),
    channelSelect(
      MILESTONE_CHANNEL_PROPERTIES.LC,
      'Lead creation channel',
      'Channel of the touch that created the lead.',
    ),
    channelSelect(
      MILESTONE_CHANNEL_PROPERTIES.OC,
      'Deal creation channel',
      'Channel of the last touch at or before the deal was created.',
    ),
    channelSelect(
      MILESTONE_CHANNEL_PROPERTIES.CW,
      'Closing channel',
      'Channel of the last touch before a won deal closed.',
    ),
    channelSelect(
      'attribution_top_channel',
      'Top attribution channel',
      'The channel with the most credit under the model.',
    ),
    number(
      'attribution_marketing_share',
      'Marketing share (%)',
      'Percent of the credit earned by marketing touches (0–100).',
    ),
    number(
      'attribution_sales_share',
      'Sales share (%)',
      'Percent of the credit earned by sales touches (0–100).',
    ),
    currency(
      'attribution_unattributed_revenue',
      'Unattributed revenue',
      'Amount no touch earned (a deal without touches books its whole amount here).',
    ),
    ...channels.map((c) =>
      currency(
        revenueProperty(c),
        `Attributed revenue: ${channelLabel(c)}`,
        `Credit of the deal amount earned by ${channelLabel(c)} touches.`,
      ),
    ),
  ];
}

/** Contacts and companies carry the same two properties. */
export function influencePropertySpecs(objectType: 'contacts' | 'companies'): PropertySpec[] {
  const who = objectType === 'contacts' ? 'this contact' : 'contacts of this company';
  return [
    currency(
      'attribution_influenced_revenue',
      'Attribution influenced revenue',
      `Credit of won deals earned by touches of ${who}, in the portal currency.`,
    ),
    number(
      'attribution_touchpoints',
      'Attribution touchpoints',
      `Touches of ${who} that are part of a deal journey.`,
    ),
  ];
}

export function propertySpecs(
  objectType: PropertyObjectType,
  channels: readonly string[],
): PropertySpec[] {
  return objectType === 'deals' ? dealPropertySpecs(channels) : influencePropertySpecs(objectType);
}
