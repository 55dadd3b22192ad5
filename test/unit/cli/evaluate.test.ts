// `evaluate`: its options are validated before anything is opened, and its report says what the
// evaluation holds (the recommendation, every model's scores, the split and the limits).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluationSchema } from '../../../extensions/domain/index.js';
import { renderEvaluation } from '../../../src/cli/evaluate.js';
import { evaluatePortal } from '../../../src/evaluation/index.js';
import { runCli } from '../../support/cli.js';
import { SANDBOX_LIKE, syntheticJourneys } from '../evaluation/synthetic.js';

const cli = (...args: string[]) => runCli(['evaluate', ...args]);

describe('evaluate', () => {
  it.each([
    [['--cutoff', 'yesterday'], /--cutoff: must be a date/],
    [['--cutoff', '2025-13-45'], /--cutoff: must be a date/],
    [['--seed=-1'], /--seed: must be an integer/],
    [['--seed', '1.5'], /--seed: must be an integer/],
    [['--portal', 'x'], /--portal: must be a positive integer/],
    [['--model', 'linear'], /Unknown option '--model'/],
    [
      ['--paths', 'x.csv', '--cutoff', '2025-01-01'],
      /--paths: a path file has no portal and no dates/,
    ],
    [['--paths', '/nonexistent/x.csv'], /cannot read \/nonexistent\/x.csv/],
  ])('rejects %j, naming the option, with exit 2 and nothing on stdout', async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('reports the recommendation, every model, the split and the limits', () => {
    const journeys = syntheticJourneys({
      deals: 400,
      seed: 5,
      channels: SANDBOX_LIKE,
      base: -2.8,
      touches: [2, 12],
      daysToClose: [20, 200],
      openShare: 0.1,
    });
    const e = evaluatePortal(journeys, { seed: 1, bootstrap: 20 });
    const text = renderEvaluation(e);
    expect(text).toContain(`Recommended: ${e.recommended.model}`);
    expect(text).toContain(e.recommended.reason);
    for (const m of e.models) expect(text).toMatch(new RegExp(`^  ${m.id} `, 'm'));
    expect(text).toContain(`fitted on ${e.deals.train} deals`);
    expect(text).toContain(`scored on ${e.deals.test}`);
    expect(text).toMatch(/Correlation is not causation/);
    const logistic = e.models.find((m) => m.id === 'logistic')!;
    expect(text).toMatch(
      new RegExp(
        `^  logistic\\s+${logistic.logLoss!.toFixed(3)}\\s+${logistic.auc!.toFixed(3)}`,
        'm',
      ),
    );
  });

  it('--paths evaluates a path file: the domain evaluation schema holds, deals are its conversions and nulls', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'evaluate-paths-'));
    try {
      const file = path.join(dir, 'paths.csv');
      // Paths through "good" convert far more often than the others.
      const rows = ['path,total_conversions,total_null'];
      for (let i = 0; i < 40; i++)
        rows.push(`good > x${i % 4},${6 + (i % 3)},2`, `bad > x${i % 4},1,${7 + (i % 2)}`);
      writeFileSync(file, rows.join('\n') + '\n');
      const r = await cli('--paths', file, '--json', '--seed', '3');
      expect(r.code, r.stderr).toBe(0);
      const e = evaluationSchema.parse(JSON.parse(r.stdout));
      let deals = 0;
      for (let i = 0; i < 40; i++) deals += 6 + (i % 3) + 2 + 1 + 7 + (i % 2);
      expect(e.deals.train + e.deals.test).toBe(deals);
      const logistic = e.models.find((m) => m.id === 'logistic')!;
      expect(logistic.auc).toBeGreaterThan(0.7);
      expect(logistic.channelShares.good!.share).toBeGreaterThan(logistic.channelShares.bad!.share);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
