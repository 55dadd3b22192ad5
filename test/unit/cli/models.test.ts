import { describe, expect, it } from 'vitest';
import { MODEL_IDS } from '../../../src/domain/index.js';
import type { Io } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';

function capture(): { io: Io; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      isTTY: false,
    },
    out: () => out,
    err: () => err,
  };
}

const byIdOf = <T extends { id: string }>(models: T[], id: string): T | undefined =>
  models.find((m) => m.id === id);

describe('models command', () => {
  it('lists every model as JSON with weights and options', async () => {
    const c = capture();
    expect(await main(['models', '--json'], c.io)).toBe(0);
    const parsed = JSON.parse(c.out()) as {
      models: {
        id: string;
        label: string;
        summary: string;
        weights?: Record<string, number>;
        options: Record<string, { default?: unknown }>;
      }[];
    };
    expect(parsed.models.map((m) => m.id)).toEqual([...MODEL_IDS]);
    expect(byIdOf(parsed.models, 'markov')?.options.order?.default).toBe(1);
    expect(byIdOf(parsed.models, 'markov')?.weights).toBeUndefined();
    const byId = new Map(parsed.models.map((m) => [m.id, m]));
    // The §2.2 presets.
    expect(byId.get('u_shaped')?.weights).toEqual({ FIRST: 0.4, LC: 0.4, MID: 0.2 });
    expect(byId.get('full_path')?.weights).toEqual({
      FIRST: 0.225,
      LC: 0.225,
      OC: 0.225,
      CW: 0.225,
      MID: 0.1,
    });
    expect(byId.get('time_decay')?.weights).toBeUndefined();
    expect(byId.get('time_decay')?.options.halfLifeDays?.default).toBe(7);
    expect(Object.keys(byId.get('custom')?.options ?? {})).toEqual(['weights']);
    for (const m of parsed.models) expect(m.summary.length).toBeGreaterThan(0);
    expect(c.err()).toBe('');
  });

  it('prints a readable list by default and help on --help', async () => {
    const c = capture();
    expect(await main(['models'], c.io)).toBe(0);
    expect(c.out()).toMatch(/position_based +Position-based \(40\/20\/40\)/);
    expect(c.out()).toMatch(/markov +Markov chain/);
    expect(c.out()).toContain('halfLifeDays (number, > 0');
    const h = capture();
    expect(await main(['models', '--help'], h.io)).toBe(0);
    expect(h.out()).toContain('Usage: npm run -s cli -- models [--json]');
  });

  it('exits 2 on an unknown argument, printing nothing to stdout', async () => {
    const c = capture();
    expect(await main(['models', '--yaml'], c.io)).toBe(2);
    expect(c.out()).toBe('');
    expect(c.err()).toContain('--yaml');
  });
});
