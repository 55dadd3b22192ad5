// Structured logs (pino, one JSON line per event). Secrets never reach a log line: credential
// headers and token fields are redacted wherever they appear in a logged object.

import pino, { type DestinationStream, type Logger } from 'pino';
import type { LOG_LEVELS } from '../config.js';

export type { Logger } from 'pino';
export type LogLevel = (typeof LOG_LEVELS)[number];

const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.refresh_token',
  '*.clientSecret',
  '*.client_secret',
];

/** A logger writing to `destination` (stdout by default; tests pass a capturing stream). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'deal-attribution' },
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
