// The card's only caller of `hubspot.fetch`. Every answer is checked here (HTTP status, the
// `status` field, the shape of the fields the card reads) and turned into a value the card can
// render; a failure becomes one human sentence, and the detail goes to the extension log.
import { hubspot, logger } from '@hubspot/ui-extensions';
import { z } from 'zod';
import { BACKEND_ORIGIN } from '@deal-attribution/domain/backend-origin';
import type { DealAttributionBody, ModelId, NotSyncedBody } from '@deal-attribution/domain';

const UNREADABLE = 'The attribution service sent an answer this card does not understand.';

/** Below HubSpot's 15 s cap on `hubspot.fetch`, so our message wins over a generic one. */
export const FETCH_TIMEOUT_MS = 12_000;

export type AttributionResult =
  | { readonly ok: true; readonly body: DealAttributionBody | NotSyncedBody }
  | { readonly ok: false; readonly message: string };

const money = z.object({ cents: z.number().int(), currency: z.string().min(3) });
const share = z.object({ channel: z.string(), cents: z.number().int(), fraction: z.number() });

// The fields the card reads, checked before it renders a number; the full type is the contract's.
const attributionShape = z.looseObject({
  status: z.literal('ok'),
  dealId: z.string(),
  amount: money,
  model: z.string(),
  deal: z.looseObject({
    stage: z.enum(['open', 'won', 'lost']),
    amountMissing: z.boolean(),
  }),
  touchpoints: z.array(
    z.looseObject({
      id: z.string(),
      occurredAt: z.string(),
      channel: z.string(),
      milestones: z.array(z.string()),
      credit: z.object({ fraction: z.number(), cents: z.number().int() }),
    }),
  ),
  byChannel: z.array(share),
  byContact: z.array(z.looseObject({ contactId: z.string(), cents: z.number().int() })),
  unattributedCents: z.number().int(),
  stats: z.looseObject({ touchpoints: z.number(), stakeholders: z.number() }),
  comparison: z.array(z.looseObject({ model: z.string(), byChannel: z.array(share) })),
});

const notSyncedShape = z.looseObject({
  status: z.literal('not_synced'),
  message: z.string(),
  sync: z.looseObject({
    streamsDone: z.number(),
    streamsTotal: z.number(),
    streams: z.array(z.looseObject({ stream: z.string(), records: z.number() })),
  }),
});

const errorShape = z.looseObject({ status: z.literal('error'), message: z.string() });

export function attributionUrl(dealId: number, portalId: number, model?: ModelId): string {
  const query = new URLSearchParams({ portalId: String(portalId) });
  if (model !== undefined) query.set('model', model);
  return `${BACKEND_ORIGIN}/api/v1/deals/${String(dealId)}/attribution?${query.toString()}`;
}

export async function fetchDealAttribution(
  dealId: number,
  portalId: number,
  model?: ModelId,
): Promise<AttributionResult> {
  const url = attributionUrl(dealId, portalId, model);
  let res: Response;
  try {
    res = await hubspot.fetch(url, { method: 'GET', timeout: FETCH_TIMEOUT_MS });
  } catch (e) {
    logger.warn(`GET ${url} failed: ${e instanceof Error ? e.message : String(e)}`);
    return fail('The attribution service could not be reached. Try again in a moment.');
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    logger.warn(`GET ${url} answered ${String(res.status)} without a JSON body`);
    return fail(res.ok ? UNREADABLE : messageForStatus(res.status));
  }
  if (!res.ok) {
    const error = errorShape.safeParse(body);
    logger.warn(`GET ${url} answered ${String(res.status)}: ${JSON.stringify(body)}`);
    return fail(error.success ? error.data.message : messageForStatus(res.status));
  }
  const error = errorShape.safeParse(body);
  if (error.success) return fail(error.data.message);
  // The checks guard what the card reads; the body itself is passed on whole (zod would drop
  // fields the checks do not name).
  if (notSyncedShape.safeParse(body).success) return { ok: true, body: body as NotSyncedBody };
  const attribution = attributionShape.safeParse(body);
  if (attribution.success) return { ok: true, body: body as DealAttributionBody };
  logger.warn(`GET ${url}: unexpected answer: ${z.prettifyError(attribution.error)}`);
  return fail(UNREADABLE);
}

function fail(message: string): AttributionResult {
  return { ok: false, message };
}

function messageForStatus(status: number): string {
  if (status === 404) return 'This deal is not known to the attribution service yet.';
  if (status === 401 || status === 403) {
    return 'The attribution service did not accept this request. Ask an admin to check the app connection.';
  }
  if (status === 429) return 'Too many requests right now. Try again in a moment.';
  if (status >= 500) return 'The attribution service had a problem. Try again in a moment.';
  return `The attribution service answered with an error (${String(status)}).`;
}
