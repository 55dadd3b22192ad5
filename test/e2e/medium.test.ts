// A medium sandbox portal (≈ 88k records, 3k deals) through `start`'s path, in process: one cycle
// of the composed runtime — sync, recompute, evaluation, write-back — with the sandbox's rate
// limits off (this measures what the app holds and recovers, not the sync's pace; that is
// `npm run bench -- large`). Two things are held to account:
// - memory, on the counts: the recompute holds one batch of deals at a time, however many deals
//   the portal has (a 1M-record portal runs the same code: bench/large.ts);
// - planted-truth recovery (issue 11): on the journeys the recompute stored, the logistic model's
//   channel effects rank the channels as the planted effects do (Spearman's ρ ≥ 0.9), better
//   than every rule model and Markov order; the planted revivals mostly carry the reactivation
//   flag on the planted touch. Figures: bench/truth.ts.

import { sandboxRuntime } from '../support/runtime.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../src/app/runtime.js';
import { RULE_MODEL_IDS } from '../../src/domain/index.js';
import type { CycleOutcome } from '../../src/jobs/cycle.js';
import { generatePortal } from '../../sandbox/generator/index.js';
import { startSandbox, type RunningSandbox } from '../../sandbox/index.js';
import { truthFigures, type TruthFigures } from '../support/truth.js';

/** No rate limit on either side. */
const UNLIMITED = 100_000;

let dir: string;
let sb: RunningSandbox;
let runtime: Runtime;
let outcome: CycleOutcome | undefined;
let truth: TruthFigures;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'medium-e2e-'));
  sb = await startSandbox({
    portal: generatePortal({ seed: 1, scale: 'medium' }),
    seed: 1,
    log: () => undefined,
    limits: { burst: UNLIMITED, daily: 100_000_000 },
  });
  runtime = await sandboxRuntime({
    sb,
    dir,
    role: 'worker',
    env: { HUBSPOT_TIER: 'enterprise' },
    onCycle: (o) => {
      outcome = o;
    },
  });
  const portalId = runtime.portalId!;
  runtime.enqueue(portalId, 'sync');
  await runtime.runner.idle();
  truth = await truthFigures(runtime.store, portalId, sb.portal.truth);
}, 300_000);

afterAll(async () => {
  await runtime.close();
  await sb.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a medium portal through start’s path', () => {
  it('syncs, recomputes and writes back every deal', () => {
    expect(outcome?.sync?.ok).toBe(true);
    expect(outcome?.attribution?.scope).toBe('portal');
    expect(outcome?.attribution?.deals.total).toBeGreaterThan(3000);
    expect(outcome?.writeback?.failed).toBe(0);
    expect(outcome?.writeback?.byType.deals.written).toBe(outcome?.attribution?.deals.total);
  });

  it('holds one batch of deals at a time, whatever the portal’s size', () => {
    const a = outcome!.attribution!;
    // Default settings show rule models only: one walk over every deal, batch by batch.
    expect(a.batches.count).toBe(Math.ceil(a.deals.total / a.batches.size));
    expect(a.batches.maxDeals).toBeLessThanOrEqual(a.batches.size);
    expect(a.deals.total).toBeGreaterThan(6 * a.batches.size);
    // A batch's journeys: a few hundred deals' touches, not the portal's.
    expect(a.batches.maxTouches).toBeLessThan(a.batches.size * 100);
  });
});

describe('planted-truth recovery on a medium portal', () => {
  it('has enough closed deals to judge', () => {
    expect(truth.closedDeals).toBeGreaterThan(2000);
  });

  it('logistic ranks the channels as planted (ρ ≥ 0.9)', () => {
    expect(truth.rho.logistic).toBeGreaterThanOrEqual(0.9);
  });

  it('logistic recovers the truth better than every rule model and every Markov order', () => {
    const logistic = truth.rho.logistic!;
    const others = [
      ...RULE_MODEL_IDS.filter((m) => m !== 'custom'),
      'markov_o1',
      'markov_o2',
      'markov_o3',
    ];
    for (const m of others) {
      expect(truth.rho[m], m).not.toBeUndefined();
      expect(truth.rho[m] ?? -1, m).toBeLessThan(logistic - 0.3);
    }
  });

  it('reports every data-driven model', () => {
    for (const m of ['markov_o1', 'markov_o2', 'markov_o3', 'shapley', 'shapley_simplified']) {
      expect(typeof truth.rho[m], m).toBe('number');
    }
  });

  it('finds most planted revivals on the planted touch', () => {
    expect(truth.revivals.planted).toBeGreaterThan(100);
    expect(truth.revivals.flagged / truth.revivals.planted).toBeGreaterThanOrEqual(0.6);
  });
});
