import { describe, expect, it } from 'vitest';
import { parseJourneysJson } from '../../../../src/attribution/paths/journeys-json.js';
import { pathSetFromRows } from '../../../../src/attribution/paths/path-set.js';
import { expectSamePathSet } from './same-path-set.js';
import { readReference } from '../../../fixtures/reference.js';

const ZHAO = readReference('zhao-journeys.json');

const failure = (input: string) => {
  const r = parseJourneysJson(input);
  if (r.ok) throw new Error('expected an error');
  return { error: r.error, message: r.message };
};

describe('parseJourneysJson', () => {
  it('reads zhao-journeys.json: 2,392 journeys, one conversion of value 1 each, channels "1" … "20"', () => {
    const r = parseJourneysJson(ZHAO);
    if (!r.ok) throw new Error(r.message);
    const ps = r.value;
    expect(ps.totalConversions).toBe(2392);
    expect(ps.totalValue).toBe(2392);
    expect(ps.totalNulls).toBe(0);
    // Code-unit order, not numeric: "10" sorts before "2".
    expect(ps.channels).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)).sort());
    const journeys = JSON.parse(ZHAO.toString('utf8')) as number[][];
    const expected = pathSetFromRows(
      journeys.map((j) => ({ path: j.map(String), conversions: 1, value: 1 })),
    );
    expectSamePathSet(ps, expected);
  });

  it('turns numbers into their decimal string and trims names', () => {
    const r = parseJourneysJson('[[" email ", 7, 1.5], ["7"]]');
    if (!r.ok) throw new Error(r.message);
    expect(r.value.channels).toEqual(['1.5', '7', 'email']);
    expect(r.value.size).toBe(2);
  });

  it('reports an empty journey as an unattributed conversion', () => {
    const r = parseJourneysJson('[[], ["a"]]');
    if (!r.ok) throw new Error(r.message);
    expect(r.value.unattributed).toEqual({ rows: 1, conversions: 1, value: 1, nulls: 0 });
    expect(r.value.totalConversions).toBe(1);
  });

  it('rejects text that is not JSON, or JSON that is not an array', () => {
    expect(failure('[[1, 2]')).toMatchObject({ error: 'bad_json' });
    expect(failure('{"journeys": []}')).toMatchObject({ error: 'bad_json' });
  });

  it('names the journey index of a malformed journey or touch', () => {
    expect(failure('[["a"], "b > c"]')).toEqual({
      error: 'bad_journey',
      message: expect.stringMatching(/^journey 1: /) as unknown,
    });
    for (const touch of ['null', 'true', '{}', '[]', '""', '"  "', '"a > b"']) {
      expect(failure(`[["a"], ["b"], ["c", ${touch}]]`)).toEqual({
        error: 'bad_journey',
        message: expect.stringMatching(/^journey 2, touch 1: /) as unknown,
      });
    }
  });
});
