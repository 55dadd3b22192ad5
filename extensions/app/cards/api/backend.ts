// The card's only caller of `hubspot.fetch`. Every answer is checked here (HTTP status, then the
// body against the domain's schema of that answer, the backend's own) and turned into a value the
// card can render; a failure becomes one human sentence, and the detail goes to the extension log.
import { hubspot, logger } from '@hubspot/ui-extensions';
import { z } from 'zod';
import { BACKEND_ORIGIN } from '@deal-attribution/domain/backend-origin';
import {
  dealAttributionBodySchema,
  errorBodySchema,
  notSyncedBodySchema,
  type DealAttributionBody,
  type ModelId,
  type NotSyncedBody,
} from '@deal-attribution/domain';

const UNREADABLE = 'The attribution service sent an answer this card does not understand.';

/** Below HubSpot's 15 s cap on `hubspot.fetch`, so our message wins over a generic one. */
export const FETCH_TIMEOUT_MS = 12_000;

export type AttributionResult =
  | { readonly ok: true; readonly body: DealAttributionBody | NotSyncedBody }
  | { readonly ok: false; readonly message: string };

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
    const error = errorBodySchema.safeParse(body);
    logger.warn(`GET ${url} answered ${String(res.status)}: ${JSON.stringify(body)}`);
    return fail(error.success ? error.data.message : messageForStatus(res.status));
  }
  const error = errorBodySchema.safeParse(body);
  if (error.success) return fail(error.data.message);
  const notSynced = notSyncedBodySchema.safeParse(body);
  if (notSynced.success) return { ok: true, body: notSynced.data };
  const attribution = dealAttributionBodySchema.safeParse(body);
  if (attribution.success) return { ok: true, body: attribution.data };
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
