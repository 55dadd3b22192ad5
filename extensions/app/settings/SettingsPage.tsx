// The app's settings page: model and tuning, the model evaluation, channel rules, schedule,
// write-back, sync health.
import {
  Accordion,
  Alert,
  Button,
  ButtonRow,
  ErrorState,
  Flex,
  LoadingButton,
  LoadingSpinner,
  Text,
  hubspot,
} from '@hubspot/ui-extensions';
import type { ExtensionPointApi } from '@hubspot/ui-extensions';
import { ChannelRules } from './components/ChannelRules.js';
import { Evaluation } from './components/Evaluation.js';
import { JourneySection } from './components/JourneySection.js';
import { ModelSection } from './components/ModelSection.js';
import { RoleWeights } from './components/RoleWeights.js';
import { Schedule, WriteBack } from './components/ScheduleAndWriteBack.js';
import { SyncStatus } from './components/SyncStatus.js';
import { evaluationIdOf } from './evaluation-view.js';
import { useEvaluation, type EvaluationView } from './hooks/useEvaluation.js';
import { useSettingsForm } from './hooks/useSettingsForm.js';
import type { ReadySettingsForm } from './hooks/useSettingsForm.js';
import { useSyncStatus } from './hooks/useSyncStatus.js';

type SettingsContext = ExtensionPointApi<'settings'>['context'];

hubspot.extend<'settings'>(({ context }) => <SettingsPage context={context} />);

export function SettingsPage({ context }: { readonly context: SettingsContext }) {
  const form = useSettingsForm(context.portal.id);
  const status = useSyncStatus(context.portal.id);
  const evaluation = useEvaluation(context.portal.id);
  const settingsVersion =
    status.state.status === 'ready' ? status.state.data.attribution.settingsVersion : null;
  return (
    <Flex direction="column" gap="md">
      <Accordion title="Sync status" defaultOpen>
        <SyncStatus view={status} />
      </Accordion>
      {form.load.status === 'error' ? (
        <ErrorState title="The settings could not be loaded">
          <Text>{form.load.message}</Text>
          <Button onClick={form.reload}>Try again</Button>
        </ErrorState>
      ) : form.draft === null ? (
        <LoadingSpinner label="Loading settings…" layout="centered" />
      ) : (
        <Editor
          form={{ ...form, draft: form.draft }}
          portalId={context.portal.id}
          evaluation={evaluation}
          settingsVersion={settingsVersion}
        />
      )}
    </Flex>
  );
}

function Editor({
  form,
  portalId,
  evaluation,
  settingsVersion,
}: {
  readonly form: ReadySettingsForm;
  readonly portalId: number;
  readonly evaluation: EvaluationView;
  readonly settingsVersion: number | null;
}) {
  return (
    <Flex direction="column" gap="md">
      <Accordion title="Attribution model" defaultOpen>
        <ModelSection form={form} />
      </Accordion>
      <Accordion title="Model evaluation" defaultOpen>
        <Evaluation
          view={evaluation}
          pickedId={evaluationIdOf(form.draft)}
          channels={form.channels}
          settingsVersion={settingsVersion}
        />
      </Accordion>
      <Accordion title="Journeys">
        <JourneySection form={form} />
      </Accordion>
      <Accordion title="Contact roles">
        <RoleWeights form={form} />
      </Accordion>
      <Accordion title="Channel rules">
        <ChannelRules form={form} portalId={portalId} />
      </Accordion>
      <Accordion title="Schedule">
        <Schedule form={form} />
      </Accordion>
      <Accordion title="Write-back">
        <WriteBack form={form} />
      </Accordion>
      {form.notice === null ? null : (
        <Alert
          title={form.notice.ok ? 'Settings saved' : 'Settings not saved'}
          variant={form.notice.ok ? 'success' : 'error'}
        >
          {form.notice.message}
        </Alert>
      )}
      <ButtonRow>
        <LoadingButton
          variant="primary"
          loading={form.saving}
          disabled={!form.dirty || form.errorCount > 0}
          onClick={form.save}
        >
          Save
        </LoadingButton>
        <Button disabled={!form.dirty} onClick={form.discard}>
          Discard changes
        </Button>
        <Button variant="transparent" onClick={form.reload}>
          Reload
        </Button>
      </ButtonRow>
      {form.errorCount > 0 ? (
        <Text variant="microcopy">{`Fix the ${String(form.errorCount)} highlighted field(s) to save.`}</Text>
      ) : null}
    </Flex>
  );
}
