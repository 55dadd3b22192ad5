// `models [--json]`: every model with its id, label, weights in words and options, so an admin
// (or a script) can see what each model does before picking one.

import { z } from 'zod';
import { MODEL_IDS, modelInfo } from '../domain/index.js';
import { getModel } from '../attribution/index.js';
import { UsageError, type Command, type Io } from './command.js';

const HELP = `Usage: npm run -s cli -- models [--json]

Lists every attribution model: its id (for settings and --model), a label, how it splits
credit, for rule-based models its weights over the milestones (FIRST, LAST, LND, LC, OC, CW) and
the middle (MID), and its options with their defaults. Data-driven models (markov, shapley,
shapley_simplified, logistic) learn channel weights from all journeys of a portal or a path file;
logistic needs lost (non-converting) journeys as well as won ones.

Options:
  --json      print one JSON object: {models: [{id, kind, label, summary, version, weights?,
              options}]}, options being the JSON Schema properties of the model's options
  -h, --help  this help

Exit status: 0 done; 2 bad usage.`;

interface JsonSchema {
  readonly type?: string;
  readonly default?: unknown;
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly maximum?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
}

export interface ModelListing {
  readonly id: string;
  readonly kind: 'rule' | 'data_driven';
  readonly label: string;
  readonly summary: string;
  readonly version: number;
  readonly weights?: Readonly<Record<string, number>>;
  readonly options: Readonly<Record<string, JsonSchema>>;
}

export function listModels(): ModelListing[] {
  return MODEL_IDS.map((id) => {
    // The words are the domain's (the card's, the settings page's); the rest is the engine's.
    const { kind, label, summary } = modelInfo(id);
    const m = getModel(id);
    const schema = z.toJSONSchema(m.options, { io: 'input' }) as JsonSchema;
    const weights =
      m.kind === 'rule'
        ? (m.weights?.(m.options.parse({})) as Record<string, number> | undefined)
        : undefined;
    return {
      id,
      kind,
      label,
      summary,
      version: m.version,
      ...(weights === undefined ? {} : { weights }),
      options: schema.properties ?? {},
    };
  });
}

function constraint(p: JsonSchema): string {
  const bits = [p.type ?? 'value'];
  if (p.exclusiveMinimum !== undefined) bits.push(`> ${String(p.exclusiveMinimum)}`);
  if (p.minimum !== undefined) bits.push(`≥ ${String(p.minimum)}`);
  if (p.maximum !== undefined) bits.push(`≤ ${String(p.maximum)}`);
  return bits.join(', ');
}

/** "halfLifeDays (number, > 0, ≤ 3650; default 7)"; an object option lists its keys once. */
function describeOptions(props: Readonly<Record<string, JsonSchema>>): string[] {
  return Object.entries(props).map(([name, p]) => {
    const fallback = p.default === undefined ? '' : `; default ${JSON.stringify(p.default)}`;
    if (p.properties === undefined) return `${name} (${constraint(p)}${fallback})`;
    const keys = Object.entries(p.properties);
    const each = keys[0] === undefined ? 'value' : constraint(keys[0][1]);
    return `${name} {${keys.map(([k]) => k).join(', ')}} (each ${each}, missing = 0${fallback})`;
  });
}

function render(models: readonly ModelListing[]): string {
  const width = Math.max(...models.map((m) => m.id.length)) + 2;
  const pad = ' '.repeat(width);
  const lines: string[] = ['Models (use the id in settings or with --model):', ''];
  for (const m of models) {
    if (m.kind === 'data_driven' && m === models.find((x) => x.kind === 'data_driven')) {
      lines.push(
        'Data-driven (learned from every journey of the portal, then applied per deal):',
        '',
      );
    }
    lines.push(`${m.id.padEnd(width)}${m.label}`, `${pad}${m.summary}`);
    if (m.weights !== undefined) {
      const w = Object.entries(m.weights)
        .filter(([, v]) => v > 0)
        .map(([k, v]) => `${k} ${String(v)}`);
      lines.push(`${pad}${m.options.weights ? 'default weights' : 'weights'}: ${w.join(', ')}`);
    }
    const opts = describeOptions(m.options);
    if (opts.length > 0) lines.push(`${pad}options: ${opts.join('; ')}`);
    lines.push('');
  }
  return lines.join('\n');
}

export const modelsCommand: Command = {
  name: 'models',
  summary: 'List the attribution models, their weights and options',
  help: HELP,
  run(args: readonly string[], io: Io): Promise<number> {
    const unknown = args.filter((a) => a !== '--json');
    if (unknown.length > 0) throw new UsageError(`unknown argument "${unknown[0]!}"`);
    const models = listModels();
    io.stdout(
      args.includes('--json') ? `${JSON.stringify({ models }, null, 2)}\n` : render(models),
    );
    return Promise.resolve(0);
  },
};
