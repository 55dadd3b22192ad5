// Rule-model throughput: 100,000 deterministic deals of 50 touches each, every rule model.
// Journey assembly is timed separately (`assemblyMs`) and excluded from `totalMs`, which covers
// attributeJourney end to end: model fractions, cents by largest remainder, roles and reasons,
// one Credit object per touch. The per-journey columns (journey-index.ts) are built on first use,
// so their cost lands in the first model's figure. `cpuMs` is process CPU time over the same span
// (wall time is inflated when other processes share the machine). RULES_BENCH_DEALS=n for a
// smaller run. Milestones vary: 1/4 of deals have no lead-creation touch, 1/7 no touch before
// deal creation, 1/5 are open (half of those with a PENDING close), a third of the closed are lost.

import {
  assembleJourney,
  attributeJourney,
  parseJourneyOptions,
  RULE_MODEL_IDS,
} from '../src/attribution/index.js';
import type { Contact, Deal, Journey, Touchpoint, TouchKind } from '../src/attribution/index.js';
import { mulberry32 } from './generate-paths.js';

const DEALS = Number(process.env.RULES_BENCH_DEALS ?? 100_000);
const TOUCHES_PER_DEAL = 50;
const DAY = 86_400_000;
const NOW = Date.UTC(2025, 0, 1);
const CHANNELS = [
  'direct',
  'paid_search',
  'organic',
  'email',
  'webinar',
  'social',
  'referral',
  'sales_meeting',
  'call',
  'display',
];
const KINDS: readonly TouchKind[] = [
  'visit',
  'form_submission',
  'email_click',
  'event',
  'meeting',
  'call',
];

function opts(pending: boolean) {
  const r = parseJourneyOptions({ openDealClosing: pending ? 'pending' : 'renormalise' });
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

function buildJourneys(): Journey[] {
  const rand = mulberry32(7);
  const renormalise = opts(false);
  const pending = opts(true);
  const out: Journey[] = [];
  for (let d = 0; d < DEALS; d++) {
    const createdAt = NOW - Math.floor((200 + rand() * 300) * DAY);
    const open = d % 5 === 0;
    const closedAt = createdAt + Math.floor((20 + rand() * 150) * DAY);
    const contacts: Contact[] = [0, 1, 2].map((k) => ({
      id: `d${d}c${k}`,
      createdAt: createdAt - Math.floor(rand() * 200 * DAY),
    }));
    const noLc = d % 4 === 1;
    const noOc = d % 7 === 3;
    const from = noOc ? createdAt + DAY : createdAt - 300 * DAY;
    const to = open ? NOW : closedAt;
    const touches: Touchpoint[] = [];
    for (let i = 0; i < TOUCHES_PER_DEAL; i++) {
      const c = contacts[Math.floor(rand() * 3)]!;
      const kind = KINDS[Math.floor(rand() * KINDS.length)]!;
      touches.push({
        id: `d${d}t${String(i).padStart(2, '0')}`,
        occurredAt: from + Math.floor(rand() * (to - from)),
        contactIds: [c.id],
        channel: CHANNELS[Math.floor(rand() * CHANNELS.length)]!,
        kind,
        team: kind === 'meeting' || kind === 'call' ? 'sales' : 'marketing',
        ...(!noLc && i === 3 ? { createdContactIds: [contacts[0]!.id] } : {}),
      });
    }
    const deal: Deal = {
      id: `d${d}`,
      amount: { cents: 100_000 + Math.floor(rand() * 10_000_000), currency: 'USD' },
      createdAt,
      ...(open ? {} : { closedAt }),
      stage: open ? 'open' : d % 3 === 0 ? 'lost' : 'won',
      contactIds: contacts.map((c) => c.id),
      companyIds: [],
    };
    out.push(
      assembleJourney(
        { deal, contacts, touches },
        open && d % 2 === 0 ? pending : renormalise,
        NOW,
      ),
    );
  }
  return out;
}

const t0 = performance.now();
const journeys = buildJourneys();
const assemblyMs = performance.now() - t0;
globalThis.gc?.();

const perModelMs: Record<string, number> = {};
let totalMs = 0;
// CPU time as well as wall time: on a shared 2-core machine other processes inflate wall time.
const cpu0 = process.cpuUsage();
let checksum = 0;
for (const id of RULE_MODEL_IDS) {
  const start = performance.now();
  for (const j of journeys) {
    const a = attributeJourney(j, id);
    if (a.status === 'attributed') checksum += a.credits[a.credits.length - 1]!.cents;
  }
  const ms = performance.now() - start;
  perModelMs[id] = Math.round(ms);
  totalMs += ms;
}

const cpu = process.cpuUsage(cpu0);
process.stdout.write(
  JSON.stringify({
    bench: 'rules',
    deals: DEALS,
    touchesPerDeal: TOUCHES_PER_DEAL,
    models: RULE_MODEL_IDS.length,
    totalMs: Math.round(totalMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    perModelMs,
    dealsPerSecond: Math.round((DEALS * RULE_MODEL_IDS.length) / (totalMs / 1000)),
    assemblyMs: Math.round(assemblyMs),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    checksum,
  }) + '\n',
);
