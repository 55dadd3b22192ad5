// Sales engagements (calls, meetings, emails, communications) as touches, plus notes and tasks,
// each associated to its contact and to the deals open at the time (HUBSPOT.md §4 type ids).

import { CALL_DISPOSITIONS } from '../schema.js';
import { type CrmRecord, type ObjectType, associate, createRecord } from '../portal.js';
import { COMMUNICATION_TYPES, ENGAGEMENT_OF, type SalesChannel } from './channels.js';
import type { Ctx } from './context.js';
import { MINUTE_MS, iso } from './random.js';
import { NOTE_BODIES, TASK_SUBJECTS } from './vocabulary.js';

/** Engagement → contact and → deal association type ids; the reverse is each id − 1. */
export const ENGAGEMENT_ASSOCIATIONS: Readonly<
  Record<
    'calls' | 'emails' | 'meetings' | 'notes' | 'tasks' | 'communications',
    { contact: number; deal: number }
  >
> = {
  calls: { contact: 194, deal: 206 },
  emails: { contact: 198, deal: 210 },
  meetings: { contact: 200, deal: 212 },
  notes: { contact: 202, deal: 214 },
  tasks: { contact: 204, deal: 216 },
  communications: { contact: 81, deal: 85 },
};
type EngagementType = keyof typeof ENGAGEMENT_ASSOCIATIONS;

const CALL_OUTCOMES = [
  ['COMPLETED', CALL_DISPOSITIONS.connected, 55],
  ['COMPLETED', CALL_DISPOSITIONS.leftVoicemail, 12],
  ['COMPLETED', CALL_DISPOSITIONS.leftLiveMessage, 5],
  ['NO_ANSWER', CALL_DISPOSITIONS.noAnswer, 15],
  ['BUSY', CALL_DISPOSITIONS.busy, 6],
  ['FAILED', CALL_DISPOSITIONS.wrongNumber, 2],
  ['CANCELED', CALL_DISPOSITIONS.noAnswer, 2],
  ['MISSED', CALL_DISPOSITIONS.noAnswer, 3],
] as const;
const MEETING_OUTCOMES = [
  ['COMPLETED', 78],
  ['NO_SHOW', 8],
  ['RESCHEDULED', 8],
  ['CANCELED', 6],
] as const;
const EMAIL_SUBJECTS = ['Quick question', 'Following up', 'Proposal attached', 'Next steps'];

function properties(
  ctx: Ctx,
  channel: SalesChannel,
  at: number,
  owner: string,
): Record<string, string> {
  const { rng } = ctx;
  const base = { hs_timestamp: iso(at), hubspot_owner_id: owner };
  switch (channel) {
    case 'sales_call': {
      const [status, disposition] = rng.weighted(CALL_OUTCOMES.map((o) => [o, o[2]] as const));
      const connected = disposition === CALL_DISPOSITIONS.connected;
      return {
        ...base,
        hs_call_title: 'Call',
        hs_call_direction: rng.chance(0.85) ? 'OUTBOUND' : 'INBOUND',
        hs_call_status: status,
        hs_call_disposition: disposition,
        hs_call_duration: String(connected ? rng.int(60, 1800) * 1000 : rng.int(0, 40) * 1000),
      };
    }
    case 'sales_meeting': {
      const outcome = rng.weighted(MEETING_OUTCOMES.map((o) => [o[0], o[1]] as const));
      return {
        ...base,
        hs_meeting_title: 'Discovery call',
        hs_meeting_start_time: base.hs_timestamp,
        hs_meeting_end_time: iso(at + rng.pick([30, 45, 60]) * MINUTE_MS),
        hs_meeting_outcome: outcome,
      };
    }
    case 'sales_email':
      return {
        ...base,
        hs_email_subject: rng.pick(EMAIL_SUBJECTS),
        hs_email_direction: rng.chance(0.72) ? 'EMAIL' : 'INCOMING_EMAIL',
        hs_email_status: rng.chance(0.97) ? 'SENT' : 'BOUNCED',
      };
    case 'sales_linkedin':
      return { ...base, hs_communication_channel_type: COMMUNICATION_TYPES.sales_linkedin[0] };
    case 'sales_messaging': {
      const [whatsApp, sms] = COMMUNICATION_TYPES.sales_messaging;
      return { ...base, hs_communication_channel_type: rng.chance(0.6) ? whatsApp : sms };
    }
  }
}

function link(
  ctx: Ctx,
  type: EngagementType,
  rec: CrmRecord,
  contact: CrmRecord,
  deals: readonly CrmRecord[],
  at: number,
): void {
  const ids = ENGAGEMENT_ASSOCIATIONS[type];
  const from = { type: type as ObjectType, id: rec.id };
  associate(
    ctx.portal,
    from,
    { type: 'contacts', id: contact.id },
    { forward: [ids.contact], reverse: [ids.contact - 1] },
    at,
  );
  for (const deal of deals)
    associate(
      ctx.portal,
      from,
      { type: 'deals', id: deal.id },
      { forward: [ids.deal], reverse: [ids.deal - 1] },
      at,
    );
}

/** A sales touch; `deals` are the contact's deals open at `at`. Returns the engagement. */
export function salesTouch(
  ctx: Ctx,
  contact: CrmRecord,
  channel: SalesChannel,
  at: number,
  owner: string,
  deals: readonly CrmRecord[],
): CrmRecord {
  const type = ENGAGEMENT_OF[channel];
  const rec = createRecord(ctx.portal, type, properties(ctx, channel, at, owner), at, 'CRM_UI');
  link(ctx, type, rec, contact, deals, at);
  return rec;
}

/** A note (written at `at`) or a task (due at `due`, done if due before `now`). */
export function noteOrTask(
  ctx: Ctx,
  kind: 'note' | 'task',
  contact: CrmRecord,
  at: number,
  due: number,
  owner: string,
  deals: readonly CrmRecord[],
): CrmRecord {
  const { rng, portal } = ctx;
  const props: Record<string, string> =
    kind === 'note'
      ? { hs_timestamp: iso(at), hubspot_owner_id: owner, hs_note_body: rng.pick(NOTE_BODIES) }
      : {
          hs_timestamp: iso(due),
          hubspot_owner_id: owner,
          hs_task_subject: rng.pick(TASK_SUBJECTS),
          hs_task_status: due < ctx.end ? 'COMPLETED' : 'NOT_STARTED',
          hs_task_priority: rng.pick(['LOW', 'MEDIUM', 'HIGH']),
        };
  const type = kind === 'note' ? 'notes' : 'tasks';
  const rec = createRecord(portal, type, props, at, 'CRM_UI');
  link(ctx, type, rec, contact, deals, at);
  return rec;
}
