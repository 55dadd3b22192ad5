// Aggregated conversion paths (ATTRIBUTION.md §4.1): the input of every data-driven model and of
// the path-file heuristics. Equal paths are merged and rows put in one canonical order before any
// arithmetic, so results do not depend on the order of the input rows (path-set-builder.ts,
// canonical.ts).
//
// Layout is columnar (typed arrays) because a portal or an analyst's file can hold millions of
// touches: row r's channel ids are steps[offsets[r] .. offsets[r + 1]).

import { PathSetBuilder } from './path-set-builder.js';

export { PathSetBuilder } from './path-set-builder.js';

export interface PathSet {
  /** Channel names in code-unit order; a step's value is an index into this list. */
  readonly channels: readonly string[];
  /** Number of distinct non-empty paths. */
  readonly size: number;
  readonly offsets: Int32Array;
  readonly steps: Int32Array;
  readonly conversions: Float64Array;
  readonly nulls: Float64Array;
  readonly values: Float64Array;
  /** Σ over non-empty rows. */
  readonly totalConversions: number;
  readonly totalValue: number;
  readonly totalNulls: number;
  /** Rows with an empty path: reported, excluded from the totals above. */
  readonly unattributed: {
    readonly rows: number;
    readonly conversions: number;
    readonly value: number;
    readonly nulls: number;
  };
}

/** One aggregated row given by channel names (tests, deals, small inputs). */
export interface PathRow {
  readonly path: readonly string[];
  readonly conversions: number;
  readonly nulls?: number;
  readonly value?: number;
}

/** Builds a PathSet from plain rows (tests, deals, small inputs). */
export function pathSetFromRows(rows: readonly PathRow[]): PathSet {
  const b = new PathSetBuilder();
  for (const row of rows) b.addNames(row.path, row.conversions, row.nulls ?? 0, row.value ?? 0);
  return b.build();
}
