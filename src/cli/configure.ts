// `configure`: sets the deployment's identity (backend origin, app name, support contacts) in
// every HubSpot project file at once, or checks that they agree (--check).

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  applyIdentity,
  currentIdentity,
  disagreements,
  placeholders,
  PROJECT_FILES,
  type ProjectFile,
  type ProjectTexts,
} from '../project/index.js';
import { nextIdentity, parseIdentityInput } from '../project/index.js';
import { parseOptions, UsageError, type Command, type Io } from './command.js';

const HELP = `Usage: npm run -s cli -- configure --origin https://<host> [options]
       npm run -s cli -- configure --check [options]

Writes the deployment's identity into every file of the HubSpot project that holds it:
  ${PROJECT_FILES.origin}          the origin the card and settings page fetch
  ${PROJECT_FILES.app}              permittedUrls.fetch, the OAuth redirect URL,
                                               the app's name and support contacts
  ${PROJECT_FILES.webhooks}  the webhook target URL
  ${PROJECT_FILES.local}          the local development proxy
JSON files are edited in place; a file already right is not touched, so running the command
twice with the same values changes nothing. Options not given keep their current values;
documentation and support URLs under the old origin move with a new one.

Options:
  --origin <url>          the backend's public origin: https, a host name, no path
  --app-name <name>       the app's name in HubSpot (1–200 characters)
  --support-email <addr>  the support e-mail address
  --docs-url <url>        documentation URL (https)
  --support-url <url>     support URL (https)
  --support-phone <tel>   support phone, international format (+4930123456)
  --check                 change nothing; list every value that disagrees with the others (or
                          with the options given) and exit 1 if there is one
  --dir <path>            the project folder (default: this checkout)
  -h, --help              this help

Exit status: 0 written or consistent; 1 a file disagrees (--check); 2 bad input (nothing written).`;

const checkout = fileURLToPath(new URL('../..', import.meta.url));

function readTexts(dir: string): ProjectTexts {
  const read = (file: ProjectFile): string => {
    const p = path.join(dir, PROJECT_FILES[file]);
    try {
      return readFileSync(p, 'utf8');
    } catch {
      throw new UsageError(`cannot read ${p}: is --dir the project folder?`);
    }
  };
  return {
    origin: read('origin'),
    app: read('app'),
    webhooks: read('webhooks'),
    local: read('local'),
  };
}

function run(args: readonly string[], io: Io): Promise<number> {
  const v = parseOptions(args, {
    origin: { type: 'string' },
    'app-name': { type: 'string' },
    'support-email': { type: 'string' },
    'docs-url': { type: 'string' },
    'support-url': { type: 'string' },
    'support-phone': { type: 'string' },
    check: { type: 'boolean' },
    dir: { type: 'string' },
  });
  const input = parseIdentityInput({
    origin: v.origin,
    appName: v['app-name'],
    supportEmail: v['support-email'],
    documentationUrl: v['docs-url'],
    supportUrl: v['support-url'],
    supportPhone: v['support-phone'],
  });
  if (!input.ok) throw new UsageError(`invalid input:\n  ${input.problems.join('\n  ')}`);
  const check = v.check === true;
  if (!check && Object.keys(input.value).length === 0) {
    throw new UsageError('nothing to set: give --origin (or another option), or --check');
  }
  const dir = path.resolve(v.dir ?? checkout);
  const texts = readTexts(dir);
  let current;
  try {
    current = currentIdentity(texts);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const wanted = nextIdentity(current, input.value);
  const notice = (): void => {
    const left = placeholders(wanted);
    if (left.length > 0) {
      io.stderr(`note: still the template's placeholder: ${left.join(', ')}\n`);
    }
  };

  if (check) {
    const found = disagreements(texts, wanted);
    for (const d of found) {
      io.stdout(`${d.file}: ${d.field} is ${d.found}, expected ${d.expected}\n`);
    }
    if (found.length === 0) io.stdout(`all project files agree: ${wanted.origin}\n`);
    notice();
    return Promise.resolve(found.length === 0 ? 0 : 1);
  }

  const next = applyIdentity(texts, wanted);
  const left = disagreements(next, wanted);
  if (left.length > 0) {
    // Nothing is written unless every file would agree.
    const d = left[0]!;
    throw new Error(`${d.file}: could not set ${d.field} to ${d.expected}; nothing was written`);
  }
  for (const file of Object.keys(PROJECT_FILES) as ProjectFile[]) {
    const changed = next[file] !== texts[file];
    if (changed) writeFileSync(path.join(dir, PROJECT_FILES[file]), next[file]);
    io.stdout(`${changed ? 'updated  ' : 'unchanged'} ${PROJECT_FILES[file]}\n`);
  }
  notice();
  return Promise.resolve(0);
}

export const configureCommand: Command = {
  name: 'configure',
  summary: 'Set the backend origin, app name and support contacts in the HubSpot project files',
  help: HELP,
  run,
};
