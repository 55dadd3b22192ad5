// Planted-truth recovery: a `small` and a `medium` sandbox portal synced with the default rules,
// each model's channel effects against the planted ones (Spearman's ρ), the planted revivals found.
// Prints one JSON line. BENCH_TRUTH_SCALES=small for a quicker run; BENCH_TRUTH_SEED=n.

import { truthRecovery } from '../test/support/truth.js';

const scales = (process.env.BENCH_TRUTH_SCALES ?? 'small,medium').split(',') as (
  'small' | 'medium'
)[];
const seed = Number(process.env.BENCH_TRUTH_SEED ?? 1);
const out: Record<string, unknown> = {};
for (const scale of scales) {
  const f = await truthRecovery(scale, seed);
  const rho = Object.fromEntries(
    Object.entries(f.rho).map(([m, r]) => [m, r === null ? null : Number(r.toFixed(3))]),
  );
  out[scale] = { closedDeals: f.closedDeals, rho, revivals: f.revivals, ms: f.ms };
}
process.stdout.write(JSON.stringify({ seed, ...out }) + '\n');
