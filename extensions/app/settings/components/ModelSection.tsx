import { Flex, MultiSelect, NumberInput, Select, Text } from '@hubspot/ui-extensions';
import {
  MODELS,
  ROLE_LABELS,
  WEIGHT_BUCKETS,
  modelIdSchema,
  modelInfo,
} from '@deal-attribution/domain';
import type { WeightBucket } from '@deal-attribution/domain';
import type { ReadySettingsForm } from '../hooks/useSettingsForm.js';
import { WeightsPreview } from './WeightsPreview.js';
import { fieldProps } from './field.js';

const MODEL_OPTIONS = MODELS.map((m) => ({ label: m.label, value: m.id }));

function bucketLabel(b: WeightBucket): string {
  return b === 'MID' ? 'Other touches (middle)' : ROLE_LABELS[b];
}

/** Model picker with its live preview, the custom weights editor, comparison models. */
export function ModelSection({ form }: { readonly form: ReadySettingsForm }) {
  const { draft, set } = form;
  const total = WEIGHT_BUCKETS.reduce((s, b) => s + draft.customWeights[b], 0);
  return (
    <Flex direction="column" gap="sm">
      <Select
        label="Attribution model"
        name="model"
        value={draft.model}
        options={MODEL_OPTIONS}
        description={modelInfo(draft.model).summary}
        {...fieldProps(form, 'model')}
        onChange={(value) => {
          const parsed = modelIdSchema.safeParse(value);
          if (parsed.success) set('model', parsed.data);
        }}
      />
      {draft.model === 'custom' ? (
        <Flex direction="column" gap="xs" testId="custom-weights">
          <Text>Custom weights, in percent; they must total 100%.</Text>
          <Flex direction="row" gap="sm" wrap>
            {WEIGHT_BUCKETS.map((b) => {
              return (
                <NumberInput
                  key={b}
                  label={bucketLabel(b)}
                  name={`customWeights.${b}`}
                  value={draft.customWeights[b]}
                  min={0}
                  max={100}
                  precision={1}
                  {...fieldProps(form, `customWeights.${b}`)}
                  onChange={(value) => {
                    set('customWeights', { ...draft.customWeights, [b]: value });
                  }}
                />
              );
            })}
          </Flex>
          <Text
            format={{ fontWeight: 'bold' }}
            testId="custom-weights-total"
          >{`Total: ${String(Math.round(total * 10) / 10)}%${
            form.errorFor('customWeights') === undefined
              ? ''
              : ` — ${form.errorFor('customWeights') ?? ''}`
          }`}</Text>
        </Flex>
      ) : null}
      {draft.model === 'markov' ? (
        <NumberInput
          label="Markov chain order"
          name="markovOrder"
          description="How many previous touches the chain remembers (1–4); higher needs more deals."
          value={draft.markovOrder}
          min={1}
          max={4}
          {...fieldProps(form, 'markovOrder')}
          onChange={(v) => {
            set('markovOrder', v);
          }}
        />
      ) : null}
      <WeightsPreview draft={draft} />
      <MultiSelect
        label="Compare with"
        name="comparisonModels"
        description="Models the deal card shows side by side with the active one (at most 5)."
        value={[...draft.comparisonModels]}
        options={MODEL_OPTIONS}
        {...fieldProps(form, 'comparisonModels')}
        onChange={(values) => {
          set(
            'comparisonModels',
            values.flatMap((v) => {
              const parsed = modelIdSchema.safeParse(v);
              return parsed.success ? [parsed.data] : [];
            }),
          );
        }}
      />
    </Flex>
  );
}
