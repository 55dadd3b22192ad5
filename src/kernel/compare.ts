// Comparators shared by the engine, the store, the write-back and the sandbox.

/** Code-unit string order (JS `<`), as ATTRIBUTION.md requires for ids, channels and states. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
