// Batch update of CRM records (POST /crm/v3/objects/{type}/batch/update, HUBSPOT.md §5): ≤ 100
// inputs per call; 200 when every record was updated, 207 when some failed. The outcome is per
// record: an id is `updated` only when HubSpot lists it in `results`; ids named in `errors` fail
// with that error; an id HubSpot mentions nowhere is reported failed too (`unconfirmed`), so the
// caller never records a write HubSpot did not confirm.

import { z } from 'zod';
import { HubSpotError, type HubSpotApi } from './api.js';

export const MAX_BATCH_UPDATE = 100;

export interface BatchUpdateInput {
  readonly id: string;
  /** Values as HubSpot takes them: strings; `""` clears a property. */
  readonly properties: Readonly<Record<string, string>>;
}

export interface BatchUpdateFailure {
  readonly id: string;
  /** HubSpot's error category (e.g. OBJECT_NOT_FOUND), or `unconfirmed`. */
  readonly category: string;
  readonly message: string;
}

export interface BatchUpdateOutcome {
  readonly updated: readonly string[];
  readonly failed: readonly BatchUpdateFailure[];
}

const inputsSchema = z
  .array(
    z.object({
      id: z.string().min(1, 'must be a non-empty string'),
      properties: z
        .record(z.string().min(1), z.string())
        .refine((p) => Object.keys(p).length > 0, 'must name at least one property'),
    }),
  )
  .min(1, 'must hold at least one input')
  .max(MAX_BATCH_UPDATE, `must hold at most ${MAX_BATCH_UPDATE} inputs`)
  .refine(
    (inputs) => new Set(inputs.map((i) => i.id)).size === inputs.length,
    'ids must be unique',
  );

const responseSchema = z.object({
  results: z.array(z.object({ id: z.union([z.string(), z.number()]) })).default([]),
  errors: z
    .array(
      z.object({
        category: z.string().optional(),
        message: z.string().optional(),
        context: z
          .object({ ids: z.array(z.union([z.string(), z.number()])).optional() })
          .optional(),
      }),
    )
    .default([]),
});

/**
 * Sends one batch update. Throws HubSpotError when the whole call fails (400 for an unknown
 * property or a bad option fails every input: HubSpot validates the batch as one).
 */
export async function batchUpdate(
  api: HubSpotApi,
  objectType: string,
  inputs: readonly BatchUpdateInput[],
  label = 'writeback',
): Promise<BatchUpdateOutcome> {
  const checked = inputsSchema.safeParse(inputs);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const path = issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`));
    throw new RangeError(`batchUpdate inputs${path.join('')}: ${issue.message}`);
  }
  const res = await api.request({
    method: 'POST',
    path: `/crm/v3/objects/${objectType}/batch/update`,
    body: { inputs },
    expect: [200, 207],
    label,
  });
  const parsed = responseSchema.safeParse(res.body);
  if (!parsed.success) {
    throw new HubSpotError(
      'malformed_response',
      `batch update of ${objectType}: unexpected response (${parsed.error.issues[0]?.message ?? ''})`,
      { status: res.status, body: res.body },
    );
  }
  const wanted = new Set(inputs.map((i) => i.id));
  const updated = new Set<string>();
  for (const r of parsed.data.results) if (wanted.has(String(r.id))) updated.add(String(r.id));
  const failed = new Map<string, BatchUpdateFailure>();
  // An error without ids applies to every input HubSpot did not confirm.
  let general: BatchUpdateFailure | undefined;
  for (const e of parsed.data.errors) {
    const category = e.category ?? 'error';
    const message = e.message ?? 'HubSpot reported an error without a message';
    const ids = e.context?.ids;
    if (ids === undefined || ids.length === 0) {
      general ??= { id: '', category, message };
      continue;
    }
    for (const raw of ids) {
      const id = String(raw);
      if (wanted.has(id) && !updated.has(id) && !failed.has(id))
        failed.set(id, { id, category, message });
    }
  }
  for (const { id } of inputs) {
    if (updated.has(id) || failed.has(id)) continue;
    failed.set(
      id,
      general === undefined
        ? {
            id,
            category: 'unconfirmed',
            message: `HubSpot answered ${res.status} without this record`,
          }
        : { ...general, id },
    );
  }
  return {
    updated: inputs.map((i) => i.id).filter((id) => updated.has(id)),
    failed: inputs.map((i) => failed.get(i.id)).filter((f) => f !== undefined),
  };
}
