// The settings page's only caller of `hubspot.fetch`: settings, sync status, "Recompute now", the
// channel rules preview and the model evaluation.
// Every answer is checked here against the domain's schema of that answer (the backend's own);
// failures become one human sentence (plus the field errors of a rejected save), and the detail
// goes to the extension log.
import { hubspot, logger } from '@hubspot/ui-extensions';
import { z } from 'zod';
import { BACKEND_ORIGIN } from '@deal-attribution/domain/backend-origin';
import {
  channelPreviewBodySchema,
  errorBodySchema,
  evaluationBodySchema,
  recomputeBodySchema,
  settingsBodySchema,
  statusBodySchema,
  type ChannelPreviewBody,
  type ChannelPreviewRequest,
  type ChannelRules,
  type EvaluationBody,
  type FieldError,
  type RecomputeBody,
  type Settings,
  type SettingsBody,
  type StatusBody,
} from '@deal-attribution/domain';

const UNREADABLE = 'The attribution service sent an answer this page does not understand.';

/** Below HubSpot's 15 s cap on `hubspot.fetch`, so our message wins over a generic one. */
export const FETCH_TIMEOUT_MS = 12_000;

export type Failure = {
  readonly ok: false;
  readonly message: string;
  /** Field path inside the settings (e.g. `lookbackDays`) → what is wrong with it. */
  readonly fieldErrors: Readonly<Record<string, string>>;
  /** Someone saved in between (HTTP 409): reload before saving again. */
  readonly conflict: boolean;
};
export type Result<T> = { readonly ok: true; readonly body: T } | Failure;

export function apiUrl(path: string, portalId: number): string {
  return `${BACKEND_ORIGIN}/api/v1/${path}?portalId=${String(portalId)}`;
}

export function getSettings(portalId: number): Promise<Result<SettingsBody>> {
  return call('GET', apiUrl('settings', portalId), settingsBodySchema);
}

export function saveSettings(
  portalId: number,
  expectedVersion: number,
  settings: Settings,
): Promise<Result<SettingsBody>> {
  return call('PUT', apiUrl('settings', portalId), settingsBodySchema, {
    expectedVersion,
    settings,
  });
}

export function getStatus(portalId: number): Promise<Result<StatusBody>> {
  return call('GET', apiUrl('status', portalId), statusBodySchema);
}

export function recompute(portalId: number): Promise<Result<RecomputeBody>> {
  return call('POST', apiUrl('recompute', portalId), recomputeBodySchema);
}

/** How the portal's recent touches would classify under `channelRules` (not saved). */
export function previewChannelRules(
  portalId: number,
  channelRules: ChannelRules,
): Promise<Result<ChannelPreviewBody>> {
  const body: ChannelPreviewRequest = { channelRules };
  return call('POST', apiUrl('channel-rules/preview', portalId), channelPreviewBodySchema, body);
}

/** The portal's latest stored model evaluation, or why there is none yet. */
export function getEvaluation(portalId: number): Promise<Result<EvaluationBody>> {
  return call('GET', apiUrl('evaluation', portalId), evaluationBodySchema);
}

async function call<S extends z.ZodType>(
  method: 'GET' | 'PUT' | 'POST',
  url: string,
  schema: S,
  body?: Record<string, unknown>,
): Promise<Result<z.output<S>>> {
  let res: Response;
  try {
    res = await hubspot.fetch(url, {
      method,
      timeout: FETCH_TIMEOUT_MS,
      ...(body === undefined ? {} : { body }),
    });
  } catch (e) {
    logger.warn(`${method} ${url} failed: ${e instanceof Error ? e.message : String(e)}`);
    return fail('The attribution service could not be reached. Try again in a moment.');
  }
  let answer: unknown;
  try {
    answer = await res.json();
  } catch {
    logger.warn(`${method} ${url} answered ${String(res.status)} without a JSON body`);
    return fail(res.ok ? UNREADABLE : messageForStatus(res.status));
  }
  const error = errorBodySchema.safeParse(answer);
  if (!res.ok || error.success) {
    logger.warn(`${method} ${url} answered ${String(res.status)}: ${JSON.stringify(answer)}`);
    if (!error.success) return fail(messageForStatus(res.status));
    return fail(error.data.message, error.data.errors ?? [], res.status === 409);
  }
  const checked = schema.safeParse(answer);
  if (checked.success) return { ok: true, body: checked.data };
  logger.warn(`${method} ${url}: unexpected answer: ${z.prettifyError(checked.error)}`);
  return fail(UNREADABLE);
}

function fail(message: string, errors: readonly FieldError[] = [], conflict = false): Failure {
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) {
    // The server names fields inside the settings; a path from the body wrapper is cut to match.
    const field = e.field.replace(/^settings\./, '');
    fieldErrors[field] =
      fieldErrors[field] === undefined ? e.message : `${fieldErrors[field]}; ${e.message}`;
  }
  return { ok: false, message, fieldErrors, conflict };
}

function messageForStatus(status: number): string {
  if (status === 401 || status === 403) {
    return 'The attribution service did not accept this request. Check the app connection.';
  }
  if (status === 429) return 'Too many requests right now. Try again in a moment.';
  if (status >= 500) return 'The attribution service had a problem. Try again in a moment.';
  return `The attribution service answered with an error (${String(status)}).`;
}
