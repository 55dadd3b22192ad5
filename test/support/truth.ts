// Planted-truth recovery (issue 11 item 4), shared by test/e2e/medium.test.ts and bench/truth.ts:
// a generated sandbox portal (whose win probabilities come from planted channel effects) is
// synced through the real HubSpot layer with the app's default rules, its journeys assembled and
// stored by the app's recompute under default settings, and each model's channel effects
// compared with the planted ones by Spearman's ρ. The planted revivals are looked up among the
// journeys' reactivation flags.

import { spearman } from '../../src/evaluation/metrics.js';
import { channelEffects, evaluatePortal } from '../../src/evaluation/index.js';
import { generatePortal } from '../../sandbox/generator/index.js';
import { startSandbox } from '../../sandbox/index.js';
import type { PlantedTruth } from '../../sandbox/portal.js';
import { createAttributionService } from '../../src/services/attribute.js';
import { storedJourneys } from '../../src/services/journeys.js';
import { createSettingsService } from '../../src/services/settings.js';
import { openStore, type Store } from '../../src/store/index.js';
import { syncOnce } from '../e2e/sync-fixture.js';

export interface TruthFigures {
  readonly closedDeals: number;
  /** Spearman's ρ of each model's channel effects (data-driven) or shares (rule) vs the planted. */
  readonly rho: Readonly<Record<string, number | null>>;
  /** Planted revivals whose reviving touch carries the journey's reactivation flag. */
  readonly revivals: { readonly planted: number; readonly flagged: number };
}

export interface TruthRecovery extends TruthFigures {
  readonly scale: 'small' | 'medium';
  readonly seed: number;
  readonly ms: { readonly sync: number; readonly evaluate: number };
}

/** No rate limit on either side: this measures the models, not the sync. */
const UNLIMITED = 100_000;

export async function truthRecovery(
  scale: 'small' | 'medium',
  seed: number,
): Promise<TruthRecovery> {
  const sb = await startSandbox({
    portal: generatePortal({ seed, scale }),
    seed,
    log: () => undefined,
    limits: { burst: UNLIMITED, daily: 100_000_000 },
  });
  const store = await openStore('sqlite::memory:');
  try {
    const t0 = Date.now();
    const sync = await syncOnce(sb, store, { burst: UNLIMITED });
    if (!sync.ok) throw new Error('truth recovery: the sync failed');
    const syncMs = Date.now() - t0;
    const truth = sb.portal.truth;

    const t1 = Date.now();
    const settings = createSettingsService({ store });
    // The journeys as the app's recompute assembles and stores them (the read model).
    await createAttributionService({ store, settings }).attributePortal(sb.portalId);
    const figures = await truthFigures(store, sb.portalId, truth);
    return { scale, seed, ...figures, ms: { sync: syncMs, evaluate: Date.now() - t1 } };
  } finally {
    await store.close();
    await sb.close();
  }
}

/** The figures from what the app's last recompute stored (the read model) for the portal. */
export async function truthFigures(
  store: Store,
  portalId: number,
  truth: PlantedTruth,
): Promise<TruthFigures> {
  const settings = createSettingsService({ store });
  const { journeys } = await storedJourneys(store, settings, portalId);
  const planted = new Map(truth.channels.map((c) => [c.channel, c.effect] as const));
  const rhoOf = (values: Readonly<Record<string, number>>): number | null => {
    const channels = [...planted.keys()].filter((c) => c in values);
    return spearman(
      channels.map((c) => values[c]!),
      channels.map((c) => planted.get(c)!),
    );
  };
  const rho: Record<string, number | null> = {};
  for (const m of channelEffects(journeys))
    rho[m.id] = m.effects === null ? null : rhoOf(m.effects);
  const rules = evaluatePortal(journeys, { seed: 1, bootstrap: 0, predictors: [] });
  for (const m of rules.models) {
    rho[m.id] = rhoOf(
      Object.fromEntries(Object.entries(m.channelShares).map(([c, s]) => [c, s.share])),
    );
  }

  const byDeal = new Map(journeys.map((j) => [j.deal.id, j] as const));
  const revivals = truth.revivals ?? [];
  let flagged = 0;
  for (const r of revivals) {
    const j = byDeal.get(r.dealId);
    if (j === undefined) continue;
    const hit = j.reactivations.some((i) => {
      const t = j.touches[i]!;
      return t.occurredAt === r.occurredAt && t.channel === r.channel;
    });
    if (hit) flagged++;
  }
  return {
    closedDeals: journeys.filter((j) => j.deal.stage !== 'open').length,
    rho,
    revivals: { planted: revivals.length, flagged },
  };
}
