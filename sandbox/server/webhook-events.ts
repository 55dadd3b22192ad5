// Portal change events → HubSpot webhook payload objects (HUBSPOT.md §5): `object.*` types with
// objectTypeId, or legacy `contact.*`/`company.*`/`deal.*` types without it. objectId is a number.

import { OBJECT_TYPE_IDS, SINGULAR, type ChangeEvent, type ObjectType } from '../portal.js';

export type WebhookStyle = 'object' | 'legacy';
export type WebhookEvent = Record<string, unknown> & { eventId: number; attemptNumber: number };

const LEGACY_TYPES: readonly ObjectType[] = ['contacts', 'companies', 'deals'];

/** A stable subscription id per subscription type, like one subscription row in the app. */
function subscriptionId(type: string): number {
  let h = 0;
  for (const c of type) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 1000 + (h % 9000);
}

export function toWebhookEvent(
  e: ChangeEvent,
  style: WebhookStyle,
  ids: { eventId: number; portalId: number; appId: number },
): WebhookEvent | undefined {
  if (style === 'legacy' && !LEGACY_TYPES.includes(e.type)) return undefined;
  const subscriptionType =
    style === 'legacy' ? `${SINGULAR[e.type]}.${e.kind}` : `object.${e.kind}`;
  const base: WebhookEvent = {
    eventId: ids.eventId,
    subscriptionId: subscriptionId(subscriptionType),
    portalId: ids.portalId,
    appId: ids.appId,
    occurredAt: e.at,
    subscriptionType,
    attemptNumber: 0,
    objectId: Number(e.id),
    ...(style === 'object' ? { objectTypeId: OBJECT_TYPE_IDS[e.type] } : {}),
    changeFlag: e.kind === 'creation' ? 'CREATED' : e.kind === 'deletion' ? 'DELETED' : undefined,
    changeSource: 'source' in e ? e.source : 'API',
  };
  if (base['changeFlag'] === undefined) delete base['changeFlag'];
  switch (e.kind) {
    case 'propertyChange':
      return { ...base, propertyName: e.property, propertyValue: e.value ?? '' };
    case 'associationChange':
      return {
        ...base,
        associationType: `${SINGULAR[e.type]}_TO_${SINGULAR[e.toType]}`.toUpperCase(),
        fromObjectId: Number(e.id),
        toObjectId: Number(e.toId),
        fromObjectTypeId: OBJECT_TYPE_IDS[e.type],
        toObjectTypeId: OBJECT_TYPE_IDS[e.toType],
        associationRemoved: e.removed,
        isPrimaryAssociation: false,
      };
    case 'merge':
      return {
        ...base,
        primaryObjectId: Number(e.id),
        mergedObjectIds: e.mergedIds.map(Number),
        newObjectId: Number(e.id),
      };
    default:
      return base;
  }
}
