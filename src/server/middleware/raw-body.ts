// JSON bodies parsed as usual, with the exact bytes kept beside them: HubSpot signs the raw body,
// and re-serialising the parsed JSON would not reproduce it byte for byte.

import type { IncomingMessage } from 'node:http';
import express, { type RequestHandler } from 'express';

const RAW = new WeakMap<IncomingMessage, Buffer>();
const EMPTY = Buffer.alloc(0);

/** hubspot.fetch bodies are ≤ 1 MB and webhook batches ≤ 100 events: 1 MB is plenty. */
export const jsonWithRawBody = (limit = '1mb'): RequestHandler =>
  express.json({
    limit,
    verify: (req, _res, buf) => {
      RAW.set(req, buf);
    },
  });

/** The bytes of the request body; empty when there was none or it was not JSON (left unread). */
export const rawBody = (req: IncomingMessage): Buffer => RAW.get(req) ?? EMPTY;
