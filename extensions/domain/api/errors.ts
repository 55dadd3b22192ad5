// Every non-2xx answer of /api/v1: a message for people and, for a rejected request, one error
// per bad field.

import { z } from 'zod';

export const fieldErrorSchema = z
  .object({
    /** Dotted path into the request ("settings.lookbackDays", "settings.channelRules.rules.0.channel"). */
    field: z.string(),
    message: z.string(),
  })
  .readonly();
export type FieldError = z.output<typeof fieldErrorSchema>;

export const ERROR_CODES = [
  'invalid_request',
  'deal_not_found',
  'settings_conflict',
  'unauthorized',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const errorBodySchema = z
  .object({
    status: z.literal('error'),
    /** Set by the API routes; errors from the middleware in front of them (401, bad JSON) have none. */
    code: z.enum(ERROR_CODES).exactOptional(),
    /** For people: what went wrong and what to do. */
    message: z.string(),
    errors: z.array(fieldErrorSchema).readonly().exactOptional(),
  })
  .readonly();
export type ErrorBody = z.output<typeof errorBodySchema>;

export function errorBody(
  code: ErrorCode,
  message: string,
  errors?: readonly FieldError[],
): ErrorBody {
  return { status: 'error', code, message, ...(errors === undefined ? {} : { errors }) };
}

/**
 * `{field: 'customWeights', message: 'must total 100% (now 90%)'}` per problem of a failed parse;
 * an unknown key is named as its own field ("colour: unknown field").
 */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((i) => {
    const path = i.path.map(String);
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((key) => ({ field: [...path, key].join('.'), message: 'unknown field' }));
    }
    return [{ field: path.join('.') || '(root)', message: i.message }];
  });
}
