import { Flex, MultiSelect, NumberInput, Toggle, ToggleGroup } from '@hubspot/ui-extensions';
import { TOUCH_KINDS } from '@deal-attribution/domain';
import type { TouchKind } from '@deal-attribution/domain';
import type { ReadySettingsForm } from '../hooks/useSettingsForm.js';
import { humanize } from '../format.js';
import { fieldProps } from './field.js';

const KIND_OPTIONS = TOUCH_KINDS.map((k) => ({ label: humanize(k), value: k }));
const isTouchKind = (v: string): v is TouchKind => (TOUCH_KINDS as readonly string[]).includes(v);

/** Which touches make up a deal's journey. */
export function JourneySection({ form }: { readonly form: ReadySettingsForm }) {
  const { draft, set, channels } = form;
  return (
    <Flex direction="column" gap="sm">
      <Flex direction="row" gap="sm" wrap>
        <NumberInput
          label="Lookback (days)"
          name="lookbackDays"
          description="Touches up to this many days before the deal was created count."
          value={draft.lookbackDays}
          min={1}
          max={730}
          {...fieldProps(form, 'lookbackDays')}
          onChange={(v) => {
            set('lookbackDays', v);
          }}
        />
        <NumberInput
          label="Time-decay half-life (days)"
          name="halfLifeDays"
          description="Under time decay, a touch's weight halves every this many days before the close."
          value={draft.halfLifeDays}
          min={0}
          precision={1}
          {...fieldProps(form, 'halfLifeDays')}
          onChange={(v) => {
            set('halfLifeDays', v);
          }}
        />
        <NumberInput
          label="Reactivation after (days of silence)"
          name="reactivationDays"
          value={draft.reactivationDays}
          min={1}
          max={365}
          {...fieldProps(form, 'reactivationDays')}
          onChange={(v) => {
            set('reactivationDays', v);
          }}
        />
      </Flex>
      <ToggleGroup
        toggleType="checkboxList"
        name="touchKinds"
        label="Touch types that count"
        options={KIND_OPTIONS}
        value={[...draft.touchKinds]}
        inline
        {...fieldProps(form, 'touchKinds')}
        onChange={(values) => {
          set('touchKinds', values.filter(isTouchKind));
        }}
      />
      <Toggle
        label="Include every contact of the deal's companies, not only the deal's own contacts"
        name="accountScope"
        checked={draft.accountScope}
        onChange={(checked) => {
          set('accountScope', checked);
        }}
      />
      <ToggleGroup
        toggleType="radioButtonList"
        name="openDealClosing"
        label="Open deals"
        options={[
          { label: 'Spread the closing share over the other touches', value: 'renormalise' },
          { label: 'Give the latest touch a pending closing share', value: 'pending' },
        ]}
        value={draft.openDealClosing}
        {...fieldProps(form, 'openDealClosing')}
        onChange={(value) => {
          if (value === 'renormalise' || value === 'pending') set('openDealClosing', value);
        }}
      />
      <MultiSelect
        label="Direct channels"
        name="directChannels"
        description="Ignored by the last non-direct touch model."
        value={[...draft.directChannels]}
        options={channels.map((c) => ({ label: c.label, value: c.id }))}
        {...fieldProps(form, 'directChannels')}
        onChange={(values) => {
          set('directChannels', values.map(String));
        }}
      />
    </Flex>
  );
}
