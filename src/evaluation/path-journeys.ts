// A path file (ChannelAttribution CSV or journeys JSON) as deals, so an analyst can run the same
// evaluation on their own export: each conversion of a row is a won deal, each null a lost one,
// with the row's channels as touches a minute apart. Path files carry no dates, so the held-out
// check's "time" split is a seeded random order of the deals: the latest 30 % of a random order
// is a random 30 %. The touches are minutes apart, so the sales-cycle rule of the recommendation
// sees same-day deals. A deal's value is the row's value per conversion (1 when the file has none).

import {
  assembleJourney,
  DEFAULT_JOURNEY_OPTIONS,
  type Journey,
  type PathSet,
} from '../attribution/index.js';
import { err, mulberry32, ok, type Result } from '../kernel/index.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** Deals close an hour apart in the shuffled order, from this date on. */
const T0 = Date.UTC(2020, 0, 1);
/** Beyond this, expanding rows into one deal each costs too much memory. */
export const MAX_PATH_DEALS = 2_000_000;

/** Count of one row's journeys: a whole number, or an error naming the row. */
function wholeCount(x: number, what: string, row: number): Result<number> {
  return Number.isInteger(x) && x >= 0
    ? ok(x)
    : err('fractional_counts', `path row ${row + 1}: ${what} ${x} is not a whole number of deals`);
}

export function journeysFromPathSet(paths: PathSet, seed: number): Result<Journey[]> {
  const deals: { channels: number[]; won: boolean; value: number }[] = [];
  const add = (
    channels: number[],
    conversions: number,
    nulls: number,
    value: number,
    row: number,
  ) => {
    const c = wholeCount(conversions, 'conversions', row);
    if (!c.ok) return c;
    const n = wholeCount(nulls, 'nulls', row);
    if (!n.ok) return n;
    if (deals.length + c.value + n.value > MAX_PATH_DEALS) {
      return err('too_many_deals', `the file holds more than ${MAX_PATH_DEALS} journeys`);
    }
    const each = c.value > 0 && value > 0 ? value / c.value : 1;
    for (let i = 0; i < c.value; i++) deals.push({ channels, won: true, value: each });
    for (let i = 0; i < n.value; i++) deals.push({ channels, won: false, value: 0 });
    return ok(undefined);
  };
  const u = paths.unattributed;
  const empty = add([], u.conversions, u.nulls, u.value, -1);
  if (!empty.ok) return empty;
  for (let r = 0; r < paths.size; r++) {
    const steps = Array.from(paths.steps.subarray(paths.offsets[r], paths.offsets[r + 1]));
    const added = add(steps, paths.conversions[r]!, paths.nulls[r]!, paths.values[r]!, r);
    if (!added.ok) return added;
  }
  // Fisher–Yates with the seed: the order in which the deals "close".
  const rand = mulberry32(seed);
  for (let i = deals.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [deals[i], deals[j]] = [deals[j]!, deals[i]!];
  }
  const journeys = deals.map((d, i): Journey => {
    const closedAt = T0 + i * HOUR;
    const start = closedAt - (d.channels.length + 1) * MINUTE;
    const id = `p${i}`;
    return assembleJourney(
      {
        deal: {
          id,
          amount: { cents: Math.round(d.value * 100), currency: 'USD' },
          createdAt: start,
          closedAt,
          stage: d.won ? 'won' : 'lost',
          contactIds: [id],
          companyIds: [],
        },
        contacts: [{ id, createdAt: start }],
        touches: d.channels.map((c, k) => ({
          id: `${id}.${k}`,
          occurredAt: start + (k + 1) * MINUTE,
          contactIds: [id],
          kind: 'visit' as const,
          channel: paths.channels[c]!,
          team: 'marketing' as const,
        })),
      },
      DEFAULT_JOURNEY_OPTIONS,
      closedAt,
    );
  });
  return ok(journeys);
}
