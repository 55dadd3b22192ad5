// `evaluate`: which attribution model fits the synced portal, how sure the app is, and why —
// computed from the store under the portal's settings, saved for the settings page, printed.

import type { Evaluation } from '../evaluation/index.js';
import { parseOptions, requireConfig, UsageError, type Command, type Io } from './command.js';
import { parsePortalFlag, resolvePortalId } from './portal-arg.js';

const HELP = `Usage: npm run -s cli -- evaluate [options]

Evaluates every attribution model on the synced portal's own deals and recommends one (shown,
never applied: an admin picks the model in the settings page):
- data-driven models (Markov orders 1–3, Shapley, logistic, simplified Shapley) are fitted on the
  deals closed before a cut-off and predict the deals closed after it: held-out log-loss and AUC
  against the base rate (every deal given the training win rate);
- every model's channel shares with 90 % bootstrap intervals over the closed deals;
- how much the models agree (Spearman's ρ between their channel shares).
The result is saved in the store (the settings page shows it). Reads only the store.

With --paths <file> it evaluates a path file instead (the \`paths\` command's formats: a
ChannelAttribution CSV with total_null, or journeys JSON): each conversion is a won deal and each
null a lost one; the file has no dates, so the split is a seeded random 70/30 of the deals.
Nothing is saved, and no store or environment is needed.

Options:
  --portal <id>     the portal (default: the only portal in the store)
  --cutoff <date>   split date, YYYY-MM-DD (UTC) or ISO time (default: the close date that
                    leaves the latest 30 % of closed deals to score)
  --seed <n>        seed of the bootstrap resamples (default 1): same data, same intervals
  --paths <file>    evaluate a path file (CSV or .json) instead of the store
  --json            print the evaluation as one JSON object
  -h, --help        this help

Exit status: 0 done; 2 bad usage.`;

function parseCutoff(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? Date.parse(`${raw}T00:00:00Z`) : Date.parse(raw);
  if (!Number.isFinite(ms) || !/^\d{4}-\d{2}-\d{2}/.test(raw)) {
    throw new UsageError(`--cutoff: must be a date YYYY-MM-DD or an ISO time, got "${raw}"`);
  }
  return ms;
}

function parseSeed(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw)) throw new UsageError(`--seed: must be an integer ≥ 0, got "${raw}"`);
  return Number(raw);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const num = (x: number | null): string => (x === null ? '–' : x.toFixed(3));
const day = (ms: number | null): string =>
  ms === null ? '–' : new Date(ms).toISOString().slice(0, 10);

/** The evaluation as a person reads it. */
export function renderEvaluation(e: Evaluation): string {
  const lines: string[] = [];
  lines.push(`Recommended: ${e.recommended.model}`, `  ${e.recommended.reason}`, '');
  lines.push(
    `Held-out check: fitted on ${e.deals.train} deals closed before ${day(e.cutoff)}, ` +
      `scored on ${e.deals.test} closed from then on.`,
    `Baseline (training win rate ${e.baseline.winRate === null ? '–' : pct(e.baseline.winRate)}): ` +
      `log-loss ${num(e.baseline.logLoss)}, AUC ${num(e.baseline.auc)}.`,
    '',
    `  ${'model'.padEnd(20)}${'log-loss'.padStart(10)}${'AUC'.padStart(8)}   top channels (share, 90% interval)`,
  );
  for (const m of e.models) {
    const top = Object.entries(m.channelShares)
      .sort((a, b) => b[1].share - a[1].share)
      .slice(0, 3)
      .map(([c, s]) => `${c} ${pct(s.share)} (${pct(s.lo)}–${pct(s.hi)})`)
      .join(', ');
    const note = m.unavailable === undefined ? top : `not available: ${m.unavailable}`;
    lines.push(
      `  ${m.id.padEnd(20)}${num(m.logLoss).padStart(10)}${num(m.auc).padStart(8)}   ${note}`,
    );
  }
  const rhos = e.agreement.filter((a) => a.spearman !== null).map((a) => a.spearman!);
  if (rhos.length > 0) {
    const sorted = [...rhos].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    lines.push(
      '',
      `Agreement between models (Spearman's ρ of channel shares over ${rhos.length} pairs): ` +
        `median ${median.toFixed(2)}, lowest ${sorted[0]!.toFixed(2)}.`,
    );
  }
  lines.push(
    '',
    'Log-loss: lower is better; AUC 0.5 is chance, 1 ranks every won deal above every lost one.',
    'Correlation is not causation: a channel that predicts wins may only accompany them. Small',
    'portals give wide intervals. --json prints every number.',
  );
  return lines.join('\n') + '\n';
}

async function evaluatePathFile(file: string, seedFlag?: number): Promise<Evaluation> {
  const [{ readPathFile }, evaluation] = await Promise.all([
    import('./path-file.js'),
    import('../evaluation/index.js'),
  ]);
  const seed = seedFlag ?? evaluation.DEFAULT_EVALUATION_SEED;
  const journeys = evaluation.journeysFromPathSet(await readPathFile(file), seed);
  if (!journeys.ok) throw new UsageError(`${file}: ${journeys.error}: ${journeys.message}`);
  return evaluation.evaluatePortal(journeys.value, { seed });
}

async function run(args: readonly string[], io: Io): Promise<number> {
  const v = parseOptions(args, {
    portal: { type: 'string' },
    cutoff: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
    paths: { type: 'string' },
  });
  if (v.paths !== undefined) {
    if (v.portal !== undefined || v.cutoff !== undefined) {
      throw new UsageError(
        '--paths: a path file has no portal and no dates (no --portal, --cutoff)',
      );
    }
    const evaluation = await evaluatePathFile(v.paths, parseSeed(v.seed));
    io.stdout(v.json === true ? JSON.stringify(evaluation) + '\n' : renderEvaluation(evaluation));
    return 0;
  }
  const portalFlag = parsePortalFlag(v.portal);
  const cutoff = parseCutoff(v.cutoff);
  const seed = parseSeed(v.seed);
  const config = await requireConfig();
  const { composeApp } = await import('../app/index.js');
  const app = await composeApp({ config });
  try {
    const portalId = await resolvePortalId(app.usecases.portals, portalFlag);
    const { evaluation } = await app.usecases.evaluatePortal(portalId, {
      ...(cutoff === undefined ? {} : { cutoff }),
      ...(seed === undefined ? {} : { seed }),
    });
    io.stdout(v.json === true ? JSON.stringify(evaluation) + '\n' : renderEvaluation(evaluation));
    return 0;
  } finally {
    await app.close();
  }
}

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'Evaluate every model on the synced portal and recommend one (never applied)',
  help: HELP,
  run,
};
