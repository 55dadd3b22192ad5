// HubSpot-shaped JSON responses and error bodies (HUBSPOT.md §6). Every response of the emulator
// goes through `send`, so the content type is HubSpot's exact `application/json;charset=utf-8`
// (the SDK throws a plain Error, not ApiException, when the JSON content type is missing).

import type { Request, Response } from 'express';

export const JSON_TYPE = 'application/json;charset=utf-8';

export function send(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.setHeader('Content-Type', JSON_TYPE);
  res.end(JSON.stringify(body));
}

/** The correlation id the middleware stamped on this request. */
export const correlationId = (res: Response): string =>
  String(res.getHeader('X-HubSpot-Correlation-Id') ?? '');

export interface ErrorBody {
  status: 'error';
  message: string;
  correlationId: string;
  category: string;
  subCategory?: string;
  context?: Record<string, string[]>;
  errors?: { message: string; code?: string; in?: string; context?: Record<string, unknown> }[];
}

export function sendError(
  res: Response,
  status: number,
  category: string,
  message: string,
  extra: Partial<Pick<ErrorBody, 'subCategory' | 'context' | 'errors'>> = {},
): void {
  const body: ErrorBody = {
    status: 'error',
    message,
    correlationId: correlationId(res),
    category,
    ...extra,
  };
  send(res, status, body);
}

/** 400 VALIDATION_ERROR naming the offending field. */
export const badRequest = (res: Response, message: string, field?: string): void => {
  sendError(
    res,
    400,
    'VALIDATION_ERROR',
    message,
    field === undefined ? {} : { context: { field: [field] } },
  );
};

export const notFound = (res: Response, id: string): void => {
  sendError(res, 404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', {
    context: { id: [id] },
  });
};

/** Unknown route: HubSpot answers 404 with an empty-ish JSON body. */
export function routeNotFound(req: Request, res: Response): void {
  sendError(res, 404, 'OBJECT_NOT_FOUND', `No route found for ${req.method} ${req.path}`);
}

/** HubSpot's message for invalid property values (§6), byte for byte. */
export function propertyErrorsMessage(
  problems: { name: string; message: string; error: string }[],
): string {
  const inner = problems.map((p) => ({
    isValid: false,
    message: p.message,
    error: p.error,
    name: p.name,
  }));
  return `Property values were not valid: ${JSON.stringify(inner)}`;
}

/** Sends an already-serialized JSON body (pages assembled from cached record JSON). */
export function sendJsonText(res: Response, status: number, json: string): void {
  res.status(status);
  res.setHeader('Content-Type', JSON_TYPE);
  res.end(json);
}

/**
 * Sends an already-encoded JSON body (cached list pages). A buffer's length is its Content-Length,
 * so node neither measures nor re-encodes the body.
 */
export function sendJsonBytes(res: Response, status: number, json: Buffer): void {
  res.statusCode = status;
  res.setHeader('Content-Type', JSON_TYPE);
  res.end(json);
}
