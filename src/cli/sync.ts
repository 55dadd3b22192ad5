// `sync`: reads every stream of the portal behind HUBSPOT_ACCESS_TOKEN into the store — a full
// sync the first time, incremental after — with live progress on a terminal and structured lines
// elsewhere. Ctrl-C finishes the page in flight and its checkpoint; the next run resumes there.

import { parseOptions, requireConfig, UsageError, type Command, type Io } from './command.js';
import { CRM_OBJECT_TYPES, type CrmObjectType } from '../hubspot/index.js';
import type { SyncSummary } from '../usecases/index.js';

const HELP = `Usage: npm run -s cli -- sync [options]

Syncs the HubSpot portal of HUBSPOT_ACCESS_TOKEN (a private-app token) at HUBSPOT_BASE_URL
(default https://api.hubapi.com; the sandbox's baseUrl for local runs) into the store
(DATABASE_URL; default SQLite at ./data/attribution.db). The first run reads everything; later
runs read what changed since (and re-list everything once a week). Safe to interrupt: the next
run resumes from the last saved page.

Options:
  --full               re-list every record now (a reconcile), not only what changed
  --json               print one JSON object at the end:
                       {"streams": {"<name>": {"records": n, "apiCalls": n}}, "apiCalls": n,
                        "rateLimited": n, "durationMs": n}
  --streams <a,b>      only these streams (contacts, deals, email_events, …)
  --include <a,b>      optional streams to add: notes, tasks
  --concurrency <n>    streams read at the same time (default SYNC_CONCURRENCY or 2)
  -h, --help           this help

Environment: HUBSPOT_ACCESS_TOKEN (required), HUBSPOT_BASE_URL, HUBSPOT_TIER (sizes the rate
budget until HubSpot's headers say otherwise), DATABASE_URL, LOG_LEVEL.
Exit codes: 0 all streams synced, 1 a stream failed (see \`status\`), 2 bad usage or settings,
130 interrupted (resume by running again).
`;

const OPTIONAL: readonly CrmObjectType[] = ['notes', 'tasks'];

function list(name: string, raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw new UsageError(`--${name}: give at least one name`);
  return items;
}

function parse(args: readonly string[]) {
  const values = parseOptions(args, {
    full: { type: 'boolean' },
    json: { type: 'boolean' },
    streams: { type: 'string' },
    include: { type: 'string' },
    concurrency: { type: 'string' },
  });
  const include = list('include', values.include) ?? [];
  for (const s of include)
    if (!(OPTIONAL as readonly string[]).includes(s))
      throw new UsageError(`--include: "${s}" is not an optional stream (${OPTIONAL.join(', ')})`);
  const only = list('streams', values.streams);
  const known = [
    ...CRM_OBJECT_TYPES,
    'pipelines',
    'email_events',
    'marketing_event_participations',
  ];
  for (const s of only ?? [])
    if (!known.includes(s))
      throw new UsageError(`--streams: unknown stream "${s}" (${known.join(', ')})`);
  let concurrency: number | undefined;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!/^\d+$/.test(values.concurrency) || concurrency < 1 || concurrency > 16)
      throw new UsageError(
        `--concurrency: must be an integer from 1 to 16, got "${values.concurrency}"`,
      );
  }
  return {
    full: values.full === true,
    json: values.json === true,
    include: include as CrmObjectType[],
    only,
    concurrency,
  };
}

/** The `--json` object of the issue: records are live records of the stream in the store. */
export function summaryJson(s: SyncSummary): object {
  return {
    streams: Object.fromEntries(
      Object.entries(s.streams).map(([name, r]) => [
        name,
        {
          records: r.records,
          apiCalls: r.apiCalls,
          status: r.status,
          ...(r.status === 'ok' ? { mode: r.mode } : { error: r.error }),
        },
      ]),
    ),
    apiCalls: s.apiCalls,
    rateLimited: s.rateLimited,
    durationMs: s.durationMs,
  };
}

async function run(args: readonly string[], io: Io): Promise<number> {
  const o = parse(args);
  const config = await requireConfig();
  if (config.HUBSPOT_ACCESS_TOKEN === undefined)
    throw new UsageError(
      'HUBSPOT_ACCESS_TOKEN: not set. For a local portal start `npm run -s cli -- sandbox` and set ' +
        'HUBSPOT_BASE_URL and HUBSPOT_ACCESS_TOKEN from the JSON line it prints.',
    );
  const [{ composeApp }, progress] = await Promise.all([
    import('../app/index.js'),
    import('../sync/index.js'),
  ]);
  const app = await composeApp({
    config,
    // Retries, token refreshes and skipped malformed records, as JSON lines on stderr.
    hubspotLog: (level, event, fields) => {
      if (level !== 'debug') io.stderr(JSON.stringify({ level, msg: event, ...fields }) + '\n');
    },
  });
  const controller = new AbortController();
  const stop = () => {
    if (!controller.signal.aborted) {
      io.stderr('\nsync: stopping after the current page (Ctrl-C again to force)\n');
      controller.abort();
    } else process.exit(130);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    const conn = await app.privateApp();
    const view = io.isTTY
      ? progress.terminalProgress(process.stderr, () => conn.budget.utilisation())
      : progress.lineProgress(
          (l) => {
            io.stderr(l + '\n');
          },
          () => conn.budget.utilisation(),
        );
    const summary = await app.usecases.syncPortal(conn.portalId, {
      full: o.full,
      concurrency: o.concurrency ?? config.SYNC_CONCURRENCY,
      streams: { optional: o.include, ...(o.only === undefined ? {} : { only: o.only }) },
      signal: controller.signal,
      onProgress: (p) => {
        view.update(p);
      },
      log: {
        info: (msg, f) => {
          io.stderr(JSON.stringify({ level: 'info', msg, ...f }) + '\n');
        },
        warn: (msg, f) => {
          io.stderr(JSON.stringify({ level: 'warn', msg, ...f }) + '\n');
        },
      },
    });
    view.stop();
    if (o.json) io.stdout(JSON.stringify(summaryJson(summary)) + '\n');
    else io.stderr(humanSummary(summary));
    if (controller.signal.aborted) return 130;
    return summary.ok ? 0 : 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await app.close();
  }
}

function humanSummary(s: SyncSummary): string {
  const lines = Object.entries(s.streams).map(([name, r]) => {
    const state = r.status === 'ok' ? r.mode : `${r.status}: ${r.error.kind} — ${r.error.message}`;
    return `  ${name.padEnd(32)} ${String(r.records).padStart(9)} records ${String(r.apiCalls).padStart(7)} calls  ${state}`;
  });
  return (
    `sync of portal ${s.portalId}: ${s.apiCalls} API calls, ${s.rateLimited} rate-limited, ` +
    `${(s.durationMs / 1000).toFixed(1)} s\n${lines.join('\n')}\n`
  );
}

export const syncCommand: Command = {
  name: 'sync',
  summary: 'sync the HubSpot portal into the store (full first, incremental after)',
  help: HELP,
  run,
};
