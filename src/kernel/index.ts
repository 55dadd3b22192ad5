// The kernel: tiny pure helpers every layer may use (results as values, comparators, the seeded
// PRNG). It imports nothing — no node:*, no other folder — so the pure engine can depend on it.

export { DONE, err, ok, type Result } from './result.js';
export { cmp } from './compare.js';
export { compareIds, sortKey } from './ids.js';
export { mulberry32 } from './random.js';
