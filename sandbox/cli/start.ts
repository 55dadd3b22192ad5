// `start` through the development entry (`npm start`): with HubSpot credentials it is the product's
// `start` unchanged. Without any, it first starts a seeded local sandbox portal (a generated B2B
// portal served by the HubSpot emulator), then runs the product's `start` pointed at it — its base
// URL, its private-app token, its client secret as the signing key, and a store of its own — so a
// newcomer sees everything work with no account. The product itself never imports the sandbox.

import { rmSync } from 'node:fs';
import {
  parseOptions,
  requireConfig,
  START_HELP,
  startApp,
  UsageError,
  type Command,
  type Io,
} from '../../src/cli/index.js';
import type { Config } from '../../src/config.js';

const HELP = `${START_HELP.trimEnd()}

Without HubSpot credentials in the environment, \`npm start\` first starts a local sandbox portal
(a generated B2B portal served by the HubSpot emulator) and works against it:
  --scale <s>      sandbox size: tiny | small (default) | medium
  --seed <n>       sandbox seed (default 1)
`;

/** Splits the sandbox's own options off; the rest goes to the product's `start`. */
export function splitSandboxOptions(args: readonly string[]) {
  const own: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.split('=')[0];
    if (name === '--scale' || name === '--seed') {
      own.push(a);
      if (!a.includes('=') && i + 1 < args.length) own.push(args[++i]!);
    } else rest.push(a);
  }
  const values = parseOptions(own, { scale: { type: 'string' }, seed: { type: 'string' } });
  const scale = values.scale ?? 'small';
  if (scale !== 'tiny' && scale !== 'small' && scale !== 'medium')
    throw new UsageError(`--scale: must be tiny, small or medium, got "${scale}"`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
    throw new UsageError(`--seed: must be a non-negative integer, got "${String(values.seed)}"`);
  return { scale, seed, rest } as const;
}

/**
 * The sandbox portal is generated anew at every start, so its local mirror must start empty too:
 * a store left by an earlier sandbox would hold write-back state for properties this portal has
 * never seen (and write nothing). Without DATABASE_URL, sandbox mode uses ./data/sandbox.db,
 * recreated each time; a real portal's store (./data/attribution.db) is never touched.
 */
export function sandboxStore(config: Config, file = './data/sandbox.db'): Config {
  if (config.mode !== 'unconfigured' || config.DATABASE_URL !== undefined) return config;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return { ...config, DATABASE_URL: `sqlite:${file}` };
}

/** The configuration that points the product at a running sandbox (a private-app portal). */
export function sandboxConfig(
  config: Config,
  sandbox: { readonly baseUrl: string; readonly accessToken: string; clientSecret: string },
): Config {
  return {
    ...config,
    mode: 'private-app',
    HUBSPOT_BASE_URL: sandbox.baseUrl,
    HUBSPOT_ACCESS_TOKEN: sandbox.accessToken,
    HUBSPOT_CLIENT_SECRET: sandbox.clientSecret,
  };
}

async function run(args: readonly string[], io: Io): Promise<number> {
  const o = splitSandboxOptions(args);
  const config = await requireConfig();
  if (config.mode !== 'unconfigured') return startApp(o.rest, io, { config });
  // Loaded only here: with credentials, nothing of the emulator is loaded.
  const [{ generatePortal, advancePortal }, { startSandbox }] = await Promise.all([
    import('../generator/index.js'),
    import('../index.js'),
  ]);
  io.stderr(
    `No HubSpot credentials: starting a local sandbox portal (${o.scale}, seed ${o.seed})…\n`,
  );
  const sandbox = await startSandbox({
    portal: generatePortal({ seed: o.seed, scale: o.scale }),
    seed: o.seed,
    advance: advancePortal,
    log: () => undefined,
  });
  io.stderr(`Sandbox HubSpot API at ${sandbox.baseUrl}\n`);
  try {
    return await startApp(o.rest, io, {
      config: sandboxConfig(sandboxStore(config), sandbox),
      onClose: () => sandbox.close(),
    });
  } catch (e) {
    await sandbox.close();
    throw e;
  }
}

export const startCommand: Command = {
  name: 'start',
  summary:
    'run the app (server, sync → attribute → write-back, schedule); sandbox without credentials',
  help: HELP,
  run,
};
