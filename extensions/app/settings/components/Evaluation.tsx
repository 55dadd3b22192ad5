import { Alert, Button, ErrorState, Flex, LoadingSpinner, Text } from '@hubspot/ui-extensions';
import type { ChannelInfo, EvaluationBody } from '@deal-attribution/domain';
import { formatShare, formatWhen } from '../format.js';
import { evaluationModelLabel, formatDay, formatScore, sharesToShow } from '../evaluation-view.js';
import type { EvaluationView } from '../hooks/useEvaluation.js';
import { AgreementTable, ModelsTable, SharesTable } from './EvaluationTables.js';

/** When a missing or outdated evaluation will be (re)computed. */
export const NEXT_EVALUATION =
  'The app evaluates the models after the next recompute: on the schedule, or now with Recompute now under Sync status.';

export interface EvaluationProps {
  readonly view: EvaluationView;
  /** The evaluation id of the model picked above (evaluationIdOf). */
  readonly pickedId: string;
  readonly channels: readonly ChannelInfo[];
  /** The portal's current settings version, once the sync status has loaded. */
  readonly settingsVersion: number | null;
}

/** How well each model predicts held-out deals, how stable its shares are, and a recommendation. */
export function Evaluation({ view, pickedId, channels, settingsVersion }: EvaluationProps) {
  const { state } = view;
  if (state.status === 'loading') return <LoadingSpinner label="Loading the model evaluation…" />;
  if (state.status === 'error') {
    return (
      <ErrorState title="The model evaluation could not be loaded">
        <Text>{state.message}</Text>
        <Button onClick={view.reload}>Load the evaluation again</Button>
      </ErrorState>
    );
  }
  if (state.body.status === 'not_evaluated') {
    return (
      <Alert title="Not evaluated yet" variant="info">
        {`${state.body.reason} ${NEXT_EVALUATION}`}
      </Alert>
    );
  }
  return (
    <Report
      body={state.body}
      pickedId={pickedId}
      channels={channels}
      settingsVersion={settingsVersion}
    />
  );
}

function Report({
  body,
  pickedId,
  channels,
  settingsVersion,
}: Omit<EvaluationProps, 'view'> & {
  readonly body: Extract<EvaluationBody, { status: 'ok' }>;
}) {
  const { evaluation } = body;
  const { deals, baseline, recommended } = evaluation;
  const shown = sharesToShow(evaluation, pickedId);
  return (
    <Flex direction="column" gap="sm">
      <Alert title={`Recommendation: ${evaluationModelLabel(recommended.model)}`} variant="tip">
        {`${recommended.reason} This is only a recommendation: the model in use changes when an admin picks it above and saves.`}
      </Alert>
      <Text testId="evaluation-split">
        {`Fitted on ${String(deals.train)} deals closed before ${formatDay(evaluation.cutoff)}, scored on ${String(deals.test)} held-out deals closed from then on. Computed ${formatWhen(new Date(body.computedAt).toISOString())} under settings v${String(body.settingsVersion)}.`}
      </Text>
      {settingsVersion !== null && settingsVersion !== body.settingsVersion ? (
        <Text variant="microcopy" testId="evaluation-stale">
          {`The settings have changed since (now v${String(settingsVersion)}). ${NEXT_EVALUATION}`}
        </Text>
      ) : null}
      <Text testId="evaluation-baseline">
        {`Baseline (every held-out deal given the training win rate, ${baseline.winRate === null ? '–' : formatShare(baseline.winRate)}): log-loss ${formatScore(baseline.logLoss)}, AUC ${formatScore(baseline.auc)}.`}
      </Text>
      <ModelsTable evaluation={evaluation} pickedId={pickedId} />
      <Text variant="microcopy">
        Lower log-loss is better; an AUC of 0.5 ranks won and lost deals no better than chance, 1
        ranks them perfectly. Rule models predict no outcome, so they have no scores.
      </Text>
      {shown === null ? null : (
        <>
          <Text format={{ fontWeight: 'demibold' }} testId="evaluation-shares-title">
            {`Channel shares under ${evaluationModelLabel(shown.model.id)}, with 90% intervals${
              shown.because === 'picked'
                ? ' (the model picked above)'
                : ` (the recommended model: ${evaluationModelLabel(pickedId)} was not evaluated)`
            }`}
          </Text>
          <SharesTable model={shown.model} channels={channels} />
          <Text variant="microcopy">
            The interval holds 90% of the shares found when the deals are resampled: a wide one
            means too few deals to be sure. Shares show association with winning, not cause.
          </Text>
        </>
      )}
      {evaluation.agreement.length === 0 ? null : (
        <AgreementTable agreement={evaluation.agreement} />
      )}
    </Flex>
  );
}
