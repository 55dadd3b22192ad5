// The data-driven models' learning (ATTRIBUTION.md §4.5): from the path counts the store keeps
// per portal (one GROUP BY over the stored journeys' paths, never the journeys themselves), saved
// per portal so targeted recomputes between the scheduled ones apply the same weights.

import { z } from 'zod';
import { getModel, PathSetBuilder, type LearnedModel } from '../../attribution/index.js';
import type { DataDrivenModelId } from '../../domain/index.js';
import type { JsonValue, Store } from '../../store/index.js';
import type { EnginePlan } from '../engine-plan.js';

export type Learned =
  | { readonly ok: true; readonly value: LearnedModel }
  | { readonly ok: false; readonly error: string; readonly message: string };

/** Learns every model from the portal's path counts and saves what it learned (or why not). */
export async function learnFromCounts(
  store: Store,
  plan: EnginePlan,
  portalId: number,
  models: readonly DataDrivenModelId[],
  at: number,
): Promise<Map<DataDrivenModelId, Learned>> {
  const out = new Map<DataDrivenModelId, Learned>();
  if (models.length === 0) return out;
  const builder = new PathSetBuilder();
  for (const c of await store.pathCounts(portalId)) {
    builder.addNames(
      c.channels === '' ? [] : c.channels.split(' > '),
      c.conversions,
      c.nulls,
      c.value,
    );
  }
  const paths = builder.build();
  for (const model of models) {
    const m = getModel(model);
    if (m.kind !== 'data_driven') throw new Error(`${model} is not data-driven`);
    const r = m.learn(paths, plan.modelOptions(model));
    out.set(
      model,
      r.ok
        ? { ok: true, value: r.value }
        : { ok: false, error: r.error, message: unavailableMessage(r.error, r.message) },
    );
  }
  await store.saveLearnedModels(
    portalId,
    [...out].map(([model, learned]) => ({
      model,
      settingsVersion: plan.settingsVersion,
      computedAt: at,
      // Plain data by construction (numbers, strings, arrays).
      learned: learned as unknown as JsonValue,
    })),
  );
  return out;
}

const learnedSchema = z.union([
  z.looseObject({
    ok: z.literal(true),
    value: z.looseObject({
      model: z.string(),
      channels: z.array(z.looseObject({ channel: z.string(), conversions: z.number() })),
      warnings: z.array(z.string()),
    }),
  }),
  z.looseObject({ ok: z.literal(false), error: z.string(), message: z.string() }),
]);

/**
 * What the last scheduled learning saved for these models under the plan's settings version;
 * undefined when any is missing, from another settings version, or unreadable (learn again).
 */
export async function storedLearned(
  store: Store,
  plan: EnginePlan,
  portalId: number,
  models: readonly DataDrivenModelId[],
): Promise<Map<DataDrivenModelId, Learned> | undefined> {
  const out = new Map<DataDrivenModelId, Learned>();
  if (models.length === 0) return out;
  const rows = new Map((await store.learnedModels(portalId)).map((r) => [r.model, r]));
  for (const model of models) {
    const row = rows.get(model);
    if (row?.settingsVersion !== plan.settingsVersion) return undefined;
    if (!learnedSchema.safeParse(row.learned).success) return undefined;
    out.set(model, row.learned as unknown as Learned);
  }
  return out;
}

function unavailableMessage(error: string, detail: string): string {
  switch (error) {
    case 'no_conversions':
      return 'This data-driven model needs at least one won deal with touches to learn from.';
    case 'needs_nulls':
      return 'This model compares won with lost deals: it needs at least one lost deal with touches to learn from.';
    case 'logistic_not_converged':
      return `The logistic regression did not converge on this portal's journeys (${detail}).`;
    case 'markov_not_converged':
      return `The Markov model did not converge on this portal's journeys (${detail}).`;
    case 'shapley_set_too_large':
      return `A journey touches too many channels for exact Shapley values (${detail}).`;
    default:
      return detail;
  }
}
