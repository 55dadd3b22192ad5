// The settings page's only caller of `hubspot.fetch`: settings, sync status, "Recompute now", the
// channel rules preview and the model evaluation.
// Every answer is checked here; failures become one human sentence (plus the field errors of a
// rejected save), and the detail goes to the extension log.
import { hubspot, logger } from '@hubspot/ui-extensions';
import { z } from 'zod';
import { BACKEND_ORIGIN } from '@deal-attribution/domain/backend-origin';
import { evaluationBodySchema, settingsSchema } from '@deal-attribution/domain';
import type {
  ChannelPreviewBody,
  ChannelPreviewRequest,
  ChannelRules,
  EvaluationBody,
  FieldError,
  RecomputeBody,
  Settings,
  SettingsBody,
  StatusBody,
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

const errorShape = z.looseObject({
  status: z.literal('error'),
  message: z.string(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

const settingsShape = z.looseObject({
  status: z.literal('ok'),
  version: z.number().int().min(0),
  settings: settingsSchema,
  models: z.array(z.looseObject({ id: z.string(), label: z.string() })),
  channels: z.array(z.looseObject({ id: z.string(), label: z.string() })),
});

const statusShape = z.looseObject({
  status: z.literal('ok'),
  sync: z.looseObject({
    streamsDone: z.number(),
    streamsTotal: z.number(),
    streams: z.array(z.looseObject({ stream: z.string(), records: z.number() })),
  }),
  attribution: z.looseObject({ dealsAttributed: z.number() }),
});

const recomputeShape = z.looseObject({ status: z.literal('accepted'), message: z.string() });

const decisionShape = z.looseObject({
  from: z.enum(['admin', 'default', 'fallback', 'synced']),
  index: z.number().int().min(0).optional(),
});

const channelPreviewShape = z.looseObject({
  status: z.literal('ok'),
  sampled: z.number().int().min(0),
  changedTouches: z.number().int().min(0),
  changedRows: z.number().int().min(0),
  oldestAt: z.string().nullable(),
  newestAt: z.string().nullable(),
  rows: z.array(
    z.looseObject({
      kind: z.string(),
      touches: z.number().int().min(1),
      currentChannel: z.string(),
      proposedChannel: z.string(),
      proposedBy: decisionShape,
      changed: z.boolean(),
    }),
  ),
});

export function apiUrl(path: string, portalId: number): string {
  return `${BACKEND_ORIGIN}/api/v1/${path}?portalId=${String(portalId)}`;
}

export function getSettings(portalId: number): Promise<Result<SettingsBody>> {
  return call<SettingsBody>('GET', apiUrl('settings', portalId), settingsShape);
}

export function saveSettings(
  portalId: number,
  expectedVersion: number,
  settings: Settings,
): Promise<Result<SettingsBody>> {
  return call<SettingsBody>('PUT', apiUrl('settings', portalId), settingsShape, {
    expectedVersion,
    settings,
  });
}

export function getStatus(portalId: number): Promise<Result<StatusBody>> {
  return call<StatusBody>('GET', apiUrl('status', portalId), statusShape);
}

export function recompute(portalId: number): Promise<Result<RecomputeBody>> {
  return call<RecomputeBody>('POST', apiUrl('recompute', portalId), recomputeShape);
}

/** How the portal's recent touches would classify under `channelRules` (not saved). */
export function previewChannelRules(
  portalId: number,
  channelRules: ChannelRules,
): Promise<Result<ChannelPreviewBody>> {
  const body: ChannelPreviewRequest = { channelRules };
  return call<ChannelPreviewBody>(
    'POST',
    apiUrl('channel-rules/preview', portalId),
    channelPreviewShape,
    body,
  );
}

/** The portal's latest stored model evaluation, or why there is none yet. */
export function getEvaluation(portalId: number): Promise<Result<EvaluationBody>> {
  return call<EvaluationBody>('GET', apiUrl('evaluation', portalId), evaluationBodySchema);
}

async function call<T>(
  method: 'GET' | 'PUT' | 'POST',
  url: string,
  shape: z.ZodType,
  body?: Record<string, unknown>,
): Promise<Result<T>> {
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
  const error = errorShape.safeParse(answer);
  if (!res.ok || error.success) {
    logger.warn(`${method} ${url} answered ${String(res.status)}: ${JSON.stringify(answer)}`);
    if (!error.success) return fail(messageForStatus(res.status));
    return fail(error.data.message, error.data.errors ?? [], res.status === 409);
  }
  const checked = shape.safeParse(answer);
  if (checked.success) return { ok: true, body: answer as T }; // whole body: zod drops unnamed fields
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
