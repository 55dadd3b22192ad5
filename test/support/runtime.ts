// `start`'s runtime over a sandbox portal, composed as the development entry composes it (the
// sandbox's base URL, token and client secret), with a SQLite file store in `dir`: what the
// end-to-end tests of the whole app start from.

import { join } from 'node:path';
import { createRuntime, type Role, type Runtime } from '../../src/app/runtime.js';
import { loadConfig } from '../../src/config.js';
import type { CycleOutcome } from '../../src/jobs/cycle.js';
import { createLogger } from '../../src/server/logger.js';
import type { RunningSandbox } from '../../sandbox/index.js';

export interface RuntimeOptions {
  readonly sb: RunningSandbox;
  /** The store goes to `<dir>/app.db`. */
  readonly dir: string;
  /** Default 0 (any free port). */
  readonly port?: number;
  readonly role?: Role;
  /** More environment (e.g. HUBSPOT_TIER). */
  readonly env?: Readonly<Record<string, string>>;
  readonly onCycle?: (outcome: CycleOutcome) => void;
}

export async function sandboxRuntime(o: RuntimeOptions): Promise<Runtime> {
  const loaded = loadConfig({
    PORT: String(o.port ?? 0),
    DATABASE_URL: `sqlite:${join(o.dir, 'app.db')}`,
    LOG_LEVEL: 'silent',
    HUBSPOT_BASE_URL: o.sb.baseUrl,
    HUBSPOT_ACCESS_TOKEN: o.sb.accessToken,
    HUBSPOT_CLIENT_SECRET: o.sb.clientSecret,
    ...o.env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const runtime = await createRuntime({
    config: loaded.config,
    role: o.role ?? 'all',
    log: createLogger('silent'),
    schedule: false,
    ...(o.onCycle === undefined ? {} : { onCycle: (_id, outcome) => o.onCycle?.(outcome) }),
  });
  if (runtime.portalId === undefined) throw new Error('the runtime has no portal');
  return runtime;
}
