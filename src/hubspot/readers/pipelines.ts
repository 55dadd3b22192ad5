// GET /crm/v3/pipelines/deals: every deal pipeline with its stages. A stage's metadata says
// whether it closes the deal (`isClosed`) and its win probability ("1.0" = won, "0.0" + closed =
// lost), which the journeys need for the closed-won milestone.

import { z } from 'zod';
import type { HubSpotApi } from '../api.js';
import { parseEnvelope, parseItems, type ReadOptions } from './wire.js';

export interface DealStage {
  readonly id: string;
  readonly label: string;
  readonly displayOrder: number;
  readonly isClosed: boolean;
  /** 0..1; undefined when the stage has none. */
  readonly probability: number | undefined;
  /** Every metadata value as HubSpot sends it (strings). */
  readonly metadata: Readonly<Record<string, string>>;
  readonly archived: boolean;
}

export interface DealPipeline {
  readonly id: string;
  readonly label: string;
  readonly displayOrder: number;
  readonly archived: boolean;
  readonly stages: readonly DealStage[];
}

const Stage = z.object({
  id: z.string().min(1),
  label: z.string(),
  displayOrder: z.number(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)),
  archived: z.boolean().optional(),
});

const Pipeline = z.object({
  id: z.string().min(1),
  label: z.string(),
  displayOrder: z.number(),
  archived: z.boolean().optional(),
  stages: z.array(Stage),
});

function toStage(s: z.infer<typeof Stage>): DealStage {
  const raw = s.metadata['probability'];
  const p = raw === undefined || raw === '' ? undefined : Number(raw);
  return {
    id: s.id,
    label: s.label,
    displayOrder: s.displayOrder,
    isClosed: s.metadata['isClosed'] === 'true',
    probability: p !== undefined && Number.isFinite(p) ? p : undefined,
    metadata: s.metadata,
    archived: s.archived ?? false,
  };
}

export async function dealPipelines(
  api: HubSpotApi,
  options: ReadOptions = {},
): Promise<{ readonly items: readonly DealPipeline[]; readonly malformed: number }> {
  const res = await api.request({
    method: 'GET',
    path: '/crm/v3/pipelines/deals',
    label: 'pipelines',
  });
  const body = parseEnvelope(res, z.object({ results: z.array(z.unknown()) }), 'deal pipelines');
  const { items, malformed } = parseItems(
    body.results,
    Pipeline,
    (p): DealPipeline => ({
      id: p.id,
      label: p.label,
      displayOrder: p.displayOrder,
      archived: p.archived ?? false,
      stages: [...p.stages].sort((a, b) => a.displayOrder - b.displayOrder).map(toStage),
    }),
    'pipelines',
    options.log,
  );
  return { items, malformed };
}
