import { describe, expect, it } from 'vitest';
import { parseFaultSpec } from '../../../../sandbox/server/middleware/fault-spec.js';

describe('fault spec', () => {
  it('parses every fault with its parameters', () => {
    const r = parseFaultSpec(
      '5xx=0.05,429burst=0.02:4,slow=0.01:800,reset=0.01,partial207=0.05,vanish=0.01,seed=7',
    );
    expect(r).toEqual({
      ok: true,
      value: {
        serverError: 0.05,
        burst429: 0.02,
        burstLength: 4,
        slow: 0.01,
        slowMs: 800,
        reset: 0.01,
        partial207: 0.05,
        vanish: 0.01,
        seed: 7,
      },
    });
  });

  it.each([
    ['5xx=2', '"5xx"'],
    ['bogus=0.1', 'unknown fault "bogus"'],
    ['slow=0.1:abc', '"slow"'],
    ['reset', '"reset" is not key=value'],
    ['seed=-1', '"seed"'],
    ['vanish=0.1:3', '"vanish" takes no'],
  ])('rejects %s naming the bad part', (spec, fragment) => {
    const r = parseFaultSpec(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(fragment);
  });
});
