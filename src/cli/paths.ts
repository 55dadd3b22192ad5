// `paths <file> --model <id>`: an analyst's path file (ChannelAttribution CSV or journeys JSON)
// through one model (ATTRIBUTION.md §5). The file is read here; parsing and the models are pure.

import { parseArgs } from 'node:util';
import { WEIGHT_BUCKETS } from '../domain/index.js';
import { allocate } from '../attribution/index.js';
import { PATH_ROLES } from '../attribution/index.js';
import { type PathModelOptions, type PathModelOutput, runPathModel } from '../attribution/index.js';
import { type Command, type Io, UsageError } from './command.js';
import { readPathFile } from './path-file.js';

const HELP = `Usage: npm run -s cli -- paths <file> --model <id> [options]

Attributes the conversions and value of a path file to channels with one model.

Input (format by extension):
  *.csv (or any other name)  header path,total_conversions,total_conversion_value,total_null
                             (any order and case, extra columns ignored, value and null optional;
                             separator "," or ";"), channels joined by " > " as ChannelAttribution
                             writes them; UTF-8, LF or CRLF, RFC 4180 quotes. Numbers: digits and
                             "." only, >= 0. A row with an empty path is reported as unattributed.
  *.json                     an array of journeys, each an array of channel names or numbers;
                             every journey is one conversion with value 1.

Models:
  first_touch, last_touch, last_non_direct, linear, position_based, j_shaped, inverse_j
                             on the raw path: every occurrence is a touch, repeats count
  custom                     with --weights over FIRST, LAST, LND, MID
  markov                     exact removal effect; --order 1-4 (default 1), --no-nulls
  shapley                    Shapley on conversion rates (DP6)
  shapley_simplified         each journey split equally over its distinct channels
  logistic                   L2-regularised logistic regression of converting vs non-converting
                             journeys on their distinct channels; needs total_null > 0 somewhere;
                             credit in proportion to the positive coefficients, 90% bootstrap
                             intervals on the coefficients
  time_decay, u_shaped, w_shaped, full_path and custom weights on LC/OC/CW need timestamps or
  milestones: model_not_applicable.

Options:
  --model <id>               the model (required)
  --order <k>                markov: states are k-grams of channels, k = 1-4 (default 1)
  --no-nulls                 markov: ignore non-converting journeys
  --weights <R=w,...>        custom: e.g. FIRST=30,LAST=70 or FIRST=40,LAST=40,MID=20
                             (roles ${PATH_ROLES.join(', ')}; scale-free)
  --max-exact-channels <m>   shapley: largest distinct-channel set computed exactly (default 15,
                             at most 20; cost 2^m per set)
  --sampling                 shapley: estimate larger sets from random orders (error <= 0.005
                             per channel with probability >= 0.99) instead of failing
  --l2 <x>                   logistic: L2 penalty on the coefficients, > 0 (default 1, not
                             scaled with the number of journeys)
  --bootstrap <B>            logistic: resamples of the journeys for the intervals (default 200;
                             0 = no intervals)
  --seed <n>                 logistic: seed of the resampling (default 1)
  --direct <a,b,...>         channels that last_non_direct skips (default direct,direct_traffic;
                             case-insensitive)
  --json                     print one JSON object: {model, order?, useNulls?, totalConversions,
                             totalValue, conversionProbability?, intercept?, l2?, bootstrap?,
                             seed?, channels: [{channel, conversions, value, removalEffect?,
                             coefficient?, interval?: {lo, hi}}], unattributed?, warnings?}
  -h, --help                 this help

Exit status: 0 done; 2 bad usage, unknown model, model not applicable or malformed file (the
message names the line, or the journey index for JSON; nothing is printed to stdout); 1 failure.
`;

export const pathsCommand: Command = {
  name: 'paths',
  summary: 'Attribute a path file (ChannelAttribution CSV or journeys JSON) with one model',
  help: HELP,
  async run(args: readonly string[], io: Io): Promise<number> {
    const { file, model, options, json } = parseCommandLine(args);
    const paths = await readPathFile(file);
    const result = runPathModel(paths, model, options);
    if (!result.ok) {
      const message = `${result.error}: ${result.message}`;
      if (result.error === 'markov_not_converged') {
        io.stderr(`paths: ${message}\n`);
        return 1;
      }
      throw new UsageError(message);
    }
    io.stdout(json ? JSON.stringify(result.value) + '\n' : table(result.value));
    return 0;
  },
};

function parseCommandLine(args: readonly string[]): {
  file: string;
  model: string;
  options: PathModelOptions;
  json: boolean;
} {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: {
        model: { type: 'string' },
        order: { type: 'string' },
        'no-nulls': { type: 'boolean' },
        weights: { type: 'string' },
        direct: { type: 'string' },
        'max-exact-channels': { type: 'string' },
        sampling: { type: 'boolean' },
        l2: { type: 'string' },
        bootstrap: { type: 'string' },
        seed: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('missing <file> (see --help)');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]!}"`);
  if (values.model === undefined) throw new UsageError('missing --model <id> (see --help)');
  let order: number | undefined;
  if (values.order !== undefined) {
    if (!/^[1-4]$/.test(values.order)) throw new UsageError('--order must be 1, 2, 3 or 4');
    order = Number(values.order);
  }
  const options: PathModelOptions = {
    ...(order !== undefined && { order }),
    ...(values['no-nulls'] === true && { useNulls: false }),
    ...(values.weights !== undefined && { weights: parseWeights(values.weights) }),
    ...(values['max-exact-channels'] !== undefined && {
      maxExactChannels: positiveInteger('--max-exact-channels', values['max-exact-channels']),
    }),
    ...(values.sampling === true && { sampling: true }),
    ...(values.l2 !== undefined && { l2: positiveNumber('--l2', values.l2) }),
    ...(values.bootstrap !== undefined && {
      bootstrap: wholeNumber('--bootstrap', values.bootstrap),
    }),
    ...(values.seed !== undefined && { seed: wholeNumber('--seed', values.seed) }),
    ...(values.direct !== undefined && {
      directChannels: values.direct.split(',').map((c) => c.trim()),
    }),
  };
  return { file, model: values.model, options, json: values.json === true };
}

function positiveInteger(flag: string, text: string): number {
  if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`${flag} must be a positive integer`);
  return Number(text);
}

function wholeNumber(flag: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number`);
  return Number(text);
}

/** A decimal such as 1, 0.5 or 1e-3; the model's schema checks the range. */
function positiveNumber(flag: string, text: string): number {
  if (!/^(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) {
    throw new UsageError(`${flag} must be a number such as 1, 0.5 or 1e-3`);
  }
  return Number(text);
}

/** `FIRST=30,LAST=70` → {FIRST: 30, LAST: 70}; roles other than FIRST/LAST/LND/MID are passed on
 * (LC/OC/CW, so the model answers model_not_applicable), unknown names are a usage error. */
function parseWeights(text: string): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z]+)\s*=\s*(\d+(?:\.\d*)?|\.\d+)\s*$/.exec(part);
    const role = m?.[1]?.toUpperCase();
    if (!m || role === undefined || !(WEIGHT_BUCKETS as readonly string[]).includes(role)) {
      throw new UsageError(
        `--weights: "${part}" is not ROLE=number with ROLE one of ${PATH_ROLES.join(', ')}`,
      );
    }
    if (role in weights) throw new UsageError(`--weights: ${role} is given twice`);
    weights[role] = Number(m[2]);
  }
  return weights;
}

/** An aligned table; the value column is allocated in cents against the file total (§3). */
function table(out: PathModelOutput): string {
  const markov = out.model === 'markov';
  const logistic = out.model === 'logistic';
  const intervals = logistic && out.channels.some((c) => c.interval !== undefined);
  const cents = valueCents(out);
  const pct = (x: number) =>
    out.totalConversions > 0 ? ((100 * x) / out.totalConversions).toFixed(2) : '0.00';
  const money = (c: number) => (c / 100).toFixed(2);
  const fixed = (x: number | undefined) => (x === undefined ? '' : x.toFixed(4));
  const head = [
    'channel',
    'conversions',
    'share %',
    'value',
    ...(markov ? ['removal effect'] : []),
    ...(logistic ? ['coefficient'] : []),
    ...(intervals ? ['90% lo', '90% hi'] : []),
  ];
  const rows = out.channels.map((c, i) => [
    c.channel,
    c.conversions.toFixed(4),
    pct(c.conversions),
    money(cents[i]!),
    ...(markov ? [(c.removalEffect ?? 0).toFixed(6)] : []),
    ...(logistic ? [fixed(c.coefficient)] : []),
    ...(intervals ? [fixed(c.interval?.lo), fixed(c.interval?.hi)] : []),
  ]);
  const total = [
    'total',
    out.totalConversions.toFixed(4),
    pct(out.totalConversions),
    money(cents.reduce((a, b) => a + b, 0)),
    ...head.slice(4).map(() => ''),
  ];
  const all = [head, ...rows, total];
  const widths = head.map((_, k) => Math.max(...all.map((r) => r[k]!.length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, k) => (k === 0 ? cell.padEnd(widths[k]!) : cell.padStart(widths[k]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const title = [
    `model: ${out.model}`,
    ...(out.order !== undefined ? [`order ${out.order}`] : []),
    ...(out.useNulls !== undefined ? [out.useNulls ? 'with nulls' : 'without nulls'] : []),
    ...(out.conversionProbability !== undefined
      ? [`conversion probability ${out.conversionProbability.toFixed(6)}`]
      : []),
    ...(out.l2 !== undefined ? [`l2 ${out.l2}`] : []),
    ...(out.intercept !== undefined ? [`intercept ${out.intercept.toFixed(4)}`] : []),
    ...(out.bootstrap !== undefined
      ? [
          out.bootstrap > 0
            ? `${out.bootstrap} bootstrap resamples (seed ${out.seed ?? ''})`
            : 'no bootstrap',
        ]
      : []),
  ].join(', ');
  const notes = [
    ...(out.unattributed
      ? [
          `unattributed (empty path): ${out.unattributed.rows} rows, ` +
            `${out.unattributed.conversions} conversions, value ${out.unattributed.value}`,
        ]
      : []),
    ...(out.warnings ?? []).map((w) => `warning: ${w}`),
  ];
  return [title, '', line(head), rule, ...rows.map(line), rule, line(total), ...notes, ''].join(
    '\n',
  );
}

function valueCents(out: PathModelOutput): number[] {
  const total = Math.round(out.totalValue * 100);
  const fractions = out.channels.map((c) => Math.max(c.value, 0));
  if (!(total > 0) || !(fractions.reduce((a, b) => a + b, 0) > 0)) return fractions.map(() => 0);
  return allocate(total, fractions); // ties: channel order, which is name order (§3)
}
