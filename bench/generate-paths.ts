// Deterministic synthetic path file for the engine benchmark: `count` aggregated paths over
// `channels` channels in the ChannelAttribution format
// (`path,total_conversions,total_conversion_value,total_null`, channels joined by ` > `).
//
// Shape, chosen to resemble real exports such as test/fixtures/reference/mta-paths.csv: channel
// popularity is Zipf-like, a touch repeats the previous channel 25% of the time, lengths run
// 1–20 (truncated geometric, mean ≈ 7.3), and the conversion rate depends on a planted effect per
// channel so data-driven models have a signal to find.

import { mulberry32 } from '../src/kernel/index.js';

export interface GeneratedPaths {
  readonly csv: string;
  readonly touches: number;
  readonly channels: readonly string[];
}

const MAX_LENGTH = 20;
const CONTINUE = 0.8715; // P(another touch); with the cap at 20 the mean length is ≈ 7.3
const REPEAT = 0.25;

export function generatePaths(count: number, channelCount = 50, seed = 42): GeneratedPaths {
  const rand = mulberry32(seed);
  const channels = Array.from(
    { length: channelCount },
    (_, i) => `ch${String(i).padStart(2, '0')}`,
  );
  // Zipf(1) popularity as a cumulative table.
  const weights = channels.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  const effect = channels.map(() => (rand() - 0.5) * 0.8); // planted log-odds per channel
  const pick = (): number => {
    const u = rand();
    let lo = 0;
    let hi = channelCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const lines: string[] = ['path,total_conversions,total_conversion_value,total_null'];
  let touches = 0;
  const path: number[] = [];
  const seen = new Uint8Array(channelCount);
  for (let p = 0; p < count; p++) {
    path.length = 0;
    seen.fill(0);
    let logit = -1.6;
    do {
      const prev = path[path.length - 1];
      const c = prev !== undefined && rand() < REPEAT ? prev : pick();
      path.push(c);
      if (!seen[c]) {
        seen[c] = 1;
        logit += effect[c]!;
      }
    } while (path.length < MAX_LENGTH && rand() < CONTINUE);
    touches += path.length;
    const rate = 1 / (1 + Math.exp(-logit));
    const journeys = 1 + Math.floor(-Math.log(1 - rand()) * 2); // 1, 2, 3… (mean ≈ 2.5)
    let conversions = 0;
    for (let j = 0; j < journeys; j++) if (rand() < rate) conversions++;
    const value = conversions === 0 ? 0 : Math.round(conversions * (50 + rand() * 450) * 100) / 100;
    lines.push(
      `${path.map((c) => channels[c]).join(' > ')},${conversions},${value},${journeys - conversions}`,
    );
  }
  return { csv: lines.join('\n') + '\n', touches, channels };
}
