import { beforeAll, describe, expect, it } from 'vitest';
import { SCALE_TARGETS, generatePortal } from '../../../../sandbox/generator/index.js';
import { LIFECYCLE_STAGES } from '../../../../sandbox/schema.js';
import {
  OBJECT_TYPES,
  type ObjectType,
  type Portal,
  associationsOf,
} from '../../../../sandbox/portal.js';
import { ISO_MS, totalRecords } from './helpers.js';

let portal: Portal;
beforeAll(() => {
  portal = generatePortal({ seed: 11, scale: 'small' });
});

const live = (type: ObjectType) => [...portal.objects[type].values()].filter((r) => !r.archived);

describe('portal size', () => {
  it.each(['tiny', 'small'] as const)('%s has its target record count within 15 %%', (scale) => {
    const p = scale === 'small' ? portal : generatePortal({ seed: 3, scale });
    const target = SCALE_TARGETS[scale];
    expect(Math.abs(totalRecords(p) - target) / target).toBeLessThanOrEqual(0.15);
  });

  it('gives even a tiny portal a merged contact and a deleted record of every type', () => {
    const tiny = generatePortal({ seed: 8, scale: 'tiny' });
    expect(tiny.merged.contacts.size).toBeGreaterThan(0);
    for (const t of OBJECT_TYPES)
      expect(
        [...tiny.objects[t].values()].some((r) => r.archived),
        t,
      ).toBe(true);
  });

  it('has every CRM type, a few archived records of each and some merged contacts', () => {
    for (const t of OBJECT_TYPES) {
      const all = [...portal.objects[t].values()];
      expect(all.filter((r) => !r.archived).length, t).toBeGreaterThan(0);
      expect(all.filter((r) => r.archived).length, t).toBeGreaterThan(0);
    }
    expect(portal.merged.contacts.size).toBeGreaterThan(0);
    expect(live('contacts').some((c) => c.properties.hs_merged_object_ids)).toBe(true);
  });
});

describe('associations', () => {
  it('point at existing records in both directions', () => {
    const broken: string[] = [];
    for (const [key, targets] of portal.associations) {
      const [fromType, fromId, toType] = key.split(':') as [ObjectType, string, ObjectType];
      if (!portal.objects[fromType].has(fromId)) broken.push(key);
      for (const toId of targets.keys()) {
        if (!portal.objects[toType].has(toId)) broken.push(`${key} → ${toId}`);
        if (!portal.associations.get(`${toType}:${toId}:${fromType}`)?.has(fromId))
          broken.push(`${key} → ${toId} has no reverse`);
      }
    }
    expect(broken).toEqual([]);
    expect(portal.associations.size).toBeGreaterThan(1000);
  });

  it('uses the HubSpot type ids: contact→company primary, deal→company primary, call→deal', () => {
    const contact = live('contacts').find((c) => c.properties.associatedcompanyid)!;
    const company = associationsOf(portal, 'contacts', contact.id, 'companies')[0];
    expect(company?.typeIds).toEqual([1, 279]);
    expect(associationsOf(portal, 'companies', company!.toId, 'contacts')[0]?.typeIds).toEqual([
      280,
    ]);
    const deal = live('deals').find(
      (d) => associationsOf(portal, 'deals', d.id, 'companies').length,
    )!;
    expect(associationsOf(portal, 'deals', deal.id, 'companies')[0]?.typeIds).toEqual([5, 341]);
    const call = live('calls').find((c) => associationsOf(portal, 'calls', c.id, 'deals').length)!;
    expect(associationsOf(portal, 'calls', call.id, 'deals')[0]?.typeIds).toEqual([206]);
    expect(associationsOf(portal, 'calls', call.id, 'contacts')[0]?.typeIds).toEqual([194]);
  });

  it('leaves some contacts without a company and some deals without a contact', () => {
    expect(
      live('contacts').some((c) => !associationsOf(portal, 'contacts', c.id, 'companies').length),
    ).toBe(true);
    expect(
      live('deals').some((d) => !associationsOf(portal, 'deals', d.id, 'contacts').length),
    ).toBe(true);
  });
});

describe('properties and histories', () => {
  it('keeps histories oldest-first and ending in the current value', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const t of OBJECT_TYPES)
      for (const r of portal.objects[t].values())
        for (const [name, versions] of Object.entries(r.history)) {
          checked++;
          for (let i = 1; i < versions.length; i++)
            if (versions[i]!.timestamp < versions[i - 1]!.timestamp)
              broken.push(`${t} ${r.id} ${name} out of order`);
          if (versions.at(-1)?.value !== r.properties[name])
            broken.push(`${t} ${r.id} ${name} stale`);
        }
    expect(broken.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(100_000);
  });

  it('writes only schema properties, with valid options and ISO datetimes with ms', () => {
    const broken: string[] = [];
    for (const t of OBJECT_TYPES)
      for (const r of portal.objects[t].values())
        for (const [name, value] of Object.entries(r.properties)) {
          const def = portal.properties[t].get(name);
          const at = `${t}.${name}=${String(value)}`;
          if (!def) broken.push(`${t}.${name} not in schema`);
          if (value === null || !def) continue;
          if (def.options.length > 0 && !def.options.some((o) => o.value === value))
            broken.push(at);
          if (def.type === 'datetime' && !ISO_MS.test(value)) broken.push(at);
          if (def.type === 'number' && !Number.isFinite(Number(value))) broken.push(at);
        }
    expect(broken.slice(0, 10)).toEqual([]);
  });

  it('moves lifecycle stages only forward, stamping each stage entered', () => {
    const order = (s: string | null) =>
      LIFECYCLE_STAGES.indexOf(s as (typeof LIFECYCLE_STAGES)[number]);
    const broken: string[] = [];
    for (const c of portal.objects.contacts.values()) {
      const stages = (c.history.lifecyclestage ?? []).map((v) => order(v.value));
      for (let i = 1; i < stages.length; i++)
        if (stages[i]! <= stages[i - 1]!) broken.push(`${c.id} moved back`);
      const stage = c.properties.lifecyclestage!;
      if (!ISO_MS.test(c.properties[`hs_lifecyclestage_${stage}_date`] ?? '')) broken.push(c.id);
      if (!ISO_MS.test(c.properties[`hs_v2_date_entered_${stage}`] ?? '')) broken.push(c.id);
    }
    expect(broken).toEqual([]);
    const customers = live('contacts').filter((c) => c.properties.lifecyclestage === 'customer');
    expect(customers.length).toBeGreaterThan(0);
  });

  it('gives contacts several latest-source visits and form conversions', () => {
    const contacts = live('contacts');
    const multi = contacts.filter((c) => (c.history.hs_latest_source_timestamp?.length ?? 0) >= 3);
    expect(multi.length).toBeGreaterThan(contacts.length / 20);
    const converted = contacts.filter((c) => Number(c.properties.num_conversion_events) > 0);
    expect(converted.length).toBeGreaterThan(0);
    for (const c of converted) {
      expect(c.properties.first_conversion_date! <= c.properties.recent_conversion_date!).toBe(
        true,
      );
      expect(c.history.recent_conversion_date?.length).toBe(
        Number(c.properties.num_conversion_events),
      );
    }
  });

  it('closes deals at or after creation, with consistent closed flags and amounts', () => {
    const deals = live('deals');
    const closed = deals.filter((d) => d.properties.hs_is_closed === 'true');
    expect(closed.length).toBeGreaterThan(0);
    for (const d of closed) {
      expect(Date.parse(d.properties.closedate!)).toBeGreaterThanOrEqual(
        Date.parse(d.properties.createdate!),
      );
      const won = d.properties.dealstage === 'closedwon';
      expect(d.properties.hs_is_closed_won).toBe(String(won));
      expect(d.properties.hs_is_closed_lost).toBe(String(!won));
      expect(d.history.dealstage?.[0]?.value).toBe('appointmentscheduled');
    }
    for (const d of deals) expect(d.properties.amount).toMatch(/^\d+(\.\d{2})?$/);
    const currencies = new Set(deals.map((d) => d.properties.deal_currency_code));
    expect(currencies.size).toBeGreaterThanOrEqual(3);
  });

  it('writes email events, event participations and sales engagement details', () => {
    expect(new Set(portal.emailEvents.map((e) => e.type))).toEqual(
      new Set(['SENT', 'DELIVERED', 'OPEN', 'CLICK']),
    );
    const states = new Set(portal.participations.map((p) => p.attendanceState));
    expect(states.has('ATTENDED')).toBe(true);
    const emails = new Set(live('contacts').map((c) => c.properties.email));
    expect(
      portal.emailEvents.filter((e) => e.type === 'CLICK').some((e) => emails.has(e.recipient)),
    ).toBe(true);
    const call = live('calls')[0]!;
    expect(call.properties.hs_call_disposition).toMatch(/^[0-9a-f-]{36}$/);
    expect(call.properties.hubspot_owner_id).toMatch(/^\d+$/);
    const kinds = new Set(
      live('communications').map((c) => c.properties.hs_communication_channel_type),
    );
    expect(kinds.has('LINKEDIN_MESSAGE')).toBe(true);
  });
});
