// The `paths` command as users run it: the real CLI in a child process on the reference files.
// Every spawn costs ~0.5 s, so all of them start at once in beforeAll and the tests read results.

import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logisticRowsFromPathSet } from '../../src/attribution/logistic/fit.js';
import { parsePathCsv } from '../../src/attribution/paths/csv.js';
import { penalisedGradient } from '../unit/attribution/logistic/synthetic.js';
import { referencePath } from '../fixtures/reference.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const MTA = referencePath('mta-paths.csv');
const ZHAO = referencePath('zhao-journeys.json');

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const cli = (...args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'paths', ...args],
      { cwd: repoRoot, maxBuffer: 1 << 24 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });

interface Output {
  model: string;
  order?: number;
  useNulls?: boolean;
  totalConversions: number;
  totalValue: number;
  conversionProbability?: number;
  intercept?: number;
  l2?: number;
  bootstrap?: number;
  seed?: number;
  channels: {
    channel: string;
    conversions: number;
    value: number;
    removalEffect?: number;
    coefficient?: number;
    interval?: { lo: number; hi: number };
  }[];
}

const dir = mkdtempSync(path.join(tmpdir(), 'cli-paths-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const MALFORMED: Record<string, [string, RegExp]> = {
  header: [file('header.csv', 'route,total_conversions\na,1\n'), /bad_header: line 1/],
  number: [file('number.csv', 'path,total_conversions\na,1\n\nb,1e3\n'), /bad_number: line 4/],
  path: [file('path.csv', 'path;total_conversions\na;1\na >  > b;2\n'), /bad_path: line 3/],
  journey: [file('journeys.json', '[["a"], ["b", {"c": 1}]]'), /bad_journey: journey 1, touch 1/],
};

const runs: Record<string, Run> = {};
beforeAll(async () => {
  const jobs: Record<string, Promise<Run>> = {
    linear: cli(MTA, '--model', 'linear', '--json'),
    positionTable: cli(MTA, '--model', 'position_based'),
    markov1: cli(MTA, '--model', 'markov', '--order', '1', '--json'),
    markov2: cli(MTA, '--model', 'markov', '--order', '2', '--json'),
    zhaoShapley: cli(ZHAO, '--model', 'shapley_simplified', '--json'),
    zhaoLinear: cli(ZHAO, '--model', 'linear', '--json'),
    timeDecay: cli(MTA, '--model', 'time_decay', '--json'),
    unknownOption: cli(MTA, '--model', 'linear', '--colour'),
    logistic: cli(MTA, '--model', 'logistic', '--json'),
    logisticAgain: cli(MTA, '--model', 'logistic', '--json'),
    logisticSeed: cli(MTA, '--model', 'logistic', '--seed', '7', '--bootstrap', '50', '--json'),
    logisticNoBootstrap: cli(
      MTA,
      '--model',
      'logistic',
      '--bootstrap',
      '0',
      '--l2',
      '10',
      '--json',
    ),
    logisticTable: cli(MTA, '--model', 'logistic', '--bootstrap', '20'),
    logisticNoNulls: cli(ZHAO, '--model', 'logistic'),
    logisticBadL2: cli(MTA, '--model', 'logistic', '--l2', '0'),
    markovWithL2: cli(MTA, '--model', 'markov', '--l2', '1'),
    ...Object.fromEntries(
      Object.entries(MALFORMED).map(([k, [p]]) => [k, cli(p, '--model', 'linear', '--json')]),
    ),
  };
  const done = await Promise.all(Object.values(jobs));
  Object.keys(jobs).forEach((k, i) => {
    runs[k] = done[i]!;
  });
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const json = (name: string): Output => {
  const r = runs[name]!;
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Output;
};

const sum = (o: Output, k: 'conversions' | 'value') => o.channels.reduce((s, c) => s + c[k], 0);

function expectContract(o: Output, totalConversions: number) {
  expect(o.totalConversions).toBe(totalConversions);
  expect(sum(o, 'conversions')).toBeCloseTo(totalConversions, 6);
  expect(Math.abs(sum(o, 'value') - o.totalValue)).toBeLessThanOrEqual(1e-9 * o.totalValue);
  const names = o.channels.map((c) => c.channel);
  expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  for (const c of o.channels) expect(c.conversions).toBeGreaterThanOrEqual(0);
}

describe('paths CLI on the reference files', () => {
  it('prints one JSON object for linear on mta-paths.csv, conversions summing to 19,785', () => {
    const o = json('linear');
    expect(Object.keys(o)).toEqual(['model', 'totalConversions', 'totalValue', 'channels']);
    expect(o.model).toBe('linear');
    expectContract(o, 19_785);
    expect(o.channels.map((c) => c.channel)).toEqual([
      'alpha',
      'beta',
      'delta',
      'epsilon',
      'eta',
      'gamma',
      'iota',
      'kappa',
      'lambda',
      'mi',
      'theta',
      'zeta',
    ]);
  });

  it.each([
    ['markov1', 1],
    ['markov2', 2],
  ])(
    'prints markov order %s with removal effects in [0, 1] and the conversion probability',
    (name, order) => {
      const o = json(name);
      expect(o).toMatchObject({ model: 'markov', order, useNulls: true });
      expectContract(o, 19_785);
      // 19,785 conversions over 19,785 + 68,602 journeys: with START → first state always taken,
      // the chain's conversion probability is the observed rate.
      expect(o.conversionProbability).toBeCloseTo(19_785 / (19_785 + 68_602), 9);
      const reSum = o.channels.reduce((s, c) => s + c.removalEffect!, 0);
      for (const c of o.channels) {
        expect(c.removalEffect).toBeGreaterThanOrEqual(0);
        expect(c.removalEffect).toBeLessThanOrEqual(1);
        expect(c.conversions).toBeCloseTo((c.removalEffect! / reSum) * 19_785, 6);
      }
    },
  );

  it('attributes zhao-journeys.json (2,392 conversions) with shapley_simplified and linear', () => {
    for (const name of ['zhaoShapley', 'zhaoLinear']) {
      const o = json(name);
      expectContract(o, 2392);
      expect(o.totalValue).toBe(2392);
      expect(o.channels).toHaveLength(20);
    }
  });

  it('prints an aligned table with shares and a total line without --json', () => {
    const r = runs.positionTable!;
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('model: position_based');
    expect(lines[2]).toMatch(/^channel\s+conversions\s+share %\s+value$/);
    const total = lines.at(-1)!;
    expect(total).toMatch(/^total\s+19785\.0000\s+100\.00\s+74802\.97$/);
    // Columns line up: every row is as wide as the header rule.
    const body = lines.slice(2).filter((l) => !l.startsWith('-'));
    for (const l of body) expect(l.length).toBe(lines[3]!.length);
  });
});

describe('paths CLI with --model logistic on mta-paths.csv (68,602 non-converting journeys)', () => {
  it('prints coefficients at the penalised optimum, 90% intervals around them, credit summing up', () => {
    const o = json('logistic');
    expect(o).toMatchObject({ model: 'logistic', l2: 1, bootstrap: 200, seed: 1 });
    expectContract(o, 19_785);
    expect(o.channels).toHaveLength(12);
    // KKT, checked here from the file itself: the penalised gradient at the printed point is 0.
    const parsed = parsePathCsv(readFileSync(MTA));
    if (!parsed.ok) throw new Error(parsed.message);
    const { rows, channels } = logisticRowsFromPathSet(parsed.value);
    expect(o.channels.map((c) => c.channel)).toEqual(channels);
    const beta = o.channels.map((c) => c.coefficient!);
    const g = penalisedGradient(rows, channels.length, 1, o.intercept!, beta);
    for (const x of g) expect(Math.abs(x)).toBeLessThan(1e-8 * (19_785 + 68_602));
    for (const c of o.channels) {
      expect(c.interval!.lo).toBeLessThanOrEqual(c.coefficient!);
      expect(c.interval!.hi).toBeGreaterThanOrEqual(c.coefficient!);
      if (!(c.coefficient! > 0)) expect(c.conversions).toBeLessThan(0.001 * 19_785);
    }
  });

  it('is the same in every run, and the seed moves only the intervals', () => {
    expect(runs.logisticAgain!.stdout).toBe(runs.logistic!.stdout);
    const a = json('logistic');
    const b = json('logisticSeed');
    expect(b).toMatchObject({ seed: 7, bootstrap: 50 });
    expect(b.channels.map((c) => c.coefficient)).toEqual(a.channels.map((c) => c.coefficient));
    expect(b.channels.map((c) => c.interval)).not.toEqual(a.channels.map((c) => c.interval));
  });

  it('takes --l2 and --bootstrap 0 (no intervals): a larger penalty shrinks the coefficients', () => {
    const o = json('logisticNoBootstrap');
    expect(o).toMatchObject({ l2: 10, bootstrap: 0 });
    expect(o.seed).toBeUndefined();
    for (const c of o.channels) expect(c.interval).toBeUndefined();
    expectContract(o, 19_785);
    const norm = (x: Output) => Math.hypot(...x.channels.map((c) => c.coefficient!));
    expect(norm(o)).toBeLessThan(norm(json('logistic')));
  });

  it('prints the coefficients and intervals as table columns without --json', () => {
    const r = runs.logisticTable!;
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^model: logistic, l2 1, intercept -\d\.\d{4}, 20 bootstrap resamples \(seed 1\)$/,
    );
    expect(lines[2]).toMatch(
      /^channel\s+conversions\s+share %\s+value\s+coefficient\s+90% lo\s+90% hi$/,
    );
    expect(r.stdout).toMatch(/^total\s+19785\.0000\s+100\.00\s+74802\.97$/m);
  });

  it('says why it cannot run on journeys without non-converting ones (exit 2)', () => {
    expect(runs.logisticNoNulls).toMatchObject({ code: 2, stdout: '' });
    expect(runs.logisticNoNulls!.stderr).toMatch(/needs_nulls: .*non-converting/);
  });

  it('names the option in a bad --l2 and refuses logistic options on other models (exit 2)', () => {
    expect(runs.logisticBadL2).toMatchObject({ code: 2, stdout: '' });
    expect(runs.logisticBadL2!.stderr).toMatch(/l2: l2 must be > 0/);
    expect(runs.markovWithL2).toMatchObject({ code: 2, stdout: '' });
    expect(runs.markovWithL2!.stderr).toMatch(/apply only to logistic/);
  });
});

describe('paths CLI errors', () => {
  it.each(Object.keys(MALFORMED))(
    'a malformed file (%s) exits 2, names the line, prints nothing',
    (name) => {
      const r = runs[name]!;
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(MALFORMED[name]![1]);
    },
  );

  it('refuses time_decay on a path file with model_not_applicable (exit 2)', () => {
    expect(runs.timeDecay).toMatchObject({ code: 2, stdout: '' });
    expect(runs.timeDecay!.stderr).toMatch(/model_not_applicable/);
  });

  it('rejects an unknown option with exit 2', () => {
    expect(runs.unknownOption).toMatchObject({ code: 2, stdout: '' });
    expect(runs.unknownOption!.stderr).toMatch(/--colour/);
  });
});
