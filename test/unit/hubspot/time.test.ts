import { describe, expect, it } from 'vitest';
import { parseHubSpotTime } from '../../../src/hubspot/index.js';

describe('parseHubSpotTime', () => {
  it('reads every shape HubSpot sends a time in', () => {
    expect(parseHubSpotTime(1755847988716)).toBe(1755847988716);
    expect(parseHubSpotTime(1755847988716.9)).toBe(1755847988716);
    expect(parseHubSpotTime('1755847988716')).toBe(1755847988716);
    expect(parseHubSpotTime(' 1755847988716 ')).toBe(1755847988716);
    expect(parseHubSpotTime('-86400000')).toBe(-86_400_000);
    expect(parseHubSpotTime('2025-03-01T09:00:00.000Z')).toBe(Date.UTC(2025, 2, 1, 9));
    expect(parseHubSpotTime('2025-03-01')).toBe(Date.UTC(2025, 2, 1));
  });

  it('is undefined for what is not a time, never a guess', () => {
    const values = ['', '  ', null, undefined, 'soon', '12:30', 'Tue, 01 Jan 2024', NaN, {}, true];
    values.forEach((v, i) => {
      expect(parseHubSpotTime(v), `value ${String(i)}`).toBeUndefined();
    });
    expect(parseHubSpotTime('2025-13-45')).toBeUndefined();
    expect(parseHubSpotTime(Infinity)).toBeUndefined();
  });
});
