// Model evaluation of a medium-sized portal: 5,000 synthetic deals (EVALUATION_BENCH_DEALS=n for
// another size) of 4–22 touches over 16 channels with sandbox-like planted effects, 10 % open.
// Times the whole evaluatePortal at the defaults (all data-driven models with their predictive
// check and bootstrap, all rule models, agreement, recommendation), and each part on its own:
// predictive checks only (no resample), one learn of each data-driven model on all closed deals,
// and the rule models' shares with their resamples. `cpuMs` is process CPU for the default run.

import { performance } from 'node:perf_hooks';
import { rowsFromJourneys } from '../src/attribution/apply-learned.js';
import { DEFAULT_PREDICTORS, evaluatePortal } from '../src/evaluation/index.js';
import { closedJourneys } from '../src/evaluation/split.js';
import { SANDBOX_LIKE, syntheticJourneys } from '../test/unit/evaluation/synthetic.js';

const DEALS = Number(process.env.EVALUATION_BENCH_DEALS ?? 5000);

const t0 = performance.now();
const journeys = syntheticJourneys({
  deals: DEALS,
  seed: 11,
  channels: SANDBOX_LIKE,
  base: -2.8,
  touches: [4, 22],
  daysToClose: [20, 200],
  openShare: 0.1,
});
const generateMs = performance.now() - t0;

const time = <T>(f: () => T): [T, number] => {
  const start = performance.now();
  const value = f();
  return [value, Math.round(performance.now() - start)];
};

const cpu0 = process.cpuUsage();
const [full, totalMs] = time(() => evaluatePortal(journeys, { seed: 1 }));
const cpu = process.cpuUsage(cpu0);
const [, predictiveMs] = time(() =>
  evaluatePortal(journeys, { seed: 1, bootstrap: 0, ruleModels: [] }),
);
const [, rulesMs] = time(() => evaluatePortal(journeys, { seed: 1, predictors: [] }));
const paths = rowsFromJourneys(closedJourneys(journeys));
const learnMs = Object.fromEntries(
  DEFAULT_PREDICTORS.map((p) => [p.id, time(() => p.fit(paths))[1]] as const),
);
const bootstrap = Object.fromEntries(full.models.map((m) => [m.id, m.resamples]));

process.stdout.write(
  JSON.stringify({
    deals: DEALS,
    touches: journeys.reduce((s, j) => s + j.touches.length, 0),
    split: full.deals,
    generateMs: Math.round(generateMs),
    totalMs,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    predictiveOnlyMs: predictiveMs,
    rulesWithBootstrapMs: rulesMs,
    learnOnceMs: learnMs,
    resamples: bootstrap,
    recommended: full.recommended,
  }) + '\n',
);
