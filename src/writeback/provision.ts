// Provisioning: the app's property group and properties (schema.ts) on deals, contacts and
// companies, created when missing and extended when the channel list or the model list grows.
// Idempotent; it never deletes a property, never changes one the app does not own, and never
// removes an option (records may still hold it). A name taken by a property outside APP_GROUP
// (or HubSpot-defined) is a collision: reported, left untouched, and never written to.
//
// A verified schema is remembered in the store (a write-back state row of the pseudo-object
// SCHEMA_STATE_ID), so a run whose channels and models are already provisioned makes no HubSpot
// call at all. A run with collisions is not remembered: the next run reads again and notices
// when the admin has resolved them. A write that fails on validation forgets the schema too.

import { z } from 'zod';
import { channelIdSchema, MODEL_IDS } from '../domain/index.js';
import type { HubSpotApi } from '../hubspot/index.js';
import {
  createProperty,
  createPropertyGroup,
  readProperties,
  readProperty,
  readPropertyGroups,
  updatePropertyOptions,
  type PropertyInfo,
  type PropertyObjectType,
  type PropertyOption,
} from '../hubspot/index.js';
import { contentHash, type Store } from '../store/index.js';
import {
  APP_GROUP,
  APP_GROUP_LABEL,
  checkChannels,
  propertySpecs,
  REVENUE_PREFIX,
  SCHEMA_VERSION,
  WRITEBACK_OBJECT_TYPES,
  type PropertySpec,
} from './schema.js';

export interface Collision {
  readonly objectType: PropertyObjectType;
  readonly name: string;
  /**
   * `not_app_property`: the name belongs to a property outside the app's group (or HubSpot's);
   * `definition_mismatch`: the app's property has another type than the app needs;
   * `archived`: the name is held by an archived property (restore or purge it in HubSpot).
   */
  readonly reason: 'not_app_property' | 'definition_mismatch' | 'archived';
  readonly detail: string;
}

export interface ProvisionedSchema {
  /** Channels with a revenue property on deals, sorted. */
  readonly channels: readonly string[];
  /** Property names the app may write, per object type (collisions excluded). */
  readonly writable: Readonly<Record<PropertyObjectType, readonly string[]>>;
  readonly collisions: readonly Collision[];
  /** `type.name` of groups and properties created, and of properties whose options grew. */
  readonly created: readonly string[];
  readonly updated: readonly string[];
}

/** Verifies and completes the app's schema in HubSpot: 2 reads per object type, plus the fixes. */
export async function provision(
  api: HubSpotApi,
  channels: readonly string[],
): Promise<ProvisionedSchema> {
  checkChannels(channels);
  const created: string[] = [];
  const updated: string[] = [];
  const collisions: Collision[] = [];
  const writable = { deals: [], contacts: [], companies: [] } as Record<
    PropertyObjectType,
    string[]
  >;
  let provisionedChannels: string[] = [...new Set(channels)].sort();
  for (const objectType of WRITEBACK_OBJECT_TYPES) {
    const groups = await readPropertyGroups(api, objectType);
    if (!groups.some((g) => g.name === APP_GROUP)) {
      const r = await createPropertyGroup(api, objectType, {
        name: APP_GROUP,
        label: APP_GROUP_LABEL,
      });
      if (r === 'created') created.push(`${objectType}.${APP_GROUP}`);
    }
    const existing = new Map((await readProperties(api, objectType)).map((p) => [p.name, p]));
    if (objectType === 'deals') {
      provisionedChannels = [...new Set([...channels, ...ownRevenueChannels(existing)])].sort();
    }
    for (const spec of propertySpecs(objectType, provisionedChannels)) {
      const outcome = await ensureProperty(api, objectType, spec, existing.get(spec.name));
      if (outcome.kind === 'collision') {
        collisions.push({ objectType, name: spec.name, ...outcome.collision });
        continue;
      }
      if (outcome.kind === 'created') created.push(`${objectType}.${spec.name}`);
      if (outcome.kind === 'updated') updated.push(`${objectType}.${spec.name}`);
      writable[objectType].push(spec.name);
    }
  }
  return { channels: provisionedChannels, writable, collisions, created, updated };
}

/** Channels the app already provisioned earlier: their properties stay and keep getting values. */
function ownRevenueChannels(existing: ReadonlyMap<string, PropertyInfo>): string[] {
  const out: string[] = [];
  for (const p of existing.values()) {
    if (!isOurs(p) || !p.name.startsWith(REVENUE_PREFIX)) continue;
    const channel = p.name.slice(REVENUE_PREFIX.length);
    if (channelIdSchema.safeParse(channel).success) out.push(channel);
  }
  return out;
}

const isOurs = (p: PropertyInfo): boolean => p.groupName === APP_GROUP && !p.hubspotDefined;

type Ensured =
  | { readonly kind: 'created' | 'updated' | 'unchanged' }
  | { readonly kind: 'collision'; readonly collision: Pick<Collision, 'reason' | 'detail'> };

async function ensureProperty(
  api: HubSpotApi,
  objectType: PropertyObjectType,
  spec: PropertySpec,
  current: PropertyInfo | undefined,
): Promise<Ensured> {
  if (current === undefined) {
    const made = await createProperty(api, objectType, spec);
    if (made !== 'exists') return { kind: 'created' };
    // Taken between our read and the create (or archived, which the list does not show).
    const now = await readProperty(api, objectType, spec.name);
    if (now === undefined) {
      return {
        kind: 'collision',
        collision: {
          reason: 'archived',
          detail: `an archived ${objectType} property holds the name ${spec.name}; restore or purge it in HubSpot`,
        },
      };
    }
    current = now;
  }
  if (!isOurs(current)) {
    return {
      kind: 'collision',
      collision: {
        reason: 'not_app_property',
        detail: current.hubspotDefined
          ? `${spec.name} is a HubSpot-defined ${objectType} property`
          : `${spec.name} exists in group "${current.groupName}", not in "${APP_GROUP}": left untouched`,
      },
    };
  }
  if (current.type !== spec.type || current.fieldType !== spec.fieldType) {
    return {
      kind: 'collision',
      collision: {
        reason: 'definition_mismatch',
        detail: `${spec.name} is ${current.type}/${current.fieldType}, the app needs ${spec.type}/${spec.fieldType}`,
      },
    };
  }
  const missing = (spec.options ?? []).filter(
    (o) => !current.options.some((have) => have.value === o.value),
  );
  if (missing.length === 0) return { kind: 'unchanged' };
  // Existing options first, as the admin may have relabelled or hidden them.
  const options: PropertyOption[] = [
    ...current.options,
    ...missing.map((o, i) => ({ ...o, displayOrder: current.options.length + i })),
  ];
  await updatePropertyOptions(api, objectType, spec.name, options);
  return { kind: 'updated' };
}

// ---- Remembering a verified schema ----------------------------------------------------------

/** The pseudo-object id under which the schema is remembered (no HubSpot id looks like it). */
export const SCHEMA_STATE_ID = '$schema';

const cachedSchema = z.object({
  version: z.literal(SCHEMA_VERSION),
  models: z.array(z.string()),
  channels: z.array(z.string()),
  writable: z.object({
    deals: z.array(z.string()),
    contacts: z.array(z.string()),
    companies: z.array(z.string()),
  }),
});

export interface EnsuredSchema extends ProvisionedSchema {
  /** False when the remembered schema was used and HubSpot was not asked. */
  readonly verified: boolean;
}

/**
 * The schema for `channels`, from the store when a verified one covers them and the model list,
 * else provisioned in HubSpot (and remembered when it had no collision).
 */
export async function ensureSchema(deps: {
  readonly store: Store;
  readonly api: HubSpotApi;
  readonly portalId: number;
  readonly channels: readonly string[];
  readonly now: () => number;
}): Promise<EnsuredSchema> {
  const { store, api, portalId, channels, now } = deps;
  checkChannels(channels);
  const state = (await store.writebackStates(portalId, 'deals', [SCHEMA_STATE_ID])).get(
    SCHEMA_STATE_ID,
  );
  const cached = cachedSchema.safeParse(state?.values);
  const known = cached.success ? cached.data : undefined;
  if (
    known !== undefined &&
    MODEL_IDS.every((m) => known.models.includes(m)) &&
    channels.every((c) => known.channels.includes(c))
  ) {
    return {
      channels: known.channels,
      writable: known.writable,
      collisions: [],
      created: [],
      updated: [],
      verified: false,
    };
  }
  const schema = await provision(api, [...new Set([...channels, ...(known?.channels ?? [])])]);
  if (schema.collisions.length === 0) {
    const values = {
      version: SCHEMA_VERSION,
      models: [...MODEL_IDS],
      channels: [...schema.channels],
      writable: {
        deals: [...schema.writable.deals],
        contacts: [...schema.writable.contacts],
        companies: [...schema.writable.companies],
      },
    };
    await store.saveWritebackStates(portalId, 'deals', [
      { objectId: SCHEMA_STATE_ID, hash: contentHash(values), values, writtenAt: now() },
    ]);
  }
  return { ...schema, verified: true };
}

/** Makes the next run verify the schema in HubSpot again (after a write failed on validation). */
export async function forgetSchema(store: Store, portalId: number, now: number): Promise<void> {
  await store.saveWritebackStates(portalId, 'deals', [
    { objectId: SCHEMA_STATE_ID, hash: 'forgotten', values: {}, writtenAt: now },
  ]);
}
