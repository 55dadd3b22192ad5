// What an operator may set with `configure`, validated: each problem names its option.

import { isIP } from 'node:net';
import { z } from 'zod';
import type { Identity } from './identity.js';

const httpsUrl = (option: string) =>
  z.string().refine(
    (s) => {
      try {
        const u = new URL(s);
        return u.protocol === 'https:' && u.username === '' && u.password === '';
      } catch {
        return false;
      }
    },
    { error: `${option} must be an absolute https:// URL` },
  );

/** https, a public host name, nothing after it; normalised to the URL's origin (no trailing /). */
const origin = z.string().transform((s, ctx) => {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    ctx.addIssue({ code: 'custom', message: `--origin "${s}" is not a URL (https://<host>)` });
    return z.NEVER;
  }
  const problem =
    u.protocol !== 'https:'
      ? 'must use https (HubSpot fetches and posts only to HTTPS origins)'
      : u.username !== '' || u.password !== ''
        ? 'must not carry a user name or password'
        : u.pathname !== '/' || u.search !== '' || u.hash !== '' || /[?#]/.test(s)
          ? 'must be an origin only, with no path, query or fragment (https://<host>[:port])'
          : u.hostname === 'localhost' ||
              u.hostname.endsWith('.localhost') ||
              isIP(u.hostname.replace(/^\[|\]$/g, '')) !== 0 ||
              !u.hostname.includes('.')
            ? 'must be the public host name HubSpot reaches (local development uses local.json)'
            : null;
  if (problem !== null) {
    ctx.addIssue({ code: 'custom', message: `--origin "${s}" ${problem}` });
    return z.NEVER;
  }
  return u.origin;
});

export const identityInput = z.strictObject({
  origin: origin.optional(),
  appName: z
    .string()
    .trim()
    .min(1, { error: '--app-name must not be empty' })
    .max(200, { error: '--app-name must be at most 200 characters' })
    .optional(),
  supportEmail: z.email({ error: '--support-email must be an e-mail address' }).optional(),
  documentationUrl: httpsUrl('--docs-url').optional(),
  supportUrl: httpsUrl('--support-url').optional(),
  supportPhone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, {
      error: '--support-phone must be in international format, e.g. +4930123456',
    })
    .optional(),
});
export type IdentityInput = z.infer<typeof identityInput>;

/** Every problem of the input, one message each, or the parsed input. */
export function parseIdentityInput(
  raw: Readonly<Record<string, string | undefined>>,
): { ok: true; value: IdentityInput } | { ok: false; problems: string[] } {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const parsed = identityInput.safeParse(defined);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problems: parsed.error.issues.map((i) => i.message) };
}

/**
 * The identity to write: the input over the current one. URLs under the current origin that the
 * input does not set (documentation, support) move with a new origin.
 */
export function nextIdentity(current: Identity, input: IdentityInput): Identity {
  const origin = input.origin ?? current.origin;
  const rebase = (url: string): string =>
    url.startsWith(`${current.origin}/`) ? origin + url.slice(current.origin.length) : url;
  return {
    origin,
    appName: input.appName ?? current.appName,
    supportEmail: input.supportEmail ?? current.supportEmail,
    documentationUrl: input.documentationUrl ?? rebase(current.documentationUrl),
    supportUrl: input.supportUrl ?? rebase(current.supportUrl),
    supportPhone: input.supportPhone ?? current.supportPhone,
  };
}
