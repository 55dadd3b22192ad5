// The settings page's model evaluation: the portal's latest stored evaluation, checked against
// the domain's schema. Read-only — the web role never computes one: a worker does, after a
// recompute, and stores it (Store.saveEvaluation).

import { evaluationSchema, type EvaluationBody } from '../domain/index.js';
import type { Store } from '../store/index.js';

export interface EvaluationReadService {
  evaluation(portalId: number): Promise<EvaluationBody>;
}

export interface EvaluationReadDeps {
  readonly store: Pick<Store, 'latestEvaluation'>;
  /** Told when a stored evaluation does not match the contract (e.g. written by an older app). */
  readonly onUnreadable?: (portalId: number, problem: string) => void;
}

export const NOT_EVALUATED_YET =
  'No model evaluation has been computed for this portal yet; it is computed after the next recompute.';

export function createEvaluationReadService(deps: EvaluationReadDeps): EvaluationReadService {
  return {
    async evaluation(portalId) {
      const stored = await deps.store.latestEvaluation(portalId);
      if (stored === undefined)
        return { status: 'not_evaluated', portalId, reason: NOT_EVALUATED_YET };
      const parsed = evaluationSchema.safeParse(stored.evaluation);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const problem = `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`;
        deps.onUnreadable?.(portalId, problem);
        return {
          status: 'not_evaluated',
          portalId,
          reason:
            'The stored model evaluation is in a format this version of the app does not read; the next recompute replaces it.',
        };
      }
      return {
        status: 'ok',
        portalId,
        computedAt: stored.computedAt,
        settingsVersion: stored.settingsVersion,
        evaluation: parsed.data,
      };
    },
  };
}
