// Records outside any buying group: contacts with no company (newsletter readers, students) and
// records that were created by mistake and later deleted (archived), a few of every type.

import { type CrmRecord, OBJECT_TYPES, type ObjectType, archiveRecord } from '../portal.js';
import { type SalesChannel, channelSpec } from './channels.js';
import { createCompany, pickCountry } from './companies.js';
import { createContact, visit } from './contacts.js';
import { OWNER_IDS, type Ctx } from './context.js';
import { createDeal } from './deals.js';
import { noteOrTask, salesTouch } from './engagements.js';
import { FIRST_TOUCH_MIX, NURTURE_MIX } from './plan.js';
import { DAY_MS, HOUR_MS } from './random.js';

/** A contact with no company: created by a visit, back a few times, never in a deal. */
export function orphanContact(ctx: Ctx, from: number, to: number): CrmRecord {
  const { rng } = ctx;
  const at = rng.time(from, to);
  const first = rng.weighted(FIRST_TOUCH_MIX.filter(([ch]) => ch !== 'offline'));
  const contact = createContact(ctx, undefined, 4, first, at);
  const visits = rng.poisson(1.2);
  const times: number[] = [];
  for (let i = 0; i < visits; i++) times.push(rng.time(at + HOUR_MS, to));
  times.sort((a, b) => a - b);
  for (const t of times) {
    const ch = rng.weighted(
      NURTURE_MIX.filter(([c]) => channelSpec(c).medium === 'visit' || c === 'email'),
    );
    visit(ctx, contact, ch, t, rng.chance(0.2));
  }
  return contact;
}

const JUNK_CHANNEL: Partial<Record<ObjectType, SalesChannel>> = {
  calls: 'sales_call',
  emails: 'sales_email',
  meetings: 'sales_meeting',
  communications: 'sales_linkedin',
};

/** Creates `n` junk records of `type` in [from, to) and archives each soon after. */
export function junk(ctx: Ctx, type: ObjectType, n: number, from: number, to: number): number {
  const { rng, portal } = ctx;
  const contacts = [...portal.objects.contacts.values()].filter((c) => !c.archived);
  let made = 0;
  for (let i = 0; i < n; i++) {
    const at = rng.time(from, to - 2 * DAY_MS);
    const owner = rng.pick(OWNER_IDS);
    const someone = contacts.length > 0 ? rng.pick(contacts) : undefined;
    let rec: CrmRecord | undefined;
    if (type === 'contacts') rec = createContact(ctx, undefined, 4, 'direct', at);
    else if (type === 'companies') rec = createCompany(ctx, pickCountry(ctx), owner, null, at);
    else if (type === 'deals')
      rec = createDeal(
        ctx,
        { contacts: [], currency: 'USD', owner, expectedClose: at + 30 * DAY_MS, expansion: false },
        at,
      );
    else if (someone && (type === 'notes' || type === 'tasks'))
      rec = noteOrTask(ctx, type === 'notes' ? 'note' : 'task', someone, at, at, owner, []);
    else if (someone) {
      const channel = JUNK_CHANNEL[type];
      if (channel) rec = salesTouch(ctx, someone, channel, at, owner, []);
    }
    if (!rec) continue;
    archiveRecord(portal, type, rec, Math.min(to - 1, at + rng.int(1, 30 * 24) * HOUR_MS));
    made++;
  }
  return made;
}

/** A few deleted records of every type, in proportion to the type's size (at least one). */
export function junkAll(ctx: Ctx, rate: number, from: number, to: number): void {
  const counts = OBJECT_TYPES.map((t) => [t, ctx.portal.objects[t].size] as const);
  for (const [type, size] of counts)
    junk(ctx, type, Math.max(1, Math.round(size * rate)), from, to);
}
