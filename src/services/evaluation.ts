// A portal's model evaluation (src/evaluation/), computed from the store under the portal's
// settings and saved for the settings page. Only the worker role (the job cycle) and the CLI
// compute one; the web role reads the stored one (evaluation-read.ts).

import type { RuleModelId } from '../domain/index.js';
import { DEFAULT_EVALUATION_SEED, evaluatePortal, type Evaluation } from '../evaluation/index.js';
import type { JsonValue, Store } from '../store/index.js';
import { storedJourneys } from './journeys.js';
import type { SettingsService } from './settings.js';

/** An evaluation older than this is computed again after the next recompute. */
export const EVALUATION_MAX_AGE_MS = 6 * 3_600_000;

export interface EvaluateRequest {
  /** ms since epoch; default: the close date that leaves the latest 30 % of closed deals. */
  readonly cutoff?: number;
  readonly seed?: number;
}

export interface ComputedEvaluation {
  readonly computedAt: number;
  readonly settingsVersion: number;
  readonly evaluation: Evaluation;
}

export interface EvaluationService {
  /** Evaluates the portal's stored journeys now (nothing saved). */
  evaluate(portalId: number, request?: EvaluateRequest): Promise<ComputedEvaluation>;
  /** evaluate, then save as the portal's latest. */
  evaluateAndSave(portalId: number, request?: EvaluateRequest): Promise<ComputedEvaluation>;
  /**
   * After a recompute: evaluates and saves when the stored evaluation is missing, from another
   * settings version or older than EVALUATION_MAX_AGE_MS; undefined when it is still current.
   */
  refresh(portalId: number): Promise<ComputedEvaluation | undefined>;
}

export interface EvaluationDeps {
  readonly store: Store;
  readonly settings: SettingsService;
  readonly now?: () => number;
  readonly maxAgeMs?: number;
}

export function createEvaluationService(deps: EvaluationDeps): EvaluationService {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const maxAge = deps.maxAgeMs ?? EVALUATION_MAX_AGE_MS;

  const service: EvaluationService = {
    async evaluate(portalId, request = {}) {
      const at = now();
      const { plan, journeys } = await storedJourneys(store, deps.settings, portalId, {
        closedOnly: true,
      });
      const ruleOptions: Partial<Record<RuleModelId, unknown>> = {
        time_decay: plan.modelOptions('time_decay'),
        custom: plan.modelOptions('custom'),
      };
      const evaluation = evaluatePortal(journeys, {
        seed: request.seed ?? DEFAULT_EVALUATION_SEED,
        ...(request.cutoff === undefined ? {} : { cutoff: request.cutoff }),
        ruleOptions,
        ...(plan.extra === undefined ? {} : { extra: plan.extra }),
      });
      return { computedAt: at, settingsVersion: plan.settingsVersion, evaluation };
    },

    async evaluateAndSave(portalId, request) {
      const computed = await service.evaluate(portalId, request);
      await store.saveEvaluation(portalId, {
        computedAt: computed.computedAt,
        settingsVersion: computed.settingsVersion,
        // Plain JSON by construction (src/evaluation/types.ts); the store checks the schema.
        evaluation: computed.evaluation as unknown as JsonValue,
      });
      return computed;
    },

    async refresh(portalId) {
      const [stored, current] = await Promise.all([
        store.latestEvaluation(portalId),
        deps.settings.get(portalId),
      ]);
      const fresh =
        stored !== undefined &&
        stored.settingsVersion === current.version &&
        now() - stored.computedAt < maxAge;
      return fresh ? undefined : service.evaluateAndSave(portalId);
    },
  };
  return service;
}
