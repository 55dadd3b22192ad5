// `start` (`npm start`): the whole app. Without HubSpot credentials it starts a seeded local
// sandbox portal first, so a newcomer sees everything work with no account. Then: the server, one
// full cycle (sync → attribute → write-back) with visible progress, a short report, and the
// schedule until Ctrl-C. `--role web|worker` splits the process for deployments.

import { rmSync } from 'node:fs';
import type { Config } from '../config.js';
import type { CycleOutcome } from '../jobs/cycle.js';
import type { PortalAttributionSummary } from '../services/attribute.js';
import { parseOptions, requireConfig, UsageError, type Command, type Io } from './command.js';

const HELP = `Usage: npm start [-- options]      (or: npm run -s cli -- start [options])

Runs the app: the HTTP server (card and settings API, webhooks, OAuth), the sync → attribute →
write-back cycle and its schedule.

With no HubSpot credentials in the environment, it first starts a local sandbox portal (a
generated B2B portal served by the HubSpot emulator) and works against it. With
HUBSPOT_ACCESS_TOKEN (a private app) it works against that portal; with HUBSPOT_CLIENT_ID and
friends (OAuth) against every installed portal.

Options:
  --role <r>       all (default) | web (HTTP only) | worker (jobs only)
  --once           run one cycle, print the report and exit (no schedule)
  --job-seconds <n>
                   with PostgreSQL: the longest a job runs before it stops after its page and
                   continues later, so portals take turns (default 120; ADR 0006)
  --scale <s>      sandbox size: tiny | small (default) | medium
  --seed <n>       sandbox seed (default 1)
  -h, --help       this help

Environment: see README ("Configuration"); PORT (default 3000), DATABASE_URL, LOG_LEVEL, …
`;

function parse(args: readonly string[]) {
  const values = parseOptions(args, {
    role: { type: 'string' },
    once: { type: 'boolean' },
    scale: { type: 'string' },
    seed: { type: 'string' },
    'job-seconds': { type: 'string' },
  });
  const role = values.role ?? 'all';
  if (role !== 'all' && role !== 'web' && role !== 'worker')
    throw new UsageError(`--role: must be all, web or worker, got "${role}"`);
  const scale = values.scale ?? 'small';
  if (scale !== 'tiny' && scale !== 'small' && scale !== 'medium')
    throw new UsageError(`--scale: must be tiny, small or medium, got "${scale}"`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
    throw new UsageError(`--seed: must be a non-negative integer, got "${String(values.seed)}"`);
  if (values.once === true && role === 'web')
    throw new UsageError('--once: runs a cycle, which the web role does not do');
  const raw = values['job-seconds'];
  const jobSeconds = raw === undefined ? undefined : Number(raw);
  if (
    jobSeconds !== undefined &&
    (!Number.isInteger(jobSeconds) || jobSeconds < 1 || jobSeconds > 3600)
  )
    throw new UsageError(`--job-seconds: must be an integer from 1 to 3600, got "${String(raw)}"`);
  return { role, once: values.once === true, scale, seed, jobSeconds } as const;
}

const money = (cents: number, currency: string) =>
  `${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;

/** The report after the first cycle: revenue by channel under three models, and what was done. */
export function cycleReport(outcome: CycleOutcome): string {
  const lines: string[] = [];
  const a: PortalAttributionSummary | undefined = outcome.attribution;
  if (outcome.sync)
    lines.push(
      `Synced ${Object.values(outcome.sync.streams).reduce((n, s) => n + s.records, 0)} records with ` +
        `${outcome.sync.apiCalls} API calls (${outcome.sync.rateLimited} rate-limited) in ` +
        `${(outcome.sync.durationMs / 1000).toFixed(1)} s.`,
    );
  if (a) {
    lines.push(
      `Deals: ${a.deals.total} (${a.deals.won} won, ${a.deals.lost} lost, ${a.deals.open} open); ` +
        `${a.deals.attributed} attributed, ${a.deals.unattributed} without touches, ` +
        `${a.deals.withoutAmount} without amount.`,
    );
    for (const m of a.models.slice(0, 3)) {
      lines.push('', `Won revenue by channel — ${m.model}${m === a.models[0] ? ' (active)' : ''}:`);
      if (m.unavailable !== null) lines.push(`  not available: ${m.unavailable}`);
      // Largest currency first; amounts are never summed across currencies.
      for (const c of [...m.revenue].sort((x, y) => y.amountCents - x.amountCents)) {
        const credited = c.byChannel.filter((ch) => ch.cents > 0);
        lines.push(`  ${c.currency}: ${c.deals} won deals, ${money(c.amountCents, c.currency)}`);
        for (const ch of credited.slice(0, 8))
          lines.push(`    ${ch.channel.padEnd(20)} ${money(ch.cents, c.currency).padStart(20)}`);
        if (credited.length > 8) lines.push(`    … ${credited.length - 8} more channels`);
        if (c.unattributedCents > 0)
          lines.push(
            `    ${'unattributed'.padEnd(20)} ${money(c.unattributedCents, c.currency).padStart(20)}`,
          );
      }
    }
  }
  if (outcome.evaluation) {
    const e = outcome.evaluation;
    lines.push(
      '',
      'error' in e
        ? `Model evaluation failed: ${e.error}`
        : `Model evaluation: ${e.recommended} recommended (shown on the settings page, never applied; ` +
            '`npm run -s cli -- evaluate` for the numbers).',
    );
  }
  if (outcome.writeback) {
    const w = outcome.writeback;
    lines.push(
      '',
      `Write-back: ${w.written} records written, ${w.unchanged} unchanged, ${w.failed} failed ` +
        `(${w.apiCalls} API calls; deals ${w.byType.deals.written}, contacts ` +
        `${w.byType.contacts.written}, companies ${w.byType.companies.written}).`,
    );
    for (const c of w.collisions)
      lines.push(`  property name collision, left untouched: ${JSON.stringify(c)}`);
  }
  return lines.join('\n') + '\n';
}

async function run(args: readonly string[], io: Io): Promise<number> {
  const o = parse(args);
  const config = sandboxStore(await requireConfig());
  const [{ createLogger }, { createRuntime }, progress, { createShutdown }] = await Promise.all([
    import('../server/logger.js'),
    import('../app/runtime.js'),
    import('../sync/progress.js'),
    import('../server/shutdown.js'),
  ]);
  const log = createLogger(config.LOG_LEVEL);
  const say = (line: string) => {
    io.stderr(line + '\n');
  };

  let sandbox:
    | { baseUrl: string; accessToken: string; clientSecret: string; close(): Promise<void> }
    | undefined;
  if (config.mode === 'sandbox') {
    const [{ generatePortal, advancePortal }, { startSandbox }] = await Promise.all([
      import('../sandbox/generator/index.js'),
      import('../sandbox/index.js'),
    ]);
    say(`No HubSpot credentials: starting a local sandbox portal (${o.scale}, seed ${o.seed})…`);
    sandbox = await startSandbox({
      portal: generatePortal({ seed: o.seed, scale: o.scale }),
      seed: o.seed,
      advance: advancePortal,
      log: () => undefined,
    });
    say(`Sandbox HubSpot API at ${sandbox.baseUrl}`);
  }

  let view: ReturnType<typeof progress.lineProgress> | undefined;
  let last: CycleOutcome | undefined;
  const runtime = await createRuntime({
    config,
    role: o.role,
    log,
    baseUrl: sandbox?.baseUrl ?? config.HUBSPOT_BASE_URL,
    ...(sandbox
      ? { accessToken: sandbox.accessToken, signingSecret: sandbox.clientSecret }
      : config.HUBSPOT_ACCESS_TOKEN === undefined
        ? {}
        : { accessToken: config.HUBSPOT_ACCESS_TOKEN }),
    schedule: !o.once,
    ...(o.jobSeconds === undefined ? {} : { jobSliceMs: o.jobSeconds * 1000 }),
    onSyncProgress: (_portalId, p) => view?.update(p),
    onCycle: (_portalId, outcome) => {
      last = outcome;
    },
  });
  if (runtime.server) say(`Server listening on ${runtime.server.url}`);

  const shutdown = createShutdown({ log });
  if (runtime.server) shutdown.addServer(runtime.server.server);
  shutdown.onShutdown('runtime', () => runtime.close());
  if (sandbox) {
    const sb = sandbox;
    shutdown.onShutdown('sandbox', () => sb.close());
  }

  if (o.role !== 'web' && runtime.portalId !== undefined) {
    const portalId = runtime.portalId;
    say(`Running the first cycle for portal ${portalId}: sync → attribute → write-back`);
    const { budget } = await runtime.connection(portalId);
    const use = () => budget.utilisation();
    view = io.isTTY
      ? progress.terminalProgress(process.stderr, use)
      : progress.lineProgress(say, use);
    runtime.enqueue(portalId, 'sync');
    await runtime.runner.idle();
    view.stop();
    view = undefined;
    const cycle = await runtime.runner.lastCycle(portalId);
    if (last) say('\n' + cycleReport(last));
    if (cycle?.state === 'failed') say(`The cycle failed: ${cycle.error ?? 'unknown error'}`);
    if (o.once) {
      await runtime.close();
      await sandbox?.close();
      return cycle?.state === 'succeeded' ? 0 : 1;
    }
  } else if (o.once) {
    await runtime.close();
    await sandbox?.close();
    return 0;
  }
  if (runtime.server)
    say(`Card API: ${runtime.server.url}/api/v1/deals/<dealId>/attribution?portalId=…`);
  say('Running on schedule (Ctrl-C to stop).');
  shutdown.install();
  await new Promise<never>(() => undefined);
  return 0;
}

/**
 * The sandbox portal is generated anew at every start, so its local mirror must start empty too:
 * a store left by an earlier sandbox would hold write-back state for properties this portal has
 * never seen (and write nothing). Without DATABASE_URL, sandbox mode uses ./data/sandbox.db,
 * recreated each time; a real portal's store (./data/attribution.db) is never touched.
 */
export function sandboxStore(config: Config, file = './data/sandbox.db'): Config {
  if (config.mode !== 'sandbox' || config.DATABASE_URL !== undefined) return config;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return { ...config, DATABASE_URL: `sqlite:${file}` };
}

export const startCommand: Command = {
  name: 'start',
  summary:
    'run the app (server, sync → attribute → write-back, schedule); sandbox without credentials',
  help: HELP,
  run,
};
