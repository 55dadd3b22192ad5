// What the evaluation computes is what the store, the API and the settings page accept (the
// domain's schema, extensions/domain/api/evaluation.ts): for an empty, a tiny and a usable portal.
import { it, expect } from 'vitest';
import { evaluatePortal } from '../../../src/evaluation/index.js';
import { evaluationSchema } from '../../../extensions/domain/index.js';
import { SANDBOX_LIKE, syntheticJourneys } from '../../../test/unit/evaluation/synthetic.js';
it('every evaluation parses with the shared schema', () => {
  for (const deals of [0, 5, 300]) {
    const j = syntheticJourneys({
      deals,
      seed: 3,
      channels: SANDBOX_LIKE,
      base: -2.8,
      touches: [1, 12],
      daysToClose: [20, 200],
      openShare: 0.1,
    });
    const e = evaluatePortal(j, { seed: 1, bootstrap: 20 });
    const r = evaluationSchema.safeParse(JSON.parse(JSON.stringify(e)));
    expect(r.success, JSON.stringify(r.error?.issues.slice(0, 3))).toBe(true);
  }
});
