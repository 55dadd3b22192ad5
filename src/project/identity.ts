// The deployment's identity in the HubSpot project files: the backend's public origin (where the
// card and the settings page fetch, where webhooks and OAuth callbacks go), the app's name and its
// support contacts. Pure: texts in, texts out; src/cli/configure.ts reads and writes the files.
//
// Where each value lives (test/extensions/project.test.ts holds the files to the same rules):
//   extensions/domain/backend-origin.ts       BACKEND_ORIGIN
//   extensions/app/app-hsmeta.json            permittedUrls.fetch = [origin],
//                                             auth.redirectUrls ∋ origin/oauth/callback,
//                                             name, support.{supportEmail, documentationUrl,
//                                             supportUrl, supportPhone}
//   extensions/app/webhooks/webhooks-hsmeta.json   settings.targetUrl = origin/webhooks/hubspot
//   extensions/app/local.json.example         proxy = {origin: http://localhost:3000}
// JSON files are edited in place (jsonc-parser), so their formatting and key order stay as written.

import { applyEdits, modify, parse, type JSONPath, type ParseError } from 'jsonc-parser';

export const PROJECT_FILES = {
  origin: 'extensions/domain/backend-origin.ts',
  app: 'extensions/app/app-hsmeta.json',
  webhooks: 'extensions/app/webhooks/webhooks-hsmeta.json',
  local: 'extensions/app/local.json.example',
} as const;
export type ProjectFile = keyof typeof PROJECT_FILES;
export type ProjectTexts = Readonly<Record<ProjectFile, string>>;

export interface Identity {
  readonly origin: string;
  readonly appName: string;
  readonly supportEmail: string;
  readonly documentationUrl: string;
  readonly supportUrl: string;
  readonly supportPhone: string;
}

/** One value of one file that is not what the identity says. */
export interface Disagreement {
  readonly file: string;
  readonly field: string;
  readonly found: string;
  readonly expected: string;
}

const LOCAL_BACKEND = 'http://localhost:3000';
const CALLBACK = '/oauth/callback';
const WEBHOOKS = '/webhooks/hubspot';
const ORIGIN_CONSTANT = /export const BACKEND_ORIGIN = '([^'\n]*)';/;

type Hooks = { config?: { settings?: { targetUrl?: unknown } } };

interface AppManifest {
  config?: {
    name?: unknown;
    auth?: { redirectUrls?: unknown };
    permittedUrls?: { fetch?: unknown };
    support?: Record<string, unknown>;
  };
}

const str = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

function parseJson(text: string, file: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, {
    allowTrailingComma: false,
    disallowComments: true,
  });
  if (errors.length > 0 || value === undefined || value === null) {
    throw new Error(`${file}: not valid JSON (at offset ${String(errors[0]?.offset ?? 0)})`);
  }
  return value;
}

/** The identity as the project files state it now (the origin constant and the app manifest). */
export function currentIdentity(texts: ProjectTexts): Identity {
  const origin = ORIGIN_CONSTANT.exec(texts.origin)?.[1];
  if (origin === undefined) {
    throw new Error(`${PROJECT_FILES.origin}: no "export const BACKEND_ORIGIN = '…';" line`);
  }
  const app = (parseJson(texts.app, PROJECT_FILES.app) as AppManifest).config ?? {};
  const support = app.support ?? {};
  return {
    origin,
    appName: str(app.name),
    supportEmail: str(support.supportEmail),
    documentationUrl: str(support.documentationUrl),
    supportUrl: str(support.supportUrl),
    supportPhone: str(support.supportPhone),
  };
}

/** The OAuth callback entry of redirectUrls that belongs to the deployment (not localhost's). */
function callbackIndex(urls: readonly string[]): number {
  return urls.findIndex((u) => u.endsWith(CALLBACK) && !u.startsWith('http://localhost'));
}

/** Every place a file disagrees with `id`. */
export function disagreements(texts: ProjectTexts, id: Identity): Disagreement[] {
  const out: Disagreement[] = [];
  const check = (file: ProjectFile, field: string, found: string, expected: string) => {
    if (found !== expected) out.push({ file: PROJECT_FILES[file], field, found, expected });
  };
  check('origin', 'BACKEND_ORIGIN', ORIGIN_CONSTANT.exec(texts.origin)?.[1] ?? '', id.origin);

  const app = (parseJson(texts.app, PROJECT_FILES.app) as AppManifest).config ?? {};
  check('app', 'config.name', str(app.name), id.appName);
  check('app', 'config.permittedUrls.fetch', str(app.permittedUrls?.fetch), str([id.origin]));
  const redirects = strings(app.auth?.redirectUrls);
  const i = callbackIndex(redirects);
  check('app', 'config.auth.redirectUrls', i < 0 ? '(none)' : redirects[i]!, id.origin + CALLBACK);
  const support = app.support ?? {};
  check('app', 'config.support.supportEmail', str(support.supportEmail), id.supportEmail);
  check(
    'app',
    'config.support.documentationUrl',
    str(support.documentationUrl),
    id.documentationUrl,
  );
  check('app', 'config.support.supportUrl', str(support.supportUrl), id.supportUrl);
  check('app', 'config.support.supportPhone', str(support.supportPhone), id.supportPhone);

  const hooks = parseJson(texts.webhooks, PROJECT_FILES.webhooks) as Hooks;
  check(
    'webhooks',
    'config.settings.targetUrl',
    str(hooks.config?.settings?.targetUrl),
    id.origin + WEBHOOKS,
  );

  const local = parseJson(texts.local, PROJECT_FILES.local) as { proxy?: unknown };
  check('local', 'proxy', str(local.proxy), str({ [id.origin]: LOCAL_BACKEND }));
  return out;
}

function setJson(text: string, path: JSONPath, value: unknown): string {
  const edits = modify(text, path, value, {
    formattingOptions: { insertSpaces: true, tabSize: 2 },
  });
  return applyEdits(text, edits);
}

/** The files rewritten to state `id`; a file that already does comes back unchanged, byte for byte. */
export function applyIdentity(texts: ProjectTexts, id: Identity): ProjectTexts {
  const origin = texts.origin.replace(
    ORIGIN_CONSTANT,
    () => `export const BACKEND_ORIGIN = '${id.origin}';`,
  );

  let app = texts.app;
  const manifest = (parseJson(app, PROJECT_FILES.app) as AppManifest).config ?? {};
  const set = (path: JSONPath, now: unknown, value: unknown) => {
    if (JSON.stringify(now) !== JSON.stringify(value)) app = setJson(app, path, value);
  };
  set(['config', 'name'], manifest.name, id.appName);
  const fetch = manifest.permittedUrls?.fetch;
  if (Array.isArray(fetch) && fetch.length > 0) {
    // Element by element, so a one-line array stays on one line.
    for (let k = fetch.length - 1; k >= 1; k--)
      app = setJson(app, ['config', 'permittedUrls', 'fetch', k], undefined);
    set(['config', 'permittedUrls', 'fetch', 0], fetch[0], id.origin);
  } else {
    set(['config', 'permittedUrls', 'fetch'], fetch, [id.origin]);
  }
  const redirects = strings(manifest.auth?.redirectUrls);
  const i = callbackIndex(redirects);
  set(
    ['config', 'auth', 'redirectUrls', i < 0 ? redirects.length : i],
    i < 0 ? undefined : redirects[i],
    id.origin + CALLBACK,
  );
  const support = manifest.support ?? {};
  set(['config', 'support', 'supportEmail'], support.supportEmail, id.supportEmail);
  set(['config', 'support', 'documentationUrl'], support.documentationUrl, id.documentationUrl);
  set(['config', 'support', 'supportUrl'], support.supportUrl, id.supportUrl);
  set(['config', 'support', 'supportPhone'], support.supportPhone, id.supportPhone);

  let webhooks = texts.webhooks;
  const hooks = parseJson(webhooks, PROJECT_FILES.webhooks) as Hooks;
  if (hooks.config?.settings?.targetUrl !== id.origin + WEBHOOKS) {
    webhooks = setJson(webhooks, ['config', 'settings', 'targetUrl'], id.origin + WEBHOOKS);
  }

  let local = texts.local;
  const proxy = (parseJson(local, PROJECT_FILES.local) as { proxy?: unknown }).proxy;
  if (JSON.stringify(proxy) !== JSON.stringify({ [id.origin]: LOCAL_BACKEND })) {
    local = setJson(local, ['proxy'], { [id.origin]: LOCAL_BACKEND });
  }
  return { origin, app, webhooks, local };
}

/** Values that are still the template's placeholders (example.com, the 555 phone number). */
export function placeholders(id: Identity): string[] {
  const out: string[] = [];
  const example = /(^|[@./])example\.(com|org|net)(\/|$)/;
  for (const [field, value] of Object.entries(id) as [keyof Identity, string][]) {
    if (example.test(value.replace(/^https:\/\//, '')) || /^\+1800555/.test(value)) out.push(field);
  }
  return out;
}
