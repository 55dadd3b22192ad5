// The sandbox portal generator: a deterministic B2B portal with ~2 years of history, whose deal
// outcomes follow a planted channel model (portal.truth), and the time simulator that keeps it live.

import { OBJECT_TYPES, type Portal, createPortal } from '../portal.js';
import { installStandardSchema } from '../schema.js';
import { compactRecords, generateAccounts, recordCount, setTruth } from './accounts.js';
import { newCtx } from './context.js';
import { junkAll, orphanContact } from './extras.js';
import { DAY_MS, Rng } from './random.js';
import { USD_RATES } from './vocabulary.js';
import {
  SCALE_TARGETS,
  type GenerateOptionsInput,
  type ScaleSpec,
  parseGenerateOptions,
  resolveScale,
} from './scales.js';

export { advancePortal, type AdvanceSummary } from './advance.js';
export { CHANNELS, BASE_LOG_ODDS, winProbability, type Channel } from './channels.js';
export { SCALE_TARGETS, type GenerateOptionsInput, type ScaleSpec } from './scales.js';
export { accountTouches, type Touch } from './touches.js';

/** Default simulated "now": fixed, so output never depends on the wall clock. */
export const DEFAULT_NOW = Date.UTC(2026, 0, 1);
export const DEFAULT_PORTAL_ID = 62515;
/** Accounts are at least this old, so each has had time to do something. */
const MIN_ACCOUNT_AGE_DAYS = 20;
/** Share of a named scale's records that accounts make up; orphan contacts are the rest. */
const ACCOUNT_SHARE = 0.955;

export function generatePortal(options: GenerateOptionsInput): Portal {
  const o = parseGenerateOptions(options);
  const spec = resolveScale(o.scale);
  const now = o.now ?? DEFAULT_NOW;
  const portal = createPortal({
    portalId: o.portalId ?? DEFAULT_PORTAL_ID,
    tier: o.tier ?? 'professional',
    now,
  });
  installStandardSchema(portal);
  enableCurrencies(portal);
  const ctx = newCtx(portal, new Rng(o.seed), now);
  const start = now - spec.historyDays * DAY_MS;
  const latest = now - MIN_ACCOUNT_AGE_DAYS * DAY_MS;
  const target = typeof o.scale === 'string' ? SCALE_TARGETS[o.scale] : undefined;
  let orphans = Math.round(spec.companies * averageGroup(spec) * spec.orphanContactRate);
  if (target === undefined) generateAccounts(ctx, spec, start, latest, now);
  else {
    // Accounts fill most of the target; contacts without a company top it up.
    generateAccounts(ctx, spec, start, latest, now, spec.companies, target * ACCOUNT_SHARE);
    const junk = OBJECT_TYPES.length + target * spec.archiveRate;
    orphans = Math.max(0, Math.round(target - junk - recordCount(portal)));
  }
  const times = Array.from({ length: orphans }, () => ctx.rng.time(start, now));
  const firstExtra = portal.nextId;
  for (const t of times.sort((a, b) => a - b)) orphanContact(ctx, t, now);
  junkAll(ctx, spec.archiveRate, start, now);
  compactRecords(portal, firstExtra);
  setTruth(ctx);
  return portal;
}

/** Like an admin adding currencies: deal_currency_code accepts every currency the deals use. */
function enableCurrencies(portal: Portal): void {
  const def = portal.properties.deals.get('deal_currency_code');
  if (!def) return;
  for (const code of Object.keys(USD_RATES))
    if (!def.options.some((o) => o.value === code))
      def.options.push({
        label: code,
        value: code,
        hidden: false,
        displayOrder: def.options.length,
      });
}

const averageGroup = (spec: ScaleSpec): number =>
  (spec.contactsPerCompany[0] + spec.contactsPerCompany[1]) / 2;
