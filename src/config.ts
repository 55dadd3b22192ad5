// The one schema for every environment variable, parsed once at start-up. All problems are listed
// together, each naming its variable, so a misconfigured deployment is fixed in one round.

import { validate as validateCron } from 'node-cron';
import { z } from 'zod';

/** 'unconfigured': no credentials (`npm start`'s development entry then runs a local sandbox
 *  portal); 'private-app': one portal's static token; 'oauth': the install flow, many portals. */
export type Mode = 'unconfigured' | 'private-app' | 'oauth';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const TIERS = ['free', 'starter', 'professional', 'enterprise'] as const;

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' });

/** An http(s) origin; a trailing slash is dropped, a path is refused (the app adds its own). */
const origin = httpUrl.transform((s, ctx) => {
  const u = new URL(s);
  if (u.pathname !== '/' || u.search !== '' || u.hash !== '') {
    ctx.addIssue({ code: 'custom', message: 'expected an origin without path or query' });
    return z.NEVER;
  }
  return u.origin;
});

const cron = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((s) => validateCron(s), 'not a valid cron expression');

const intInRange = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, 'expected an integer')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback);

/** 32 bytes, as 64 hex digits or base64 (44 chars with padding, 43 without). */
const encryptionKey = z.string().transform((s, ctx) => {
  const key = /^[0-9a-fA-F]{64}$/.test(s)
    ? Buffer.from(s, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(s)
      ? Buffer.from(s, 'base64')
      : undefined;
  if (key?.length !== 32) {
    ctx.addIssue({ code: 'custom', message: 'expected 32 bytes as 64 hex digits or base64' });
    return z.NEVER;
  }
  return key;
});

const databaseUrl = z
  .string()
  .refine(
    (s) => /^sqlite:.+/.test(s) || /^postgres(ql)?:\/\/./.test(s),
    'expected sqlite:<path> (sqlite::memory:), postgres://… or postgresql://…',
  );

const Env = z.object({
  PORT: intInRange(0, 65_535, 3000),
  /** Unset → SQLite at ./data/attribution.db (src/store/index.ts). */
  DATABASE_URL: databaseUrl.optional(),
  HUBSPOT_BASE_URL: origin.default('https://api.hubapi.com'),
  /** Origin of the authorize page the install flow sends the admin to (a sandbox serves its own). */
  HUBSPOT_AUTHORIZE_BASE_URL: origin.default('https://app.hubspot.com'),
  HUBSPOT_ACCESS_TOKEN: z.string().optional(),
  HUBSPOT_CLIENT_ID: z.string().optional(),
  /** Also the key of HubSpot's request signatures (card fetches, webhooks). */
  HUBSPOT_CLIENT_SECRET: z.string().optional(),
  HUBSPOT_REDIRECT_URI: httpUrl.optional(),
  /** Sizes a private app's rate budget (HUBSPOT.md §6); unset → the smallest (free/starter). */
  HUBSPOT_TIER: z.enum(TIERS).optional(),
  TOKEN_ENCRYPTION_KEY: encryptionKey.optional(),
  /** The backend's public origin; signature URLs use it when X-Forwarded-* are absent. */
  PUBLIC_URL: origin.optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  SYNC_CONCURRENCY: intInRange(1, 64, 2),
  /** Worker threads a large recompute spreads its batches over (1: none); unset → cores, ≤ 4. */
  RECOMPUTE_THREADS: z
    .string()
    .regex(/^\d+$/, 'expected an integer')
    .transform(Number)
    .pipe(z.number().int().min(1).max(32))
    .optional(),
  SYNC_CRON: cron('*/15 * * * *'),
  RECONCILE_CRON: cron('0 3 * * *'),
});

export type Config = z.output<typeof Env> & { readonly mode: Mode };

export type ConfigResult =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Rules that span variables; they read the raw values so they report even when a field is bad. */
function crossProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = [];
  const has = (name: string) => env[name] !== undefined;
  if (has('HUBSPOT_ACCESS_TOKEN') && has('HUBSPOT_CLIENT_ID')) {
    problems.push(
      'HUBSPOT_ACCESS_TOKEN: set either a private-app token or HUBSPOT_CLIENT_ID (OAuth), not both',
    );
  }
  if (has('HUBSPOT_CLIENT_ID')) {
    for (const name of ['HUBSPOT_CLIENT_SECRET', 'HUBSPOT_REDIRECT_URI', 'TOKEN_ENCRYPTION_KEY']) {
      if (!has(name)) problems.push(`${name}: required when HUBSPOT_CLIENT_ID is set (OAuth)`);
    }
  } else if (has('HUBSPOT_REDIRECT_URI')) {
    problems.push('HUBSPOT_CLIENT_ID: required when HUBSPOT_REDIRECT_URI is set (OAuth)');
  }
  return problems;
}

/** Parses the environment; never throws. Empty strings count as unset (as in most .env files). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ConfigResult {
  const present: Record<string, string | undefined> = {};
  for (const name of Object.keys(Env.shape)) {
    const value = env[name]?.trim();
    present[name] = value === '' ? undefined : value;
  }
  const parsed = Env.safeParse(present);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`)),
    ...crossProblems(present),
  ];
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const c = parsed.data;
  const mode: Mode =
    c.HUBSPOT_CLIENT_ID !== undefined
      ? 'oauth'
      : c.HUBSPOT_ACCESS_TOKEN !== undefined
        ? 'private-app'
        : 'unconfigured';
  return { ok: true, config: { ...c, mode } };
}
