// Parses the fault-injection spec, e.g.
// "5xx=0.05,429burst=0.02:3,slow=0.01:800,reset=0.01,partial207=0.05,vanish=0.01,seed=7".
// Each probability is per request (partial207/vanish: per batch read); `seed` makes runs replay.

import { err, ok, type Result } from '../../../src/kernel/index.js';

export interface FaultSpec {
  /** 500/502/503 (502 with an HTML body, like HubSpot's edge). */
  readonly serverError: number;
  /** Start of a run of TEN_SECONDLY_ROLLING 429s, `burstLength` requests long. */
  readonly burst429: number;
  readonly burstLength: number;
  readonly slow: number;
  readonly slowMs: number;
  /** Destroys the socket without an answer. */
  readonly reset: number;
  /** Batch read answers 207 with some found ids reported missing (a retry succeeds). */
  readonly partial207: number;
  /** Batch read archives one requested record first (it vanished since the list). */
  readonly vanish: number;
  readonly seed: number;
}

const NONE: FaultSpec = {
  serverError: 0,
  burst429: 0,
  burstLength: 3,
  slow: 0,
  slowMs: 500,
  reset: 0,
  partial207: 0,
  vanish: 0,
  seed: 1,
};

const probability = (key: string, raw: string): Result<number> => {
  const n = Number(raw);
  return raw !== '' && Number.isFinite(n) && n >= 0 && n <= 1
    ? ok(n)
    : err('bad_fault_spec', `faults: "${key}" needs a probability between 0 and 1, got "${raw}"`);
};

const positiveInt = (key: string, raw: string): Result<number> => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && raw !== ''
    ? ok(n)
    : err('bad_fault_spec', `faults: "${key}" needs a non-negative integer, got "${raw}"`);
};

export function parseFaultSpec(text: string): Result<FaultSpec> {
  const spec: { -readonly [K in keyof FaultSpec]: FaultSpec[K] } = { ...NONE };
  for (const part of text.split(',').map((p) => p.trim())) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) return err('bad_fault_spec', `faults: "${part}" is not key=value`);
    const key = part.slice(0, eq);
    const [first = '', second] = part.slice(eq + 1).split(':');
    if (key === 'seed') {
      const r = positiveInt(key, first);
      if (!r.ok) return r;
      spec.seed = r.value;
      continue;
    }
    const p = probability(key, first);
    if (!p.ok) return p;
    switch (key) {
      case '5xx':
        spec.serverError = p.value;
        break;
      case '429burst':
        spec.burst429 = p.value;
        if (second !== undefined) {
          const r = positiveInt(key, second);
          if (!r.ok || r.value < 1)
            return err(
              'bad_fault_spec',
              `faults: "${key}" burst length must be ≥ 1, got "${second}"`,
            );
          spec.burstLength = r.value;
        }
        break;
      case 'slow':
        spec.slow = p.value;
        if (second !== undefined) {
          const r = positiveInt(key, second);
          if (!r.ok) return r;
          spec.slowMs = r.value;
        }
        break;
      case 'reset':
        spec.reset = p.value;
        break;
      case 'partial207':
        spec.partial207 = p.value;
        break;
      case 'vanish':
        spec.vanish = p.value;
        break;
      default:
        return err(
          'bad_fault_spec',
          `faults: unknown fault "${key}" (known: 5xx, 429burst, slow, reset, partial207, vanish, seed)`,
        );
    }
    if (second !== undefined && key !== '429burst' && key !== 'slow')
      return err('bad_fault_spec', `faults: "${key}" takes no ":" parameter`);
  }
  return ok(spec);
}
