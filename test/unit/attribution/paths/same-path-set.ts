// Deep equality of two PathSets for tests; typed arrays compared natively (vitest's deep diff is
// slow on 50k elements).

import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import type { PathSet } from '../../../../src/attribution/paths/path-set.js';

export function expectSamePathSet(actual: PathSet, expected: PathSet): void {
  const COLUMNS = ['offsets', 'steps', 'conversions', 'nulls', 'values'] as const;
  const rest = (ps: PathSet) => ({
    ...ps,
    offsets: 0,
    steps: 0,
    conversions: 0,
    nulls: 0,
    values: 0,
  });
  expect(rest(actual)).toEqual(rest(expected));
  for (const k of COLUMNS) expect(isDeepStrictEqual(actual[k], expected[k]), k).toBe(true);
}
