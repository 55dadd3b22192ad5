// `sandbox`: runs the local HubSpot emulator over a generated portal until SIGINT/SIGTERM.
// stdout gets exactly one JSON line when ready (for scripts); logs go to stderr.

import { spawn } from 'node:child_process';
import { getHeapStatistics } from 'node:v8';
import { parseOptions, UsageError, type Command, type Io } from '../../src/cli/index.js';
import type { AppType, Tier } from '../portal.js';
import { parseFaultSpec } from '../server/middleware/fault-spec.js';

const SCALES = ['tiny', 'small', 'medium', 'large'] as const;
const TIERS = ['free', 'starter', 'professional', 'enterprise'] as const;
const APPS = ['private', 'oauth'] as const;

const HELP = `Usage: npm run -s cli -- sandbox [options]

Runs a local HubSpot API (same paths, status codes, paging and limits) over a generated portal.
Point @hubspot/api-client at it with basePath = baseUrl. Prints one JSON line when ready:
  {"baseUrl": "...", "accessToken": "...", "portalId": <number>}

Options:
  --port <p>              listen port (default 4010; 0 = any free port)
  --seed <n>              generator seed (default 1)
  --scale <s>             tiny | small | medium | large (default small)
  --tier <t>              free | starter | professional | enterprise (default professional)
  --app <a>               private | oauth: token kind and rate-limit policy (default private)
  --faults <spec>         e.g. "5xx=0.05,429burst=0.02,slow=0.01:800,reset=0.01,partial207=0.05,vanish=0.01,seed=7"
  --webhook-target <url>  POST signed webhook batches for every change to this URL
  --client-secret <s>     secret for webhook signatures and OAuth (default sandbox-client-secret)
  --no-rate-limits        switch rate limits off (benchmarks)
  -h, --help              this help
`;

function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
  def: T,
): T {
  if (value === undefined) return def;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name}: must be one of ${allowed.join(', ')}, got "${value}"`);
}

function integer(
  name: string,
  value: string | undefined,
  def: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return def;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new UsageError(`--${name}: must be an integer from ${min} to ${max}, got "${value}"`);
  return n;
}

function parse(args: readonly string[]) {
  const values = parseOptions(args, {
    port: { type: 'string' },
    seed: { type: 'string' },
    scale: { type: 'string' },
    tier: { type: 'string' },
    app: { type: 'string' },
    faults: { type: 'string' },
    'webhook-target': { type: 'string' },
    'client-secret': { type: 'string' },
    'no-rate-limits': { type: 'boolean' },
  });
  const faults = values.faults;
  if (faults !== undefined) {
    const r = parseFaultSpec(faults);
    if (!r.ok) throw new UsageError(`--${r.message}`);
  }
  const target = values['webhook-target'];
  if (target !== undefined && !URL.canParse(target))
    throw new UsageError(`--webhook-target: not a URL: "${target}"`);
  const secret = values['client-secret'];
  if (secret === '') throw new UsageError('--client-secret: must not be empty');
  return {
    port: integer('port', values.port, 4010, 0, 65535),
    seed: integer('seed', values.seed, 1, 0, 2 ** 31 - 1),
    scale: oneOf('scale', values.scale, SCALES, 'small'),
    tier: oneOf<Tier>('tier', values.tier, TIERS, 'professional'),
    app: oneOf<AppType>('app', values.app, APPS, 'private'),
    faults,
    target,
    secret,
    rateLimits: values['no-rate-limits'] !== true,
  };
}

// The large portal (≈1M records) holds ≈3.4 GB of live heap, past Node's default limit.
const LARGE_HEAP_MB = 6144;

/** Runs this same command in a child Node with a larger heap, passing stdio and the exit code. */
function rerunWithLargerHeap(args: readonly string[]): Promise<number> {
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${LARGE_HEAP_MB}`,
      ...process.execArgv,
      process.argv[1]!,
      'sandbox',
      ...args,
    ],
    { stdio: 'inherit' },
  );
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.once('SIGINT', forward('SIGINT'));
  process.once('SIGTERM', forward('SIGTERM'));
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      resolve(code ?? 1);
    }),
  );
}

async function run(args: readonly string[], io: Io): Promise<number> {
  const o = parse(args);
  if (o.scale === 'large' && getHeapStatistics().heap_size_limit < LARGE_HEAP_MB * 2 ** 20) {
    return rerunWithLargerHeap(args);
  }
  const log = (line: string): void => {
    io.stderr(line + '\n');
  };
  // Loaded here, not at the top: every CLI command shares one entry, and the others need no emulator.
  const [{ advancePortal, generatePortal }, { startSandbox }] = await Promise.all([
    import('../generator/index.js'),
    import('../index.js'),
  ]);
  const started = Date.now();
  const portal = generatePortal({ seed: o.seed, scale: o.scale, tier: o.tier });
  log(`sandbox: generated ${o.scale} portal (seed ${o.seed}) in ${Date.now() - started} ms`);
  const sb = await startSandbox({
    port: o.port,
    portal,
    seed: o.seed,
    app: o.app,
    rateLimits: o.rateLimits,
    advance: advancePortal,
    log,
    ...(o.faults === undefined ? {} : { faults: o.faults }),
    ...(o.secret === undefined ? {} : { clientSecret: o.secret }),
    ...(o.target === undefined ? {} : { webhooks: { targetUrl: o.target } }),
  });
  io.stdout(
    JSON.stringify({ baseUrl: sb.baseUrl, accessToken: sb.accessToken, portalId: sb.portalId }) +
      '\n',
  );
  if (sb.refreshToken !== undefined)
    log(
      `sandbox: OAuth client_id=${sb.clientId} refresh_token=${sb.refreshToken} (access tokens last 30 min)`,
    );
  log(`sandbox: listening on ${sb.baseUrl} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      log(`sandbox: ${signal}, closing`);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      void sb.close().then(resolve);
    };
    const onInt = (): void => {
      stop('SIGINT');
    };
    const onTerm = (): void => {
      stop('SIGTERM');
    };
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
  });
  return 0;
}

export const sandboxCommand: Command = {
  name: 'sandbox',
  summary: 'run a local HubSpot API over a generated portal',
  help: HELP,
  run,
};
