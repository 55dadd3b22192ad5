import { Flex, ProgressBar, Tag, Text, Tile } from '@hubspot/ui-extensions';
import { ROLE_LABELS, modelInfo } from '@deal-attribution/domain';
import type { Settings } from '@deal-attribution/domain';
import { formatShare } from '../format.js';
import { EXAMPLE_JOURNEY, shareByPosition, shareByTimeDecay } from '../preview.js';

/** How the chosen model (with the draft's weights and half-life) splits an example journey. */
export function WeightsPreview({ draft }: { readonly draft: Settings }) {
  const info = modelInfo(draft.model);
  if (info.kind === 'data_driven') {
    return (
      <Text variant="microcopy">
        {`${info.label} learns each channel's weight from all won and lost journeys of your portal, so there is no fixed split to preview. The deal card shows its result per deal.`}
      </Text>
    );
  }
  const shares =
    draft.model === 'time_decay'
      ? shareByTimeDecay(draft.halfLifeDays)
      : shareByPosition(draft.model === 'custom' ? draft.customWeights : (info.weights ?? {}));
  if (shares === null) {
    return <Text variant="microcopy">These weights give no touch any credit.</Text>;
  }
  return (
    <Flex direction="column" gap="xs" testId="weights-preview">
      <Text format={{ fontWeight: 'demibold' }}>Example: a won deal with six touches</Text>
      {EXAMPLE_JOURNEY.map((touch, i) => {
        const share = shares[i] ?? 0;
        return (
          <Tile compact key={touch.label} testId={`preview-${String(i)}`}>
            <Flex direction="row" justify="between" align="center" wrap>
              <Flex direction="row" gap="xs" align="center" wrap>
                <Text>{`${touch.label} · ${touch.channel} · ${String(touch.daysBeforeClose)} days before close`}</Text>
                {touch.roles.map((r) => (
                  <Tag key={r} variant="success">
                    {ROLE_LABELS[r]}
                  </Tag>
                ))}
              </Flex>
              <Text format={{ fontWeight: 'bold' }}>{formatShare(share)}</Text>
            </Flex>
            <ProgressBar
              value={Math.round(share * 1000) / 10}
              maxValue={100}
              aria-label={touch.label}
            />
          </Tile>
        );
      })}
    </Flex>
  );
}
