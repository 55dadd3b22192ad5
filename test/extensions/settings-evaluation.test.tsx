// The settings page's model evaluation, rendered with HubSpot's test renderer and a fake backend:
// loading, not yet evaluated, an error with retry, and the served evaluation — recommendation
// (never applied), per-model scores against the baseline, the picked model's channel shares with
// their intervals, agreement, the train/test split.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Alert,
  ErrorState,
  LoadingSpinner,
  NumberInput,
  Select,
  Table,
  TableRow,
  Tag,
} from '@hubspot/ui-extensions';
import type { EvaluationBody } from '../../extensions/domain/index.js';
import { FETCH_TIMEOUT_MS } from '../../extensions/app/settings/api/backend.js';
import { NEXT_EVALUATION } from '../../extensions/app/settings/components/Evaluation.js';
import { sampleEvaluation } from '../support/evaluation.js';
import { allText, json } from './fixtures.js';
import {
  DEFAULT_ROUTES,
  ORIGIN,
  backend,
  button,
  ready,
  renderPage,
  unmountPages,
  type R,
} from './settings-fixture.js';

const COMPUTED_AT = Date.parse('2025-04-01T10:00:00Z');

function evaluated(settingsVersion = 4): EvaluationBody {
  return {
    status: 'ok',
    portalId: 123,
    computedAt: COMPUTED_AT,
    settingsVersion,
    evaluation: sampleEvaluation(),
  };
}

const withEvaluation = (answer: () => Response) => ({
  ...DEFAULT_ROUTES,
  'GET /evaluation': answer,
});

/** Each row of a table (header first) as its cells' text. */
function rows(r: R, testId: string): string[] {
  return r
    .findByTestId(Table, testId)
    .findAll(TableRow)
    .map((row) => allText(row));
}

const text = (r: R) => allText(r.getRootNode());

async function evaluationShown(r: R) {
  await ready(r);
  await r.waitFor(() => {
    expect(r.maybeFind(Table, { testId: 'evaluation-models' })).not.toBeNull();
  });
}

function pick(r: R, model: string) {
  r.find(Select, { name: 'model' }).trigger('onChange', model as never);
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  unmountPages();
  vi.restoreAllMocks();
});

describe('settings page: model evaluation', () => {
  it('asks the backend for the stored evaluation and shows a spinner meanwhile', async () => {
    // A body that never arrives: the page stays in its loading state.
    const f = backend(withEvaluation(() => new Response(new ReadableStream())));
    const r = renderPage();
    await ready(r);
    expect(r.maybeFind(LoadingSpinner, { label: 'Loading the model evaluation…' })).not.toBeNull();
    expect(f).toHaveBeenCalledWith(`${ORIGIN}/evaluation?portalId=123`, {
      method: 'GET',
      timeout: FETCH_TIMEOUT_MS,
    });
  });

  it('says when an evaluation will exist when none is stored yet', async () => {
    backend(
      withEvaluation(() =>
        json({ status: 'not_evaluated', portalId: 123, reason: 'Nothing computed for 123 yet.' }),
      ),
    );
    const r = renderPage();
    await ready(r);
    await r.waitFor(() => {
      expect(r.maybeFind(Alert, { title: 'Not evaluated yet' })).not.toBeNull();
    });
    expect(allText(r.find(Alert, { title: 'Not evaluated yet' }))).toBe(
      `Nothing computed for 123 yet. ${NEXT_EVALUATION}`,
    );
    expect(NEXT_EVALUATION).toMatch(/after the next recompute/);
    expect(r.maybeFind(Table, { testId: 'evaluation-models' })).toBeNull();
  });

  it('explains a failed load, and an answer it cannot read, and loads again on retry', async () => {
    let calls = 0;
    backend(
      withEvaluation(() => {
        calls++;
        if (calls === 1) return new Response('down', { status: 503 });
        if (calls === 2) return json({ ...evaluated(), evaluation: { models: 'none' } });
        return json(evaluated());
      }),
    );
    const r = renderPage();
    await ready(r);
    await r.waitFor(() => {
      expect(text(r)).toContain('The attribution service had a problem. Try again in a moment.');
    });
    expect(
      r.maybeFind(ErrorState, { title: 'The model evaluation could not be loaded' }),
    ).not.toBeNull();
    button(r, 'Load the evaluation again').trigger('onClick');
    await r.waitFor(() => {
      expect(text(r)).toContain('sent an answer this page does not understand');
    });
    button(r, 'Load the evaluation again').trigger('onClick');
    await evaluationShown(r);
    expect(calls).toBe(3);
  });

  it('shows the recommendation prominently and never applies it', async () => {
    const f = backend(withEvaluation(() => json(evaluated())));
    const r = renderPage();
    await evaluationShown(r);
    const served = sampleEvaluation().recommended;
    const alert = r.find(Alert, { title: 'Recommendation: Logistic regression' });
    expect(allText(alert)).toContain(served.reason);
    expect(allText(alert)).toContain('only a recommendation');
    // The picker keeps the saved model and nothing was sent to the backend.
    expect(r.find(Select, { name: 'model' }).props.value).toBe('w_shaped');
    expect(f.mock.calls.filter(([, o]) => (o?.method ?? 'GET') !== 'GET')).toEqual([]);
  });

  it('shows every model’s held-out scores against the baseline, and the split', async () => {
    backend(withEvaluation(() => json(evaluated())));
    const r = renderPage();
    await evaluationShown(r);
    expect(rows(r, 'evaluation-models')).toEqual([
      'Model Held-out log-loss Against the baseline AUC',
      'Markov chain, order 1 0.512 −0.029 (5.3% better) 0.671',
      'Shapley (conversion rates) 0.530 −0.011 (2.1% better) 0.623',
      'Logistic regression recommended 0.488 −0.054 (9.9% better) 0.711',
      'W-shaped picked above – rule model: not scored –',
    ]);
    expect(allText(r.findByTestId(Table, 'evaluation-models').findAll(Tag)[0]!)).toBe(
      'recommended',
    );
    expect(text(r)).toContain(
      'Fitted on 412 deals closed before Mar 1, 2025, scored on 103 held-out deals closed from then on. Computed Apr 1, 2025, 10:00 AM UTC under settings v4.',
    );
    expect(text(r)).toContain(
      'Baseline (every held-out deal given the training win rate, 23.5%): log-loss 0.541, AUC 0.500.',
    );
    expect(text(r)).not.toContain('The settings have changed since');
  });

  it('shows the picked model’s channel shares with 90% intervals, else the recommended one’s', async () => {
    backend(withEvaluation(() => json(evaluated())));
    const r = renderPage();
    await evaluationShown(r);
    const title = () => text(r).match(/Channel shares under [^)]*\)/)?.[0];
    // W-shaped (the saved model) was evaluated: its shares, largest first, labels from settings.
    expect(title()).toBe(
      'Channel shares under W-shaped, with 90% intervals (the model picked above)',
    );
    expect(rows(r, 'evaluation-shares')).toEqual([
      'Channel Share 90% interval',
      'Paid search 38% 33% – 43%',
      'Organic search 35% 30% – 40%',
      'Webinar 27% 22% – 33%',
    ]);

    pick(r, 'markov'); // order 1 by default
    await r.waitFor(() => {
      expect(title()).toBe(
        'Channel shares under Markov chain, order 1, with 90% intervals (the model picked above)',
      );
    });
    expect(rows(r, 'evaluation-shares').slice(1)).toEqual([
      'Paid search 40.1% 35.2% – 44.9%',
      'Webinar 34.9% 29.8% – 40.2%',
      'Organic search 25% 20.1% – 29.9%',
    ]);
    // Order 4 is not evaluated: the recommended model's shares, and the page says why.
    r.find(NumberInput, { name: 'markovOrder' }).trigger('onChange', 4 as never);
    await r.waitFor(() => {
      expect(title()).toBe(
        'Channel shares under Logistic regression, with 90% intervals (the recommended model: Markov chain, order 4 was not evaluated)',
      );
    });
    expect(rows(r, 'evaluation-shares').slice(1)).toEqual([
      'Webinar 51.9% 45% – 58%',
      'Paid search 30% 24.1% – 35.9%',
      'Organic search 18.2% 0% – 24%',
    ]);
  });

  it('shows the agreement between models and says when the settings changed since', async () => {
    backend(withEvaluation(() => json(evaluated(3))));
    const r = renderPage();
    await evaluationShown(r);
    expect(rows(r, 'evaluation-agreement')).toEqual([
      'Models ρ',
      'Markov chain, order 1 · Shapley (conversion rates) 0.50',
      'Markov chain, order 1 · Logistic regression 1.00',
      'Shapley (conversion rates) · Logistic regression 0.50',
      'Logistic regression · W-shaped −0.50',
    ]);
    await r.waitFor(() => {
      expect(text(r)).toContain(`The settings have changed since (now v4). ${NEXT_EVALUATION}`);
    });
    expect(text(r)).toContain('under settings v3.');
  });
});
