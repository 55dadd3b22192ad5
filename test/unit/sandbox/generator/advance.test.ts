import { describe, expect, it } from 'vitest';
import { advancePortal, generatePortal } from '../../../../sandbox/generator/index.js';
import {
  accountTouches,
  channelsBetween,
  indexEvents,
} from '../../../../sandbox/generator/touches.js';
import { type ChangeEvent, associationsOf, createPortal } from '../../../../sandbox/portal.js';
import { hash, totalRecords } from './helpers.js';

const DAY = 86_400_000;
const make = () => generatePortal({ seed: 21, scale: { companies: 60 } });
const sum = (m: Partial<Record<string, number>>) =>
  Object.values(m).reduce<number>((a, b) => a + (b ?? 0), 0);

describe('advancePortal', () => {
  it('moves now forward and creates, updates and archives records', () => {
    const portal = make();
    const before = totalRecords(portal);
    const from = portal.now;
    const s = advancePortal(portal, 30, 1);
    expect(s.from).toBe(from);
    expect(s.to).toBe(from + 30 * DAY);
    expect(portal.now).toBe(s.to);
    expect(sum(s.created)).toBeGreaterThan(0);
    expect(sum(s.updated)).toBeGreaterThan(0);
    expect(sum(s.archived)).toBeGreaterThan(0);
    expect(totalRecords(portal)).toBe(before + sum(s.created));
    const archivedNow = Object.values(portal.objects).flatMap((m) =>
      [...m.values()].filter((r) => r.archived && (r.archivedAt ?? 0) > from),
    );
    expect(archivedNow.length).toBe(sum(s.archived));
  });

  it('closes deals in the window with outcomes recorded in the truth', () => {
    const portal = make();
    const closedBefore = (portal.truth.deals ?? []).length;
    const s = advancePortal(portal, 120, 2);
    const closedInWindow = [...portal.objects.deals.values()].filter(
      (d) => d.properties.hs_is_closed === 'true' && Date.parse(d.properties.closedate!) > s.from,
    );
    expect(closedInWindow.length).toBeGreaterThan(0);
    const truth = new Map((portal.truth.deals ?? []).map((d) => [d.dealId, d]));
    expect(truth.size).toBe(closedBefore + closedInWindow.length);
    const index = indexEvents(portal);
    for (const d of closedInWindow) {
      expect(truth.get(d.id)?.won, d.id).toBe(d.properties.dealstage === 'closedwon');
      // The outcome was drawn from the channels the data shows for the buying group.
      const company = associationsOf(portal, 'deals', d.id, 'companies')[0]!.toId;
      const created = Date.parse(d.properties.createdate!);
      const seen = channelsBetween(
        accountTouches(portal, company, index),
        created - 365 * DAY,
        Date.parse(d.properties.closedate!),
      );
      expect([...seen].sort(), d.id).toEqual(truth.get(d.id)?.channels);
      expect(Date.parse(d.properties.closedate!)).toBeLessThanOrEqual(s.to);
      expect(Date.parse(d.properties.closedate!)).toBeGreaterThanOrEqual(
        Date.parse(d.properties.createdate!),
      );
    }
  });

  it('is deterministic for the same portal state, days and seed', () => {
    const a = make();
    const b = make();
    expect(advancePortal(a, 14, 9)).toEqual(advancePortal(b, 14, 9));
    expect(hash(a)).toBe(hash(b));
    const c = make();
    advancePortal(c, 14, 10);
    expect(hash(c)).not.toBe(hash(a));
  });

  it('emits its changes through the portal listeners, all inside the window', () => {
    const portal = make();
    const events: ChangeEvent[] = [];
    portal.listeners.push((e) => events.push(e));
    const s = advancePortal(portal, 30, 3);
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of ['creation', 'propertyChange', 'associationChange', 'deletion'] as const)
      expect(kinds.has(k), k).toBe(true);
    expect(events.filter((e) => e.kind === 'creation').length).toBe(sum(s.created));
    expect(events.every((e) => e.at >= s.from && e.at <= s.to)).toBe(true);
    expect(portal.listeners).toHaveLength(1); // its own counting listener is gone
  });

  it('merges duplicate contacts over a long enough window', () => {
    const portal = make();
    const merged = portal.merged.contacts.size;
    const s = advancePortal(portal, 365, 4);
    expect(s.merged).toBeGreaterThan(0);
    expect(portal.merged.contacts.size).toBe(merged + s.merged);
  });

  it('rejects a non-positive number of days', () => {
    const empty = createPortal({ portalId: 1, tier: 'professional', now: Date.UTC(2026, 0, 1) });
    expect(() => advancePortal(empty, 0, 1)).toThrow(/days/);
    expect(() => advancePortal(empty, 1, -5)).toThrow(/seed/);
    expect(empty.now).toBe(Date.UTC(2026, 0, 1));
  });
});
