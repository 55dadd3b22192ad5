import { Flex, NumberInput, Toggle, ToggleGroup } from '@hubspot/ui-extensions';
import {
  ASSOCIATED_WRITEBACK_PROPERTIES,
  DEAL_WRITEBACK_PROPERTIES,
} from '@deal-attribution/domain';
import type { ReadySettingsForm } from '../hooks/useSettingsForm.js';
import { fieldProps } from './field.js';

export function Schedule({ form }: { readonly form: ReadySettingsForm }) {
  const { draft, set } = form;
  return (
    <Flex direction="row" gap="sm" wrap>
      <NumberInput
        label="Sync every (minutes)"
        name="schedule.incrementalMinutes"
        value={draft.schedule.incrementalMinutes}
        min={5}
        max={1440}
        {...fieldProps(form, 'schedule.incrementalMinutes')}
        onChange={(v) => {
          set('schedule', { ...draft.schedule, incrementalMinutes: v });
        }}
      />
      <NumberInput
        label="Nightly full reconcile at (hour, 0–23)"
        name="schedule.nightlyReconcileHour"
        value={draft.schedule.nightlyReconcileHour}
        min={0}
        max={23}
        {...fieldProps(form, 'schedule.nightlyReconcileHour')}
        onChange={(v) => {
          set('schedule', { ...draft.schedule, nightlyReconcileHour: v });
        }}
      />
    </Flex>
  );
}

const options = (names: readonly string[]) => names.map((n) => ({ label: n, value: n }));
const pick = <T extends string>(names: readonly T[], values: readonly string[]): T[] =>
  names.filter((n) => values.includes(n));

/** Which attribution properties the app writes to HubSpot records. */
export function WriteBack({ form }: { readonly form: ReadySettingsForm }) {
  const { draft, set } = form;
  const wb = draft.writeBack;
  return (
    <Flex direction="column" gap="sm">
      <Toggle
        label="Write attribution back to HubSpot properties"
        name="writeBack.enabled"
        checked={wb.enabled}
        onChange={(enabled) => {
          set('writeBack', { ...wb, enabled });
        }}
      />
      <ToggleGroup
        toggleType="checkboxList"
        name="writeBack.deal"
        label="Deal properties"
        options={options(DEAL_WRITEBACK_PROPERTIES)}
        value={[...wb.deal]}
        {...fieldProps(form, 'writeBack.deal')}
        onChange={(values) => {
          set('writeBack', { ...wb, deal: pick(DEAL_WRITEBACK_PROPERTIES, values) });
        }}
      />
      <ToggleGroup
        toggleType="checkboxList"
        name="writeBack.contact"
        label="Contact properties"
        options={options(ASSOCIATED_WRITEBACK_PROPERTIES)}
        value={[...wb.contact]}
        {...fieldProps(form, 'writeBack.contact')}
        onChange={(values) => {
          set('writeBack', { ...wb, contact: pick(ASSOCIATED_WRITEBACK_PROPERTIES, values) });
        }}
      />
      <ToggleGroup
        toggleType="checkboxList"
        name="writeBack.company"
        label="Company properties"
        options={options(ASSOCIATED_WRITEBACK_PROPERTIES)}
        value={[...wb.company]}
        {...fieldProps(form, 'writeBack.company')}
        onChange={(values) => {
          set('writeBack', { ...wb, company: pick(ASSOCIATED_WRITEBACK_PROPERTIES, values) });
        }}
      />
    </Flex>
  );
}
