// Types of bench/floor.mjs (plain JavaScript on purpose: the floor pays no TypeScript loader).

export interface FloorCounts {
  readonly rows: number;
  readonly channels: number;
  readonly touches: number;
  readonly conversions: number;
  readonly nulls: number;
}

export function countPaths(file: string): FloorCounts;
