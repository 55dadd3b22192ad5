// The deal attribution card (crm.record.tab on deals): entry point and the state switch.
import {
  Alert,
  Button,
  EmptyState,
  ErrorState,
  Flex,
  LoadingSpinner,
  Tab,
  Tabs,
  Text,
  hubspot,
  logger,
} from '@hubspot/ui-extensions';
import type { ExtensionPointApi } from '@hubspot/ui-extensions';
import type { DealAttributionBody } from '@deal-attribution/domain';
import { ByChannel } from './components/ByChannel.js';
import { ByContact } from './components/ByContact.js';
import { Compare } from './components/Compare.js';
import { NotSynced } from './components/NotSynced.js';
import { Summary } from './components/Summary.js';
import { Timeline } from './components/Timeline.js';
import { useDealAttribution } from './hooks/useDealAttribution.js';

type CardContext = ExtensionPointApi<'crm.record.tab'>['context'];

hubspot.extend<'crm.record.tab'>(({ context }) => <DealCard context={context} />);

export function DealCard({ context }: { readonly context: CardContext }) {
  const { state, selectModel, retry } = useDealAttribution(context.crm.objectId, context.portal.id);
  switch (state.status) {
    case 'loading':
      return <LoadingSpinner label="Loading the deal's journey…" layout="centered" />;
    case 'error':
      return <Failure message={state.message} onRetry={retry} />;
    case 'not_synced':
      return <NotSynced data={state.data} onRefresh={retry} />;
    case 'ready': {
      const problem = inconsistency(state.data);
      if (problem !== null) {
        logger.error(`deal ${state.data.dealId}: ${problem}`);
        return (
          <Failure
            message="The credits for this deal do not add up to its amount, so they are not shown. The app team has the details."
            onRetry={retry}
          />
        );
      }
      return (
        <Attribution
          data={state.data}
          timeZone={context.portal.timezone}
          refreshing={state.refreshing}
          onModelChange={selectModel}
        />
      );
    }
  }
}

function Failure({ message, onRetry }: { readonly message: string; readonly onRetry: () => void }) {
  return (
    <ErrorState title="Attribution is not available right now">
      <Text>{message}</Text>
      <Button onClick={onRetry}>Try again</Button>
    </ErrorState>
  );
}

/**
 * The card never shows credits that do not sum to the amount: Σ touch credits + unattributed must
 * equal the amount exactly, and so must the channel totals.
 */
export function inconsistency(data: DealAttributionBody): string | null {
  const touches = data.touchpoints.reduce((s, t) => s + t.credit.cents, 0);
  if (touches + data.unattributedCents !== data.amount.cents) {
    return `touch credits ${String(touches)} + unattributed ${String(data.unattributedCents)} ≠ amount ${String(data.amount.cents)}`;
  }
  const channels = data.byChannel.reduce((s, c) => s + c.cents, 0);
  if (channels !== touches) {
    return `channel credits ${String(channels)} ≠ touch credits ${String(touches)}`;
  }
  const negative = data.touchpoints.find((t) => t.credit.cents < 0 || t.credit.fraction < 0);
  return negative === undefined ? null : `touch ${negative.id} has negative credit`;
}

interface AttributionProps {
  readonly data: DealAttributionBody;
  readonly timeZone: string;
  readonly refreshing: boolean;
  readonly onModelChange: Parameters<typeof Summary>[0]['onModelChange'];
}

function Attribution({ data, timeZone, refreshing, onModelChange }: AttributionProps) {
  const sharesOnly = data.deal.amountMissing;
  const currency = data.amount.currency;
  return (
    <Flex direction="column" gap="md">
      <Summary
        data={data}
        timeZone={timeZone}
        refreshing={refreshing}
        onModelChange={onModelChange}
      />
      {sharesOnly ? (
        <Alert title="This deal has no amount" variant="warning">
          Credits are shown as shares of the deal. Add an amount to the deal to see them in money.
        </Alert>
      ) : null}
      {data.deal.stage === 'open' ? (
        <Alert title="Pipeline attribution" variant="info">
          This deal is still open: credit is provisional and based on the touches so far.
        </Alert>
      ) : null}
      {data.fallback === 'linear' ? (
        <Alert title={`${data.modelLabel} had nothing to learn for these channels`} variant="info">
          The credit below is split equally (linear) until the model has data for this deal's
          channels.
        </Alert>
      ) : null}
      {data.touchpoints.length === 0 ? (
        <NoTouches data={data} />
      ) : (
        <Tabs defaultSelected="timeline">
          <Tab tabId="timeline" title="Timeline">
            <Timeline
              touches={data.touchpoints}
              currency={currency}
              sharesOnly={sharesOnly}
              timeZone={timeZone}
            />
          </Tab>
          <Tab tabId="channels" title="By channel">
            <ByChannel
              byChannel={data.byChannel}
              unattributedCents={data.unattributedCents}
              currency={currency}
              sharesOnly={sharesOnly}
            />
          </Tab>
          <Tab tabId="contacts" title="By contact">
            <ByContact byContact={data.byContact} currency={currency} sharesOnly={sharesOnly} />
          </Tab>
          <Tab tabId="compare" title="Compare models">
            <Compare data={data} />
          </Tab>
        </Tabs>
      )}
    </Flex>
  );
}

function NoTouches({ data }: { readonly data: DealAttributionBody }) {
  return (
    <EmptyState title="No touches to credit yet" imageName="target" layout="vertical">
      <Text>
        {data.unattributed?.message ??
          'No touch of this deal’s buying group falls inside the lookback window.'}
      </Text>
      <Text variant="microcopy">
        What counts: form submissions, marketing email clicks, events and webinars, website visits,
        and sales calls, meetings and emails with the deal’s contacts (or, if an admin enables it,
        every contact of the deal’s companies). The whole amount is booked as unattributed until
        then.
      </Text>
    </EmptyState>
  );
}
