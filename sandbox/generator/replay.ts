// Replays an account plan step by step (time order) through the writers, so every record's
// history is oldest-first and each change is a portal.ts mutation that webhooks can see.

import { type CrmRecord, mergeRecords } from '../portal.js';
import {
  ENGAGEMENT_OF,
  type EventChannel,
  type SalesChannel,
  SOURCE_OF,
  channelSpec,
} from './channels.js';
import { companyStage, createCompany, editHeadcount, linkContact } from './companies.js';
import { advanceLifecycle, createContact, editContact, visit } from './contacts.js';
import type { Account, Ctx } from './context.js';
import { closeDeal, createDeal, editAmount, expectedClose, moveStage } from './deals.js';
import { noteOrTask, salesTouch } from './engagements.js';
import { emailSendOnly, participation } from './marketing.js';
import type { Step } from './plan.js';

export function replayAccount(ctx: Ctx, acct: Account): void {
  for (const step of acct.plan.steps) applyStep(ctx, acct, step);
}

const live = (r: CrmRecord | undefined): r is CrmRecord => r !== undefined && !r.archived;

/** The account's deals open at `at` that include contact `c` (or no contact at all). */
function openDeals(acct: Account, c: number, at: number): CrmRecord[] {
  const out: CrmRecord[] = [];
  acct.plan.deals.forEach((pd, d) => {
    const rec = acct.deals[d];
    if (!rec || at < pd.createdAt || at > pd.closeAt) return;
    if (pd.contacts.length === 0 || pd.contacts.includes(c)) out.push(rec);
  });
  return out;
}

export function applyStep(ctx: Ctx, acct: Account, s: Step): void {
  const { portal } = ctx;
  switch (s.kind) {
    case 'company': {
      const first = acct.plan.steps.find((x) => x.kind === 'contact');
      const source = first?.kind === 'contact' ? (SOURCE_OF[first.channel] ?? null) : null;
      acct.company = createCompany(ctx, acct.country, acct.owner, source, s.at);
      return;
    }
    case 'contact': {
      const pc = acct.plan.contacts[s.c];
      const dup = pc?.dupOf === undefined ? undefined : acct.contacts[pc.dupOf];
      const rec = createContact(ctx, acct, pc?.role ?? 4, s.channel, s.at, dup);
      acct.contacts[s.c] = rec;
      if (acct.company) linkContact(ctx, acct.company, rec, s.at);
      return;
    }
    case 'touch': {
      const contact = acct.contacts[s.c];
      if (!live(contact)) return;
      const medium = channelSpec(s.channel).medium;
      let recordId: string | undefined;
      if (medium === 'visit' || medium === 'email') {
        visit(ctx, contact, s.channel, s.at, s.convert === true);
        if (medium === 'email') {
          recordId = String(portal.emailEvents.length);
          const colleague = acct.contacts.find((x) => live(x) && x !== contact);
          if (colleague && ctx.rng.chance(0.4)) emailSendOnly(ctx, colleague, s.at);
        }
      } else if (medium === 'participation') {
        recordId = participation(ctx, contact, s.channel as EventChannel, s.at);
        advanceLifecycle(ctx, contact, 'marketingqualifiedlead', s.at);
      } else {
        const deals = openDeals(acct, s.c, s.at);
        const rec = salesTouch(ctx, contact, s.channel as SalesChannel, s.at, acct.owner, deals);
        recordId = rec.id;
        advanceLifecycle(ctx, contact, 'salesqualifiedlead', s.at);
      }
      if (s.revival && acct.company) {
        const silence = acct.plan.deals[0]?.revived?.silenceDays ?? 0;
        acct.pendingRevival = {
          companyId: acct.company.id,
          contactId: contact.id,
          channel: s.channel,
          occurredAt: s.at,
          silenceDays: Math.round(silence * 100) / 100,
          medium:
            medium === 'engagement'
              ? ENGAGEMENT_OF[s.channel as SalesChannel]
              : medium === 'email'
                ? 'emailEvent'
                : medium,
          ...(recordId === undefined ? {} : { recordId }),
        };
      }
      return;
    }
    case 'note':
    case 'task': {
      const contact = acct.contacts[s.c];
      if (!live(contact)) return;
      const due = s.kind === 'task' ? s.due : s.at;
      noteOrTask(ctx, s.kind, contact, s.at, due, acct.owner, openDeals(acct, s.c, s.at));
      return;
    }
    case 'deal': {
      const pd = acct.plan.deals[s.d];
      if (!pd) return;
      const contacts = pd.contacts.map((c) => acct.contacts[c]).filter(live);
      const deal = createDeal(
        ctx,
        {
          ...(acct.company ? { company: acct.company } : {}),
          contacts,
          currency: acct.currency,
          owner: acct.owner,
          expectedClose: pd.closed ? expectedClose(ctx, s.at) : pd.closeAt,
          expansion: pd.expansion,
        },
        s.at,
      );
      acct.deals[s.d] = deal;
      for (const c of contacts) advanceLifecycle(ctx, c, 'opportunity', s.at);
      if (acct.company) companyStage(ctx, acct.company, 'opportunity', s.at);
      if (pd.revived && acct.pendingRevival) {
        ctx.revivals.push({ dealId: deal.id, ...acct.pendingRevival });
        delete acct.pendingRevival;
      }
      return;
    }
    case 'dealStage': {
      const deal = acct.deals[s.d];
      if (live(deal)) moveStage(ctx, deal, s.stage, s.at);
      return;
    }
    case 'close': {
      const pd = acct.plan.deals[s.d];
      const deal = acct.deals[s.d];
      if (!pd || !live(deal)) return;
      closeDeal(ctx, deal, pd.won, s.at);
      ctx.dealTruth.push({
        dealId: deal.id,
        channels: pd.channels,
        probability: pd.probability,
        won: pd.won,
      });
      if (pd.won) {
        for (const c of pd.contacts.map((i) => acct.contacts[i]).filter(live))
          advanceLifecycle(ctx, c, 'customer', s.at);
        if (acct.company) companyStage(ctx, acct.company, 'customer', s.at);
      }
      return;
    }
    case 'merge': {
      const winner = acct.contacts[s.into];
      const loser = acct.contacts[s.c];
      if (live(winner) && live(loser)) mergeRecords(portal, 'contacts', winner, loser, s.at);
      return;
    }
    case 'edit': {
      const contact = acct.contacts[s.c];
      if (live(contact)) editContact(ctx, contact, s.field, s.at);
      return;
    }
    case 'companyEdit':
      if (live(acct.company)) editHeadcount(ctx, acct.company, s.at);
      return;
    case 'amount': {
      const deal = acct.deals[s.d];
      if (live(deal) && deal.properties.hs_is_closed !== 'true') editAmount(ctx, deal, s.at);
      return;
    }
  }
}
