// Admin settings → what the engine takes: journey options, each model's options, role weights and
// the channel classifier. Built once per settings version and reused for every deal, so the
// engine's option caches (keyed by object identity) hit.

import type { ModelId, Settings } from '../domain/index.js';
import {
  getModel,
  parseJourneyOptions,
  type AttributeExtra,
  type JourneyOptions,
} from '../attribution/index.js';
import { portalClassifier, type CompiledRules } from '../channels/index.js';

const DAY_MS = 86_400_000;

export interface EnginePlan {
  readonly settingsVersion: number;
  readonly settings: Settings;
  readonly journeyOptions: JourneyOptions;
  /** Only when the admin has rules: stored touches keep the sync's channel otherwise. */
  readonly classifier: CompiledRules | undefined;
  readonly extra: AttributeExtra | undefined;
  /** Raw options of a rule model (validated by the model), parsed options of a data-driven one. */
  modelOptions(model: ModelId): unknown;
}

export function enginePlan(settings: Settings, settingsVersion: number): EnginePlan {
  const journey = parseJourneyOptions({
    lookbackDays: settings.lookbackDays,
    accountScope: settings.accountScope,
    touchKinds: settings.touchKinds,
    directChannels: settings.directChannels,
    openDealClosing: settings.openDealClosing,
    reactivationSilenceMs: settings.reactivationDays * DAY_MS,
  });
  // The contract schema is stricter than the engine's, so this only fails on a bug.
  if (!journey.ok) throw new Error(`settings v${settingsVersion}: ${journey.message}`);

  const raw: Partial<Record<ModelId, unknown>> = {
    time_decay: { halfLifeDays: settings.halfLifeDays },
    custom: { weights: settings.customWeights },
    markov: { order: settings.markovOrder, useNulls: true },
    // Journeys touching more than 15 channels would fail exact Shapley: estimate those instead
    // (with the engine's stated error bound) rather than give the portal no Shapley at all.
    shapley: { sampling: true },
    shapley_simplified: {},
    // The engine's defaults: penalty 1, 200 bootstrap resamples (the card shows the intervals).
    logistic: {},
  };
  const options = new Map<ModelId, unknown>();
  for (const [id, value] of Object.entries(raw) as [ModelId, unknown][]) {
    const model = getModel(id);
    options.set(id, model.kind === 'rule' ? value : model.options.parse(value));
  }
  const roleWeights = settings.contactRoleWeights;
  return {
    settingsVersion,
    settings,
    journeyOptions: journey.value,
    classifier:
      settings.channelRules.rules.length > 0 ? portalClassifier(settings.channelRules) : undefined,
    extra: Object.keys(roleWeights).length > 0 ? { contactRoleWeights: roleWeights } : undefined,
    modelOptions: (model) => options.get(model),
  };
}

/** The active model first, then the comparison models, each once. */
export function modelsOf(settings: Settings): ModelId[] {
  return [...new Set([settings.model, ...settings.comparisonModels])];
}
