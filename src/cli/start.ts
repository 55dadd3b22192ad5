// `start`: the whole app — the server, one full cycle (sync → attribute → write-back) with visible
// progress, a short report, and the schedule until Ctrl-C. `--role web|worker` splits the process
// for deployments. The product needs HubSpot credentials; `npm start` goes through the development
// entry (sandbox/dev.ts), which without credentials first starts a seeded local sandbox portal and
// then runs this command pointed at it.

import type { Config } from '../config.js';
import type { CycleOutcome } from '../jobs/index.js';
import type { PortalAttributionSummary } from '../usecases/index.js';
import { parseOptions, requireConfig, UsageError, type Command, type Io } from './command.js';

export const START_HELP = `Usage: npm start [-- options]      (or: npm run -s cli -- start [options])

Runs the app: the HTTP server (card and settings API, webhooks, OAuth), the sync → attribute →
write-back cycle and its schedule.

With HUBSPOT_ACCESS_TOKEN (a private app) it works against that portal; with HUBSPOT_CLIENT_ID
and friends (OAuth) against every installed portal.

Options:
  --role <r>       all (default) | web (HTTP only) | worker (jobs only)
  --once           run one cycle, print the report and exit (no schedule)
  --json           with --once: also print the cycle's figures as one JSON line on stdout
  --job-seconds <n>
                   with PostgreSQL: the longest a job runs before it stops after its page and
                   continues later, so portals take turns (default 120; ADR 0006)
  -h, --help       this help

Environment: see README ("Configuration"); PORT (default 3000), DATABASE_URL, LOG_LEVEL, …
`;

/** What the development entry changes when it runs the app against a local sandbox portal. */
export interface StartHooks {
  /** Used instead of the environment's configuration. */
  readonly config?: Config;
  /** Runs after the app has stopped (`--once`) or on shutdown (after the runtime closed). */
  readonly onClose?: () => Promise<void>;
}

function parse(args: readonly string[]) {
  const values = parseOptions(args, {
    role: { type: 'string' },
    once: { type: 'boolean' },
    json: { type: 'boolean' },
    'job-seconds': { type: 'string' },
  });
  if (values.json === true && values.once !== true)
    throw new UsageError('--json: prints the figures of one cycle; use it with --once');
  const role = values.role ?? 'all';
  if (role !== 'all' && role !== 'web' && role !== 'worker')
    throw new UsageError(`--role: must be all, web or worker, got "${role}"`);
  if (values.once === true && role === 'web')
    throw new UsageError('--once: runs a cycle, which the web role does not do');
  const raw = values['job-seconds'];
  const jobSeconds = raw === undefined ? undefined : Number(raw);
  if (
    jobSeconds !== undefined &&
    (!Number.isInteger(jobSeconds) || jobSeconds < 1 || jobSeconds > 3600)
  )
    throw new UsageError(`--job-seconds: must be an integer from 1 to 3600, got "${String(raw)}"`);
  return { role, once: values.once === true, json: values.json === true, jobSeconds } as const;
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
      a.scope === 'portal'
        ? `Recomputed every deal in ${(a.ms / 1000).toFixed(1)} s (${a.reason}).`
        : `Recomputed ${a.deals.total} deals in ${(a.ms / 1000).toFixed(1)} s: ${a.reason}; ` +
            'the figures below cover those deals only.',
    );
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

/**
 * `start --once --json`: what the cycle did, in numbers (bench/large.ts reads it), and the
 * process's peak resident memory over its whole run.
 */
export function cycleFigures(outcome: CycleOutcome | undefined, state: string | null) {
  const s = outcome?.sync;
  const a = outcome?.attribution;
  const w = outcome?.writeback;
  const e = outcome?.evaluation;
  return {
    state,
    sync:
      s === undefined
        ? null
        : {
            ok: s.ok,
            records: Object.values(s.streams).reduce((n, r) => n + r.records, 0),
            apiCalls: s.apiCalls,
            rateLimited: s.rateLimited,
            durationMs: s.durationMs,
          },
    attribution:
      a === undefined
        ? null
        : {
            scope: a.scope,
            ms: a.ms,
            deals: a.deals,
            batches: a.batches,
            timings: a.timings,
            views: a.views,
          },
    evaluation: e ?? null,
    stepMs: outcome?.stepMs ?? {},
    writeback:
      w === undefined
        ? null
        : {
            written: w.written,
            unchanged: w.unchanged,
            failed: w.failed,
            apiCalls: w.apiCalls,
            updateCalls: w.updateCalls,
            byType: w.byType,
            schema: { created: w.schema.created.length, updated: w.schema.updated.length },
          },
    // resourceUsage's maxRSS is in kilobytes.
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Runs the app; `hooks` let the development entry point it at a local sandbox portal. */
export async function startApp(
  args: readonly string[],
  io: Io,
  hooks: StartHooks = {},
): Promise<number> {
  const o = parse(args);
  const config = hooks.config ?? (await requireConfig());
  if (config.mode === 'unconfigured')
    throw new UsageError(
      'no HubSpot credentials: set HUBSPOT_ACCESS_TOKEN (a private app) or HUBSPOT_CLIENT_ID, ' +
        'HUBSPOT_CLIENT_SECRET, HUBSPOT_REDIRECT_URI and TOKEN_ENCRYPTION_KEY (OAuth). ' +
        '`npm start` runs the app against a local sandbox portal instead.',
    );
  const [{ createLogger, createShutdown }, { createRuntime }, progress] = await Promise.all([
    import('../server/index.js'),
    import('../app/index.js'),
    import('../sync/index.js'),
  ]);
  const log = createLogger(config.LOG_LEVEL);
  const say = (line: string) => {
    io.stderr(line + '\n');
  };
  const close = async (runtime: { close(): Promise<void> }) => {
    await runtime.close();
    await hooks.onClose?.();
  };

  let view: ReturnType<typeof progress.lineProgress> | undefined;
  let last: CycleOutcome | undefined;
  const runtime = await createRuntime({
    config,
    role: o.role,
    log,
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
  shutdown.onShutdown('runtime', () => close(runtime));

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
      await close(runtime);
      if (o.json) io.stdout(JSON.stringify(cycleFigures(last, cycle?.state ?? null)) + '\n');
      return cycle?.state === 'succeeded' ? 0 : 1;
    }
  } else if (o.once) {
    await close(runtime);
    return 0;
  }
  if (runtime.server)
    say(`Card API: ${runtime.server.url}/api/v1/deals/<dealId>/attribution?portalId=…`);
  say('Running on schedule (Ctrl-C to stop).');
  shutdown.install();
  await new Promise<never>(() => undefined);
  return 0;
}

export const startCommand: Command = {
  name: 'start',
  summary:
    'run the app (server, sync → attribute → write-back, schedule); sandbox without credentials',
  help: START_HELP,
  run: (args, io) => startApp(args, io),
};
