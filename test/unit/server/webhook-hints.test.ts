import { describe, expect, it } from 'vitest';
import { hintsOf, WebhookEvents } from '../../../src/server/routes/webhooks.js';

const base = { eventId: 1, portalId: 62515, occurredAt: 1_717_171_717_171, attemptNumber: 0 };
const hints = (event: Record<string, unknown>) => hintsOf(WebhookEvents.parse([event])[0]!);

describe('webhook events → change hints', () => {
  it('maps object.* events by objectTypeId, ids as strings', () => {
    expect(
      hints({
        ...base,
        subscriptionType: 'object.propertyChange',
        objectTypeId: '0-3',
        objectId: 512,
        propertyName: 'dealstage',
        propertyValue: 'closedwon',
        changeSource: 'CRM_UI',
      }),
    ).toEqual([
      {
        objectType: 'deals',
        objectId: '512',
        kind: 'propertyChange',
        propertyName: 'dealstage',
        occurredAt: base.occurredAt,
      },
    ]);
    expect(
      hints({ ...base, subscriptionType: 'object.creation', objectTypeId: '0-48', objectId: 7 }),
    ).toEqual([
      { objectType: 'calls', objectId: '7', kind: 'creation', occurredAt: base.occurredAt },
    ]);
  });

  it('maps legacy types (no objectTypeId) by their subscription prefix', () => {
    expect(hints({ ...base, subscriptionType: 'contact.deletion', objectId: 9 })).toMatchObject([
      { objectType: 'contacts', objectId: '9', kind: 'deletion' },
    ]);
    expect(
      hints({ ...base, subscriptionType: 'contact.privacyDeletion', objectId: 9 }),
    ).toMatchObject([{ objectType: 'contacts', kind: 'privacyDeletion' }]);
    expect(hints({ ...base, subscriptionType: 'company.restore', objectId: 3 })).toMatchObject([
      { objectType: 'companies', kind: 'restore' },
    ]);
  });

  it('skips our own write-back properties, so writing back never loops into a resync', () => {
    for (const propertyName of ['attribution_model', 'attribution_revenue_paid_search']) {
      expect(
        hints({
          ...base,
          subscriptionType: 'object.propertyChange',
          objectTypeId: '0-3',
          objectId: 512,
          propertyName,
        }),
      ).toEqual([]);
    }
  });

  it('skips types and kinds the app does not sync', () => {
    expect(
      hints({ ...base, subscriptionType: 'object.creation', objectTypeId: '0-5', objectId: 1 }),
    ).toEqual([]); // tickets
    expect(hints({ ...base, subscriptionType: 'ticket.creation', objectId: 1 })).toEqual([]);
    expect(
      hints({ ...base, subscriptionType: 'object.teleport', objectTypeId: '0-1', objectId: 1 }),
    ).toEqual([]);
  });

  it('gives a merge the surviving id and every id that no longer exists', () => {
    expect(
      hints({
        ...base,
        subscriptionType: 'contact.merge',
        objectId: 100,
        primaryObjectId: 100,
        mergedObjectIds: [101],
        newObjectId: 100,
      }),
    ).toMatchObject([
      { objectType: 'contacts', objectId: '100', kind: 'merge', mergedIds: ['101'] },
    ]);
    // A merge that mints a new id retires the primary too.
    expect(
      hints({
        ...base,
        subscriptionType: 'object.merge',
        objectTypeId: '0-1',
        objectId: 100,
        primaryObjectId: 100,
        mergedObjectIds: [101],
        newObjectId: 200,
      }),
    ).toMatchObject([{ objectId: '200', mergedIds: ['101', '100'] }]);
  });

  it('gives an association change a hint for each end it knows', () => {
    expect(
      hints({
        ...base,
        subscriptionType: 'object.associationChange',
        fromObjectTypeId: '0-3',
        fromObjectId: 512,
        toObjectTypeId: '0-1',
        toObjectId: 201,
        associationRemoved: false,
        associationType: 'DEAL_TO_CONTACT',
      }),
    ).toEqual([
      {
        objectType: 'deals',
        objectId: '512',
        kind: 'associationChange',
        occurredAt: base.occurredAt,
      },
      {
        objectType: 'contacts',
        objectId: '201',
        kind: 'associationChange',
        occurredAt: base.occurredAt,
      },
    ]);
  });
});

describe('webhook payload validation', () => {
  const issues = (body: unknown) => {
    const r = WebhookEvents.safeParse(body);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('accepts unknown extra fields HubSpot may add', () => {
    expect(
      issues([
        { ...base, subscriptionType: 'deal.creation', objectId: 1, changeFlag: 'NEW', isNew: 1 },
      ]),
    ).toEqual([]);
  });

  it('names the event and field of each problem', () => {
    const found = issues([
      { ...base, subscriptionType: 'deal.creation', objectId: 1 },
      { ...base, portalId: 'x', subscriptionType: 'deal.creation', objectId: 1 },
      { ...base, subscriptionType: 'object.propertyChange', objectTypeId: '0-3', objectId: 2 },
      { ...base, subscriptionType: 'object.associationChange', fromObjectId: 1 },
      { ...base, subscriptionType: 'nodot' },
    ]);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^1\.portalId: /),
        '2.propertyName: required',
        '3.toObjectId: required',
        expect.stringMatching(/^4\.subscriptionType: expected "<object>.<kind>"/),
      ]),
    );
    expect(issues({ events: [] })[0]).toMatch(/^: .*array/);
  });
});
