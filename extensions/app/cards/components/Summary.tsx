import {
  Flex,
  Heading,
  LoadingSpinner,
  Select,
  Statistics,
  StatisticsItem,
  StatusTag,
  Text,
} from '@hubspot/ui-extensions';
import { MODELS, modelIdSchema } from '@deal-attribution/domain';
import type { DealAttributionBody, ModelId } from '@deal-attribution/domain';
import { formatDateTime, formatMoney, formatShare } from '../format.js';

const STAGE_TAG = {
  open: { variant: 'info', label: 'Open: pipeline attribution' },
  won: { variant: 'success', label: 'Closed won' },
  lost: { variant: 'danger', label: 'Closed lost' },
} as const;

const MODEL_OPTIONS = MODELS.map((m) => ({ label: m.label, value: m.id }));

interface Props {
  readonly data: DealAttributionBody;
  readonly timeZone: string;
  readonly refreshing: boolean;
  readonly onModelChange: (model: ModelId) => void;
}

/** Amount, model, stage and the journey's key figures, with the model switcher. */
export function Summary({ data, timeZone, refreshing, onModelChange }: Props) {
  const { deal, stats } = data;
  const stage = STAGE_TAG[deal.stage];
  const amount = deal.amountMissing
    ? 'No amount'
    : formatMoney(data.amount.cents, data.amount.currency);
  return (
    <Flex direction="column" gap="sm">
      <Flex direction="row" justify="between" align="center" wrap>
        <Flex direction="column" gap="flush">
          <Heading>{amount}</Heading>
          <Text variant="microcopy">
            {`${data.modelLabel} · computed ${formatDateTime(data.computedAt, timeZone)}`}
          </Text>
        </Flex>
        <StatusTag variant={stage.variant}>{deal.stageLabel ?? stage.label}</StatusTag>
      </Flex>
      <Flex direction="row" gap="sm" align="end" wrap>
        <Select
          label="Attribution model"
          name="model"
          value={data.model}
          options={MODEL_OPTIONS}
          onChange={(value) => {
            const parsed = modelIdSchema.safeParse(value);
            if (parsed.success) onModelChange(parsed.data);
          }}
        />
        {refreshing ? <LoadingSpinner label="Recomputing…" size="xs" layout="inline" /> : null}
      </Flex>
      <Statistics>
        <StatisticsItem label="Touches" number={stats.touchpoints} />
        <StatisticsItem label="Stakeholders" number={stats.stakeholders} />
        <StatisticsItem
          label={deal.stage === 'open' ? 'Days open' : 'Days to close'}
          number={stats.daysToClose ?? daysSince(deal.createdAt)}
        />
        <StatisticsItem
          label="Marketing / sales"
          number={
            stats.marketingShare === null || stats.salesShare === null
              ? '–'
              : `${formatShare(stats.marketingShare)} / ${formatShare(stats.salesShare)}`
          }
        />
      </Statistics>
    </Flex>
  );
}

function daysSince(iso: string): number {
  return Math.max(0, Math.floor((Date.now() - Date.parse(iso)) / 86_400_000));
}
