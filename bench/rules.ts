// Rule-model throughput: 100,000 deterministic deals of 50 touches each, every rule model.
// Generating the input (`generateMs`) and journey assembly (`assemblyMs`, assembleJourney alone)
// are timed separately and excluded from the other figures.
//
// `totalMs` (the target) is the bulk path of recomputes and write-back, attributeCents: model
// fractions and cents by largest remainder for every deal and model, model by model.
// `byDealMs` is the same work with the loops swapped (each deal under all 12 models, as a
// recompute of one deal runs, so its data stays in cache); reported beside totalMs, not instead.
// `explainedMs` is the deal card's path, attributeJourney end to end: the same cents plus roles,
// reasons and one Credit per touch; the per-journey columns (journey-index.ts) are built on its
// first use, so their cost lands in its first model's figure.
//
// Both paths must give the same cents: `checksum` (explained, the last touch's cents, as before
// the bulk path existed) must equal `bulkChecksum`, and a position-weighted sum of every cent
// must agree (`centsMatch`), or the run fails. `cpuMs` is process CPU time over all three (wall
// time is inflated when other processes share the machine). RULES_BENCH_DEALS=n for a smaller
// run. Milestones vary: 1/4 of deals have no lead-creation touch, 1/7 no touch before deal
// creation, 1/5 are open (half of those with a PENDING close), a third of the closed are lost.

import { RULE_MODEL_IDS, type RuleModelId, type TouchKind } from '../src/domain/index.js';
import {
  assembleJourney,
  attributeCents,
  attributeJourney,
  parseJourneyOptions,
} from '../src/attribution/index.js';
import type {
  Contact,
  Deal,
  Journey,
  JourneyInput,
  JourneyOptions,
  Touchpoint,
} from '../src/attribution/index.js';
import { mulberry32 } from '../src/kernel/index.js';

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

interface DealInput {
  readonly input: JourneyInput;
  readonly options: JourneyOptions;
}

function generateInputs(): DealInput[] {
  const rand = mulberry32(7);
  const renormalise = opts(false);
  const pending = opts(true);
  const out: DealInput[] = [];
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
    out.push({
      input: { deal, contacts, touches },
      options: open && d % 2 === 0 ? pending : renormalise,
    });
  }
  return out;
}

const t0 = performance.now();
const inputs = generateInputs();
const generateMs = performance.now() - t0;
const t1 = performance.now();
const journeys = inputs.map((d) => assembleJourney(d.input, d.options, NOW));
const assemblyMs = performance.now() - t1;
globalThis.gc?.();

/** Runs `each` over every journey, model by model: wall ms per model and in total. */
function timeModels(each: (journey: Journey, id: RuleModelId) => void) {
  const perModel: Record<string, number> = {};
  let total = 0;
  for (const id of RULE_MODEL_IDS) {
    const start = performance.now();
    for (const j of journeys) each(j, id);
    const ms = performance.now() - start;
    perModel[id] = Math.round(ms);
    total += ms;
  }
  return { perModel, total };
}

// CPU time as well as wall time: on a shared 2-core machine other processes inflate wall time.
const cpu0 = process.cpuUsage();

// Bulk path. One buffer for every deal, as a write-back batch would reuse one.
let bulkChecksum = 0;
let bulkWeighted = 0;
const out = new Float64Array(TOUCHES_PER_DEAL);
const bulk = timeModels((j, id) => {
  const a = attributeCents(j, id, undefined, undefined, out);
  if (a.status !== 'attributed') return;
  const n = j.touches.length;
  bulkChecksum += a.cents[n - 1]!;
  // A local sum: adding into the captured variable per touch costs a memory round trip each.
  let w = 0;
  for (let i = 0; i < n; i++) w += a.cents[i]! * (i + 1);
  bulkWeighted += w;
});

// The bulk path again, deal by deal with every model, as a recompute of one deal runs: the
// journey stays in cache across the 12 models. Reported beside totalMs, not instead of it.
let byDealChecksum = 0;
const byDealStart = performance.now();
for (const j of journeys) {
  for (const id of RULE_MODEL_IDS) {
    const a = attributeCents(j, id, undefined, undefined, out);
    if (a.status === 'attributed') byDealChecksum += a.cents[j.touches.length - 1]!;
  }
}
const byDealMs = performance.now() - byDealStart;

// Explained path (unchanged checksum: the last credit's cents).
let checksum = 0;
let explainedWeighted = 0;
const explained = timeModels((j, id) => {
  const a = attributeJourney(j, id);
  if (a.status !== 'attributed') return;
  const credits = a.credits;
  checksum += credits[credits.length - 1]!.cents;
  let w = 0;
  for (let i = 0; i < credits.length; i++) w += credits[i]!.cents * (i + 1);
  explainedWeighted += w;
});
const totalMs = bulk.total;

const cpu = process.cpuUsage(cpu0);
const centsMatch =
  checksum === bulkChecksum &&
  byDealChecksum === bulkChecksum &&
  bulkWeighted === explainedWeighted;
process.stdout.write(
  JSON.stringify({
    bench: 'rules',
    deals: DEALS,
    touchesPerDeal: TOUCHES_PER_DEAL,
    models: RULE_MODEL_IDS.length,
    totalMs: Math.round(totalMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    perModelMs: bulk.perModel,
    dealsPerSecond: Math.round((DEALS * RULE_MODEL_IDS.length) / (totalMs / 1000)),
    byDealMs: Math.round(byDealMs),
    explainedMs: Math.round(explained.total),
    explainedPerModelMs: explained.perModel,
    generateMs: Math.round(generateMs),
    assemblyMs: Math.round(assemblyMs),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    checksum,
    bulkChecksum,
    centsMatch,
  }) + '\n',
);
if (!centsMatch) {
  process.stderr.write('rules bench: the bulk path and attributeJourney gave different cents\n');
  process.exitCode = 1;
}
